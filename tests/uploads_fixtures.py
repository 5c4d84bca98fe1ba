"""What the tests of Mes justificatifs share: a registered candidate with pieces, and files, kind or hostile.

Its fixtures reach every test through ``pytest_plugins`` (tests/conftest.py);
its helpers are imported by name.
"""
import io
import zipfile
import zlib
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

import clock
from models import Exam, ExamSession, Piece, Registration, Upload, db
from models.registrations import LAST_STEP
from session_file import load_session_file
from tests.helpers import PASSWORD, POITIERS_FILE, in_db, make_account

# Born in 2000, French: at the exams (1 June 2023) 23 years old, so the
# rules ask for the pièce d'identité and the certificat JDC.
CANDIDATE_FACTS = {"civilite": "Mme", "birth_name": "MARTIN", "first_names": "Jeanne", "birth_date": date(2000, 5, 1),
                   "birth_commune": "Poitiers", "nationality": "française", "address": "1 rue des Écoles",
                   "postcode": "86000", "commune": "Poitiers", "phone": "0600000000"}


def enrol(account, session, number="2023-06-POI-000001"):
    """A registration saved with Enregistrer (as issue 4's step does), with its pieces."""
    with db.atomic():
        registration = Registration.create(account=account, session=session, status="enregistrée", number=number,
                                           exam=Exam.get(Exam.session == session, Exam.code == "CAP-CUIS"),
                                           candidate_status="individuel", version=1, step_reached=LAST_STEP,
                                           saved_at=clock.now(), **CANDIDATE_FACTS)
        Piece.sync_for(registration)
    return registration


def pieces_of(account):
    return {piece.code: piece for piece in Piece.select().join(Registration).where(Registration.account == account)}


@pytest.fixture
def registration(app, open_session, candidate):
    with in_db(app):
        return enrol(candidate, open_session)


@pytest.fixture
def pieces(app, registration):
    """The candidate's pieces by code: ``identite`` and ``jdc``."""
    with in_db(app):
        return pieces_of(registration.account_id)


@pytest.fixture
def uploader(logged_in, registration):
    """The candidate, logged in, on Mes justificatifs."""
    assert logged_in.get("/justificatifs/").status_code == 200
    return logged_in


def send(browser, piece, name, content, content_type="application/octet-stream", **kwargs):
    """Ajouter, through the test client: a real multipart request."""
    data = {"fichier": (io.BytesIO(content) if isinstance(content, bytes) else content, name, content_type)}
    return browser.post(f"/justificatifs/pieces/{piece.id}/ajouter", data, content_type="multipart/form-data",
                        **kwargs)


def uploads(app):
    with in_db(app):
        return list(Upload.select().order_by(Upload.id))


def stored_files(folder):
    folder = Path(folder)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# Live server (waitress on loopback) ---------------------------------------------

def live_candidate(server, email="candidat@exemple.fr"):
    """In the live server's database: the notice's session, a candidate and their registration."""
    with server.ctx():
        session, _ = ExamSession.load_spec(load_session_file(POITIERS_FILE))
        account = make_account(email)
        enrol(account, session)
        return account, pieces_of(account)


def live_login(server, email="candidat@exemple.fr"):
    client = server.client()
    client.get("/connexion")
    assert client.post("/connexion", {"email": email, "password": PASSWORD}).status == 303
    client.get("/justificatifs/")
    return client


# Files, kind ones ------------------------------------------------------------------

def jpeg_bytes(size=(64, 48), colour=(200, 30, 30), exif=None):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def png_bytes(size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(size=None):
    """A one-page PDF written by hand; with ``size``, padded (inside a stream) to exactly that many bytes."""

    def build(padding):
        objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
                   b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                   b"<< /Length %d >>\nstream\n" % padding + b"%" * padding + b"\nendstream"]
        out, offsets = bytearray(b"%PDF-1.4\n"), []
        for number, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
        return bytes(out)

    if size is None:
        return build(0)
    padding = size - len(build(0))
    while len(pdf := build(padding)) != size:
        padding += size - len(pdf)
    return pdf


def encrypted_pdf_bytes():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password="secret", owner_password="secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# Files, hostile ones ----------------------------------------------------------------

@lru_cache(maxsize=1)
def pixel_flood_png(side=30000):
    """A 30000 × 30000 black-and-white PNG: about 100 KB on disk, 900 million pixels once decoded."""
    def chunk(kind, data):
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = side.to_bytes(4, "big") * 2 + bytes([1, 0, 0, 0, 0])  # 1 bit per pixel, greyscale
    compressor, row, data = zlib.compressobj(9), b"\x00" * (1 + side // 8), bytearray()
    for _ in range(side):
        data += compressor.compress(row)
    data += compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", bytes(data)) + chunk(b"IEND", b"")


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("secret.txt", "appended data that must not be kept " * 20)
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def hostile_files():
    """(test id, file name, bytes, the words the refusal must contain)."""
    jpeg = jpeg_bytes((400, 300))
    return [
        ("pdf-named-jpg", "scan.jpg", pdf_bytes(), "c'est en réalité un PDF"),
        ("svg-named-png", "photo.png", SVG, "ni un PDF, ni une photo JPEG, ni une image PNG"),
        ("html-named-png", "photo.png", HTML, "ni un PDF, ni une photo JPEG, ni une image PNG"),
        ("empty", "vide.pdf", b"", "Ce fichier est vide"),
        ("truncated-jpeg", "coupee.jpg", jpeg[: len(jpeg) // 2], "incomplète ou abîmée"),
        ("pixel-flood-png", "immense.png", pixel_flood_png(), "trop grande"),
        ("encrypted-pdf", "protege.pdf", encrypted_pdf_bytes(), "protégé par un mot de passe"),
        ("unreadable-pdf", "abime.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 100, "illisible ou abîmé"),
    ]


def accepted_files():
    """(file name, bytes, the type the portal records)."""
    return [("carte-identite.pdf", pdf_bytes(), "application/pdf"),
            ("recto.jpg", jpeg_bytes(), "image/jpeg"),
            ("verso.png", png_bytes(), "image/png")]

