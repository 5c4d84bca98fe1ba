"""What a registration recap says, step by step: one source for the
Récapitulatif step, Mes documents, the PDF and the confirmation email."""
import dates
from forms.address import is_france
from forms.registration import CANDIDATE_STATUSES, JDC_LABELS, STEP_FORMS

CANDIDATE_STATUS = {choice.value: choice.label for choice in CANDIDATE_STATUSES}


def yes_no(value):
    return "Oui" if value else "Non"


def sections(registration):
    """``[(step, title, [(label, value), …]), …]`` for the steps 1 to 4."""
    titles = {step: form.title for step, form in STEP_FORMS.items()}
    return [(step, titles[step], [(label, value) for label, value in lines(registration) if value is not None])
            for step, lines in ((1, _exam), (2, _identity), (3, _address), (4, _situation))]


def saved_line(registration):
    """« Inscription n° 2023-06-POI-000001, version 2, enregistrée le … (heure de Paris) »."""
    if not registration.number:
        return "Inscription non enregistrée."
    when = dates.long_datetime(registration.saved_at, registration.session.timezone)
    return f"Inscription n° {registration.number}, version {registration.version}, enregistrée le {when}."


def pieces_due(session):
    """« à déposer dans « Mes justificatifs » avant le jeudi 24 novembre 2022 (heure de Paris) »."""
    return f"à déposer dans « Mes justificatifs » {dates.deadline(session.documents_due_at, session.timezone)}"


def pole_contact(registration):
    """Whom to ask about the exam: « Pôle …, téléphone 05.16.52.64.55 ou 05.16.52.64.56, courriel … », or None."""
    if not registration.exam_id:
        return None
    pole = registration.exam.pole
    phones = f", téléphone {' ou '.join(pole.phones)}" if pole.phones else ""
    return f"{pole.label}{phones}, courriel {pole.email}"


def _exam(r):
    exam = r.exam if r.exam_id else None
    distance = r.candidate_status == "distance"
    return [
        ("Examen", exam.label if exam else ""),
        ("Pôle", exam.pole.label if exam else None),
        ("Vous êtes", CANDIDATE_STATUS.get(r.candidate_status, "")),
        ("Organisme de formation à distance", r.organisme if distance else None),
        ("Langue vivante", r.language or None),
        ("Épreuves facultatives", ", ".join(r.optional_tests) or "Aucune" if exam and exam.optional_tests else None),
    ]


def _identity(r):
    if is_france(r.birth_country):
        place = f"{r.birth_commune} ({r.birth_departement})" if r.birth_departement else r.birth_commune
    else:
        place = f"{r.birth_commune}, {r.birth_country}"
    return [
        ("Civilité", r.civilite),
        ("Nom de naissance", r.birth_name),
        ("Nom d'usage", r.usage_name or None),
        ("Prénoms", r.first_names),
        ("Date de naissance", dates.french_date(r.birth_date) if r.birth_date else ""),
        ("Lieu de naissance", place),
        ("Nationalité", r.nationality),
    ]


def _address(r):
    return [("Adresse postale", r.postal_address()), ("Téléphone", r.phone), ("Adresse électronique", r.account.email)]


def _situation(r):
    return [
        ("Diplômes déjà obtenus", r.diplomas_held or "Aucun"),
        ("Dispense d'épreuves demandée", yes_no(r.exemption_requested)),
        ("Notes d'une session antérieure conservées", yes_no(r.grades_kept)),
        ("Diplôme obtenu à l'étranger", yes_no(r.foreign_diploma)),
        ("Expérience professionnelle justifiée", yes_no(r.work_experience) if r.exam_id and r.exam.work_experience else None),
        ("Aménagement des épreuves demandé", yes_no(r.accommodation_requested)),
        ("Recensement et JDC", JDC_LABELS.get(r.jdc_status) if r.jdc_status else None),
    ]
