"""Enregistrer, change, cancel, until the close and not after: « A l'issue de
l'inscription, ne pas oublier d'enregistrer »."""
from datetime import timedelta

import pytest

from models import AddressChange, Profile, Registration
from tests.helpers import Browser, in_db, make_account, text
from tests.registration_journey import (GOOD, enregistrer, fill_steps, post_step, register, revision_in,
                                        step_url)


def saved(app, account):
    with in_db(app):
        return Registration.get(Registration.account == account.id)


def test_enregistrer_gives_a_number_and_sends_the_recap(app, open_session, logged_in, candidate, mailbox):
    register(logged_in)
    registration = saved(app, candidate)
    assert (registration.number, registration.version, registration.status) == ("2023-06-POI-000001", 1, "enregistrée")
    message = mailbox.last(candidate.email)
    assert "2023-06-POI-000001" in message.subject and "version 1" in message.subject
    assert "Lefèvre" in message.body and "CAP Cuisine" in message.body
    assert "Certificat individuel de participation à la Journée défense et citoyenneté" in message.body
    space = logged_in.get("/inscription/").get_data(as_text=True)
    assert "Inscription enregistrée" in space and "2023-06-POI-000001" in space
    assert "Votre inscription n'est pas enregistrée" not in space
    with in_db(app):
        assert Profile.get(Profile.account == candidate.id).birth_name == "Lefèvre"


def test_enregistrer_needs_the_verification_box(app, open_session, logged_in, candidate):
    fill_steps(logged_in)
    response = enregistrer(logged_in, verified=False)
    assert response.status_code == 422
    assert "Cochez cette case pour enregistrer : elle confirme que vous avez relu vos informations." in response.get_data(as_text=True)
    assert saved(app, candidate).number is None


def test_each_later_save_is_a_new_version_of_the_same_number(app, open_session, logged_in, candidate, mailbox):
    register(logged_in)
    assert post_step(logged_in, 3, {"commune": "Niort", "postcode": "79000"}).status_code == 303
    # Until Enregistrer, the saved registration is unchanged and the candidate is told.
    assert saved(app, candidate).commune == "Poitiers"
    assert "Vos dernières modifications ne sont pas enregistrées" in logged_in.get("/inscription/").get_data(as_text=True)
    post_step(logged_in, 4)
    assert enregistrer(logged_in).status_code == 303
    registration = saved(app, candidate)
    assert (registration.number, registration.version, registration.commune) == ("2023-06-POI-000001", 2, "Niort")
    assert "version 2" in mailbox.last(candidate.email).subject


def test_each_save_keeps_on_the_profile_what_changed(app, open_session, logged_in, candidate, clock):
    register(logged_in)
    with in_db(app):
        first = Profile.get(Profile.account == candidate.id)
    clock.advance(hours=1)
    # Saved again with the same answers: nothing to remember.
    post_step(logged_in, 4)
    assert enregistrer(logged_in).status_code == 303
    with in_db(app):
        assert Profile.get(Profile.account == candidate.id).__data__ == first.__data__
    clock.advance(hours=1)
    post_step(logged_in, 3, {"commune": "Niort", "postcode": "79000"})
    post_step(logged_in, 4)
    assert enregistrer(logged_in).status_code == 303
    with in_db(app):
        now = Profile.get(Profile.account == candidate.id)
    assert (now.commune, now.postcode, now.birth_name, now.address) == ("Niort", "79000", "Lefèvre", first.address)
    assert now.updated_at == first.updated_at + timedelta(hours=2)


def test_numbers_follow_each_other_in_a_session(app, open_session, logged_in, candidate, client):
    register(logged_in)
    with in_db(app):
        other = make_account("autre@exemple.fr")
    logged_in.post("/deconnexion")
    logged_in.get("/connexion")
    logged_in.post("/connexion", {"email": other.email, "password": "une phrase de passe solide"})
    register(logged_in)
    assert saved(app, other).number == "2023-06-POI-000002"


