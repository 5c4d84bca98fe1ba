"""The portal's tables and the rules that belong with them."""
from .base import db, open_database
from .accounts import Account, StaffPole, normalise_email
from .logins import LoginAttempt, LoginSession
from .outbox import Audit, MailThrottle, Outbox
from .sessions import DocumentRule, Exam, ExamSession, Pole
from .profiles import Profile
from .registrations import Registration
from .addresses import AddressChange
from .pieces import Piece, Upload
from .messages import Message
from .registration_totals import RegistrationTotals
from . import catalogue, migrations

TABLES = [
    Account, StaffPole, LoginSession, LoginAttempt, Outbox, MailThrottle, Audit,
    ExamSession, Pole, Exam, DocumentRule,
    Profile, Registration, AddressChange, Piece, Upload, Message, RegistrationTotals,
]


def create_tables():
    """Bring the database to the latest schema: created when empty, migrated when older; safe to run again.

    Returns what was done (models/migrations.py); raises migrations.NewerDatabase
    for a database made by a later release.
    """
    return migrations.upgrade(TABLES)
