"""models.base.PreparedRows makes the same models as peewee's own cursor wrapper, without its cost per query."""
from datetime import datetime

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
