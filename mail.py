"""Writing and delivering emails.

Views never send: they queue a message in the same transaction as the
action (``send``), so an action and its email commit together or not at
all. Delivery happens after the response is out, and again from the
``send-mail`` command for whatever is still queued (SMTP down, crash).
"""
import smtplib
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from flask import current_app, g, render_template

from models import MailThrottle, Outbox
from models.accounts import fingerprint, normalise_email


def send(recipient, template, once_per=None, **context):
    """Queue the email ``templates/email/<template>.txt`` (first line: subject).

    With ``once_per`` (a timedelta), the same email to the same person is not
    queued again within that time: anyone can make the portal write to an
    address, and it must not become a way to flood someone's mailbox.
    """
    if once_per and not MailThrottle.claim(f"{template}:{fingerprint(normalise_email(recipient))}", once_per):
        return None
    text = render_template(f"email/{template}.txt", **context)
    subject, _, body = text.lstrip().partition("\n")
    return Outbox.queue(recipient, subject.strip(), body.strip() + "\n")


def sender_domain(sender):
    """The domain of ``sender`` (« Sésame <ne-pas-repondre@ac-poitiers.fr> » → ac-poitiers.fr), or ""."""
    return parseaddr(sender or "")[1].rpartition("@")[2].lower()


def sender_warning(config):
    """What to tell an operator whose emails would leave with the default sender on localhost, or None."""
    if config.get("MAIL_SERVER") and sender_domain(config.get("MAIL_DEFAULT_SENDER")) in ("", "localhost"):
        return ("Attention : MAIL_DEFAULT_SENDER est encore sur localhost "
                f"({config.get('MAIL_DEFAULT_SENDER')}) ; les courriels risquent d'être refusés ou classés en "
                "indésirables. Donnez une adresse du domaine de l'académie (FLASK_MAIL_DEFAULT_SENDER).")
    return None


def deliver_queued(app, ids=None):
    """Deliver every due message, or those of ``ids``; failures stay queued for a later try (``send-mail``)."""
    sent = 0
    for message in Outbox.claim_due(ids=ids):
        try:
            _deliver(app, message)
        except Exception as error:  # SMTP down, or one bad message: the others go on
            app.logger.warning("Courriel %s non envoyé : %s", message.id, error)
            message.mark_failed(error)
        else:
            message.mark_sent()
            sent += 1
    return sent


def _deliver(app, message):
    config = app.config
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain=sender_domain(config["MAIL_DEFAULT_SENDER"]) or "sesame")
    # Sent by the portal, not by a person: no vacation replies, no automatic answers back (RFC 3834).
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    if not config.get("MAIL_SERVER"):
        # No SMTP configured (a first run): show the message as written, so
        # its links can be clicked (the encoded form would cut them).
        print(f"\n----- Courriel à {message.recipient} -----\nObjet : {message.subject}\n\n"
              f"{message.body}-----", file=sys.stdout, flush=True)
        return
    smtp_class = smtplib.SMTP_SSL if config.get("MAIL_USE_SSL") else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=config["MAIL_TIMEOUT"]) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def deliver_after_response(response):
    """After-request hook: once the client has its page, send what this request queued."""
    pending = g.pop("outbox_pending", None)
    if pending and current_app.config["MAIL_SEND_AFTER_REQUEST"]:
        app = current_app._get_current_object()

        def deliver():
            with app.app_context():
                from models import db

                with db.connection_context():
                    # Only this request's: during a rush, each request claiming everyone's
                    # queued messages made as many write transactions as requests times messages.
                    deliver_queued(app, pending)

        response.call_on_close(deliver)
    return response
