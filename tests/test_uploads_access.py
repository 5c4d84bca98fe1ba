"""Each candidate's files are theirs: shown, removed and downloaded by them (and staff) only, within the rules."""
import os
from datetime import timedelta

import pytest

import storage
from models import Piece, StaffPole, Upload
from models.pieces import MAX_FILES_PER_PIECE, MAX_FILES_PER_REGISTRATION
from tests.helpers import PASSWORD, Browser, attachment, in_db, make_account, text
from tests.uploads_fixtures import jpeg_bytes, pdf_bytes, send, stored_files, uploads


def login(app, email, role="candidat"):
    with in_db(app):
        account = make_account(email, role=role)
    browser = Browser(app.test_client())
    browser.get("/connexion")
    assert browser.post("/connexion", {"email": email, "password": PASSWORD}).status_code == 303
    return browser, account


@pytest.fixture
def one_file(app, uploader, pieces):
    assert send(uploader, pieces["identite"], "recto.pdf", pdf_bytes()).status_code == 303
    return uploads(app)[0]


def set_piece(app, piece, **fields):
    with in_db(app):
        Piece.update(**fields).where(Piece.id == piece.id).execute()


def test_the_page_lists_each_piece_with_its_status_in_words_and_its_files(app, uploader, pieces, one_file):
    set_piece(app, pieces["jdc"], status="refusée", refusal_reason="Le document est illisible.")
    response = uploader.get("/justificatifs/")
    page = text(response)
    assert "Pièce déposée" in page and "recto.pdf" in page and "1er novembre 2022 à 10 h 00" in page
    assert "Pièce refusée" in page and "Motif du refus : Le document est illisible." in page
    assert "Ajouter" in page and "avant le jeudi 24 novembre 2022 (heure de Paris)" in page
    assert 'for="fichier-%d"' % pieces["identite"].id in response.get_data(as_text=True)


def test_htmx_gets_the_slot_and_the_declaration_out_of_band(uploader, pieces):
    response = send(uploader, pieces["identite"], "recto.pdf", pdf_bytes(), headers={"HX-Request": "true"})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["HX-Push-Url"].endswith(f"/pieces/{pieces['identite'].id}#piece-{pieces['identite'].id}")
    assert "<html" not in fragment
    assert f'id="piece-{pieces["identite"].id}"' in fragment and 'data-hx-swap-oob="true"' in fragment
    assert "Fichier « recto.pdf » ajouté" in text(fragment)


def test_another_candidate_gets_404_for_download_delete_and_add(app, one_file, pieces):
    other, _ = login(app, "autre@exemple.fr")
    other.get("/justificatifs/")
    assert other.get(f"/justificatifs/fichiers/{one_file.id}").status_code == 404
    assert other.post(f"/justificatifs/fichiers/{one_file.id}/supprimer").status_code == 404
    assert send(other, pieces["identite"], "x.pdf", pdf_bytes()).status_code == 404
    assert other.get(f"/justificatifs/pieces/{pieces['identite'].id}").status_code == 404
    assert len(uploads(app)) == 1 and len(stored_files(app.config["UPLOAD_FOLDER"])) == 1


def test_logged_out_visitors_see_nothing(app, one_file):
    assert app.test_client().get(f"/justificatifs/fichiers/{one_file.id}").status_code == 302


