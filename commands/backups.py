"""``backup DIR`` and ``restore DIR``: the database and the uploaded files together, checked by a manifest.

A backup is a folder::

    manifest.json         what is in it: engine, schema version, rows per table, sha256 and size of every file
    database/sesame.db    SQLite: a copy made with the online backup API (or sesame.pgdump: pg_dump's custom format)
    uploads/<stored name> the files the copied database names

The database is copied first, as one consistent snapshot, while candidates
go on writing; then exactly the files that snapshot's ``upload`` rows name
are copied. A file uploaded after the snapshot is simply not in the backup,
and a row is never restored without its file. The folder is written under a
temporary name and renamed when complete, so a backup cut short is never
taken for a whole one.
"""
import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from peewee import SqliteDatabase

import clock
import storage
from models import db, migrations

MANIFEST = "manifest.json"
FORMAT = 1
ATTEMPTS = 3  # snapshots taken before giving up on a file the database names but the folder lacks


class Refused(click.ClickException):
    """A plain French message on stderr and exit status 1 (without click's English « Error: »)."""

    def show(self, file=None):
        click.echo(self.message, err=True)


@click.command("backup")
@with_appcontext
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def backup(directory):
    """Write a consistent copy of the database and of the uploaded files into DIRECTORY."""
    if directory.exists() and any(directory.iterdir()):
        raise Refused(f"{directory} existe déjà et n'est pas vide : "
                      "choisissez un nouveau dossier pour la sauvegarde.")
    directory.parent.mkdir(parents=True, exist_ok=True)
    partial = directory.with_name(f".{directory.name}.partielle-{secrets.token_hex(4)}")
    try:
        engine = _engine()
        for attempt in range(1, ATTEMPTS + 1):
            shutil.rmtree(partial, ignore_errors=True)
            (partial / "database").mkdir(parents=True)
            database_file, tables, version, stored_names = engine.snapshot(partial / "database")
            uploads, missing = _copy_named_files(Path(current_app.config["UPLOAD_FOLDER"]), partial / "uploads",
                                                 stored_names)
            # A candidate may remove a file between the snapshot and its copy:
            # a new snapshot no longer names it. A file still missing is lost.
            if not missing:
                break
            if attempt == ATTEMPTS:
                raise Refused(f"Le fichier déposé {missing[0]}, nommé par la base, est introuvable dans "
                              f"{current_app.config['UPLOAD_FOLDER']} ({len(missing)} fichier(s) manquant(s) en "
                              f"tout, après {ATTEMPTS} essais) : sauvegarde interrompue.")
        files = {path.relative_to(partial).as_posix(): _fingerprint(path)
                 for path in [database_file, *uploads]}
        manifest = {"format": FORMAT, "created_at": clock.now().isoformat() + "Z", "engine": engine.name,
                    "schema_version": version, "database": database_file.relative_to(partial).as_posix(),
                    "tables": tables, "files": files}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if directory.exists():
            directory.rmdir()
        partial.rename(directory)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    size = sum(entry["size"] for name, entry in files.items() if name.startswith("uploads/"))
    click.echo(f"Sauvegarde écrite dans {directory} : base {engine.name} (version {version}, "
               f"{sum(tables.values())} lignes dans {len(tables)} tables), "
               f"{len(uploads)} fichier(s) déposé(s) ({storage.file_size(size)}).")


@click.command("restore")
@with_appcontext
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Remplacer les données d'une instance qui n'est pas vide.")
def restore(directory, force):
    """Fill this instance (database and upload folder) from the backup in DIRECTORY, checking every file first."""
    manifest = _read_manifest(directory)
    engine = _engine()
    if manifest["engine"] != engine.name:
        raise Refused(f"Cette sauvegarde vient d'une base {manifest['engine']} ; cette instance utilise "
                      f"{engine.name} : restaurez-la dans une instance du même type.")
    if manifest["schema_version"] > migrations.LATEST:
        raise Refused(str(migrations.NewerDatabase(manifest["schema_version"], migrations.LATEST)))
    for name, expected in manifest["files"].items():
        path = directory / name
        if not path.is_file() or _fingerprint(path) != expected:
            raise Refused(f"Sauvegarde altérée : {name} est absent ou ne correspond pas à son empreinte sha256 "
                          "(manifest.json). Rien n'a été restauré.")

    folder = Path(current_app.config["UPLOAD_FOLDER"])
    rows, files = engine.rows(), _stored_files(folder)
    if (rows or files) and not force:
        raise Refused(f"Cette instance n'est pas vide ({rows} ligne(s) dans la base, {files} fichier(s) dans "
                      f"{folder}) : la restauration remplacerait ses données. Arrêtez le portail et relancez avec "
                      "--force pour les remplacer, ou restaurez dans une instance vide.")

    engine.restore(directory / manifest["database"])
    uploads = [name for name in manifest["files"] if name.startswith("uploads/")]
    folder.mkdir(parents=True, exist_ok=True)
    for name in uploads:
        temporary = folder / f"{storage.TEMP_PREFIX}{secrets.token_hex(8)}"
        shutil.copyfile(directory / name, temporary)
        os.replace(temporary, folder / Path(name).name)
    restored = engine.counts()
    if restored != manifest["tables"]:
        raise Refused(f"La base restaurée ne compte pas les lignes annoncées par la sauvegarde : {restored} "
                      f"au lieu de {manifest['tables']}.")
    tables = ", ".join(f"{table} {count}" for table, count in restored.items() if count)
    click.echo(f"Restauré depuis {directory} (sauvegarde du {manifest['created_at']}, version "
               f"{manifest['schema_version']}) : {sum(restored.values())} lignes ({tables}) ; "
               f"{len(uploads)} fichier(s) déposé(s) dans {folder}.")
    if manifest["schema_version"] < migrations.LATEST:
        click.echo("Cette sauvegarde vient d'une version antérieure : lancez « flask --app app init-db » "
                   "pour mettre la base à jour.")


