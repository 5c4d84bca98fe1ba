"""« puis valider en cliquant sur « J'ai fourni toutes mes pièces » avant le 24 novembre 2022 »."""
import json
from datetime import timedelta

import pytest

from models import Piece, Registration
from models.registrations import LAST_STEP
from tests.helpers import in_db, parse_html, text
from tests.uploads_fixtures import pdf_bytes, send, uploads

DECLARE = "/justificatifs/declarer"


def declared_at(app, registration):
    with in_db(app):
        return Registration.get_by_id(registration.id).pieces_declared_at


def provide_all(uploader, pieces):
    for code, piece in pieces.items():
        assert send(uploader, piece, f"{code}.pdf", pdf_bytes()).status_code == 303


def refuse(app, piece, **extra):
    with in_db(app):
        Piece.update(status="refusée", refusal_reason="Le verso manque.", reviewed_at=piece.registration.session.opens_at,
                     **extra).where(Piece.id == piece.id).execute()


def test_with_a_missing_piece_the_button_says_what_is_missing(app, uploader, pieces, registration, mailbox):
    assert send(uploader, pieces["identite"], "carte.pdf", pdf_bytes()).status_code == 303
    page = uploader.get("/justificatifs/")
    [declare] = [button for button in parse_html(page).find_all("button") if button.text == "J'ai fourni toutes mes pièces"]
    assert "disabled" in declare.attrs
    assert f"Aucun fichier pour « {pieces['jdc'].label} »" in text(page)
    response = uploader.post(DECLARE)
    assert response.status_code == 422 and "Aucun fichier pour" in text(response)
    assert declared_at(app, registration) is None and mailbox.messages() == []


def test_declaring_records_the_time_and_emails_an_acknowledgement(app, clock, uploader, pieces, registration, mailbox):
    provide_all(uploader, pieces)
    response = uploader.post(DECLARE)
    assert response.status_code == 303
    assert declared_at(app, registration) == clock.now
    message = mailbox.last(registration.account.email)
    assert message.subject == "Accusé de réception : vos pièces justificatives"
    assert "mardi 1er novembre 2022 à 10 h 00" in message.body and registration.number in message.body
    page = text(uploader.get(response.location))
    assert "Vous avez déclaré avoir fourni toutes vos pièces le 1er novembre 2022 à 10 h 00" in page
    # A second click (a slow link, an impatient thumb) changes nothing and sends nothing more.
    assert uploader.post(DECLARE).status_code == 303 and len(mailbox.messages()) == 1


def test_after_the_declaration_only_a_refused_piece_takes_new_files(app, uploader, pieces, registration):
    provide_all(uploader, pieces)
    assert uploader.post(DECLARE).status_code == 303
    refused = send(uploader, pieces["jdc"], "encore.pdf", pdf_bytes())
    assert refused.status_code == 422 and "seule une pièce refusée" in text(refused)
    refuse(app, pieces["identite"])
    page = text(uploader.get("/justificatifs/"))
    assert "Motif du refus : Le verso manque." in page
    # Recto then verso: the piece stays open until the due date, even once déposée again.
    assert send(uploader, pieces["identite"], "recto.pdf", pdf_bytes()).status_code == 303
    assert send(uploader, pieces["identite"], "verso.pdf", pdf_bytes()).status_code == 303
    with in_db(app):
        assert Piece.get_by_id(pieces["identite"].id).status == "déposée"
    assert len(uploads(app)) == 4


@pytest.mark.parametrize("moment", ["due", "after"])
def test_no_declaration_from_the_due_date_on(app, clock, uploader, pieces, registration, moment):
    provide_all(uploader, pieces)
    clock.now = registration.session.documents_due_at + (timedelta(days=1) if moment == "after" else timedelta(0))
    assert "La date limite de dépôt des pièces est passée" in text(uploader.get("/justificatifs/"))
    assert uploader.post(DECLARE).status_code == 422
    assert declared_at(app, registration) is None


def test_the_last_second_before_the_due_date_still_counts(app, clock, uploader, pieces, registration):
    provide_all(uploader, pieces)
    clock.now = registration.session.documents_due_at - timedelta(seconds=1)
    assert uploader.post(DECLARE).status_code == 303
    assert declared_at(app, registration) == clock.now


def test_a_later_date_granted_by_staff_lets_a_refused_piece_in_after_the_due_date(app, clock, uploader, pieces,
                                                                                  registration):
    provide_all(uploader, pieces)
    assert uploader.post(DECLARE).status_code == 303
    due = registration.session.documents_due_at
    refuse(app, pieces["identite"], due_override=due + timedelta(days=7))
    clock.now = due + timedelta(days=3)
    assert send(uploader, pieces["identite"], "nouvelle.pdf", pdf_bytes()).status_code == 303
    assert send(uploader, pieces["jdc"], "jdc2.pdf", pdf_bytes()).status_code == 422
    clock.now = due + timedelta(days=7)
    assert send(uploader, pieces["identite"], "trop-tard.pdf", pdf_bytes()).status_code == 422


def test_a_new_piece_after_a_change_reopens_the_declaration_and_says_why(app, uploader, pieces, registration):
    provide_all(uploader, pieces)
    assert uploader.post(DECLARE).status_code == 303
    with in_db(app):
        # The candidate now asks for adapted exam conditions and clicks Enregistrer.
        saved = Registration.get_by_id(registration.id)
        saved.step_reached, saved.pending = LAST_STEP, json.dumps({"accommodation_requested": True})
        saved.save()
        assert saved.enregistrer(saved.revision) is True
    assert declared_at(app, registration) is None
    page = text(uploader.get("/justificatifs/"))
    assert "Décision d'aménagement des épreuves" in page
    assert "Votre inscription a changé : cette pièce est maintenant demandée" in page
    assert "Aucun fichier pour « Décision d'aménagement des épreuves »" in page
    with in_db(app):
        new_piece = Piece.get(Piece.registration == registration.id, Piece.code == "amenagement")
    assert send(uploader, new_piece, "decision.pdf", pdf_bytes()).status_code == 303
    assert uploader.post(DECLARE).status_code == 303
    assert "Votre inscription a changé" not in text(uploader.get("/justificatifs/"))
