"""Deadlines decided to the second, in the session's timezone, and said in words."""
from datetime import datetime, timedelta

import pytest

import dates
from commands.sessions import demo_spec
from models import ExamSession
from session_file import load_session_file, parse_session_text
from tests.helpers import POITIERS_FILE, text

SECOND = timedelta(seconds=1)


def test_registration_is_accepted_until_the_last_second_before_the_close(ctx, clock, open_session):
    clock.now = open_session.closes_at - SECOND
    assert open_session.registration_open()
    clock.now = open_session.closes_at
    assert not open_session.registration_open()


def test_registration_opens_exactly_at_the_opening_second(ctx, clock, open_session):
    clock.now = open_session.opens_at - SECOND
    assert not open_session.registration_open()
    clock.now = open_session.opens_at
    assert open_session.registration_open()


def test_pieces_are_accepted_until_the_last_second_before_they_are_due(ctx, clock, open_session):
    clock.now = open_session.documents_due_at - SECOND
    assert open_session.state() == "documents" and not open_session.registration_open()
    clock.now = open_session.documents_due_at
    assert open_session.state() == "closed"


def test_the_notice_dates_are_paris_time_stored_as_utc(open_session):
    # 22 November is winter time (UTC+1): 19:00 in Paris is 18:00 UTC.
    assert open_session.opens_at == datetime(2022, 10, 18, 8, 0)  # summer time, UTC+2
    assert open_session.closes_at == datetime(2022, 11, 22, 18, 0)
    assert open_session.documents_due_at == datetime(2022, 11, 23, 23, 0)


@pytest.mark.parametrize("local, utc, shown", [
    # The close falls on the day summer time starts (02:00 → 03:00)…
    ("2023-03-26T19:00:00", datetime(2023, 3, 26, 17, 0), "dimanche 26 mars 2023 à 19 h 00 (heure de Paris)"),
    # …or on the day it ends (03:00 → 02:00).
    ("2022-10-30T19:00:00", datetime(2022, 10, 30, 18, 0), "dimanche 30 octobre 2022 à 19 h 00 (heure de Paris)"),
])
def test_a_deadline_on_a_change_of_time_closes_at_the_local_hour(ctx, clock, local, utc, shown):
    text_of_file = POITIERS_FILE.read_text(encoding="utf-8")
    text_of_file = text_of_file.replace("opens_at = 2022-10-18T10:00:00", "opens_at = 2022-10-01T10:00:00")
    text_of_file = text_of_file.replace("closes_at = 2022-11-22T19:00:00", f"closes_at = {local}")
    text_of_file = text_of_file.replace("documents_due_at = 2022-11-24T00:00:00", "documents_due_at = 2023-04-01T00:00:00")
    session, _ = ExamSession.load_spec(parse_session_text(text_of_file, "dst.toml"))

    assert session.closes_at == utc
    assert dates.long_datetime(session.closes_at, session.timezone) == shown
    clock.now = utc - SECOND
    assert session.registration_open()
    clock.now = utc
    assert not session.registration_open()


@pytest.mark.parametrize("left, words", [
    (timedelta(days=3, hours=6), "plus que 3 jours"),
    (timedelta(days=2), "plus que 2 jours"),
    (timedelta(days=2) - SECOND, "plus que 47 heures"),
    (timedelta(hours=5, minutes=59), "plus que 5 heures"),
    (timedelta(hours=2) - SECOND, "plus que 119 minutes"),
    (timedelta(minutes=2), "plus que 2 minutes"),
    (timedelta(minutes=1, seconds=30), "plus qu'une minute"),
    (SECOND, "moins d'une minute"),
])
def test_countdown_rounds_down_so_it_never_promises_too_much(left, words):
    now = datetime(2022, 11, 1, 9, 0)
    assert dates.countdown(now + left, now) == words


@pytest.mark.parametrize("moment, zone, words", [
    (datetime(2022, 11, 23, 23, 0), "Europe/Paris", "avant le jeudi 24 novembre 2022 (heure de Paris)"),  # midnight
    (datetime(2022, 11, 22, 18, 0), "Europe/Paris", "avant le mardi 22 novembre 2022 à 19 h 00 (heure de Paris)"),
    (datetime(2022, 11, 23, 20, 0), "Indian/Reunion", "avant le jeudi 24 novembre 2022 (heure de La Réunion)"),
])
def test_a_deadline_is_worded_as_the_notice_words_it(moment, zone, words):
    assert dates.deadline(moment, zone) == words


