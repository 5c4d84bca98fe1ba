"""Each registration's counts of its pieces (to provide, to review, refused, validated) and of its unread messages,
and the totals of the registrations by session, exam and status, follow every change: the candidate's files,
messages and declaration, Enregistrer, staff's decisions and reading, a change of exam, a cancellation, bulk
writes, a deletion.

The database keeps them (models/piece_counts.py, models/registration_totals.py);
after each step they are compared with what the ``registration``, ``piece``
and ``message`` tables say, counted from scratch (tests/kept_counts.py).
"""
import clock
from bench import gestion, servers
from models import Account, Exam, Message, Piece, Registration, db
from tests.helpers import hidden_fields, in_db
from tests.kept_counts import assert_kept
from tests.registration_journey import GOOD, enregistrer, fill_steps, post_step
from tests.staff_fixtures import FIRST, decide, enrol_many
from tests.uploads_fixtures import pdf_bytes, send, uploads

PAGE = f"/gestion/inscriptions/{FIRST}"


def kept(app):
    """What the database keeps, once checked against its rows."""
    with in_db(app):
        return assert_kept(db)


def candidates_counts(app, registration):
    """The registration's ``(open, to review, refused, validated)`` pieces, once every count and total is checked."""
    counts = kept(app)["counts"][registration.id]
    return counts["pieces_open"], counts["pieces_to_review"], counts["pieces_refused"], counts["pieces_validated"]


def totals(app, registration):
    """The totals of the registration's session, by ``(exam code, status)``, once checked."""
    with in_db(app):
        codes = {exam.id: exam.code for exam in Exam.select().where(Exam.session == registration.session_id)}
    return {(codes[exam_id], status): figures for (session_id, exam_id, status), figures in kept(app)["totals"].items()
            if session_id == registration.session_id}


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


def write(browser, body):
    page = browser.get("/messages/")
    return browser.post("/messages/", {**hidden_fields(page), "body": body})


def test_the_counts_follow_the_candidate_and_staff(app, open_session, logged_in, candidate, gestionnaire):
    uploader = logged_in
    fill_steps(uploader)
    # A draft has no number: it counts in no total.
    assert kept(app)["totals"] == {}
    assert enregistrer(uploader).status_code == 303
    with in_db(app):
        registration = Registration.get(Registration.account == candidate.id)
    # Enregistrer made two pieces, both missing.
    assert candidates_counts(app, registration) == (2, 0, 0, 0)
    assert totals(app, registration) == {("CAP-CUIS", "enregistrée"): {
        "registrations": 1, "declared": 0, "pieces_to_review": 0, "pieces_refused": 0, "messages_unread": 0,
        "with_open_pieces": 1}}
    identite = piece(app, registration, "identite")
    assert send(uploader, identite, "recto.pdf", pdf_bytes()).status_code == 303
    assert candidates_counts(app, registration) == (1, 1, 0, 0)

    [upload] = uploads(app)
    assert uploader.post(f"/justificatifs/fichiers/{upload.id}/supprimer").status_code == 303
    assert candidates_counts(app, registration) == (2, 0, 0, 0)
    assert uploader.post(f"/justificatifs/fichiers/{upload.id}/annuler-la-suppression").status_code == 303
    assert candidates_counts(app, registration) == (1, 1, 0, 0)

    assert refuse(gestionnaire, identite.id).status_code == 303
    assert candidates_counts(app, registration) == (2, 0, 1, 0)
    assert send(uploader, identite, "recto-lisible.pdf", pdf_bytes()).status_code == 303
    assert candidates_counts(app, registration) == (1, 1, 0, 0)
    assert decide(gestionnaire, f"/gestion/pieces/{identite.id}/valider").status_code == 303
    assert candidates_counts(app, registration) == (1, 0, 0, 1)

    # A BP asks for work experience: one piece more, which staff refuse once deposited.
    change_exam(uploader, "BP-BOUL", work_experience="y")
    assert candidates_counts(app, registration) == (2, 0, 0, 1)
    assert set(totals(app, registration)) == {("BP-BOUL", "enregistrée")}
    experience = piece(app, registration, "experience")
    assert send(uploader, experience, "certificat.pdf", pdf_bytes()).status_code == 303
    assert refuse(gestionnaire, experience.id).status_code == 303
    assert candidates_counts(app, registration) == (2, 0, 1, 1)
    # Back to the CAP: that piece is no longer asked, so counts no more; asked again, it comes back refused.
    change_exam(uploader, "CAP-CUIS")
    assert piece(app, registration, "experience").obsolete_at is not None
    assert candidates_counts(app, registration) == (1, 0, 0, 1)
    change_exam(uploader, "BP-BOUL", work_experience="y")
    assert candidates_counts(app, registration) == (2, 0, 1, 1)

    page = uploader.get("/inscription/annuler")
    assert uploader.post("/inscription/annuler", hidden_fields(page)).status_code == 303
    with in_db(app):
        assert Registration.get_by_id(registration.id).status == "annulée"
    assert candidates_counts(app, registration) == (2, 0, 1, 1)
    assert set(totals(app, registration)) == {("BP-BOUL", "annulée")}


