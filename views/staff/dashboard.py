"""Tableau de bord: a session's figures per pôle and in total, each a link to the list it counts."""
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
                  columns=COLUMNS, overview=overview)
