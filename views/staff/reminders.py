"""Relancer les candidats: one email to each candidate of the list with pieces still missing or refused."""
from itertools import islice

from flask import flash, url_for
from flask_login import current_user

import clock
import mail
from models import catalogue, db, reminders, review
from views.page import render, see_other
from views.staff import bp, list_args, page_of, session_and_filters_or_404, with_links

# Candidates handled per transaction: the write lock is never held for long.
BATCH = 100


def remindable(session, form):
    """The candidates of the filtered list to remind now, with their email and pôle."""
    return review.registration_list(current_user, session, form.values()).where(*reminders.remindable(session))


def batches_to_remind(session, form):
    """The candidates of the filtered list to remind now, by batches of registrations.

    reminders.to_remind reads the pieces and past reminders again in each caller's
    transaction, since someone may have reminded the same candidates meanwhile.
    """
    registrations = iter(list(remindable(session, form)))
    while batch := list(islice(registrations, BATCH)):
        yield batch


@bp.get("/relancer")
def remind_confirm():
    """Relancer les candidats: how many will get an email, and who (name, number, missing pieces), 50 a page."""
    session, form = session_and_filters_or_404()
    at = clock.now()
    count = reminders.remindable_count(current_user, session, form.values(), at)
    page, pages = page_of(count)
    rows = reminders.remind_page(current_user, session, form.values(), page, at)
    reminded = reminders.to_remind(session, with_links(rows), at)
    for registration, pieces in reminded:
        # Written here for the 50 rows of a page, not looped over in the template piece by piece.
        registration.chased = " ; ".join(piece.label + (" (refusée)" if piece.status == "refusée" else "")
                                         for piece in pieces)
    return render("staff/remind.html", exam_session=session, form=form, reminded=reminded, count=count,
                  page_number=page, pages=pages, args=list_args(session, form))


@bp.post("/relancer")
def remind():
    """Queue the reminders, each candidate once in 24 hours whoever on the staff asks."""
    session, form = session_and_filters_or_404()
    poles = {pole.id: pole for pole in catalogue.of(session).poles}
    link = url_for("uploads.home", _external=True)
    sent = 0
    for batch in batches_to_remind(session, form):
        with db.atomic():
            for registration, pieces in reminders.to_remind(session, batch):
                if registration.remind(current_user.id):
                    mail.send(registration.email, "pieces_reminder", registration=registration, pieces=pieces,
                              pole=poles[registration.pole_id], link=link)
                    sent += 1
    flash(f"{sent} courriel{'s' if sent > 1 else ''} de relance envoyé{'s' if sent > 1 else ''}." if sent else
          "Aucun courriel envoyé : personne dans cette liste n'est à relancer maintenant.", "success")
    return see_other("staff.home", **list_args(session, form))
