"""M'inscrire: the candidate space and the five steps of the registration."""
from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user
from peewee import IntegrityError

import mail
import recap
from forms.account import ConfirmForm
from forms.registration import STEP_FORMS, RecapForm, first_invalid_step
from models import ExamSession, Piece, Registration, catalogue, db, declaration
from models.errors import RegistrationClosed, StaleRevision, StepNotReached
from models.registrations import LAST_STEP
from views.access import candidates_only
from views.page import field_feedback, form_page, render, see_other
from views.public import SIMULATOR_ANSWERS

bp = Blueprint("registration", __name__, url_prefix="/inscription")

CONFLICT = ("Votre inscription a été modifiée dans un autre onglet ou sur un autre appareil. Voici les informations "
            "actuelles : rien n'a été remplacé. Vérifiez-les, puis modifiez-les si besoin.")
SET_ASIDE = ("Votre inscription a été écartée par le rectorat : elle ne peut plus être modifiée ni annulée ici. "
             "Pour toute question, contactez le pôle de votre examen.")
CLOSED = "Les inscriptions sont closes : aucune inscription ne sera reçue après cette date. Rien n'a été modifié."


candidates_only(bp)


@bp.before_request
def current_session():
    """Every page here is about the current session."""
    g.exam_session = ExamSession.current()
    if g.exam_session is None:
        return render("registration/no_session.html")


def _registration():
    # The account itself, not its id: the recap shows its email without reading it again.
    registration = Registration.for_account_or_new(current_user._get_current_object(), g.exam_session)
    if registration.id is None:
        _prefill(registration, session.get(SIMULATOR_ANSWERS))
    return registration


def _prefill(registration, answers):
    """A first draft takes what « Quelles pièces devrai-je fournir ? » was told (still editable); what a
    previous session's registration says comes first."""
    if not answers or answers.get("session") != g.exam_session.exams_start_on.isoformat():
        return
    if registration.birth_date is None:
        registration.birth_date = date.fromisoformat(answers["birth_date"])
    registration.nationality = registration.nationality or answers.get("nationality", "")
    exam = catalogue.of(g.exam_session).exam_by_code(answers.get("exam_code", ""))
    if exam:
        registration.exam = exam
    registration.candidate_status = "distance" if answers.get("distance_learning") else "individuel"
    for name in ("exemption_requested", "grades_kept", "accommodation_requested", "foreign_diploma"):
        setattr(registration, name, bool(answers.get(name)))


@bp.get("/")
def space():
    """The candidate space: what is done, what is missing, the next deadline."""
    return _space()


def _space(status=200):
    registration = _registration()
    pieces = list(Piece.for_registration(registration)) if registration.is_saved else []
    for piece in pieces:
        piece.registration = registration  # one registration and session for every piece's due date
    return render("registration/space.html", status=status, registration=registration, pieces=pieces,
                  next_due=declaration.next_due(registration, pieces),
                  sections=recap.sections(registration) if registration.is_saved else [],
                  saved_line=recap.saved_line(registration),
                  history=Registration.history(current_user.id, g.exam_session))


def _refused(registration, step=LAST_STEP):
    """The answer when the session is closed, the registration set aside or an earlier step not done, else None."""
    if not g.exam_session.registration_open():
        flash(CLOSED, "error")
        return _space(status=403)
    if registration.status == "écartée":
        flash(SET_ASIDE, "error")
        return _space(status=403)
    if step > registration.step_reached:
        flash(f"Complétez d'abord l'étape {registration.step_reached}.", "warning")
        return see_other("registration.step", step=registration.step_reached)
    return None


def _step_page(registration, form, status=200):
    return render("registration/step.html", "registration/_step.html", status=status,
                  registration=registration, form=form, step=form.step)


def _recap_page(registration, form, status=200):
    working = registration.working_copy()
    return render("registration/recap.html", status=status, registration=registration, form=form,
                  sections=recap.sections(working), pieces=working.required_pieces())


@bp.get("/etape/<int:step>")
def step(step):
    """One step of M'inscrire, filled with what was already answered."""
    registration = _registration()
    if not 1 <= step <= LAST_STEP:
        abort(404)
    if not g.exam_session.registration_open():
        return redirect(url_for("registration.space"))
    if step > registration.step_reached:
        return redirect(url_for("registration.step", step=registration.step_reached))
    if step == LAST_STEP:
        return _recap_page(registration, RecapForm(registration))
    return _step_page(registration, STEP_FORMS[step](registration.working_copy()))


@bp.post("/etape/<int:step>")
def save_step(step):
    """Suivant: keep this step's answers on the server, then go to the next step."""
    form_class = STEP_FORMS.get(step) or abort(404)
    registration = _registration()
    refused = _refused(registration, step)
    if refused:
        return refused
    form = form_class(registration.working_copy())
    if not form.validate_on_submit():
        return _step_page(registration, form, status=422)
    if form.more_to_answer:
        # Nothing is kept yet: the step comes back with what was typed, asking what it could not ask before.
        return _step_page(registration, form)
    try:
        registration.save_step(step, form.values(), form.submitted_revision)
    except StaleRevision:
        return _conflict(step)
    except (RegistrationClosed, StepNotReached):
        return _refused(Registration.for_account_or_new(current_user.id, g.exam_session), step)
    session.pop(SIMULATOR_ANSWERS, None)  # the draft now holds them
    return see_other("registration.step", step=step + 1)


