"""Three server processes on one database, and the four races that once duplicated or overflowed on PostgreSQL.

Each race is fired at once (a barrier releases the threads together) over
real HTTP at three ``flask serve`` processes. What every test checks: no
error page, every acknowledged write in the database, nothing duplicated,
no limit exceeded. The figures are printed (``pytest -s``) for the record.
"""
from collections import Counter
from datetime import date

import pytest
from werkzeug.security import generate_password_hash

import clock
from models import Account, Exam, ExamSession, Outbox, Piece, Registration, StaffPole, Upload, db, normalise_email
from models.pieces import MAX_FILES_PER_PIECE, MAX_FILES_PER_REGISTRATION
from models.registrations import LAST_STEP
from tests.helpers import PASSWORD, at_once
from tests.processes import running_portal
from tests.registration_journey import revision_in
from tests.uploads_fixtures import pdf_bytes

SERVERS = 3
# A cheap hash: these candidates exist to race, not to test password hashing.
CHEAP_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
IDENTITY = {"civilite": "Madame", "birth_name": "MARTIN", "first_names": "Jeanne", "birth_date": date(2000, 5, 1),
            "birth_commune": "Poitiers", "birth_departement": "86", "nationality": "française",
            "address": "1 rue des Écoles", "postcode": "86000", "commune": "Poitiers", "phone": "0600000000",
            "jdc_status": "jdc-faite"}


@pytest.fixture
def portal(tmp_path, database_url):
    """A demo session open now, served by three processes on one database."""
    with running_portal(tmp_path, database_url, SERVERS) as portal:
        yield portal


def report(race, statuses, stored):
    counts = Counter(statuses)
    print(f"\n{race} : {len(statuses)} requêtes, {counts.get(303, 0)} acceptées, {stored} enregistrées, "
          f"réponses {dict(counts)}")


def candidates(portal, count, status="brouillon"):
    """``count`` activated candidates with every step answered; saved (numbered) when ``status`` says so."""
    with portal.ctx(), db.atomic():
        session = ExamSession.get(ExamSession.code == "demo")
        exam = Exam.get(Exam.session == session, Exam.code == "CAP-CUIS")
        emails = []
        for n in range(count):
            email = f"candidat{n}@exemple.fr"
            account = Account.create(email=email, email_key=normalise_email(email), password_hash=CHEAP_HASH,
                                     activated_at=clock.now())
            registration = Registration.create(account=account, session=session, exam=exam, status=status,
                                               candidate_status="individuel", language="Anglais",
                                               step_reached=LAST_STEP, **IDENTITY)
            if status != "brouillon":
                registration.number = f"{session.number_prefix}-{90000 + n:06d}"
                registration.version = 1
                registration.save()
                Piece.sync_for(registration)
            emails.append(email)
    return emails


def logged_in(portal, email, n):
    """A client of the n-th candidate, on one of the servers in turn, logged in."""
    client = portal.servers[n % SERVERS].client()
    client.get("/connexion")
    assert client.post("/connexion", {"email": email, "password": PASSWORD}).status == 303
    return client


def files_sent_at_once(portal, email, piece_ids):
    """One file to each of ``piece_ids``, all at once, by the same candidate from several phones; the statuses."""
    clients = [logged_in(portal, email, n) for n in range(len(piece_ids))]
    for client in clients:
        client.get("/justificatifs/")
    return at_once(lambda n: clients[n].post(f"/justificatifs/pieces/{piece_ids[n]}/ajouter",
                                             files={"fichier": (f"page{n}.pdf", pdf_bytes(), "application/pdf")}
                                             ).status, len(clients))


def test_candidates_clicking_enregistrer_at_once_get_distinct_consecutive_numbers(portal):
    emails = candidates(portal, 24)
    clients = [logged_in(portal, email, n) for n, email in enumerate(emails)]
    revisions = [revision_in(client.get("/inscription/etape/5").text) for client in clients]

    statuses = at_once(lambda n: clients[n].post("/inscription/enregistrer",
                                                 {"revision": revisions[n], "verified": "y"}).status, len(clients))

    with portal.ctx():
        numbers = [r.number for r in Registration.select().where(Registration.number.is_null(False))]
        last = ExamSession.get(ExamSession.code == "demo").last_number
    report("Enregistrer", statuses, len(numbers))
    assert statuses == [303] * len(clients)
    assert len(set(numbers)) == len(numbers) == len(clients)
    assert sorted(int(number.rsplit("-", 1)[1]) for number in numbers) == list(range(1, len(clients) + 1))
    assert last == len(clients)


