"""Gestion is for the rectorat's staff, and each gestionnaire sees only the registrations of their pôles."""
import pytest

from models import AddressChange, Profile, Registration
from tests.helpers import PASSWORD, in_db, make_account
from tests.staff_fixtures import FIRST, audit_trail, first_upload, piece_now

# Every page of Gestion, those added with Équipe, the dashboard, ZIPs and Journal included.
PAGES = ["/gestion/", "/gestion/export.csv", "/gestion/relancer", f"/gestion/inscriptions/{FIRST}",
         "/gestion/tableau-de-bord", "/gestion/equipe", "/gestion/equipe/ajouter", "/gestion/journal",
         "/gestion/pieces.zip", f"/gestion/inscriptions/{FIRST}/pieces.zip"]


def actions(piece_id, change_id):
    """Every POST of Gestion, with what it needs to succeed."""
    return [
        (f"/gestion/pieces/{piece_id}/valider", {}),
        (f"/gestion/pieces/{piece_id}/refuser", {f"piece-{piece_id}-reason": "Illisible"}),
        (f"/gestion/inscriptions/{FIRST}/valider", {}),
        (f"/gestion/inscriptions/{FIRST}/ecarter", {"reason": "Hors délai"}),
        (f"/gestion/adresses/{change_id}/vu", {}),
        ("/gestion/relancer", {}),
    ]


@pytest.fixture
def moved(app, registration):
    """The candidate reported a new postal address."""
    with in_db(app):
        profile = Profile.keep(registration)
        return AddressChange.report(profile, {"address": "2 place du Marché", "postcode": "86100", "commune": "Châtellerault",
                                       "country": "France"}, Registration.get_by_id(registration.id))


@pytest.mark.parametrize("url", PAGES)
def test_visitors_are_asked_to_log_in(client, registration, url):
    response = client.get(url)
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]


@pytest.mark.parametrize("url", PAGES)
def test_candidates_are_refused_the_pages(uploader, url):
    assert uploader.get(url).status_code == 403


def test_candidates_are_refused_the_actions(app, uploader, deposited, moved):
    for url, data in actions(deposited.id, moved.id):
        assert uploader.post(url, data).status_code == 403, url
    assert piece_now(app, deposited).status == "déposée" and audit_trail(app) == []


def test_staff_land_on_gestion_when_they_log_in(app, browser):
    with in_db(app):
        make_account("gestion@ac-poitiers.fr", role="gestionnaire")
    browser.get("/connexion")
    response = browser.post("/connexion", {"email": "gestion@ac-poitiers.fr", "password": PASSWORD})
    assert response.headers["Location"].endswith("/gestion/")
    assert 'href="/gestion/"' in browser.get("/gestion/").get_data(as_text=True)


def test_a_gestionnaire_of_another_pole_finds_nothing(app, other_pole, deposited, moved):
    assert FIRST not in other_pole.get("/gestion/").get_data(as_text=True)
    assert FIRST not in other_pole.get("/gestion/export.csv").get_data(as_text=True)
    assert other_pole.get(f"/gestion/inscriptions/{FIRST}").status_code == 404
    assert other_pole.get(f"/justificatifs/fichiers/{first_upload(app).id}").status_code == 404
    for url, data in actions(deposited.id, moved.id)[:-1]:
        assert other_pole.post(url, data).status_code == 404, url
    with in_db(app):
        assert AddressChange.get_by_id(moved.id).seen_by_staff_at is None
    assert piece_now(app, deposited).status == "déposée" and audit_trail(app) == []
    assert registration_status(app) == "enregistrée"


def registration_status(app):
    with in_db(app):
        return Registration.get(Registration.number == FIRST).status


@pytest.mark.parametrize("who", ["gestionnaire", "admin"])
def test_staff_of_the_pole_and_admins_open_the_registration_and_its_files(app, request, deposited, who):
    browser = request.getfixturevalue(who)
    page = browser.get(f"/gestion/inscriptions/{FIRST}")
    assert page.status_code == 200 and "recto.pdf" in page.get_data(as_text=True)
    upload = first_upload(app)
    assert f"/justificatifs/fichiers/{upload.id}" in page.get_data(as_text=True)
    assert browser.get(f"/justificatifs/fichiers/{upload.id}").data.startswith(b"%PDF-")


def test_an_action_without_the_form_s_token_is_refused(app, gestionnaire, deposited):
    response = gestionnaire.client.post(f"/gestion/pieces/{deposited.id}/valider")
    assert response.status_code == 400
    assert piece_now(app, deposited).status == "déposée"


def test_an_unknown_registration_or_piece_is_not_found(gestionnaire, registration):
    assert gestionnaire.get("/gestion/inscriptions/2023-06-POI-999999").status_code == 404
    assert gestionnaire.post("/gestion/pieces/999999/valider").status_code == 404

