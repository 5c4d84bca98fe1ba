"""axe-core finds no violation (WCAG 2.1 A and AA) on the pages issue 11 changed, at 390×844.

axe-core is not part of the portal: it comes from the npm package ``axe-core``,
looked for in ``.ci/tools/node_modules`` (``npm install --prefix .ci/tools axe-core``)
or at ``AXE_JS``; without it this test is skipped with a message.
"""
import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from models import Piece
from tests.browser.conftest import PHONE
from tests.browser.test_candidate_journey import candidate, log_in
from tests.uploads_fixtures import pdf_bytes

AXE = Path(os.environ.get("AXE_JS") or Path(__file__).resolve().parents[2] / ".ci/tools/node_modules/axe-core/axe.min.js")


@pytest.fixture
def axe_page(chromium):
    if not AXE.exists():
        pytest.skip(f"axe-core introuvable ({AXE}) : `npm install --prefix .ci/tools axe-core` pour le lancer.")
    # The portal's CSP refuses any script it did not serve: the test's own context sets it aside for axe.
    context = chromium.new_context(viewport=PHONE, locale="fr-FR", bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def violations(page):
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
        return r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")
    return json.dumps(result, ensure_ascii=False, indent=1) if result else None


def test_no_violation_on_the_new_pages(axe_page, live_server, demo_session):
    page = axe_page
    pieces = candidate(live_server, demo_session, "axe@exemple.fr")
    with live_server.ctx():
        Piece.update(status="refusée", refusal_reason="Le verso manque.").where(
            Piece.id == pieces["identite"].id).execute()
    log_in(page, live_server, "axe@exemple.fr")
    assert violations(page) is None  # M'inscrire: the refused piece, the agenda link

    page.get_by_role("navigation").get_by_role("link", name="Mes justificatifs").click()
    slot = page.locator(f"#piece-{pieces['identite'].id}")
    slot.get_by_label("Fichier pour").set_input_files({"name": "recto.pdf", "mimeType": "application/pdf",
                                                       "buffer": pdf_bytes()})
    slot.get_by_role("button", name="Ajouter").click()
    slot.get_by_role("button", name="Supprimer").click()
    expect(slot.get_by_role("button", name="Annuler la suppression")).to_be_visible()
    assert violations(page) is None  # Mes justificatifs with « Annuler la suppression »

    page.get_by_role("navigation").get_by_role("link", name="Mes documents").click()
    expect(page.get_by_role("link", name="Télécharger mon dossier")).to_be_visible()
    assert violations(page) is None
    page.get_by_role("link", name="Visualiser / imprimer").click()
    expect(page.get_by_role("heading", name="Récapitulatif d'inscription")).to_be_visible()
    assert violations(page) is None

    page.goto(live_server.url + "/inscription/etape/3")
    page.get_by_label("Code postal").fill("86 000")
    page.get_by_label("Commune", exact=True).fill("Niort")
    page.get_by_role("button", name="Suivant").click()
    expect(page.get_by_text("n'a pas le code postal 86000").first).to_be_visible()
    assert violations(page) is None  # step 3 refused, the communes offered

    page.get_by_role("button", name="Me déconnecter").click()
    # The logout answers with a fresh session (and CSRF token): a page loaded before it lands
    # would send the old token with its inline checks, which the portal rightly refuses.
    expect(page.get_by_text("Vous êtes déconnecté.")).to_be_visible()
    page.goto(live_server.url + "/compte/creer")
    page.get_by_label("Adresse électronique").fill("nouvelle@exemple.fr")
    page.get_by_label("Mot de passe", exact=True).fill("une phrase de passe assez longue")
    page.get_by_label("Confirmation du mot de passe").fill("une phrase de passe assez longue")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("button", name="Renvoyer le lien à nouvelle@exemple.fr")).to_be_visible()
    assert violations(page) is None  # Vérifiez vos courriels
