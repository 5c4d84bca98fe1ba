"""Reviewing a registration: « Valider la pièce », « Refuser la pièce » with a motif the candidate reads,
« Valider l'inscription », « Écarter l'inscription », address changes, and the history of it all."""
import gzip
from datetime import datetime

import pytest

from models import AddressChange, Piece, Profile, Registration
from tests.helpers import in_db, text
from tests.staff_fixtures import FIRST, audit_trail, decide, piece_now, registration_now
from tests.uploads_fixtures import pdf_bytes, send

PAGE = f"/gestion/inscriptions/{FIRST}"
REASON = "Le document est illisible : photographiez-le à plat, en pleine lumière."


def refuse(browser, piece, reason=REASON, due_on=""):
    return decide(browser, f"/gestion/pieces/{piece.id}/refuser",
                  {f"piece-{piece.id}-reason": reason, f"piece-{piece.id}-due_on": due_on})


def accept(browser, piece):
    return decide(browser, f"/gestion/pieces/{piece.id}/valider")


def test_the_page_shows_the_recap_the_pieces_and_their_files(gestionnaire, deposited, pieces):
    page = text(gestionnaire.get(PAGE))
    assert f"Inscription n° {FIRST} — MARTIN Jeanne" in page and "CAP Cuisine" in page and "Nationalité" in page
    assert "À examiner" in page and "recto.pdf" in page and "Pièce manquante" in page
    assert page.count("Valider la pièce") == 1  # a piece without any file cannot be reviewed
    assert "Valider l'inscription" in page and "Écarter l'inscription" in page


def test_valider_la_piece(app, gestionnaire, uploader, deposited, mailbox):
    sent = len(mailbox.messages())
    response = accept(gestionnaire, deposited)
    assert response.status_code == 303 and response.headers["Location"].endswith(PAGE)
    piece = piece_now(app, deposited)
    assert piece.status == "validée" and piece.reviewed_by is not None and piece.reviewed_at is not None
    assert audit_trail(app) == [("pièce validée", f"{FIRST} — {piece.label}")]
    page = text(gestionnaire.get(PAGE))
    assert f"pièce validée : {piece.label} (gestion.sah@ac-poitiers.fr)" in page
    assert "Pièce validée" in text(uploader.get("/justificatifs/"))
    assert len(mailbox.messages()) == sent  # only a refusal is worth an email
    assert accept(gestionnaire, deposited).status_code == 422  # twice: « déjà validée »


def test_refuser_la_piece_tells_the_candidate_why_and_until_when(app, gestionnaire, uploader, deposited, mailbox):
    response = refuse(gestionnaire, deposited, due_on="30/11/2022")
    assert response.status_code == 303
    piece = piece_now(app, deposited)
    assert piece.status == "refusée" and piece.refusal_reason == REASON
    assert piece.due_override == datetime(2022, 11, 29, 23, 0)  # 30 November, 0 h 00 in Paris (winter time)
    message = mailbox.last("candidat@exemple.fr")
    assert message.subject == f"Pièce refusée : {piece.label}"
    assert REASON in message.body and "avant le mercredi 30 novembre 2022 (heure de Paris)" in message.body
    assert "/justificatifs/" in message.body and "pole.sah@ac-poitiers.fr" in message.body
    page = text(uploader.get("/justificatifs/"))
    assert f"Motif du refus : {REASON}" in page and "30 novembre 2022" in page
    assert audit_trail(app) == [("pièce refusée", f"{FIRST} — {piece.label} : {REASON}")]
    assert f"Motif du refus : {REASON}" in text(gestionnaire.get(PAGE))


