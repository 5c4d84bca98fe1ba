"""The ``flask --app app …`` commands an academy runs (DESIGN.md §3)."""
import click
from flask import current_app, url_for
from flask.cli import with_appcontext

import mail
import models
from commands.backups import backup, restore
from commands.sessions import demo, load_session
from commands.uploads import sweep_uploads
from models import Account, db, migrations, team
from models.accounts import STAFF_ROLES
from models.errors import EmailTaken, NotAllowed, UnknownPoles


def register(app):
    for command in (init_db, purge_unactivated, send_mail, create_staff, serve, load_session, demo,
                    sweep_uploads, backup, restore):
        app.cli.add_command(command)


@click.command("init-db")
@with_appcontext
def init_db():
    """Create the database at the latest version, or apply the migrations it lacks (safe to run again)."""
    try:
        with db.connection_context():
            done = models.create_tables()
    except migrations.NewerDatabase as newer:
        click.echo(str(newer), err=True)
        raise SystemExit(1) from None
    if done.created:
        click.echo(f"Base de données créée (version {done.after}).")
    for version, summary in done.applied:
        click.echo(f"Base de données mise à jour : version {version - 1} → {version} ({summary}).")
    if not done.created and not done.applied:
        click.echo(f"Base de données à jour (version {done.after}).")


@click.command("purge-unactivated")
@with_appcontext
def purge_unactivated():
    """Delete the accounts not activated within 48 hours."""
    with db.connection_context():
        count = Account.purge_unactivated()
    click.echo(f"{count} compte(s) non activé(s) supprimé(s).")


@click.command("send-mail")
@with_appcontext
def send_mail():
    """Deliver the queued emails; those that fail stay queued."""
    with db.connection_context():
        sent = mail.deliver_queued(current_app._get_current_object())
        waiting = models.Outbox.select().where(models.Outbox.status == "queued").count()
    click.echo(f"{sent} courriel(s) envoyé(s), {waiting} en attente.")


@click.command("create-staff")
@with_appcontext
@click.argument("email")
@click.option("--role", type=click.Choice(STAFF_ROLES), required=True)
@click.option("--pole", "poles", multiple=True, help="Code d'un pôle (plusieurs possibles).")
@click.option("--update", is_flag=True, help="Changer le rôle et les pôles d'un compte de gestion existant.")
def create_staff(email, role, poles, update):
    """Create a staff account and email it a link to choose its password (--update: change an existing one)."""
    if role == "gestionnaire" and not poles:
        raise click.UsageError("Un gestionnaire travaille pour au moins un pôle : ajoutez --pole CODE.")
    with db.connection_context():
        try:
            if update:
                account = team.member_by_email(email)
                if account is None:
                    raise click.ClickException(f"Aucun compte de gestion pour {email} : créez-le sans --update.")
                team.change(account, role, poles)
                click.echo(f"Compte {email} mis à jour : {role}" + (f", pôles {', '.join(sorted(set(poles)))}."
                                                                    if role == "gestionnaire" else "."))
                return
            with db.atomic():
                account = team.add(email, role, poles)
                with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
                    link = url_for("account.welcome", token=account.make_token("set-password"), _external=True)
                mail.send(account.email, "staff_welcome", account=account, link=link)
        except EmailTaken:
            raise click.ClickException(f"Un compte existe déjà pour {email} (--update pour le modifier).") from None
        except (UnknownPoles, NotAllowed) as refused:
            raise click.ClickException(refused.message) from None
        mail.deliver_queued(current_app._get_current_object())
    click.echo(f"Compte {role} créé pour {email} ; un lien pour choisir le mot de passe lui a été envoyé.")


@click.command("serve")
@with_appcontext
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve(host, port, threads):
    """Serve the portal with waitress (what `make run` does)."""
    from waitress import serve as waitress_serve

    from views import request_log

    # A release installed without its migrations would fail at the first
    # request that reads a new column: say it now, and what to do.
    with db.connection_context():
        version = migrations.current_version(models.TABLES)
    if version != migrations.LATEST:
        click.echo(f"La base de données est à la version {version or 0}, ce code attend la version "
                   f"{migrations.LATEST} : lancez d'abord « flask --app app init-db ».", err=True)
        raise SystemExit(1)
    # One line per request (and waitress' own) on stderr, at INFO.
    request_log.log_to_stderr()
    app = current_app._get_current_object()
    if not app.config.get("MAIL_SERVER"):
        click.echo("Aucun serveur SMTP configuré : les courriels (et leurs liens) s'affichent ici.")
    if mail.sender_warning(app.config):
        click.echo(mail.sender_warning(app.config), err=True)
    click.echo(f"Sésame : http://{host}:{port}/")
    # Waitress reads each request body fully (to disk past a small size)
    # before the app sees it, so a slow phone never holds a worker thread.
    waitress_serve(app, host=host, port=port, threads=threads, ident="Sesame")
