"""Gestion: staff of the rectorat review the registrations and pieces of their pôles.

This package holds one blueprint; each module adds its pages to it (the list
here, ``review``, ``export``, ``reminders``), and ``views.register`` imports
them all before registering it.
"""
from math import ceil
from urllib.parse import quote

from flask import Blueprint, abort, request, url_for
from flask_login import current_user, login_required

from forms.staff import FiltersForm
from models import ExamSession, catalogue
# Named one by one: ``review`` in this package is the module of the review page.
from models.review import (PAGE_ROWS, list_page, poles_of, registration_count, reviewed_exams, status_counts,
                           with_piece_totals)
from views.page import render

bp = Blueprint("staff", __name__, url_prefix="/gestion")

PER_PAGE = PAGE_ROWS


@bp.before_request
@login_required
def staff_only():
    """The rectorat's pages, for its staff only."""
    if not current_user.is_staff:
        abort(403)


def pieces_summary(row):
    """« 3/5 déposées, 1 refusée, 2 à examiner »: a row of registration_list in words."""
    words = [f"{row.pieces_provided}/{row.pieces_total} déposée{'s' if row.pieces_provided > 1 else ''}"]
    for count, singular, plural in ((row.pieces_refused, "refusée", "refusées"),
                                    (row.pieces_to_review, "à examiner", "à examiner"),
                                    (row.pieces_validated, "validée", "validées")):
        if count:
            words.append(f"{count} {singular if count == 1 else plural}")
    return ", ".join(words)


def with_links(rows):
    """``rows`` (registrations), each with the ``url`` of its review page: one url_for, each number then
    quoted into it, as url_for would (it took 15 µs a row)."""
    prefix = url_for("staff.registration", number="0")[:-1]
    for row in rows:
        row.url = prefix + quote(row.number, safe="")
    return rows


def described(rows, session):
    """``rows`` of the list, each with its ``exam_label`` (from the session's catalogue) and ``pieces_words``
    (pieces_summary): written here for the 50 rows of a page, not called from the template cell by cell."""
    catalogue_of = catalogue.of(session)
    for row in rows:
        exam = row.exam_id and catalogue_of.exam(row.exam_id)
        row.exam_label, row.pieces_words = exam.label if exam else "", pieces_summary(row)
    return rows


def staff_zone():
    """The time zone staff pages that belong to no session show times in: the current session's."""
    session = ExamSession.current()
    return session.timezone if session else "Europe/Paris"


def session_and_filters():
    """``(session, form)``: the session asked for (the current one by default) and the list's filters."""
    sessions = ExamSession.newest_first()
    asked = request.args.get("session")
    session = next((s for s in sessions if s.code == asked), None) or ExamSession.current()
    if session is None:
        return None, None
    form = FiltersForm(request.args, sessions, poles_of(current_user, session), reviewed_exams(current_user, session))
    form.session.data = session.code
    return session, form


def session_and_filters_or_404():
    session, form = session_and_filters()
    if session is None:
        abort(404)
    return session, form


def page_of(total):
    """``(page asked, number of pages)`` of a list of ``total`` rows shown PER_PAGE at a time."""
    pages = max(1, ceil(total / PER_PAGE))
    return min(max(request.args.get("page", 1, type=int), 1), pages), pages


def list_args(session, form):
    """The query string that gives the same list again (for pages, the export and reminders)."""
    return {"session": session.code, **form.values()}


@bp.get("/")
def home():
    """The registrations of a session in the staff member's pôles: counts, filters, search, 50 a page."""
    session, form = session_and_filters()
    if session is None:
        return render("staff/registrations.html", exam_session=None)
    filters = form.values()
    counts = status_counts(current_user, session)
    total = registration_count(current_user, session, filters)
    page, pages = page_of(total)
    rows = list_page(current_user, session, filters, page)
    return render("staff/registrations.html", exam_session=session, form=form, total=total, page_number=page,
                  pages=pages, rows=described(with_links(with_piece_totals(rows)), session),
                  args=list_args(session, form), counts=counts)
