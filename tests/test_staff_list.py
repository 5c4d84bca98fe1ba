"""The list of Gestion: a session's registrations of the staff member's pôles, counted, filtered, searched, paged."""
import gzip
import logging
from dataclasses import replace
from datetime import timedelta

import pytest

from models import ExamSession, Registration
from session_file import load_session_file
from tests.helpers import POITIERS_FILE, in_db, parse_html, text
from tests.staff_fixtures import enrol_many, set_pieces

LINK_TO_A_REGISTRATION = "/gestion/inscriptions/"


def numbers(response):
    """The registration numbers listed, in order."""
    return [link["href"].removeprefix(LINK_TO_A_REGISTRATION) for link in parse_html(response).find_all("a", href=True)
            if link["href"].startswith(LINK_TO_A_REGISTRATION)]


@pytest.fixture
def cast(app, open_session):
    """Candidates in every state: numbers 2 to 7 (1 is left to uploads_fixtures' candidate)."""
    with in_db(app):
        martin, = enrol_many(open_session, 1, start=2, birth_name="MARTIN", first_names="Jeanne")
        durand, = enrol_many(open_session, 1, start=3, exam="CAP-PATIS", birth_name="DURAND", first_names="Paul")
        set_pieces(durand, "déposée")
        bernard, = enrol_many(open_session, 1, start=4, exam="CAP-COIF", birth_name="BERNARD", first_names="Léa",
                              usage_name="LEROY")
        set_pieces(bernard, "validée")
        Registration.update(status="validée", pieces_declared_at=bernard.saved_at).where(
            Registration.id == bernard.id).execute()
        petit, = enrol_many(open_session, 1, start=5, exam="BACPRO-CUIS", birth_name="PETIT", first_names="Hugo")
        roux, = enrol_many(open_session, 1, start=6, birth_name="ROUX", first_names="Inès")
        Registration.update(status="annulée").where(Registration.id == roux.id).execute()
        draft, = enrol_many(open_session, 1, start=7, birth_name="BROUILLON", first_names="Max")
        Registration.update(status="brouillon", number=None).where(Registration.id == draft.id).execute()
    return open_session


def n(number):
    return f"2023-06-POI-{number:06d}"


def test_a_gestionnaire_sees_the_registrations_of_their_pole_with_counts(gestionnaire, cast):
    response = gestionnaire.get("/gestion/")
    assert response.status_code == 200
    assert numbers(response) == [n(4), n(3), n(2), n(6)]  # by name: BERNARD, DURAND, MARTIN, ROUX
    page = text(response)
    assert "Enregistrée : 2" in page and "Validée : 1" in page and "Annulée : 1" in page and "Écartée : 0" in page
    assert "BROUILLON" not in page and "PETIT" not in page
    assert "0/2 déposée" in page and "2/2 déposées, 2 à examiner" in page and "2/2 déposées, 2 validées" in page


@pytest.mark.parametrize("who, query, heading", [
    ("gestionnaire", "", "4 inscriptions"),  # not the other pôle's, not the draft
    ("gestionnaire", "?status=enregistrée", "2 inscriptions"),
    ("gestionnaire", "?status=écartée", "0 inscription"),
    ("admin", "", "5 inscriptions"),
    ("admin", "?status=validée", "1 inscription"),
])
def test_the_list_s_length_when_the_counts_by_status_give_it(request, cast, who, query, heading):
    assert f"{heading} " in text(request.getfixturevalue(who).get(f"/gestion/{query}"))


def test_an_admin_sees_every_pole(admin, cast):
    assert numbers(admin.get("/gestion/")) == [n(4), n(3), n(2), n(5), n(6)]  # BERNARD, DURAND, MARTIN, PETIT, ROUX
    assert numbers(admin.get("/gestion/?pole=bac-pro")) == [n(5)]


