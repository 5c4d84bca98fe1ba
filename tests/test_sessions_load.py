"""Loading a session file into the database, and loading it again after an edit."""
from dataclasses import replace

import pytest

from models import DocumentRule, Exam, ExamSession, Pole, Registration
from models.sessions import SessionChangeRefused
from session_file import load_session_file
from tests.helpers import POITIERS_FILE, make_account


@pytest.fixture
def spec():
    return load_session_file(POITIERS_FILE)


def without(items, code):
    return tuple(item for item in items if item.code != code)


def test_loading_creates_the_session_its_pôles_exams_and_pieces(ctx, spec):
    session, created = ExamSession.load_spec(spec)

    assert created
    assert (session.code, session.label, session.academy) == ("2023-06-poitiers", "Session juin 2023", "Académie de Poitiers")
    assert [pole.code for pole in session.poles.order_by(Pole.position)] == [
        "industriel-tertiaire", "services-alimentation-hotellerie", "bac-pro"]
    cuisine = session.exams.where(Exam.code == "CAP-CUIS").get()
    assert (cuisine.label, cuisine.pole.code, cuisine.languages) == (
        "CAP Cuisine", "services-alimentation-hotellerie", ("Anglais", "Espagnol"))
    assert session.exams.where(Exam.code == "BP-BOUL").get().work_experience
    assert session.document_rules.count() == 9


def test_reloading_updates_in_place_and_keeps_registrations(ctx, spec):
    session, _ = ExamSession.load_spec(spec)
    cuisine = session.exams.where(Exam.code == "CAP-CUIS").get()
    registration = Registration.create(account=make_account(), session=session, exam=cuisine)
    edited = replace(
        spec,
        label="Session juin 2023 (dates prolongées)",
        closes_at=spec.closes_at.replace(day=29),
        poles=tuple(replace(pole, phones=("05.16.52.64.99",)) if pole.code == "bac-pro" else pole for pole in spec.poles),
        exams=tuple(replace(exam, label="CAP Cuisine (rénové)", pole="industriel-tertiaire")
                    if exam.code == "CAP-CUIS" else exam for exam in spec.exams),
        documents=without(spec.documents, "comparabilite"),
    )

    reloaded, created = ExamSession.load_spec(edited)

    assert not created and reloaded.id == session.id
    assert ExamSession.select().count() == 1
    assert reloaded.label == "Session juin 2023 (dates prolongées)"
    assert ExamSession.get_by_id(session.id).closes_at == spec.closes_at.replace(day=29)
    kept = Registration.get_by_id(registration.id)
    assert kept.exam_id == cuisine.id
    assert (kept.exam.label, kept.exam.pole.code) == ("CAP Cuisine (rénové)", "industriel-tertiaire")
    assert Pole.get(Pole.code == "bac-pro").phones == ("05.16.52.64.99",)
    assert not DocumentRule.select().where(DocumentRule.code == "comparabilite").exists()


def test_an_exam_left_out_of_the_file_disappears_when_nobody_registered(ctx, spec):
    ExamSession.load_spec(spec)

    ExamSession.load_spec(replace(spec, exams=without(spec.exams, "CAP-COIF")))

    assert not Exam.select().where(Exam.code == "CAP-COIF").exists()
    assert Exam.select().count() == len(spec.exams) - 1


def test_removing_an_exam_with_registrations_is_refused_and_changes_nothing(ctx, spec):
    session, _ = ExamSession.load_spec(spec)
    cuisine = session.exams.where(Exam.code == "CAP-CUIS").get()
    Registration.create(account=make_account(), session=session, exam=cuisine)

    with pytest.raises(SessionChangeRefused, match="CAP-CUIS.*1 inscription"):
        ExamSession.load_spec(replace(spec, label="Nouveau libellé", exams=without(spec.exams, "CAP-CUIS"),
                                      documents=without(spec.documents, "identite")))

    assert ExamSession.get_by_id(session.id).label == "Session juin 2023"
    assert Exam.select().count() == len(spec.exams)
    assert DocumentRule.select().where(DocumentRule.code == "identite").exists()


def test_a_pôle_left_out_with_its_exams_is_removed(ctx, spec):
    ExamSession.load_spec(spec)
    kept_exams = tuple(exam for exam in spec.exams if exam.pole != "bac-pro")

    ExamSession.load_spec(replace(spec, poles=without(spec.poles, "bac-pro"), exams=kept_exams))

    assert [pole.code for pole in Pole.select()] == ["industriel-tertiaire", "services-alimentation-hotellerie"]


def test_a_pôle_whose_exams_have_registrations_cannot_go(ctx, spec):
    session, _ = ExamSession.load_spec(spec)
    agora = session.exams.where(Exam.code == "BACPRO-AGORA").get()
    Registration.create(account=make_account(), session=session, exam=agora)
    kept_exams = tuple(exam for exam in spec.exams if exam.pole != "bac-pro")

    with pytest.raises(SessionChangeRefused, match="BACPRO-AGORA"):
        ExamSession.load_spec(replace(spec, poles=without(spec.poles, "bac-pro"), exams=kept_exams))

    assert Pole.select().where(Pole.code == "bac-pro").exists()


def test_two_sessions_share_codes_without_mixing(ctx, spec):
    first, _ = ExamSession.load_spec(spec)
    second, _ = ExamSession.load_spec(replace(spec, code="2024-06-poitiers", label="Session juin 2024"))

    assert first.id != second.id
    assert first.exams.count() == second.exams.count() == len(spec.exams)


def test_a_draft_whose_exam_left_the_file_has_no_exam_chosen_any_more(ctx, spec):
    import json

    session, _ = ExamSession.load_spec(spec)
    coiffure = session.exams.where(Exam.code == "CAP-COIF").get()
    draft = Registration.create(account=make_account(), session=session, pending=json.dumps({"exam": coiffure.id}))

    ExamSession.load_spec(replace(spec, exams=without(spec.exams, "CAP-COIF")))

    working = Registration.get_by_id(draft.id).working_copy()
    assert working.exam is None
    assert working.facts().work_experience is False
