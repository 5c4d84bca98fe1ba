"""The schema's version, kept in the database, and the migrations that bring an older one to the latest.

A database made by this code holds one row in ``schema_version``. A
database with the portal's tables but no such row was made by the release
before versions were recorded: it is version 0. ``upgrade`` creates an empty
database at the latest version, or applies the missing migrations in order,
each in its own transaction, and refuses a database newer than this code.

A migration is a function of a ``SchemaMigrator`` (``playhouse.migrate``, so
the same code runs on SQLite and PostgreSQL) that changes the tables as
they were at the previous version. It names tables and columns itself and
never uses today's models, whose fields will have moved on by the time an
old database meets it: a table it creates is declared as that version made
it in tables_at.py. Each schema change ships as a new function appended
to MIGRATIONS, with a test that upgrades a database made by the previous
release (tests/test_migrations.py).
"""
import secrets
from dataclasses import dataclass, field

from peewee import CharField, DateTimeField, IntegerField, Table, TextField, fn
from playhouse.migrate import SchemaMigrator, migrate

from . import piece_counts, piece_counts_at_4, registration_totals, tables_at
from .base import BaseModel, db


class SchemaVersion(BaseModel):
    """The one row saying which migrations this database has had."""

    version = IntegerField()


class NewerDatabase(Exception):
    """The database was made by a later release than this code."""

    def __init__(self, found, known):
        super().__init__(f"Cette base a été créée par une version plus récente de Sésame (version {found}, "
                         f"ce code connaît la version {known}) : installez la version la plus récente.")
        self.found, self.known = found, known


def _columns(table):
    return {column.name for column in db.get_columns(table)}


def _table(name, *columns):
    return Table(name, columns).bind(db)


def counters_reminders_and_idle_logins(migrator):
    """Version 1: what race-safe writes and idle logins need; the column activation links no longer use goes.

    Each change is made only when missing, so a database created by the code
    of the same day (before versions were recorded) is brought to version 1 too.
    """
    changes = []
    if "activation_sent_at" in _columns("account"):
        changes.append(migrator.drop_column("account", "activation_sent_at"))
    if "last_number" not in _columns("exam_session"):
        changes.append(migrator.add_column("exam_session", "last_number", IntegerField(default=0)))
    if "reminded_at" not in _columns("registration"):
        changes.append(migrator.add_column("registration", "reminded_at", DateTimeField(null=True)))
    if "last_seen_at" not in _columns("login_session"):
        changes.append(migrator.add_column("login_session", "last_seen_at", DateTimeField(null=True)))
    migrate(*changes)
    db.create_tables([tables_at.MailThrottleAt1], safe=True)

    # Numbers go on from the highest one given in each session
    # (« 2023-06-POI-000123 »: the part after the last dash).
    registration = _table("registration", "id", "session_id", "account_id", "number", "reminded_at")
    highest = {}
    for session_id, number in registration.select(registration.session_id, registration.number).where(
            registration.number.is_null(False)).tuples():
        suffix = number.rpartition("-")[2]
        if suffix.isdigit():
            highest[session_id] = max(highest.get(session_id, 0), int(suffix))
    exam_session = _table("exam_session", "id", "last_number")
    for session_id, last in highest.items():
        exam_session.update({exam_session.last_number: last}).where(exam_session.id == session_id).execute()

    # The last reminder each candidate got is in the audit trail: staff's
    # « relance envoyée », about the account, detailed by the registration's number.
    audit = _table("audit", "id", "at", "action", "subject_id", "detail")
    last_reminder = (audit.select(fn.MAX(audit.at))
                     .where(audit.action == "relance envoyée", audit.subject_id == registration.account_id,
                            audit.detail == registration.number))
    (registration.update({registration.reminded_at: last_reminder})
     .where(registration.number.is_null(False)).execute())


