"""The same uploads over real HTTP: waitress on loopback, raw multipart bodies, as a phone sends them."""
import pytest

from models import Upload
from tests.helpers import attachment, text
from tests.uploads_fixtures import (accepted_files, hostile_files, jpeg_bytes, live_candidate, live_login, pdf_bytes,
                                    stored_files, zip_bytes)


@pytest.fixture
def live_config(clock):
    # The server lives on the test clock: 1 November 2022, the session is open.
    return {"CLOCK": clock}


@pytest.fixture
def live(live_server):
    account, pieces = live_candidate(live_server)
    return live_server, live_login(live_server), pieces


def add(client, piece, name, content, content_type="application/octet-stream"):
    return client.post(f"/justificatifs/pieces/{piece.id}/ajouter", files={"fichier": (name, content, content_type)})


def rows(server):
    with server.ctx():
        return list(Upload.select())


@pytest.mark.parametrize("name, content, content_type", accepted_files())
def test_each_accepted_type_over_http(live, name, content, content_type):
    server, client, pieces = live
    reply = add(client, pieces["identite"], name, content, content_type)
    assert reply.status == 303 and reply.location.endswith(f"/justificatifs/pieces/{pieces['identite'].id}#piece-{pieces['identite'].id}")
    assert name in client.get("/justificatifs/").text
    [upload] = rows(server)
    assert upload.content_type == content_type
    download = client.get(f"/justificatifs/fichiers/{upload.id}")
    assert download.status == 200 and download.headers["Content-Type"].startswith(content_type)
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Content-Security-Policy"] == "sandbox"


@pytest.mark.parametrize("name, content, words", [pytest.param(*case[1:], id=case[0]) for case in hostile_files()])
def test_each_hostile_file_over_http_is_refused_and_leaves_nothing(live, name, content, words):
    server, client, pieces = live
    reply = add(client, pieces["identite"], name, content, "image/png")
    assert reply.status == 422
    assert words in text(reply)
    assert rows(server) == [] and stored_files(server.upload_folder) == []


def test_a_photo_with_a_zip_appended_over_http_keeps_only_the_photo(live):
    server, client, pieces = live
    assert add(client, pieces["identite"], "photo.jpg", jpeg_bytes((200, 100)) + zip_bytes()).status == 303
    [upload] = rows(server)
    assert b"PK\x03\x04" not in (server.upload_folder / upload.stored_name).read_bytes()


@pytest.mark.parametrize("sent, shown", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("carte\x00.exe.pdf", "carte.exe.pdf"),
    ("l'attestation 'JDC'.pdf", "lattestation JDC.pdf"),
    ("facture\u202egpj.pdf", "facturegpj.pdf"),
])
def test_hostile_names_over_http(live, sent, shown):
    server, client, pieces = live
    assert add(client, pieces["identite"], sent, pdf_bytes()).status == 303
    [upload] = rows(server)
    assert upload.original_name == shown
    assert attachment(client.get(f"/justificatifs/fichiers/{upload.id}").headers["Content-Disposition"]) == (
        "attachment", shown)


class TestLimitOverHttp:
    LIMIT = 200 * 1024

    @pytest.fixture
    def live_config(self, clock):
        return {"CLOCK": clock, "MAX_UPLOAD_BYTES": self.LIMIT}

    def test_the_limit_is_accepted_one_byte_more_is_413(self, live):
        server, client, pieces = live
        over = add(client, pieces["identite"], "scan.pdf", pdf_bytes(self.LIMIT + 1))
        assert over.status == 413 and "Ce PDF dépasse 200 Ko" in over.text and "moins de pages" in over.text
        assert rows(server) == [] and stored_files(server.upload_folder) == []
        assert add(client, pieces["identite"], "scan.pdf", pdf_bytes(self.LIMIT)).status == 303
        assert [u.size for u in rows(server)] == [self.LIMIT]

    def test_a_body_over_the_request_limit_gets_mes_justificatifs_with_the_advice(self, live):
        server, client, pieces = live
        reply = add(client, pieces["identite"], "scan.pdf", pdf_bytes(self.LIMIT * 2))
        assert reply.status == 413 and "<h1>Mes justificatifs</h1>" in reply.text, reply.text[-1500:]
        assert "Ce PDF dépasse 200 Ko" in reply.text and "moins de pages par fichier" in reply.text
        assert rows(server) == [] and stored_files(server.upload_folder) == []


class TestTooLargeWithoutJavaScript:
    """A 6 Mo photo sent without JavaScript: the candidate stays in Mes justificatifs, the advice in the slot."""

    @pytest.fixture
    def live_config(self, clock):
        return {"CLOCK": clock}

    def test_a_big_photo_gets_its_slot_back_with_photo_advice(self, live):
        server, client, pieces = live
        assert add(client, pieces["jdc"], "jdc.pdf", pdf_bytes()).status == 303
        photo = b"\xff\xd8\xff\xe0" + b"\x00" * (6 * 1024 * 1024)
        reply = add(client, pieces["identite"], "IMG_0001.JPG", photo, "image/jpeg")
        assert reply.status == 413
        page = text(reply.text)
        assert page.startswith("Aller au contenu") and "Mes justificatifs" in page
        assert "reprenez la photo en qualité moyenne" in page and "Les fichiers déjà déposés sont conservés" in page
        assert "jdc.pdf" in page  # what was deposited is still there
        slot = reply.text.split(f'id="piece-{pieces["identite"].id}"')[1].split("</section>")[0]
        assert "reprenez la photo en qualité moyenne" in slot
        assert [u.original_name for u in rows(server)] == ["jdc.pdf"]
