"""Exporter la liste: the filtered registrations as a CSV file that Excel opens in French."""
import csv
import io
from itertools import islice

from flask import Response, stream_with_context
from flask_login import current_user

import dates
from models import Piece, review
from views.staff import bp, session_and_filters_or_404

COLUMNS = ("Numéro", "Civilité", "Nom de naissance", "Nom d'usage", "Prénoms", "Date de naissance", "Examen", "Pôle",
           "Statut", "Pièces manquantes", "Date de déclaration", "Adresse", "Code postal", "Commune", "Téléphone",
           "Courriel")
# Rows are written by batches, each with one query for its missing pieces.
BATCH = 500
# A cell starting with one of these is a formula to a spreadsheet: a candidate
# could type « =HYPERLINK(…) » as their name (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    """A value as a harmless cell: a text that would start a formula gets a quote in front."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def missing_pieces(registrations):
    """``{registration id: "Label ; Label (refusée)"}``: what each candidate still has to provide."""
    missing = {}
    pieces = (Piece.select(Piece.registration, Piece.label, Piece.status)
              .where(Piece.registration.in_([r.id for r in registrations]), Piece.obsolete_at.is_null(),
                     Piece.status.in_(("manquante", "refusée"))).order_by(Piece.position))
    for piece in pieces:
        label = f"{piece.label} (refusée)" if piece.status == "refusée" else piece.label
        missing.setdefault(piece.registration_id, []).append(label)
    return {key: " ; ".join(labels) for key, labels in missing.items()}


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
        missing = missing_pieces(batch)
        for r in batch:
            yield line((r.number, r.civilite, r.birth_name, r.usage_name, r.first_names,
                        dates.numeric_date(r.birth_date), r.exam_label, r.pole_label,
                        r.status, missing.get(r.id, ""), dates.compact_datetime(r.pieces_declared_at, zone, missing=""),
                        ", ".join(part.strip() for part in r.address.splitlines() if part.strip()),
                        r.postcode, r.commune, r.phone, r.email))


@bp.get("/export.csv")
def export():
    """Exporter la liste (CSV): the registrations of the current filters, streamed."""
    session, form = session_and_filters_or_404()
    query = review.registration_list(current_user, session, form.values())
    response = Response(stream_with_context(rows(query, session.timezone)), mimetype="text/csv")
    response.headers.set("Content-Disposition", "attachment", filename=f"inscriptions-{session.code}.csv")
    return response
