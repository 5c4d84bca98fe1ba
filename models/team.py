"""The rectorat's team (« Équipe »): staff members added, changed, switched off and on, each change audited.

A staff member who leaves is deactivated, never deleted: the audit trail and
the messages they wrote keep naming them.
"""
import secrets

import clock
from .accounts import STAFF_ROLES, Account, StaffPole
from .base import db, locking
from .errors import EmailTaken, NotAllowed, UnknownPoles
from .outbox import Audit
from .sessions import Pole


def members():
    """Every staff account, active ones first, by address."""
    return (Account.select().where(Account.role.in_(STAFF_ROLES))
            .order_by(Account.deactivated_at.is_null(False), Account.email_key))


def member(account_id):
    """The staff account ``account_id``, or None (a candidate's account is not a member)."""
    return Account.get_or_none(Account.id == account_id, Account.role.in_(STAFF_ROLES))


def member_by_email(email):
    """The staff account of ``email``, or None."""
    account = Account.by_email(email)
    return account if account and account.is_staff else None


def known_pole_codes():
    """The codes of the pôles of every loaded session, sorted: what a gestionnaire may work for."""
    return sorted({code for (code,) in Pole.select(Pole.code).distinct().tuples()})


def pole_labels():
    """``{code: label}`` of every pôle, the latest session's label winning."""
    return {pole.code: pole.label for pole in Pole.select(Pole.code, Pole.label).order_by(Pole.session, Pole.id)}


def poles_of(account):
    """The pôle codes ``account`` works for, sorted."""
    return sorted(code for (code,) in StaffPole.select(StaffPole.pole_code)
                  .where(StaffPole.account == account.id).tuples())


def add(email, role, pole_codes, by=None):
    """« Ajouter un membre »: a staff account, active at once, with a random password (chosen later by link).

    EmailTaken when the address has an account; UnknownPoles when a code names
    no pôle. ``by`` is an account id (None from the command line).
    """
    codes = _checked_poles(role, pole_codes)
    with db.atomic():
        account, created = Account.sign_up(email, secrets.token_urlsafe(32))
        if not created:
            raise EmailTaken(email)
        account.role = role
        account.activated_at = account.created_at
        account.save()
        for code in codes:
            StaffPole.create(account=account, pole_code=code)
        Audit.record("membre ajouté", by, account, _detail(account.email, role, codes))
    return account


def change(account, role, pole_codes, by=None):
    """Change a staff member's role and pôles; NotAllowed when it would leave no active admin."""
    if role not in STAFF_ROLES:
        raise NotAllowed(f"Rôle inconnu : {role}.")
    codes = _checked_poles(role, pole_codes)
    with db.atomic():
        if account.role == "admin" and role != "admin":
            _keep_an_admin(account.id, "C'est le dernier administrateur actif : il garde son rôle.")
        before = (account.role, poles_of(account))
        Account.update(role=role).where(Account.id == account.id).execute()
        StaffPole.delete().where(StaffPole.account == account.id).execute()
        for code in codes:
            StaffPole.create(account=account.id, pole_code=code)
        account.role = role
        changed = before != (role, codes)
        if changed:
            Audit.record("membre modifié", by, account, _detail(account.email, role, codes))
    return changed


def deactivate(account, by=None):
    """« Désactiver »: every open login of ``account`` ends now (new uniquifier) and it can no longer log in.

    NotAllowed for the last active admin: somebody must still be able to manage the team.
    """
    with db.atomic():
        if account.role == "admin":
            _keep_an_admin(account.id, "C'est le dernier administrateur actif : il ne peut pas être désactivé.")
        done = (Account.update(deactivated_at=clock.now(), uniquifier=secrets.token_urlsafe(16))
                .where(Account.id == account.id, Account.deactivated_at.is_null()).execute())
        if done:
            Audit.record("membre désactivé", by, account, account.email)
    return bool(done)


def reactivate(account, by=None):
    """« Réactiver »: the account may log in again."""
    with db.atomic():
        done = (Account.update(deactivated_at=None)
                .where(Account.id == account.id, Account.deactivated_at.is_null(False)).execute())
        if done:
            Audit.record("membre réactivé", by, account, account.email)
    return bool(done)


def _checked_poles(role, pole_codes):
    """``pole_codes`` sorted, without repeats; UnknownPoles when one names no pôle of any session."""
    if role == "admin":
        return []  # an admin sees every pôle: pôles written down for one would mean nothing
    codes = sorted(set(pole_codes))
    if not codes:
        raise NotAllowed("Un gestionnaire travaille pour au moins un pôle : choisissez-en un.")
    known = known_pole_codes()
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise UnknownPoles(unknown, known)
    return codes


def _keep_an_admin(leaving_id, message):
    """NotAllowed when no other active admin would be left once ``leaving_id`` goes.

    The active admins' rows are locked first (base.locking), so two admins
    removing each other at the same instant, in two processes, cannot both succeed.
    """
    admins = locking(Account.select(Account.id).where(Account.role == "admin", Account.deactivated_at.is_null()))
    if not [row for row in admins if row.id != leaving_id]:
        raise NotAllowed(message)


def _detail(email, role, codes):
    return f"{email} : {role}" + (f", pôles {', '.join(codes)}" if codes else "")
