"""models.base.PreparedRows makes the same models as peewee's own cursor wrapper, without its cost per query."""
from datetime import datetime

import pytest
from peewee import fn

from models import Account, LoginSession, Registration, db
from models.base import PreparedRows, read
from tests.helpers import make_account
from tests.uploads_fixtures import enrol

# A registration joined to its account, with two columns that are no field: one renamed, one computed.
WITH_EXTRAS = PreparedRows(Registration, lambda: (
    Registration.select(Registration, Account.email.alias("account_email"),
                        fn.LENGTH(Registration.birth_name).alias("name_length"))
    .join(Account).where(Registration.account == 0)))


def test_a_row_is_the_model_peewee_would_make(ctx, open_session):
    registration = enrol(make_account(), open_session)
    sql = WITH_EXTRAS.sql()

    ours = WITH_EXTRAS.first(registration.account_id)
    theirs = next(iter(Registration.raw(sql, registration.account_id)))

    assert ours.__data__ == theirs.__data__
    assert not ours.is_dirty() and ours.id == registration.id
    # Converted as each field says: times, dates, flags and numbers, not the text SQLite keeps.
    assert isinstance(ours.created_at, datetime) and ours.exam_id == registration.exam_id
    assert (ours.account_email, ours.name_length) == (theirs.account_email, theirs.name_length)
    assert ours.account_email == Account.get_by_id(registration.account_id).email
    # A model like any other: it saves where it came from.
    ours.birth_name = "NOUVEAU"
    ours.save()
    assert Registration.get_by_id(registration.id).birth_name == "NOUVEAU"


def test_all_rows_and_none(ctx, open_session):
    first, second = make_account("a@exemple.fr"), make_account("b@exemple.fr")
    enrol(first, open_session, number="2023-06-POI-000001")
    rows = PreparedRows(Account, lambda: Account.select().where(Account.id > 0).order_by(Account.id))

    assert [a.email for a in rows.all(0)] == ["a@exemple.fr", "b@exemple.fr"]
    assert rows.all(second.id) == [] and rows.first(second.id) is None
    assert WITH_EXTRAS.first(second.id) is None


def test_the_login_of_every_request_reads_through_it(ctx):
    account = LoginSession.open(make_account())
    loaded = LoginSession.load(account.session_token)
    assert loaded.id == account.id and loaded.session_uniquifier == account.uniquifier
    assert isinstance(loaded.created_at, datetime) and not loaded.is_dirty()
    assert db.is_closed() is False


def test_any_query_read_like_peewee(ctx, open_session):
    for n in range(3):
        enrol(make_account(f"c{n}@exemple.fr"), open_session, number=f"2023-06-POI-00000{n}")
    query = (Registration.select(Registration.id, Registration.number, Registration.exam, Registration.created_at)
             .order_by(Registration.number.desc()).paginate(1, 2))

    ours, theirs = read(query), list(query)
    assert [r.__data__ for r in ours] == [r.__data__ for r in theirs] and len(ours) == 2
    assert ours[0].exam_id == theirs[0].exam_id and isinstance(ours[0].created_at, datetime)


def test_a_guarded_update_writes_what_peewee_writes_and_keeps_its_sql(ctx, open_session):
    from datetime import date

    from models import Exam
    from models.base import _kept, guarded_update

    mine, theirs = (enrol(make_account(f"{who}@exemple.fr"), open_session, number=f"2023-06-POI-00000{n}")
                    for n, who in enumerate(("a", "b"), start=1))
    exam = Exam.select().where(Exam.session == open_session).order_by(Exam.id.desc()).first()
    changes = {"birth_date": date(2001, 2, 3), "exam": exam, "optional_tests": ("anglais", "espagnol"),
               "exemption_requested": True, "usage_name": "", "pending": '{"a": "é"}', "step_reached": 4}
    _kept.clear()
    for _ in range(2):  # built, then kept
        changed = guarded_update(Registration, mine.id, Registration.revision, mine.revision, {
            **changes, "revision": mine.revision + 1})
        assert changed == 1
        mine = Registration.get_by_id(mine.id)
    assert len(_kept) == 1
    Registration.update(**changes, revision=theirs.revision + 1).where(Registration.id == theirs.id).execute()
    theirs = Registration.get_by_id(theirs.id)
    kept = {name: getattr(mine, name) for name in (*changes, "exam_id")}
    assert kept == {name: getattr(theirs, name) for name in (*changes, "exam_id")}
    assert mine.optional_tests == ("anglais", "espagnol") and mine.birth_date == date(2001, 2, 3)
    # Another revision than the row's: nothing written.
    assert guarded_update(Registration, mine.id, Registration.revision, mine.revision - 1, {"pending": ""}) == 0
    assert Registration.get_by_id(mine.id).pending == '{"a": "é"}'


def test_an_insert_writes_what_peewee_creates_and_keeps_its_sql(ctx, clock):
    from models import Outbox
    from models.base import _kept, inserted

    _kept.clear()
    ours = [inserted(Outbox, recipient=f"{n}@exemple.fr", subject="Objet é", body="Corps\n") for n in range(2)]
    theirs = Outbox.create(recipient="p@exemple.fr", subject="Objet é", body="Corps\n")
    assert len(_kept) == 1  # built, then kept
    assert ours[1].id == ours[0].id + 1 and theirs.id == ours[1].id + 1
    assert not ours[0].is_dirty() and set(ours[0].__data__) == set(theirs.__data__)
    for row in ours:
        read = Outbox.get_by_id(row.id)
        assert read.__data__ == {**dict.fromkeys(read.__data__), **row.__data__}
        # The same defaults as peewee's own create: queued, due now, no attempt yet.
        assert {k: v for k, v in read.__data__.items() if k not in ("id", "recipient")} == \
            {k: v for k, v in Outbox.get_by_id(theirs.id).__data__.items() if k not in ("id", "recipient")}


def test_a_foreign_key_reads_the_row_peewee_would_read_by_sql_built_once(ctx, open_session, monkeypatch):
    from peewee import Select

    from models import ExamSession
    from models.base import by_id

    registration = enrol(make_account("fk@exemple.fr"), open_session)
    theirs = ExamSession.get_by_id(registration.session_id)
    by_id(ExamSession).sql(), by_id(Registration).sql()  # built once here, for the database
    built = []
    monkeypatch.setattr(Select, "__sql__", lambda *args: built.append(args) or pytest.fail("SQL built again"))
    ours = by_id(Registration).get(registration.id).session
    assert ours.__data__ == theirs.__data__ and not ours.is_dirty() and built == []
    with pytest.raises(ExamSession.DoesNotExist):
        Registration(session=10 ** 6).session


def test_a_mail_throttle_claims_once_per_interval_by_kept_sql(ctx, clock):
    from datetime import timedelta

    from models import MailThrottle
    from models.base import _kept

    _kept.clear()
    every = timedelta(minutes=3)
    assert MailThrottle.claim("activation:abc", every)  # the first email goes
    assert not MailThrottle.claim("activation:abc", every)  # the same, again, within the interval: not
    assert MailThrottle.claim("activation:xyz", every)  # another address is another key
    clock.advance(minutes=3)
    assert MailThrottle.claim("activation:abc", every)  # once the interval is over, it goes again
    assert any("throttle" in key for key in _kept)  # the UPDATE was kept: its parameters are peewee's
