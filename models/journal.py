"""The audit trail as staff read it: Journal (admins: it spans every pôle) and a registration's history.

Events are read flat, each with its actor's and its subject's address as
``actor_email`` and ``subject_email`` (None for nobody, or an account since
deleted), by ``read``: joining two Account models made peewee build a graph
of three models per row, longer than SQLite took to find the 50 of a page.
"""
from peewee import JOIN, fn

from .accounts import Account
from .base import PreparedRows, db, prepared_sql, read
from .outbox import Audit

# Made once: aliasing a model makes a class for each of its fields, ten at each view.
_Subject = Account.alias("subject")


def _events(*conditions):
    """The events meeting ``conditions``, newest first, with their actor's and subject's addresses."""
    query = (Audit.select(Audit, Account.email.alias("actor_email"), _Subject.email.alias("subject_email"))
             .join(Account, JOIN.LEFT_OUTER, on=(Audit.actor == Account.id)).switch(Audit)
             .join(_Subject, JOIN.LEFT_OUTER, on=(Audit.subject == _Subject.id)))
    return (query.where(*conditions) if conditions else query).order_by(Audit.at.desc(), Audit.id.desc())


def journal_filter(actor=None, action=None, candidate="", since=None, until=None):
    """The conditions on the events Journal shows; none for the whole trail.

    ``actor``: an account id; ``action``: its exact words; ``candidate``: words of
    their email or of a registration number; ``since`` / ``until``: naive UTC bounds.
    """
    conditions = []
    if actor:
        conditions.append(Audit.actor == actor)
    if action:
        conditions.append(Audit.action == action)
    for word in candidate.split():
        conditions.append(_Subject.email_key.contains(word.casefold()) | Audit.detail.startswith(word))
    if since:
        conditions.append(Audit.at >= since)
    if until:
        conditions.append(Audit.at < until)
    return conditions


def journal_count(conditions):
    """How many events meet ``conditions`` (journal_filter)."""
    if not conditions:
        return db.execute_sql(_count_all_sql()).fetchone()[0]
    return _events(*conditions).count()


def journal_page(conditions, page, per_page):
    """The events of page ``page`` (from 1) meeting ``conditions`` (journal_filter)."""
    if not conditions:
        return _latest.all(per_page, (page - 1) * per_page)
    return read(_events(*conditions).paginate(page, per_page))


def journal_actions():
    """Every action the audit trail holds, for the journal's filter."""
    return [action for (action,) in db.execute_sql(_actions_sql())]


def history(registration, limit=20):
    """The latest ``limit`` events about ``registration``, newest first, with who did them."""
    return _history.all(registration.account_id, *_starting_with(registration.number), limit)


def _starting_with(text):
    """The LIKE pattern and escape character matching what starts with ``text``, as peewee's startswith."""
    return text.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%", "\\"


# What Journal shows unfiltered, by SQL built once (parameters: how many, from which).
_count_all_sql = prepared_sql(lambda: Audit.select(fn.COUNT(Audit.id)))
_latest = PreparedRows(Audit, lambda: _events().limit(1).offset(0))
_actions_sql = prepared_sql(lambda: Audit.select(Audit.action).distinct().order_by(Audit.action))
# A registration's events: about its candidate, their detail headed by its number (Registration.audit).
# Parameters: the candidate's account id, the number as a pattern and its escape character, how many. (A
# wildcard in the placeholder makes peewee write the ESCAPE clause.)
_history = PreparedRows(Audit, lambda: _events(Audit.subject == 0, Audit.detail.startswith("_")).limit(1))
