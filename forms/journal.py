"""The journal's filters (a GET form: nothing is written, no CSRF token)."""
from wtforms import Form, SearchField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from forms.fields import FrenchDateField

EVERYONE = SelectChoice("", "Tous")


class JournalForm(Form):
    # "Tous" by default: opened without a query string, the journal is not a failed search.
    actor = SelectField("Membre de l'équipe", coerce=str, default="")
    action = SelectField("Action", default="")
    candidate = SearchField("Candidat (adresse électronique ou numéro d'inscription)", validators=[Length(max=100)])
    since = FrenchDateField("Depuis le", validators=[Optional()], description="JJ/MM/AAAA")
    until = FrenchDateField("Jusqu'au", validators=[Optional()], description="JJ/MM/AAAA, inclus")

    def __init__(self, formdata, members, actions):
        super().__init__(formdata)
        self.actor.choices = [EVERYONE] + [SelectChoice(str(m.id), m.email) for m in members]
        self.action.choices = [EVERYONE] + [SelectChoice(a, a) for a in actions]
