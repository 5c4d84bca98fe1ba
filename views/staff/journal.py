"""Journal (admins only): the audit trail, filtered by staff member, action, candidate and date, 50 a page."""
from datetime import datetime, time, timedelta

from flask import request

import dates
from forms.journal import JournalForm
from models import team
from models.journal import journal_actions, journal_count, journal_filter, journal_page
from views.page import render
from views.staff import PER_PAGE, bp, page_of, staff_zone
from views.staff.team import admin_only


def known(field):
    """A select's value when it is one of its choices (an old bookmark may name a member or action gone)."""
    return field.data if field.data in {choice.value for choice in field.choices} else None


@bp.get("/journal")
def journal():
    """Journal: who did what, when, about whom."""
    admin_only()
    form = JournalForm(request.args, team.members(), journal_actions())
    form.validate()
    zone = staff_zone()

    def midnight(day, days_after=0):
        return dates.utc(datetime.combine(day + timedelta(days=days_after), time()), zone) if day else None

    conditions = journal_filter(actor=known(form.actor), action=known(form.action),
                                candidate=(form.candidate.data or "").strip()[:100],
                                since=midnight(form.since.data), until=midnight(form.until.data, 1))
    total = journal_count(conditions)
    page, pages = page_of(total)
    args = {name: value for name, value in request.args.items() if name != "page" and value}
    return render("staff/journal.html", form=form, events=journal_page(conditions, page, PER_PAGE), total=total,
                  page_number=page, pages=pages, args=args, zone=zone)