def team_messages_and_decisions(migrator):
    """Version 2: staff accounts that can be switched off, message threads, the reason of a registration set
    aside and the version of a dossier, a file removed but still recoverable for a few minutes."""
    new_columns = [("account", "deactivated_at", DateTimeField(null=True)),
                   ("registration", "set_aside_reason", TextField(default="")),
                   ("registration", "dossier_version", IntegerField(default=0)),
                   ("upload", "removed_at", DateTimeField(null=True))]
    # Only what is missing, like version 1, for a database made by today's code before versions were recorded.
    migrate(*(migrator.add_column(table, name, column) for table, name, column in new_columns
              if name not in _columns(table)))
    db.create_tables([tables_at.MessageAt2], safe=True)
    # The reason of a registration set aside was only in the audit trail: « N° — reason ».
    registration = _table("registration", "id", "account_id", "number", "status", "set_aside_reason")
    audit = _table("audit", "id", "action", "subject_id", "detail")
    details = {}  # the latest « inscription écartée » of each account
    for subject_id, detail in (audit.select(audit.subject_id, audit.detail)
                               .where(audit.action == "inscription écartée").order_by(audit.id).tuples()):
        details.setdefault(subject_id, []).append(detail)
    for registration_id, account_id, number in (registration.select(registration.id, registration.account_id,
                                                                    registration.number)
                                                .where(registration.status == "écartée").tuples()):
        reasons = [d.removeprefix(f"{number} — ") for d in details.get(account_id, []) if d.startswith(f"{number} — ")]
        if reasons:
            (registration.update({registration.set_aside_reason: reasons[-1]})
             .where(registration.id == registration_id).execute())


# Indexes version 3 adds: (table, columns).
GESTION_INDEXES = [
    ("registration", ("session_id", "birth_name", "first_names", "number")),
    ("registration", ("session_id", "exam_id", "status", "pieces_declared_at", "number")),
    ("piece", ("status", "obsolete_at", "registration_id")),
    ("account", ("role", "activated_at")),
]


def catalogue_keys_and_gestion_indexes(migrator):
    """Version 3: the key each process keeps a session's pôles and exams under (models/catalogue.py), and the
    indexes Gestion's list and counts read instead of whole tables."""
    if "catalogue_key" not in _columns("exam_session"):
        migrate(migrator.add_column("exam_session", "catalogue_key", CharField(default="")))
    exam_session = _table("exam_session", "id", "catalogue_key")
    for (session_id,) in exam_session.select(exam_session.id).tuples():
        (exam_session.update({exam_session.catalogue_key: secrets.token_hex(8)})
         .where(exam_session.id == session_id).execute())
    for table, columns in GESTION_INDEXES:
        # By columns, not by name: PostgreSQL cuts names at 63 characters.
        if list(columns) not in [index.columns for index in db.get_indexes(table)]:
            migrate(migrator.add_index(table, columns, False))


# Version 4 widens the second index of version 3 (Gestion's counts by exam) with the pieces' counts
# (Tableau de bord), and adds Relancer's.
PIECE_COUNT_INDEXES = [
    ("registration", (*GESTION_INDEXES[1][1], "pieces_to_review", "pieces_refused")),
    ("registration", ("session_id", "status", "birth_name", "first_names", "number", "pieces_open", "reminded_at",
                      "exam_id")),
]


def _widen_index(migrator, narrower, indexes):
    """Drop the index of ``registration`` on the columns ``narrower`` (a wider one of ``indexes`` replaces it),
    and create those of ``indexes`` (table, columns) missing; found by columns, as PostgreSQL cuts names."""
    existing = {tuple(index.columns): index.name for index in db.get_indexes("registration")}
    if narrower in existing:
        migrate(migrator.drop_index("registration", existing[narrower]))
    for table, columns in indexes:
        if columns not in existing:
            migrate(migrator.add_index(table, columns, False))


def piece_counts_on_registrations(migrator):
    """Version 4: each registration's counts of its pieces to provide, to review and refused, kept by triggers
    on ``piece`` (as version 4 made them: models/piece_counts_at_4.py), and the indexes Relancer and Tableau de
    bord count from."""
    migrate(*(migrator.add_column("registration", name, IntegerField(default=0))
              for name in piece_counts_at_4.COUNTS if name not in _columns("registration")))
    _widen_index(migrator, GESTION_INDEXES[1][1], PIECE_COUNT_INDEXES)
    # Created after the columns: on SQLite adding a column rebuilds the table, which a trigger naming it prevents.
    piece_counts_at_4.create_triggers()
    piece_counts_at_4.count_existing_pieces()


# Version 5 widens the first index of version 4 (Gestion's list counts its registrations filtered by pieces or
# unread messages from it), and adds the one Relancer counts the candidates reminded in the last 24 h from.
TOTALS_INDEXES = [
    ("registration", (*GESTION_INDEXES[1][1], "pieces_open", "pieces_to_review", "pieces_refused", "pieces_validated",
                      "messages_unread")),
    ("registration", ("session_id", "status", "reminded_at", "pieces_open", "exam_id", "number")),
]