def test_a_refused_piece_is_sent_again_after_the_declaration_and_the_session_s_date_then_reviewed_again(
        app, clock, gestionnaire, uploader, pieces, deposited):
    assert send(uploader, pieces["jdc"], "jdc.pdf", pdf_bytes()).status_code == 303
    assert uploader.post("/justificatifs/declarer").status_code == 303
    assert refuse(gestionnaire, deposited, due_on="30/11/2022").status_code == 303
    clock.now = datetime(2022, 11, 26, 9, 0)  # after the session's date (24 November), before the one granted
    assert send(uploader, pieces["identite"], "recto-net.pdf", pdf_bytes()).status_code == 303
    piece = piece_now(app, deposited)
    assert piece.status == "déposée" and piece.reviewed_at is not None
    page = text(gestionnaire.get(PAGE))
    assert "Nouveaux fichiers après le refus" in page and "recto-net.pdf" in page and "nouveau" in page
    assert accept(gestionnaire, deposited).status_code == 303
    assert piece_now(app, deposited).status == "validée" and piece_now(app, deposited).refusal_reason == ""
    assert "Cette pièce a été validée par le rectorat" in text(uploader.get("/justificatifs/"))
    assert [action for action, _ in audit_trail(app)] == ["pièce refusée", "pièce validée"]


def test_a_refused_piece_without_a_new_date_waits_until_the_session_s_date(app, gestionnaire, uploader, deposited,
                                                                            mailbox):
    assert refuse(gestionnaire, deposited).status_code == 303
    assert piece_now(app, deposited).due_override is None
    assert "avant le jeudi 24 novembre 2022 (heure de Paris)" in mailbox.last("candidat@exemple.fr").body


@pytest.mark.parametrize("reason, due_on, message", [
    ("", "", "Indiquez le motif du refus"),
    ("   ", "", "Indiquez le motif du refus"),
    ("x" * 1001, "", "Le motif ne doit pas dépasser 1000 caractères."),
    (REASON, "31/02/2023", "Cette date n'existe pas"),
    (REASON, "demain", "Cette date n'existe pas"),
    (REASON, "31/10/2022", "Cette date est déjà passée"),
    (REASON, "20/11/2022", "La date limite de la session (24 novembre 2022) est plus tardive"),
    (REASON, "02/06/2023", "Choisissez une date avant le début des épreuves (1er juin 2023)."),
    (REASON, "01/01/0001", "pas plausible"),
])
def test_a_refusal_needs_a_reason_and_a_sensible_date(app, gestionnaire, deposited, mailbox, reason, due_on, message):
    sent = len(mailbox.messages())
    response = refuse(gestionnaire, deposited, reason, due_on)
    assert response.status_code == 422
    page = text(response)
    assert message in page and f'id="piece-{deposited.id}-reason"' in response.get_data(as_text=True)
    if reason.strip() and len(reason) <= 1000:
        assert reason in page  # what was typed is kept
    assert piece_now(app, deposited).status == "déposée" and len(mailbox.messages()) == sent


def test_a_piece_without_any_file_cannot_be_reviewed(app, gestionnaire, pieces, registration):
    assert accept(gestionnaire, pieces["jdc"]).status_code == 422
    response = refuse(gestionnaire, pieces["jdc"])
    assert response.status_code == 422 and "relancez plutôt le candidat" in text(response)
    assert piece_now(app, pieces["jdc"]).status == "manquante" and audit_trail(app) == []


def test_valider_l_inscription_once_every_piece_is_validated(app, gestionnaire, uploader, pieces, deposited):
    response = decide(gestionnaire, f"/gestion/inscriptions/{FIRST}/valider")
    assert response.status_code == 422 and "Validez d'abord chaque pièce" in text(response)
    assert send(uploader, pieces["jdc"], "jdc.pdf", pdf_bytes()).status_code == 303
    assert accept(gestionnaire, pieces["identite"]).status_code == 303
    assert accept(gestionnaire, pieces["jdc"]).status_code == 303
    assert decide(gestionnaire, f"/gestion/inscriptions/{FIRST}/valider").status_code == 303
    assert registration_now(app).status == "validée"
    assert audit_trail(app)[-1] == ("inscription validée", FIRST)
    page = text(gestionnaire.get(PAGE))
    assert "Statut : validée." in page and "Valider l'inscription" not in page and "Refuser la pièce" not in page


