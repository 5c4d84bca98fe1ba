"""Many candidates at once against the real server: no lost signup, no locked database.

The portal runs as waitress threads on one SQLite file (or on PostgreSQL,
tests/databases.py); on the opening day of a session, candidates create
accounts and log in at the same moment.
"""
import sqlite3

from models import Account
from tests.helpers import PASSWORD, at_once, make_account

CLIENTS = 8
SIGNUPS_PER_CLIENT = 5


def sign_up(client, email):
    client.get("/compte/creer")
    return client.post("/compte/creer", {"email": email, "password": PASSWORD, "confirm": PASSWORD}).status


def log_in(client, email):
    client.get("/connexion")
    return client.post("/connexion", {"email": email, "password": PASSWORD}).status


def emails_in_database(live_server):
    with live_server.ctx():
        return {account.email_key for account in Account.select()}


def assert_intact(live_server):
    """SQLite checks its file after the rush; PostgreSQL keeps no file of ours to check."""
    if live_server.database.startswith("sqlite:///"):
        with sqlite3.connect(live_server.database.removeprefix("sqlite:///")) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_candidates_signing_up_and_logging_in_at_once_lose_nothing(live_server):
    with live_server.ctx():
        for n in range(CLIENTS):
            make_account(f"ancien{n}@exemple.fr")

    def candidate(n):
        """One phone: logs in with last session's account, then signs up its household."""
        client, statuses, acknowledged = live_server.client(), [], []
        statuses.append(log_in(client, f"ancien{n}@exemple.fr"))
        mon_compte = client.get("/compte/")
        assert (mon_compte.status, f"ancien{n}@exemple.fr" in mon_compte.text) == (200, True)
        for k in range(SIGNUPS_PER_CLIENT):
            email = f"candidat{n}.{k}@exemple.fr"
            status = sign_up(live_server.client(), email)
            statuses.append(status)
            if status == 303:
                acknowledged.append(email)
        return statuses, acknowledged

    results = at_once(candidate, CLIENTS)

    statuses = [status for per_client, _ in results for status in per_client]
    acknowledged = {email for _, per_client in results for email in per_client}
    assert set(statuses) == {303}, statuses
    assert len(acknowledged) == CLIENTS * SIGNUPS_PER_CLIENT
    assert acknowledged <= emails_in_database(live_server)
    assert "database is locked" not in live_server.log.text()
    assert live_server.log.errors() == []
    assert_intact(live_server)


def test_one_mailbox_typed_several_ways_at_once_is_one_account(live_server):
    spellings = ["User@x.fr", "user@X.FR", "ｕｓｅｒ@x.fr"] * 2

    statuses = at_once(lambda n: sign_up(live_server.client(), spellings[n]), len(spellings))

    assert statuses == [303] * len(spellings)
    assert emails_in_database(live_server) == {"user@x.fr"}
    assert live_server.log.errors() == []
    assert_intact(live_server)
