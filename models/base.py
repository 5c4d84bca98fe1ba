"""The database object and the base model every table derives from."""
from flask import has_request_context, request
from peewee import DatabaseProxy, ForeignKeyAccessor, ForeignKeyField, Model
from playhouse.db_url import connect, parse

from .sqlite_writers import PooledSqliteWriters

db = DatabaseProxy()

# WAL lets readers go on while one writer writes; FULL sync makes an
# acknowledged signup survive a power cut; the busy timeout makes a writer
# wait for the lock instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "pragmas": {
        "journal_mode": "wal",
        "synchronous": "full",
        "foreign_keys": 1,
        "busy_timeout": 15000,
    },
    # Every transaction takes the write lock at BEGIN: a deferred transaction
    # that reads then writes can fail when another writer got there first.
    "lock_type": "IMMEDIATE",
    # Pooled connections move between threads, one thread at a time.
    "check_same_thread": False,
}


# Requests take a connection from a pool and give it back: opening one (and
# setting its pragmas) cost more than the rest of a small page.
POOL_OPTIONS = {"max_connections": 32, "stale_timeout": 300}


def open_database(url):
    """Connect the proxy to the database named by ``url`` (sqlite or postgresql)."""
    scheme, _, rest = url.partition("://")
    if scheme == "sqlite":
        database = PooledSqliteWriters(**{**parse(url), **POOL_OPTIONS, **SQLITE_OPTIONS})
    else:
        if scheme in ("postgres", "postgresql"):
            url = f"{scheme}+pool://{rest}"
        database = connect(url, **POOL_OPTIONS)
    db.initialize(database)
    return database


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


def locking(query):
    """``query`` as ``SELECT … FOR UPDATE``: the rows it reads stay locked until the transaction ends.

    On PostgreSQL this is what makes a check followed by a write safe with
    several processes. SQLite has no row locks and needs none: every
    transaction here begins IMMEDIATE, holding the database's one write lock.
    """
    return query.for_update() if db.obj.for_update else query


def prepared_sql(build):
    """The SQL of a hot query, built once per kind of database.

    peewee writes a query's SQL anew at every execution, which for the small
    query that loads the logged-in account on every request cost several
    times more than running it. ``build`` returns the query with a
    placeholder value for each parameter, in the order they will be given.
    """
    built = {}

    def sql():
        kind = type(db.obj)
        if kind not in built:
            built[kind] = build().sql()[0]
        return built[kind]

    return sql


class PreparedRows:
    """A hot read of ``model`` rows: its SQL built once (see prepared_sql), its rows made by ``model_rows``."""

    def __init__(self, model, build):
        self.model, self.sql = model, prepared_sql(build)

    def all(self, *params):
        return model_rows(self.model, db.execute_sql(self.sql(), params))

    def first(self, *params):
        """The first row, or None."""
        cursor = db.execute_sql(self.sql(), params)
        try:
            # Before closing: psycopg forgets a closed cursor's description.
            values, layout = cursor.fetchone(), _layout(self.model, cursor.description)
        finally:
            cursor.close()
        return None if values is None else _row(self.model, layout, values)

    def get(self, *params):
        """The first row; the model's DoesNotExist when there is none, as peewee's ``get``."""
        row = self.first(*params)
        if row is None:
            raise self.model.DoesNotExist(f"{self.model.__name__} : aucune ligne pour {params}")
        return row


_by_id = {}


def by_id(model):
    """The PreparedRows reading one row of ``model`` by its id."""
    if model not in _by_id:
        _by_id[model] = PreparedRows(model, lambda: model.select().where(model._meta.primary_key == 0))
    return _by_id[model]


class _KeptRowAccessor(ForeignKeyAccessor):
    def get_rel_instance(self, instance):
        value = instance.__data__.get(self.name)
        if (value is not None and self.name not in instance.__rel__ and self.field.lazy_load
                and self.field.rel_field is self.rel_model._meta.primary_key):
            instance.__rel__[self.name] = by_id(self.rel_model).get(value)
        return super().get_rel_instance(instance)


class ForeignKey(ForeignKeyField):
    """peewee's foreign key, whose row, read on first use, comes by SQL built once per model (prepared_sql).

    peewee writes that SELECT anew at each read: adding a file, which reads the
    piece's registration then its session, spent longer writing them than
    SQLite running them.
    """
    accessor_class = _KeptRowAccessor


