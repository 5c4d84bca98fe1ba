"""What the database keeps by its triggers, against the same counted here from scratch.

Each registration's counts of its pieces and unread messages
(models/piece_counts.py) and the totals of the numbered registrations by
session, exam and status (models/registration_totals.py): ``kept_and_counted``
reads both from the database and recounts them in Python from the rows of
``registration``, ``piece`` and ``message``.
"""
from playhouse.db_url import connect

COUNTS = ("pieces_open", "pieces_to_review", "pieces_refused", "pieces_validated", "messages_unread")
FIGURES = ("registrations", "declared", "pieces_to_review", "pieces_refused", "messages_unread", "with_open_pieces")
# The statuses of a current piece each count of pieces counts.
PIECE_STATUSES = {"pieces_open": ("manquante", "refusée"), "pieces_to_review": ("déposée",),
                  "pieces_refused": ("refusée",), "pieces_validated": ("validée",)}


def _rows(database, sql):
    cursor = database.execute_sql(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def kept_and_counted(database):
    """``(kept, counted)``, each ``{"counts": {registration id: {column: n}}, "totals": {(session id, exam id,
    status): {figure: n}}}``: what ``database`` keeps, and what its rows say (totals without registrations are
    left out of what it keeps: they may stay at zero)."""
    registrations = _rows(database, "SELECT id, session_id, exam_id, status, number, pieces_declared_at, "
                                    f"{', '.join(COUNTS)} FROM registration")
    kept_totals = {(row["session_id"], row["exam_id"], row["status"]): {name: row[name] for name in FIGURES}
                   for row in _rows(database, "SELECT * FROM registration_totals") if row["registrations"]}
    kept = {"counts": {row["id"]: {name: row[name] for name in COUNTS} for row in registrations},
            "totals": kept_totals}

    counts = {row["id"]: dict.fromkeys(COUNTS, 0) for row in registrations}
    for piece in _rows(database, "SELECT registration_id, status, obsolete_at FROM piece"):
        for name, statuses in PIECE_STATUSES.items():
            counts[piece["registration_id"]][name] += piece["obsolete_at"] is None and piece["status"] in statuses
    for message in _rows(database, "SELECT registration_id, from_staff, read_at FROM message"):
        unread = not message["from_staff"] and message["read_at"] is None
        counts[message["registration_id"]]["messages_unread"] += unread
    totals = {}
    for row in registrations:
        if row["number"] is None:
            continue
        total = totals.setdefault((row["session_id"], row["exam_id"] or 0, row["status"]), dict.fromkeys(FIGURES, 0))
        mine = counts[row["id"]]
        for name, value in (("registrations", 1), ("declared", row["pieces_declared_at"] is not None),
                            ("pieces_to_review", mine["pieces_to_review"]), ("pieces_refused", mine["pieces_refused"]),
                            ("messages_unread", mine["messages_unread"]),
                            ("with_open_pieces", mine["pieces_open"] > 0)):
            total[name] += value
    return kept, {"counts": counts, "totals": totals}


def assert_kept(database):
    """Check that ``database`` keeps what its rows say; returns what it keeps."""
    kept, counted = kept_and_counted(database)
    assert kept["counts"] == counted["counts"]
    assert kept["totals"] == counted["totals"]
    return kept


def kept_at(url):
    """``assert_kept`` on the database at ``url``."""
    database = connect(url)
    try:
        return assert_kept(database)
    finally:
        database.close()