def test_files_sent_at_once_never_exceed_the_limits(portal):
    [email] = candidates(portal, 1, status="enregistrée")
    with portal.ctx():
        pieces = list(Piece.select().order_by(Piece.position))
    piece = pieces[0]

    statuses = files_sent_at_once(portal, email, [piece.id] * 2 * MAX_FILES_PER_PIECE)

    with portal.ctx():
        stored = Upload.select().where(Upload.piece == piece.id).count()
    report("Fichiers d'une pièce", statuses, stored)
    assert stored == MAX_FILES_PER_PIECE == statuses.count(303)
    assert set(statuses) <= {303, 422}


def test_files_sent_at_once_to_several_pieces_never_exceed_the_registrations_limit(portal):
    [email] = candidates(portal, 1, status="enregistrée")
    with portal.ctx(), db.atomic():
        registration = Registration.get()
        # Enough pieces for the limit of the registration to bind before that of each piece.
        pieces = [Piece.create(registration=registration, code=f"piece-{n}", label=f"Pièce {n}", position=10 + n)
                  for n in range(6)]
        for n in range(MAX_FILES_PER_REGISTRATION - 2):
            Upload.create(piece=pieces[n % 5], original_name="déjà.pdf", stored_name=f"deja-{n}.pdf", size=1,
                          content_type="application/pdf", sha256="-")
        free = [piece.id for piece in pieces if piece.uploads.count() < MAX_FILES_PER_PIECE]

    statuses = files_sent_at_once(portal, email, [free[n % len(free)] for n in range(6)])

    with portal.ctx():
        stored = Upload.select().join(Piece).where(Piece.registration == registration.id).count()
    report("Fichiers d'une inscription", statuses, stored)
    assert stored == MAX_FILES_PER_REGISTRATION
    assert statuses.count(303) == 2 and set(statuses) <= {303, 422}


def test_staff_sending_reminders_at_once_remind_each_candidate_once(portal):
    emails = candidates(portal, 12, status="enregistrée")
    with portal.ctx():
        admin = Account.create(email="admin@ac-poitiers.fr", email_key="admin@ac-poitiers.fr", role="admin",
                               password_hash=CHEAP_HASH, activated_at=clock.now())
        gestionnaire = Account.create(email="gestion@ac-poitiers.fr", email_key="gestion@ac-poitiers.fr",
                                      role="gestionnaire", password_hash=CHEAP_HASH, activated_at=clock.now())
        StaffPole.create(account=gestionnaire, pole_code=Exam.get(Exam.code == "CAP-CUIS").pole.code)
    staff = [logged_in(portal, account.email, n) for n in range(SERVERS) for account in (admin, gestionnaire)]
    for client in staff:
        client.get("/gestion/relancer?session=demo")

    statuses = at_once(lambda n: staff[n].post("/gestion/relancer?session=demo").status, len(staff))

    with portal.ctx():
        reminders = Counter(m.recipient for m in Outbox.select().where(Outbox.subject.startswith("Relance")))
    report("Relances", statuses, sum(reminders.values()))
    assert statuses == [303] * len(staff)
    assert reminders == Counter({email: 1 for email in emails})


def test_the_same_email_asked_at_once_is_sent_once(portal):
    [email] = candidates(portal, 1)
    clients = [portal.servers[n % SERVERS].client() for n in range(9)]
    for client in clients:
        client.get("/mot-de-passe-oublie")

    statuses = at_once(lambda n: clients[n].post("/mot-de-passe-oublie", {"email": email}).status, len(clients))

    with portal.ctx():
        sent = Outbox.select().where(Outbox.recipient == email).count()
    report("Lien de mot de passe", statuses, sent)
    assert statuses == [303] * len(clients)
    assert sent == 1
