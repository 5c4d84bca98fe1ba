"""Mes justificatifs from a phone: « Ajouter » each piece, see it listed, then « J'ai fourni toutes mes pièces »."""
import io
import os

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.helpers import PASSWORD
from tests.uploads_fixtures import jpeg_bytes, live_candidate, pdf_bytes


@pytest.fixture
def live_config(clock):
    return {"CLOCK": clock}


def phone_photo():
    """A 4000 × 3000 photo of about 6 MB: over the 5 Mo limit until the browser makes it smaller."""
    small = Image.frombytes("RGB", (1000, 750), os.urandom(1000 * 750 * 3))
    buffer = io.BytesIO()
    small.resize((4000, 3000)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def log_in(page, server):
    page.goto(server.url + "/connexion")
    page.get_by_label("Adresse électronique").fill("candidat@exemple.fr")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Me connecter").click()
    page.get_by_role("navigation").get_by_role("link", name="Mes justificatifs").click()
    expect(page.get_by_role("heading", name="Mes justificatifs")).to_be_visible()


def slot(page, piece):
    return page.locator(f"#piece-{piece.id}")


def test_with_javascript_a_large_photo_is_reduced_sent_with_progress_then_declared(page, live_server):
    _, pieces = live_candidate(live_server)
    log_in(page, live_server)
    # Record how far the progress bar went (the slot is replaced once the upload is done).
    page.evaluate("""document.addEventListener('htmx:xhr:progress', () => {
        const bar = document.querySelector('progress:not([hidden])');
        if (bar) window.progressSeen = Math.max(window.progressSeen || 0, bar.value);
    })""")

    identity = slot(page, pieces["identite"])
    photo = phone_photo()
    identity.get_by_label("Fichier pour").set_input_files(
        {"name": "carte.jpg", "mimeType": "image/jpeg", "buffer": photo})
    expect(identity.get_by_text("Photo réduite avant l'envoi")).to_be_visible()
    identity.get_by_role("button", name="Ajouter").click()
    expect(identity.get_by_role("link", name="carte.jpg")).to_be_visible()
    expect(identity.get_by_text("Pièce déposée")).to_be_visible()
    assert page.evaluate("window.progressSeen") == 100

    jdc = slot(page, pieces["jdc"])
    jdc.get_by_label("Fichier pour").set_input_files(
        {"name": "jdc.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()})
    jdc.get_by_role("button", name="Ajouter").click()
    expect(jdc.get_by_role("link", name="jdc.pdf")).to_be_visible()

    page.get_by_role("button", name="J'ai fourni toutes mes pièces").click()
    expect(page.locator("#declaration").get_by_text("Vous avez déclaré avoir fourni toutes vos pièces")).to_be_visible()
    assert page.console_errors == []


def test_without_javascript_the_plain_form_works_then_declares(page_nojs, live_server):
    page = page_nojs
    _, pieces = live_candidate(live_server)
    log_in(page, live_server)
    declare = page.get_by_role("button", name="J'ai fourni toutes mes pièces")
    expect(declare).to_be_disabled()

    for piece, name, content, kind in [(pieces["identite"], "recto.jpg", jpeg_bytes((800, 600)), "image/jpeg"),
                                       (pieces["jdc"], "jdc.pdf", pdf_bytes(), "application/pdf")]:
        slot(page, piece).get_by_label("Fichier pour").set_input_files(
            {"name": name, "mimeType": kind, "buffer": content})
        slot(page, piece).get_by_role("button", name="Ajouter").click()
        expect(slot(page, piece).get_by_role("link", name=name)).to_be_visible()

    # A file that is not what its name says is refused, next to the piece, in words.
    slot(page, pieces["jdc"]).get_by_label("Fichier pour").set_input_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"<svg xmlns='http://www.w3.org/2000/svg'/>"})
    slot(page, pieces["jdc"]).get_by_role("button", name="Ajouter").click()
    expect(slot(page, pieces["jdc"]).get_by_text("ni un PDF, ni une photo JPEG")).to_be_visible()

    declare.click()
    expect(page.locator("#declaration").get_by_text("Vous avez déclaré avoir fourni toutes vos pièces")).to_be_visible()
    # Chromium reports the refusal's 422 as a failed load: that one is expected.
    assert [error for error in page.console_errors if "status of 422" not in error] == []
