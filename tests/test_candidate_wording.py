"""Issue 11's words: what Mes justificatifs says once every piece is validated, the demo's school year, the move
reported at any time, « 1 fichier », the pôle's phones and email as links at step 1."""
from datetime import datetime

from commands.sessions import CATALOGUE, demo_spec
from models import Piece
from session_file import load_session_file
from tests.helpers import in_db, parse_html, text
from tests.registration_journey import fill_steps, step_url
from tests.uploads_fixtures import pdf_bytes, send


def declare(app, uploader, pieces):
    for piece in pieces.values():
        send(uploader, piece, "scan.pdf", pdf_bytes())
    assert uploader.post("/justificatifs/declarer").status_code == 303


def test_once_every_piece_is_validated_mes_justificatifs_says_so(app, uploader, pieces, mailbox, candidate):
    declare(app, uploader, pieces)
    assert "Le rectorat les examine" in text(uploader.get("/justificatifs/"))
    assert "- Pièce d'identité en cours de validité (recto et verso) : 1 fichier\n" in mailbox.last(candidate.email).body
    with in_db(app):
        Piece.update(status="validée").where(Piece.id.in_([p.id for p in pieces.values()])).execute()
    page = text(uploader.get("/justificatifs/"))
    assert "Le rectorat a validé toutes vos pièces : vous n'avez plus rien à déposer." in page
    assert "Le rectorat les examine" not in page


def test_a_refusal_after_the_declaration_is_said_in_the_declaration(app, uploader, pieces):
    declare(app, uploader, pieces)
    with in_db(app):
        Piece.update(status="refusée", refusal_reason="Illisible.").where(Piece.id == pieces["jdc"].id).execute()
    assert "Le rectorat a refusé une pièce" in text(uploader.get("/justificatifs/"))


def test_the_demo_s_school_year_is_its_own():
    spec = demo_spec(load_session_file(CATALOGUE), datetime(2026, 11, 30, 12, 0))
    assert spec.exams_start_on.year == 2027
    [scolarite] = [d for d in spec.documents if d.code == "scolarite"]
    assert "Établi pour l'année 2026-2027" in scolarite.help


def test_step_3_says_a_move_is_reported_at_any_time(open_session, logged_in):
    fill_steps(logged_in, last=2)
    page = text(logged_in.get(step_url(3)))
    assert "signalez votre nouvelle adresse à tout moment, même après la clôture des inscriptions" in page


def test_step_1_contact_phones_and_email_are_links(open_session, logged_in):
    fill_steps(logged_in, last=1)
    contact = parse_html(logged_in.get(step_url(1))).find("p", class_="hint pole-contact")
    links = [a["href"] for a in contact.find_all("a")]
    assert "mailto:pole.sah@ac-poitiers.fr" in links and any(link.startswith("tel:05") for link in links)
