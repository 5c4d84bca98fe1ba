"""Gestion: staff of the rectorat review the registrations and pieces of their pôles."""
from math import ceil

from flask import Blueprint, abort, flash, request, url_for
from flask_login import current_user, login_required

import clock
import dates
import mail
import recap
import storage
from forms_staff import FiltersForm, RefusePieceForm, SetAsideForm
from models import AddressChange, Exam, ExamSession, Piece, Pole, Registration, StaffPole, Upload, db
from models.pieces import NotAllowed
from views.page import render, see_other

bp = Blueprint("staff", __name__, url_prefix="/gestion")

PER_PAGE = 50


@bp.before_request
@login_required
def staff_only():
    """The rectorat's pages, for its staff only."""
    if not current_user.is_staff:
        abort(403)


def me():
    """The staff member signed in, as an Account the queries can take."""
    return current_user._get_current_object()


@bp.context_processor
def helpers():
    """Times in the session's timezone, file sizes and names, a row's pieces in words."""

    def short(moment, zone):
        """« 21/11/2022 14:05 », compact for tables."""
        return dates.local(moment, zone).strftime("%d/%m/%Y %H:%M") if moment else "—"

    return {"short": short, "pieces_summary": pieces_summary, "file_size": storage.file_size,
            "download_name": storage.download_name}


def pieces_summary(row):
    """« 3/5 déposées, 1 refusée, 2 à examiner »: a row of Registration.for_staff in words."""
    words = [f"{row.pieces_provided}/{row.pieces_total} déposée{'s' if row.pieces_provided > 1 else ''}"]
    for count, singular, plural in ((row.pieces_refused, "refusée", "refusées"),
                                    (row.pieces_to_review, "à examiner", "à examiner"),
                                    (row.pieces_validated, "validée", "validées")):
        if count:
            words.append(f"{count} {singular if count == 1 else plural}")
    return ", ".join(words)


# The list ----------------------------------------------------------------------

def poles_of_staff(session):
    """The pôles of ``session`` the current staff member works for (all of them for an admin)."""
    query = Pole.select().where(Pole.session == session).order_by(Pole.position)
    if current_user.role != "admin":
        query = query.where(Pole.code.in_(StaffPole.select(StaffPole.pole_code)
                                          .where(StaffPole.account == current_user.id)))
    return query


def listing():
    """``(session, form)``: the session asked for (the current one by default) and the list's filters."""
    sessions = list(ExamSession.select().order_by(ExamSession.opens_at.desc()))
    asked = request.args.get("session")
    session = next((s for s in sessions if s.code == asked), None) or ExamSession.current()
    if session is None:
        return None, None
    poles = list(poles_of_staff(session))
    exams = Exam.select().where(Exam.pole.in_([pole.id for pole in poles])).order_by(Exam.position)
    form = FiltersForm(request.args, sessions, poles, exams)
    form.session.data = session.code
    return session, form


def list_args(session, form):
    """The query string that gives the same list again (for pages, the export and reminders)."""
    return {"session": session.code, **form.values()}


