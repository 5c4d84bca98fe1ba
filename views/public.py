"""Public pages: the session and its dates, the steps of the notice, the contacts,
and « Quelles pièces devrai-je fournir ? » for anyone, without an account."""
from flask import Blueprint, request
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired

import dates
from fields import birth_date_field
from models import Exam, ExamSession, Pole
from rules import Facts
from views.page import invalid, render

bp = Blueprint("public", __name__)
bp.record_once(lambda state: dates.register(state.app))


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


@bp.get("/")
def home():
    """The home page: the session, its dates and state, the steps of the notice, the contacts."""
    exam_session = ExamSession.current()
    poles = Pole.of_session(exam_session) if exam_session else []
    return render("public/home.html", exam_session=exam_session, poles=poles)


@bp.get("/quelles-pieces")
def which_pieces():
    """« Quelles pièces devrai-je fournir ? »: the current session's rules applied to a few answers."""
    exam_session = ExamSession.current()
    if exam_session is None:
        return render("public/which_pieces.html", exam_session=None)
    exams = list(exam_session.exams.select(Exam, Pole).join(Pole).order_by(Pole.position, Exam.position))
    form = PiecesQuestionsForm(request.args, exam_session, exams)
    context = {"exam_session": exam_session, "form": form, "pieces": None}
    if not request.args:
        return render("public/which_pieces.html", **context)
    if not form.validate():
        return invalid("public/which_pieces.html", **context)
    context["pieces"] = exam_session.required_pieces(form.facts(exam_session, exams))
    return render("public/which_pieces.html", **context)
