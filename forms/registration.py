"""The five steps of M'inscrire as forms. Every check lives here, so the full
POST, the inline (htmx) check of one field and the re-check of every step
before Enregistrer give the same French message."""
import re

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

import communes
import rules
from forms.address import PostalFields, is_france
from forms.fields import birth_date_field, text, tidy_lines, yes
from models import Registration, catalogue

# Letters of any alphabet, words joined by a space, a hyphen or an apostrophe.
NAME = re.compile(r"[^\W\d_]+(?:(?:[ '’-]|, ?)[^\W\d_]+)*")
DEPARTEMENT = re.compile(r"0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6]")
PHONE = re.compile(r"0\d{9}|\+\d{8,15}")
YES_NO = [SelectChoice("oui", "Oui"), SelectChoice("non", "Non")]
CANDIDATE_STATUSES = [SelectChoice("individuel", "Candidat individuel"),
                      SelectChoice("distance", "Inscrit à une formation d'enseignement à distance")]

JDC_CHOICES = {
    "french_under_18": [SelectChoice("recense", "J'ai fait mon recensement citoyen"),
                        SelectChoice("non-recense", "Je ne suis pas encore recensé(e)")],
    "french_18_to_24": [SelectChoice("jdc-faite", "J'ai participé à la Journée défense et citoyenneté (JDC)"),
                        SelectChoice("jdc-attente", "J'attends ma convocation à la JDC"),
                        SelectChoice("jdc-exempte", "J'en suis exempté(e)")],
}
JDC_LABELS = {choice.value: choice.label for choices in JDC_CHOICES.values() for choice in choices}


def name_check(form, field):
    if field.data and not NAME.fullmatch(field.data):
        raise ValidationError("Utilisez seulement des lettres, des espaces, des traits d'union et des apostrophes.")


class RevisionForm(FlaskForm):
    """A form about one registration, carrying the revision it was filled from."""

    revision = HiddenField()

    def __init__(self, registration, *args, **kwargs):
        self.registration = registration
        super().__init__(*args, obj=registration, **kwargs)

    @property
    def submitted_revision(self):
        try:
            return int(self.revision.data)
        except (TypeError, ValueError):
            return -1


class StepForm(RevisionForm):
    step = None
    title = None
    more_to_answer = None  # a valid step may still need answers it could not ask yet: it comes back

    def values(self):
        """The answers of this step, by registration field."""
        return {name: self[name].data for name in Registration.STEP_FIELDS[self.step]}


