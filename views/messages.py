"""Écrire au pôle: the candidate's message thread with the pôle of their exam."""
from flask import Blueprint, flash, url_for
from flask_login import current_user

import mail
from forms.messages import MessageForm
from models import ExamSession, Message, Registration, db
from models.errors import NotAllowed
from models.messages import CANDIDATE_DAILY_LIMIT
from views.access import candidates_only
from views.page import render, see_other, wants_fragment

bp = Blueprint("messages", __name__, url_prefix="/messages")
candidates_only(bp)


def _registration():
    """The candidate's saved registration to the current session, or None (nobody to write to before)."""
    session = ExamSession.current()
    registration = Registration.for_account(current_user.id, session) if session else None
    return registration if registration and registration.number and registration.exam_id else None


def _page(registration, form, status=200, sent_notice=""):
    if registration is None:
        return render("messages/page.html", status=status, registration=None)
    return render("messages/page.html", "messages/_thread.html", status=status, registration=registration,
                  thread=Message.opened(registration, by_staff=False), message_form=form, action=url_for("messages.home"),
                  staff_view=False, zone=registration.session.timezone, pole_label=registration.exam.pole.label,
                  daily_limit=CANDIDATE_DAILY_LIMIT, sent_notice=sent_notice)


@bp.get("/")
def home():
    """The thread with the pôle, newest last, and the form to write."""
    return _page(_registration(), MessageForm(formdata=None))


@bp.post("/")
def send():
    """Envoyer: the message joins the thread and the pôle is told by email (without the message)."""
    registration = _registration()
    form = MessageForm()
    if registration is None or not form.validate_on_submit():
        return _page(registration, form, status=422)
    try:
        with db.atomic():
            Message.write(registration, current_user.id, form.body.data, from_staff=False)
            mail.send(registration.exam.pole.email, "message_to_staff", registration=registration,
                      link=url_for("staff.registration", number=registration.number, _external=True) + "#fil")
    except NotAllowed as refused:
        form.body.errors.append(refused.message)
        return _page(registration, form, status=422)
    notice = "Votre message est envoyé au pôle."
    if wants_fragment():
        return _page(registration, MessageForm(formdata=None), sent_notice=notice)
    flash(notice, "success")
    return see_other("messages.home")