def test_the_totals_follow_messages_the_declaration_and_staff_s_decisions(app, open_session, uploader, pieces,
                                                                         registration, gestionnaire):
    assert write(uploader, "Mon certificat JDC est en cours, que faire ?").status_code == 303
    assert write(uploader, "Je l'ai reçu.").status_code == 303
    assert kept(app)["counts"][registration.id]["messages_unread"] == 2
    assert totals(app, registration)[("CAP-CUIS", "enregistrée")]["messages_unread"] == 2
    # Opening the registration reads them; staff's answer is no message staff have to read.
    assert gestionnaire.get(PAGE).status_code == 200
    page = gestionnaire.get(PAGE)
    assert gestionnaire.post(f"{PAGE}/messages", {**hidden_fields(page), "body": "Merci."}).status_code == 303
    assert totals(app, registration)[("CAP-CUIS", "enregistrée")]["messages_unread"] == 0

    for code, each in pieces.items():
        assert send(uploader, each, f"{code}.pdf", pdf_bytes()).status_code == 303
    assert uploader.post("/justificatifs/declarer").status_code == 303
    assert totals(app, registration)[("CAP-CUIS", "enregistrée")] == {
        "registrations": 1, "declared": 1, "pieces_to_review": 2, "pieces_refused": 0, "messages_unread": 0,
        "with_open_pieces": 0}
    for each in pieces.values():
        assert decide(gestionnaire, f"/gestion/pieces/{each.id}/valider").status_code == 303
    assert decide(gestionnaire, f"{PAGE}/valider").status_code == 303
    assert set(totals(app, registration)) == {("CAP-CUIS", "validée")}
    assert decide(gestionnaire, f"{PAGE}/ecarter", {"reason": "Dossier incomplet"}).status_code == 303
    assert totals(app, registration) == {("CAP-CUIS", "écartée"): {
        "registrations": 1, "declared": 1, "pieces_to_review": 0, "pieces_refused": 0, "messages_unread": 0,
        "with_open_pieces": 0}}


def test_the_counts_follow_bulk_writes_and_deletions(app, open_session, registration):
    with in_db(app):
        others = enrol_many(open_session, 3)
        bulk = [{"registration": other.id, "code": f"autre-{n}", "label": "Autre", "status": status}
                for other in others for n, status in enumerate(("manquante", "déposée", "refusée", "validée"))]
        Piece.insert_many(bulk).execute()
        Message.insert_many([{"registration": other.id, "body": "?", "created_at": clock.now(), "read_at": read_at}
                             for other in others for read_at in (None, None, clock.now())]).execute()
    assert kept(app)["counts"][others[0].id] == {"pieces_open": 2 + 2, "pieces_to_review": 1, "pieces_refused": 1,
                                                  "pieces_validated": 1, "messages_unread": 2}

    with in_db(app):
        Piece.update(status="refusée").where(Piece.registration.in_([o.id for o in others[:2]])).execute()
        Piece.update(obsolete_at=clock.now()).where(Piece.code == "autre-0").execute()
        Message.update(read_at=clock.now()).where(Message.registration == others[0].id).execute()
        # Every registration of the session at once, from one status to another and back.
        Registration.update(status="validée").where(Registration.session == open_session.id).execute()
        Registration.update(status="enregistrée").where(Registration.id != others[1].id).execute()
    assert kept(app)["counts"][others[0].id] == {"pieces_open": 5, "pieces_to_review": 0, "pieces_refused": 5,
                                                  "pieces_validated": 0, "messages_unread": 0}

    with in_db(app):
        Piece.delete().where(Piece.registration == others[1].id, Piece.code.startswith("autre")).execute()
        Message.delete().where(Message.registration == others[1].id).execute()
        # Deleting a candidate's account deletes their registration, and its pieces and messages with it.
        Account.delete().where(Account.id == others[2].account_id).execute()
        assert not Registration.select().where(Registration.id == others[2].id).exists()
    assert kept(app)["counts"][others[1].id] == {"pieces_open": 2, "pieces_to_review": 0, "pieces_refused": 2,
                                                  "pieces_validated": 0, "messages_unread": 0}
    assert totals(app, registration)[("CAP-CUIS", "validée")]["registrations"] == 1


def test_the_bench_s_bulk_inserts_are_counted(app, open_session, registration):
    """bench/gestion.py and bench/servers.py fill Gestion with insert_many: the database counts as they insert."""
    with in_db(app):
        gestion.fill(open_session, 60, first=2000)
        servers._crowd(40)
    figures = totals(app, registration)
    assert sum(total["registrations"] for total in figures.values()) == 1 + 60 + 40
    assert all(any(total[name] for total in figures.values()) for name in next(iter(figures.values())))


def test_saving_a_registration_read_earlier_keeps_its_counts(app, registration):
    with in_db(app):
        read_earlier = Registration.get_by_id(registration.id)
        Piece.update(status="déposée").where(Piece.registration == registration.id).execute()
        Message.create(registration=registration.id, body="?")
        read_earlier.phone = "0611111111"
        read_earlier.save()
    assert candidates_counts(app, registration) == (0, 2, 0, 0)
    assert kept(app)["counts"][registration.id]["messages_unread"] == 1
