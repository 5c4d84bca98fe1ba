"""Review without downloading: images inline, PDFs as pictures of their pages, inert whatever the file holds."""
import io

from PIL import Image

from tests.helpers import parse_html
from tests.staff_fixtures import FIRST, first_upload
from tests.uploads_fixtures import jpeg_bytes, pdf_bytes, send

PAGE = f"/gestion/inscriptions/{FIRST}"


def images(page):
    return [img["src"] for img in parse_html(page).find_all("img")]


def test_a_photo_is_shown_inline_and_served_inert(app, gestionnaire, uploader, pieces):
    assert send(uploader, pieces["identite"], "carte<b>.jpg", jpeg_bytes((800, 600))).status_code == 303
    upload = first_upload(app)
    page = gestionnaire.get(PAGE)
    src = f"/gestion/fichiers/{upload.id}/image"
    assert src in images(page)
    assert "carte<b>" not in page.get_data(as_text=True)  # the name is escaped in the alt text and the link
    response = gestionnaire.get(src)
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.headers.get("Content-Disposition", "")


def test_a_pdf_is_shown_page_by_page_as_images_drawn_on_the_server(app, gestionnaire, uploader, pieces):
    assert send(uploader, pieces["identite"], "recto.pdf", pdf_bytes()).status_code == 303
    upload = first_upload(app)
    assert f"/gestion/fichiers/{upload.id}/pages/1" in images(gestionnaire.get(PAGE))
    response = gestionnaire.get(f"/gestion/fichiers/{upload.id}/pages/1")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    width, height = Image.open(io.BytesIO(response.data)).size
    assert 800 < height <= 1800 and width < height  # A4 at 110 dpi
    assert gestionnaire.get(f"/gestion/fichiers/{upload.id}/pages/2").status_code == 404
    assert gestionnaire.get(f"/gestion/fichiers/{upload.id}/image").status_code == 404


def test_previews_are_for_the_pole_s_staff_only(app, gestionnaire, other_pole, uploader, pieces):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    upload = first_upload(app)
    for url in (f"/gestion/fichiers/{upload.id}/pages/1", f"/gestion/fichiers/{upload.id}/image"):
        assert other_pole.get(url).status_code == 404
        assert uploader.get(url).status_code == 403
    assert gestionnaire.get(f"/gestion/fichiers/{upload.id}/pages/1").status_code == 200


def test_a_huge_page_is_drawn_small(tmp_path):
    import preview

    pdf = pdf_bytes().replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]")
    path = tmp_path / "huge.pdf"
    path.write_bytes(pdf)
    image = Image.open(io.BytesIO(preview.page_image(path, 1)))
    assert max(image.size) <= preview.MAX_SIDE
    assert preview.page_image(path, preview.MAX_PAGES + 1) is None
