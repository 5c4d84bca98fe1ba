"""A session's pôles and exams are kept by each server process, and read again as soon as the file is loaded again."""
from dataclasses import replace
from datetime import timedelta

from commands.sessions import demo_spec
from models import Exam, ExamSession, Pole, catalogue, db
from session_file import load_session_file
from tests.helpers import POITIERS_FILE, text
from tests.processes import running_portal


def reload_demo(portal, **exam_changes):
    """Load the demo session again from the test's own process, with CAP-CUIS changed: same dates, new key."""
    with portal.ctx():
        session = ExamSession.get(ExamSession.code == "demo")
        spec = demo_spec(load_session_file(POITIERS_FILE), session.opens_at + timedelta(days=1))
        exams = tuple(replace(exam, **exam_changes) if exam.code == "CAP-CUIS" else exam for exam in spec.exams)
        assert replace(spec, exams=()).opens_at == session.opens_at
        ExamSession.load_spec(replace(spec, exams=exams))


def test_a_server_sees_a_session_loaded_by_another_process_at_its_next_request(tmp_path, database_url):
    with running_portal(tmp_path, database_url, servers=1) as portal:
        client = portal.servers[0].client()
        assert "CAP Cuisine" in text(client.get("/quelles-pieces").text)
        reload_demo(portal, label="CAP Cuisine (nouvel intitulé)")
        assert "CAP Cuisine (nouvel intitulé)" in text(client.get("/quelles-pieces").text)


def test_each_load_gives_a_new_key_and_the_catalogue_follows(app, open_session):
    with app.test_request_context(), db.connection_context():
        session = ExamSession.get_by_id(open_session.id)
        before = catalogue.of(session)
        assert catalogue.of(session) is before  # kept: no query the second time
        in_lists_order = (Exam.select().join(Pole).where(Exam.session == session)
                          .order_by(Pole.position, Exam.position))
        assert [exam.code for exam in before.exams] == [exam.code for exam in in_lists_order]
        ExamSession.load_spec(load_session_file(POITIERS_FILE))
        reloaded = ExamSession.get_by_id(open_session.id)
        assert reloaded.catalogue_key != session.catalogue_key
        assert catalogue.of(reloaded) is not before
