"""Account forms. Each field check is a ``validate_<field>`` or a validator
shared with the inline (htmx) validation, so both give the same message."""
from functools import lru_cache
from pathlib import Path

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

PASSWORD_MIN, PASSWORD_MAX = 12, 128
COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"


@lru_cache(maxsize=1)
def _common_passwords():
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line and not line.startswith("#"))


def strong_password(form, field):
    """Long enough, not a known common password, not one character repeated."""
    password = field.data or ""
    if len(password) < PASSWORD_MIN:
        raise ValidationError(f"Le mot de passe doit contenir au moins {PASSWORD_MIN} caractères.")
    if len(password) > PASSWORD_MAX:
        raise ValidationError(f"Le mot de passe ne doit pas dépasser {PASSWORD_MAX} caractères.")
    if password.casefold() in _common_passwords() or len(set(password)) <= 2:
        raise ValidationError("Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase de plusieurs mots.")


def fits_the_database(form, field):
    """Some characters grow when normalised (NFKC): the stored form must fit too."""
    from models import normalise_email

    if len(normalise_email(field.data)) > 254:
        raise ValidationError("Cette adresse est trop longue.")


def email_field(label="Adresse électronique"):
    return EmailField(label, validators=[
        DataRequired("Indiquez votre adresse électronique."),
        Length(max=254, message="Cette adresse est trop longue."),
        Email("Cette adresse électronique n'est pas valide (exemple : prenom.nom@exemple.fr).",
              check_deliverability=False, allow_smtputf8=True),
        fits_the_database,
    ], filters=[lambda value: value.strip() if isinstance(value, str) else value],
       render_kw={"autocomplete": "email", "inputmode": "email"})


def new_password_fields(label="Mot de passe"):
    password = PasswordField(label, validators=[strong_password],
                             render_kw={"autocomplete": "new-password"})
    confirm = PasswordField("Confirmation du mot de passe", validators=[
        DataRequired("Saisissez à nouveau le mot de passe."),
        EqualTo("password", "Les deux mots de passe ne sont pas identiques."),
    ], render_kw={"autocomplete": "new-password"})
    return password, confirm


class SignupForm(FlaskForm):
    email = email_field()
    password, confirm = new_password_fields()


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField("Mot de passe", validators=[DataRequired("Indiquez votre mot de passe.")],
                             render_kw={"autocomplete": "current-password"})


class EmailOnlyForm(FlaskForm):
    """Asking for a link by email (forgotten password, new activation link)."""

    email = email_field()


class ConfirmForm(FlaskForm):
    """A button that only needs its CSRF token (Activer mon compte, Me déconnecter)."""


class ResetPasswordForm(FlaskForm):
    password, confirm = new_password_fields()


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Mot de passe actuel", validators=[DataRequired("Indiquez votre mot de passe actuel.")],
                            render_kw={"autocomplete": "current-password"})
    password, confirm = new_password_fields("Nouveau mot de passe")


class ChangeEmailForm(FlaskForm):
    email = email_field("Nouvelle adresse électronique")
    current = PasswordField("Mot de passe actuel", validators=[DataRequired("Indiquez votre mot de passe actuel.")],
                            render_kw={"autocomplete": "current-password"})