@bp.get("/")
def home():
    """The registrations of a session in the staff member's pôles: counts, filters, search, 50 a page."""
    session, form = listing()
    if session is None:
        return render("staff/registrations.html", exam_session=None)
    query = Registration.for_staff(me(), session, form.values())
    total = query.count()
    pages = max(1, ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    return render("staff/registrations.html", exam_session=session, form=form, total=total, page_number=page,
                  pages=pages, rows=list(query.paginate(page, PER_PAGE)), args=list_args(session, form),
                  counts=Registration.status_counts(me(), session))


# One registration: the recap, the pieces and their review -----------------------

def reviewed(number):
    """The registration ``number`` if the current staff member reviews it; another pôle's is not found."""
    registration = (Registration.in_poles_of(me())
                    .where(Registration.number == number).first())
    return registration or abort(404)


def review_page(registration, status=200, refuse_forms=None, set_aside_form=None, error=None):
    """The review page of ``registration``; a failed form comes back with what was typed and its errors."""
    session = registration.session
    pieces = list(Piece.for_registration(registration))
    files = {}
    for upload in Upload.select().where(Upload.piece.in_([p.id for p in pieces])).order_by(Upload.created_at):
        files.setdefault(upload.piece_id, []).append(upload)
    refuse_forms = refuse_forms or {}
    for piece in pieces:
        piece.registration = registration  # one registration and session for every piece's due date
        refuse_forms.setdefault(piece.id, RefusePieceForm(session, formdata=None, prefix=f"piece-{piece.id}"))
    changes = registration.address_changes.order_by(AddressChange.at.desc())
    return render("staff/registration.html", status=status, registration=registration, exam_session=session,
                  zone=session.timezone, sections=recap.sections(registration),
                  saved_line=recap.saved_line(registration), pieces=pieces, files=files, refuse_forms=refuse_forms,
                  set_aside_form=set_aside_form or SetAsideForm(formdata=None), changes=list(changes),
                  history=list(registration.staff_history()), error=error)


@bp.get("/inscriptions/<number>")
def registration(number):
    """One registration: its recap, address changes, pieces with their files, and the actions on them."""
    return review_page(reviewed(number))


def reviewed_piece(piece_id):
    return Piece.for_staff(piece_id, me()) or abort(404)


@bp.post("/pieces/<int:piece_id>/valider")
def accept_piece(piece_id):
    """Valider la pièce."""
    piece = reviewed_piece(piece_id)
    try:
        piece.accept(current_user.id)
    except NotAllowed as refused:
        return review_page(piece.registration, 422, error=refused.message)
    flash(f"Pièce « {piece.label} » validée.", "success")
    return see_other("staff.registration", number=piece.registration.number)


@bp.post("/pieces/<int:piece_id>/refuser")
def refuse_piece(piece_id):
    """Refuser la pièce: the candidate gets the reason, and until when to upload again, by email."""
    piece = reviewed_piece(piece_id)
    registration = piece.registration
    form = RefusePieceForm(registration.session, prefix=f"piece-{piece.id}")
    if not form.validate_on_submit():
        return review_page(registration, 422, refuse_forms={piece.id: form})
    try:
        with db.atomic():
            piece = piece.refuse(current_user.id, form.reason.data.strip(), form.due_override())
            mail.send(registration.account.email, "piece_refused", piece=piece, registration=registration,
                      pole=registration.exam.pole, still_open=clock.now() < piece.due_at,
                      link=url_for("uploads.home", _external=True))
    except NotAllowed as refused:
        return review_page(registration, 422, error=refused.message)
    flash(f"Pièce « {piece.label} » refusée ; le candidat en est informé par courriel.", "success")
    return see_other("staff.registration", number=registration.number)


@bp.post("/inscriptions/<number>/valider")
def validate(number):
    """Valider l'inscription, once each piece is validated."""
    registration = reviewed(number)
    try:
        registration.validate(current_user.id)
    except NotAllowed as refused:
        return review_page(registration, 422, error=refused.message)
    flash("Inscription validée.", "success")
    return see_other("staff.registration", number=number)


@bp.post("/inscriptions/<number>/ecarter")
def set_aside(number):
    """Écarter l'inscription: the reason is emailed to the candidate."""
    registration = reviewed(number)
    form = SetAsideForm()
    if not form.validate_on_submit():
        return review_page(registration, 422, set_aside_form=form)
    reason = form.reason.data.strip()
    try:
        with db.atomic():
            registration.set_aside(current_user.id, reason)
            mail.send(registration.account.email, "registration_set_aside", registration=registration,
                      reason=reason, pole=registration.exam.pole)
    except NotAllowed as refused:
        return review_page(registration, 422, error=refused.message)
    flash("Inscription écartée ; le candidat en est informé par courriel.", "success")
    return see_other("staff.registration", number=number)


@bp.post("/adresses/<int:change_id>/vu")
def address_seen(change_id):
    """Mark a change of postal address as taken into account."""
    reviewable = Registration.in_poles_of(me()).select(Registration.id)
    change = (AddressChange.get_or_none(AddressChange.id == change_id,
                                        AddressChange.registration.in_(reviewable)) or abort(404))
    change.mark_seen(current_user.id)
    return see_other("staff.registration", number=change.registration.number)


from views import staff_export, staff_reminders  # noqa: E402,F401 (their routes join this blueprint)
