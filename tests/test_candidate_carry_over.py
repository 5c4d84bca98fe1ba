"""Nothing typed twice: the simulator's answers prefill M'inscrire, « Vérifiez vos courriels » names the
address and resends in one click, the login form after activation has the address filled in."""
from datetime import date

from models import Registration
from tests.helpers import PASSWORD, Browser, hidden_fields, in_db, make_account, parse_html, text
from tests.registration_journey import post_step, step_url


def form_value(response, name):
    for tag in ("input", "select", "textarea"):
        for field in parse_html(response).find_all(tag):
            if field.get("name") != name:
                continue
            if tag == "select":
                chosen = [o for o in field.find_all("option") if "selected" in o.attrs]
                return chosen[0]["value"] if chosen else ""
            if field.get("type") in ("radio", "checkbox"):
                if "checked" in field.attrs:
                    return field["value"]
                continue
            return field.get("value", field.text)
    return None


def test_the_simulator_answers_prefill_m_inscrire(app, client, open_session, candidate):
    browser = Browser(client)
    answers = {"birth_date": "15/01/2004", "french": "oui", "exam": "CAP-CUIS", "distance_learning": "y",
               "exemption_requested": "y"}
    page = browser.get("/quelles-pieces", query_string=answers)
    assert "Vos réponses seront reprises dans M'inscrire" in text(page)
    browser.get("/connexion")
    assert browser.post("/connexion", {"email": candidate.email, "password": PASSWORD}).status_code == 303
    step1 = browser.get(step_url(1))
    assert form_value(step1, "exam_code") == "CAP-CUIS"
    assert form_value(step1, "candidate_status") == "distance"
    response = post_step(browser, 1, {"candidate_status": "distance", "organisme": "CNED"})
    assert response.status_code == 303
    step2 = browser.get(step_url(2))
    assert form_value(step2, "birth_date") == "15/01/2004"
    assert form_value(step2, "nationality") == "française"
    with in_db(app):
        registration = Registration.get(Registration.account == candidate.id).working_copy()
    assert registration.birth_date == date(2004, 1, 15) and registration.exemption_requested
    # Still editable: step 2 takes another answer.
    assert post_step(browser, 2, {"birth_date": "14/07/2003"}).status_code == 303


def test_without_the_simulator_nothing_is_prefilled(open_session, logged_in):
    step1 = logged_in.get(step_url(1))
    assert form_value(step1, "exam_code") == ""


def test_check_your_email_names_the_address_and_resends_in_one_click(app, browser, mailbox, clock):
    browser.get("/compte/creer")
    browser.post("/compte/creer", {"email": "Zoe@exemple.fr", "password": PASSWORD, "confirm": PASSWORD})
    page = browser.get("/compte/verifiez-vos-courriels")
    assert "Si l'adresse Zoe@exemple.fr peut recevoir un compte" in text(page)
    assert hidden_fields(page)["email"] == "Zoe@exemple.fr"
    clock.advance(minutes=4)
    [button] = [b for b in parse_html(page).find_all("button") if "Renvoyer le lien" in b.text]
    assert button.text == "Renvoyer le lien à Zoe@exemple.fr"
    assert browser.post("/compte/nouveau-lien", hidden_fields(page)).status_code == 303
    assert len(mailbox.messages("Zoe@exemple.fr")) == 2


def test_an_address_already_taken_gets_the_same_page(app, browser, mailbox):
    with in_db(app):
        make_account("pris@exemple.fr")
    browser.get("/compte/creer")
    browser.post("/compte/creer", {"email": "pris@exemple.fr", "password": PASSWORD, "confirm": PASSWORD})
    taken = text(browser.get("/compte/verifiez-vos-courriels"))
    other = Browser(app.test_client())
    other.get("/compte/creer")
    other.post("/compte/creer", {"email": "libre@exemple.fr", "password": PASSWORD, "confirm": PASSWORD})
    free = text(other.get("/compte/verifiez-vos-courriels"))
    assert taken.replace("pris@", "libre@") == free


def test_after_activation_the_login_form_has_the_address(app, browser, mailbox):
    browser.get("/compte/creer")
    browser.post("/compte/creer", {"email": "zoe@exemple.fr", "password": PASSWORD, "confirm": PASSWORD})
    link = mailbox.link("zoe@exemple.fr")
    path = "/" + link.split("/", 3)[3]
    browser.get(path)
    assert browser.post(path, {}).status_code == 303
    login = browser.get("/connexion")
    assert form_value(login, "email") == "zoe@exemple.fr"
    # Another browser, which did not activate, gets an empty form.
    assert form_value(Browser(app.test_client()).get("/connexion"), "email") == ""
