"""``sweep-uploads``: remove the uploaded files no database row names any more."""
import click
from flask import current_app
from flask.cli import with_appcontext

import clock
import storage
from models import Upload, db


@click.command("sweep-uploads")
@with_appcontext
def sweep_uploads():
    """Delete orphan files of the upload folder (older than an hour, named by no upload)."""
    with db.connection_context():
        known = {name for (name,) in Upload.select(Upload.stored_name).tuples()}
    removed = storage.sweep_orphans(current_app.config["UPLOAD_FOLDER"], known, now=clock.timestamp())
    click.echo(f"{len(removed)} fichier(s) orphelin(s) supprimé(s).")
