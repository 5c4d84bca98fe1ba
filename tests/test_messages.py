"""Messages: one thread per registration between the candidate and the pôle, told by email, never copied in it."""
import pytest

from models import Message
from models.messages import BODY_MAX
from tests.helpers import hidden_fields, in_db, parse_html, text
from tests.staff_fixtures import FIRST, decide

PAGE = f"/gestion/inscriptions/{FIRST}"
POLE_EMAIL = "pole.services.alimentation.hotellerie@ac-poitiers.fr"


def write(browser, body, **kwargs):
    page = browser.get("/messages/")
    return browser.post("/messages/", {**hidden_fields(page), "body": body}, **kwargs)


def answer(browser, body, **kwargs):
    page = browser.get(PAGE)
    return browser.post(f"{PAGE}/messages", {**hidden_fields(page), "body": body}, **kwargs)


def thread(app):
    with in_db(app):
        return [(m.from_staff, m.body) for m in Message.select().order_by(Message.id)]


def test_the_candidate_writes_from_mes_justificatifs_and_m_inscrire(uploader, registration):
    for url in ("/justificatifs/", "/inscription/"):
        link = [a for a in parse_html(uploader.get(url)).find_all("a") if a.text == "Écrire au pôle"]
        assert link and link[0]["href"] == "/messages/", url


def test_a_message_goes_to_the_pole_who_answers_each_told_by_email_without_the_body(
        app, uploader, gestionnaire, registration, mailbox, open_session):
    assert write(uploader, "Mon certificat JDC est en cours, que faire ?").status_code == 303
    told = mailbox.last()
    assert told.recipient.startswith("pole.") and "Mon certificat JDC" not in told.body and PAGE in told.body
    page = text(gestionnaire.get("/gestion/"))
    assert "1 non lu" in page
    review = text(gestionnaire.get(PAGE))
    assert "Mon certificat JDC est en cours" in review and "Le candidat" in review
    assert "1 non lu" not in text(gestionnaire.get("/gestion/"))  # read by opening the registration
    assert answer(gestionnaire, "Déposez l'attestation provisoire.").status_code == 303
    told = mailbox.last("candidat@exemple.fr")
    assert "attestation provisoire" not in told.body and "/messages/" in told.body
    assert "1 message du pôle non lu" in text(uploader.get("/justificatifs/"))
    words = text(uploader.get("/messages/"))
    assert words.index("Mon certificat JDC") < words.index("Déposez l'attestation provisoire")
    assert "Le pôle — Pôle services, alimentation, hôtellerie" in words and "01/11/2022 10:00" in words
    assert "non lu" not in text(uploader.get("/inscription/"))  # read by opening the thread
    assert thread(app) == [(False, "Mon certificat JDC est en cours, que faire ?"),
                           (True, "Déposez l'attestation provisoire.")]



def test_opening_a_thread_without_news_writes_nothing(app, uploader, gestionnaire, registration, monkeypatch):
    from models import Message

    assert write(uploader, "Une question").status_code == 303
    gestionnaire.get(PAGE)  # staff read it
    writes = []
    monkeypatch.setattr(Message, "mark_read", classmethod(lambda cls, *args: writes.append(args)))
    assert "Une question" in text(uploader.get("/messages/")) and "Une question" in text(gestionnaire.get(PAGE))
    assert writes == []  # neither side had anything unread: both pages stayed reads

def test_markup_in_a_message_is_inert_everywhere(app, uploader, gestionnaire, registration, mailbox):
    write(uploader, "<script>alert('x')</script><img src=x onerror=alert(1)>")
    for page in (uploader.get("/messages/"), gestionnaire.get(PAGE)):
        html = page.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
    assert "<script>" not in mailbox.last().body


@pytest.mark.parametrize("body, message", [("   ", "Écrivez votre message."),
                                           ("x" * (BODY_MAX + 1), f"{BODY_MAX} caractères")])
def test_an_empty_or_too_long_message_is_refused_and_kept(app, uploader, registration, body, message):
    response = write(uploader, body)
    assert response.status_code == 422 and message in text(response)
    assert thread(app) == []


def test_a_candidate_writes_at_most_ten_messages_a_day(app, uploader, registration, clock):
    for n in range(10):
        assert write(uploader, f"Question {n}").status_code == 303
    response = write(uploader, "Encore une")
    assert response.status_code == 422 and "10 messages en 24 heures" in text(response)
    clock.advance(hours=24, minutes=1)
    assert write(uploader, "Le lendemain").status_code == 303


def test_with_htmx_sending_answers_with_the_updated_thread(app, uploader, registration):
    response = write(uploader, "Bonjour", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="fil"')
    assert "Bonjour" in text(response) and "Votre message est envoyé" in text(response)


def test_staff_write_a_message_when_refusing_a_piece(app, gestionnaire, uploader, deposited):
    response = decide(gestionnaire, f"/gestion/pieces/{deposited.id}/refuser",
                      {f"piece-{deposited.id}-reason": "Illisible",
                       f"piece-{deposited.id}-message": "Photographiez-la à plat, près d'une fenêtre."})
    assert response.status_code == 303
    words = text(uploader.get("/messages/"))
    assert "Motif : Illisible" in words and "près d'une fenêtre" in words


def test_another_pole_never_sees_nor_writes_in_the_thread(app, uploader, other_pole, registration):
    write(uploader, "Question privée")
    assert other_pole.get(PAGE).status_code == 404
    other_pole.get("/gestion/")
    assert other_pole.post(f"{PAGE}/messages", {"body": "x"}).status_code == 404
    assert "non lu" not in text(other_pole.get("/gestion/"))


def test_staff_cannot_use_the_candidate_s_page_and_candidates_not_the_staff_s(uploader, gestionnaire, registration):
    assert gestionnaire.get("/messages/").status_code == 303
    uploader.get("/messages/")
    assert uploader.post(f"{PAGE}/messages", {"body": "x"}).status_code == 403


def test_messages_need_csrf(app, uploader, gestionnaire, registration):
    assert uploader.client.post("/messages/", data={"body": "x"}).status_code == 400
    assert gestionnaire.client.post(f"{PAGE}/messages", data={"body": "x"}).status_code == 400
    assert thread(app) == []
