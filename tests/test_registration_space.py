"""The candidate space after login: « Où en êtes-vous ? » says what is done,
what is missing and the next deadline in words; a candidate of a previous
session finds it there and « allez directement à l'étape 2 »."""
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from models import ExamSession
from session_file import load_session_file
from tests.helpers import PASSWORD, POITIERS_FILE, Browser, in_db, parse_html, text
from tests.registration_journey import fill_steps, register, step_url


def log_in(app, account):
    browser = Browser(app.test_client())
    browser.get("/connexion")
    response = browser.post("/connexion", {"email": account.email, "password": PASSWORD})
    assert response.status_code == 303 and response.headers["Location"].endswith("/inscription/")
    return browser


def test_a_new_candidate_sees_what_is_done_what_is_missing_and_the_deadline(open_session, logged_in):
    space = text(logged_in.get("/inscription/"))
    assert "Fait Votre compte est activé." in space
    assert "À faire M'inscrire, puis cliquer sur « Enregistrer »." in space
    assert "Votre inscription n'est pas enregistrée." in space
    assert ("Prochaine échéance : enregistrez votre inscription avant le mardi 22 novembre 2022 à 19 h 00 "
            "(heure de Paris) — plus que 21 jours. Aucune inscription ne sera reçue après cette date.") in space


def test_a_draft_says_where_to_resume(open_session, logged_in):
    fill_steps(logged_in, last=3)
    space = text(logged_in.get("/inscription/"))
    assert "Vos réponses sont gardées comme brouillon" in space and "Reprendre à l'étape 4 sur 5" in space


def test_once_saved_the_pieces_are_what_is_missing(open_session, logged_in):
    register(logged_in)
    space = text(logged_in.get("/inscription/"))
    assert "Inscription enregistrée n° 2023-06-POI-000001, version 1" in space
    assert "Disponible Votre confirmation d'inscription et la liste des pièces justificatives : Mes documents." in space
    assert "À faire 2 pièces justificatives sur 2 à déposer" in space
    assert "« J'ai fourni toutes mes pièces »" in space
    assert "Prochaine échéance : vous pouvez modifier votre inscription avant le mardi 22 novembre 2022" in space
    assert "Voir le détail de mon inscription enregistrée" in space and "Lefèvre" in space


def test_after_the_close_the_next_deadline_is_the_pieces(open_session, logged_in, clock):
    register(logged_in)
    clock.now = open_session.closes_at + timedelta(hours=1)
    space = text(logged_in.get("/inscription/"))
    assert "Prochaine échéance : déposez vos pièces avant le jeudi 24 novembre 2022 (heure de Paris)" in space
    assert "Modifier mon inscription" not in space


@pytest.fixture
def last_year(app, open_session):
    """The same academy's session one year earlier, now over."""
    spec = load_session_file(POITIERS_FILE)
    year = timedelta(days=364)
    spec = replace(spec, code="2022-06-poitiers", label="Session juin 2022", opens_at=spec.opens_at - year,
                   closes_at=spec.closes_at - year, documents_due_at=spec.documents_due_at - year,
                   exams_start_on=spec.exams_start_on.replace(year=2022))
    with in_db(app):
        return ExamSession.load_spec(spec)[0]


def test_a_candidate_of_last_session_goes_straight_to_step_2(app, candidate, clock, last_year):
    clock.now = datetime(2021, 11, 2, 9, 0)
    register(log_in(app, candidate))
    clock.now = datetime(2022, 11, 1, 9, 0)

    browser = log_in(app, candidate)
    space = text(browser.get("/inscription/"))
    assert "Vos inscriptions aux sessions précédentes" in space
    assert "Session juin 2022 (Académie de Poitiers) : n° 2022-06-POI-000001, enregistrée" in space
    assert "Votre identité et vos coordonnées sont reprises de votre inscription précédente" in space
    assert "Commencer mon inscription" in space
    assert browser.get("/documents/2022-06-POI-000001/recapitulatif").status_code == 200

    fill_steps(browser, last=1)
    identity = browser.get(step_url(2)).get_data(as_text=True)
    assert 'value="Lefèvre"' in identity and 'value="Zoé Maëlle"' in identity and 'value="14/07/2003"' in identity
    assert "checked" in parse_html(identity).find("input", value="Madame").attrs
