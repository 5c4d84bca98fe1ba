"""``flask --app app load-session FILE`` and ``flask --app app demo``, as an academy runs them."""
from datetime import datetime

import pytest

import dates
from models import Exam, ExamSession, Registration
from tests.helpers import POITIERS_FILE, in_db, make_account

POITIERS = POITIERS_FILE.read_text(encoding="utf-8")


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=[str(arg) for arg in args])


def write(tmp_path, text, name="session.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def sessions(app):
    with in_db(app):
        return list(ExamSession.select())


def test_load_session_creates_then_updates_and_says_so(run, app):
    first = run("load-session", POITIERS_FILE)
    again = run("load-session", POITIERS_FILE)

    assert first.exit_code == 0, first.output
    assert "Session « Session juin 2023 » (2023-06-poitiers) créée : 3 pôle(s), 20 examen(s), 9 pièce(s)" in first.output
    assert "au mardi 22 novembre 2022 à 19 h 00 (heure de Paris)" in first.output
    assert again.exit_code == 0 and "mise à jour" in again.output
    assert len(sessions(app)) == 1


BAD_FILES = [
    # (what is wrong, text replaced, replacement, key named in the message)
    ("date impossible", "opens_at = 2022-10-18T10:00:00", "opens_at = 2022-10-32T10:00:00", "opens_at"),
    ("condition inconnue", 'when = "french_18_to_24"', 'when = "french_18_to_25"', "when"),
    ("pôle inconnu", 'pole = "industriel-tertiaire"', 'pole = "industrie"', "pole"),
    ("code en double", 'code = "CAP-COMCUI"', 'code = "CAP-CUIS"', "code"),
    ("clôture avant l'ouverture", "closes_at = 2022-11-22T19:00:00", "closes_at = 2022-10-01T19:00:00", "closes_at"),
    ("pièces dues avant la clôture", "documents_due_at = 2022-11-24T00:00:00",
     "documents_due_at = 2022-11-20T00:00:00", "documents_due_at"),
    ("clé manquante", 'academy = "Académie de Poitiers"', "", "academy"),
    ("diplôme inconnu", 'diploma = "BTS"', 'diploma = "Master"', "diploma"),
    ("heure qui n'existe pas (passage à l'heure d'été)", "closes_at = 2022-11-22T19:00:00",
     "closes_at = 2023-03-26T02:30:00", "closes_at"),
    ("heure qui existe deux fois (retour à l'heure d'hiver)", "opens_at = 2022-10-18T10:00:00",
     "opens_at = 2022-10-30T02:30:00", "opens_at"),
    ("fuseau inconnu", 'timezone = "Europe/Paris"', 'timezone = "Europe/Poitiers"', "timezone"),
    ("guillemet manquant", 'label = "CAP Cuisine"', 'label = "CAP Cuisine', "label"),
]


@pytest.mark.parametrize("wrong, old, new, key", BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_is_refused_naming_file_line_and_key_and_nothing_is_loaded(run, app, tmp_path, wrong, old, new, key):
    assert old in POITIERS
    line = POITIERS[:POITIERS.index(old)].count("\n") + 1
    path = write(tmp_path, POITIERS.replace(old, new, 1))

    result = run("load-session", path)

    assert result.exit_code != 0
    assert f"Erreur : {path}" in result.output
    assert f"clé « {key} »" in result.output
    if new:  # a missing key is reported at its table's header
        assert f"ligne {line}" in result.output
    assert sessions(app) == []


def test_a_missing_file_is_refused(run, tmp_path):
    result = run("load-session", tmp_path / "absent.toml")

    assert result.exit_code != 0
    assert "impossible de lire le fichier" in result.output


def test_removing_an_exam_that_has_registrations_is_refused(run, app, tmp_path):
    run("load-session", POITIERS_FILE)
    with in_db(app):
        session = ExamSession.get()
        Registration.create(account=make_account(), session=session,
                            exam=session.exams.where(Exam.code == "CAP-ELEC").get())
    block = POITIERS[POITIERS.index('[[exams]]\ncode = "CAP-ELEC"'):POITIERS.index('[[exams]]\ncode = "CAP-MVA"')]
    path = write(tmp_path, POITIERS.replace(block, "").replace('label = "Session juin 2023"', 'label = "Autre"'))

    result = run("load-session", path)

    assert result.exit_code != 0
    assert f"{path} : l'examen « CAP-ELEC » (CAP Électricien) ne peut pas être retiré" in result.output
    assert [session.label for session in sessions(app)] == ["Session juin 2023"]


def test_demo_is_open_now_with_the_poitiers_catalogue_on_whole_local_hours(run, app, clock):
    clock.now = datetime(2022, 11, 1, 9, 41, 13)  # 10 h 41 in Paris

    result = run("demo")

    assert result.exit_code == 0, result.output
    [demo] = sessions(app)
    assert (demo.code, demo.label) == ("demo", "Session de démonstration")
    with app.app_context():
        assert demo.state() == "open"
        assert dates.long_datetime(demo.opens_at, demo.timezone) == "lundi 31 octobre 2022 à 10 h 00 (heure de Paris)"
        assert dates.long_datetime(demo.closes_at, demo.timezone) == "jeudi 1er décembre 2022 à 10 h 00 (heure de Paris)"
        assert dates.long_datetime(demo.documents_due_at, demo.timezone) == "samedi 3 décembre 2022 à 10 h 00 (heure de Paris)"
    with in_db(app):
        assert demo.exams.count() == 20 and demo.poles.count() == 3


def test_demo_if_none_leaves_an_existing_session_alone(run, app):
    run("load-session", POITIERS_FILE)

    result = run("demo", "--if-none")

    assert result.exit_code == 0
    assert [session.code for session in sessions(app)] == ["2023-06-poitiers"]


def test_demo_if_none_creates_the_demo_on_an_empty_portal(run, app):
    result = run("demo", "--if-none")

    assert result.exit_code == 0, result.output
    assert [session.code for session in sessions(app)] == ["demo"]