@pytest.mark.parametrize("query, expected", [
    ("status=validée", [4]),
    ("status=annulée", [6]),
    ("pieces=a-examiner", [3]),
    ("pieces=manquantes", [2, 6]),
    ("pieces=validees", [4]),
    ("declared=oui", [4]),
    ("declared=non", [3, 2, 6]),
    ("exam=CAP-PATIS", [3]),
    ("exam=CAP-CUIS&status=enregistrée", [2]),
    ("q=durand", [3]),
    ("q=Jeanne+martin", [2]),
    ("q=leroy", [4]),
    ("q=000006", [6]),
    ("q=personne", []),
    # Values that are not choices (an old bookmark, a typed address) are ignored, never an error.
    ("status=inconnu&pieces=toutes&declared=peut-etre&exam=BACPRO-CUIS", [4, 3, 2, 6]),
])
def test_filters_and_search(gestionnaire, cast, query, expected):
    response = gestionnaire.get(f"/gestion/?{query}")
    assert response.status_code == 200
    assert numbers(response) == [n(number) for number in expected]


def test_the_filters_keep_what_was_chosen(gestionnaire, cast):
    page = gestionnaire.get("/gestion/?status=validée&q=bernard").get_data(as_text=True)
    assert '<option selected value="validée">' in page and 'value="bernard"' in page
    assert "/gestion/export.csv?session=2023-06-poitiers&amp;status=valid%C3%A9e&amp;q=bernard" in page


def test_another_session_can_be_chosen(app, gestionnaire, cast):
    spec = load_session_file(POITIERS_FILE)
    year = timedelta(days=364)
    with in_db(app):
        older, _ = ExamSession.load_spec(replace(spec, code="2022-06-poitiers", label="Session juin 2022",
                                                 opens_at=spec.opens_at - year, closes_at=spec.closes_at - year,
                                                 documents_due_at=spec.documents_due_at - year))
        enrol_many(older, 1, start=900, birth_name="ANCIEN")
    assert n(900) not in numbers(gestionnaire.get("/gestion/"))
    response = gestionnaire.get("/gestion/?session=2022-06-poitiers")
    assert numbers(response) == [n(900)] and "Session juin 2022" in text(response)


def test_fifty_a_page(app, gestionnaire, open_session):
    with in_db(app):
        enrol_many(open_session, 120)
    first = gestionnaire.get("/gestion/?q=POI")
    assert len(numbers(first)) == 50 and "120 inscriptions — page 1 sur 3" in text(first)
    assert 'href="/gestion/?page=2&amp;session=2023-06-poitiers&amp;q=POI">Page suivante' in first.get_data(as_text=True)
    last = gestionnaire.get("/gestion/?q=POI&page=3")
    assert len(numbers(last)) == 20 and "Page suivante" not in text(last) and "Page précédente" in text(last)
    assert len(numbers(gestionnaire.get("/gestion/?page=99"))) == 20  # past the end: the last page


def test_a_full_page_fits_the_budget(app, gestionnaire, open_session):
    with in_db(app):
        enrol_many(open_session, 60, birth_name="DE LA FONTAINE-MONTGOLFIER", first_names="Marie-Amélie Françoise")
    response = gestionnaire.get("/gestion/")
    assert len(numbers(response)) == 50
    assert len(gzip.compress(response.get_data(), compresslevel=6)) <= 14 * 1024


def queries_for(caplog, browser, url):
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        assert browser.get(url).status_code == 200
    return len([r for r in caplog.records if r.name == "peewee"])


def test_the_number_of_queries_does_not_grow_with_the_rows(app, gestionnaire, open_session, caplog):
    with in_db(app):
        enrol_many(open_session, 3)
    few = queries_for(caplog, gestionnaire, "/gestion/")
    with in_db(app):
        enrol_many(open_session, 45, start=10)
    assert queries_for(caplog, gestionnaire, "/gestion/") == few


def test_a_page_of_the_list_is_read_by_sql_kept_for_that_list_and_page(admin, cast):
    from models import review

    review._list_page_sql.cache_clear()
    registered = numbers(admin.get("/gestion/?status=enregistrée"))
    assert registered == [n(3), n(2), n(5)]  # DURAND, MARTIN, PETIT
    assert numbers(admin.get("/gestion/?status=enregistrée")) == registered
    assert numbers(admin.get("/gestion/?status=validée")) == [n(4)]
    assert numbers(admin.get("/gestion/?q=leroy")) == [n(4)]
    info = review._list_page_sql.cache_info()
    assert (info.hits, info.misses) == (1, 3)
