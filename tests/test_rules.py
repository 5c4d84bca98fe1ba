"""Which pièces justificatives a candidate provides, and why."""
from dataclasses import dataclass
from datetime import date

import pytest

from dates import french_date
from rules import (
    CONDITIONS, KNOWN_WHEN, Facts, RequiredPiece, age_at, required_pieces,
)

EXAMS_START = date(2023, 6, 1)


@dataclass
class Document:
    code: str
    label: str
    when: str
    help: str = ""


DOCUMENTS = [
    Document("identite", "Pièce d'identité", "always", "Carte nationale d'identité."),
    Document("recensement", "Attestation de recensement", "french_under_18"),
    Document("jdc", "Certificat individuel de participation à la JDC", "french_18_to_24"),
    Document("scolarite", "Certificat de scolarité", "distance_learning"),
    Document("diplome-dispense", "Copie du diplôme", "exemption_requested"),
    Document("releve-notes", "Relevé de notes antérieur", "grades_kept"),
    Document("amenagement", "Décision d'aménagement", "accommodation_requested"),
    Document("experience", "Justificatifs d'expérience professionnelle", "work_experience"),
    Document("comparabilite", "Attestation de comparabilité", "foreign_diploma"),
]


def facts(**given) -> Facts:
    given.setdefault("exams_start_on", EXAMS_START)
    return Facts(**given)


def codes(found: Facts) -> list[str]:
    return [piece.code for piece in required_pieces(DOCUMENTS, found)]


def test_every_condition_is_known_and_documented():
    assert KNOWN_WHEN == {
        "always", "french_under_18", "french_18_to_24", "distance_learning",
        "exemption_requested", "grades_kept", "accommodation_requested",
        "work_experience", "foreign_diploma",
    }
    assert {document.when for document in DOCUMENTS} == KNOWN_WHEN
    for condition in CONDITIONS.values():
        assert condition.description


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2005, 6, 1), date(2023, 6, 1), 18),    # birthday: 18 that very day
        (date(2005, 6, 2), date(2023, 6, 1), 17),    # the day after: still 17
        (date(2005, 5, 31), date(2023, 6, 1), 18),
        (date(1998, 6, 1), date(2023, 6, 1), 25),
        (date(1998, 6, 2), date(2023, 6, 1), 24),
        (date(2004, 2, 29), date(2023, 2, 28), 18),  # born a 29 February
        (date(2004, 2, 29), date(2023, 3, 1), 19),
        (date(2004, 12, 31), date(2023, 1, 1), 18),
    ],
)
def test_age_at_counts_whole_years(birth, day, age):
    assert age_at(birth, day) == age


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2007, 6, 1), ["identite", "recensement"]),    # 16
        (date(2005, 6, 2), ["identite", "recensement"]),    # 17 on 1 June 2023
        (date(2005, 6, 1), ["identite", "jdc"]),            # 18 on 1 June 2023
        (date(1998, 6, 2), ["identite", "jdc"]),            # 24
        (date(1998, 6, 1), ["identite"]),                   # 25
        (date(1970, 1, 1), ["identite"]),
        (None, ["identite"]),                               # birth date not given yet
    ],
)
def test_french_candidates_by_age_on_the_first_exam_day(birth, expected):
    assert codes(facts(birth_date=birth, nationality="Française")) == expected


@pytest.mark.parametrize("nationality", ["française", "FRANÇAISE", " Francaise ", "France", "FR"])
def test_french_nationality_is_recognised_however_written(nationality):
    assert facts(nationality=nationality).is_french


@pytest.mark.parametrize("nationality", ["Belge", "Marocaine", "", None, "française et belge"])
@pytest.mark.parametrize("birth", [date(2006, 1, 1), date(2005, 6, 1), date(2000, 1, 1)])
def test_non_french_candidates_get_neither_recensement_nor_jdc(nationality, birth):
    assert codes(facts(birth_date=birth, nationality=nationality)) == ["identite"]


def test_french_19_year_old_distance_learner_asking_an_exemption():
    found = facts(birth_date=date(2004, 3, 15), nationality="française",
                  distance_learning=True, exemption_requested=True)
    assert codes(found) == ["identite", "jdc", "scolarite", "diplome-dispense"]


@pytest.mark.parametrize(
    ("flag", "code", "reason"),
    [
        ("distance_learning", "scolarite",
         "Vous préparez l'examen par une formation d'enseignement à distance."),
        ("exemption_requested", "diplome-dispense", "Vous demandez une dispense d'épreuves."),
        ("grades_kept", "releve-notes",
         "Vous demandez à conserver des notes obtenues à une session antérieure."),
        ("accommodation_requested", "amenagement", "Vous demandez un aménagement des épreuves."),
        ("work_experience", "experience",
         "L'examen choisi demande de justifier d'une expérience professionnelle."),
        ("foreign_diploma", "comparabilite", "Vous faites valoir un diplôme étranger."),
    ],
)
def test_each_situation_adds_its_piece_with_its_reason(flag, code, reason):
    pieces = required_pieces(DOCUMENTS, facts(**{flag: True}))
    assert [piece.code for piece in pieces] == ["identite", code]
    assert pieces[1].reason == reason


def test_pieces_carry_label_help_and_reason():
    pieces = required_pieces(DOCUMENTS, facts(birth_date=date(2000, 1, 1), nationality="fr"))
    assert pieces == [
        RequiredPiece("identite", "Pièce d'identité", "Carte nationale d'identité.",
                      "Cette pièce est demandée à tous les candidats."),
        RequiredPiece("jdc", "Certificat individuel de participation à la JDC", "",
                      "Vous êtes de nationalité française et aurez entre 18 et 24 ans"
                      " au 1er juin 2023."),
    ]


def test_under_18_reason_names_the_first_exam_day():
    found = facts(birth_date=date(2006, 1, 1), nationality="française",
                  exams_start_on=date(2024, 6, 17))
    assert CONDITIONS["french_under_18"].reason(found) == (
        "Vous êtes de nationalité française et aurez moins de 18 ans au 17 juin 2024.")


def test_pieces_keep_the_session_order():
    everything = dict.fromkeys(
        ["distance_learning", "exemption_requested", "grades_kept",
         "accommodation_requested", "work_experience", "foreign_diploma"], True)
    found = facts(birth_date=date(2006, 1, 1), nationality="française", **everything)
    assert codes(found) == [d.code for d in DOCUMENTS if d.when != "french_18_to_24"]
    assert codes(found)[::-1] == [p.code for p in required_pieces(DOCUMENTS[::-1], found)]


def test_unknown_condition_is_an_error():
    with pytest.raises(ValueError, match="toujours"):
        required_pieces([Document("x", "X", "toujours")], facts())


@pytest.mark.parametrize(
    ("day", "words"),
    [(date(2023, 6, 1), "1er juin 2023"), (date(2022, 11, 22), "22 novembre 2022"),
     (date(2023, 8, 2), "2 août 2023"), (date(2022, 2, 1), "1er février 2022")],
)
def test_french_date(day, words):
    assert french_date(day) == words


def test_facts_are_frozen():
    with pytest.raises(AttributeError):
        facts().grades_kept = True
