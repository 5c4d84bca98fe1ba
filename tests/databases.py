"""The database of each test: a temporary SQLite file, or a fresh PostgreSQL database.

By default every test gets its own SQLite file in its temporary folder. With
``SESAME_TEST_DATABASE`` set to a PostgreSQL server's URL (any database of
it the user may connect to, e.g. ``postgresql://sesame@127.0.0.1:54329/postgres``,
a user allowed to create databases), every test gets a database of its own
on that server, created empty before it and dropped after it, so tests never
see each other's rows, and the schema is the one production has (``public``).

Fixtures: ``database_url``, and ``postgresql_server`` (a connection to the
server, for a test that needs a second database).
"""
import os
import secrets
from urllib.parse import urlsplit, urlunsplit

import pytest

SERVER_URL = os.environ.get("SESAME_TEST_DATABASE", "")
ON_POSTGRESQL = SERVER_URL.startswith(("postgres://", "postgresql://"))
if SERVER_URL and not ON_POSTGRESQL:
    raise pytest.UsageError(f"SESAME_TEST_DATABASE doit être une URL postgresql://…, pas {SERVER_URL!r}")


def _on_database(url, name):
    """``url`` naming the database ``name`` instead of its own (user, host and options kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgresql_server():
    """One connection to the server for the whole run, to create and drop the tests' databases."""
    import psycopg

    with psycopg.connect(SERVER_URL, autocommit=True) as connection:
        yield connection


def _empty_database(request, sqlite_file):
    """An empty database of the suite's engine for this test, dropped after it; its URL."""
    if not ON_POSTGRESQL:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{sqlite_file}"
    server = request.getfixturevalue("postgresql_server")
    name = f"sesame_test_{secrets.token_hex(6)}"
    server.execute(f'CREATE DATABASE "{name}"')
    # FORCE ends the connections a pool or a server thread still holds.
    request.addfinalizer(lambda: server.execute(f'DROP DATABASE "{name}" WITH (FORCE)'))
    return _on_database(SERVER_URL, name)


@pytest.fixture
def database_url(request, tmp_path):
    """The ``DATABASE`` URL of this test: empty, its own, gone after it."""
    return _empty_database(request, tmp_path / "sesame.db")


@pytest.fixture
def second_database_url(request, tmp_path):
    """Another empty database of the same engine, for a test that needs two (a backup restored, an upgrade compared)."""
    return _empty_database(request, tmp_path / "second" / "sesame.db")
