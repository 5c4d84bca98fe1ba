"""The totals of an exam's registrations, shared by all its candidates, under writes at once from three processes.

Every upload, message, staff reading and decision of the candidates of one
exam changes the same row of ``registration_totals`` (models/registration_totals.py);
validating a registration moves it from the row of the registered to the row
of the validated, while a candidate saving a validated registration again
moves it back. Fired together over real HTTP, on PostgreSQL (row locks, taken
in the order of the rows' keys) as on SQLite: no error, no deadlock, and the
totals are still what the registrations say. (With the two rows taken in the
order of the change instead, PostgreSQL found a deadlock in three runs of four.)
"""
from collections import Counter

import clock
from models import Account, Message, Piece, Registration, db
from tests.helpers import at_once, hidden_fields
from tests.kept_counts import assert_kept
from tests.registration_journey import revision_in
from tests.test_races import CHEAP_HASH, candidates, logged_in, portal, report  # noqa: F401  (fixture)
from tests.uploads_fixtures import pdf_bytes

# The race's five parts, GROUP candidates each: staff validate their registration; they save their validated
# registration again; they send a file; they write to the pôle; staff open their registration, reading them.
VALIDATED, SAVED_AGAIN, UPLOADING, WRITING, READ = range(5)
GROUP = 8


def ready_to_send(portal, n, email, registration, kind, first_piece):
    """Open the page a person of the race starts from; the request they then send (a function)."""
    if kind in (VALIDATED, READ):
        staff = logged_in(portal, "admin@ac-poitiers.fr", n)
        page = f"/gestion/inscriptions/{registration.number}"
        if kind == READ:
            return lambda: staff.get(page)
        fields = hidden_fields(staff.get(page).text)  # the dossier's version this decision is made on
        return lambda: staff.post(f"{page}/valider", fields)
    candidate = logged_in(portal, email, n)
    if kind == SAVED_AGAIN:
        revision = revision_in(candidate.get("/inscription/etape/5").text)
        return lambda: candidate.post("/inscription/enregistrer", {"revision": revision, "verified": "y"})
    if kind == UPLOADING:
        candidate.get("/justificatifs/")
        scan = {"fichier": ("recto.pdf", pdf_bytes(), "application/pdf")}
        return lambda: candidate.post(f"/justificatifs/pieces/{first_piece}/ajouter", files=scan)
    candidate.get("/messages/")
    return lambda: candidate.post("/messages/", {"body": "Et maintenant ?"})


def test_an_exam_s_candidates_and_staff_writing_at_once_keep_its_totals(portal):
    emails = candidates(portal, 5 * GROUP, status="enregistrée")
    with portal.ctx(), db.atomic():
        Account.create(email="admin@ac-poitiers.fr", email_key="admin@ac-poitiers.fr", role="admin",
                       password_hash=CHEAP_HASH, activated_at=clock.now())
        Registration.update(saved_at=clock.now()).execute()  # what staff's page says of the last Enregistrer
        registrations = list(Registration.select().order_by(Registration.id))
        part = {r.id: n // GROUP for n, r in enumerate(registrations)}
        ready = [r.id for r in registrations if part[r.id] in (VALIDATED, SAVED_AGAIN)]
        Piece.update(status="validée").where(Piece.registration.in_(ready)).execute()
        again = [r.id for r in registrations if part[r.id] == SAVED_AGAIN]
        Registration.update(status="validée").where(Registration.id.in_(again)).execute()
        for registration in registrations:
            if part[registration.id] == READ:
                Message.create(registration=registration, author=registration.account_id, body="Une question")
        first_pieces = {r.id: Piece.select().where(Piece.registration == r.id).order_by(Piece.position).first().id
                        for r in registrations}

    requests = [ready_to_send(portal, n, email, registration, part[registration.id], first_pieces[registration.id])
                for n, (email, registration) in enumerate(zip(emails, registrations))]

    statuses = at_once(lambda n: requests[n]().status, len(requests))

    with portal.ctx():
        kept = assert_kept(db)
        by_status = Counter(r.status for r in Registration.select())
        unread = Message.unread_by_staff().count()
    report("Totaux d'un examen", statuses, sum(total["registrations"] for total in kept["totals"].values()))
    assert statuses == [200 if part[r.id] == READ else 303 for r in registrations]
    assert by_status == {"validée": GROUP, "enregistrée": 4 * GROUP}
    assert unread == GROUP  # those written now; those read now are read