def test_a_double_click_on_enregistrer_makes_one_version(app, open_session, logged_in, candidate, mailbox):
    fill_steps(logged_in)
    data = {"revision": revision_in(logged_in.get(step_url(5)).get_data(as_text=True)), "verified": "y"}
    first = logged_in.post("/inscription/enregistrer", data)
    second = logged_in.post("/inscription/enregistrer", data)
    assert first.status_code == second.status_code == 303
    assert saved(app, candidate).version == 1
    assert len(mailbox.messages(candidate.email)) == 1


def test_two_tabs_cannot_overwrite_each_other(app, open_session, logged_in, candidate):
    fill_steps(logged_in, last=3)
    tab_a = revision_in(logged_in.get(step_url(3)).get_data(as_text=True))
    tab_b = revision_in(logged_in.get(step_url(3)).get_data(as_text=True))
    assert logged_in.post(step_url(3), {**GOOD[3], "commune": "Niort", "postcode": "79000", "revision": tab_a}).status_code == 303
    late = logged_in.post(step_url(3), {**GOOD[3], "commune": "Lyon", "postcode": "69001", "revision": tab_b})
    page = late.get_data(as_text=True)
    assert late.status_code == 409
    assert "Votre inscription a été modifiée dans un autre onglet" in page
    assert 'value="Niort"' in page and "Lyon" not in page
    assert saved(app, candidate).working_copy().commune == "Niort"


def test_a_change_at_an_earlier_step_is_checked_again_before_saving(app, open_session, logged_in, candidate):
    fill_steps(logged_in)
    post_step(logged_in, 1, {"exam_code": "BP-BOUL"})
    response = enregistrer(logged_in)
    assert response.status_code == 422
    assert "Cet examen demande une expérience professionnelle" in response.get_data(as_text=True)
    assert saved(app, candidate).number is None


def test_a_new_piece_reopens_the_declaration(app, open_session, logged_in, candidate, clock):
    register(logged_in)
    with in_db(app):
        Registration.update(pieces_declared_at=clock.now).execute()
    post_step(logged_in, 4, {"grades_kept": "y"})
    response = enregistrer(logged_in)
    assert "votre déclaration « J'ai fourni toutes mes pièces » est rouverte" in text(logged_in.get(
        response.headers["Location"]))
    assert saved(app, candidate).pieces_declared_at is None


def test_cancel_after_a_confirmation(app, open_session, logged_in, candidate, mailbox):
    register(logged_in)
    confirm = logged_in.get("/inscription/annuler").get_data(as_text=True)
    assert "2023-06-POI-000001" in confirm and "Annuler mon inscription" in confirm
    assert saved(app, candidate).status == "enregistrée"
    assert logged_in.post("/inscription/annuler").status_code == 303
    assert saved(app, candidate).status == "annulée"
    assert "annulée" in mailbox.last(candidate.email).subject
    space = logged_in.get("/inscription/").get_data(as_text=True)
    assert "Votre inscription n'est pas enregistrée" in space and "Vous l'avez annulée" in space


def test_after_the_close_everything_is_read_only(app, open_session, logged_in, candidate, clock):
    register(logged_in)
    stale_page = logged_in.get(step_url(3)).get_data(as_text=True)
    clock.now = open_session.closes_at
    space = logged_in.get("/inscription/").get_data(as_text=True)
    assert "Aucune inscription ne sera reçue après cette date." in space
    assert "Modifier mon inscription" not in space and "2023-06-POI-000001" in space
    assert logged_in.get(step_url(3)).headers["Location"].endswith("/inscription/")
    # A page loaded before the close cannot be sent after it.
    refused = logged_in.post(step_url(3), {**GOOD[3], "commune": "Niort", "revision": revision_in(stale_page)})
    assert refused.status_code == 403
    assert logged_in.post("/inscription/enregistrer", {"revision": revision_in(stale_page), "verified": "y"}).status_code == 403
    assert logged_in.post("/inscription/annuler").status_code == 403
    registration = saved(app, candidate)
    assert (registration.status, registration.version, registration.pending) == ("enregistrée", 1, "")


