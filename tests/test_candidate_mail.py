"""Emails say they are automatic (Auto-Submitted), carry a Message-ID on the sender's domain, and the operator is
warned at startup while the sender is still on localhost."""
import pytest

import mail
from models import Outbox, db
from tests.live import SmtpServer


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def test_headers_of_an_email(app, smtp):
    app.config.update(smtp.config(), MAIL_DEFAULT_SENDER="Sésame <ne-pas-repondre@ac-poitiers.fr>")
    with app.test_request_context(), db.connection_context():
        with db.atomic():
            Outbox.queue("zoe@exemple.fr", "Objet", "Bonjour\n")
        assert mail.deliver_queued(app) == 1
    [received] = smtp.wait_for("zoe@exemple.fr")
    assert received.message["Auto-Submitted"] == "auto-generated"
    assert received.message["Message-ID"].endswith("@ac-poitiers.fr>")


@pytest.mark.parametrize("config, warned", [
    ({"MAIL_SERVER": "smtp.ac-poitiers.fr", "MAIL_DEFAULT_SENDER": "Sésame <ne-pas-repondre@localhost>"}, True),
    ({"MAIL_SERVER": "smtp.ac-poitiers.fr", "MAIL_DEFAULT_SENDER": "Sésame <ne-pas-repondre@ac-poitiers.fr>"}, False),
    ({"MAIL_SERVER": None, "MAIL_DEFAULT_SENDER": "Sésame <ne-pas-repondre@localhost>"}, False),  # the console
])
def test_a_sender_on_localhost_is_warned_of(config, warned):
    warning = mail.sender_warning(config)
    assert bool(warning) == warned
    if warned:
        assert "MAIL_DEFAULT_SENDER est encore sur localhost" in warning
