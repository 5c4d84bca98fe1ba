"""Tableau de bord: a session's figures per pôle and in total, each a link to the list it counts."""
from functools import lru_cache
from urllib.parse import urlencode

from flask import url_for
from flask_login import current_user

from models.dashboard import candidates_overview, pole_figures
from views.page import render
from views.staff import bp, session_and_filters

# (figure, heading, the list's filters that show what it counts); None: no list shows it.
COLUMNS = [
    ("registered", "Inscriptions enregistrées", {"status": "enregistrée"}),
    ("declared", "Pièces déclarées", {"declared": "oui"}),
    ("to_review", "Pièces à examiner", {"pieces": "a-examiner"}),
    ("refused", "Pièces refusées", {"pieces": "refusees"}),
    ("validated", "Inscriptions validées", {"status": "validée"}),
    ("set_aside", "Inscriptions écartées", {"status": "écartée"}),
    ("unread", "Messages non lus", {"messages": "non-lus"}),
]


@bp.get("/tableau-de-bord")
def dashboard():
    """Tableau de bord of the chosen session, for the pôles the staff member works for."""
    session, form = session_and_filters()
    if session is None:
        return render("staff/dashboard.html", exam_session=None)
    poles, figures = pole_figures(current_user, session)
    overview = candidates_overview(session) if current_user.role == "admin" else None
    return render("staff/dashboard.html", exam_session=session, form=form, poles=poles, figures=figures,
                  columns=COLUMNS, overview=overview, links=figure_links(session, poles))


def figure_links(session, poles):
    """``{(pôle code, or None for the total; figure): the list it counts}``, the same at every view of a
    session's dashboard: written once per portal, session and set of pôles (url_for then urlencode took
    a tenth of the page)."""
    return _figure_links(url_for("staff.home"), session.code, tuple(pole.code for pole in poles))


@lru_cache(maxsize=256)
def _figure_links(the_list, session_code, pole_codes):
    return {(code, name): f"{the_list}?{urlencode({**filters, 'session': session_code, **({'pole': code} if code else {})})}"
            for code in [*pole_codes, None] for name, _, filters in COLUMNS}
