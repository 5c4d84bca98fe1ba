"""« Relancer les candidats »: one email per candidate of the list with pieces missing or refused, at most once a day."""
import re
from datetime import timedelta

import pytest

from models import Piece
from tests.helpers import in_db, text
from tests.staff_fixtures import audit_trail, enrol_many, set_pieces


@pytest.fixture
def list_of_three(app, open_session):
    """Number 2 misses both pieces, number 3 had one refused, number 4 provided everything; 5 is of another pôle."""
    with in_db(app):
        missing, refused, complete = enrol_many(open_session, 3)
        set_pieces(complete, "déposée")
        set_pieces(refused, "déposée")
        (Piece.update(status="refusée", refusal_reason="Document expiré.")
         .where(Piece.registration == refused, Piece.code == "identite").execute())
        enrol_many(open_session, 1, start=5, exam="BACPRO-CUIS")
    return open_session


def remind(browser, query=""):
    confirm = browser.get(f"/gestion/relancer{query}")
    assert confirm.status_code == 200
    return text(confirm), browser.post(f"/gestion/relancer{query}")


def reminders(mailbox):
    return [m for m in mailbox.messages() if m.subject == "Relance : pièces justificatives à déposer"]


def test_the_confirmation_says_how_many_then_each_candidate_gets_one_email(app, gestionnaire, list_of_three, mailbox):
    confirm, response = remind(gestionnaire)
    assert "2 candidats recevront un courriel de relance" in confirm and "Envoyer les relances" in confirm
    assert "2023-06-POI-000002" in confirm and "2023-06-POI-000003" in confirm
    assert "Document expiré" not in confirm and "(refusée)" in confirm
    assert response.status_code == 303
    assert "2 courriels de relance envoyés." in text(gestionnaire.get("/gestion/"))
    sent = {m.recipient: m.body for m in reminders(mailbox)}
    assert sorted(sent) == ["candidat2@exemple.fr", "candidat3@exemple.fr"]
    assert "Certificat individuel de participation à la Journée défense et citoyenneté" in sent["candidat2@exemple.fr"]
    assert "avant le jeudi 24 novembre 2022 (heure de Paris)" in sent["candidat2@exemple.fr"]
    assert "(refusée, motif : Document expiré.)" in sent["candidat3@exemple.fr"]
    assert "Journée défense" not in sent["candidat3@exemple.fr"]  # that piece was provided
    assert "/justificatifs/" in sent["candidat3@exemple.fr"]
    assert [action for action, _ in audit_trail(app)] == ["relance envoyée", "relance envoyée"]


def test_nobody_is_reminded_twice_within_24_hours(clock, gestionnaire, list_of_three, mailbox):
    remind(gestionnaire)
    clock.advance(hours=23, minutes=59)
    confirm, response = remind(gestionnaire)
    assert "Personne dans cette liste n'est à relancer maintenant" in confirm
    assert "Aucun courriel envoyé" in text(gestionnaire.get("/gestion/"))
    assert len(reminders(mailbox)) == 2
    clock.advance(minutes=2)
    confirm, _ = remind(gestionnaire)
    assert "2 candidats recevront" in confirm and len(reminders(mailbox)) == 4
    # The page lists them again, by the SQL it kept from the first time, run for this instant.
    assert "2023-06-POI-000002" in confirm and "2023-06-POI-000003" in confirm


def test_only_the_candidates_of_the_current_filter(gestionnaire, list_of_three, mailbox):
    confirm, _ = remind(gestionnaire, "?q=000003")
    assert "1 candidat recevra" in confirm
    assert [m.recipient for m in reminders(mailbox)] == ["candidat3@exemple.fr"]
    remind(gestionnaire)  # the others, later the same day: candidat3 is left alone
    assert sorted(m.recipient for m in reminders(mailbox)) == ["candidat2@exemple.fr", "candidat3@exemple.fr"]


def test_no_reminder_once_the_date_has_passed(clock, gestionnaire, list_of_three, mailbox):
    clock.now = list_of_three.documents_due_at + timedelta(minutes=1)
    confirm, _ = remind(gestionnaire, f"?session={list_of_three.code}")
    assert "Personne dans cette liste" in confirm and reminders(mailbox) == []


def test_a_later_date_granted_for_a_refused_piece_keeps_it_chased(app, clock, gestionnaire, list_of_three, mailbox):
    later = list_of_three.documents_due_at + timedelta(days=7)
    with in_db(app):
        Piece.update(due_override=later).where(Piece.status == "refusée").execute()
    clock.now = list_of_three.documents_due_at + timedelta(minutes=1)
    confirm, _ = remind(gestionnaire)
    assert "1 candidat recevra" in confirm and "2023-06-POI-000003" in confirm
    assert [m.recipient for m in reminders(mailbox)] == ["candidat3@exemple.fr"]
    clock.now = later
    confirm, _ = remind(gestionnaire)
    assert "Personne dans cette liste" in confirm


def test_a_long_list_is_shown_50_at_a_time_and_everyone_is_reminded(app, gestionnaire, open_session, mailbox):
    with in_db(app):
        enrol_many(open_session, 53)
    first = text(gestionnaire.get("/gestion/relancer"))
    assert "53 candidats recevront un courriel de relance" in first and "Page 1 sur 2" in first
    assert first.count("2023-06-POI-0000") == 50 and "Page suivante" in first
    numbers = re.findall(r"2023-06-POI-\d{6}", first)
    assert numbers == sorted(numbers)  # in the list's order (same names: by number)
    second = text(gestionnaire.get("/gestion/relancer?page=2"))
    assert "Page 2 sur 2" in second and second.count("2023-06-POI-0000") == 3
    assert gestionnaire.post("/gestion/relancer").status_code == 303
    assert len(reminders(mailbox)) == 53
