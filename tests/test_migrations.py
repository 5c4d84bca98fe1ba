"""Upgrading a portal in use: a database made by the previous release, brought to today's schema by init-db.

tests/data/previous_release.sqlite-dump.txt is that database, dumped from SQLite; it
was made by tests/data/make_previous_release_db.py running the code of the
previous release (515ee08), and previous_release_uploads/ holds its stored
files. On PostgreSQL (``SESAME_TEST_DATABASE``), the same release's tables
(previous_release.postgresql-dump.txt, made by the same script) are created in
the test's database and the dump's rows copied into them.
"""
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from peewee import PostgresqlDatabase
from playhouse.db_url import connect

import models
from app import create_app
from models import db, migrations
from tests.helpers import PASSWORD, Browser, counted_pieces, in_db
from tests.kept_counts import kept_at
from tests.registration_journey import register

DATA = Path(__file__).resolve().parent / "data"
PREVIOUS_DUMP = DATA / "previous_release.sqlite-dump.txt"
PREVIOUS_POSTGRESQL_SCHEMA = DATA / "previous_release.postgresql-dump.txt"
PREVIOUS_UPLOADS = DATA / "previous_release_uploads"
NEWER = ("Cette base a été créée par une version plus récente de Sésame (version {found}, "
         "ce code connaît la version {known}) : installez la version la plus récente.")


@pytest.fixture
def databases(database_url, second_database_url):
    """Two empty databases of the suite's engine, {"previous": URL, "fresh": URL}."""
    return {"previous": database_url, "fresh": second_database_url}


def load_previous_release(url, folder):
    """The previous release's database at ``url`` (empty before), its uploads in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(PREVIOUS_UPLOADS, folder / "uploads")
    dump = folder / "previous.db" if url.startswith("postgres") else Path(url.removeprefix("sqlite:///"))
    with sqlite3.connect(dump) as connection:
        connection.executescript(PREVIOUS_DUMP.read_text(encoding="utf-8"))
    connection.close()
    if url.startswith("postgres"):
        _copy_into_postgresql(dump, url)


def _copy_into_postgresql(source, url):
    """The previous release's PostgreSQL tables, filled with the rows of the SQLite database ``source``."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(PREVIOUS_POSTGRESQL_SCHEMA.read_text(encoding="utf-8"))
    lite = sqlite3.connect(source)
    lite.row_factory = sqlite3.Row
    present = {name for (name,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    # Today's order of the tables puts the ones a row refers to first.
    tables = [model._meta.table_name for model in models.TABLES if model._meta.table_name in present]
    with lite, psycopg.connect(url) as connection:
        for table in tables:
            booleans = {name for (name,) in connection.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name = %s AND data_type = 'boolean'", (table,))}
            for row in lite.execute(f'SELECT * FROM "{table}"'):
                columns = ", ".join(f'"{name}"' for name in row.keys())
                values = [bool(row[name]) if name in booleans and row[name] is not None else row[name]
                          for name in row.keys()]
                connection.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join(["%s"] * len(values))})',
                                   values)
            connection.execute(f"""SELECT setval(pg_get_serial_sequence('"{table}"', 'id'),
                                   COALESCE((SELECT MAX("id") FROM "{table}"), 1))""")
    lite.close()


def portal(folder, url, clock):
    folder.mkdir(parents=True, exist_ok=True)
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "INSTANCE_PATH": str(folder / "instance"),
                       "DATABASE": url, "UPLOAD_FOLDER": str(folder / "uploads"), "MAIL_SERVER": None,
                       "MAIL_SEND_AFTER_REQUEST": False, "CLOCK": clock})


def init_db(app):
    result = app.test_cli_runner().invoke(args=["init-db"])
    db.close_all()
    return result.exit_code, result.output


def _plain(value):
    """A value as SQLite hands it back, whatever the engine: times as text, booleans as 0/1."""
    if isinstance(value, (datetime, date)):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


def rows(url):
    """Every row of every table: {table: {id: {column: value}}}."""
    database = connect(url)
    try:
        found = {}
        for table in database.get_tables():
            cursor = database.execute_sql(f'SELECT * FROM "{table}"')
            names = [column[0] for column in cursor.description]
            found[table] = {row[0]: dict(zip(names, map(_plain, row))) for row in cursor.fetchall()}
        return found
    finally:
        database.close()


