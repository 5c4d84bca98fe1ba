"""Forms of « Équipe »: a new staff member, and a member's role and pôles."""
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from forms.account import email_field

ROLES = [SelectChoice("gestionnaire", "Gestionnaire : les inscriptions de ses pôles"),
         SelectChoice("admin", "Administrateur : tous les pôles, l'équipe et le journal")]


class CheckboxesField(SelectMultipleField):
    """Several choices, one checkbox each (a multiple select is unusable without a mouse)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class MemberForm(FlaskForm):
    """A staff member's role and pôles (the pôles of every loaded session, by code)."""

    role = RadioField("Rôle", choices=ROLES, default="gestionnaire",
                      validators=[InputRequired("Choisissez un rôle.")])
    poles = CheckboxesField("Pôles", description="Un gestionnaire voit les inscriptions des examens de ces pôles ; "
                                                 "un administrateur les voit toutes.")

    def __init__(self, poles, *args, **kwargs):
        """``poles``: ``{code: label}`` of the pôles one may choose."""
        super().__init__(*args, **kwargs)
        self.poles.choices = [SelectChoice(code, label) for code, label in sorted(poles.items(), key=lambda item: item[1])]

    def validate_poles(self, field):
        if self.role.data == "gestionnaire" and not field.data:
            raise ValidationError("Un gestionnaire travaille pour au moins un pôle : cochez-en un.")


class NewMemberForm(MemberForm):
    """« Ajouter un membre »: the address the welcome link goes to, the role and the pôles."""

    email = email_field()
