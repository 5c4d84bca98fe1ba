"""Journal (admins): the audit trail, filtered by staff member, action, candidate and date, paginated."""
from models import Audit
from tests.helpers import in_db, parse_html, text
from tests.staff_fixtures import FIRST, decide


def rows(page):
    """The words of the journal's table (the filters' options name every action too)."""
    table = parse_html(page).find("table")
    return table.text if table else ""


def test_the_journal_lists_and_filters_staff_actions(app, admin, gestionnaire, deposited, clock, open_session):
    decide(gestionnaire, f"/gestion/pieces/{deposited.id}/refuser", {f"piece-{deposited.id}-reason": "Floue"})
    clock.advance(days=2)
    admin.get("/gestion/equipe")
    admin.post("/gestion/equipe/ajouter", {"email": "nouveau@ac-poitiers.fr", "role": "admin"})
    opened = admin.get("/gestion/journal")
    assert "Not a valid choice" not in text(opened) and "has-error" not in opened.get_data(as_text=True)
    page = rows(opened)
    assert "pièce refusée" in page and "membre ajouté" in page and "gestion.sah@ac-poitiers.fr" in page
    with in_db(app):
        from models import Account
        sah = Account.by_email("gestion.sah@ac-poitiers.fr").id
    by_member = rows(admin.get(f"/gestion/journal?actor={sah}"))
    assert "pièce refusée" in by_member and "membre ajouté" not in by_member
    by_action = rows(admin.get("/gestion/journal?action=membre+ajouté"))
    assert "membre ajouté" in by_action and "pièce refusée" not in by_action
    by_candidate = rows(admin.get(f"/gestion/journal?candidate={FIRST}"))
    assert "pièce refusée" in by_candidate and "membre ajouté" not in by_candidate
    by_email = rows(admin.get("/gestion/journal?candidate=candidat@exemple.fr"))
    assert "pièce refusée" in by_email
    since = rows(admin.get("/gestion/journal?since=02/11/2022"))
    assert "membre ajouté" in since and "pièce refusée" not in since
    until = rows(admin.get("/gestion/journal?until=01/11/2022"))
    assert "pièce refusée" in until and "membre ajouté" not in until


def test_the_journal_is_paginated(app, admin):
    with in_db(app):
        for n in range(120):
            Audit.record("essai", None, None, f"n° {n}")
    first = text(admin.get("/gestion/journal?action=essai"))
    assert "120 actions — page 1 sur 3" in first and "Page suivante" in first
    assert "page 3 sur 3" in text(admin.get("/gestion/journal?action=essai&page=3"))


def test_only_admins_read_the_journal(gestionnaire, uploader):
    assert gestionnaire.get("/gestion/journal").status_code == 403
    assert uploader.get("/gestion/journal").status_code == 403


def test_unfiltered_the_whole_trail_is_paginated_newest_first(app, admin):
    with in_db(app):
        for n in range(120):
            Audit.record("essai", None, None, f"n° {n}")
    first, last = rows(admin.get("/gestion/journal")), text(admin.get("/gestion/journal?page=3"))
    assert "n° 119" in first and "n° 0" not in first
    assert "page 3 sur 3" in last and "n° 0" in last and "n° 119" not in last


def test_a_registrations_history_takes_its_number_literally(app):
    """A session's code may hold "_", a wildcard of LIKE: another registration's events must not match."""
    from types import SimpleNamespace

    from models.journal import history
    from tests.helpers import make_account
    with in_db(app):
        candidate = make_account("candidat.joker@exemple.fr", "une phrase de passe pour le test")
        Audit.record("inscription enregistrée", candidate, candidate, "2023_06-000001 — version 1")
        Audit.record("inscription enregistrée", candidate, candidate, "2023X06-000001 — version 1")
        events = history(SimpleNamespace(account_id=candidate.id, number="2023_06-000001"))
        assert [(e.detail, e.actor_email) for e in events] == [("2023_06-000001 — version 1", "candidat.joker@exemple.fr")]
