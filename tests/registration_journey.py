"""A candidate going through M'inscrire, answer by answer, as the tests need it."""
from tests.helpers import hidden_fields

GOOD = {
    1: {"exam_code": "CAP-CUIS", "candidate_status": "individuel", "organisme": "", "language": "Anglais"},
    2: {"civilite": "Madame", "birth_name": "Lefèvre", "usage_name": "", "first_names": "Zoé Maëlle",
        "birth_date": "14/07/2003", "birth_country": "", "birth_commune": "Châtellerault",
        "birth_departement": "86", "nationality": "française"},
    3: {"address": "12 rue de l’Œuvre", "postcode": "86000", "commune": "Poitiers", "country": "France",
        "phone": "06 12 34 56 78"},
    4: {"diplomas_held": "", "accommodation_requested": "non", "jdc_status": "jdc-faite"},
}


def revision_in(page):
    return hidden_fields(page)["revision"]


def step_url(step):
    return f"/inscription/etape/{step}"


def hidden_in(page):
    """The hidden fields a step's page carries: its revision, and at step 1 the exam whose lists it shows."""
    return {name: value for name, value in hidden_fields(page).items() if name in ("revision", "lists_shown_for")}


def post_step(browser, step, changes=None, answers=None):
    """Open step ``step``, then send its answers (GOOD unless told) with the hidden fields the page carried.

    Without JavaScript, an exam just chosen brings step 1 back offering its
    languages and options: the answers are sent again from there, as a person would.
    """
    page = browser.get(step_url(step))
    assert page.status_code == 200, page.status_code
    data = {**(answers or GOOD[step]), **(changes or {})}
    response = browser.post(step_url(step), {**hidden_in(page.get_data(as_text=True)), **data})
    if step == 1 and response.status_code == 200:
        response = browser.post(step_url(step), {**hidden_in(response.get_data(as_text=True)), **data})
    return response


def fill_steps(browser, last=4, answers=None):
    for step in range(1, last + 1):
        response = post_step(browser, step, answers=(answers or {}).get(step))
        assert response.status_code == 303, response.get_data(as_text=True)


def enregistrer(browser, verified=True):
    page = browser.get(step_url(5))
    data = {"revision": revision_in(page.get_data(as_text=True))}
    if verified:
        data["verified"] = "y"
    return browser.post("/inscription/enregistrer", data)


def register(browser, answers=None):
    fill_steps(browser, answers=answers)
    response = enregistrer(browser)
    assert response.status_code == 303, response.get_data(as_text=True)
    return response
