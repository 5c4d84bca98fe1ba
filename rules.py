"""Which supporting documents (pièces justificatives) a candidate must provide.

A session file lists its documents, each with a ``when`` naming one condition
below. A condition looks at the facts of a registration and says whether the
piece is asked and, in a sentence the candidate reads, why. This module knows
nothing of Flask or the database: the caller builds the ``Facts``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dates import french_date

FRENCH_NATIONALITIES = frozenset({"française", "francaise", "france", "fr"})


def age_at(birth: date, day: date) -> int:
    """Age in whole years on ``day``: one is 18 from the 18th birthday on."""
    before_birthday = (day.month, day.day) < (birth.month, birth.day)
    return day.year - birth.year - before_birthday


@dataclass(frozen=True, kw_only=True)
class Facts:
    """What the rules need to know about one registration."""

    exams_start_on: date
    birth_date: date | None = None
    nationality: str | None = None
    distance_learning: bool = False
    exemption_requested: bool = False
    grades_kept: bool = False
    accommodation_requested: bool = False
    work_experience: bool = False
    foreign_diploma: bool = False

    @property
    def is_french(self) -> bool:
        return (self.nationality or "").strip().casefold() in FRENCH_NATIONALITIES

    @property
    def age(self) -> int | None:
        """Age when the exams start, or None when the birth date is unknown."""
        if self.birth_date is None:
            return None
        return age_at(self.birth_date, self.exams_start_on)


@dataclass(frozen=True)
class Condition:
    """One ``when`` of a session file: does it apply, and why."""

    test: Callable[[Facts], bool]
    reason: Callable[[Facts], str]

    @property
    def description(self) -> str:
        return self.test.__doc__ or ""


CONDITIONS: dict[str, Condition] = {}


def condition(reason: str | Callable[[Facts], str]):
    """Register the decorated test under its own name with the reason shown to the candidate."""

    def register(test: Callable[[Facts], bool]) -> Callable[[Facts], bool]:
        explain = reason if callable(reason) else (lambda facts: reason)
        CONDITIONS[test.__name__] = Condition(test, explain)
        return test

    return register


@condition("Cette pièce est demandée à tous les candidats.")
def always(facts: Facts) -> bool:
    """Every candidate provides it (pièce d'identité)."""
    return True


@condition(lambda facts: "Vous êtes de nationalité française et aurez moins de 18 ans"
           f" au {french_date(facts.exams_start_on)}.")
def french_under_18(facts: Facts) -> bool:
    """French and not yet 18 when the exams start (attestation de recensement)."""
    return facts.is_french and facts.age is not None and facts.age < 18


@condition(lambda facts: "Vous êtes de nationalité française et aurez entre 18 et 24 ans"
           f" au {french_date(facts.exams_start_on)}.")
def french_18_to_24(facts: Facts) -> bool:
    """French and 18 to 24 years old when the exams start (certificat de participation à la JDC)."""
    return facts.is_french and facts.age is not None and 18 <= facts.age <= 24


@condition("Vous préparez l'examen par une formation d'enseignement à distance.")
def distance_learning(facts: Facts) -> bool:
    """Enrolled with a distance-learning body (certificat de scolarité de l'organisme)."""
    return facts.distance_learning


@condition("Vous demandez une dispense d'épreuves.")
def exemption_requested(facts: Facts) -> bool:
    """Asks to be exempted from tests thanks to a diploma held (copie du diplôme)."""
    return facts.exemption_requested


@condition("Vous demandez à conserver des notes obtenues à une session antérieure.")
def grades_kept(facts: Facts) -> bool:
    """Keeps grades from an earlier session (relevé de notes antérieur)."""
    return facts.grades_kept


@condition("Vous demandez un aménagement des épreuves.")
def accommodation_requested(facts: Facts) -> bool:
    """Asks for adapted exam conditions (décision d'aménagement, never a medical file)."""
    return facts.accommodation_requested


@condition("L'examen choisi demande de justifier d'une expérience professionnelle.")
def work_experience(facts: Facts) -> bool:
    """The chosen exam requires professional experience (certificats de travail)."""
    return facts.work_experience


@condition("Vous faites valoir un diplôme étranger.")
def foreign_diploma(facts: Facts) -> bool:
    """Relies on a diploma obtained abroad (attestation de comparabilité)."""
    return facts.foreign_diploma


KNOWN_WHEN = frozenset(CONDITIONS)


class Document(Protocol):
    code: str
    label: str
    when: str
    help: str


@dataclass(frozen=True)
class RequiredPiece:
    """A document the candidate must provide, with the sentence saying why."""

    code: str
    label: str
    help: str
    reason: str


def required_pieces(documents: Iterable[Document], facts: Facts) -> list[RequiredPiece]:
    """The documents whose condition holds for these facts, in the session's order."""
    pieces = []
    for document in documents:
        try:
            rule = CONDITIONS[document.when]
        except KeyError:
            raise ValueError(f"Condition inconnue : {document.when!r}") from None
        if rule.test(facts):
            pieces.append(RequiredPiece(document.code, document.label, document.help,
                                        rule.reason(facts)))
    return pieces
