"""Every page fits in one TCP initial window: at most 14 KB gzipped (DESIGN.md §5).

On a 2G/3G phone each round trip costs seconds; a page that fits in the
first window arrives in one. New pages join this test by themselves: every
GET route without URL parameters is discovered from the app at test time.
"""
import gzip
from urllib.parse import urlsplit

import pytest

from tests.helpers import make_account, parse_html

PAGE_BUDGET = 14 * 1024
CSS_BUDGET = 8 * 1024
OWN_JS_BUDGET = 3 * 1024


def gzipped_size(data):
    # Level 6: what the portal (views/compression.py) and most servers use.
    return len(gzip.compress(data, compresslevel=6))


def assert_fits(response, url):
    assert response.status_code < 500, url
    size = gzipped_size(response.get_data())
    assert size <= PAGE_BUDGET, f"{url} : {size} octets compressés, budget {PAGE_BUDGET}"


@pytest.mark.parametrize("url", ["/", "/compte/creer", "/connexion", "/mot-de-passe-oublie",
                                 "/compte/verifiez-vos-courriels", "/page-qui-n-existe-pas"])
def test_public_pages_fit_the_budget(browser, open_session, url):
    assert_fits(browser.get(url), url)


def test_the_activation_pages_fit_the_budget(browser, ctx):
    token = make_account("nouveau@exemple.fr", activated=False).make_token("activate")
    assert_fits(browser.get(f"/compte/activer/{token}"), "Activer mon compte")
    assert_fits(browser.get(f"/compte/activer/{token}x"), "lien invalide")


def test_mon_compte_fits_the_budget(logged_in):
    response = logged_in.get("/compte/")
    assert response.status_code == 200
    assert_fits(response, "Mon compte")


def pages_without_parameters(app):
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if "GET" in rule.methods and "<" not in rule.rule and rule.endpoint != "static"})


def test_every_page_anonymous_or_logged_in_fits_the_budget(app, logged_in, open_session):
    anonymous = app.test_client()
    measured, too_heavy = [], []
    for url in pages_without_parameters(app):
        for who, visitor in (("anonyme", anonymous), ("candidat", logged_in.client)):
            response = visitor.get(url)
            if response.status_code != 200:
                continue
            measured.append(url)
            size = gzipped_size(response.get_data())
            if size > PAGE_BUDGET:
                too_heavy.append(f"{url} ({who}) : {size} octets")

    assert {"/", "/connexion", "/compte/"} <= set(measured)
    assert too_heavy == [], f"au-delà de {PAGE_BUDGET} octets compressés : {too_heavy}"


@pytest.mark.parametrize("filename, budget", [("sesame.css", CSS_BUDGET), ("sesame.js", OWN_JS_BUDGET)])
def test_our_own_css_and_js_fit_their_budgets(app, filename, budget):
    with open(f"{app.static_folder}/{filename}", "rb") as f:
        assert gzipped_size(f.read()) <= budget


def test_the_portal_compresses_its_pages(client):
    response = client.get("/connexion", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] in ("br", "gzip")
    assert "Accept-Encoding" in response.headers["Vary"]


def test_static_files_are_fingerprinted_and_cached_for_a_year(client):
    page = parse_html(client.get("/"))
    static_urls = [url for element in page.iter() for url in (element.get("href"), element.get("src"))
                   if url and url.startswith("/static/")]
    assert {"sesame.css", "htmx.min.js", "sesame.js"} <= {urlsplit(url).path.removeprefix("/static/") for url in static_urls}
    for url in static_urls:
        assert "?v=" in url, url
        response = client.get(url)
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["Cache-Control"], url
