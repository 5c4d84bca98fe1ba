"""The whole story of Gestion in Chromium: an admin adds a gestionnaire in Équipe, who reviews a declared
registration with its photo inline, refuses it with a message; the candidate reads it, sends a new photo; the
gestionnaire validates the pieces and the registration, which the candidate then sees."""
import re

import pytest
from playwright.sync_api import expect

from models import Account, Outbox, StaffPole
from tests.helpers import PASSWORD, make_account
from tests.uploads_fixtures import jpeg_bytes, live_candidate, pdf_bytes

DESKTOP = {"width": 1366, "height": 900}
GESTIONNAIRE = "nouvelle.gestionnaire@ac-poitiers.fr"
NUMBER = "2023-06-POI-000001"


@pytest.fixture
def live_config(clock):
    """The notice's session is open at the test clock's time."""
    return {"CLOCK": clock}


@pytest.fixture
def desktop(chromium, page):
    """A desktop browser for staff (``page`` stays the candidate's phone)."""
    contexts = []

    def open_page():
        context = chromium.new_context(viewport=DESKTOP, locale="fr-FR")
        context.set_default_timeout(15_000)
        contexts.append(context)
        opened = context.new_page()
        opened.console_errors = []
        opened.on("pageerror", lambda error: opened.console_errors.append(str(error)))
        return opened

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, server, email):
    page.goto(server.url + "/connexion")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Me connecter").click()


def add_file(page, piece, name, content, kind):
    slot = page.locator(f"#piece-{piece.id}")
    slot.get_by_label("Fichier pour").set_input_files({"name": name, "mimeType": kind, "buffer": content})
    slot.get_by_role("button", name="Ajouter").click()
    expect(slot.get_by_role("link", name=name)).to_be_visible()


def welcome_link(server, email):
    with server.ctx():
        body = Outbox.select().where(Outbox.recipient == email).order_by(Outbox.id.desc()).first().body
    return re.search(r"https?://\S+/bienvenue/\S+", body).group(0)