def execute(url, *statements):
    database = connect(url)
    try:
        with database.atomic():
            for statement in statements:
                database.execute_sql(statement)
    finally:
        database.close()


def schema(url):
    """Tables with their columns, indexes and foreign keys, as peewee reads them (order of columns aside), and
    the triggers with the functions they run."""
    database = connect(url)
    try:
        return {**{table: {
            "columns": {c.name: (c.data_type.upper(), c.null, c.primary_key, c.default)
                        for c in database.get_columns(table)},
            "indexes": {i.name: (tuple(i.columns), i.unique) for i in database.get_indexes(table)},
            "foreign_keys": sorted((k.column, k.dest_table, k.dest_column) for k in database.get_foreign_keys(table)),
        } for table in database.get_tables()}, "triggers": triggers(database)}
    finally:
        database.close()


def triggers(database):
    """{name: its definition}: each trigger's, and on PostgreSQL each function's of the public schema."""
    if isinstance(database, PostgresqlDatabase):
        found = database.execute_sql(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal").fetchall()
        found += database.execute_sql(
            "SELECT proname, pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public'").fetchall()
    else:
        found = database.execute_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    return dict(found)


@pytest.fixture
def previous(tmp_path, databases):
    """The previous release's database (its URL), not upgraded yet."""
    load_previous_release(databases["previous"], tmp_path / "previous")
    return databases["previous"]


@pytest.fixture
def upgraded(previous, tmp_path, clock):
    """The previous release's portal after init-db with today's code: (app, rows before, init-db's output)."""
    before = rows(previous)
    app = portal(tmp_path / "previous", previous, clock)
    code, output = init_db(app)
    assert code == 0, output
    yield app, before, output
    db.close_all()


def test_the_dump_is_a_previous_release_database(previous):
    """Made as documented: no version recorded, the stale column present, rows in every table."""
    tables = rows(previous)
    assert "schema_version" not in tables and "mail_throttle" not in tables
    assert all(tables[name] for name in tables), {name: len(r) for name, r in tables.items()}
    assert all(account["activation_sent_at"] for account in tables["account"].values() if account["role"] == "candidat")


def test_init_db_says_what_it_upgraded(upgraded):
    _, _, output = upgraded
    assert output == ("Base de données mise à jour : version 0 → 1 (compteur des numéros d'inscription, date de "
                      "relance, dernière activité des connexions, table mail_throttle ; colonne "
                      "account.activation_sent_at retirée).\n"
                      "Base de données mise à jour : version 1 → 2 (désactivation des comptes de gestion, messages, "
                      "motif d'une inscription écartée, version du dossier, suppression d'un fichier annulable).\n"
                      "Base de données mise à jour : version 2 → 3 (clé du catalogue de chaque session, index de la "
                      "liste et des comptes de Gestion).\n"
                      "Base de données mise à jour : version 3 → 4 (nombre de pièces à fournir, à examiner et refusées "
                      "de chaque inscription, tenu par la base, et index de Relancer et du tableau de bord).\n"
                      "Base de données mise à jour : version 4 → 5 (nombre de pièces validées et de messages non lus de "
                      "chaque inscription, totaux des inscriptions par session, examen et statut, tenus par la base, et "
                      "index des filtres de la liste et de Relancer).\n")


def test_every_row_of_every_table_survives(upgraded, previous):
    _, before, _ = upgraded
    after = rows(previous)
    assert set(after) == set(before) | {"schema_version", "mail_throttle", "message", "registration_totals"}
    for table, old_rows in before.items():
        assert set(after[table]) == set(old_rows), table
        for key, old in old_rows.items():
            kept = {column: value for column, value in old.items() if column != "activation_sent_at"}
            assert {column: after[table][key][column] for column in kept} == kept, (table, key)
    assert after["schema_version"] == {1: {"id": 1, "version": migrations.LATEST}}
    assert after["mail_throttle"] == after["message"] == {}
    assert after["registration_totals"]  # filled from the registrations (test_migration_5.py)


def test_the_new_columns_carry_what_the_old_rows_say(upgraded, previous):
    _, before, _ = upgraded
    after = rows(previous)
    assert "activation_sent_at" not in next(iter(after["account"].values()))
    # The numbers given so far: 000001 to 000003 (the third one cancelled still counts).
    assert [s["last_number"] for s in after["exam_session"].values()] == [3]
    # Jeanne was reminded by staff (« relance envoyée » in the audit trail); nobody else.
    reminders = {r["account_id"]: r["reminded_at"] for r in after["registration"].values()}
    reminded_at = max(a["at"] for a in before["audit"].values() if a["action"] == "relance envoyée")
    assert [value for value in reminders.values() if value] == [reminded_at]
    jeanne = next(a["id"] for a in before["account"].values() if a["email"] == "Jeanne.Martin@exemple.fr")
    assert reminders[jeanne] == reminded_at
    assert all(s["last_seen_at"] is None for s in after["login_session"].values())
    # Version 2: no staff member switched off, no file being removed, every dossier at its first version.
    assert all(a["deactivated_at"] is None for a in after["account"].values())
    assert all(u["removed_at"] is None for u in after["upload"].values())
    assert all(r["dossier_version"] == 0 for r in after["registration"].values())
    assert all(r["set_aside_reason"] == "" for r in after["registration"].values())
    # Version 3: each session has a key of its own, so a process reads its catalogue once.
    keys = [s["catalogue_key"] for s in after["exam_session"].values()]
    assert all(len(key) == 16 for key in keys) and len(set(keys)) == len(keys)
    # Version 4: each registration counts its current pieces to provide, to review and refused.
    assert ({key: (r["pieces_open"], r["pieces_to_review"], r["pieces_refused"])
             for key, r in after["registration"].items()}
            == counted_pieces(((p["registration_id"], p["status"], p["obsolete_at"]) for p in after["piece"].values()),
                              after["registration"]))
    # Version 5: their validated pieces and unread messages too, and the totals of the registrations.
    kept_at(previous)


def test_the_reason_of_a_registration_set_aside_is_taken_from_the_audit_trail(previous, tmp_path, clock):
    """The previous release kept it only in the audit trail, after the number: « N° — motif »."""
    before = rows(previous)
    registration = next(r for r in before["registration"].values() if r["status"] == "enregistrée")
    execute(previous, f"UPDATE registration SET status = 'écartée' WHERE id = {registration['id']}",
            "INSERT INTO audit (at, actor_id, action, subject_id, detail) VALUES ('2022-11-20 10:00:00', NULL, "
            f"'inscription écartée', {registration['account_id']}, '{registration['number']} — Dossier incomplet')")
    assert init_db(portal(tmp_path / "previous", previous, clock))[0] == 0
    reasons = {r["id"]: r["set_aside_reason"] for r in rows(previous)["registration"].values()}
    assert reasons == {key: "Dossier incomplet" if key == registration["id"] else "" for key in reasons}


def test_the_upgraded_schema_is_the_schema_of_a_new_database(upgraded, previous, databases, tmp_path, clock):
    code, output = init_db(portal(tmp_path / "fresh", databases["fresh"], clock))
    assert (code, output) == (0, f"Base de données créée (version {migrations.LATEST}).\n")
    assert schema(previous) == schema(databases["fresh"])


def test_init_db_again_changes_nothing(upgraded, previous):
    app, _, _ = upgraded
    once = rows(previous)
    assert init_db(app) == (0, f"Base de données à jour (version {migrations.LATEST}).\n")
    assert rows(previous) == once


def test_a_database_newer_than_the_code_is_refused_untouched(previous, tmp_path, clock):
    execute(previous, 'CREATE TABLE "schema_version" ("id" INTEGER NOT NULL PRIMARY KEY, "version" INTEGER NOT NULL)',
            f'INSERT INTO "schema_version" VALUES (1, {migrations.LATEST + 1})')
    before = rows(previous)
    code, output = init_db(portal(tmp_path / "previous", previous, clock))
    assert code == 1
    assert NEWER.format(found=migrations.LATEST + 1, known=migrations.LATEST) in output
    assert rows(previous) == before
    assert "activation_sent_at" in next(iter(before["account"].values()))


def test_a_migration_that_fails_midway_leaves_the_database_at_its_version(previous, tmp_path, clock, monkeypatch):
    """Each migration is one transaction: a failure after some of its changes undoes them all."""
    summary, migration = migrations.MIGRATIONS[0]

    def fails_after_its_changes(migrator):
        migration(migrator)
        raise RuntimeError("panne au milieu de la migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", [(summary, fails_after_its_changes)])
    before = rows(previous)
    code, _ = init_db(portal(tmp_path / "previous", previous, clock))
    assert code == 1
    assert rows(previous) == {**before, "schema_version": {1: {"id": 1, "version": 0}}}


def test_a_database_of_the_same_day_without_a_version_is_brought_to_the_latest_version(tmp_path, databases, clock):
    """Made by today's create_tables before versions were recorded: every change is already there."""
    app = portal(tmp_path / "fresh", databases["fresh"], clock)
    with in_db(app):
        db.create_tables(models.TABLES)
    assert init_db(app)[0] == 0
    assert init_db(app) == (0, f"Base de données à jour (version {migrations.LATEST}).\n")


def sign_in(app, email):
    browser = Browser(app.test_client())
    browser.get("/connexion")
    response = browser.post("/connexion", {"email": email, "password": PASSWORD})
    assert response.status_code == 303, (email, response.get_data(as_text=True)[-1500:])
    return browser


def test_every_candidate_logs_in_and_finds_their_registration_and_files(upgraded, previous):
    app, before, _ = upgraded
    accounts = before["account"].values()
    registrations = {r["account_id"]: r for r in before["registration"].values()}
    pieces = before["piece"]
    candidates = [a for a in accounts if a["role"] == "candidat" and a["activated_at"]]
    assert len(candidates) == 4
    for account in candidates:
        browser = sign_in(app, account["email"])
        registration = registrations[account["id"]]
        page = browser.get("/inscription/")
        assert page.status_code == 200
        if registration["status"] not in ("enregistrée", "validée"):
            continue  # a draft has no number yet; a cancelled registration is no longer shown
        assert registration["number"] in page.get_data(as_text=True)
        files = browser.get("/justificatifs/")
        assert files.status_code == 200
        text = files.get_data(as_text=True)
        theirs = [upload for upload in before["upload"].values()
                  if pieces[upload["piece_id"]]["registration_id"] == registration["id"]]
        assert theirs
        for upload in theirs:
            assert upload["original_name"].replace("'", "&#39;") in text
            download = browser.client.get(f"/justificatifs/fichiers/{upload['id']}")
            assert download.status_code == 200
            assert download.data == (PREVIOUS_UPLOADS / upload["stored_name"]).read_bytes()


def test_staff_log_in_and_find_the_registrations(upgraded):
    app, before, _ = upgraded
    page = sign_in(app, "gestion.sah@ac-poitiers.fr").get("/gestion/")
    assert page.status_code == 200
    numbers = [r["number"] for r in before["registration"].values() if r["status"] == "enregistrée"]
    assert numbers and all(number in page.get_data(as_text=True) for number in numbers)


def test_the_next_number_follows_the_ones_given(upgraded, clock):
    """A new candidate saving after the upgrade gets 000004, not a number already given."""
    app, _, _ = upgraded
    with in_db(app):
        account, _ = models.Account.sign_up("nouvelle@exemple.fr", PASSWORD)
        account.activated_at = account.created_at
        account.save()
    browser = sign_in(app, "nouvelle@exemple.fr")
    register(browser)
    with in_db(app):
        registration = models.Registration.get(models.Registration.account == account.id)
    assert registration.number == "2023-06-POI-000004"


def test_the_server_refuses_to_start_before_the_database_is_upgraded(previous, tmp_path, clock):
    app = portal(tmp_path / "previous", previous, clock)
    result = app.test_cli_runner().invoke(args=["serve", "--port", "1"])
    assert result.exit_code == 1
    assert (f"La base de données est à la version 0, ce code attend la version {migrations.LATEST} : "
            "lancez d'abord « flask --app app init-db ».") in result.output
