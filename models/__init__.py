"""The portal's tables and the rules that belong with them."""
from .base import db, open_database
from .accounts import Account, StaffPole, normalise_email
from .logins import LoginAttempt, LoginSession
from .outbox import Audit, MailThrottle, Outbox
from .sessions import DocumentRule, Exam, ExamSession, Pole
from .profiles import Profile
from .registrations import AddressChange, Registration
from .pieces import Piece, Upload

TABLES = [
    Account, StaffPole, LoginSession, LoginAttempt, Outbox, MailThrottle, Audit,
    ExamSession, Pole, Exam, DocumentRule,
    Profile, Registration, AddressChange, Piece, Upload,
]


def create_tables():
    """Create the missing tables (and their indexes); safe to run again."""
    with db.atomic():
        db.create_tables(TABLES, safe=True)