def test_a_gestionnaire_added_in_equipe_reviews_and_the_candidate_sees_the_outcome(page, desktop, live_server):
    server = live_server
    _, pieces = live_candidate(server)
    with server.ctx():
        make_account("admin@ac-poitiers.fr", role="admin")
    identity, jdc = pieces["identite"], pieces["jdc"]

    # The candidate sends a photo of their identity card and their JDC certificate, and declares them.
    log_in(page, server, "candidat@exemple.fr")
    page.get_by_role("navigation").get_by_role("link", name="Mes justificatifs").click()
    add_file(page, identity, "carte.jpg", jpeg_bytes((900, 600), colour=(20, 90, 200)), "image/jpeg")
    add_file(page, jdc, "jdc.pdf", pdf_bytes(), "application/pdf")
    page.get_by_role("button", name="J'ai fourni toutes mes pièces").click()
    expect(page.locator("#declaration").get_by_text("Vous avez déclaré avoir fourni toutes vos pièces")).to_be_visible()

    # The admin adds a gestionnaire of the candidate's pôle in Équipe.
    admin = desktop()
    log_in(admin, server, "admin@ac-poitiers.fr")
    admin.get_by_role("navigation", name="Gestion").get_by_role("link", name="Équipe").click()
    admin.get_by_role("link", name="Ajouter un membre").click()
    admin.get_by_label("Adresse électronique").fill(GESTIONNAIRE)
    admin.get_by_label("Gestionnaire : les inscriptions de ses pôles").check()
    admin.get_by_label("Pôle services, alimentation, hôtellerie").check()
    admin.get_by_role("button", name="Ajouter un membre").click()
    expect(admin.get_by_role("cell", name=GESTIONNAIRE, exact=True)).to_be_visible()

    # Staff pages are laid out for a desktop: one width for header, main and footer; the session's whole name.
    admin.get_by_role("navigation", name="Gestion").get_by_role("link", name="Tableau de bord").click()
    expect(admin.get_by_role("heading", name="Tableau de bord")).to_be_visible()
    widths = admin.evaluate("""() => {
        const box = (selector) => { const r = document.querySelector(selector).getBoundingClientRect();
            const s = getComputedStyle(document.querySelector(selector));
            return [r.left + parseFloat(s.paddingLeft), r.right - parseFloat(s.paddingRight)]; };
        const select = document.querySelector('select[name=session]');
        return {header: box('.top'), main: box('main'), footer: box('footer'),
                select: select.scrollWidth <= select.clientWidth + 1};
    }""")
    assert widths["header"] == pytest.approx(widths["main"], abs=2)
    assert widths["footer"] == pytest.approx(widths["main"], abs=2)
    assert widths["select"]

    # The gestionnaire chooses a password from the welcome link, logs in, and opens the declared registration.
    staff = desktop()
    staff.goto(welcome_link(server, GESTIONNAIRE))
    staff.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    staff.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    staff.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(staff.get_by_text("Votre mot de passe est enregistré")).to_be_visible()
    log_in(staff, server, GESTIONNAIRE)
    expect(staff.get_by_role("heading", name="Gestion des inscriptions")).to_be_visible()
    staff.get_by_role("link", name=NUMBER).click()
    photo = staff.locator(f"#piece-{identity.id} .preview img")
    expect(photo).to_be_visible()
    # Visible from its width and height attributes, before its bytes arrive: wait until it has loaded.
    staff.wait_for_function("(img) => img.complete", arg=photo.element_handle())
    assert staff.evaluate("(img) => img.naturalWidth", photo.element_handle()) == 900
    expect(staff.locator(f"#piece-{jdc.id} .preview img")).to_be_visible()  # the PDF, drawn as a picture

    # The photo is refused, with a message.
    section = staff.locator(f"#piece-{identity.id}")
    section.get_by_text("Refuser la pièce").first.click()
    section.get_by_label("Motif du refus, lu par le candidat").fill("La photo est floue.")
    section.get_by_label("Message au candidat").fill("Reprenez-la à plat, près d'une fenêtre.")
    section.get_by_role("button", name="Refuser la pièce").click()
    expect(staff.get_by_text("refusée ; le candidat en est informé")).to_be_visible()

    # The candidate reads it in the thread, answers, and sends a new photo.
    page.goto(server.url + "/justificatifs/")
    page.get_by_role("link", name="Écrire au pôle").click()
    expect(page.get_by_text("Reprenez-la à plat, près d'une fenêtre.")).to_be_visible()
    page.get_by_label("Votre message au pôle").fill("Voici une nouvelle photo.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("#fil").get_by_text("Voici une nouvelle photo.")).to_be_visible()
    page.goto(server.url + "/justificatifs/")
    add_file(page, identity, "carte-nette.jpg", jpeg_bytes((900, 600), colour=(30, 160, 60)), "image/jpeg")

    # The gestionnaire sees the answer, validates both pieces, then the registration.
    staff.get_by_role("navigation", name="Gestion").get_by_role("link", name="Inscriptions").click()
    expect(staff.get_by_role("link", name="1 non lu")).to_be_visible()
    staff.get_by_role("link", name=NUMBER).click()
    expect(staff.locator("#fil").get_by_text("Voici une nouvelle photo.")).to_be_visible()
    for piece in (identity, jdc):
        staff.locator(f"#piece-{piece.id}").get_by_role("button", name="Valider la pièce").click()
        expect(staff.get_by_text(f"Pièce « {piece.label} » validée.")).to_be_visible()
    staff.get_by_role("button", name="Valider l'inscription").click()
    expect(staff.get_by_text("Inscription validée ; le candidat en est informé")).to_be_visible()

    # The candidate sees the outcome in M'inscrire.
    page.goto(server.url + "/inscription/")
    expect(page.get_by_text("Inscription validée par le rectorat")).to_be_visible()
    assert staff.console_errors == [] and admin.console_errors == []


def test_without_javascript_staff_review_and_the_thread_work(chromium, page_nojs, live_server):
    server = live_server
    _, pieces = live_candidate(server)
    with server.ctx():
        make_account("gestion@ac-poitiers.fr", role="gestionnaire")
        StaffPole.create(account=Account.by_email("gestion@ac-poitiers.fr"),
                         pole_code="services-alimentation-hotellerie")
    candidate = page_nojs
    log_in(candidate, server, "candidat@exemple.fr")
    candidate.goto(server.url + "/justificatifs/")
    add_file(candidate, pieces["identite"], "carte.jpg", jpeg_bytes((600, 400)), "image/jpeg")
    candidate.get_by_role("link", name="Écrire au pôle").click()
    candidate.get_by_label("Votre message au pôle").fill("Faut-il le verso ?")
    candidate.get_by_role("button", name="Envoyer").click()
    expect(candidate.get_by_text("Votre message est envoyé au pôle.")).to_be_visible()

    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=False, locale="fr-FR")
    try:
        staff = context.new_page()
        log_in(staff, server, "gestion@ac-poitiers.fr")
        staff.get_by_role("link", name="Tableau de bord").click()
        staff.get_by_role("row", name=re.compile("Pôle services")).get_by_role("link").last.click()  # messages non lus
        staff.get_by_role("link", name=NUMBER).click()
        expect(staff.locator(f"#piece-{pieces['identite'].id} .preview img")).to_be_visible()
        expect(staff.get_by_text("Faut-il le verso ?")).to_be_visible()
        staff.get_by_label("Message au candidat").last.fill("Oui, recto et verso.")
        staff.locator("#fil").get_by_role("button", name="Envoyer").click()
        expect(staff.get_by_text("Message envoyé ; le candidat en est prévenu")).to_be_visible()
    finally:
        context.close()
    candidate.goto(server.url + "/messages/")
    expect(candidate.get_by_text("Oui, recto et verso.")).to_be_visible()
