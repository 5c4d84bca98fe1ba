"""``sweep-uploads``: remove the files removed by candidates past « Annuler la suppression », and the
uploaded files no database row names any more."""
import click
from flask import current_app
from flask.cli import with_appcontext

import clock
import storage
from models import Upload, db


@click.command("sweep-uploads")
@with_appcontext
def sweep_uploads():
    """Delete removed files no longer offered back, then orphan files (older than an hour, named by no upload)."""
    folder = current_app.config["UPLOAD_FOLDER"]
    with db.connection_context():
        gone = [upload.stored_name for upload in Upload.expired_removals() if upload.forget_removed()]
        known = {name for (name,) in Upload.select(Upload.stored_name).tuples()}
    for stored_name in gone:
        storage.discard(folder, stored_name)
    click.echo(f"{len(gone)} fichier(s) supprimé(s) par les candidats effacé(s).")
    removed = storage.sweep_orphans(folder, known, now=clock.timestamp())
    click.echo(f"{len(removed)} fichier(s) orphelin(s) supprimé(s).")
