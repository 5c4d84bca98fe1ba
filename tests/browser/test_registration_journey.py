"""Step 2 of the notice in a real browser, on a phone: « M'inscrire » in five
steps, « Enregistrer », the confirmation email, then « Mes documents » with
the printable recap, the PDF and the list of pieces."""
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import ARTIFACTS
from tests.helpers import PASSWORD, fill_identity, make_account

NUMBER = re.compile(r"DEMO-\d{6}")


@pytest.fixture
def live_config(smtp_server):
    # The portal sends through a real SMTP server, right after each response.
    return {**smtp_server.config(), "MAIL_SEND_AFTER_REQUEST": True}


def candidate_of(live_server, address):
    with live_server.ctx():
        make_account(address)
    return address


class Phone:
    """A candidate at a phone: fills M'inscrire by the labels they read, and photographs each screen."""

    def __init__(self, page, server, name, javascript=True):
        self.page, self.server, self.name, self.javascript = page, server, name, javascript
        self.shots = 0

    def shot(self, what):
        self.shots += 1
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"inscription-{self.name}-{self.shots:02d}-{what}.png"),
                             full_page=True)

    def log_in(self, address):
        page = self.page
        page.goto(self.server.url + "/connexion")
        page.get_by_label("Adresse électronique").fill(address)
        page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Me connecter").click()
        expect(page.get_by_role("heading", name="Où en êtes-vous ?")).to_be_visible()

    def step_is(self, number):
        expect(self.page.get_by_text(f"Étape {number} sur 5", exact=True)).to_be_visible()
        if self.javascript:
            # htmx wires up the behaviours of a new page when it settles, a few
            # milliseconds after showing it: no person is that quick, a test is.
            expect(self.page.locator(".htmx-settling, .htmx-request")).to_have_count(0)

    def suivant(self, then):
        self.page.get_by_role("button", name="Suivant").click()
        self.step_is(then)

    def exam(self):
        page = self.page
        self.step_is(1)
        expect(page.get_by_label("Langue vivante", exact=True)).to_have_count(0)  # no language before an exam
        page.get_by_label("Examen présenté").select_option(label="Bac pro Accompagnement, soins et services à la personne")
        page.get_by_label("Candidat individuel").check()
        if not self.javascript:
            # Without JavaScript, « Suivant » brings the step back offering the exam's languages and options.
            self.suivant(then=1)
        # With JavaScript the step comes back as soon as the exam is chosen.
        expect(page.get_by_text("Choisissez maintenant la langue et les épreuves facultatives de cet examen.")).to_be_visible()
        expect(page.get_by_label("Langue vivante", exact=True).locator("option")).to_have_text(
            ["Choisissez une langue", "Anglais", "Espagnol"])
        page.get_by_label("Langue vivante", exact=True).select_option("Anglais")
        page.get_by_label("Éducation physique et sportive").check()
        self.shot("etape-1-examen")
        self.suivant(then=2)

    def identity(self, birth_year):
        fill_identity(self.page, "Zoé Maëlle", birth_year, departement="86")
        self.shot("etape-2-identite")
        self.suivant(then=3)

    def address(self):
        page = self.page
        page.get_by_label("Adresse", exact=True).fill("12 rue de l’Œuvre")
        postcode = page.get_by_label("Code postal")
        if self.javascript:
            # A mistyped postcode is told as soon as the candidate leaves the field, by the server's own check.
            postcode.fill("8600")
            page.get_by_label("Commune", exact=True).focus()
            expect(page.get_by_text("Un code postal français compte 5 chiffres, par exemple 86000.")).to_be_visible()
            self.shot("etape-3-code-postal")
        postcode.fill("86000")
        page.get_by_label("Commune", exact=True).fill("Poitiers")
        page.get_by_label("Téléphone").fill("06 12 34 56 78")
        self.shot("etape-3-coordonnees")
        self.suivant(then=4)

    def situation(self):
        page = self.page
        page.get_by_role("group", name="Demandez-vous un aménagement des épreuves ?").get_by_label("Non").check()
        page.get_by_label("J'ai participé à la Journée défense et citoyenneté (JDC)").check()
        self.shot("etape-4-situation")
        self.suivant(then=5)


def birth_year_of_a_19_year_old(session):
    return session.exams_start_on.year - 19


