"""Dates and times as the candidate reads them: in French, in the session's timezone.

The database keeps naive UTC; every date a candidate sees goes through here,
so « 22 novembre 2022 à 19 h 00 » means 19:00 in Poitiers whatever the
server's own timezone, summer or winter time.
"""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin",
          "juillet", "août", "septembre", "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# How the notice names the time of a place; other zones are named by their key.
ZONE_NAMES = {
    "Europe/Paris": "heure de Paris",
    "America/Guadeloupe": "heure de la Guadeloupe",
    "America/Martinique": "heure de la Martinique",
    "America/Cayenne": "heure de la Guyane",
    "Indian/Reunion": "heure de La Réunion",
    "Indian/Mayotte": "heure de Mayotte",
    "Pacific/Noumea": "heure de Nouméa",
    "Pacific/Tahiti": "heure de Tahiti",
}

MINUTE, HOUR, DAY = 60, 3600, 86400


def local(moment: datetime, zone: str) -> datetime:
    """A stored naive UTC ``moment`` as the wall-clock time of ``zone``."""
    return moment.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))


def utc(wall: datetime, zone: str) -> datetime:
    """A wall-clock time of ``zone`` as naive UTC, the way it is stored."""
    return wall.replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc).replace(tzinfo=None)


def zone_name(zone: str) -> str:
    """« heure de Paris » for ``Europe/Paris``, « fuseau Europe/Brussels » for a zone without a French name."""
    return ZONE_NAMES.get(zone) or f"fuseau {zone}"


def french_date(day: date) -> str:
    """A date the way the notice writes it: « 1er juin 2023 », « 22 novembre 2022 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def numeric_date(day: date | None) -> str:
    """« 14/07/2005 », as typed in forms and read in a spreadsheet; empty when there is none."""
    return day.strftime("%d/%m/%Y") if day else ""


def long_date(day: date) -> str:
    """« mardi 22 novembre 2022 », « jeudi 1er juin 2023 »."""
    return f"{WEEKDAYS[day.weekday()]} {french_date(day)}"


def long_datetime(moment: datetime, zone: str) -> str:
    """« mardi 22 novembre 2022 à 19 h 00 (heure de Paris) » for a stored UTC ``moment``."""
    wall = local(moment, zone)
    return f"{long_date(wall.date())} à {wall.hour} h {wall.minute:02d} ({zone_name(zone)})"


def day_and_time(moment: datetime, zone: str) -> str:
    """« 22 novembre 2022 à 9 h 05 »: when something was done, in ``zone``."""
    wall = local(moment, zone)
    return f"{french_date(wall.date())} à {wall.hour} h {wall.minute:02d}"


def compact_datetime(moment: datetime | None, zone: str, missing: str = "—") -> str:
    """« 21/11/2022 14:05 » in ``zone``, compact for tables; ``missing`` when there is none."""
    return local(moment, zone).strftime("%d/%m/%Y %H:%M") if moment else missing


def deadline(moment: datetime, zone: str) -> str:
    """« avant le jeudi 24 novembre 2022 (heure de Paris) » for a deadline at midnight, as the notice words it;
    « avant le mardi 22 novembre 2022 à 19 h 00 (heure de Paris) » for any other time."""
    wall = local(moment, zone)
    if (wall.hour, wall.minute) == (0, 0):
        return f"avant le {long_date(wall.date())} ({zone_name(zone)})"
    return f"avant le {long_datetime(moment, zone)}"


def countdown(until: datetime, now: datetime) -> str:
    """What is left before ``until``, rounded down so it never promises too much:
    « plus que 3 jours », « plus que 5 heures », « plus que 12 minutes »."""
    seconds = (until - now).total_seconds()
    if seconds >= 2 * DAY:
        return f"plus que {int(seconds // DAY)} jours"
    if seconds >= 2 * HOUR:
        return f"plus que {int(seconds // HOUR)} heures"
    if seconds >= 2 * MINUTE:
        return f"plus que {int(seconds // MINUTE)} minutes"
    if seconds >= MINUTE:
        return "plus qu'une minute"
    return "moins d'une minute"

