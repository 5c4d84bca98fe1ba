"""What every response promises: CSRF on every POST, strict headers, no stack trace."""
import pytest

from app import create_app
from tests.helpers import PASSWORD


@pytest.mark.parametrize("url", ["/compte/creer", "/connexion", "/mot-de-passe-oublie", "/deconnexion",
                                 "/compte/nouveau-lien"])
def test_a_post_without_csrf_token_is_refused(client, url):
    response = client.post(url, data={"email": "a@exemple.fr", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 400
    assert "Le formulaire a expiré" in response.get_data(as_text=True)


def test_an_htmx_post_carries_the_token_in_a_header(browser):
    browser.get("/compte/creer")
    response = browser.client.post("/compte/verifier/signup", data={"_field": "email", "email": "a@exemple.fr"},
                                   headers={"HX-Request": "true", "X-CSRFToken": browser.token})
    assert response.status_code == 200


def test_security_headers(client):
    response = client.get("/connexion")
    csp = response.headers["Content-Security-Policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/compte/creer").get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and " onclick=" not in html


def test_htmx_is_configured_for_a_strict_csp(client):
    html = client.get("/").get_data(as_text=True)
    for setting in ('"includeIndicatorStyles":false', '"allowEval":false', '"allowScriptTags":false',
                    '"historyCacheSize":0', '"historyRestoreAsHxRequest":false'):
        assert setting in html


def test_secure_cookie_when_configured(tmp_path, database_url):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "x", "DATABASE": database_url,
                      "SESSION_COOKIE_SECURE": True})
    response = app.test_client().get("/connexion")
    assert "Secure" in response.headers["Set-Cookie"]


def test_an_unexpected_error_is_a_french_page_not_a_trace(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    app.testing = False
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Erreur du serveur" in html and "secret detail" not in html and "Traceback" not in html


def test_the_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch, database_url):
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    config = {"INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE": database_url}
    first = create_app(config)
    key_file = tmp_path / "instance" / "secret_key"
    second = create_app(config)
    assert first.secret_key == second.secret_key == key_file.read_text().strip()
    assert len(first.secret_key) >= 32


def test_environment_variables_override_the_defaults(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("FLASK_MAX_UPLOAD_BYTES", "1000")
    monkeypatch.setenv("FLASK_MAIL_SERVER", "smtp.exemple.fr")
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "x", "DATABASE": database_url})
    assert app.config["MAX_UPLOAD_BYTES"] == 1000
    assert app.config["MAIL_SERVER"] == "smtp.exemple.fr"


def test_a_nul_character_is_a_clear_refusal(browser):
    browser.get("/connexion")
    response = browser.post("/connexion", {"email": "a\x00@exemple.fr", "password": "x"})
    assert response.status_code == 400 and "Requête incorrecte" in response.get_data(as_text=True)
    assert browser.client.get("/quelles-pieces?birth_date=%00").status_code == 400
