"""« Supprimer » then « Annuler la suppression »: a removed file stays a few minutes, counts for nothing, can come
back, then sweep-uploads deletes it; the same file for two pieces is accepted with a warning naming the other."""

from models import Piece
from models.pieces import MAX_FILES_PER_PIECE, REMOVAL_DELAY
from tests.helpers import in_db, parse_html, text
from tests.uploads_fixtures import jpeg_bytes, pdf_bytes, send, stored_files, uploads


def remove(browser, upload, **kwargs):
    return browser.post(f"/justificatifs/fichiers/{upload.id}/supprimer", **kwargs)


def restore(browser, upload, **kwargs):
    return browser.post(f"/justificatifs/fichiers/{upload.id}/annuler-la-suppression", **kwargs)


def status_of(app, piece):
    with in_db(app):
        return Piece.get_by_id(piece.id).status


def test_supprimer_then_annuler_la_suppression_without_javascript(app, uploader, pieces):
    assert send(uploader, pieces["identite"], "recto.pdf", pdf_bytes()).status_code == 303
    [upload] = uploads(app)
    response = remove(uploader, upload)
    assert response.status_code == 303 and response.location.endswith(f"#piece-{pieces['identite'].id}")
    page = uploader.get(response.location)
    assert "Fichier « recto.pdf » supprimé." in text(page)
    assert "« recto.pdf » supprimé le 1er novembre 2022 à 10 h 00. Annuler la suppression" in text(page)
    assert "Aucun fichier déposé pour cette pièce." in text(page)
    assert status_of(app, pieces["identite"]) == "manquante"
    # Not deposited: the declaration still waits for it.
    assert "Aucun fichier pour « Pièce d'identité" in text(page)
    # Still on disk, until the sweep.
    assert stored_files(app.config["UPLOAD_FOLDER"]) == [upload.stored_name]
    back = restore(uploader, upload)
    assert back.status_code == 303
    page = text(uploader.get(back.location))
    assert "Fichier « recto.pdf » remis." in page and "Annuler la suppression" not in page
    assert status_of(app, pieces["identite"]) == "déposée"
    assert [u.removed_at for u in uploads(app)] == [None]


def test_with_htmx_each_answer_is_the_slot(app, uploader, pieces):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    [upload] = uploads(app)
    fragment = remove(uploader, upload, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.get_data(as_text=True)
    [button] = [b for b in parse_html(fragment).find_all("button") if b.text.startswith("Annuler la suppression")]
    form = parse_html(fragment).find("form", action=f"/justificatifs/fichiers/{upload.id}/annuler-la-suppression")
    assert form["data-hx-post"] == form["action"]
    again = restore(uploader, upload, headers={"HX-Request": "true"})
    assert "Fichier « recto.pdf » remis." in text(again) and "recto.pdf (" in text(again)


def test_a_removed_file_does_not_count_and_cannot_come_back_past_the_limit(app, uploader, pieces):
    for n in range(MAX_FILES_PER_PIECE):
        assert send(uploader, pieces["identite"], f"page{n}.pdf", pdf_bytes()).status_code == 303
    first = uploads(app)[0]
    remove(uploader, first)
    assert send(uploader, pieces["identite"], "autre.jpg", jpeg_bytes()).status_code == 303
    refused = restore(uploader, first)
    assert refused.status_code == 422 and f"Cette pièce a déjà {MAX_FILES_PER_PIECE} fichiers" in text(refused)


def test_too_late_to_undo_and_the_sweep_deletes_row_and_file(app, clock, uploader, pieces):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    send(uploader, pieces["jdc"], "jdc.jpg", jpeg_bytes())
    removed, kept = uploads(app)
    remove(uploader, removed)
    folder = app.config["UPLOAD_FOLDER"]
    runner = app.test_cli_runner()
    assert "0 fichier(s) supprimé(s) par les candidats" in runner.invoke(args=["sweep-uploads"]).output
    clock.advance(seconds=REMOVAL_DELAY.total_seconds() + 1)
    assert "Annuler la suppression" not in text(uploader.get("/justificatifs/"))
    late = restore(uploader, removed)
    assert late.status_code == 422 and "déposez-le à nouveau" in text(late)
    result = runner.invoke(args=["sweep-uploads"])
    assert result.exit_code == 0 and "1 fichier(s) supprimé(s) par les candidats" in result.output
    assert [u.id for u in uploads(app)] == [kept.id]
    assert stored_files(folder) == [kept.stored_name]
    assert restore(uploader, removed).status_code == 404


def test_a_removed_file_is_no_longer_downloaded(app, uploader, pieces):
    send(uploader, pieces["identite"], "recto.pdf", pdf_bytes())
    [upload] = uploads(app)
    remove(uploader, upload)
    assert uploader.get(f"/justificatifs/fichiers/{upload.id}").status_code == 404


def test_the_same_file_for_two_pieces_is_accepted_with_a_warning(app, uploader, pieces):
    content = pdf_bytes()
    send(uploader, pieces["identite"], "carte.pdf", content)
    response = send(uploader, pieces["jdc"], "jdc.pdf", content)
    assert response.status_code == 303
    page = text(uploader.get(response.location))
    assert ("Attention : ce fichier est identique à un fichier déjà déposé pour la pièce « Pièce d'identité en "
            "cours de validité (recto et verso) ».") in page
    assert len(uploads(app)) == 2
    # With htmx the warning is in the slot.
    fragment = send(uploader, pieces["jdc"], "encore.pdf", content, headers={"HX-Request": "true"})
    assert "identique à un fichier déjà déposé pour la pièce « Pièce d'identité" in text(fragment)
    assert parse_html(fragment).find("p", class_="flash flash-warning") is not None
