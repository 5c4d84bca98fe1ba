"""Read the TOML text of a session file into tables whose getters check each
value's type and fail with a French ``SessionFileError`` naming the file, the
line and the key (session_file.py says what the tables must hold)."""
from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dates import french_date

# tomllib explains in English; the usual mistakes are said in French.
TOML_ERRORS = {
    "Invalid date or datetime": "date ou heure impossible",
    "Invalid value": "valeur illisible (texte sans guillemets ?)",
    "Expected newline or end of document after a statement":
        "fin de ligne attendue après la valeur",
    "Unterminated string": "guillemet fermant manquant",
    "Illegal character": "caractère interdit dans un texte (guillemet fermant manquant ?)",
    "Unclosed array": "crochet fermant « ] » manquant",
    "Cannot overwrite a value": "clé définie deux fois",
    "Cannot declare": "table déclarée deux fois",
    "Expected '=' after a key": "« = » attendu après la clé",
}

# Codes end up in URLs and exported file names.
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class SessionFileError(ValueError):
    """A session file that cannot be loaded; the message says where and why."""


def read_toml(text: str, filename: str) -> Table:
    """The top table of the TOML ``text``; ``filename`` only names it in errors."""
    source = _Source(text, filename)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise source.syntax_error(error) from None
    return Table(source, data, "", None)


class _Source:
    """The text of the file, to point errors at a line (best effort)."""

    HEADER = re.compile(r"\s*(\[\[?)\s*([\w.-]+)\s*\]\]?")
    KEY = re.compile(r"\s*([\w-]+)\s*=")

    def __init__(self, text: str, filename: str):
        self.filename = filename
        self.lines = text.splitlines()

    def error(self, line: int | None, key: str | None, message: str) -> SessionFileError:
        where = [self.filename]
        if line is not None:
            where.append(f"ligne {line}")
        if key:
            where.append(f"clé « {key} »")
        return SessionFileError(f"{', '.join(where)} : {message}")

    def syntax_error(self, error: tomllib.TOMLDecodeError) -> SessionFileError:
        # Python 3.11's tomllib only puts the position in its English message.
        detail = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)$", detail)
        line = int(found[1]) if found else max(len(self.lines), 1)
        detail = re.sub(r"\s*\(at [^)]*\)$", "", detail)
        detail = next((french for english, french in TOML_ERRORS.items()
                       if detail.startswith(english)), detail)
        key_found = self.KEY.match(self.lines[line - 1]) if line <= len(self.lines) else None
        return self.error(line, key_found and key_found[1],
                          f"syntaxe TOML incorrecte, {detail}.")

    def line_of(self, table: str, index: int | None, key: str) -> int | None:
        """Line of ``key`` in ``[table]`` (or in its ``index``-th ``[[table]]``).

        A key that is absent is located at its table's header, so a missing
        key is reported where it should have been written.
        """
        current, count, header_line = "", -1, None
        for number, text in enumerate(self.lines, start=1):
            header = self.HEADER.match(text)
            if header and header[2] == (f"{table}.{key}" if table else key):
                return number
            if header:
                current = header[2]
                if current == table:
                    count += 1
                    if index is None or count == index:
                        header_line = number
                continue
            in_table = current == table and (index is None or count == index)
            key_found = self.KEY.match(text)
            if in_table and key_found and key_found[1] == key:
                return number
        return header_line


class Table:
    """One TOML table of the file with typed getters that fail with a located message."""

    def __init__(self, source: _Source, data: dict, name: str, index: int | None):
        self.source, self.data, self.name, self.index = source, data, name, index

    def fail(self, key: str, message: str):
        line = self.source.line_of(self.name, self.index, key)
        raise self.source.error(line, key, message)

    def value(self, key: str, kind: type, kind_name: str, required: bool, default):
        if key not in self.data:
            if required:
                self.fail(key, "clé obligatoire manquante.")
            return default
        value = self.data[key]
        # bool is an int and datetime a date in Python: check the exact type.
        if type(value) is not kind:
            self.fail(key, f"la valeur doit être {kind_name}, pas {_describe(value)}.")
        return value

    def text(self, key: str, required: bool = True) -> str:
        value = self.value(key, str, "un texte", required, "").strip()
        if required and not value:
            self.fail(key, "la valeur ne doit pas être vide.")
        return value

    def code(self, key: str) -> str:
        value = self.text(key)
        if not CODE.fullmatch(value):
            self.fail(key, f"« {value} » n'est pas un code valable (lettres sans accent, "
                           "chiffres, « - », « _ » ou « . », sans espace).")
        return value

    def url(self, key: str) -> str:
        value = self.text(key, required=False)
        if value and not value.startswith(("https://", "http://")):
            self.fail(key, "l'adresse doit commencer par https:// ou http://.")
        return value

    def boolean(self, key: str, required: bool = True) -> bool:
        return self.value(key, bool, "true ou false", required, False)

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        values = self.value(key, list, "une liste de textes", required, [])
        if not all(type(value) is str and value.strip() for value in values):
            self.fail(key, "chaque élément doit être un texte non vide.")
        return tuple(value.strip() for value in values)

    def date(self, key: str) -> date:
        return self.value(key, date, "une date AAAA-MM-JJ (sans guillemets)", True, None)

    def zone(self, key: str) -> ZoneInfo:
        name = self.text(key)
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(key, f"fuseau horaire « {name} » inconnu (exemple : Europe/Paris).")

    def local_datetime(self, key: str, zone: ZoneInfo) -> datetime:
        """A local date and time in ``zone``, returned as naive UTC."""
        local = self.value(key, datetime, "une date et heure AAAA-MM-JJTHH:MM:SS "
                                          "(sans guillemets)", True, None)
        if local.tzinfo is not None:
            self.fail(key, f"indiquez l'heure locale du fuseau {zone.key}, sans décalage horaire.")
        earlier = local.replace(tzinfo=zone, fold=0)
        later = local.replace(tzinfo=zone, fold=1)
        if earlier.utcoffset() != later.utcoffset():
            moment = f"l'heure {local:%H:%M} du {french_date(local.date())}"
            if earlier.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != local:
                self.fail(key, f"{moment} n'existe pas dans le fuseau {zone.key} (changement d'heure) ; "
                               "choisissez une autre heure.")
            self.fail(key, f"{moment} existe deux fois dans le fuseau {zone.key} (changement d'heure) ; "
                           "choisissez une autre heure.")
        return earlier.astimezone(timezone.utc).replace(tzinfo=None)

    def table(self, key: str) -> Table:
        value = self.value(key, dict, "une table", True, None)
        return Table(self.source, value, key, None)

    def array(self, key: str) -> list[Table]:
        values = self.value(key, list, f"une liste de tables [[{key}]]", True, None)
        if not values:
            self.fail(key, "la liste ne doit pas être vide.")
        if not all(type(value) is dict for value in values):
            self.fail(key, f"chaque élément doit être une table [[{key}]].")
        return [Table(self.source, value, key, index) for index, value in enumerate(values)]

    def refuse_unknown(self, known: set[str]) -> None:
        for key in self.data:
            if key not in known:
                self.fail(key, f"clé inconnue ; clés possibles : {', '.join(sorted(known))}.")


def _describe(value) -> str:
    names = {str: "un texte", bool: "un booléen", int: "un nombre", float: "un nombre",
             list: "une liste", dict: "une table", datetime: "une date et heure",
             date: "une date", time: "une heure"}
    return names.get(type(value), type(value).__name__)
