"""Tableau de bord: a session's figures per pôle and in total, each a link to the list it counts."""
import clock
from models import Message, Registration, db
from tests.helpers import in_db, parse_html, text
from tests.staff_fixtures import enrol_many, set_pieces


def figures(page):
    """``{row heading: [cells' text]}`` of the dashboard's table."""
    table = parse_html(page).find("table")
    return {row.find("th").text: [cell.text for cell in row.find_all("td")] for row in table.find_all("tr")
            if row.find("th") and row.find_all("td")}


def links(page):
    return {a["href"] for a in parse_html(page).find("table").find_all("a")}


def test_the_dashboard_counts_per_pole_and_in_total(app, admin, open_session, registration):
    with in_db(app):
        validated, set_aside, refused, declared = enrol_many(open_session, 4)
        enrol_many(open_session, 2, start=10, exam="BACPRO-MCV-A")  # another pôle
        Registration.update(status="validée").where(Registration.id == validated.id).execute()
        Registration.update(status="écartée").where(Registration.id == set_aside.id).execute()
        set_pieces(refused, "refusée")
        set_pieces(declared, "déposée")
        Registration.update(pieces_declared_at=clock.now()).where(Registration.id == declared.id).execute()
        Message.create(registration=declared, author=declared.account, body="?")
        Message.create(registration=declared, author=declared.account, body="!", read_at=clock.now())
    page = admin.get("/gestion/tableau-de-bord")
    assert page.status_code == 200
    rows = figures(page)
    sah = rows["Pôle services, alimentation, hôtellerie"]
    # enregistrées, déclarées, à examiner, refusées, validées, écartées, messages non lus
    assert sah == ["3", "1", "2", "2", "1", "1", "1"]
    assert rows["Total"][0] == "5" and rows["Total"][-1] == "1"
    assert "Comptes candidats activés" in text(page)
    assert any("pieces=a-examiner" in href and "pole=services-alimentation-hotellerie" in href for href in links(page))
    assert any("messages=non-lus" in href for href in links(page))


def test_a_gestionnaire_sees_only_their_poles_and_no_count_of_others(app, other_pole, open_session, registration):
    with in_db(app):
        enrol_many(open_session, 3)
    page = other_pole.get("/gestion/tableau-de-bord")
    rows = figures(page)
    assert list(rows) == ["Pôle baccalauréats professionnels", "Total"] and rows["Total"][0] == "0"
    assert "Comptes candidats activés" not in text(page)


def test_a_figure_leads_to_the_list_it_counts(app, gestionnaire, open_session, registration):
    with in_db(app):
        refused = enrol_many(open_session, 2)[0]
        set_pieces(refused, "refusée")
    listing = gestionnaire.get("/gestion/?pieces=refusees")
    assert refused.number in text(listing) and "2023-06-POI-000003" not in text(listing)


def test_the_dashboard_takes_a_few_queries_whatever_the_number_of_registrations(app, admin, open_session,
                                                                                 registration):
    with in_db(app):
        enrol_many(open_session, 60)
    executed = []
    original = db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    db.obj.execute_sql = counting
    try:
        assert admin.get("/gestion/tableau-de-bord").status_code == 200
    finally:
        db.obj.execute_sql = original
    assert len(executed) < 20
