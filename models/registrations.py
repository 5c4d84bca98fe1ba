"""Candidates' profiles, their registrations to a session, and address changes."""
from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

import clock
from rules import Facts, required_pieces
from .accounts import Account
from .base import BaseModel
from .sessions import DocumentRule, Exam, ExamSession, JSONListField


class IdentityFields(BaseModel):
    """Who the candidate is and where they live: kept on the profile across
    sessions, and copied into each registration as it was when saved."""

    civilite = CharField(default="")
    birth_name = CharField(default="")
    usage_name = CharField(default="")
    first_names = CharField(default="")
    birth_date = DateField(null=True)
    birth_commune = CharField(default="")
    birth_departement = CharField(default="")
    birth_country = CharField(default="")
    nationality = CharField(default="")
    address = TextField(default="")
    postcode = CharField(default="")
    commune = CharField(default="")
    country = CharField(default="France")
    phone = CharField(default="")

    IDENTITY = ("civilite", "birth_name", "usage_name", "first_names", "birth_date",
                "birth_commune", "birth_departement", "birth_country", "nationality")
    ADDRESS = ("address", "postcode", "commune", "country", "phone")


class Profile(IdentityFields):
    account = ForeignKeyField(Account, backref="profiles", unique=True, on_delete="CASCADE")
    updated_at = DateTimeField(default=clock.now)


class Registration(IdentityFields):
    """One account's registration to one session."""

    account = ForeignKeyField(Account, backref="registrations", on_delete="CASCADE")
    session = ForeignKeyField(ExamSession, backref="registrations", on_delete="RESTRICT")
    status = CharField(default="brouillon")  # brouillon, enregistrée, validée, écartée, annulée
    step_reached = IntegerField(default=1)
    revision = IntegerField(default=0)  # grows at every write, to detect two tabs
    number = CharField(null=True, unique=True)
    version = IntegerField(default=0)  # grows at every Enregistrer
    created_at = DateTimeField(default=clock.now)
    saved_at = DateTimeField(null=True)
    cancelled_at = DateTimeField(null=True)

    exam = ForeignKeyField(Exam, null=True, backref="registrations", on_delete="RESTRICT")
    candidate_status = CharField(default="")  # individuel, distance
    organisme = CharField(default="")
    language = CharField(default="")
    optional_tests = JSONListField(default=())
    diplomas_held = TextField(default="")
    exemption_requested = BooleanField(default=False)
    grades_kept = BooleanField(default=False)
    foreign_diploma = BooleanField(default=False)
    work_experience = BooleanField(default=False)
    accommodation_requested = BooleanField(default=False)
    jdc_status = CharField(default="")

    pieces_declared_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("account", "session"), True),)

    def facts(self):
        """What the rules of rules.py need to know about this registration."""
        return Facts(
            exams_start_on=self.session.exams_start_on,
            birth_date=self.birth_date,
            nationality=self.nationality,
            distance_learning=self.candidate_status == "distance",
            exemption_requested=self.exemption_requested,
            grades_kept=self.grades_kept,
            accommodation_requested=self.accommodation_requested,
            work_experience=bool(self.exam_id and self.exam.work_experience) or self.work_experience,
            foreign_diploma=self.foreign_diploma,
        )

    def required_pieces(self):
        """The pieces the session's rules ask of this registration, each with its reason."""
        rules = self.session.document_rules.order_by(DocumentRule.position)
        return required_pieces(rules, self.facts())


class AddressChange(BaseModel):
    """A change of postal address reported by the candidate, shown to staff."""

    account = ForeignKeyField(Account, backref="address_changes", on_delete="CASCADE")
    registration = ForeignKeyField(Registration, null=True, backref="address_changes", on_delete="SET NULL")
    old_address = TextField()
    new_address = TextField()
    at = DateTimeField(default=clock.now)
    seen_by_staff_at = DateTimeField(null=True)
