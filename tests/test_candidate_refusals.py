"""A refused piece is seen where the candidate lands: « Où en êtes-vous ? » names it, with its motif and a
link to its slot; a due date granted by staff moves the next deadline."""
from datetime import timedelta

from models import Piece, Registration
from tests.helpers import in_db, parse_html, text
from tests.uploads_fixtures import pdf_bytes, send


def refuse(app, piece, reason, due_override=None, declare=True):
    with in_db(app):
        if declare:
            Registration.update(pieces_declared_at=Registration.saved_at).where(
                Registration.id == piece.registration_id).execute()
        Piece.update(status="refusée", refusal_reason=reason, due_override=due_override).where(
            Piece.id == piece.id).execute()


def test_a_refused_piece_is_on_the_first_page_after_login(app, uploader, pieces):
    send(uploader, pieces["identite"], "carte.pdf", pdf_bytes())
    refuse(app, pieces["identite"], "Le verso manque.")
    response = uploader.get("/inscription/")
    space = text(response)
    assert "Pièces déclarées le" not in space
    assert "mais le rectorat en a refusé 1" in space
    assert "Pièce refusée : Pièce d'identité" in space
    assert "Motif du refus : Le verso manque." in space
    links = [a.get("href") for a in parse_html(response).find_all("a")]
    assert f"/justificatifs/#piece-{pieces['identite'].id}" in links
    assert "Déposer un nouveau fichier pour cette pièce avant le jeudi 24 novembre 2022" in space


def test_a_due_date_granted_by_staff_is_the_next_deadline(app, uploader, pieces, open_session, clock):
    send(uploader, pieces["identite"], "carte.pdf", pdf_bytes())
    refuse(app, pieces["identite"], "Illisible.", due_override=open_session.documents_due_at + timedelta(days=7))
    clock.now = open_session.documents_due_at + timedelta(days=1)
    space = text(uploader.get("/inscription/"))
    assert "Motif du refus : Illisible." in space
    assert "Prochaine échéance : déposez à nouveau votre pièce refusée avant le jeudi 1er décembre 2022" in space
    assert "Déposer un nouveau fichier pour cette pièce avant le jeudi 1er décembre 2022" in space


def test_past_its_date_a_refused_piece_says_so_without_a_link(app, uploader, pieces, open_session, clock):
    send(uploader, pieces["identite"], "carte.pdf", pdf_bytes())
    refuse(app, pieces["identite"], "Illisible.")
    clock.now = open_session.documents_due_at + timedelta(days=1)
    space = text(uploader.get("/inscription/"))
    assert "Motif du refus : Illisible." in space
    assert "La date limite de dépôt des pièces est passée" in space
    assert "Prochaine échéance : aucune." in space
