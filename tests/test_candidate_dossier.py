"""« Télécharger mon dossier »: one ZIP, streamed, with the recap PDF and the candidate's own files as kept."""
import io
import zipfile

from pypdf import PdfReader

from tests.helpers import another_candidate, attachment, parse_html
from tests.uploads_fixtures import jpeg_bytes, pdf_bytes, send, uploads

URL = "/documents/2023-06-POI-000001/dossier.zip"


def test_the_zip_holds_the_recap_and_the_files_as_kept(app, uploader, pieces):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    send(uploader, pieces["identite"], "verso.jpg", jpeg_bytes((400, 300)))
    send(uploader, pieces["jdc"], "recto.pdf", pdf_bytes(2000))
    uploader.post(f"/justificatifs/fichiers/{uploads(app)[2].id}/supprimer")  # removed: not in the dossier
    response = uploader.get(URL)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.is_streamed
    assert attachment(response.headers["Content-Disposition"]) == ("attachment", "dossier-2023-06-POI-000001.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names == ["recapitulatif-2023-06-POI-000001.pdf",
                     "01 Pièce d’identité en cours de validité (recto et verso)/recto.pdf",
                     "01 Pièce d’identité en cours de validité (recto et verso)/verso.jpg"]
    recap = PdfReader(io.BytesIO(archive.read(names[0])))
    assert "2023-06-POI-000001" in recap.pages[0].extract_text()
    folder = app.config["UPLOAD_FOLDER"]
    kept = {u.original_name: u.stored_name for u in uploads(app)}
    assert archive.read(names[2]) == open(f"{folder}/{kept['verso.jpg']}", "rb").read()  # as re-encoded


def test_only_its_owner_gets_it_and_the_page_links_it(app, uploader, registration):
    links = {a.text: a["href"] for a in parse_html(uploader.get("/documents/")).find_all("a", href=True)}
    assert links["Télécharger mon dossier"] == URL
    other = another_candidate(app)
    assert other.get(URL).status_code == 404
