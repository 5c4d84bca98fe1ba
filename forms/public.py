"""« Quelles pièces devrai-je fournir ? »: the questions anyone can answer, without an account."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired

from forms.fields import birth_date_field
from rules import Facts


class PiecesQuestionsForm(FlaskForm):
    """The questions whose answers decide the pieces (rules.Facts), asked by GET."""

    class Meta:
        # Nothing is written: the answers travel in the URL, like a search.
        csrf = False

    # Typed and checked as at step 2 of M'inscrire: the same answer gets the same message.
    birth_date = birth_date_field()
    french = RadioField("Êtes-vous de nationalité française ?", choices=[SelectChoice("oui", "Oui"), SelectChoice("non", "Non")],
                        validate_choice=False, validators=[
                            InputRequired("Répondez par oui ou par non."),
                            AnyOf(["oui", "non"], "Répondez par oui ou par non.")])
    # Only decides whether professional experience is asked: an unknown code
    # (an old link) counts as no exam chosen yet.
    exam = SelectField("Examen choisi", choices=[SelectChoice("", "Je n'ai pas encore choisi")], validate_choice=False)
    distance_learning = BooleanField("Je suis inscrit(e) à une formation d'enseignement à distance")
    exemption_requested = BooleanField("Je demande une dispense d'épreuves grâce à un diplôme déjà obtenu")
    grades_kept = BooleanField("Je demande à conserver des notes obtenues à une session antérieure")
    accommodation_requested = BooleanField("Je demande un aménagement des épreuves")
    foreign_diploma = BooleanField("Je fais valoir un diplôme obtenu à l'étranger")

    def __init__(self, formdata, exam_session, exams):
        super().__init__(formdata)
        self.exams_start_on = exam_session.exams_start_on  # the day ages are counted at
        # The session's catalogue, grouped by pôle as in the notice.
        self.exam.choices = self.exam.choices[:1] + [
            SelectChoice(exam.code, exam.label, optgroup=exam.pole.label) for exam in exams]

    def answers(self, exams):
        """What M'inscrire can take from these answers (prefilled, still to be checked there)."""
        return {"session": self.exams_start_on.isoformat(),
                "birth_date": self.birth_date.data.isoformat(),
                "nationality": "française" if self.french.data == "oui" else "",
                "exam_code": self.exam.data if any(exam.code == self.exam.data for exam in exams) else "",
                "distance_learning": bool(self.distance_learning.data),
                **{name: bool(self[name].data) for name in ("exemption_requested", "grades_kept",
                                                            "accommodation_requested", "foreign_diploma")}}

    def facts(self, exam_session, exams):
        """The answers as the facts of a registration to ``exam_session``."""
        chosen = next((exam for exam in exams if exam.code == self.exam.data), None)
        return Facts(
            exams_start_on=exam_session.exams_start_on,
            birth_date=self.birth_date.data,
            nationality="française" if self.french.data == "oui" else "étrangère",
            distance_learning=self.distance_learning.data,
            exemption_requested=self.exemption_requested.data,
            grades_kept=self.grades_kept.data,
            accommodation_requested=self.accommodation_requested.data,
            work_experience=bool(chosen and chosen.work_experience),
            foreign_diploma=self.foreign_diploma.data,
        )
