"""Decisions the candidate sees, and decisions made on a dossier that changed since the page was opened."""
import io

from pypdf import PdfReader

from models import Piece, Registration
from tests.helpers import hidden_fields, in_db, text
from tests.staff_fixtures import FIRST, decide, piece_now, registration_now, sign_in
from tests.uploads_fixtures import pdf_bytes, send

PAGE = f"/gestion/inscriptions/{FIRST}"
REASON = "Le diplôme requis pour se présenter à cet examen n'est pas fourni."


def validate_all(app):
    with in_db(app):
        Piece.update(status="validée").where(Piece.registration == Registration.get(number=FIRST)).execute()


def test_valider_l_inscription_emails_the_candidate_and_shows_in_m_inscrire(app, gestionnaire, uploader, deposited,
                                                                           mailbox):
    validate_all(app)
    assert decide(gestionnaire, f"{PAGE}/valider").status_code == 303
    message = mailbox.last("candidat@exemple.fr")
    assert message.subject == f"Votre inscription n° {FIRST} est validée par le rectorat"
    assert "/inscription" in message.body
    assert "Inscription validée par le rectorat" in text(uploader.get("/inscription/"))


def test_ecarter_keeps_the_reason_for_the_candidate_and_the_recap(app, gestionnaire, uploader, deposited):
    assert decide(gestionnaire, f"{PAGE}/ecarter", {"reason": REASON}).status_code == 303
    assert registration_now(app).set_aside_reason == REASON
    assert REASON in text(uploader.get("/inscription/"))
    assert REASON in text(uploader.get(f"/documents/{FIRST}/recapitulatif"))
    pdf = uploader.get(f"/documents/{FIRST}/recapitulatif.pdf")
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "écartée" in words and "Motif" in words


def test_markup_in_a_reason_is_inert(app, gestionnaire, uploader, deposited):
    decide(gestionnaire, f"{PAGE}/ecarter", {"reason": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in uploader.get("/inscription/").get_data(as_text=True)


def test_a_decision_on_a_dossier_that_changed_is_refused_with_the_fresh_page(app, gestionnaire, uploader, pieces,
                                                                            deposited):
    opened = hidden_fields(gestionnaire.get(PAGE))
    assert send(uploader, pieces["identite"], "verso.pdf", pdf_bytes()).status_code == 303  # meanwhile
    response = gestionnaire.post(f"/gestion/pieces/{deposited.id}/valider", opened)
    assert response.status_code == 409
    assert "Ce dossier a changé depuis que vous l'avez ouvert" in text(response) and "verso.pdf" in text(response)
    assert piece_now(app, deposited).status == "déposée"
    # From the fresh page, the decision goes through.
    assert gestionnaire.post(f"/gestion/pieces/{deposited.id}/valider", hidden_fields(response)).status_code == 303


def test_two_members_deciding_from_the_same_page_one_wins(app, gestionnaire, deposited):
    colleague = sign_in(app, "collegue@ac-poitiers.fr", poles=["services-alimentation-hotellerie"])
    mine, theirs = hidden_fields(gestionnaire.get(PAGE)), hidden_fields(colleague.get(PAGE))
    assert colleague.post(f"/gestion/pieces/{deposited.id}/refuser",
                          {**theirs, f"piece-{deposited.id}-reason": "Illisible"}).status_code == 303
    response = gestionnaire.post(f"/gestion/pieces/{deposited.id}/valider", mine)
    assert response.status_code == 409 and piece_now(app, deposited).status == "refusée"


def test_a_decision_without_the_version_is_refused(app, gestionnaire, deposited):
    gestionnaire.get(PAGE)
    assert gestionnaire.post(f"/gestion/pieces/{deposited.id}/valider").status_code == 409
    assert piece_now(app, deposited).status == "déposée"


def test_every_change_of_the_dossier_moves_its_version(app, gestionnaire, uploader, pieces, deposited):
    before = registration_now(app).dossier_version
    decide(gestionnaire, f"/gestion/pieces/{deposited.id}/valider")
    assert registration_now(app).dossier_version == before + 1
    send(uploader, pieces["jdc"], "jdc.pdf", pdf_bytes())
    assert registration_now(app).dossier_version == before + 2


def test_saving_the_registration_again_moves_the_version(app, registration):
    with in_db(app):
        saved = Registration.get_by_id(registration.id)
        before = saved.dossier_version
        saved.enregistrer(saved.revision)
        assert Registration.get_by_id(saved.id).dossier_version == before + 1
