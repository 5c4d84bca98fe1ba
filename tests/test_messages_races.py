"""Races of Gestion over three server processes on one database (PostgreSQL in CI): the candidate's tenth
message, and two members of staff deciding at once from the same page."""
import pytest

import clock
from models import Account, Exam, Message, Piece, Registration, StaffPole, Upload
from tests.helpers import at_once, hidden_fields
from tests.processes import running_portal
from tests.test_races import CHEAP_HASH, SERVERS, candidates, logged_in, report


@pytest.fixture
def portal(tmp_path, database_url):
    """A demo session open now, served by three processes on one database (as in test_races)."""
    with running_portal(tmp_path, database_url, SERVERS) as portal:
        yield portal


def test_messages_sent_at_once_never_exceed_ten_a_day(portal):
    [email] = candidates(portal, 1, status="enregistrée")
    clients = [logged_in(portal, email, n) for n in range(14)]
    tokens = [hidden_fields(client.get("/messages/")) for client in clients]

    statuses = at_once(lambda n: clients[n].post("/messages/", {**tokens[n], "body": f"Question {n}"}).status,
                       len(clients))

    with portal.ctx():
        stored = Message.select().count()
    report("Messages d'un candidat", statuses, stored)
    assert stored == 10 == statuses.count(303)
    assert set(statuses) <= {303, 422}


def test_two_decisions_from_the_same_page_one_wins(portal):
    [email] = candidates(portal, 1, status="enregistrée")
    with portal.ctx():
        piece = Piece.select().order_by(Piece.position).first()
        Upload.create(piece=piece, original_name="recto.pdf", stored_name="recto-course.pdf", size=1,
                      content_type="application/pdf", sha256="-")
        Piece.update(status="déposée").where(Piece.id == piece.id).execute()
        number = piece.registration.number
        Registration.update(saved_at=clock.now()).execute()  # as Enregistrer would have
        staff = []
        for n in range(SERVERS * 2):
            account = Account.create(email=f"g{n}@ac-poitiers.fr", email_key=f"g{n}@ac-poitiers.fr",
                                     role="gestionnaire", password_hash=CHEAP_HASH, activated_at=clock.now())
            StaffPole.create(account=account, pole_code=Exam.get(Exam.code == "CAP-CUIS").pole.code)
            staff.append(account.email)
    clients = [logged_in(portal, address, n) for n, address in enumerate(staff)]
    seen = [hidden_fields(client.get(f"/gestion/inscriptions/{number}")) for client in clients]

    def decide(n):
        if n % 2:
            return clients[n].post(f"/gestion/pieces/{piece.id}/valider", seen[n]).status
        return clients[n].post(f"/gestion/pieces/{piece.id}/refuser",
                               {**seen[n], f"piece-{piece.id}-reason": "Illisible"}).status

    statuses = at_once(decide, len(clients))

    report("Décisions sur une pièce", statuses, statuses.count(303))
    assert statuses.count(303) == 1 and set(statuses) <= {303, 409, 422}
