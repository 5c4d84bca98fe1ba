"""models.sqlite_writers: the threads of a process take turns to write, and a turn always ends."""
import sqlite3
import threading

import pytest
from peewee import OperationalError

from models.base import POOL_OPTIONS, SQLITE_OPTIONS
from models.sqlite_writers import PooledSqliteWriters


def _database(path, busy_timeout=15000):
    options = {**SQLITE_OPTIONS, "pragmas": {**SQLITE_OPTIONS["pragmas"], "busy_timeout": busy_timeout}}
    database = PooledSqliteWriters(str(path), **POOL_OPTIONS, **options)
    database.execute_sql("CREATE TABLE IF NOT EXISTS note (text TEXT)")
    database.close()
    return database


def _notes(database):
    with database.connection_context():
        return [text for (text,) in database.execute_sql("SELECT text FROM note ORDER BY rowid")]


def test_a_second_writer_begins_when_the_first_commits(tmp_path):
    """It waits on the process's lock, not in SQLite's busy handler: SQLite sees its BEGIN after the COMMIT."""
    database = _database(tmp_path / "notes.db")
    first_wrote, first_may_commit = threading.Event(), threading.Event()
    statements = []

    def writer(name, wait_for=None, then=None):
        with database.connection_context():
            database.connection().set_trace_callback(lambda sql: statements.append((name, sql.split()[0])))
            if wait_for:
                wait_for.wait(10)
            with database.atomic():
                database.execute_sql("INSERT INTO note VALUES (?)", (name,))
                if then:
                    then()
            database.connection().set_trace_callback(None)

    def hold():
        first_wrote.set()
        first_may_commit.wait(10)

    threads = [threading.Thread(target=writer, args=("premier", None, hold)),
               threading.Thread(target=writer, args=("second", first_wrote))]
    for thread in threads:
        thread.start()
    first_wrote.wait(10)
    threads[1].join(0.3)
    assert threads[1].is_alive()
    first_may_commit.set()
    for thread in threads:
        thread.join(10)

    assert statements == [("premier", "BEGIN"), ("premier", "INSERT"), ("premier", "COMMIT"),
                          ("second", "BEGIN"), ("second", "INSERT"), ("second", "COMMIT")]
    assert _notes(database) == ["premier", "second"]
    assert not database._writer.locked()


def test_a_transaction_rolled_back_ends_its_turn(tmp_path):
    database = _database(tmp_path / "notes.db")
    with database.connection_context():
        with pytest.raises(ZeroDivisionError), database.atomic():
            database.execute_sql("INSERT INTO note VALUES ('perdu')")
            1 / 0
        assert not database._writer.locked()
        with database.atomic():
            database.execute_sql("INSERT INTO note VALUES ('gardé')")
    assert _notes(database) == ["gardé"]
    assert not database._writer.locked()


def test_a_begin_refused_by_another_process_ends_its_turn(tmp_path):
    """Another process holds SQLite's lock past the busy timeout: "database is locked", and the next may try."""
    path = tmp_path / "notes.db"
    database = _database(path, busy_timeout=100)
    other_process = sqlite3.connect(path, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    with database.connection_context():
        with pytest.raises(OperationalError), database.atomic():
            database.execute_sql("INSERT INTO note VALUES ('refusé')")
        assert not database._writer.locked()
        other_process.execute("ROLLBACK")
        with database.atomic():
            database.execute_sql("INSERT INTO note VALUES ('accepté')")
    other_process.close()
    assert _notes(database) == ["accepté"]
