"""Étape 1 : créer son compte (adresse valide et unique) et l'activer sous 48 h."""
import pytest

from models import Account, Audit
from tests.helpers import PASSWORD, Browser, in_db, make_account


def signup(browser, email="Jeanne.Martin@exemple.fr", password=PASSWORD, confirm=None):
    browser.get("/compte/creer")
    return browser.post("/compte/creer", {"email": email, "password": password,
                                          "confirm": password if confirm is None else confirm})


def count_accounts(app):
    with in_db(app):
        return Account.select().count()


def account(app, email):
    with in_db(app):
        return Account.by_email(email)


def test_signup_sends_a_link_whose_page_has_the_activation_button(app, browser, mailbox):
    assert signup(browser).status_code == 303
    message = mailbox.last("Jeanne.Martin@exemple.fr")
    assert message.subject == "Activez votre compte Sésame"
    link = mailbox.link()
    page = browser.get(link)
    assert page.status_code == 200
    assert "Activer mon compte" in page.get_data(as_text=True)
    # Opening the link (as a mail scanner does) activates nothing: only the button does.
    assert not account(app, "jeanne.martin@exemple.fr").is_active
    assert browser.post(link).status_code == 303
    assert account(app, "jeanne.martin@exemple.fr").is_active
    response = browser.post("/connexion", {"email": "JEANNE.martin@exemple.fr", "password": PASSWORD})
    assert response.status_code == 303


@pytest.mark.parametrize("variant", ["jeanne.martin@exemple.fr", "JEANNE.MARTIN@EXEMPLE.FR",
                                     " Jeanne.Martin@exemple.fr ", "ｊｅａｎｎｅ.ｍａｒｔｉｎ@ｅｘｅｍｐｌｅ.ｆｒ"])
def test_one_account_per_mailbox_whatever_the_spelling(app, client, mailbox, variant):
    assert signup(Browser(client)).status_code == 303
    assert signup(Browser(app.test_client()), email=variant).status_code == 303
    assert count_accounts(app) == 1


def test_taken_address_gets_the_same_answer_and_warns_its_owner(app, browser, mailbox):
    with in_db(app):
        make_account("jeanne.martin@exemple.fr")
    free = signup(browser, email="libre@exemple.fr")
    taken = signup(browser, email="Jeanne.Martin@exemple.fr")
    assert (free.status_code, free.location) == (taken.status_code, taken.location)
    warning = mailbox.last("jeanne.martin@exemple.fr")
    assert "essayé de créer un compte" in warning.body
    assert count_accounts(app) == 2


@pytest.mark.parametrize("password, confirm, message", [
    ("court", None, "au moins 12 caractères"),
    ("x" * 129, None, "ne doit pas dépasser 128"),
    ("azertyuiop123", None, "trop courant"),
    ("motdepasse123", None, "trop courant"),
    ("aaaaaaaaaaaaaaaa", None, "trop courant"),
    (PASSWORD, "une autre phrase de passe", "ne sont pas identiques"),
])
def test_weak_or_mistyped_passwords_are_refused_and_the_email_kept(app, browser, password, confirm, message):
    response = signup(browser, password=password, confirm=confirm)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert 'value="Jeanne.Martin@exemple.fr"' in html
    assert count_accounts(app) == 0


@pytest.mark.parametrize("email", ["", "pas-une-adresse", "a@b", "x" * 250 + "@exemple.fr"])
def test_invalid_addresses_are_refused(app, browser, email):
    response = signup(browser, email=email)
    assert response.status_code == 422
    assert "adresse" in response.get_data(as_text=True)
    assert count_accounts(app) == 0


def test_activation_link_is_valid_48_hours_to_the_second(app, browser, mailbox, clock):
    signup(browser)
    link = mailbox.link()
    clock.advance(hours=48)
    assert browser.get(link).status_code == 200
    clock.advance(seconds=1)
    page = browser.get(link)
    assert page.status_code == 400
    assert "plus valable" in page.get_data(as_text=True)
    assert browser.post(link).status_code == 400
    assert not account(app, "jeanne.martin@exemple.fr").is_active


