"""Each registration's counts of its pieces (to provide, to review, refused) follow every change of its pieces:
the candidate's files, staff's decisions, a change of exam, a cancellation, bulk writes, a deletion.

The database keeps them (models/piece_counts.py); after each step they are
compared with what the ``piece`` table says.
"""
import clock
from models import Account, Piece, Registration, db
from tests.helpers import counted_pieces, hidden_fields, in_db
from tests.registration_journey import GOOD, enregistrer, post_step, register
from tests.staff_fixtures import decide, enrol_many
from tests.uploads_fixtures import pdf_bytes, send, uploads


def counts(app):
    """``(kept on the registrations, counted from the pieces)``, each ``{registration id: (open, to review,
    refused)}``."""
    with in_db(app):
        kept = {r.id: (r.pieces_open, r.pieces_to_review, r.pieces_refused) for r in Registration.select()}
        pieces = db.execute_sql("SELECT registration_id, status, obsolete_at FROM piece").fetchall()
    return kept, counted_pieces(pieces, kept)


def candidates_counts(app, registration):
    """The candidate's registration's counts, once checked against its pieces (and everyone's)."""
    kept, counted = counts(app)
    assert kept == counted
    return kept[registration.id]


def piece(app, registration, code):
    with in_db(app):
        return Piece.get(Piece.registration == registration.id, Piece.code == code)


def refuse(gestionnaire, piece_id):
    return decide(gestionnaire, f"/gestion/pieces/{piece_id}/refuser", {f"piece-{piece_id}-reason": "Illisible"})


def change_exam(browser, code, **step_4):
    """The candidate chooses another exam in M'inscrire and clicks Enregistrer."""
    assert post_step(browser, 1, {"exam_code": code}).status_code == 303
    assert post_step(browser, 4, {**GOOD[4], **step_4}).status_code == 303
    assert enregistrer(browser).status_code == 303


def test_the_counts_follow_the_candidate_and_staff(app, open_session, logged_in, candidate, gestionnaire):
    uploader = logged_in
    register(uploader)
    with in_db(app):
        registration = Registration.get(Registration.account == candidate.id)
    # Enregistrer made two pieces, both missing.
    assert candidates_counts(app, registration) == (2, 0, 0)
    identite = piece(app, registration, "identite")
    assert send(uploader, identite, "recto.pdf", pdf_bytes()).status_code == 303
    assert candidates_counts(app, registration) == (1, 1, 0)

    [upload] = uploads(app)
    assert uploader.post(f"/justificatifs/fichiers/{upload.id}/supprimer").status_code == 303
    assert candidates_counts(app, registration) == (2, 0, 0)
    assert uploader.post(f"/justificatifs/fichiers/{upload.id}/annuler-la-suppression").status_code == 303
    assert candidates_counts(app, registration) == (1, 1, 0)

    assert refuse(gestionnaire, identite.id).status_code == 303
    assert candidates_counts(app, registration) == (2, 0, 1)
    assert send(uploader, identite, "recto-lisible.pdf", pdf_bytes()).status_code == 303
    assert candidates_counts(app, registration) == (1, 1, 0)
    assert decide(gestionnaire, f"/gestion/pieces/{identite.id}/valider").status_code == 303
    assert candidates_counts(app, registration) == (1, 0, 0)

    # A BP asks for work experience: one piece more, which staff refuse once deposited.
    change_exam(uploader, "BP-BOUL", work_experience="y")
    assert candidates_counts(app, registration) == (2, 0, 0)
    experience = piece(app, registration, "experience")
    assert send(uploader, experience, "certificat.pdf", pdf_bytes()).status_code == 303
    assert refuse(gestionnaire, experience.id).status_code == 303
    assert candidates_counts(app, registration) == (2, 0, 1)
    # Back to the CAP: that piece is no longer asked, so counts no more; asked again, it comes back refused.
    change_exam(uploader, "CAP-CUIS")
    assert piece(app, registration, "experience").obsolete_at is not None
    assert candidates_counts(app, registration) == (1, 0, 0)
    change_exam(uploader, "BP-BOUL", work_experience="y")
    assert candidates_counts(app, registration) == (2, 0, 1)

    page = uploader.get("/inscription/annuler")
    assert uploader.post("/inscription/annuler", hidden_fields(page)).status_code == 303
    with in_db(app):
        assert Registration.get_by_id(registration.id).status == "annulée"
    assert candidates_counts(app, registration) == (2, 0, 1)


def test_the_counts_follow_bulk_writes_and_deletions(app, open_session, registration):
    with in_db(app):
        others = enrol_many(open_session, 3)
        bulk = [{"registration": other.id, "code": f"autre-{n}", "label": "Autre", "status": status}
                for other in others for n, status in enumerate(("manquante", "déposée", "refusée", "validée"))]
        Piece.insert_many(bulk).execute()
    kept, counted = counts(app)
    assert kept == counted and kept[others[0].id] == (2 + 2, 1, 1)

    with in_db(app):
        Piece.update(status="refusée").where(Piece.registration.in_([o.id for o in others[:2]])).execute()
        Piece.update(obsolete_at=clock.now()).where(Piece.code == "autre-0").execute()
    kept, counted = counts(app)
    assert kept == counted and kept[others[0].id] == (5, 0, 5)

    with in_db(app):
        Piece.delete().where(Piece.registration == others[1].id, Piece.code.startswith("autre")).execute()
        # Deleting a candidate's account deletes their registration, and its pieces with it.
        Account.delete().where(Account.id == others[2].account_id).execute()
        assert not Registration.select().where(Registration.id == others[2].id).exists()
    kept, counted = counts(app)
    assert kept == counted and kept[others[1].id] == (2, 0, 2)


def test_saving_a_registration_read_earlier_keeps_its_counts(app, registration):
    with in_db(app):
        read_earlier = Registration.get_by_id(registration.id)
        Piece.update(status="déposée").where(Piece.registration == registration.id).execute()
        read_earlier.phone = "0611111111"
        read_earlier.save()
    assert candidates_counts(app, registration) == (0, 2, 0)
