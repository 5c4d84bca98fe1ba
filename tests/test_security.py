"""What every response promises: CSRF on every POST, strict headers, no stack trace."""
import itertools
import time

import pytest
from itsdangerous import TimestampSigner

from app import create_app
from tests.helpers import PASSWORD, csrf_from


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


def test_a_session_keeps_one_signed_token_that_its_posts_carry(logged_in, app, monkeypatch):
    # Each signature would carry a later time: a token signed again would not be the same.
    seconds = itertools.count(int(time.time()) + 1)
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda signer: next(seconds))
    logged_in.get("/compte/")  # the page after the login makes the session's token
    first = logged_in.get("/inscription/etape/1")
    token = logged_in.token
    assert logged_in.get("/compte/") and logged_in.token == token  # signed once, not at each page
    assert f'"X-CSRFToken": "{token}"' in first.get_data(as_text=True)  # htmx's header says the same
    assert logged_in.post("/deconnexion", {}).status_code == 303

    other = app.test_client()
    other.get("/connexion")
    assert csrf_from(other.get("/connexion")) != token  # another session, another token


def test_with_a_time_limit_flask_wtf_signs_each_page_itself(tmp_path, database_url):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "DATABASE": database_url,
                      "WTF_CSRF_TIME_LIMIT": 3600})
    with app.test_request_context("/connexion"):
        from flask import g
        from views import csrf

        csrf._signed_token_for_this_request()
        assert "csrf_token" not in g
        assert csrf.csrf_token() and "csrf_token" in g  # made by Flask-WTF
