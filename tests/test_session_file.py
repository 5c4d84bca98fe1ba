"""Reading session files: a good file loads whole, a bad one says where and why."""
from datetime import date, datetime
from pathlib import Path

import pytest

from session_file import (
    DocumentSpec, ExamSpec, PoleSpec, SessionFileError, SessionSpec,
    load_session_file, parse_session_text,
)

FILENAME = "sessions/essai.toml"
POITIERS = Path(__file__).resolve().parent.parent / "sessions" / "poitiers-juin-2023.toml"

GOOD = """\
[session]
code = "2023-06-essai"
label = "Session juin 2023"
academy = "Académie de Poitiers"
audience = "Candidats individuels"
timezone = "Europe/Paris"
opens_at = 2022-10-18T10:00:00
closes_at = 2022-11-22T19:00:00
documents_due_at = 2022-11-24T00:00:00
exams_start_on = 2023-06-01
website = "https://www.ac-poitiers.fr"

[[poles]]
code = "industriel-tertiaire"
label = "Pôle industriel, tertiaire"
phones = ["05.16.52.64.55", "05.16.52.64.56"]
email = "pole.industriel.tertiaire@ac-poitiers.fr"

[[poles]]
code = "services-alimentation-hotellerie"
label = "Pôle services, alimentation, hôtellerie"
phones = ["05.16.52.64.50"]
email = "pole.sah@ac-poitiers.fr"

[[exams]]
code = "CAP-CUIS"
label = "CAP Cuisine"
diploma = "CAP"
pole = "services-alimentation-hotellerie"
languages = ["Anglais", "Espagnol"]
optional_tests = ["Langue vivante étrangère"]

[[exams]]
code = "BP-BOUL"
label = "BP Boulanger"
diploma = "BP"
pole = "services-alimentation-hotellerie"
work_experience = true

[[documents]]
code = "identite"
label = "Pièce d'identité en cours de validité (recto et verso)"
when = "always"
help = "Carte nationale d'identité, passeport ou titre de séjour."

[[documents]]
code = "jdc"
label = "Certificat individuel de participation à la JDC"
when = "french_18_to_24"
"""