def test_the_download_is_an_attachment_that_cannot_run(uploader, one_file):
    response = uploader.get(f"/justificatifs/fichiers/{one_file.id}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert attachment(response.headers["Content-Disposition"]) == ("attachment", "recto.pdf")
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("role, pole, sees", [
    ("admin", None, True),
    ("gestionnaire", "services-alimentation-hotellerie", True),  # CAP Cuisine's pôle
    ("gestionnaire", "bac-pro", False),
])
def test_staff_open_the_files_of_their_pole(app, one_file, role, pole, sees):
    staff, account = login(app, "gestion@ac-poitiers.fr", role)
    if pole:
        with in_db(app):
            StaffPole.create(account=account, pole_code=pole)
    assert staff.get(f"/justificatifs/fichiers/{one_file.id}").status_code == (200 if sees else 404)


def test_a_removed_file_leaves_the_piece_which_is_missing_again(app, uploader, pieces, one_file):
    response = uploader.post(f"/justificatifs/fichiers/{one_file.id}/supprimer")
    assert response.status_code == 303
    # Kept a few minutes for « Annuler la suppression » (tests/test_candidate_removal.py), then swept.
    assert [u.removed_at is not None for u in uploads(app)] == [True]
    assert "Pièce manquante" in text(uploader.get(response.location))


@pytest.mark.parametrize("change", [{"status": "validée"}, "declared", "past due"])
def test_a_file_cannot_be_removed_once_validated_declared_or_past_due(app, clock, uploader, pieces, one_file,
                                                                       registration, change):
    if change == "declared":
        assert send(uploader, pieces["jdc"], "jdc.pdf", pdf_bytes()).status_code == 303
        assert uploader.post("/justificatifs/declarer").status_code == 303
    elif change == "past due":
        clock.now = registration.session.documents_due_at
    else:
        set_piece(app, pieces["identite"], **change)
    response = uploader.post(f"/justificatifs/fichiers/{one_file.id}/supprimer")
    assert response.status_code == 422
    assert one_file.id in [u.id for u in uploads(app)]


def test_pieces_are_still_accepted_after_the_registration_close_until_the_documents_date(clock, uploader, pieces,
                                                                                        registration):
    clock.now = registration.session.closes_at + timedelta(hours=1)
    assert send(uploader, pieces["identite"], "recto.pdf", pdf_bytes()).status_code == 303
    clock.now = registration.session.documents_due_at
    response = send(uploader, pieces["identite"], "verso.pdf", pdf_bytes())
    assert response.status_code == 422 and "date limite" in text(response)


def test_at_most_four_files_per_piece(app, uploader, pieces):
    for number in range(MAX_FILES_PER_PIECE):
        assert send(uploader, pieces["identite"], f"page{number}.jpg", jpeg_bytes()).status_code == 303
    response = send(uploader, pieces["identite"], "encore.jpg", jpeg_bytes())
    assert response.status_code == 422 and f"déjà {MAX_FILES_PER_PIECE} fichiers" in text(response)
    assert len(uploads(app)) == MAX_FILES_PER_PIECE == len(stored_files(app.config["UPLOAD_FOLDER"]))


def test_at_most_twenty_files_per_candidate(app, uploader, pieces, registration):
    with in_db(app):
        for number in range(MAX_FILES_PER_REGISTRATION):
            piece = Piece.create(registration=registration, code=f"extra-{number}", label="Extra", position=10 + number)
            Upload.create(piece=piece, original_name="x.pdf", stored_name=f"x{number}", size=1,
                          content_type="application/pdf", sha256="0" * 64)
    response = send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    assert response.status_code == 422 and f"déjà déposé {MAX_FILES_PER_REGISTRATION} fichiers" in text(response)


def test_orphan_files_are_swept_once_an_hour_old(app, one_file, tmp_path):
    folder = app.config["UPLOAD_FOLDER"]
    orphan, young = os.path.join(folder, "orphelin.pdf"), os.path.join(folder, ".envoi-en-cours")
    for path in (orphan, young):
        open(path, "wb").write(b"x")
    hour_ago = 10_000 - storage.ORPHAN_AGE - 1
    for path in (orphan, os.path.join(folder, one_file.stored_name)):
        os.utime(path, (hour_ago, hour_ago))
    os.utime(young, (10_000, 10_000))
    assert storage.sweep_orphans(folder, {one_file.stored_name}, now=10_000) == ["orphelin.pdf"]
    assert stored_files(folder) == sorted([".envoi-en-cours", one_file.stored_name])


def test_the_sweep_command_keeps_every_file_a_row_names(app, one_file):
    folder = app.config["UPLOAD_FOLDER"]
    orphan = os.path.join(folder, "orphelin.jpg")
    open(orphan, "wb").write(b"x")
    long_ago = 0  # the test clock is in 2022, files are dated by the real clock
    for name in os.listdir(folder):
        os.utime(os.path.join(folder, name), (long_ago, long_ago))
    result = app.test_cli_runner().invoke(args=["sweep-uploads"])
    assert result.exit_code == 0 and "1 fichier(s) orphelin(s) supprimé(s)" in result.output
    assert stored_files(folder) == [one_file.stored_name]


@pytest.mark.parametrize("size, words", [(820, "820 octets"), (350 * 1024, "350 Ko"),
                                         (int(1.2 * 1024 * 1024), "1,2 Mo"), (5 * 1024 * 1024, "5 Mo")])
def test_sizes_read_in_french(size, words):
    assert storage.file_size(size) == words
