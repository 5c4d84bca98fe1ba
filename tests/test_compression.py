"""Pages and static files travel gzip-compressed to browsers that accept it, and only to them (views/compression.py)."""
import gzip
import re

BROWSER = {"Accept-Encoding": "gzip, deflate, br"}


def test_a_page_is_compressed_and_reads_back_the_same(client):
    plain = client.get("/connexion").get_data()
    response = client.get("/connexion", headers=BROWSER)
    assert response.headers["Content-Encoding"] == "gzip"
    assert int(response.headers["Content-Length"]) == len(response.get_data()) < len(plain)
    # The same page but for its CSRF token, signed with the second it was made at.
    assert _without_token(gzip.decompress(response.get_data())) == _without_token(plain)
    assert "Accept-Encoding" in response.headers["Vary"]


def test_a_browser_that_refuses_gzip_gets_the_page_as_it_is(client):
    for refusal in ("", "identity", "gzip;q=0, br", "*;q=0", "deflate"):
        response = client.get("/connexion", headers={"Accept-Encoding": refusal})
        assert "Content-Encoding" not in response.headers, refusal
        assert b"<html" in response.get_data(), refusal
        assert "Accept-Encoding" in response.headers["Vary"], refusal
    assert client.get("/connexion", headers={"Accept-Encoding": "*"}).headers["Content-Encoding"] == "gzip"
    assert client.get("/connexion", headers={"Accept-Encoding": "GZIP;q=0.5"}).headers["Content-Encoding"] == "gzip"


def test_a_static_file_is_compressed_and_still_revalidates(app, client):
    with open(f"{app.static_folder}/htmx.min.js", "rb") as f:
        original = f.read()
    first = client.get("/static/htmx.min.js", headers=BROWSER)
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.get_data()) == original
    # Another form of the same version: a weak ETag, which a revalidation matches.
    assert first.headers["ETag"].startswith('W/"')
    again = client.get("/static/htmx.min.js", headers={**BROWSER, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()
    # Kept compressed once: the second answer is the same bytes.
    assert client.get("/static/htmx.min.js", headers=BROWSER).get_data() == first.get_data()


def test_small_answers_and_files_that_are_not_text_are_left_alone(client):
    health = client.get("/sante", headers=BROWSER)
    assert len(health.get_data()) < 500 and "Content-Encoding" not in health.headers
    a_range = client.get("/static/htmx.min.js", headers={**BROWSER, "Range": "bytes=0-99"})
    assert a_range.status_code == 206 and "Content-Encoding" not in a_range.headers
    assert len(a_range.get_data()) == 100


def _without_token(page):
    return re.sub(rb'name="csrf_token" value="[^"]+"', b'name="csrf_token"', page)
