"""Exporter la liste: the filtered registrations as a CSV file that Excel opens in French, with every field of
the recap, phone numbers written one way, and the state of each piece."""
import csv
import io
import re
import zipfile
from itertools import islice
from pathlib import Path

from flask import Response, abort, current_app, stream_with_context
from flask_login import current_user

import dates
import recap
import storage
from forms.address import is_france
from forms.registration import JDC_LABELS
from models import Piece, Upload, review
from views.staff import bp, session_and_filters_or_404

COLUMNS = ("Numéro", "Civilité", "Nom de naissance", "Nom d'usage", "Prénoms", "Date de naissance", "Examen", "Pôle",
           "Statut", "Pièces manquantes", "Date de déclaration", "Adresse", "Code postal", "Commune", "Téléphone",
           "Courriel", "Pays", "Lieu de naissance", "Nationalité", "Vous êtes", "Organisme de formation à distance",
           "Langue vivante", "Épreuves facultatives", "Diplômes déjà obtenus", "Dispense d'épreuves demandée",
           "Notes d'une session antérieure conservées", "Diplôme obtenu à l'étranger",
           "Expérience professionnelle justifiée", "Aménagement des épreuves demandé", "Recensement et JDC",
           "Version", "Enregistrée le", "Motif (inscription écartée)", "État des pièces")
# Rows are written by batches, each with one query for its missing pieces.
BATCH = 500
# Registrations whose files are listed by one query, in a ZIP of the list; files are copied by chunks.
ZIP_BATCH = 100
CHUNK = 64 * 1024
# A cell starting with one of these is a formula to a spreadsheet: a candidate
# could type « =HYPERLINK(…) » as their name (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """A value as a harmless cell: a text that would start a formula gets a quote in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def phone(typed):
    """One way to write a phone number: « 06 12 34 56 78 » for a French one (« +33 6… » included), « +32470123456 »
    for another country's; anything else as typed (it is still made harmless by ``cell``)."""
    digits = re.sub(r"[\s.\-/()]", "", typed or "")
    if re.fullmatch(r"(\+33|0033)[1-9]\d{8}", digits):
        digits = "0" + digits[-9:]
    if re.fullmatch(r"0[1-9]\d{8}", digits):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"(\+|00)[1-9]\d{6,14}", digits):
        return "+" + digits.removeprefix("+").removeprefix("00")
    return typed


def birth_place(r):
    if is_france(r.birth_country):
        return f"{r.birth_commune} ({r.birth_departement})" if r.birth_departement else r.birth_commune
    return f"{r.birth_commune}, {r.birth_country}"


def piece_states(registrations):
    """``{registration id: (missing, states)}``: what each candidate still has to provide, and every piece's state."""
    missing, states = {}, {}
    pieces = (Piece.select(Piece.registration, Piece.label, Piece.status, Piece.refusal_reason)
              .where(Piece.registration.in_([r.id for r in registrations]), Piece.obsolete_at.is_null())
              .order_by(Piece.position))
    for piece in pieces:
        if piece.status in ("manquante", "refusée"):
            label = f"{piece.label} (refusée)" if piece.status == "refusée" else piece.label
            missing.setdefault(piece.registration_id, []).append(label)
        state = {"déposée": "à examiner", "refusée": f"refusée : {piece.refusal_reason}"}.get(piece.status, piece.status)
        states.setdefault(piece.registration_id, []).append(f"{piece.label} : {state}")
    return {key: (" ; ".join(missing.get(key, [])), " ; ".join(states.get(key, []))) for key in states}