def _engine():
    return SqliteEngine(db.obj.database) if isinstance(db.obj, SqliteDatabase) else PostgresqlEngine(
        current_app.config["DATABASE"])


class SqliteEngine:
    """One file: copied with SQLite's online backup API, which readers and writers may use meanwhile."""

    name = "sqlite"

    def __init__(self, path):
        self.path = path

    def snapshot(self, folder):
        copy = folder / "sesame.db"
        with closing(sqlite3.connect(self.path, timeout=30)) as source, closing(sqlite3.connect(copy)) as target:
            # All pages in one step: the copy is the database as one read transaction saw it.
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            tables = _sqlite_counts(target)
            version = _sqlite_version(target)
            names = ([name for (name,) in target.execute('SELECT "stored_name" FROM "upload"')]
                     if "upload" in tables else [])
        return copy, tables, version, names

    def rows(self):
        return sum(count for table, count in self.counts().items() if table != "schema_version")

    def counts(self):
        with closing(sqlite3.connect(self.path, timeout=30)) as connection:
            return _sqlite_counts(connection)

    def restore(self, copy):
        # The pool's idle connections would keep the old pages cached.
        db.obj.close_all()
        with closing(sqlite3.connect(copy)) as source, closing(sqlite3.connect(self.path, timeout=30)) as target:
            source.backup(target)


def _sqlite_counts(connection):
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}


def _sqlite_version(connection):
    try:
        row = connection.execute('SELECT "version" FROM "schema_version"').fetchone()
    except sqlite3.OperationalError:  # made before versions were recorded
        return 0
    return row[0] if row else 0


class PostgresqlEngine:
    """pg_dump and pg_restore (the PostgreSQL client tools), on the snapshot the upload list is read from."""

    name = "postgresql"

    def __init__(self, url):
        self.url = url

    def _tool(self, name):
        path = shutil.which(name)
        if path is None:
            raise Refused(f"{name} est introuvable : installez les outils clients de PostgreSQL (paquet Debian "
                          "postgresql-client, de la version du serveur ou plus récente) puis relancez.")
        return path

    def _run(self, *command):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise Refused(f"{Path(command[0]).name} a échoué : {done.stderr.strip()}")

    def snapshot(self, folder):
        copy, pg_dump = folder / "sesame.pgdump", self._tool("pg_dump")
        with db.connection_context(), db.atomic(isolation_level="REPEATABLE READ"):
            # pg_dump reads the very snapshot of this transaction, so the
            # list of files below and the dump agree row for row.
            snapshot_id = db.execute_sql("SELECT pg_export_snapshot()").fetchone()[0]
            self._run(pg_dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot_id}",
                      f"--file={copy}", f"--dbname={self.url}")
            tables = self._counts()
            version = db.execute_sql('SELECT "version" FROM "schema_version"').fetchone()[0] \
                if "schema_version" in tables else 0
            names = [name for (name,) in db.execute_sql('SELECT "stored_name" FROM "upload"')] \
                if "upload" in tables else []
        return copy, tables, version, names

    def _counts(self):
        return {table: db.execute_sql(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in db.get_tables()}

    def counts(self):
        with db.connection_context():
            return self._counts()

    def rows(self):
        return sum(count for table, count in self.counts().items() if table != "schema_version")

    def restore(self, copy):
        pg_restore = self._tool("pg_restore")
        db.obj.close_all()
        self._run(pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  f"--dbname={self.url}", str(copy))


def _copy_named_files(source, target, names):
    """Copy the files ``names`` from ``source`` into ``target``: (the copies, the names not found)."""
    target.mkdir()
    copies, missing = [], []
    for name in sorted(set(names)):
        try:
            shutil.copyfile(source / name, target / name)
        except FileNotFoundError:
            missing.append(name)
        else:
            copies.append(target / name)
    return copies, missing


def _stored_files(folder):
    if not folder.is_dir():
        return 0
    return sum(1 for path in folder.iterdir() if path.is_file() and not path.name.startswith(storage.TEMP_PREFIX))


def _fingerprint(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(storage.CHUNK):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _read_manifest(directory):
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Refused(f"{directory} n'est pas une sauvegarde de Sésame : {MANIFEST} est absent.") from None
    except ValueError:
        raise Refused(f"Sauvegarde altérée : {MANIFEST} est illisible. Rien n'a été restauré.") from None
    if manifest.get("format") != FORMAT:
        raise Refused(f"Format de sauvegarde inconnu ({manifest.get('format')}) : restaurez-la avec la version "
                      "de Sésame qui l'a écrite.")
    return manifest
