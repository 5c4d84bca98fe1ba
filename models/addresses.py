"""Changes of postal address a candidate reports, at any time, and staff take note of."""
from peewee import DateTimeField, TextField

import clock
from .accounts import Account
from .base import BaseModel, ForeignKey, PreparedRows, db
from .registrations import Registration


class AddressChange(BaseModel):
    """A change of postal address reported by the candidate, shown to staff."""

    account = ForeignKey(Account, backref="address_changes", on_delete="CASCADE")
    registration = ForeignKey(Registration, null=True, backref="address_changes", on_delete="SET NULL")
    old_address = TextField()
    new_address = TextField()
    at = DateTimeField(default=clock.now)
    seen_by_staff_at = DateTimeField(null=True)

    @classmethod
    def history(cls, account):
        """The changes ``account`` reported, latest first (a list, by SQL built once: Changer d'adresse shows them)."""
        return _history.all(getattr(account, "id", account))

    @classmethod
    def of_registration(cls, registration):
        """The changes reported with ``registration``, latest first (a list, by SQL built once: its review page)."""
        return _of_registration.all(getattr(registration, "id", registration))

    @classmethod
    def report(cls, profile, values, registration=None):
        """Record a new postal address (allowed at any time, even after the close).

        The old address stays in this history, which staff read; the saved
        registration of the current session follows the move.
        """
        with db.atomic():
            old = profile.postal_address()
            profile.move_to(values)
            if registration is not None and registration.number:
                registration.follow_address(profile)
            return cls.create(account=profile.account_id, registration=registration, old_address=old,
                              new_address=profile.postal_address())

    def mark_seen(self, by):
        """The rectorat took note of the new address (recorded once, whoever saw it first)."""
        with db.atomic():
            seen = (AddressChange.update(seen_by_staff_at=clock.now())
                    .where(AddressChange.id == self.id, AddressChange.seen_by_staff_at.is_null()).execute())
            if seen and self.registration_id:
                Registration.get_by_id(self.registration_id).audit("changement d'adresse vu", by,
                                                                  self.new_address.replace("\n", ", "))
        return bool(seen)


# Parameter: the account's id.
_history = PreparedRows(AddressChange, lambda: (
    AddressChange.select().where(AddressChange.account == 0)
    .order_by(AddressChange.at.desc(), AddressChange.id.desc())))
# Parameter: the registration's id.
_of_registration = PreparedRows(AddressChange, lambda: (
    AddressChange.select().where(AddressChange.registration == 0)
    .order_by(AddressChange.at.desc(), AddressChange.id.desc())))
