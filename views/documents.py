"""Mes documents: the registration recap to print or download, and the pieces to provide."""
import io

from flask import Blueprint, Response, abort, current_app, request, send_file
from flask_login import current_user

import agenda
import clock
import dossier
import pdf
import recap
from models import ExamSession, Piece, Registration
from views.access import candidates_only
from views.page import render

bp = Blueprint("documents", __name__, url_prefix="/documents")


candidates_only(bp)


def _own(number):
    """The current account's registration with this number; anyone else's is not found."""
    registration = Registration.numbered(current_user._get_current_object(), number)
    return registration or abort(404)


@bp.get("/")
def home():
    """Mes documents: the confirmation of the current registration, the pieces, earlier sessions."""
    exam_session = ExamSession.current()
    registration = exam_session and Registration.for_account(current_user.id, exam_session)
    saved = registration if registration and registration.number else None
    return render("documents/home.html", exam_session=exam_session, registration=saved,
                  pieces=list(Piece.for_registration(saved)) if saved else [],
                  history=Registration.history(current_user.id, exam_session) if exam_session else [])


@bp.get("/<number>/recapitulatif")
def recap_page(number):
    """Visualiser / imprimer: the recap as a page with a print stylesheet."""
    registration = _own(number)
    return render("documents/recap.html", registration=registration, sections=recap.sections(registration),
                  saved_line=recap.saved_line(registration), pieces=list(Piece.for_registration(registration)),
                  pieces_due=recap.pieces_due(registration.session), contact=recap.pole_contact(registration))


@bp.get("/<number>/agenda.ics")
def calendar_file(number):
    """Ajouter à mon agenda: the candidate's own deadlines as an .ics file."""
    registration = _own(number)
    text = agenda.calendar(registration, list(Piece.for_registration(registration)), request.host.split(":")[0],
                           clock.now())
    response = send_file(io.BytesIO(text.encode("utf-8")), mimetype="text/calendar", as_attachment=True,
                         download_name=f"sesame-{registration.number}.ics")
    response.mimetype_params["charset"] = "utf-8"
    return response


@bp.get("/<number>/dossier.zip")
def dossier_zip(number):
    """Télécharger mon dossier: the recap PDF and the candidate's own files in one ZIP, streamed."""
    registration = _own(number)
    pieces = list(Piece.for_registration(registration))
    items = dossier.entries(registration, pieces, pdf.registration_pdf(registration, pieces))
    stream = dossier.stream(items, current_app.config["UPLOAD_FOLDER"])
    response = Response(stream, mimetype="application/zip")
    response.headers.set("Content-Disposition", "attachment", filename=f"dossier-{registration.number}.zip")
    return response


@bp.get("/<number>/recapitulatif.pdf")
def recap_pdf(number):
    """The recap as a PDF file."""
    registration = _own(number)
    document = pdf.registration_pdf(registration, list(Piece.for_registration(registration)))
    return send_file(io.BytesIO(document), mimetype="application/pdf", as_attachment=True,
                     download_name=f"inscription-{registration.number}.pdf")
