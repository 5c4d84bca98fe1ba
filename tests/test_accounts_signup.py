"""Étape 1 : créer son compte et l'activer."""
import pytest

from models import Account, db
from tests.conftest import PASSWORD


def signup(browser, email="Jeanne.Martin@exemple.fr", password=PASSWORD, confirm=None):
    browser.get("/compte/creer")
    return browser.post("/compte/creer", {"email": email, "password": password, "confirm": confirm or password})


def test_signup_sends_activation_link_and_activation_needs_a_button(app, browser, mailbox):
    response = signup(browser)
    assert response.status_code == 303
    message = mailbox.last("Jeanne.Martin@exemple.fr")
    assert "Activer mon compte" in message.body
    link = mailbox.link()
    page = browser.get(link)
    assert page.status_code == 200 and "Activer mon compte" in page.get_data(as_text=True)
    with app.app_context(), db.connection_context():
        assert not Account.by_email("jeanne.martin@exemple.fr").is_active
    response = browser.post(link)
    assert response.status_code == 303
    with app.app_context(), db.connection_context():
        assert Account.by_email("jeanne.martin@exemple.fr").is_active
    response = browser.post("/connexion", {"email": "JEANNE.martin@exemple.fr", "password": PASSWORD})
    assert response.status_code == 303