def guarded_update(model, row_id, guard, expected, changes):
    """``UPDATE model SET changes WHERE id = row_id AND guard = expected``; returns how many rows changed.

    A hot write (each Suivant of M'inscrire): its SQL is kept per set of
    columns (``_kept_write``), where peewee took longer to write it than
    SQLite to run it.
    """
    return db.rows_affected(_kept_write(
        (model, "update", guard.name), model, changes, [row_id, expected],
        lambda: model.update(**changes).where(model.id == row_id, guard == expected)))


def inserted(model, **values):
    """``model.create(**values)``, its INSERT kept per set of columns (``_kept_write``).

    A hot write (each email queued, at Enregistrer and at signup): peewee
    took longer to write the INSERT than SQLite to run it.
    """
    row = model(**values)  # with the defaults of the fields not given
    data = row.__data__
    cursor = _kept_write((model, "insert"), model, data, [], lambda: model.insert(**data))
    # PostgreSQL gives the new id by the INSERT's RETURNING, SQLite by the cursor.
    row.id = cursor.fetchone()[0] if db.obj.returning_clause else cursor.lastrowid
    row._dirty.clear()
    return row


def _kept_write(kind, model, values, more_params, build):
    """Run the write ``build()`` makes of ``values`` (by field name), by SQL kept per ``kind`` and set of columns.

    The values go through each field's ``db_value`` in peewee's order (the
    model's fields'), then ``more_params``; the first time a set of columns is
    seen, that order is checked against the parameters peewee wrote, and the
    SQL kept only if they agree. Returns the cursor.
    """
    fields = sorted((model._meta.fields[name] for name in values), key=lambda field: field._sort_key)
    params = [field.db_value(values[field.name]) for field in fields] + more_params
    return kept_sql((*kind, tuple(field.name for field in fields)), params, build)


def kept_sql(key, params, build):
    """Run the SQL of the query ``build()`` with ``params``, that SQL kept under ``key`` per kind of database.

    For a hot statement whose SQL varies with its shape (the columns written,
    the number of ids): peewee wrote it anew at each execution. The first
    time a key is seen, ``params`` are checked against the parameters peewee
    wrote, and the SQL kept only if they agree. Returns the cursor.
    """
    key = (type(db.obj), *key)
    sql = _kept.get(key)
    if sql is None:
        sql, written = build().sql()
        if list(written) != params:
            return db.execute_sql(sql, written)
        _kept[key] = sql
    return db.execute_sql(sql, params)


_kept = {}


def read(query):
    """The rows of ``query`` (a select of its model's columns, aliases allowed), made by ``model_rows``."""
    return model_rows(query.model, db.execute_sql(*query.sql()))


def model_rows(model, cursor):
    """The rows of ``cursor`` as ``model`` instances, made as peewee makes them, only faster.

    At every execution peewee's cursor wrapper matches each column of the
    result against the query, then builds the model by one ``setattr`` per
    field: for the 42 columns of a registration, eight times longer than
    SQLite took to read the row; for a page of 50 of Gestion's list, more
    than the query. Here the columns are matched once per set of column
    names, and the rows come out as peewee's: values through each field's
    ``python_value``, keyed by field name, nothing dirty; a column that is
    not a field (an alias) becomes an attribute.
    """
    layout = _layout(model, cursor.description)
    return [_row(model, layout, values) for values in cursor.fetchall()]


_layouts = {}


def _layout(model, description):
    key = (model, tuple(item[0] for item in description))
    if key not in _layouts:
        columns = model._meta.columns
        _layouts[key] = [(columns[name].name, columns[name].python_value) if name in columns else (name, None)
                         for name in key[1]]
    return _layouts[key]


def _row(model, layout, values):
    row = model(__no_default__=1)
    data = row.__data__
    for (name, convert), value in zip(layout, values):
        if convert is None:
            setattr(row, name, value)
        else:
            data[name] = convert(value)
    return row


def once_per_request(name, compute):
    """``compute()``, asked once per request however many helpers of the page ask it (the current session).

    Kept with the request itself, not in ``g``: a test's application context
    (and its ``g``) may outlive many requests. Outside a request (a command),
    computed at each call.
    """
    if not has_request_context():
        return compute()
    kept = request.environ.setdefault("sesame.once_per_request", {})
    if name not in kept:
        kept[name] = compute()
    return kept[name]