def test_ecarter_l_inscription_with_a_reason_sent_to_the_candidate(app, gestionnaire, deposited, mailbox):
    response = decide(gestionnaire, f"/gestion/inscriptions/{FIRST}/ecarter", {"reason": ""})
    assert response.status_code == 422 and "Indiquez pourquoi l'inscription est écartée" in text(response)
    assert registration_now(app).status == "enregistrée"
    reason = "Le diplôme requis pour se présenter à cet examen n'est pas fourni."
    assert decide(gestionnaire, f"/gestion/inscriptions/{FIRST}/ecarter", {"reason": reason}).status_code == 303
    assert registration_now(app).status == "écartée"
    message = mailbox.last("candidat@exemple.fr")
    assert message.subject == f"Votre inscription n° {FIRST} est écartée" and reason in message.body
    assert audit_trail(app) == [("inscription écartée", f"{FIRST} — {reason}")]
    response = accept(gestionnaire, deposited)  # its pieces are no longer reviewed
    assert response.status_code == 422 and "Cette inscription est écartée" in text(response)


def test_an_address_change_is_shown_until_marked_seen(app, gestionnaire, registration):
    with in_db(app):
        profile = Profile.keep(registration)
        change = AddressChange.report(profile, {"address": "2 place du Marché", "postcode": "86100",
                                         "commune": "Châtellerault", "country": "France"},
                                        Registration.get_by_id(registration.id))
    page = text(gestionnaire.get(PAGE))
    assert "1 rue des Écoles" in page and "2 place du Marché" in page and "Marquer comme vu" in page
    assert gestionnaire.post(f"/gestion/adresses/{change.id}/vu").status_code == 303
    with in_db(app):
        assert AddressChange.get_by_id(change.id).seen_by_staff_at is not None
    page = text(gestionnaire.get(PAGE))
    assert "Marquer comme vu" not in page and "(vu le 01/11/2022 10:00)" in page
    assert audit_trail(app) == [("changement d'adresse vu", f"{FIRST} — 2 place du Marché, 86100 Châtellerault, France")]
    gestionnaire.post(f"/gestion/adresses/{change.id}/vu")  # seen twice: recorded once
    assert len(audit_trail(app)) == 1


def test_the_model_refuses_and_accepts_by_the_same_rules(deposited, ctx):
    """piece.refuse and piece.accept, as other code (a command, a batch) would call them."""
    piece = Piece.get_by_id(deposited.id)
    refused = piece.refuse(None, "Illisible")
    assert refused.status == "refusée" and refused.refusal_reason == "Illisible"
    assert piece.accept(None).status == "validée"


def test_the_page_fits_the_budget_with_files_history_and_address_changes(app, gestionnaire, uploader, pieces,
                                                                        deposited):
    for name in ("verso.pdf", "page-3.pdf", "page-4.pdf"):
        send(uploader, pieces["identite"], name, pdf_bytes())
    send(uploader, pieces["jdc"], "jdc.pdf", pdf_bytes())
    refuse(gestionnaire, pieces["jdc"], reason="x" * 1000)
    with in_db(app):
        registration = Registration.get(Registration.number == FIRST)
        profile = Profile.keep(registration)
        for n in range(5):
            AddressChange.report(profile, {"address": f"{n} rue du Moulin", "postcode": "86000", "commune": "Poitiers",
                                    "country": "France"}, registration)
    response = gestionnaire.get(PAGE)
    assert response.status_code == 200
    assert len(gzip.compress(response.get_data(), compresslevel=6)) <= 14 * 1024


def test_with_htmx_an_action_answers_with_the_page_itself(app, gestionnaire, deposited):
    response = decide(gestionnaire, f"/gestion/pieces/{deposited.id}/valider",
                      headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert response.status_code == 200 and response.headers["HX-Push-Url"] == PAGE
    assert "validée." in text(response) and piece_now(app, deposited).status == "validée"