def rows(query, zone):
    """The file, line by line: Excel needs the BOM to read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def line(values):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([cell(value) for value in values])
        return buffer.getvalue()

    yield "\ufeff" + line(COLUMNS)
    registrations = query.iterator()
    while batch := list(islice(registrations, BATCH)):
        pieces = piece_states(batch)
        for r in batch:
            missing, states = pieces.get(r.id, ("", ""))
            yield line((r.number, r.civilite, r.birth_name, r.usage_name, r.first_names,
                        dates.numeric_date(r.birth_date), r.exam_label, r.pole_label,
                        r.status, missing, dates.compact_datetime(r.pieces_declared_at, zone, missing=""),
                        ", ".join(part.strip() for part in r.address.splitlines() if part.strip()),
                        r.postcode, r.commune, phone(r.phone), r.email, r.country, birth_place(r), r.nationality,
                        recap.CANDIDATE_STATUS.get(r.candidate_status, ""),
                        r.organisme if r.candidate_status == "distance" else "", r.language,
                        ", ".join(r.optional_tests), r.diplomas_held, recap.yes_no(r.exemption_requested),
                        recap.yes_no(r.grades_kept), recap.yes_no(r.foreign_diploma), recap.yes_no(r.work_experience),
                        recap.yes_no(r.accommodation_requested), JDC_LABELS.get(r.jdc_status, ""), r.version,
                        dates.compact_datetime(r.saved_at, zone, missing=""), r.set_aside_reason, states))


@bp.get("/export.csv")
def export():
    """Exporter la liste (CSV): the registrations of the current filters, streamed."""
    session, form = session_and_filters_or_404()
    query = review.registration_list(current_user, session, form.values())
    response = Response(stream_with_context(rows(query, session.timezone)), mimetype="text/csv")
    response.headers.set("Content-Disposition", "attachment", filename=f"inscriptions-{session.code}.csv")
    return response


# ZIP of the pieces' files ----------------------------------------------------------------------

class _Pipe:
    """What zipfile writes into, emptied by the generator after each chunk: the archive is never whole in memory.

    It can tell its position but not seek, so zipfile writes each file's sizes
    after its data (a data descriptor), as a stream needs.
    """

    def __init__(self):
        self.chunks, self.position = [], 0

    def write(self, data):
        self.chunks.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self):
        return self.position

    def flush(self):
        pass

    def take(self):
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def files_of(registrations):
    """``[(registration, piece, upload)]`` of the files staff review, in each registration's pieces' order."""
    by_id = {r.id: r for r in registrations}
    query = (Upload.select(Upload, Piece).join(Piece)
             .where(Piece.registration.in_(list(by_id)), Piece.obsolete_at.is_null(), Upload.removed_at.is_null())
             .order_by(Piece.registration, Piece.position, Upload.created_at, Upload.id))
    return [(by_id[upload.piece.registration_id], upload.piece, upload) for upload in query]


def zip_chunks(batches, folder):
    """The ZIP of every file of the registrations in ``batches``, chunk by chunk: ``NUMÉRO_piece_N.ext``, N counting
    the registration's files in its pieces' order; ``pieces.csv`` says which file is which piece."""
    pipe = _Pipe()
    index = io.StringIO()
    writer = csv.writer(index, delimiter=";", lineterminator="\r\n")
    writer.writerow(("Fichier", "Numéro", "Pièce", "État", "Nom donné par le candidat"))
    # Photos and PDFs are already compressed: stored as they are, the archive costs no CPU.
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED) as archive:
        for batch in batches:
            counts = {}
            for registration, piece, upload in files_of(batch):
                path = folder / upload.stored_name
                if not path.is_file():
                    continue  # removed from disk meanwhile: the row goes with it
                counts[registration.id] = n = counts.get(registration.id, 0) + 1
                name = f"{registration.number}_piece_{n}{storage.BY_TYPE[upload.content_type].extension}"
                writer.writerow([cell(value) for value in (name, registration.number, piece.label, piece.status,
                                                           upload.original_name)])
                info = zipfile.ZipInfo(name, date_time=upload.created_at.timetuple()[:6])
                with archive.open(info, "w") as member, path.open("rb") as source:
                    while chunk := source.read(CHUNK):
                        member.write(chunk)
                        yield pipe.take()
                yield pipe.take()
        archive.writestr("pieces.csv", "\ufeff" + index.getvalue())
    yield pipe.take()


def zip_response(batches, filename):
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    response = Response(stream_with_context(zip_chunks(batches, folder)), mimetype="application/zip")
    response.headers.set("Content-Disposition", "attachment", filename=filename)
    return response


@bp.get("/inscriptions/<number>/pieces.zip")
def registration_zip(number):
    """Télécharger les pièces (ZIP) of one registration."""
    registration = review.registration(current_user, number) or abort(404)
    return zip_response([[registration]], f"pieces-{registration.number}.zip")


@bp.get("/pieces.zip")
def list_zip():
    """Télécharger les pièces (ZIP) of the filtered list, streamed by batches of registrations."""
    session, form = session_and_filters_or_404()
    query = review.registration_list(current_user, session, form.values())

    def batches():
        registrations = query.iterator()
        while batch := list(islice(registrations, ZIP_BATCH)):
            yield batch

    return zip_response(batches(), f"pieces-{session.code}.zip")
