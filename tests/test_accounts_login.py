"""Me connecter, Me déconnecter, Mot de passe oublié ?, Mon compte."""
import pytest

from models import Account, LoginAttempt
from tests.helpers import PASSWORD, Browser, in_db, make_account

NEW_PASSWORD = "un tout autre mot de passe"


def login(browser, email="candidat@exemple.fr", password=PASSWORD):
    browser.get("/connexion")
    return browser.post("/connexion", {"email": email, "password": password})


def is_logged_in(client):
    return client.get("/compte/").status_code == 200


def test_login_rotates_the_session_and_logout_ends_it_on_the_server(app, client, candidate):
    browser = Browser(client)
    browser.get("/connexion")
    before = client.get_cookie("sesame").value
    assert login(browser).status_code == 303
    copied = client.get_cookie("sesame").value
    assert copied != before
    assert is_logged_in(client)
    browser.get("/compte/")
    assert browser.post("/deconnexion").status_code == 303
    assert not is_logged_in(client)
    # Someone who copied the cookie before the logout gets nothing with it.
    thief = app.test_client()
    thief.set_cookie("sesame", copied)
    assert not is_logged_in(thief)


def test_wrong_password_and_unknown_email_get_the_same_message(client, candidate):
    wrong = login(Browser(client), password="pas le bon mot de passe")
    unknown = login(Browser(client), email="inconnu@exemple.fr")
    for response in (wrong, unknown):
        assert response.status_code == 422
        assert "Adresse électronique ou mot de passe incorrect." in response.get_data(as_text=True)


def test_an_unactivated_account_is_told_to_activate(app, browser):
    with in_db(app):
        make_account("attente@exemple.fr", activated=False)
    response = login(browser, email="attente@exemple.fr")
    assert response.status_code == 422
    assert "pas encore activé" in response.get_data(as_text=True)


def test_five_failures_in_five_minutes_lock_the_address_for_a_while(app, browser, candidate, clock):
    for _ in range(LoginAttempt.LIMIT):
        assert login(browser, password="mauvais mot de passe").status_code == 422
    locked = login(browser)  # even the right password is refused now
    assert locked.status_code == 429
    assert "Trop de tentatives" in locked.get_data(as_text=True)
    clock.advance(minutes=5, seconds=1)
    assert login(browser).status_code == 303


def test_the_limit_is_per_address_and_per_ip(ctx, clock):
    for _ in range(LoginAttempt.LIMIT):
        LoginAttempt.record_failure("a@exemple.fr", "10.0.0.1")
    assert LoginAttempt.retry_after("a@exemple.fr", "10.0.0.2") > 0
    assert LoginAttempt.retry_after("b@exemple.fr", "10.0.0.1") == 0
    for n in range(LoginAttempt.LIMIT * 4):
        LoginAttempt.record_failure(f"x{n}@exemple.fr", "10.0.0.9")
    assert LoginAttempt.retry_after("new@exemple.fr", "10.0.0.9") > 0


def test_next_is_followed_only_inside_the_site(browser, candidate):
    browser.get("/connexion")
    inside = browser.post("/connexion?next=/compte/", {"email": candidate.email, "password": PASSWORD})
    assert inside.location == "/compte/"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_next_never_leaves_the_site(app, target, candidate):
    browser = Browser(app.test_client())
    browser.get("/connexion")
    response = browser.post(f"/connexion?next={target}", {"email": candidate.email, "password": PASSWORD})
    assert "evil" not in response.location