def test_dates_are_written_as_the_notice_writes_them():
    assert dates.long_datetime(datetime(2022, 11, 22, 18, 0), "Europe/Paris") == \
        "mardi 22 novembre 2022 à 19 h 00 (heure de Paris)"
    assert dates.long_datetime(datetime(2022, 6, 1, 7, 5), "Indian/Reunion") == \
        "mercredi 1er juin 2022 à 11 h 05 (heure de La Réunion)"
    assert dates.long_datetime(datetime(2022, 6, 1, 7, 5), "Europe/Brussels") == \
        "mercredi 1er juin 2022 à 9 h 05 (fuseau Europe/Brussels)"


STATES = [
    # (the clock, UTC, what the home page says)
    (datetime(2022, 10, 18, 7, 59, 59),
     "Le serveur d'inscription ouvrira le mardi 18 octobre 2022 à 10 h 00 (heure de Paris). "
     "Les inscriptions seront reçues jusqu'au mardi 22 novembre 2022 à 19 h 00 (heure de Paris)."),
    (datetime(2022, 11, 19, 12, 0),
     "Inscriptions ouvertes jusqu'au mardi 22 novembre 2022 à 19 h 00 (heure de Paris) — plus que 3 jours."),
    (datetime(2022, 11, 22, 13, 0),
     "Inscriptions ouvertes jusqu'au mardi 22 novembre 2022 à 19 h 00 (heure de Paris) — plus que 5 heures."),
    (datetime(2022, 11, 22, 17, 59, 59),
     "Inscriptions ouvertes jusqu'au mardi 22 novembre 2022 à 19 h 00 (heure de Paris) — moins d'une minute."),
    (datetime(2022, 11, 22, 18, 0),
     "Les inscriptions sont closes depuis le mardi 22 novembre 2022 à 19 h 00 (heure de Paris). "
     "Aucune inscription ne sera reçue après cette date. Pièces justificatives à déposer avant le "
     "jeudi 24 novembre 2022 (heure de Paris) — plus que 29 heures."),
    (datetime(2022, 11, 23, 23, 0),
     "Les inscriptions sont closes depuis le mardi 22 novembre 2022 à 19 h 00 (heure de Paris). "
     "Aucune inscription ne sera reçue après cette date. Le dépôt des pièces justificatives est clos depuis le "
     "jeudi 24 novembre 2022 à 0 h 00 (heure de Paris)."),
]


@pytest.mark.parametrize("now, sentence", STATES, ids=["à venir", "3 jours", "5 heures", "dernière seconde",
                                                        "close, pièces attendues", "tout est clos"])
def test_the_home_page_states_the_session_in_words(client, clock, open_session, now, sentence):
    clock.now = now
    assert sentence in text(client.get("/"))


def test_the_documents_deadline_is_stated_while_registrations_are_open(client, open_session):
    assert "Pièces justificatives à déposer avant le jeudi 24 novembre 2022 (heure de Paris)." in text(client.get("/"))


def test_a_session_loaded_from_its_real_file_in_2026_is_closed(ctx, clock):
    clock.now = datetime(2026, 11, 29, 10, 0)
    session, _ = ExamSession.load_spec(load_session_file(POITIERS_FILE))
    assert session.state() == "closed"


def test_the_demo_keeps_whole_local_hours_across_a_change_of_time():
    # 30 October 2022 at 12:10 UTC, summer time ended this very night.
    spec = demo_spec(load_session_file(POITIERS_FILE), datetime(2022, 10, 30, 12, 10))

    assert dates.long_datetime(spec.opens_at, spec.timezone) == "samedi 29 octobre 2022 à 13 h 00 (heure de Paris)"
    assert spec.opens_at == datetime(2022, 10, 29, 11, 0)
    assert spec.closes_at == datetime(2022, 11, 29, 12, 0)  # winter time by then: 13 h 00 in Paris