class ExamStepForm(StepForm):
    step, title = 1, "Examen"
    exam_code = SelectField("Examen présenté", validate_choice=False)
    # The exam whose languages and optional tests the page showed: without
    # JavaScript, a newly chosen exam's lists are only seen once the step comes back.
    lists_shown_for = HiddenField()
    candidate_status = RadioField("Vous êtes", validate_choice=False, choices=CANDIDATE_STATUSES)
    organisme = text("Nom de l'organisme de formation à distance", max_length=150, conditional=True)
    language = SelectField("Langue vivante", validate_choice=False)
    optional_tests = SelectMultipleField("Épreuves facultatives", validate_choice=False,
                                         widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())

    def __init__(self, registration, *args, **kwargs):
        exam = registration.exam if registration.exam_id else None
        code = exam and exam.code
        # A form sent without lists_shown_for compares with the saved exam.
        super().__init__(registration, *args, exam_code=code, lists_shown_for=code, **kwargs)
        self.catalogue = {exam.code: exam for exam in catalogue.of(registration.session).exams}
        self.exam_code.choices = [SelectChoice("", "Choisissez un examen")] + [
            SelectChoice(exam.code, exam.label, optgroup=exam.pole.label) for exam in self.catalogue.values()]
        self.exam = self.catalogue.get(self.exam_code.data or "")
        # Only the chosen exam's languages and optional tests: none before an exam is chosen.
        languages = self.exam.languages if self.exam else ()
        self.language.choices = [SelectChoice("", "Choisissez une langue")] + [SelectChoice(l) for l in languages]
        tests = self.exam.optional_tests if self.exam else ()
        self.optional_tests.choices = [SelectChoice(test) for test in tests]
        self.more_to_answer = self._lists_not_seen_yet(languages, tests)
        self.lists_shown_for.data = self.exam.code if self.exam else ""  # what this form shows now

    def _lists_not_seen_yet(self, languages, tests):
        """What the candidate must still answer on this step, for an exam whose lists they have not seen, or None."""
        if not self.exam or self.lists_shown_for.data == self.exam.code or not (languages or tests):
            return None
        if languages and tests:
            return "Choisissez maintenant la langue et les épreuves facultatives de cet examen."
        if languages:
            return "Choisissez maintenant la langue vivante de cet examen."
        return "Choisissez maintenant les épreuves facultatives de cet examen, si vous en présentez."

    def validate_exam_code(self, field):
        if self.exam is None:
            raise ValidationError("Choisissez l'examen que vous présentez.")

    def validate_candidate_status(self, field):
        if field.data not in ("individuel", "distance"):
            raise ValidationError("Indiquez si vous êtes candidat individuel ou inscrit à une formation "
                                  "d'enseignement à distance.")

    def validate_organisme(self, field):
        if self.candidate_status.data == "distance" and not field.data:
            raise ValidationError("Indiquez le nom de l'organisme de formation à distance.")

    def validate_language(self, field):
        if self.more_to_answer:
            return  # not asked yet: the step comes back offering this exam's languages
        if self.exam and self.exam.languages and field.data not in self.exam.languages:
            raise ValidationError(f"Choisissez la langue vivante parmi celles de l'examen : "
                                  f"{', '.join(self.exam.languages)}.")

    def validate_optional_tests(self, field):
        if self.more_to_answer:
            return
        offered = self.exam.optional_tests if self.exam else ()
        if any(test not in offered for test in field.data or ()):
            raise ValidationError("Cette épreuve facultative n'est pas proposée pour l'examen choisi.")

    def values(self):
        distance = self.candidate_status.data == "distance"
        return {
            "exam": self.exam,
            "candidate_status": self.candidate_status.data,
            "organisme": self.organisme.data if distance else "",
            "language": self.language.data if self.exam and self.exam.languages else "",
            "optional_tests": tuple(self.optional_tests.data or ()),
        }


class IdentityStepForm(StepForm):
    step, title = 2, "Identité"
    civilite = RadioField("Civilité", validate_choice=False, choices=[SelectChoice("Madame"), SelectChoice("Monsieur")])
    birth_name = text("Nom de naissance", "Indiquez votre nom de naissance.")
    usage_name = text("Nom d'usage", description="Seulement s'il diffère du nom de naissance (nom d'époux, par exemple).")
    first_names = text("Prénoms", "Indiquez votre prénom.", max_length=150,
                       description="Tous vos prénoms, dans l'ordre de l'état civil.")
    birth_date = birth_date_field()
    birth_country = text("Pays de naissance", description="Seulement si vous êtes né(e) hors de France.")
    birth_commune = text("Commune de naissance", "Indiquez votre commune de naissance.")
    birth_departement = text("Département de naissance", max_length=3, conditional=True,
                             description="Son numéro, par exemple 86, 2A ou 974. Laissé vide, il est déduit de la commune quand "
                                         "c'est possible. Pas demandé si vous êtes né(e) à l'étranger.")
    nationality = text("Nationalité", "Indiquez votre nationalité.", max_length=60, description="Par exemple : française.")

    def validate_civilite(self, field):
        if field.data not in ("Madame", "Monsieur"):
            raise ValidationError("Choisissez Madame ou Monsieur.")

    validate_birth_name = validate_usage_name = validate_first_names = name_check

    @property
    def exams_start_on(self):
        return self.registration.session.exams_start_on

    def validate_birth_departement(self, field):
        if not is_france(self.birth_country.data):
            return
        field.data = (field.data or "").upper()
        if not field.data:
            # Named from the commune of birth, when only one département has a commune of that name.
            found = communes.departements_of(self.birth_commune.data)
            if len(found) == 1:
                field.data = found[0]
                return
            if found:
                raise ValidationError("Plusieurs départements ont une commune de ce nom : indiquez le vôtre "
                                      f"({', '.join(found)}).")
            raise ValidationError("Indiquez votre département de naissance.")
        if not DEPARTEMENT.fullmatch(field.data):
            raise ValidationError("Indiquez le numéro du département, par exemple 86, 2A ou 974.")

    def values(self):
        values = super().values()
        if not is_france(values["birth_country"]):
            values["birth_departement"] = ""
        return values


