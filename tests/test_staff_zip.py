"""« Télécharger les pièces (ZIP) »: one registration's files, or the filtered list's, streamed."""
import io
import zipfile

from tests.helpers import attachment, in_db, parse_html
from tests.staff_fixtures import FIRST, enrol_many
from tests.uploads_fixtures import jpeg_bytes, pdf_bytes, send

PAGE = f"/gestion/inscriptions/{FIRST}"


def archive(response):
    return zipfile.ZipFile(io.BytesIO(response.get_data()))


def test_one_registration_s_files_are_named_by_number_and_order(app, gestionnaire, uploader, pieces):
    send(uploader, pieces["identite"], "recto.jpg", jpeg_bytes())
    send(uploader, pieces["identite"], "<b>verso</b>.pdf", pdf_bytes())
    send(uploader, pieces["jdc"], "jdc.pdf", pdf_bytes())
    link = [a for a in parse_html(gestionnaire.get(PAGE)).find_all("a") if a.text == "Télécharger les pièces (ZIP)"]
    assert link and link[0]["href"] == f"{PAGE}/pieces.zip"
    response = gestionnaire.client.get(link[0]["href"], buffered=False)
    assert response.status_code == 200 and response.is_streamed and response.mimetype == "application/zip"
    assert attachment(response.headers["Content-Disposition"]) == ("attachment", f"pieces-{FIRST}.zip")
    zipped = archive(response)
    assert zipped.testzip() is None
    assert zipped.namelist() == [f"{FIRST}_piece_1.jpg", f"{FIRST}_piece_2.pdf", f"{FIRST}_piece_3.pdf", "pieces.csv"]
    assert zipped.read(f"{FIRST}_piece_2.pdf").startswith(b"%PDF-")
    index = zipped.read("pieces.csv").decode("utf-8-sig")
    assert "Pièce d'identité" in index and "verso" in index and "<b>" not in index


def test_the_list_s_zip_follows_the_filters_and_the_poles(app, gestionnaire, uploader, pieces, open_session,
                                                           other_pole):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    with in_db(app):
        enrol_many(open_session, 1)
    gestionnaire.get("/gestion/")
    names = archive(gestionnaire.get("/gestion/pieces.zip")).namelist()
    assert names == [f"{FIRST}_piece_1.pdf", "pieces.csv"]
    assert archive(gestionnaire.get("/gestion/pieces.zip?q=000002")).namelist() == ["pieces.csv"]
    assert archive(other_pole.get("/gestion/pieces.zip")).namelist() == ["pieces.csv"]
    assert other_pole.get(f"{PAGE}/pieces.zip").status_code == 404
    assert uploader.get(f"{PAGE}/pieces.zip").status_code == 403
    assert uploader.get("/gestion/pieces.zip").status_code == 403


def test_the_archive_is_streamed_by_small_chunks(app, gestionnaire, uploader, pieces):
    """Memory stays flat: no chunk holds more than one read of a file (64 KiB) and a little zip framing."""
    send(uploader, pieces["identite"], "grand.pdf", pdf_bytes(size=1_000_000))
    response = gestionnaire.client.get(f"{PAGE}/pieces.zip", buffered=False)
    chunks = list(response.response)
    assert len(chunks) > 10 and max(len(chunk) for chunk in chunks) <= 64 * 1024 + 1024
    assert zipfile.ZipFile(io.BytesIO(b"".join(chunks))).testzip() is None
