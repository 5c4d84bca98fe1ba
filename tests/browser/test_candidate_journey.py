"""Issue 11's newcomer on a phone (390×844), with and without JavaScript, on the demo session: a refused piece
seen on the first page after login, a 6 Mo photo without JavaScript, « 86 000 » with the wrong commune,
« Supprimer » then « Annuler la suppression », the .ics, and a connection lost before « Suivant »."""
import io
import os

import icalendar
import pytest
from PIL import Image
from playwright.sync_api import expect

from models import Piece
from tests.helpers import PASSWORD, fill_identity, make_account
from tests.uploads_fixtures import enrol, pdf_bytes, pieces_of

BOTH = pytest.mark.parametrize("javascript", [True, False], ids=["avec-javascript", "sans-javascript"])


def candidate(server, session, address, registered=True):
    with server.ctx():
        account = make_account(address)
        if registered:
            enrol(account, session, number="DEMO-000001")
            return pieces_of(account.id)
    return None


def log_in(page, server, address):
    page.goto(server.url + "/connexion")
    page.get_by_label("Adresse électronique").fill(address)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Me connecter").click()
    expect(page.get_by_role("heading", name="Où en êtes-vous ?")).to_be_visible()


def settled(page):
    expect(page.locator(".htmx-settling, .htmx-request")).to_have_count(0)


def start_registration(page, javascript=True):
    """From « Commencer mon inscription » to step 1 answered: CAP Cuisine as an individual candidate, in English.

    With JavaScript the step offers the exam's languages as soon as the exam is chosen; without, « Suivant »
    brings it back with them."""
    page.get_by_role("link", name="Commencer mon inscription").click()
    expect(page.get_by_text("Étape 1 sur 5", exact=True)).to_be_visible()
    settled(page)
    page.get_by_label("Examen présenté").select_option(label="CAP Cuisine")
    page.get_by_label("Candidat individuel").check()
    if not javascript:
        page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Choisissez maintenant la langue")).to_be_visible()
    settled(page)
    page.get_by_label("Langue vivante", exact=True).select_option("Anglais")


def recto_in_the_identity_piece(page, pieces):
    """recto.pdf added from Mes justificatifs to the identity piece, whose slot is returned."""
    page.get_by_role("navigation").get_by_role("link", name="Mes justificatifs").click()
    identity = page.locator(f"#piece-{pieces['identite'].id}")
    identity.get_by_label("Fichier pour").set_input_files({"name": "recto.pdf", "mimeType": "application/pdf",
                                                           "buffer": pdf_bytes()})
    identity.get_by_role("button", name="Ajouter").click()
    expect(identity.get_by_role("link", name="recto.pdf")).to_be_visible()
    return identity


def phone_photo():
    """About 6 MB of JPEG: over the 5 Mo limit."""
    noise = Image.frombytes("RGB", (1000, 750), os.urandom(1000 * 750 * 3))
    buffer = io.BytesIO()
    noise.resize((4000, 3000)).save(buffer, "JPEG", quality=92)
    assert len(buffer.getvalue()) > 5 * 1024 * 1024
    return buffer.getvalue()


@BOTH
def test_a_refused_piece_is_seen_on_the_first_page_after_login(request, javascript, live_server, demo_session):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    pieces = candidate(live_server, demo_session, f"refus.{javascript}@exemple.fr")
    with live_server.ctx():
        Piece.update(status="refusée", refusal_reason="Le verso de la carte manque.").where(
            Piece.id == pieces["identite"].id).execute()
    log_in(page, live_server, f"refus.{javascript}@exemple.fr")
    expect(page.get_by_text("Pièce refusée : Pièce d'identité")).to_be_visible()
    expect(page.get_by_text("Motif du refus : Le verso de la carte manque.")).to_be_visible()
    page.get_by_role("link", name="Déposer un nouveau fichier pour cette pièce").click()
    expect(page.get_by_role("heading", name="Mes justificatifs")).to_be_visible()
    assert page.url.endswith(f"#piece-{pieces['identite'].id}")
    assert page.console_errors == []


def test_a_6_mo_photo_without_javascript_stays_in_mes_justificatifs(page_nojs, live_server, demo_session):
    page = page_nojs
    pieces = candidate(live_server, demo_session, "photo@exemple.fr")
    log_in(page, live_server, "photo@exemple.fr")
    identity = recto_in_the_identity_piece(page, pieces)
    identity.get_by_label("Fichier pour").set_input_files({"name": "IMG_2041.jpg", "mimeType": "image/jpeg",
                                                           "buffer": phone_photo()})
    identity.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_role("heading", name="Mes justificatifs")).to_be_visible()
    expect(identity.get_by_text("reprenez la photo en qualité moyenne")).to_be_visible()
    expect(identity.get_by_role("link", name="recto.pdf")).to_be_visible()  # nothing lost
    # Chromium reports the 413 as a failed load: that one is expected.
    assert [error for error in page.console_errors if "413" not in error] == []


