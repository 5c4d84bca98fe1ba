"""« Mes justificatifs » : déposer ses pièces en sélectionnant « Ajouter » — files checked by what they are."""
import io
import tracemalloc

import pytest
from PIL import Image

import storage
from models import Piece, Upload
from tests.helpers import attachment, in_db, text
from tests.uploads_fixtures import accepted_files, hostile_files, jpeg_bytes, pdf_bytes, send, stored_files, uploads, zip_bytes


@pytest.mark.parametrize("name, content, content_type", accepted_files())
def test_each_accepted_type_is_kept_and_listed(app, uploader, pieces, name, content, content_type):
    response = send(uploader, pieces["identite"], name, content)
    assert response.status_code == 303
    page = text(uploader.get(response.location))
    assert name in page and "Pièce déposée" in page and "ajouté" in page
    [upload] = uploads(app)
    assert (upload.original_name, upload.content_type) == (name, content_type)
    assert stored_files(app.config["UPLOAD_FOLDER"]) == [upload.stored_name]
    assert name not in upload.stored_name and len(upload.sha256) == 64


@pytest.mark.parametrize("name, content, words", [pytest.param(*case[1:], id=case[0]) for case in hostile_files()])
def test_each_hostile_file_is_refused_in_french_and_nothing_is_left(app, uploader, pieces, name, content, words):
    response = send(uploader, pieces["identite"], name, content, "image/png")
    assert response.status_code == 422
    assert words in text(response)
    assert uploads(app) == [] and stored_files(app.config["UPLOAD_FOLDER"]) == []


def test_a_photo_with_a_zip_appended_is_re_encoded_without_it(app, uploader, pieces):
    """Phones append data to real photos (motion photos): the photo is kept, what follows it is not."""
    assert send(uploader, pieces["identite"], "photo.jpg", jpeg_bytes((320, 240)) + zip_bytes()).status_code == 303
    [upload] = uploads(app)
    kept = (app.config["UPLOAD_FOLDER"] + "/" + upload.stored_name)
    data = open(kept, "rb").read()
    assert b"PK\x03\x04" not in data and b"appended data" not in data
    assert Image.open(io.BytesIO(data)).size == (320, 240)
    assert upload.size == len(data)


def test_re_encoding_drops_the_location_and_keeps_the_page_upright(app, uploader, pieces):
    exif = Image.Exif()
    exif[0x0112] = 6  # taken with the phone turned: « rotate 90° to display »
    exif.get_ifd(0x8825)[2] = (46.0, 35.0, 0.0)  # GPS latitude
    assert send(uploader, pieces["identite"], "photo.jpg", jpeg_bytes((60, 40), exif=exif.tobytes())).status_code == 303
    [upload] = uploads(app)
    image = Image.open(app.config["UPLOAD_FOLDER"] + "/" + upload.stored_name)
    assert image.size == (40, 60)
    assert 0x8825 not in image.getexif() and 0x0112 not in image.getexif()


def test_a_request_without_a_file_asks_for_one(app, uploader, pieces):
    response = uploader.post(f"/justificatifs/pieces/{pieces['identite'].id}/ajouter", {},
                             content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choisissez un fichier" in text(response)


class TestSizeLimit:
    """MAX_UPLOAD_BYTES per file, to the byte (a small limit here: 200 Ko)."""

    LIMIT = 200 * 1024

    @pytest.fixture
    def app(self, app):
        app.config.update(MAX_UPLOAD_BYTES=self.LIMIT, MAX_CONTENT_LENGTH=self.LIMIT + 64 * 1024)
        return app

    def test_exactly_the_limit_is_accepted(self, app, uploader, pieces):
        assert send(uploader, pieces["identite"], "scan.pdf", pdf_bytes(self.LIMIT)).status_code == 303
        assert [u.size for u in uploads(app)] == [self.LIMIT]

    def test_one_byte_more_is_413_with_what_to_do_and_nothing_written(self, app, uploader, pieces):
        response = send(uploader, pieces["identite"], "scan.pdf", pdf_bytes(self.LIMIT + 1))
        assert response.status_code == 413
        assert "Ce PDF dépasse 200 Ko : enregistrez-le en taille réduite" in text(response)
        assert uploads(app) == [] and stored_files(app.config["UPLOAD_FOLDER"]) == []

    def test_a_request_over_the_request_limit_gets_mes_justificatifs_with_the_advice(self, app, uploader, pieces):
        response = send(uploader, pieces["identite"], "scan.pdf", pdf_bytes(self.LIMIT + 100 * 1024))
        assert response.status_code == 413
        assert "Mes justificatifs" in text(response) and "Ce PDF dépasse 200 Ko" in text(response)
        assert uploads(app) == [] and stored_files(app.config["UPLOAD_FOLDER"]) == []


HOSTILE_NAMES = [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\Windows\\carte.pdf", "carte.pdf"),
    ("carte\x00.exe.pdf", "carte.exe.pdf"),
    ("carte\r\nSet-Cookie: x=1.pdf", "carte Set-Cookie x=1.pdf"),
    ('carte "recto" \'verso\'.pdf', "carte recto verso.pdf"),
    ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ("facture\u202egpj.pdf", "facturegpj.pdf"),
    ("\u2066carte\u200b d\u2019identité\u00a0.pdf", "carte d\u2019identité.pdf"),
    ("...", ""),
]


@pytest.mark.parametrize("sent, shown", HOSTILE_NAMES)
def test_file_names_are_cleaned_of_paths_controls_quotes_and_bidi_overrides(sent, shown):
    assert storage.clean_filename(sent) == shown


@pytest.mark.parametrize("sent, shown", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("carte\x00.exe.pdf", "carte.exe.pdf"),
    ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ("facture\u202egpj.pdf", "facturegpj.pdf"),
    ("scan", "scan.pdf"),
    ("pièce d'identité.pdf", "pièce didentité.pdf"),
])
def test_the_cleaned_name_is_what_the_page_and_the_download_show(app, uploader, pieces, sent, shown):
    assert send(uploader, pieces["identite"], sent, pdf_bytes()).status_code == 303
    [upload] = uploads(app)
    assert upload.original_name == shown
    download = uploader.get(f"/justificatifs/fichiers/{upload.id}")
    assert attachment(download.headers["Content-Disposition"]) == ("attachment", shown)
    assert shown in text(uploader.get("/justificatifs/"))


def test_a_name_whose_bidi_override_hides_another_type_is_refused(app, uploader, pieces):
    """« facture‮fdp.exe » reads « facture exe.pdf »: cleaned, it says .exe, which a PDF is not."""
    response = send(uploader, pieces["identite"], "facture\u202efdp.exe", pdf_bytes())
    assert response.status_code == 422 and "se termine par « .exe »" in text(response)


def test_memory_stays_flat_while_a_large_file_is_uploaded(app, uploader, pieces, tmp_path):
    size = 40 * 1024 * 1024
    app.config.update(MAX_UPLOAD_BYTES=size, MAX_CONTENT_LENGTH=size + 64 * 1024)
    large = tmp_path / "large.pdf"
    large.write_bytes(pdf_bytes(size))
    with open(large, "rb") as body:
        tracemalloc.start()
        response = send(uploader, pieces["identite"], "large.pdf", body)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert response.status_code == 303
    assert peak < size / 8, f"pic mémoire {peak} octets pour un fichier de {size}"
    with in_db(app):
        assert Upload.get().size == size
        assert Piece.get_by_id(pieces["identite"].id).status == "déposée"