def _conflict(step):
    """Another tab saved first: show what is saved now, without the stale answers."""
    current = _registration()
    if step == LAST_STEP:
        form = RecapForm(current, formdata=None)
    else:
        form = STEP_FORMS[step](current.working_copy(), formdata=None)
    form.form_errors.append(CONFLICT)
    page = _recap_page if step == LAST_STEP else _step_page
    return page(current, form, status=409)


@bp.post("/etape/<int:step>/verifier")
def check_field(step):
    """Inline validation: one field checked by the same validators as Suivant."""
    form_class = STEP_FORMS.get(step) or abort(404)
    form = form_class(_registration().working_copy())
    feedback = field_feedback(form)
    if request.form.get("_field") == "postcode":
        # The communes of the new postcode, offered at once for the commune field.
        feedback += render_template("registration/_communes.html", form=form, oob=True)
    return feedback


@bp.post("/etape/1/examen")
def exam_chosen():
    """With htmx: the exam step again, offering the languages and options of the exam just chosen."""
    registration = _registration()
    form = STEP_FORMS[1](registration.working_copy())
    return render_template("registration/_step.html", registration=registration, form=form, step=1)


@bp.post("/enregistrer")
def enregistrer():
    """Enregistrer: a number at the first save, a new version at each save, a confirmation email."""
    registration = _registration()
    refused = _refused(registration)
    if refused:
        return refused
    form = RecapForm(registration)
    if not form.validate_on_submit():
        return _recap_page(registration, form, status=422)
    if form.submitted_revision != registration.revision:
        return _stale_enregistrer()
    answers = registration.working_copy()
    step_to_fix = first_invalid_step(answers)
    if step_to_fix:
        return _fix_step(registration, step_to_fix)
    # The email's long part (the answers as saved, the pieces the rules ask, which the save will sync) is
    # written before the transaction: the write lock, which every Enregistrer and Suivant of the process
    # queues for, is held only for what needs the saved row (its number, version and time).
    details = render_template("email/_registration_recap.txt", registration=answers,
                              sections=recap.sections(answers), pieces=answers.required_pieces(),
                              documents=url_for("documents.home", _external=True))
    try:
        with db.atomic():
            reopened = registration.enregistrer(form.submitted_revision)
            mail.send(current_user.email, "registration_saved", registration=registration, recap=details)
    except StaleRevision:
        return _stale_enregistrer()
    except RegistrationClosed:
        return _refused(registration)
    except IntegrityError:
        form.form_errors.append("L'enregistrement n'a pas abouti. Cliquez à nouveau sur « Enregistrer ».")
        return _recap_page(registration, form, status=409)
    flash(f"Votre inscription est enregistrée sous le numéro {registration.number} (version {registration.version}). "
          "Un courriel de confirmation vous a été envoyé.", "success")
    if reopened:
        flash("Une nouvelle pièce justificative vous est demandée : votre déclaration « J'ai fourni toutes mes "
              "pièces » est rouverte. Déposez cette pièce, puis déclarez à nouveau.", "warning")
    return see_other("registration.space")


def _stale_enregistrer():
    """A second click on Enregistrer finds the first one done; anything else is a real conflict."""
    current = _registration()
    if current.is_saved and not current.has_unsaved_changes:
        flash(f"Votre inscription est enregistrée sous le numéro {current.number} (version {current.version}).",
              "success")
        return see_other("registration.space")
    return _conflict(LAST_STEP)


def _fix_step(registration, step):
    """A change at an earlier step made this one incomplete: show it with its errors."""
    form = STEP_FORMS[step](registration.working_copy(), formdata=None, meta={"csrf": False})
    form.validate()
    form.form_errors.append("Complétez cette étape avant d'enregistrer : une réponse précédente l'a modifiée.")
    return _step_page(registration, form, status=422)


@bp.route("/annuler", methods=["GET", "POST"])
def cancel():
    """Annuler mon inscription, after a confirmation page."""
    registration = _registration()
    if not registration.is_saved or request.method == "GET" and not g.exam_session.registration_open():
        return redirect(url_for("registration.space"), 303)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return form_page("registration/cancel.html", form, registration=registration)
    refused = _refused(registration)
    if refused:
        return refused
    try:
        with db.atomic():
            registration.cancel()
            mail.send(current_user.email, "registration_cancelled", registration=registration)
    except (RegistrationClosed, StaleRevision):
        return _refused(_registration()) or _cancel_again()
    flash(f"Votre inscription n° {registration.number} est annulée.", "info")
    return see_other("registration.space")


def _cancel_again():
    flash("Votre inscription a changé entre-temps : confirmez à nouveau l'annulation.", "warning")
    return see_other("registration.cancel")