def test_activation_link_works_once_then_says_the_account_is_active(app, browser, mailbox):
    signup(browser)
    link = mailbox.link()
    assert browser.post(link).status_code == 303
    replay = browser.post(link)
    assert replay.status_code == 303 and replay.location == "/connexion"
    assert "déjà activé" in browser.get("/connexion").get_data(as_text=True)
    with in_db(app):
        assert [event.action for event in Audit.select()] == ["compte créé", "compte activé"]


def test_tampered_link_is_refused(app, browser, mailbox):
    signup(browser)
    link = mailbox.link()
    assert browser.post(link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")).status_code == 400
    assert not account(app, "jeanne.martin@exemple.fr").is_active


def test_a_reset_token_cannot_activate_an_account(app, browser, ctx):
    user = make_account("reset@exemple.fr", activated=False)
    reset_token = user.make_token("reset")
    assert Account.from_token(reset_token, "activate") == (None, None)
    assert browser.post(f"/compte/activer/{reset_token}").status_code == 400


def test_purge_then_signup_again_the_old_link_does_not_open_the_new_account(app, browser, mailbox, clock):
    signup(browser)
    old_link = mailbox.link()
    clock.advance(hours=48, seconds=1)
    result = app.test_cli_runner().invoke(args=["purge-unactivated"])
    assert "1 compte(s)" in result.output
    assert count_accounts(app) == 0
    signup(browser)
    assert count_accounts(app) == 1
    assert browser.post(old_link).status_code == 400
    assert not account(app, "jeanne.martin@exemple.fr").is_active
    assert browser.post(mailbox.link()).status_code == 303


def test_an_expired_unactivated_account_never_blocks_a_new_signup(app, browser, mailbox, clock):
    signup(browser)
    first = account(app, "jeanne.martin@exemple.fr")
    clock.advance(hours=49)
    signup(browser)
    second = account(app, "jeanne.martin@exemple.fr")
    assert second.uniquifier != first.uniquifier
    assert browser.post(mailbox.link()).status_code == 303


def test_purge_keeps_recent_and_activated_accounts(ctx, clock):
    make_account("active@exemple.fr")
    clock.advance(hours=47)
    make_account("recent@exemple.fr", activated=False)
    clock.advance(hours=2)
    assert Account.purge_unactivated() == 0
    clock.advance(hours=47)
    assert Account.purge_unactivated() == 1
    assert Account.select().count() == 1


def test_new_activation_link_at_most_every_three_minutes(app, browser, mailbox, clock):
    signup(browser)
    assert len(mailbox.messages()) == 1
    browser.get("/compte/verifiez-vos-courriels")
    browser.post("/compte/nouveau-lien", {"email": "jeanne.martin@exemple.fr"})
    assert len(mailbox.messages()) == 1
    clock.advance(minutes=3)
    response = browser.post("/compte/nouveau-lien", {"email": "jeanne.martin@exemple.fr"})
    assert response.status_code == 303
    assert len(mailbox.messages()) == 2
    # Unknown address: the same answer, no mail.
    unknown = browser.post("/compte/nouveau-lien", {"email": "inconnu@exemple.fr"})
    assert (unknown.status_code, unknown.location) == (response.status_code, response.location)
    assert len(mailbox.messages()) == 2


def test_signup_is_audited(app, browser):
    signup(browser)
    with in_db(app):
        assert [event.action for event in Audit.select()] == ["compte créé"]


def test_inline_validation_uses_the_same_messages(browser):
    browser.get("/compte/creer")
    response = browser.post("/compte/verifier/signup", {"email": "x@y.fr", "password": "court", "_field": "password"},
                            headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="password-feedback"' in html and "au moins 12 caractères" in html
    assert "<html" not in html
    ok = browser.post("/compte/verifier/signup", {"email": "x@y.fr", "_field": "email"}, headers={"HX-Request": "true"})
    assert 'id="email-feedback"' in ok.get_data(as_text=True) and "valide" not in ok.get_data(as_text=True)


def test_signup_attempts_on_a_taken_address_mail_its_owner_at_most_every_three_minutes(app, browser, mailbox, clock):
    with in_db(app):
        make_account("jeanne.martin@exemple.fr")
    for _ in range(4):
        assert signup(browser).status_code == 303
    assert len(mailbox.messages("jeanne.martin@exemple.fr")) == 1
