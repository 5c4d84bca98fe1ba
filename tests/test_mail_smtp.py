"""Mail that is never lost, through a real SMTP server on loopback (aiosmtpd).

The action and its email commit together; delivery happens once the page
is sent. When the academy's SMTP server is down the candidate still gets
their page, and ``flask --app app send-mail`` delivers later.
"""
import threading

import pytest

import mail
from models import db
from models.outbox import MAX_ATTEMPTS
from tests.helpers import PASSWORD, in_db
from tests.live import SmtpServer


@pytest.fixture
def smtp():
    """The academy's SMTP server on a loopback port, down until a test starts it."""
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def app(app, smtp):
    app.config.update(smtp.config(), MAIL_SEND_AFTER_REQUEST=True)
    return app


def sign_up(browser, email):
    """Créer mon compte; the response is closed, as a WSGI server does once the page is sent."""
    browser.get("/compte/creer")
    response = browser.post("/compte/creer", {"email": email, "password": PASSWORD, "confirm": PASSWORD})
    response.close()
    return response.status_code


def send_mail(app):
    """``flask --app app send-mail``, which runs inside the app's context."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    return result.output


def queue(app, count):
    with app.test_request_context(), db.connection_context(), db.atomic():
        for n in range(count):
            mail.send(f"candidat{n}@exemple.fr", "activate", link=f"http://localhost/compte/activer/{n}")


def test_the_activation_email_goes_through_smtp_right_after_the_page(browser, smtp, mailbox):
    smtp.start()

    assert sign_up(browser, "Élise.Durand@exemple.fr") == 303

    received = smtp.wait_for("Élise.Durand@exemple.fr")
    assert len(received) == 1
    message = received[0]
    assert message.subject == "Activez votre compte Sésame"
    assert message.message["To"] == "Élise.Durand@exemple.fr"
    assert message.message.get_body(("plain",)).get_content_charset() == "utf-8"
    assert "« Activer mon compte »" in message.body
    assert "passé ce délai, le compte sera supprimé" in message.body
    assert message.link().startswith("http://localhost/compte/activer/")
    assert mailbox.last().status == "sent"


def test_smtp_down_the_signup_succeeds_and_send_mail_delivers_later(app, browser, smtp, mailbox, clock):
    assert sign_up(browser, "camille@exemple.fr") == 303

    waiting = mailbox.last()
    assert (waiting.status, waiting.attempts) == ("queued", 1)
    assert waiting.last_error

    smtp.start()
    assert "0 courriel(s) envoyé(s), 1 en attente." in send_mail(app)  # not before its retry time
    clock.advance(minutes=2)
    assert "1 courriel(s) envoyé(s), 0 en attente." in send_mail(app)

    assert [m.subject for m in smtp.messages("camille@exemple.fr")] == ["Activez votre compte Sésame"]
    assert mailbox.last().status == "sent"
    assert "0 courriel(s) envoyé(s), 0 en attente." in send_mail(app)


def test_after_the_last_attempt_a_message_is_failed_and_never_sent(app, smtp, mailbox, clock):
    queue(app, 1)
    for _ in range(MAX_ATTEMPTS):
        clock.advance(days=1)
        send_mail(app)

    message = mailbox.last()
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)

    smtp.start()
    clock.advance(days=1)
    assert "0 courriel(s) envoyé(s), 0 en attente." in send_mail(app)
    assert smtp.received == []


def test_two_senders_at_once_never_send_a_message_twice(app, smtp, mailbox):
    queue(app, 30)
    smtp.start()
    start = threading.Barrier(2)
    sent = []

    def sender():
        with in_db(app):
            start.wait()
            sent.append(mail.deliver_queued(app))

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sum(sent) == 30
    recipients = [r for message in smtp.received for r in message.recipients]
    assert sorted(recipients) == sorted(f"candidat{n}@exemple.fr" for n in range(30))
    assert {m.status for m in mailbox.messages()} == {"sent"}


def test_a_page_sends_its_own_emails_and_leaves_the_others_to_send_mail(app, browser, smtp, mailbox):
    """During a rush, a request that claimed everyone's queued emails competed with every other request."""
    queue(app, 3)  # queued earlier, by a request whose delivery failed or by a command
    smtp.start()

    assert sign_up(browser, "lea@exemple.fr") == 303

    assert [m.subject for m in smtp.wait_for("lea@exemple.fr")] == ["Activez votre compte Sésame"]
    assert [r for message in smtp.received for r in message.recipients] == ["lea@exemple.fr"]
    assert "3 courriel(s) envoyé(s), 0 en attente." in send_mail(app)


def test_claiming_takes_the_due_messages_oldest_first_once_and_a_dead_senders_after_its_timeout(app, clock):
    from models import Outbox
    from models.outbox import CLAIM_TIMEOUT

    with in_db(app):
        first, second, later, dead = (Outbox.queue(f"c{n}@exemple.fr", "Objet", "Texte") for n in range(4))
        Outbox.update(next_attempt_at=clock.now + CLAIM_TIMEOUT / 2).where(Outbox.id == later.id).execute()
        Outbox.update(status="sending", next_attempt_at=clock.now - CLAIM_TIMEOUT).where(
            Outbox.id == dead.id).execute()

        assert [m.id for m in Outbox.claim_due(ids=[second.id, first.id])] == [first.id, second.id]
        claimed = Outbox.claim_due()
        assert [m.id for m in claimed] == [dead.id]  # sending for 10 minutes: its sender died
        assert claimed[0].status == "sending" and claimed[0].recipient == "c3@exemple.fr"
        assert Outbox.claim_due() == []  # each once, the later one not yet due
        clock.advance(minutes=6)
        assert [m.id for m in Outbox.claim_due()] == [later.id]  # the others' senders are still within time
