"""Step 1 of the notice in a real browser: create the account, activate it from the email, log in, log out."""
import pytest
from playwright.sync_api import expect

PASSWORD = "une phrase de passe solide"


@pytest.fixture
def live_config(smtp_server):
    # The portal sends through a real SMTP server, right after each response.
    return {**smtp_server.config(), "MAIL_SEND_AFTER_REQUEST": True}


@pytest.mark.parametrize("page_fixture", ["page", "page_nojs"], ids=["avec-javascript", "sans-javascript"])
def test_create_activate_log_in_and_log_out(request, page_fixture, live_server, smtp_server):
    page = request.getfixturevalue(page_fixture)
    address = f"candidate.{page_fixture}@exemple.fr"

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Créer mon compte").first.click()
    page.get_by_label("Adresse électronique").fill(address)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", name="Vérifiez vos courriels")).to_be_visible()

    email = smtp_server.wait_for(address)[-1]
    assert "Activer mon compte" in email.body
    page.goto(email.link())
    page.get_by_role("button", name="Activer mon compte").click()
    expect(page.get_by_text("Votre compte est activé.")).to_be_visible()

    page.get_by_label("Adresse électronique").fill(address)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Me connecter").click()
    logout = page.get_by_role("button", name="Me déconnecter", exact=True)
    expect(logout).to_be_visible()

    logout.click()
    expect(page.get_by_text("Vous êtes déconnecté.")).to_be_visible()
    expect(page.get_by_role("link", name="Me connecter").first).to_be_visible()
    assert page.console_errors == []
    if page_fixture == "page":
        # JavaScript really ran (htmx loaded under the strict CSP), so the
        # journey above went through htmx, not around it.
        assert page.evaluate("typeof htmx") == "object"