def test_password_reset_link_works_once_for_one_hour_and_ends_other_sessions(app, client, candidate, mailbox, clock):
    elsewhere = Browser(app.test_client())
    login(elsewhere)
    browser = Browser(client)
    browser.get("/mot-de-passe-oublie")
    assert browser.post("/mot-de-passe-oublie", {"email": "CANDIDAT@exemple.fr"}).status_code == 303
    link = mailbox.link("candidat@exemple.fr")
    clock.advance(minutes=59)
    assert browser.get(link).status_code == 200
    response = browser.post(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 303
    assert browser.post(link, {"password": PASSWORD, "confirm": PASSWORD}).status_code == 400
    assert not is_logged_in(elsewhere.client)
    assert login(browser, password=PASSWORD).status_code == 422
    assert login(browser, password=NEW_PASSWORD).status_code == 303


def test_password_reset_link_expires_after_one_hour(browser, candidate, mailbox, clock):
    browser.get("/mot-de-passe-oublie")
    browser.post("/mot-de-passe-oublie", {"email": candidate.email})
    link = mailbox.link()
    clock.advance(hours=1, seconds=1)
    assert browser.get(link).status_code == 400


def test_forgotten_password_does_not_tell_who_has_an_account(browser, candidate, mailbox):
    browser.get("/mot-de-passe-oublie")
    known = browser.post("/mot-de-passe-oublie", {"email": candidate.email})
    unknown = browser.post("/mot-de-passe-oublie", {"email": "inconnu@exemple.fr"})
    assert (known.status_code, known.location) == (unknown.status_code, unknown.location)
    assert [m.recipient for m in mailbox.messages()] == [candidate.email]


def test_an_activation_token_cannot_reset_a_password(app, browser, ctx):
    user = make_account("x@exemple.fr", activated=False)
    token = user.make_token("activate")
    assert browser.get(f"/mot-de-passe/{token}").status_code == 400


def test_change_password_keeps_this_session_and_ends_the_others(app, logged_in, mailbox):
    other = Browser(app.test_client())
    login(other)
    logged_in.get("/compte/")
    wrong = logged_in.post("/compte/mot-de-passe", {"pw-current": "pas le bon", "pw-password": NEW_PASSWORD,
                                                    "pw-confirm": NEW_PASSWORD})
    assert wrong.status_code == 422 and "pas le bon" in wrong.get_data(as_text=True)
    response = logged_in.post("/compte/mot-de-passe", {"pw-current": PASSWORD, "pw-password": NEW_PASSWORD,
                                                       "pw-confirm": NEW_PASSWORD})
    assert response.status_code == 303
    assert is_logged_in(logged_in.client)
    assert not is_logged_in(other.client)
    assert mailbox.last().subject == "Votre mot de passe a été changé"


def test_change_email_is_confirmed_from_the_new_address(app, logged_in, mailbox, candidate):
    logged_in.get("/compte/")
    response = logged_in.post("/compte/adresse-electronique", {"em-email": "nouvelle@exemple.fr", "em-current": PASSWORD})
    assert response.status_code == 303
    link = mailbox.link("nouvelle@exemple.fr")
    logged_in.get(link)
    assert logged_in.post(link).status_code == 303
    with in_db(app):
        assert Account.get_by_id(candidate.id).email == "nouvelle@exemple.fr"
    assert mailbox.last(candidate.email).subject == "Votre adresse électronique a été changée"
    assert logged_in.post(link).status_code == 400  # used once


def test_change_email_to_a_taken_address_says_the_same_and_sends_nothing(app, logged_in, mailbox):
    with in_db(app):
        make_account("prise@exemple.fr")
    logged_in.get("/compte/")
    response = logged_in.post("/compte/adresse-electronique", {"em-email": "prise@exemple.fr", "em-current": PASSWORD})
    assert response.status_code == 303
    assert mailbox.messages("prise@exemple.fr") == []


def test_logout_everywhere(app, logged_in):
    other = Browser(app.test_client())
    login(other)
    logged_in.get("/compte/")
    assert logged_in.post("/compte/deconnecter-partout").status_code == 303
    assert not is_logged_in(logged_in.client) and not is_logged_in(other.client)


def test_personal_pages_need_a_login(client):
    response = client.get("/compte/")
    assert response.status_code == 302 and "/connexion" in response.location


def test_with_htmx_the_login_also_leads_to_the_page_asked_for(browser, candidate):
    browser.get("/connexion")
    response = browser.post("/connexion?next=/compte/mot-de-passe", {"email": candidate.email, "password": PASSWORD},
                            headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/compte/mot-de-passe"
    assert "Changer de mot de passe" in response.get_data(as_text=True)


def test_a_form_shown_again_with_htmx_keeps_the_address_bar(browser):
    browser.get("/connexion")
    response = browser.post("/connexion", {"email": "x@exemple.fr", "password": "faux"},
                            headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert response.status_code == 422
    assert response.headers["HX-Push-Url"] == "false"


def test_a_gestionnaire_needs_a_pole(app):
    result = app.test_cli_runner().invoke(args=["create-staff", "g@exemple.fr", "--role", "gestionnaire"])
    assert result.exit_code != 0 and "au moins un pôle" in result.output


def test_forgotten_password_mails_at_most_every_three_minutes(browser, candidate, mailbox, clock):
    browser.get("/mot-de-passe-oublie")
    for _ in range(5):
        assert browser.post("/mot-de-passe-oublie", {"email": candidate.email}).status_code == 303
    assert len(mailbox.messages(candidate.email)) == 1
    clock.advance(minutes=3)
    browser.post("/mot-de-passe-oublie", {"email": candidate.email})
    assert len(mailbox.messages(candidate.email)) == 2


def test_a_very_long_address_is_refused_not_a_crash(browser):
    browser.get("/connexion")
    long_email = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".fr"
    assert browser.post("/connexion", {"email": long_email, "password": "x"}).status_code == 422
    browser.get("/compte/creer")
    grown = "\ufdfa" * 21 + "@x.fr"  # NFKC makes each character 18 long
    assert browser.post("/compte/creer", {"email": grown, "password": PASSWORD, "confirm": PASSWORD}).status_code == 422
