"""The session cookie is verified once per process (views/session_cookie.py), and still refused when it should be."""
from flask import session

from views import session_cookie


def _cookie(client):
    return client.get_cookie("sesame").value


def _probe(app):
    """A page of the test's own that shows the session and changes a nested value of it in place."""
    @app.get("/_session")
    def probe():
        shown = repr(dict(session))
        if "nested" in session:
            session["nested"]["seen"] = True  # in place: Flask does not mark the session modified
        return shown
    return probe


def test_a_logged_in_cookie_is_verified_once_then_read_from_memory(app, client, logged_in):
    client.get("/compte/")  # the first page after the login puts its CSRF token in the session
    cookie, interface = _cookie(client), app.session_interface
    interface._verified.cache_clear()
    for _ in range(3):
        assert client.get("/compte/").status_code == 200
    info = interface._verified.cache_info()
    assert (info.misses, info.hits) == (1, 2) and _cookie(client) == cookie


def test_a_tampered_cookie_gives_an_empty_session_even_once_the_real_one_is_known(app, client, logged_in):
    assert client.get("/compte/").status_code == 200
    genuine = _cookie(client)
    payload, _, signature = genuine.rpartition(".")
    client.set_cookie("sesame", payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:])
    page = client.get("/compte/")
    assert page.status_code == 302 and "/connexion" in page.headers["Location"]
    client.set_cookie("sesame", genuine)
    assert client.get("/compte/").status_code == 200


def test_a_cookie_older_than_the_session_lifetime_is_refused_though_it_was_verified(app, client, logged_in,
                                                                                    monkeypatch):
    assert client.get("/compte/").status_code == 200
    real_time = session_cookie.time.time
    later = real_time() + app.permanent_session_lifetime.total_seconds() + 60
    monkeypatch.setattr(session_cookie.time, "time", lambda: later)
    page = client.get("/compte/")
    assert page.status_code == 302 and "/connexion" in page.headers["Location"]


def test_a_cookie_signed_under_a_replaced_secret_is_checked_again_and_refused(app, client, logged_in):
    assert client.get("/compte/").status_code == 200
    app.secret_key = "another-secret"
    page = client.get("/compte/")
    assert page.status_code == 302 and "/connexion" in page.headers["Location"]


def test_a_cookie_signed_under_a_fallback_secret_is_still_accepted(app, client, logged_in):
    assert client.get("/compte/").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = [app.secret_key]
    app.secret_key = "the-new-secret"
    assert client.get("/compte/").status_code == 200


def test_a_request_changing_its_session_in_place_does_not_change_what_the_next_one_reads(app, client):
    _probe(app)
    with client.session_transaction() as kept:
        kept["nested"] = {"seen": False}
    first = client.get("/_session").get_data(as_text=True)
    second = client.get("/_session").get_data(as_text=True)
    assert "'seen': False" in first and first == second


def test_without_a_cookie_or_with_garbage_the_session_is_empty(app, client):
    _probe(app)
    assert client.get("/_session").get_data(as_text=True) == "{}"
    client.set_cookie("sesame", "pas-un-cookie-signé")
    assert client.get("/_session").get_data(as_text=True) == "{}"
    assert app.session_interface._verified.cache_info().currsize == 0