class AddressStepForm(StepForm, PostalFields):
    step, title = 3, "Coordonnées"
    phone = text("Téléphone", "Indiquez un numéro de téléphone où vous joindre.", max_length=25,
                 description="Par exemple 06 12 34 56 78.", render_kw={"autocomplete": "tel", "inputmode": "tel"})

    def validate_phone(self, field):
        if field.data and not PHONE.fullmatch(re.sub(r"[ .\-()]", "", field.data)):
            raise ValidationError("Ce numéro n'est pas valide : 10 chiffres (06 12 34 56 78) ou +33 6 12 34 56 78.")


class SituationStepForm(StepForm):
    step, title = 4, "Situation"
    exemption_requested = BooleanField("Je demande une dispense d'épreuves grâce à un diplôme déjà obtenu")
    diplomas_held = TextAreaField("Diplômes déjà obtenus", filters=[tidy_lines], render_kw={"rows": 3},
                                  description="Intitulé et année, un par ligne, par exemple : CAP Cuisine, 2019. "
                                              "À remplir si vous demandez une dispense d'épreuves.",
                                  validators=[Length(max=1000, message="1000 caractères au plus.")])
    grades_kept = BooleanField("Je demande à conserver des notes obtenues à une session antérieure")
    foreign_diploma = BooleanField("Je fais valoir un diplôme obtenu à l'étranger")
    work_experience = BooleanField("Je justifie de l'expérience professionnelle demandée par cet examen")
    accommodation_requested = RadioField(
        "Demandez-vous un aménagement des épreuves ?", choices=YES_NO, coerce=yes, validate_choice=False,
        description="Répondez seulement oui ou non : ne donnez ici aucune information médicale.")
    jdc_status = RadioField("Recensement et Journée défense et citoyenneté", validate_choice=False)

    def __init__(self, registration, *args, **kwargs):
        super().__init__(registration, *args, **kwargs)
        facts = registration.facts()
        self.jdc_rule = next((name for name in JDC_CHOICES if rules.CONDITIONS[name].test(facts)), None)
        self.jdc_status.choices = JDC_CHOICES.get(self.jdc_rule, [])
        self.experience_asked = bool(registration.exam_id and registration.exam.work_experience)
        if self.accommodation_requested.raw_data is None and registration.step_reached <= self.step:
            # Never answered: « Non » is the model's default, not the candidate's answer.
            self.accommodation_requested.data = None

    def validate_diplomas_held(self, field):
        if self.exemption_requested.data and not field.data:
            raise ValidationError("Indiquez le diplôme qui vous vaut la dispense demandée.")

    def validate_work_experience(self, field):
        if self.experience_asked and not field.data:
            raise ValidationError("Cet examen demande une expérience professionnelle : vous devrez la justifier.")

    def validate_accommodation_requested(self, field):
        if field.raw_data is not None and field.raw_data[:1] not in (["oui"], ["non"]):
            raise ValidationError("Répondez oui ou non.")

    def validate_jdc_status(self, field):
        if self.jdc_rule and field.data not in (choice.value for choice in self.jdc_status.choices):
            raise ValidationError("Indiquez où vous en êtes du recensement ou de la JDC.")

    def values(self):
        values = super().values()
        values["accommodation_requested"] = yes(values["accommodation_requested"])
        values["work_experience"] = self.experience_asked
        values["jdc_status"] = values["jdc_status"] if self.jdc_rule else ""
        return values


class RecapForm(RevisionForm):
    verified = BooleanField("J'ai vérifié l'exactitude de ces informations", validators=[
        DataRequired("Cochez cette case pour enregistrer : elle confirme que vous avez relu vos informations.")])


STEP_FORMS = {form.step: form for form in (ExamStepForm, IdentityStepForm, AddressStepForm, SituationStepForm)}


def first_invalid_step(registration):
    """The first step whose saved answers no longer pass its checks (say, an
    exam changed at step 1 that now asks for work experience), or None."""
    for step, form_class in STEP_FORMS.items():
        if not form_class(registration, formdata=None, meta={"csrf": False}).validate():
            return step
    return None
