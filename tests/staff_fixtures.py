"""What the tests of Gestion share: staff members by pôle, and candidates registered to the notice's session.

Its fixtures reach every test through ``pytest_plugins`` (tests/conftest.py);
its helpers are imported by name.
"""
import csv
import io

import pytest

import clock
from models import Account, Audit, Exam, Piece, Registration, StaffPole, Upload, db, normalise_email
from models.registrations import LAST_STEP
from tests.helpers import PASSWORD, Browser, hidden_fields, in_db, make_account
from tests.uploads_fixtures import CANDIDATE_FACTS, pdf_bytes, send

SAH = "services-alimentation-hotellerie"  # the pôle of CAP Cuisine, the candidate's exam
FIRST = "2023-06-POI-000001"  # the number of the candidate's registration (uploads_fixtures.enrol)


def sign_in(app, email, role="gestionnaire", poles=()):
    """A browser logged in as a new staff member of ``poles``."""
    with in_db(app):
        account = make_account(email, role=role)
        for code in poles:
            StaffPole.create(account=account, pole_code=code)
    browser = Browser(app.test_client())
    browser.get("/connexion")
    assert browser.post("/connexion", {"email": email, "password": PASSWORD}).status_code == 303
    return browser


def decide(browser, url, data=None, number=FIRST, **kwargs):
    """POST a decision as a person does: from the review page just opened, with its token and the dossier version seen."""
    page = browser.get(f"/gestion/inscriptions/{number}")
    return browser.post(url, {**hidden_fields(page), **(data or {})}, **kwargs)


@pytest.fixture
def gestionnaire(app):
    """A gestionnaire of the pôle of CAP Cuisine."""
    return sign_in(app, "gestion.sah@ac-poitiers.fr", poles=[SAH])


@pytest.fixture
def other_pole(app):
    """A gestionnaire of the pôle bac pro only."""
    return sign_in(app, "gestion.bacpro@ac-poitiers.fr", poles=["bac-pro"])


@pytest.fixture
def admin(app):
    return sign_in(app, "admin@ac-poitiers.fr", role="admin")


@pytest.fixture
def deposited(app, uploader, pieces):
    """The candidate sent a file for their pièce d'identité; the piece awaits review."""
    assert send(uploader, pieces["identite"], "recto.pdf", pdf_bytes()).status_code == 303
    return pieces["identite"]


def enrol_many(session, count, start=2, exam="CAP-CUIS", **facts):
    """``count`` more candidates registered to ``exam``, quickly (no password hashing): their registrations."""
    exam = Exam.get(Exam.session == session, Exam.code == exam)
    registrations = []
    with db.atomic():
        for n in range(start, start + count):
            email = f"candidat{n}@exemple.fr"
            account = Account.create(email=email, email_key=normalise_email(email), password_hash="-",
                                     activated_at=clock.now())
            registration = Registration.create(
                account=account, session=session, status="enregistrée", number=f"2023-06-POI-{n:06d}", exam=exam,
                candidate_status="individuel", version=1, step_reached=LAST_STEP, saved_at=clock.now(),
                **{**CANDIDATE_FACTS, **facts})
            Piece.sync_for(registration)
            registrations.append(registration)
    return registrations


def set_pieces(registration, status, **fields):
    Piece.update(status=status, **fields).where(Piece.registration == registration).execute()


def piece_now(app, piece):
    with in_db(app):
        return Piece.get_by_id(piece.id)


def registration_now(app, number=FIRST):
    with in_db(app):
        return Registration.get(Registration.number == number)


def audit_trail(app):
    """``[(action, detail)]`` of staff actions, oldest first."""
    with in_db(app):
        return [(a.action, a.detail) for a in Audit.select().where(Audit.detail.startswith("2023-06-")).order_by(Audit.id)]


def first_upload(app):
    with in_db(app):
        return Upload.select().order_by(Upload.id).first()


def csv_rows(response):
    """The exported file as a list of rows, as Excel would split it."""
    text = response.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
