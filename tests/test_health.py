"""GET /sante for a monitor, and the one log line each request leaves."""
import logging
import os
import stat

import pytest

from app import create_app
from models import db


def test_sante_says_ok_when_the_database_and_the_upload_folder_answer(client):
    response = client.get("/sante")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_sante_leaves_nothing_in_the_upload_folder(app, client):
    assert client.get("/sante").status_code == 200
    assert os.listdir(app.config["UPLOAD_FOLDER"]) == []


def test_sante_needs_no_login_and_ignores_one(logged_in):
    response = logged_in.client.get("/sante")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


@pytest.mark.skipif(os.geteuid() == 0, reason="root écrit même dans un dossier en lecture seule")
def test_sante_is_503_when_the_upload_folder_is_read_only(app, client):
    folder = app.config["UPLOAD_FOLDER"]
    os.makedirs(folder, exist_ok=True)
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
    try:
        response = client.get("/sante")
    finally:
        os.chmod(folder, stat.S_IRWXU)
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "dossier des fichiers déposés non inscriptible"


def test_sante_is_503_when_the_upload_folder_cannot_exist(app, client, tmp_path):
    # A file where the folder should be: nothing can be stored, even by root.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    app.config["UPLOAD_FOLDER"] = str(blocker / "uploads")
    response = client.get("/sante")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "dossier des fichiers déposés non inscriptible"
    assert response.mimetype == "text/plain"


def test_sante_is_503_without_a_word_of_the_error_when_the_database_is_gone(tmp_path):
    # A database in a folder that does not exist cannot be opened: the
    # connection each request opens fails before the view runs.
    app = create_app({
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "DATABASE": f"sqlite:///{tmp_path / 'absent' / 'sesame.db'}",
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
    })
    try:
        response = app.test_client().get("/sante")
    finally:
        db.close_all()
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert body == "base de données injoignable"
    assert "absent" not in body and "Traceback" not in body
    assert response.headers["Cache-Control"] == "no-store"


@pytest.fixture
def caplog(caplog):
    """The log, with the request lines (INFO) kept."""
    caplog.set_level(logging.INFO, logger="sesame.requests")
    return caplog


def request_lines(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "sesame.requests"]


def test_every_request_leaves_one_line_with_its_id_status_and_duration(client, caplog):
    response = client.get("/connexion")
    request_id = response.headers["X-Request-Id"]
    lines = request_lines(caplog)
    assert len(lines) == 1
    method, path, status, duration, unit, logged_id = lines[0].split(" ")
    assert (method, path, status, unit, logged_id) == ("GET", "/connexion", "200", "ms", f"id={request_id}")
    assert int(duration) >= 0


def test_a_safe_incoming_request_id_is_kept_and_an_unsafe_one_replaced(client):
    assert client.get("/sante", headers={"X-Request-Id": "lb-42.a_b"}).headers["X-Request-Id"] == "lb-42.a_b"
    for unsafe in ["a b", "x" * 65, "<script>", "é"]:
        replaced = client.get("/sante", headers={"X-Request-Id": unsafe}).headers["X-Request-Id"]
        assert replaced != unsafe and replaced.isalnum()


def test_request_ids_differ(client):
    assert client.get("/sante").headers["X-Request-Id"] != client.get("/sante").headers["X-Request-Id"]


@pytest.mark.parametrize("path", [
    "/compte/activer/{token}",
    "/mot-de-passe/{token}",
    "/bienvenue/{token}",
    "/compte/confirmer-adresse/{token}",
])
def test_tokens_in_paths_are_masked_in_the_log(client, caplog, path):
    token = "eyJpZCI6NDJ9.ZmFrZQ.c2lnbmF0dXJl"
    client.get(path.format(token=token))
    lines = request_lines(caplog)
    assert len(lines) == 1
    assert token not in lines[0]
    assert path.format(token="…") in lines[0]


@pytest.mark.parametrize("method, path, start", [
    # A line break typed into a path stays encoded: no request can forge a line of its own.
    ("GET", "/compte/activer/x%0A200%20OK/y", "GET /compte/activer/x%0A200%20OK/y 404 "),
    ("GET", "/compte/activer/abc%0Afake%20line", "GET /compte/activer/… 400 "),
    # Failures are logged with their status.
    ("GET", "/nulle-part", "GET /nulle-part 404 "),
    ("POST", "/deconnexion", "POST /deconnexion 400 "),
])
def test_each_request_is_one_line_starting_with_what_was_asked_and_its_status(client, caplog, method, path, start):
    client.open(path, method=method)
    [line] = request_lines(caplog)
    assert line.startswith(start) and "\n" not in line


def test_an_htmx_post_answered_with_the_next_page_is_one_line_of_the_post(logged_in, caplog):
    logged_in.get("/")
    caplog.clear()
    response = logged_in.post("/deconnexion", headers={"HX-Request": "true"})
    assert response.status_code == 200
    lines = request_lines(caplog)
    assert len(lines) == 1 and lines[0].startswith("POST /deconnexion 200 ")