@pytest.mark.parametrize("javascript", [True, False], ids=["avec-javascript", "sans-javascript"])
def test_register_save_and_print_on_a_phone(request, javascript, live_server, smtp_server, demo_session):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    address = candidate_of(live_server, f"zoe.{'js' if javascript else 'nojs'}@exemple.fr")
    phone = Phone(page, live_server, request.node.callspec.id, javascript)

    phone.log_in(address)
    expect(page.get_by_text("Votre inscription n'est pas enregistrée.")).to_be_visible()
    phone.shot("espace")
    page.get_by_role("link", name="M'inscrire").click()
    page.get_by_role("link", name="Commencer mon inscription").click()
    phone.exam()
    phone.identity(birth_year_of_a_19_year_old(demo_session))
    phone.address()
    phone.situation()

    expect(page.get_by_text("Lefèvre", exact=True)).to_be_visible()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Cochez cette case pour enregistrer").first).to_be_visible()
    phone.shot("etape-5-a-cocher")
    page.get_by_label("J'ai vérifié l'exactitude de ces informations").check()
    phone.shot("etape-5-recapitulatif")
    page.get_by_role("button", name="Enregistrer").click()
    saved = page.get_by_text("Votre inscription est enregistrée sous le numéro")
    expect(saved).to_be_visible()
    number = NUMBER.search(saved.inner_text()).group(0)
    phone.shot("enregistree")

    email = smtp_server.wait_for(address)[-1]
    assert number in email.subject + email.body and "Lefèvre" in email.body

    page.get_by_role("link", name="Mes documents").first.click()
    expect(page.get_by_role("heading", name="Mes documents")).to_be_visible()
    expect(page.get_by_text("Pièce d'identité en cours de validité").first).to_be_visible()
    phone.shot("mes-documents")
    page.get_by_role("link", name="Visualiser / imprimer").first.click()
    expect(page.get_by_role("heading", name="Récapitulatif d'inscription")).to_be_visible()
    expect(page.get_by_text(number).first).to_be_visible()
    expect(page.get_by_text("Zoé Maëlle", exact=True)).to_be_visible()
    phone.shot("recapitulatif")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le PDF").first.click()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages)
    for expected in (number, "Lefèvre", "Zoé Maëlle", "12 rue de l’Œuvre", "Pièce d'identité en cours de validité"):
        assert expected in text, expected

    # The one refusal the candidate asked for (Enregistrer with the box unticked) is a 422 the browser
    # reports; anything else (a script refused by the CSP, an asset not found, an error) is a defect.
    refusal = f"{live_server.url}/inscription/enregistrer"
    assert failed == [f"422 {refusal}"]
    assert [error for error in page.console_errors if refusal not in error] == []
    if javascript:
        assert page.evaluate("typeof htmx") == "object"


@pytest.mark.parametrize("javascript", [True, False], ids=["avec-javascript", "sans-javascript"])
def test_leaving_at_step_3_resumes_at_step_3(request, javascript, live_server, demo_session):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    address = candidate_of(live_server, f"reprise.{'js' if javascript else 'nojs'}@exemple.fr")
    phone = Phone(page, live_server, f"reprise-{request.node.callspec.id}", javascript)
    phone.log_in(address)
    page.get_by_role("link", name="Commencer mon inscription").click()
    phone.exam()
    phone.identity(birth_year_of_a_19_year_old(demo_session))
    page.get_by_label("Code postal").fill("86000")
    # The connection drops, the phone is closed; the candidate logs in again later.
    page.get_by_role("button", name="Me déconnecter").click()
    expect(page.get_by_text("Vous êtes déconnecté.")).to_be_visible()
    phone.log_in(address)
    expect(page.get_by_text("Votre inscription n'est pas enregistrée.")).to_be_visible()
    phone.shot("retour")
    page.get_by_role("link", name="Reprendre à l'étape 3 sur 5").click()
    phone.step_is(3)
    # Only the step being typed is lost: steps 1 and 2 were kept by their « Suivant ».
    expect(page.get_by_label("Code postal")).to_have_value("")
    page.get_by_role("link", name="Précédent").click()
    phone.step_is(2)
    expect(page.get_by_label("Nom de naissance")).to_have_value("Lefèvre")
    expect(page.get_by_label("Prénoms")).to_have_value("Zoé Maëlle")
    assert page.console_errors == []
