"""``load-session`` and ``demo``: an academy opens a session by writing one file."""
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import click
from flask.cli import with_appcontext

import clock
import dates
from models import ExamSession, db
from session_file import SessionFileError, load_session_file

CATALOGUE = Path(__file__).resolve().parent.parent / "sessions" / "poitiers-juin-2023.toml"

# Both commands run in the app context even when invoked outside the flask
# group (tests' CLI runner), since the app's clock lives there.


@click.command("load-session")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def load_session(path):
    """Create or update the session a file describes (never loses registrations)."""
    spec = load_spec_or_fail(path)
    _load(spec, path)


@click.command("demo")
@click.option("--if-none", is_flag=True, help="Ne rien faire si une session existe déjà.")
@with_appcontext
def demo(if_none):
    """A demonstration session open now, with the example catalogue of the Poitiers file."""
    with db.connection_context():
        if if_none and ExamSession.select().exists():
            click.echo("Une session existe déjà : pas de session de démonstration.")
            return
    _load(demo_spec(load_spec_or_fail(CATALOGUE), clock.now()), CATALOGUE)


def load_spec_or_fail(path):
    try:
        return load_session_file(path)
    except SessionFileError as error:
        fail(str(error))


def fail(message):
    """Stop with the message in French on stderr and a non-zero exit status."""
    click.echo(f"Erreur : {message}", err=True)
    raise click.exceptions.Exit(1)


def demo_spec(catalogue, now):
    """``catalogue`` re-dated around ``now``: opened yesterday, closing in 30 days,
    pieces due 2 days later, all on the hour of the session's local time."""
    zone = catalogue.timezone
    hour = dates.local(now, zone).replace(minute=0, second=0, microsecond=0, tzinfo=None)
    closes = hour + timedelta(days=30)
    documents_due = closes + timedelta(days=2)
    exams_start_on = _next_june_first(documents_due.date())
    return replace(
        catalogue,
        documents=tuple(replace(document, help=_school_year(document.help, exams_start_on.year))
                        for document in catalogue.documents),
        code="demo",
        label="Session de démonstration",
        opens_at=dates.utc(hour - timedelta(days=1), zone),
        closes_at=dates.utc(closes, zone),
        documents_due_at=dates.utc(documents_due, zone),
        exams_start_on=exams_start_on,
    )


def _school_year(text, exams_year):
    """The catalogue's school year (« 2022-2023 ») made the demo's, the one ending with its exams."""
    return re.sub(r"\b(19|20)\d\d-(19|20)\d\d\b", f"{exams_year - 1}-{exams_year}", text)


def _next_june_first(after):
    """Vocational exams start in June: ages are computed on the June after the close."""
    june = date(after.year, 6, 1)
    return june if june > after else date(after.year + 1, 6, 1)


def _load(spec, path):
    """Load ``spec`` and say what was done, or fail naming the file."""
    with db.connection_context():
        try:
            session, created = ExamSession.load_spec(spec)
        except SessionFileError as error:
            fail(f"{path} : {error}")
        counts = (f"{session.poles.count()} pôle(s), {session.exams.count()} examen(s), "
                  f"{session.document_rules.count()} pièce(s) justificative(s)")
    verb = "créée" if created else "mise à jour"
    click.echo(f"Session « {session.label} » ({session.code}) {verb} : {counts}.")
    click.echo(f"Inscriptions du {dates.long_datetime(session.opens_at, session.timezone)} "
               f"au {dates.long_datetime(session.closes_at, session.timezone)} ; pièces avant le "
               f"{dates.long_datetime(session.documents_due_at, session.timezone)}.")
