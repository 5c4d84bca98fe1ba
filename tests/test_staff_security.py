"""What must hold for every page of Gestion added with Équipe, the dashboard, previews, ZIPs, messages, Journal.

A visitor and a candidate at each of their pages are tested with every other page of Gestion, in
test_staff_access.
"""
from tests.staff_fixtures import FIRST, first_upload
from tests.uploads_fixtures import pdf_bytes, send


def test_a_candidate_never_reaches_staff_posts_nor_previews(app, uploader, pieces):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    upload = first_upload(app)
    for url in (f"/gestion/fichiers/{upload.id}/pages/1", f"/gestion/fichiers/{upload.id}/image"):
        assert uploader.get(url).status_code == 403
    uploader.get("/justificatifs/")
    for url in (f"/gestion/inscriptions/{FIRST}/messages", "/gestion/equipe/ajouter", "/gestion/equipe/1/desactiver"):
        assert uploader.post(url, {"body": "x", "email": "x@x.fr", "role": "admin"}).status_code == 403


def test_a_gestionnaire_of_another_pole_gets_nothing_from_the_new_pages(app, other_pole, uploader, pieces):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    upload = first_upload(app)
    for url in (f"/gestion/inscriptions/{FIRST}/pieces.zip", f"/gestion/fichiers/{upload.id}/pages/1",
                f"/gestion/fichiers/{upload.id}/image", f"/gestion/inscriptions/{FIRST}"):
        assert other_pole.get(url).status_code == 404, url
    for url in ("/gestion/", "/gestion/tableau-de-bord", "/gestion/export.csv", "/gestion/pieces.zip"):
        assert FIRST.encode() not in other_pole.get(url).get_data(), url


def test_staff_posts_need_the_csrf_token(app, admin, registration):
    for url in ("/gestion/equipe/ajouter", f"/gestion/inscriptions/{FIRST}/messages", "/gestion/equipe/1/reactiver"):
        assert admin.client.post(url, data={"body": "x", "email": "a@b.fr", "role": "admin"}).status_code == 400, url