@BOTH
def test_supprimer_then_annuler_la_suppression(request, javascript, live_server, demo_session):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    address = f"suppr.{javascript}@exemple.fr"
    pieces = candidate(live_server, demo_session, address)
    log_in(page, live_server, address)
    identity = recto_in_the_identity_piece(page, pieces)
    identity.get_by_role("button", name="Supprimer").click()
    expect(identity.get_by_text("Aucun fichier déposé pour cette pièce.")).to_be_visible()
    identity.get_by_role("button", name="Annuler la suppression").click()
    expect(identity.get_by_role("link", name="recto.pdf")).to_be_visible()
    expect(identity.get_by_text("Pièce déposée")).to_be_visible()
    assert page.console_errors == []


@BOTH
def test_86_000_with_a_commune_of_another_departement(request, javascript, live_server, demo_session):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    address = f"adresse.{javascript}@exemple.fr"
    candidate(live_server, demo_session, address, registered=False)
    log_in(page, live_server, address)
    start_registration(page, javascript)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Étape 2 sur 5", exact=True)).to_be_visible()
    settled(page)
    fill_identity(page, "Zoé", demo_session.exams_start_on.year - 19)
    settled(page)
    page.get_by_role("button", name="Suivant").click()  # the département is named from the commune
    expect(page.get_by_text("Étape 3 sur 5", exact=True)).to_be_visible()
    settled(page)
    page.get_by_label("Adresse", exact=True).fill("12 rue de l’Œuvre")
    page.get_by_label("Code postal").fill("86 000")
    if javascript:
        page.get_by_label("Commune", exact=True).focus()
        expect(page.locator("#communes-du-code-postal option")).to_have_count(1)
    page.get_by_label("Commune", exact=True).fill("Niort")
    page.get_by_label("Téléphone").fill("06 12 34 56 78")
    settled(page)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("« Niort » n'a pas le code postal 86000. Commune de ce code postal : Poitiers.").first
           ).to_be_visible()
    expect(page.locator("#communes-du-code-postal option")).to_have_attribute("value", "Poitiers")
    page.get_by_label("Commune", exact=True).fill("Poitiers")
    settled(page)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Étape 4 sur 5", exact=True)).to_be_visible()
    assert [error for error in page.console_errors if "422" not in error] == []


@BOTH
def test_ajouter_a_mon_agenda(request, javascript, live_server, demo_session):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    address = f"agenda.{javascript}@exemple.fr"
    candidate(live_server, demo_session, address)
    log_in(page, live_server, address)
    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda").click()
    parsed = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    summaries = [str(event["SUMMARY"]) for event in parsed.walk("VEVENT")]
    assert any(summary.startswith("Fin des inscriptions") for summary in summaries)
    assert parsed.walk("VTIMEZONE")


def test_offline_before_suivant_says_so_and_keeps_every_answer(page, live_server, demo_session):
    address = "hors-ligne@exemple.fr"
    candidate(live_server, demo_session, address, registered=False)
    log_in(page, live_server, address)
    start_registration(page)
    page.context.set_offline(True)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_role("alert").filter(has_text="La connexion a été interrompue")).to_have_text(
        "La connexion a été interrompue : vos réponses sont toujours là. Vérifiez votre connexion, "
        "puis cliquez à nouveau sur « Suivant ».")
    expect(page.get_by_label("Examen présenté")).to_have_value("CAP-CUIS")
    expect(page.get_by_label("Candidat individuel")).to_be_checked()
    expect(page.get_by_label("Langue vivante", exact=True)).to_have_value("Anglais")
    expect(page.get_by_role("button", name="Suivant")).to_be_enabled()
    page.context.set_offline(False)
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("Étape 2 sur 5", exact=True)).to_be_visible()
    settled(page)
    expect(page.get_by_text("La connexion a été interrompue")).to_have_count(0)
    # htmx itself logs the failed request (htmx:sendError, htmx:afterRequest), as Chromium does.
    assert [e for e in page.console_errors if "ERR_INTERNET_DISCONNECTED" not in e and not e.startswith("htmx:")] == []


def test_a_button_says_its_request_is_under_way(page, live_server, demo_session):
    address = "attente@exemple.fr"
    candidate(live_server, demo_session, address, registered=False)
    log_in(page, live_server, address)
    page.get_by_role("link", name="Commencer mon inscription").click()
    settled(page)
    # Hold the request, as a slow link would, and look at the button meanwhile.
    held = []
    page.route("**/inscription/etape/1", lambda route: held.append(route) if route.request.method == "POST"
               else route.continue_())
    page.get_by_role("button", name="Suivant").click()
    busy = page.get_by_role("button", name="Envoi en cours…")
    expect(busy).to_be_disabled()
    held[0].continue_()
    expect(page.get_by_role("button", name="Suivant")).to_be_enabled()
