"""Gestion, one registration: its recap, its pieces with their files, and the rectorat's decisions."""
from pathlib import Path

from flask import abort, current_app, flash, request, url_for
from flask_login import current_user

import clock
import mail
import preview
import recap
import storage
from forms.messages import StaffMessageForm
from forms.staff import RefusePieceForm, SetAsideForm
from models import AddressChange, Message, Piece, db, journal, review
from models.errors import DossierChanged, NotAllowed
from views.page import render, see_other, wants_fragment
from views.staff import bp


def registration_or_404(number):
    """The registration ``number`` if the current staff member reviews it; another pôle's is not found."""
    return review.registration(current_user, number) or abort(404)


def piece_or_404(piece_id):
    return review.piece(current_user, piece_id) or abort(404)


def review_page(registration, status=200, refuse_forms=None, set_aside_form=None, error=None, message_form=None,
                sent_notice=""):
    """The review page of ``registration``; a failed form comes back with what was typed and its errors.

    Opening it reads the candidate's messages. With htmx, sending a message answers with the thread alone.
    """
    session = registration.session
    thread = Message.opened(registration, by_staff=True)
    pieces = Piece.read_files(Piece.for_registration(registration))
    files = {piece.id: piece.files for piece in pieces if piece.files}
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    for upload in (upload for piece_files in files.values() for upload in piece_files):
        if upload.content_type == storage.PDF.content_type:
            upload.pages = preview.page_count(folder / upload.stored_name)
    refuse_forms = refuse_forms or {}
    for piece in pieces:
        piece.registration = registration  # one registration and session for every piece's due date
        refuse_forms.setdefault(piece.id, RefusePieceForm(session, formdata=None, prefix=f"piece-{piece.id}"))
    changes = AddressChange.of_registration(registration)
    return render("staff/registration.html", "messages/_thread.html", status=status, registration=registration,
                  exam_session=session, thread=thread,
                  message_form=message_form or StaffMessageForm(formdata=None), staff_view=True,
                  action=url_for("staff.write", number=registration.number), sent_notice=sent_notice,
                  zone=session.timezone, sections=recap.sections(registration),
                  saved_line=recap.saved_line(registration), max_pages=preview.MAX_PAGES, pieces=pieces, files=files,
                  refuse_forms=refuse_forms,
                  set_aside_form=set_aside_form or SetAsideForm(formdata=None), changes=changes,
                  history=journal.history(registration), error=error)


@bp.get("/inscriptions/<number>")
def registration(number):
    """One registration: its recap, address changes, pieces with their files, and the actions on them."""
    return review_page(registration_or_404(number))


def seen_version():
    """The dossier version the decision's author saw, sent by the page's form; -1, which no dossier has,
    when it is missing or garbled."""
    return request.form.get("dossier_version", -1, type=int)


def decide(registration, decision, done):
    """Carry out ``decision(seen)`` (in one transaction with its email); back to the review page saying ``done``,
    or the page again with the reason when the rules refuse it (someone decided first, the piece is gone…).

    A dossier that changed since the page was opened (a new file, another decision) is shown afresh, 409.
    """
    seen = seen_version()
    try:
        with db.atomic():
            decision(seen)
    except DossierChanged as changed:
        return review_page(registration_or_404(registration.number), 409, error=changed.message)
    except NotAllowed as refused:
        return review_page(registration_or_404(registration.number), 422, error=refused.message)
    flash(done, "success")
    return see_other("staff.registration", number=registration.number)


@bp.post("/pieces/<int:piece_id>/valider")
def accept_piece(piece_id):
    """Valider la pièce."""
    piece = piece_or_404(piece_id)
    return decide(piece.registration, lambda seen: piece.accept(current_user.id, seen),
                  f"Pièce « {piece.label} » validée.")


@bp.post("/pieces/<int:piece_id>/refuser")
def refuse_piece(piece_id):
    """Refuser la pièce: the candidate gets the reason, and until when to upload again, by email."""
    piece = piece_or_404(piece_id)
    registration = piece.registration
    form = RefusePieceForm(registration.session, prefix=f"piece-{piece.id}")
    if not form.validate_on_submit():
        return review_page(registration, 422, refuse_forms={piece.id: form})

    def refuse(seen):
        refused = piece.refuse(current_user.id, form.reason.data.strip(), form.due_override(), seen)
        if (form.message.data or "").strip():
            # Motif and explanation together in the thread; the refusal's email already tells the candidate.
            Message.write(registration, current_user.id, f"« {piece.label} » refusée. Motif : {refused.refusal_reason}"
                          f"\n\n{form.message.data.strip()}", from_staff=True)
        mail.send(registration.account.email, "piece_refused", piece=refused, registration=registration,
                  pole=registration.exam.pole, still_open=clock.now() < refused.due_at,
                  link=url_for("uploads.home", _external=True))

    return decide(registration, refuse,
                  f"Pièce « {piece.label} » refusée ; le candidat en est informé par courriel.")


@bp.post("/inscriptions/<number>/valider")
def validate(number):
    """Valider l'inscription, once each piece is validated: the candidate is told by email."""
    registration = registration_or_404(number)

    def validate(seen):
        registration.validate(current_user.id, seen)
        mail.send(registration.account.email, "registration_validated", registration=registration,
                  pole=registration.exam.pole, link=url_for("registration.space", _external=True))

    return decide(registration, validate, "Inscription validée ; le candidat en est informé par courriel.")


@bp.post("/inscriptions/<number>/ecarter")
def set_aside(number):
    """Écarter l'inscription: the reason is kept, shown to the candidate and emailed."""
    registration = registration_or_404(number)
    form = SetAsideForm()
    if not form.validate_on_submit():
        return review_page(registration, 422, set_aside_form=form)
    reason = form.reason.data.strip()

    def set_aside(seen):
        registration.set_aside(current_user.id, reason, seen)
        mail.send(registration.account.email, "registration_set_aside", registration=registration,
                  reason=reason, pole=registration.exam.pole, link=url_for("registration.space", _external=True))

    return decide(registration, set_aside, "Inscription écartée ; le candidat en est informé par courriel.")


@bp.post("/inscriptions/<number>/messages")
def write(number):
    """Envoyer a message to the candidate, who is told by email (without the message) and reads it in the portal."""
    registration = registration_or_404(number)
    form = StaffMessageForm()
    if not form.validate_on_submit():
        return review_page(registration, 422, message_form=form)
    try:
        with db.atomic():
            Message.write(registration, current_user.id, form.body.data, from_staff=True)
            mail.send(registration.account.email, "message_to_candidate", registration=registration,
                      link=url_for("messages.home", _external=True))
    except NotAllowed as refused:
        form.body.errors.append(refused.message)
        return review_page(registration, 422, message_form=form)
    notice = "Message envoyé ; le candidat en est prévenu par courriel."
    if wants_fragment():
        return review_page(registration, message_form=StaffMessageForm(formdata=None), sent_notice=notice)
    flash(notice, "success")
    return see_other("staff.registration", number=registration.number, _anchor="fil")


@bp.post("/adresses/<int:change_id>/vu")
def address_seen(change_id):
    """Mark a change of postal address as taken into account."""
    change = review.address_change(current_user, change_id) or abort(404)
    change.mark_seen(current_user.id)
    return see_other("staff.registration", number=change.registration.number)
