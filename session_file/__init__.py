"""Read a session file (``sessions/*.toml``, DESIGN.md §3) into plain data.

Parsing is all or nothing: ``load_session_file`` returns a complete, checked
``SessionSpec`` or raises ``SessionFileError`` with a French message naming
the file, the line and the key, so whoever edits the file can fix it without
reading code. Times in the file are local to the session's timezone; the spec
holds them as naive UTC datetimes, as the database does. This module says
what the file must hold; session_file_reader.py reads it with line numbers.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime

from rules import KNOWN_WHEN
from session_file.reader import CODE, SessionFileError, Table, read_toml

# CODE and SessionFileError come from the reader but belong to this module's API.
__all__ = ["CODE", "DIPLOMAS", "DocumentSpec", "ExamSpec", "PoleSpec", "SessionFileError", "SessionSpec",
           "load_session_file", "parse_session_text"]

DIPLOMAS = ("CAP", "BEP", "BP", "Bac pro", "BTS", "MC")


@dataclass(frozen=True)
class PoleSpec:
    code: str
    label: str
    phones: tuple[str, ...]
    email: str


@dataclass(frozen=True)
class ExamSpec:
    code: str
    label: str
    diploma: str
    pole: str
    languages: tuple[str, ...] = ()
    optional_tests: tuple[str, ...] = ()
    work_experience: bool = False


@dataclass(frozen=True)
class DocumentSpec:
    code: str
    label: str
    when: str
    help: str = ""


@dataclass(frozen=True)
class SessionSpec:
    code: str
    label: str
    academy: str
    audience: str
    timezone: str
    opens_at: datetime  # naive UTC, like every datetime below
    closes_at: datetime
    documents_due_at: datetime
    exams_start_on: date
    website: str
    poles: tuple[PoleSpec, ...]
    exams: tuple[ExamSpec, ...]
    documents: tuple[DocumentSpec, ...]


def load_session_file(path: str | os.PathLike) -> SessionSpec:
    """Read and check the session file at ``path``."""
    filename = os.fspath(path)
    try:
        with open(path, encoding="utf-8-sig") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise SessionFileError(f"{filename} : impossible de lire le fichier ({error}).") from None
    return parse_session_text(text, filename)


def parse_session_text(text: str, filename: str) -> SessionSpec:
    """Check the TOML ``text`` of a session file; ``filename`` only names it in errors."""
    root = read_toml(text, filename)
    root.refuse_unknown({"session", "poles", "exams", "documents"})

    session = root.table("session")
    session.refuse_unknown(_fields(SessionSpec) - {"poles", "exams", "documents"})
    zone = session.zone("timezone")
    opens_at = session.local_datetime("opens_at", zone)
    closes_at = session.local_datetime("closes_at", zone)
    documents_due_at = session.local_datetime("documents_due_at", zone)
    if closes_at <= opens_at:
        session.fail("closes_at", "la clôture doit être postérieure à l'ouverture.")
    if documents_due_at < closes_at:
        session.fail("documents_due_at",
                     "la date limite des pièces ne peut précéder la clôture des inscriptions.")

    pole_tables, exam_tables, document_tables = (
        root.array("poles"), root.array("exams"), root.array("documents"))
    poles = tuple(_pole(table) for table in pole_tables)
    _refuse_duplicate_codes(pole_tables, poles, "pôle")
    pole_codes = {pole.code for pole in poles}
    exams = tuple(_exam(table, pole_codes) for table in exam_tables)
    _refuse_duplicate_codes(exam_tables, exams, "examen")
    documents = tuple(_document(table) for table in document_tables)
    _refuse_duplicate_codes(document_tables, documents, "document")

    spec = SessionSpec(
        code=session.code("code"),
        label=session.text("label"),
        academy=session.text("academy"),
        audience=session.text("audience", required=False),
        timezone=zone.key,
        opens_at=opens_at,
        closes_at=closes_at,
        documents_due_at=documents_due_at,
        exams_start_on=session.date("exams_start_on"),
        website=session.url("website"),
        poles=poles,
        exams=exams,
        documents=documents,
    )
    return spec


def _pole(table: Table) -> PoleSpec:
    table.refuse_unknown(_fields(PoleSpec))
    phones = table.texts("phones")
    if not phones:
        table.fail("phones", "indiquez au moins un numéro de téléphone.")
    email = table.text("email")
    if "@" not in email:
        table.fail("email", f"« {email} » n'est pas une adresse électronique.")
    return PoleSpec(table.code("code"), table.text("label"), phones, email)


def _exam(table: Table, pole_codes: set[str]) -> ExamSpec:
    table.refuse_unknown(_fields(ExamSpec))
    diploma = table.text("diploma")
    if diploma not in DIPLOMAS:
        table.fail("diploma", f"diplôme « {diploma} » inconnu ; valeurs possibles : "
                              f"{', '.join(DIPLOMAS)}.")
    pole = table.text("pole")
    if pole not in pole_codes:
        table.fail("pole", f"pôle « {pole} » inconnu ; pôles déclarés : "
                           f"{', '.join(sorted(pole_codes))}.")
    return ExamSpec(
        code=table.code("code"),
        label=table.text("label"),
        diploma=diploma,
        pole=pole,
        languages=table.texts("languages", required=False),
        optional_tests=table.texts("optional_tests", required=False),
        work_experience=table.boolean("work_experience", required=False),
    )


def _document(table: Table) -> DocumentSpec:
    table.refuse_unknown(_fields(DocumentSpec))
    when = table.text("when")
    if when not in KNOWN_WHEN:
        table.fail("when", f"condition « {when} » inconnue ; valeurs possibles : "
                           f"{', '.join(sorted(KNOWN_WHEN))}.")
    return DocumentSpec(table.code("code"), table.text("label"), when,
                        table.text("help", required=False))


def _refuse_duplicate_codes(tables: list[Table], specs: tuple, noun: str) -> None:
    seen = set()
    for table, spec in zip(tables, specs):
        if spec.code in seen:
            table.fail("code", f"le code « {spec.code} » est déjà utilisé par un autre {noun}.")
        seen.add(spec.code)


def _fields(cls) -> set[str]:
    return set(cls.__dataclass_fields__)