def changed(old: str, new: str, count: int = 1) -> str:
    """The good file with the first ``count`` occurrences of ``old`` replaced."""
    assert old in GOOD, old
    return GOOD.replace(old, new, count)


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """Line number of the ``nth`` line containing ``fragment``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return found[nth - 1]


def test_good_file_gives_the_whole_session():
    spec = parse_session_text(GOOD, FILENAME)
    assert isinstance(spec, SessionSpec)
    assert spec.code == "2023-06-essai"
    assert spec.timezone == "Europe/Paris"
    assert spec.opens_at == datetime(2022, 10, 18, 8, 0)      # CEST, UTC+2
    assert spec.closes_at == datetime(2022, 11, 22, 18, 0)    # CET, UTC+1
    assert spec.documents_due_at == datetime(2022, 11, 23, 23, 0)
    assert spec.closes_at.tzinfo is None
    assert spec.exams_start_on == date(2023, 6, 1)
    assert spec.poles[0] == PoleSpec("industriel-tertiaire", "Pôle industriel, tertiaire",
                                     ("05.16.52.64.55", "05.16.52.64.56"),
                                     "pole.industriel.tertiaire@ac-poitiers.fr")
    assert spec.exams == (
        ExamSpec("CAP-CUIS", "CAP Cuisine", "CAP", "services-alimentation-hotellerie",
                 ("Anglais", "Espagnol"), ("Langue vivante étrangère",), False),
        ExamSpec("BP-BOUL", "BP Boulanger", "BP", "services-alimentation-hotellerie",
                 (), (), True),
    )
    assert spec.documents[1] == DocumentSpec(
        "jdc", "Certificat individuel de participation à la JDC", "french_18_to_24", "")


def test_spec_is_frozen():
    spec = parse_session_text(GOOD, FILENAME)
    with pytest.raises(AttributeError):
        spec.code = "autre"


def test_optional_session_keys_default_to_empty():
    text = changed('audience = "Candidats individuels"\n', "")
    text = text.replace('website = "https://www.ac-poitiers.fr"\n', "")
    spec = parse_session_text(text, FILENAME)
    assert (spec.audience, spec.website) == ("", "")


def test_poitiers_session_file_matches_the_notice():
    spec = load_session_file(POITIERS)
    assert spec.code == "2023-06-poitiers"
    assert spec.label == "Session juin 2023"
    assert spec.academy == "Académie de Poitiers"
    assert spec.opens_at == datetime(2022, 10, 18, 8, 0)
    assert spec.closes_at == datetime(2022, 11, 22, 18, 0)
    assert spec.documents_due_at == datetime(2022, 11, 23, 23, 0)
    assert spec.exams_start_on == date(2023, 6, 1)
    poles = {pole.code: pole for pole in spec.poles}
    assert poles["industriel-tertiaire"].phones == ("05.16.52.64.55", "05.16.52.64.56")
    assert poles["services-alimentation-hotellerie"].email == "pole.sah@ac-poitiers.fr"
    assert poles["bac-pro"].phones == ("05.16.52.64.64", "05.16.52.64.63", "05.16.52.64.31")
    assert poles["bac-pro"].email == "pole.bac.pro@ac-poitiers.fr"
    assert 15 <= len(spec.exams) <= 20
    assert all(exam.work_experience for exam in spec.exams if exam.diploma in {"BP", "MC"})
    assert {exam.pole for exam in spec.exams if exam.diploma == "Bac pro"} == {"bac-pro"}
    from rules import KNOWN_WHEN
    assert {document.when for document in spec.documents} == KNOWN_WHEN


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        ("2022-10-30T03:00:00", datetime(2022, 10, 30, 2, 0)),   # just after fall-back, CET
        ("2022-10-30T01:59:00", datetime(2022, 10, 29, 23, 59)),  # just before, CEST
        ("2023-03-26T03:00:00", datetime(2023, 3, 26, 1, 0)),    # just after spring-forward
    ],
)
def test_local_times_around_a_clock_change_are_converted_to_utc(local, utc):
    text = changed("documents_due_at = 2022-11-24T00:00:00",
                   f"documents_due_at = {local}").replace(
        "closes_at = 2022-11-22T19:00:00", "closes_at = 2022-10-19T10:00:00")
    assert parse_session_text(text, FILENAME).documents_due_at == utc


BAD = [
    # (id, old, new, key, words in the message)
    ("missing key", 'label = "Session juin 2023"\n', "", "label", "obligatoire"),
    ("missing pole email", 'email = "pole.sah@ac-poitiers.fr"\n', "", "email", "obligatoire"),
    ("missing exam pole", 'pole = "services-alimentation-hotellerie"\nlanguages',
     "languages", "pole", "obligatoire"),
    ("missing when", 'when = "always"\n', "", "when", "obligatoire"),
    ("empty label", 'label = "Session juin 2023"', 'label = "  "', "label", "vide"),
    ("text for a date", "opens_at = 2022-10-18T10:00:00", 'opens_at = "2022-10-18T10:00:00"',
     "opens_at", "guillemets"),
    ("date without time", "opens_at = 2022-10-18T10:00:00", "opens_at = 2022-10-18",
     "opens_at", "pas une date"),
    ("datetime for a day", "exams_start_on = 2023-06-01", "exams_start_on = 2023-06-01T08:00:00",
     "exams_start_on", "pas une date et heure"),
    ("number for a text", 'label = "CAP Cuisine"', "label = 12", "label", "un texte"),
    ("text for phones", 'phones = ["05.16.52.64.50"]', 'phones = "05.16.52.64.50"',
     "phones", "liste"),
    ("number in phones", 'phones = ["05.16.52.64.50"]', "phones = [51652]", "phones", "texte"),
    ("text for a boolean", "work_experience = true", 'work_experience = "oui"',
     "work_experience", "true ou false"),
    ("impossible date", "closes_at = 2022-11-22T19:00:00", "closes_at = 2022-11-31T19:00:00",
     "closes_at", "date ou heure impossible"),
    ("impossible hour", "closes_at = 2022-11-22T19:00:00", "closes_at = 2022-11-22T25:00:00",
     "closes_at", "syntaxe"),
    ("unknown timezone", 'timezone = "Europe/Paris"', 'timezone = "Europe/Poitiers"',
     "timezone", "fuseau horaire"),
    ("offset datetime", "opens_at = 2022-10-18T10:00:00", "opens_at = 2022-10-18T10:00:00+02:00",
     "opens_at", "décalage"),
    ("unknown when", 'when = "always"', 'when = "toujours"', "when", "toujours"),
    ("unknown pole", 'pole = "services-alimentation-hotellerie"\nwork',
     'pole = "hotellerie"\nwork', "pole", "hotellerie"),
    ("unknown diploma", 'diploma = "BP"', 'diploma = "Licence"', "diploma", "Licence"),
    ("diploma in lower case", 'diploma = "CAP"', 'diploma = "cap"', "diploma", "inconnu"),
    ("duplicate pole", 'code = "services-alimentation-hotellerie"',
     'code = "industriel-tertiaire"', "code", "déjà utilisé"),
    ("duplicate exam", 'code = "BP-BOUL"', 'code = "CAP-CUIS"', "code", "CAP-CUIS"),
    ("duplicate document", 'code = "jdc"', 'code = "identite"', "code", "identite"),
    ("code with spaces", 'code = "BP-BOUL"', 'code = "BP BOUL"', "code", "code valable"),
    ("closes before opening", "closes_at = 2022-11-22T19:00:00",
     "closes_at = 2022-10-18T09:00:00", "closes_at", "postérieure à l'ouverture"),
    ("closes at opening", "closes_at = 2022-11-22T19:00:00",
     "closes_at = 2022-10-18T10:00:00", "closes_at", "postérieure à l'ouverture"),
    ("documents due before close", "documents_due_at = 2022-11-24T00:00:00",
     "documents_due_at = 2022-11-22T18:59:00", "documents_due_at", "clôture"),
    ("ambiguous local time", "documents_due_at = 2022-11-24T00:00:00",
     "documents_due_at = 2023-10-29T02:30:00", "documents_due_at", "existe deux fois"),
    ("non-existent local time", "documents_due_at = 2022-11-24T00:00:00",
     "documents_due_at = 2023-03-26T02:30:00", "documents_due_at", "n'existe pas"),
    ("misspelt key", "work_experience = true", "work_experiance = true",
     "work_experiance", "inconnue"),
    ("bad website", 'website = "https://www.ac-poitiers.fr"', 'website = "www.ac-poitiers.fr"',
     "website", "https://"),
    ("no phone", 'phones = ["05.16.52.64.50"]', "phones = []", "phones", "au moins"),
]


@pytest.mark.parametrize(("old", "new", "key", "words"),
                         [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_file_is_refused_naming_file_line_and_key(old, new, key, words):
    text = changed(old, new)
    with pytest.raises(SessionFileError) as refused:
        parse_session_text(text, FILENAME)
    message = str(refused.value)
    assert message.startswith(f"{FILENAME}, ligne ")
    assert f"clé « {key} » : " in message
    assert words.casefold() in message.casefold()


def test_message_points_at_the_line_of_the_key():
    text = changed("closes_at = 2022-11-22T19:00:00", "closes_at = 2022-10-01T19:00:00")
    with pytest.raises(SessionFileError) as refused:
        parse_session_text(text, FILENAME)
    assert str(refused.value) == (
        f"{FILENAME}, ligne 8, clé « closes_at » : "
        "la clôture doit être postérieure à l'ouverture.")


def test_message_points_at_the_right_table_of_an_array():
    text = changed('pole = "services-alimentation-hotellerie"\nwork',
                   'pole = "hotellerie"\nwork')
    with pytest.raises(SessionFileError, match=rf", ligne {line_of(text, 'hotellerie', 3)}, "):
        parse_session_text(text, FILENAME)


def test_missing_key_points_at_its_table():
    text = changed('when = "always"\n', "")
    with pytest.raises(SessionFileError,
                       match=rf", ligne {line_of(text, '[[documents]]')}, clé « when »"):
        parse_session_text(text, FILENAME)


def test_ambiguous_time_on_the_example_day_is_refused():
    text = changed("documents_due_at = 2022-11-24T00:00:00",
                   "documents_due_at = 2022-10-30T02:30:00").replace(
        "closes_at = 2022-11-22T19:00:00", "closes_at = 2022-10-19T10:00:00")
    with pytest.raises(SessionFileError, match="02:30 du 30 octobre 2022 existe deux fois"):
        parse_session_text(text, FILENAME)


@pytest.mark.parametrize(
    ("fragment", "key"),
    [
        ("[[poles]]\n", "poles"),
        ("[[exams]]\n", "exams"),
        ("[[documents]]\n", "documents"),
        ("[session]\n", "session"),
    ],
)
def test_missing_table_is_refused(fragment, key):
    # Renaming every header of the table makes it vanish (and adds an unknown one).
    text = GOOD.replace(fragment, fragment.replace(key, key + "_x"))
    with pytest.raises(SessionFileError, match=f"clé « {key}(_x)? »"):
        parse_session_text(text, FILENAME)
    text = GOOD.replace(fragment, "[[misc]]\n" if "[[" in fragment else "[misc]\n")
    with pytest.raises(SessionFileError, match=rf"^{FILENAME}, .*clé « (misc|{key}) »"):
        parse_session_text(text, FILENAME)


def test_toml_syntax_error_names_file_line_and_key():
    text = changed('label = "CAP Cuisine"', 'label = "CAP Cuisine')
    with pytest.raises(SessionFileError) as refused:
        parse_session_text(text, FILENAME)
    assert str(refused.value).startswith(
        f"{FILENAME}, ligne {line_of(text, 'CAP Cuisine')}, clé « label » : syntaxe TOML")


def test_load_names_the_file(tmp_path):
    path = tmp_path / "session.toml"
    path.write_text(changed('diploma = "BP"', 'diploma = "Licence"'), encoding="utf-8")
    with pytest.raises(SessionFileError, match=rf"^{path}, ligne \d+, clé « diploma »"):
        load_session_file(path)


def test_missing_file_is_a_session_file_error(tmp_path):
    with pytest.raises(SessionFileError, match="impossible de lire"):
        load_session_file(tmp_path / "absent.toml")
