"""Every page and every htmx fragment is valid HTML, as the W3C Nu HTML Checker (vnu) reads it.

The checker is the W3C's own, from the npm package ``vnu-jar`` run with
Java: `.ci/run` installs it into `.ci/tools/` (or point ``VNU_JAR`` at a
``vnu.jar``). Without it the test is skipped with a message, except under
``CI=true`` where it must run. Pages are discovered from the app's routes,
as the page-weight test does, and seen by a visitor, a candidate with a
saved registration and a file, and an admin; htmx fragments are checked
inside a minimal document, since they are parts of one.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_page_weight import pages_without_parameters
from tests.uploads_fixtures import pdf_bytes, send

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(os.environ.get("VNU_JAR") or ROOT / ".ci/tools/node_modules/vnu-jar/build/dist/vnu.jar")
FRAGMENT_PAGE = ('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Fragment</title></head>'
                 "<body>{}</body></html>")


def checker():
    """The command that runs vnu, or a skip (a failure under CI=true) naming what is missing."""
    missing = [what for what, there in (("java", shutil.which("java")), (str(VNU_JAR), VNU_JAR.exists()))
               if not there]
    if missing:
        reason = f"vérificateur HTML du W3C indisponible ({', '.join(missing)} introuvable)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} ; sous CI=true il doit s'exécuter.", pytrace=False)
        pytest.skip(f"{reason} : `npm install --prefix .ci/tools vnu-jar` pour le lancer.")
    return ["java", "-Xss1m", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only"]


def collect(folder, responses):
    """Write each HTML response as a file to check: ``{file name: what it is}``."""
    names = {}
    for n, (what, response, fragment) in enumerate(responses):
        if response.status_code >= 500 or "text/html" not in response.headers.get("Content-Type", ""):
            response.close()  # a file streamed to the visitor (CSV, ZIP…): not a page
            continue
        html = response.get_data(as_text=True)
        if fragment and not html.lstrip().lower().startswith("<!doctype"):
            html = FRAGMENT_PAGE.format(html)
        path = folder / f"{n:03d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = what
    return names


def visits(app, candidate, admin, piece):
    """(what, response, is an htmx fragment) for every page each visitor can open."""
    anonymous = app.test_client()
    for who, client in (("visiteur", anonymous), ("candidat", candidate.client), ("admin", admin.client)):
        for url in pages_without_parameters(app):
            yield f"{url} ({who})", client.get(url), False
            yield f"{url} ({who}, htmx)", client.get(url, headers={"HX-Request": "true"}), True
    for step in range(1, 6):
        url = f"/inscription/etape/{step}"
        yield url, candidate.client.get(url), False
        yield f"{url} (htmx)", candidate.client.get(url, headers={"HX-Request": "true"}), True
    yield "un emplacement de pièce (htmx)", candidate.client.get(
        f"/justificatifs/pieces/{piece.id}", headers={"HX-Request": "true"}), True
    yield "une pièce refusée à l'ajout (htmx)", send(candidate, piece, "vide.pdf", b"", headers={"HX-Request": "true"}), True
    yield "Visualiser / imprimer", candidate.client.get("/documents/2023-06-POI-000001/recapitulatif"), False
    yield "Gestion : une inscription", admin.client.get("/gestion/inscriptions/2023-06-POI-000001"), False
    yield "une vérification en ligne (htmx)", candidate.post(
        "/compte/verifier/signup", {"_field": "email", "email": "pas une adresse"}), True
    yield "une page introuvable", anonymous.get("/page-qui-n-existe-pas"), False


def test_every_page_and_fragment_is_valid_html(app, uploader, pieces, admin, tmp_path):
    command = checker()
    assert send(uploader, pieces["identite"], "recto.pdf", pdf_bytes()).status_code == 303
    names = collect(tmp_path, visits(app, uploader, admin, pieces["identite"]))
    assert len(names) > 40

    done = subprocess.run([*command, *(str(tmp_path / name) for name in names)], capture_output=True, text=True,
                          timeout=300)
    messages = json.loads(done.stdout or done.stderr or '{"messages": []}')["messages"]
    errors = sorted({f"{names.get(m.get('url', '').rpartition('/')[2], m.get('url'))} : {m.get('message')}"
                     for m in messages if m.get("type") == "error"})
    assert errors == [], f"{len(errors)} erreur(s) HTML :\n" + "\n".join(errors)
