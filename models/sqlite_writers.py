"""SQLite with the threads of one process taking turns to write, each woken as soon as the lock is free.

SQLite has one write lock per database file. A thread that finds it taken
waits in SQLite's busy handler, which sleeps and polls (1, 2, 5, 10 … 100 ms
between tries): under a deadline rush, the threads of one waitress process
slept while the lock was free, the server used 0.8 of its core, and a step's
p99 reached 0.6 s. Here the threads of a process queue on a Python lock
before ``BEGIN IMMEDIATE`` and the next one starts the moment the previous
commits. Other processes (a second server, a cron command) still meet at
SQLite's own lock, through the busy timeout, as before: this only orders the
threads that share a process, and changes no transaction's guarantees.
"""
import threading

from peewee import OperationalError
from playhouse.pool import PooledSqliteDatabase


class PooledSqliteWriters(PooledSqliteDatabase):
    """A pooled SQLite database whose transactions, in one process, begin one after the other."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writer = threading.Lock()
        self._holding = threading.local()
        # As long as SQLite itself would wait for the lock before "database is locked".
        self._wait_seconds = dict(self._pragmas or ()).get("busy_timeout", 5000) / 1000

    def begin(self, lock_type=None):
        if not self._writer.acquire(timeout=self._wait_seconds):
            raise OperationalError("database is locked")
        self._holding.lock = True
        try:
            super().begin(lock_type)
        except BaseException:
            self._let_go()
            raise

    def commit(self):
        try:
            super().commit()
        finally:
            # A failed COMMIT leaves the transaction open: peewee rolls it back, which lets go.
            if not self._open_at_sqlite():
                self._let_go()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self._let_go()

    def _open_at_sqlite(self):
        """Whether this thread's connection still has a transaction open (SQLite says, not peewee)."""
        return not self.is_closed() and self.connection().in_transaction

    def _let_go(self):
        if getattr(self._holding, "lock", False):
            self._holding.lock = False
            self._writer.release()
