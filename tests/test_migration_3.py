"""Version 3 on a database the version-2 release left: the key of each session's catalogue, Gestion's indexes.

The version-3 release's predecessor stopped at version 2. Its database is
made here from the previous release's dump (tests/test_migrations.py) with
the first two migrations only, as that release's init-db left it, then
brought to version 3 by the version-3 release's init-db (the first three).
"""
from playhouse.db_url import connect

from models import migrations
from tests.test_migrations import databases, init_db, portal, previous, rows  # noqa: F401  (fixtures)

VERSION_3 = ("Base de données mise à jour : version 2 → 3 (clé du catalogue de chaque session, index de la liste "
             "et des comptes de Gestion).\n")


def init_db_of_version(app, monkeypatch, version):
    """init-db as the release of ``version`` ran it, knowing the first ``version`` migrations: (exit code, output)."""
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:version])
        patch.setattr(migrations, "LATEST", version)
        return init_db(app)


def at_version(app, monkeypatch, version):
    """The database brought to ``version`` by that release's init-db."""
    code, output = init_db_of_version(app, monkeypatch, version)
    assert code == 0, output


def assert_every_row_kept(before, after):
    """Every row of ``before`` is in ``after`` with its values (the version aside), new columns apart."""
    for table, old_rows in before.items():
        if table == "schema_version":
            continue
        assert set(after[table]) == set(old_rows), table
        for key, old in old_rows.items():
            assert {column: after[table][key][column] for column in old} == old, (table, key)


def indexed_columns(url, table):
    database = connect(url)
    try:
        return [index.columns for index in database.get_indexes(table)]
    finally:
        database.close()


def test_version_3_keeps_every_row_and_adds_the_keys_and_the_indexes(previous, tmp_path, clock, monkeypatch):
    app = portal(tmp_path / "previous", previous, clock)
    at_version(app, monkeypatch, 2)
    before = rows(previous)
    assert before["schema_version"] == {1: {"id": 1, "version": 2}}

    assert init_db_of_version(app, monkeypatch, 3) == (0, VERSION_3)

    after = rows(previous)
    assert_every_row_kept(before, after)
    keys = [session["catalogue_key"] for session in after["exam_session"].values()]
    assert keys and all(len(key) == 16 for key in keys) and len(set(keys)) == len(keys)
    for table, columns in migrations.GESTION_INDEXES:
        assert list(columns) in indexed_columns(previous, table), (table, columns)
    assert after["schema_version"] == {1: {"id": 1, "version": 3}}