def totals_by_exam_and_status(migrator):
    """Version 5: each registration's counts of its validated pieces and of its unread messages, the totals of the
    numbered registrations by session, exam and status (models/registration_totals.py), all kept by triggers, and
    the indexes the list's filters and Relancer count from."""
    # Version 4's triggers name ``registration``, which SQLite rebuilds to add a column: they go first.
    piece_counts_at_4.drop_triggers()
    migrate(*(migrator.add_column("registration", name, IntegerField(default=0))
              for name in ("pieces_validated", "messages_unread") if name not in _columns("registration")))
    db.create_tables([tables_at.RegistrationTotalsAt5], safe=True)
    _widen_index(migrator, PIECE_COUNT_INDEXES[0][1], TOTALS_INDEXES)
    # Filled before the triggers exist: the registrations' new counts would otherwise move the totals twice.
    piece_counts.count_existing()
    registration_totals.count_existing_registrations()
    piece_counts.create_triggers()
    registration_totals.create_triggers()


# (what it changes, as the person running init-db reads it; the function). Version n is MIGRATIONS[n - 1].
MIGRATIONS = [
    ("compteur des numéros d'inscription, date de relance, dernière activité des connexions, "
     "table mail_throttle ; colonne account.activation_sent_at retirée", counters_reminders_and_idle_logins),
    ("désactivation des comptes de gestion, messages, motif d'une inscription écartée, version du dossier, "
     "suppression d'un fichier annulable", team_messages_and_decisions),
    ("clé du catalogue de chaque session, index de la liste et des comptes de Gestion",
     catalogue_keys_and_gestion_indexes),
    ("nombre de pièces à fournir, à examiner et refusées de chaque inscription, tenu par la base, et index "
     "de Relancer et du tableau de bord", piece_counts_on_registrations),
    ("nombre de pièces validées et de messages non lus de chaque inscription, totaux des inscriptions par session, "
     "examen et statut, tenus par la base, et index des filtres de la liste et de Relancer", totals_by_exam_and_status),
]
LATEST = len(MIGRATIONS)


@dataclass
class Upgrade:
    """What ``upgrade`` did: ``created`` an empty database, or went ``before`` → ``after`` through ``applied``."""

    before: int
    after: int
    created: bool = False
    applied: list = field(default_factory=list)  # [(version reached, what changed)]


def current_version(tables):
    """The version of the connected database; None when it has none of the portal's tables."""
    existing = set(db.get_tables())
    if SchemaVersion._meta.table_name in existing:
        row = SchemaVersion.select().first()
        return row.version if row else 0
    if existing & {model._meta.table_name for model in tables}:
        return 0
    return None


def upgrade(tables):
    """Bring the connected database to LATEST: ``tables`` (today's models) for an empty one, migrations otherwise.

    Raises NewerDatabase, changing nothing, when the database is newer than this code.
    """
    version = current_version(tables)
    if version is None:
        with db.atomic():
            db.create_tables([*tables, SchemaVersion])
            # What create_tables does not make: the triggers keeping each registration's counts of its pieces and
            # messages, and the totals of the registrations.
            piece_counts.create_triggers()
            registration_totals.create_triggers()
            SchemaVersion.create(version=LATEST)
        return Upgrade(before=0, after=LATEST, created=True)
    if version > LATEST:
        raise NewerDatabase(version, LATEST)
    with db.atomic():
        db.create_tables([SchemaVersion], safe=True)
        if not SchemaVersion.select().exists():
            SchemaVersion.create(version=0)
    outcome = Upgrade(before=version, after=version)
    migrator = SchemaMigrator.from_database(db)
    for number in range(version + 1, LATEST + 1):
        summary, migration = MIGRATIONS[number - 1]
        # On SQLite this context also turns foreign keys off while tables are rebuilt.
        with migrator.migration_context():
            # The row count decides: of two init-db run at once, one applies the migration.
            if not SchemaVersion.update(version=number).where(SchemaVersion.version == number - 1).execute():
                continue
            migration(migrator)
        outcome.applied.append((number, summary))
    # Each version was reached, by this call or by one running at the same time.
    outcome.after = LATEST
    return outcome
