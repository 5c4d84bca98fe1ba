"""« Ajouter à mon agenda »: the candidate's own deadlines as an .ics file with its VTIMEZONE, to its owner only."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

import agenda
from models import Piece
from tests.helpers import another_candidate, in_db, parse_html

URL = "/documents/2023-06-POI-000001/agenda.ics"
PARIS = ZoneInfo("Europe/Paris")


def events(response):
    parsed = icalendar.Calendar.from_ical(response.get_data())
    return parsed, {str(event["SUMMARY"]): event for event in parsed.walk("VEVENT")}


def test_the_deadlines_in_the_session_s_time_zone(app, uploader, pieces, registration, open_session):
    response = uploader.get(URL)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"].startswith("attachment")
    raw = response.get_data()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    parsed, found = events(response)
    [zone] = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Paris"
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    close = found["Fin des inscriptions — Session juin 2023"]
    assert close["DTEND"].dt == datetime(2022, 11, 22, 19, 0, tzinfo=close["DTEND"].dt.tzinfo)
    assert close["DTEND"].dt.utcoffset() == timedelta(hours=1) and close["DTEND"].params["TZID"] == "Europe/Paris"
    assert "Aucune inscription ne sera reçue après cette date." in str(close["DESCRIPTION"])
    due = found["Pièces justificatives à déposer — Session juin 2023"]
    assert due["DTEND"].dt.replace(tzinfo=None) == datetime(2022, 11, 24, 0, 0)
    exams = found["Début des épreuves — Session juin 2023"]
    assert exams["DTSTART"].dt == date(2023, 6, 1)
    assert all(event.walk("VALARM") for event in found.values())
    assert len({str(event["UID"]) for event in found.values()}) == len(found)


def test_a_new_due_date_granted_by_staff_is_in_it(app, uploader, pieces, registration):
    later = datetime(2022, 12, 1, 17, 0)  # UTC: 18 h 00 in Paris
    with in_db(app):
        Piece.update(status="refusée", refusal_reason="Illisible.", due_override=later).where(
            Piece.id == pieces["identite"].id).execute()
    _, found = events(uploader.get(URL))
    [granted] = [event for summary, event in found.items() if summary.startswith("Nouvelle date limite")]
    assert granted["DTEND"].dt.astimezone(PARIS).replace(tzinfo=None) == datetime(2022, 12, 1, 18, 0)


def test_only_its_owner_gets_it(app, registration, pieces):
    other = another_candidate(app)
    assert other.get(URL).status_code == 404
    assert app.test_client().get(URL).status_code in (302, 303)


def test_linked_from_m_inscrire_and_mes_documents(uploader, registration):
    for page in ("/inscription/", "/documents/"):
        links = {a.text: a["href"] for a in parse_html(uploader.get(page)).find_all("a", href=True)}
        assert links["Ajouter à mon agenda"] == URL


def test_a_zone_without_daylight_saving_time():
    lines = agenda._vtimezone("Indian/Reunion", 2022, 2023)
    assert lines[:3] == ["BEGIN:VTIMEZONE", "TZID:Indian/Reunion", "BEGIN:STANDARD"]
    assert "TZOFFSETTO:+0400" in lines