def test_no_registration_starts_after_the_close(app, open_session, logged_in, candidate, clock):
    clock.now = open_session.closes_at + timedelta(seconds=1)
    logged_in.get("/inscription/")
    assert logged_in.post(step_url(1), {**GOOD[1], "revision": "0"}).status_code == 403
    with in_db(app):
        assert Registration.select().count() == 0


def test_a_change_of_postal_address_is_recorded_even_after_the_close(app, open_session, logged_in, candidate, clock):
    register(logged_in)
    clock.now = open_session.documents_due_at + timedelta(days=30)
    assert "Changer d'adresse postale" in logged_in.get("/compte/").get_data(as_text=True)
    logged_in.get("/compte/adresse-postale")
    response = logged_in.post("/compte/adresse-postale", {"address": "5 rue des Lilas", "postcode": "17000",
                                                          "commune": "La Rochelle", "country": "France"})
    assert response.status_code == 303
    with in_db(app):
        change = AddressChange.get()
        assert change.old_address == "12 rue de l’Œuvre\n86000 Poitiers\nFrance"
        assert change.new_address == "5 rue des Lilas\n17000 La Rochelle\nFrance"
        assert change.registration.commune == "La Rochelle"
    assert "La Rochelle" in logged_in.get("/compte/adresse-postale").get_data(as_text=True)


def test_a_bad_new_address_is_shown_again_with_its_error(open_session, logged_in):
    register(logged_in)
    logged_in.get("/compte/adresse-postale")
    response = logged_in.post("/compte/adresse-postale", {"address": "5 rue des Lilas", "postcode": "170",
                                                          "commune": "La Rochelle", "country": "France"})
    assert response.status_code == 422
    assert "Un code postal français compte 5 chiffres" in response.get_data(as_text=True)


def staff_logged_in(app, browser):
    with in_db(app):
        staff = make_account("gestion@ac-poitiers.fr", role="gestionnaire")
    browser.get("/connexion")
    browser.post("/connexion", {"email": staff.email, "password": "une phrase de passe solide"})
    browser.get("/")  # the new session's CSRF token, in the menu's « Me déconnecter »
    return browser


CANDIDATE_PAGES = ["/inscription/", step_url(1), "/documents/", "/justificatifs/"]


@pytest.mark.parametrize("url", CANDIDATE_PAGES)
def test_staff_opening_a_candidate_page_are_sent_to_gestion(app, browser, open_session, url):
    response = staff_logged_in(app, browser).get(url)
    assert response.status_code == 303 and response.headers["Location"].endswith("/gestion/")


@pytest.mark.parametrize("url", [step_url(1), "/inscription/enregistrer", "/justificatifs/declarer"])
def test_staff_sending_a_candidate_form_are_sent_to_gestion_and_nothing_is_written(app, browser, open_session, url):
    response = staff_logged_in(app, browser).post(url, {**GOOD[1], "revision": "0"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/gestion/")
    with in_db(app):
        assert Registration.select().count() == 0


@pytest.fixture
def app_without_gestion(app, monkeypatch):
    """The portal installed without its staff area."""
    import views
    from app import create_app
    monkeypatch.setattr(views, "AREAS", [area for area in views.AREAS if area != "staff"])
    return create_app(dict(app.config))


@pytest.mark.parametrize("url", CANDIDATE_PAGES + ["/compte/adresse-postale"])
def test_without_gestion_staff_are_refused_the_candidate_pages(app_without_gestion, open_session, url):
    browser = staff_logged_in(app_without_gestion, Browser(app_without_gestion.test_client()))
    assert browser.get(url).status_code == 403


def test_staff_have_no_postal_address_page_and_are_sent_to_gestion(app, browser, open_session):
    response = staff_logged_in(app, browser).get("/compte/adresse-postale")
    assert response.status_code == 303 and response.location.endswith("/gestion/")
