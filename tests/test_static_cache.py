"""Static files are fingerprinted and cached for a year without a question (DESIGN.md §5).

On 3G every round trip costs seconds: a page seen again must cost one
request, not one more per CSS or JS file to ask whether it changed.
"""
from urllib.parse import urlsplit

import pytest

from tests.helpers import parse_html

YEAR = "public, max-age=31536000, immutable"


def static_urls(client):
    page = parse_html(client.get("/"))
    return [url for element in page.iter() for url in (element.get("href"), element.get("src"))
            if url and url.startswith("/static/")]


def test_every_static_file_of_a_page_is_cached_a_year_and_never_asked_again(client):
    urls = static_urls(client)
    assert {"sesame.css", "htmx.min.js", "sesame.js"} <= {urlsplit(url).path.removeprefix("/static/") for url in urls}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == YEAR, url
        assert "no-cache" not in response.headers["Cache-Control"]


@pytest.mark.parametrize("url", ["/static/sesame.css", "/static/sesame.css?v=000000000000"])
def test_a_static_url_without_the_current_fingerprint_is_not_cached_a_year(client, url):
    # Its content may change under that URL: the browser must ask again.
    response = client.get(url)
    assert response.status_code == 200
    assert "immutable" not in response.headers.get("Cache-Control", "")
    assert "max-age=31536000" not in response.headers.get("Cache-Control", "")


def test_pages_stay_out_of_every_cache(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_a_missing_static_file_is_not_found(client):
    assert client.get("/static/absent.css?v=123456789012").status_code == 404
