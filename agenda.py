"""« Ajouter à mon agenda »: a candidate's own deadlines as an iCalendar file (RFC 5545) phone calendars import.

Times are written in the session's time zone with its VTIMEZONE (the offsets
of the years concerned, read from ``zoneinfo``), so a calendar shows
« 19 h 00 » in Poitiers whatever the phone's own zone.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import dates


@dataclass(frozen=True)
class Deadline:
    key: str
    summary: str
    description: str
    at: datetime | date  # naive UTC datetime, or a whole day


def deadlines(registration, pieces):
    """The dates that matter to this candidate, in order."""
    session = registration.session
    zone = session.timezone
    found = [Deadline("fin-des-inscriptions", f"Fin des inscriptions — {session.label}",
                      f"Inscription modifiable {dates.deadline(session.closes_at, zone)}. "
                      "Aucune inscription ne sera reçue après cette date.", session.closes_at),
             Deadline("pieces", f"Pièces justificatives à déposer — {session.label}",
                      f"Déposez vos pièces dans Mes justificatifs, puis cliquez sur « J'ai fourni toutes mes pièces », "
                      f"{dates.deadline(session.documents_due_at, zone)}.", session.documents_due_at)]
    for piece in pieces:
        if piece.due_override and piece.status == "refusée":
            found.append(Deadline(f"piece-{piece.id}", f"Nouvelle date limite : {piece.label}",
                                  f"Déposez un nouveau fichier pour « {piece.label} » "
                                  f"{dates.deadline(piece.due_override, zone)}.", piece.due_override))
    found.append(Deadline("epreuves", f"Début des épreuves — {session.label}",
                          f"Les épreuves commencent le {dates.long_date(session.exams_start_on)}. Votre convocation "
                          "vous sera envoyée par le rectorat.", session.exams_start_on))
    return found


def calendar(registration, pieces, host, now):
    """The .ics text (CRLF lines, folded at 75 octets)."""
    zone = registration.session.timezone
    events = deadlines(registration, pieces)
    years = {event.at.year for event in events}
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sésame//Inscriptions aux examens//FR",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", _text("X-WR-CALNAME", f"Sésame — {registration.session.label}"),
             *_vtimezone(zone, min(years) - 1, max(years) + 1)]
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{registration.number}-{event.key}@{host}", f"DTSTAMP:{stamp}"]
        if isinstance(event.at, datetime):
            wall = event.at.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
            # A deadline shows as the half hour before it, with a reminder the day before.
            lines += [f"DTSTART;TZID={zone}:{_local(wall - timedelta(minutes=30))}",
                      f"DTEND;TZID={zone}:{_local(wall)}"]
        else:
            lines += [f"DTSTART;VALUE=DATE:{event.at:%Y%m%d}", f"DTEND;VALUE=DATE:{event.at + timedelta(days=1):%Y%m%d}"]
        lines += [_text("SUMMARY", event.summary), _text("DESCRIPTION", event.description), "TRANSP:TRANSPARENT",
                  "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D", _text("DESCRIPTION", event.summary),
                  "END:VALARM", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _local(wall):
    return wall.strftime("%Y%m%dT%H%M%S")


def _vtimezone(name, first_year, last_year):
    """VTIMEZONE for ``name``: each change of offset from ``first_year`` to ``last_year``, read from zoneinfo."""
    zone = ZoneInfo(name)
    moment = datetime(first_year, 1, 1, tzinfo=timezone.utc)
    end = datetime(last_year + 1, 1, 1, tzinfo=timezone.utc)
    offset, changes = moment.astimezone(zone).utcoffset(), []
    while moment < end:
        step = moment + timedelta(hours=1)
        new_offset = step.astimezone(zone).utcoffset()
        if new_offset != offset:
            changes.append((step, offset, new_offset))
            offset = new_offset
        moment = step
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    if not changes:
        changes = [(datetime(1970, 1, 1, tzinfo=timezone.utc), offset, offset)]
    for at, before, after in changes:
        kind = "DAYLIGHT" if at.astimezone(zone).dst() else "STANDARD"
        wall = (at + before).replace(tzinfo=None)  # the wall clock before the change, as RFC 5545 asks
        lines += [f"BEGIN:{kind}", f"DTSTART:{_local(wall)}", f"TZOFFSETFROM:{_offset(before)}",
                  f"TZOFFSETTO:{_offset(after)}", f"TZNAME:{at.astimezone(zone).tzname()}", f"END:{kind}"]
    return lines + ["END:VTIMEZONE"]


def _offset(delta):
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _text(name, value):
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return f"{name}:{escaped}"


def _fold(line):
    """Lines of at most 75 octets, continued by a space (never inside a UTF-8 character)."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in out)
