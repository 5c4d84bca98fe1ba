"""The recap PDF declares its language and title (XMP), its headings are not justified, and the contact block
is never a page of its own; the recap page's headings follow each other without a jump."""
import io
import re

from pypdf import PdfReader

from tests.helpers import parse_html
from tests.registration_journey import GOOD, register

NUMBER = "2023-06-POI-000001"
# Every situation answered yes: the longest list of pieces.
MANY = {**GOOD, 1: {**GOOD[1], "candidate_status": "distance", "organisme": "CNED"},
        4: {**GOOD[4], "diplomas_held": "CAP Pâtissier, 2019", "exemption_requested": "y", "grades_kept": "y",
            "foreign_diploma": "y", "accommodation_requested": "oui"}}


def recap_pdf(browser):
    return PdfReader(io.BytesIO(browser.client.get(f"/documents/{NUMBER}/recapitulatif.pdf").data))


def test_the_pdf_says_its_language_and_title(open_session, logged_in):
    register(logged_in)
    reader = recap_pdf(logged_in)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr-FR"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert f"Récapitulatif d'inscription {NUMBER}" in xmp and "<rdf:li>fr-FR</rdf:li>" in xmp
    assert reader.metadata.title == f"Récapitulatif d'inscription {NUMBER}"


def test_the_contact_block_is_never_alone_on_a_page(open_session, logged_in):
    register(logged_in, answers=MANY)
    reader = recap_pdf(logged_in)
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Une question sur votre inscription ou vos pièces ?" in last
    # Something else than the contact block on its page.
    assert last.index("Une question") > 0, (len(reader.pages), last)


def test_headings_are_left_aligned(open_session, logged_in):
    register(logged_in)
    content = b"".join(page.get_contents().get_data() for page in recap_pdf(logged_in).pages)
    # Justified text sets a word spacing (Tw) to stretch lines; the recap never does.
    assert not re.search(rb"[1-9][\d.]* Tw", content)


def test_the_recap_page_has_no_heading_jump(open_session, logged_in):
    register(logged_in)
    page = parse_html(logged_in.get(f"/documents/{NUMBER}/recapitulatif"))
    levels = [int(e.tag[1]) for e in page.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
