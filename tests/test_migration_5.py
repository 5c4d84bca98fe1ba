"""Version 5 on a database the version-4 release left: each registration's validated pieces and unread messages,
and the totals of the registrations by session, exam and status, kept by triggers.

The database is made from the previous release's dump (tests/test_migrations.py)
by the version-4 release's init-db (its first four migrations, version 4's
triggers included); the candidates then write messages, some read by staff,
and a piece is refused, so every count and total has something to count.
"""
from models import migrations
from tests.kept_counts import COUNTS, FIGURES, kept_at
from tests.test_migration_3 import assert_every_row_kept, at_version, indexed_columns
from tests.test_migrations import databases, execute, init_db, portal, previous, rows, schema  # noqa: F401  (fixtures)

VERSION_5 = ("Base de données mise à jour : version 4 → 5 (nombre de pièces validées et de messages non lus de "
             "chaque inscription, totaux des inscriptions par session, examen et statut, tenus par la base, et "
             "index des filtres de la liste et de Relancer).\n")
TRIGGERS = {f"{table}_{event}" for table in ("piece_counts", "message_counts", "registration_totals")
            for event in ("insert", "update", "delete")}


def message(registration_id, from_staff, read_at="NULL"):
    return (f"INSERT INTO message (registration_id, from_staff, body, created_at, read_at) "
            f"VALUES ({registration_id}, {from_staff}, 'Une question', '2022-11-01 09:00:00', {read_at})")


def test_version_5_keeps_every_row_and_counts_the_pieces_messages_and_registrations(previous, tmp_path, clock,
                                                                                   monkeypatch):
    app = portal(tmp_path / "previous", previous, clock)
    at_version(app, monkeypatch, 4)
    registrations = rows(previous)["registration"]
    numbered = sorted(key for key, r in registrations.items() if r["status"] == "enregistrée")
    deposited = min(key for key, piece in rows(previous)["piece"].items() if piece["status"] == "déposée")
    execute(previous, message(numbered[0], "FALSE"), message(numbered[0], "FALSE"),
            message(numbered[1], "FALSE", "'2022-11-02 10:00:00'"), message(numbered[1], "TRUE"),
            f"UPDATE piece SET status = 'refusée', refusal_reason = 'Illisible' WHERE id = {deposited}")
    before = rows(previous)
    assert before["schema_version"] == {1: {"id": 1, "version": 4}}

    assert init_db(app) == (0, VERSION_5)

    after = rows(previous)
    assert_every_row_kept(before, after)
    kept = kept_at(previous)
    # Each new count and each figure of the totals was filled in, not left at 0.
    assert all(any(counts[name] for counts in kept["counts"].values()) for name in COUNTS)
    assert all(any(totals[name] for totals in kept["totals"].values()) for name in FIGURES)
    # The draft has no number: the totals count the three others, the cancelled one included.
    assert sum(totals["registrations"] for totals in kept["totals"].values()) == 3
    for table, columns in migrations.TOTALS_INDEXES:
        assert list(columns) in indexed_columns(previous, table), (table, columns)
    assert list(migrations.PIECE_COUNT_INDEXES[0][1]) not in indexed_columns(previous, "registration")
    assert after["schema_version"] == {1: {"id": 1, "version": 5}}

    # Version 5's triggers replaced version 4's, and keep everything from now on.
    assert set(schema(previous)["triggers"]) >= TRIGGERS
    execute(previous, f"UPDATE piece SET status = 'validée' WHERE id = {deposited}",
            f"UPDATE message SET read_at = '2022-11-03 08:00:00' WHERE registration_id = {numbered[0]}",
            message(numbered[1], "FALSE"),
            f"UPDATE registration SET status = 'validée' WHERE id = {numbered[1]}",
            f"UPDATE registration SET pieces_declared_at = '2022-11-03 08:00:00' WHERE id = {numbered[0]}",
            f"DELETE FROM piece WHERE registration_id = {numbered[0]}")
    kept_at(previous)
