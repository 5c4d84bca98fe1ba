"""Form fields and checks shared by several forms: text tidied as typed on a
phone, dates written JJ/MM/AAAA, a plausible birth date."""
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

import clock
import dates
import rules

AGE_MIN, AGE_MAX = 14, 100


def tidy(value):
    """One space between words, none around: what people type on a phone."""
    return " ".join(value.split()) if isinstance(value, str) else value


def tidy_lines(value):
    if not isinstance(value, str):
        return value
    return "\n".join(tidy(line) for line in value.splitlines() if line.strip())


def text(label, required=None, max_length=100, conditional=False, **kwargs):
    """A one-line answer; ``conditional`` when a check of the form decides whether it is required."""
    checks = [DataRequired(required)] if required else [] if conditional else [Optional()]
    return StringField(label, filters=[tidy], validators=checks + [
        Length(max=max_length, message=f"{max_length} caractères au plus.")], **kwargs)


def yes(value):
    """The answer of a Oui/Non question as a boolean (and back, for display)."""
    return value in (True, "oui")


class FrenchDateField(DateField):
    """A date typed as on paper, JJ/MM/AAAA (a date picker is no help for a birth date on an old phone)."""

    widget = TextInput()

    def __init__(self, label, **kwargs):
        super().__init__(label, format=["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"],
                         invalid_value_message="Cette date n'existe pas : écrivez-la sous la forme JJ/MM/AAAA "
                                               "(exemple : 14/07/2005).", **kwargs)

    def process_formdata(self, valuelist):
        if valuelist and not "".join(valuelist).strip():
            self.data = None  # empty: the field's validators say what is missing
            return
        super().process_formdata([tidy(value) for value in valuelist])
        if self.data is not None and not 1900 <= self.data.year <= 2100:
            # Far years would overflow time zone arithmetic; no real date is there.
            self.data = None
            raise ValueError(self.gettext("Cette année n'est pas plausible : écrivez la date sous la forme JJ/MM/AAAA."))


def plausible_birth_date(form, field):
    """A birth date is given, and makes a candidate of AGE_MIN to AGE_MAX years
    on ``form.exams_start_on``, the first day of the exams (a mistyped year, most often)."""
    if field.data is None:
        if not field.process_errors:  # else the date typed does not exist, and it says so
            raise ValidationError("Indiquez votre date de naissance.")
        return
    if field.data > clock.now().date():
        raise ValidationError("Cette date n'est pas encore passée : vérifiez l'année de naissance.")
    start = form.exams_start_on
    if not AGE_MIN <= rules.age_at(field.data, start) <= AGE_MAX:
        raise ValidationError(f"Vérifiez cette date : vous devez avoir entre {AGE_MIN} et {AGE_MAX} ans "
                              f"au {dates.french_date(start)}, début des épreuves.")


def birth_date_field():
    """The birth date, typed and checked the same way wherever it is asked."""
    return FrenchDateField("Date de naissance", description="Sous la forme JJ/MM/AAAA, par exemple 14/07/2005.",
                           validators=[plausible_birth_date], render_kw={"autocomplete": "bday", "inputmode": "numeric"})

