"""Who a candidate is and where they live, kept on their profile from one session to the next."""
from peewee import CharField, DateField, DateTimeField, TextField

import clock
from .accounts import Account
from .base import BaseModel, ForeignKey, PreparedRows, db, guarded_update


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
    POSTAL = ("address", "postcode", "commune", "country")
    ADDRESS = POSTAL + ("phone",)

    def postal_address(self):
        """The postal address as it is written on an envelope."""
        lines = [*self.address.splitlines(), f"{self.postcode} {self.commune}".strip(), self.country]
        return "\n".join(line.strip() for line in lines if line.strip())


class Profile(IdentityFields):
    account = ForeignKey(Account, backref="profiles", unique=True, on_delete="CASCADE")
    updated_at = DateTimeField(default=clock.now)

    @classmethod
    def for_account(cls, account):
        """The profile of ``account`` (a row or an id), or None: SQL built once, Changer d'adresse asks at each visit."""
        return _for_account.first(getattr(account, "id", account))

    @classmethod
    def keep(cls, registration):
        """Remember who the candidate is and where they live, for their next session.

        Only what changed is written (at each Enregistrer, mostly nothing):
        peewee took longer to write the UPDATE of the whole row than the rest
        of the save.
        """
        profile = cls.for_account(registration.account_id)
        answers = {name: getattr(registration, name) for name in cls.IDENTITY + cls.ADDRESS}
        if profile is None:
            return cls.create(account=registration.account_id, **answers)
        changes = {name: value for name, value in answers.items() if getattr(profile, name) != value}
        if changes:
            changes["updated_at"] = clock.now()
            guarded_update(cls, profile.id, cls.account, registration.account_id, changes)
            for name, value in changes.items():
                setattr(profile, name, value)
        return profile

    def move_to(self, values):
        """Take the postal address in ``values``; AddressChange.report keeps the old one for staff."""
        for name in self.POSTAL:
            setattr(self, name, values[name])
        self.updated_at = clock.now()
        with db.atomic():
            self.save()


_for_account = PreparedRows(Profile, lambda: Profile.select().where(Profile.account == 0))
