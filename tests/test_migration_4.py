"""Version 4 on a database the version-3 release left: each registration's counts of its pieces, kept by triggers.

The database is made from the previous release's dump (tests/test_migrations.py)
by the version-3 release's init-db (its first three migrations); a few of its
pieces are then refused or no longer asked, so every kind of piece is counted.
It is then brought to version 4 by the version-4 release's init-db (the first four).
"""
from models import migrations
from tests.helpers import counted_pieces
from tests.test_migration_3 import assert_every_row_kept, at_version, indexed_columns, init_db_of_version
from tests.test_migrations import databases, execute, portal, previous, rows, schema  # noqa: F401  (fixtures)

VERSION_4 = ("Base de données mise à jour : version 3 → 4 (nombre de pièces à fournir, à examiner et refusées de "
             "chaque inscription, tenu par la base, et index de Relancer et du tableau de bord).\n")


def counts_and_pieces(url):
    """``(kept on the registrations, counted from the pieces)``: ``{registration id: (open, to review, refused)}``."""
    found = rows(url)
    kept = {key: (r["pieces_open"], r["pieces_to_review"], r["pieces_refused"])
            for key, r in found["registration"].items()}
    pieces = ((p["registration_id"], p["status"], p["obsolete_at"]) for p in found["piece"].values())
    return kept, counted_pieces(pieces, kept)


def test_version_4_keeps_every_row_and_counts_the_pieces(previous, tmp_path, clock, monkeypatch):
    app = portal(tmp_path / "previous", previous, clock)
    at_version(app, monkeypatch, 3)
    pieces = rows(previous)["piece"]
    deposited = [key for key, piece in pieces.items() if piece["status"] == "déposée"]
    missing = [key for key, piece in pieces.items() if piece["status"] == "manquante"]
    execute(previous, f"UPDATE piece SET status = 'refusée', refusal_reason = 'Illisible' WHERE id = {deposited[0]}",
            f"UPDATE piece SET obsolete_at = '2022-11-01 09:00:00' WHERE id = {missing[0]}")
    before = rows(previous)
    assert before["schema_version"] == {1: {"id": 1, "version": 3}}

    assert init_db_of_version(app, monkeypatch, 4) == (0, VERSION_4)

    after = rows(previous)
    assert_every_row_kept(before, after)
    kept, counted = counts_and_pieces(previous)
    assert kept == counted
    # Some to provide, to review and refused: each count was backfilled, not left at 0.
    assert all(any(totals[n] for totals in kept.values()) for n in range(3))
    for table, columns in migrations.PIECE_COUNT_INDEXES:
        assert list(columns) in indexed_columns(previous, table), (table, columns)
    assert list(migrations.GESTION_INDEXES[1][1]) not in indexed_columns(previous, "registration")
    assert after["schema_version"] == {1: {"id": 1, "version": 4}}

    # The triggers are there and keep the counts from now on.
    assert set(schema(previous)["triggers"]) >= {"piece_counts_insert", "piece_counts_update", "piece_counts_delete"}
    execute(previous, f"UPDATE piece SET status = 'déposée' WHERE id = {missing[1]}",
            f"UPDATE piece SET obsolete_at = NULL WHERE id = {missing[0]}",
            f"DELETE FROM piece WHERE id = {deposited[1]}")
    kept, counted = counts_and_pieces(previous)
    assert kept == counted

