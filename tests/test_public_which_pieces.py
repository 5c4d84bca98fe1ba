"""« Quelles pièces devrai-je fournir ? »: a few answers, no account, the same rules as the real checklist."""
from datetime import date

import pytest

from models import Exam, Registration
from tests.helpers import make_account, parse_html, text

URL = "/quelles-pieces"

IDENTITE = "Pièce d'identité en cours de validité (recto et verso)"
RECENSEMENT = "Attestation de recensement"
JDC = "Certificat individuel de participation à la Journée défense et citoyenneté (JDC)"
SCOLARITE = "Certificat de scolarité de l'organisme de formation à distance"
DIPLOME = "Copie du diplôme ouvrant droit à la dispense d'épreuves"
RELEVE = "Relevé de notes de la session antérieure"
AMENAGEMENT = "Décision d'aménagement des épreuves"
EXPERIENCE = "Justificatifs d'expérience professionnelle"
COMPARABILITE = "Attestation de comparabilité du diplôme étranger"


def answers(**changes):
    """A 19-year-old (on 1 June 2023) French individual candidate, then ``changes``."""
    return {"birth_date": "2004-01-15", "french": "oui", "exam": "CAP-CUIS", **changes}


def pieces_listed(response):
    """The labels of the answer's list, in order."""
    return [item.find("strong").text for item in parse_html(response).find(id="reponse").find_all("li")]


def test_a_19_year_old_french_distance_learner_asking_an_exemption(client, open_session):
    response = client.get(URL, query_string=answers(distance_learning="y", exemption_requested="y"))

    assert response.status_code == 200
    assert pieces_listed(response) == [IDENTITE, JDC, SCOLARITE, DIPLOME]
    page = text(response)
    assert "Vous êtes de nationalité française et aurez entre 18 et 24 ans au 1er juin 2023." in page
    assert "Vous préparez l'examen par une formation d'enseignement à distance." in page


@pytest.mark.parametrize("changes, expected", [
    ({}, [IDENTITE, JDC]),
    ({"birth_date": "15/01/2004"}, [IDENTITE, JDC]),
    ({"birth_date": "2005-06-02"}, [IDENTITE, RECENSEMENT]),  # 17 the day before the exams
    ({"birth_date": "2005-06-01"}, [IDENTITE, JDC]),  # 18 on the very day
    ({"birth_date": "1998-06-01"}, [IDENTITE]),  # 25
    ({"french": "non"}, [IDENTITE]),
    ({"exam": "BP-BOUL"}, [IDENTITE, JDC, EXPERIENCE]),
    ({"exam": ""}, [IDENTITE, JDC]),
    ({"grades_kept": "y", "accommodation_requested": "y", "foreign_diploma": "y"},
     [IDENTITE, JDC, RELEVE, AMENAGEMENT, COMPARABILITE]),
])
def test_each_answer_asks_its_pieces(client, open_session, changes, expected):
    assert pieces_listed(client.get(URL, query_string=answers(**changes))) == expected


def test_the_simulator_lists_what_a_registration_with_the_same_answers_requires(client, ctx, open_session):
    registration = Registration.create(
        account=make_account(), session=open_session, exam=Exam.get(Exam.code == "BP-BOUL"),
        birth_date=date(2004, 1, 15), nationality="française", candidate_status="distance", grades_kept=True)

    simulated = pieces_listed(client.get(URL, query_string=answers(exam="BP-BOUL", distance_learning="y", grades_kept="y")))

    assert simulated == [piece.label for piece in registration.required_pieces()]


@pytest.mark.parametrize("changes, message", [
    ({"birth_date": ""}, "Indiquez votre date de naissance."),
    ({"birth_date": "31/02/2004"}, "Cette date n'existe pas : écrivez-la sous la forme JJ/MM/AAAA"),
    ({"birth_date": "hier"}, "Cette date n'existe pas : écrivez-la sous la forme JJ/MM/AAAA"),
    ({"birth_date": "2030-01-01"}, "Cette date n'est pas encore passée : vérifiez l'année de naissance."),
    ({"birth_date": "01/01/1900"}, "vous devez avoir entre 14 et 100 ans au 1er juin 2023"),
    ({"birth_date": "01/01/2015"}, "vous devez avoir entre 14 et 100 ans au 1er juin 2023"),
    ({"french": ""}, "Répondez par oui ou par non."),
    ({"french": "peut-être"}, "Répondez par oui ou par non."),
])
def test_an_incomplete_answer_is_explained_next_to_its_question(client, open_session, changes, message):
    response = client.get(URL, query_string=answers(**changes))

    assert response.status_code == 422
    page = parse_html(response)
    assert message in page.text
    assert page.find(id="reponse") is None
    typed = changes.get("birth_date")
    if typed:
        assert page.find("input", name="birth_date")["value"] == typed


def test_the_birth_date_is_typed_as_at_step_2_of_m_inscrire(client, open_session):
    page = parse_html(client.get(URL))
    field = page.find("input", name="birth_date")
    assert (field["type"], field["inputmode"], field["autocomplete"]) == ("text", "numeric", "bday")
    assert "Sous la forme JJ/MM/AAAA, par exemple 14/07/2005." in page.text


def test_the_questions_are_a_plain_form_sent_by_get_with_a_label_for_each(client, open_session):
    body = client.get(URL).get_data(as_text=True)

    assert parse_html(body).find("form", method="get", action="/quelles-pieces#reponse")
    assert "<button type=\"submit\">Voir les pièces à fournir</button>" in body
    for name in ("birth_date", "exam", "distance_learning", "exemption_requested", "grades_kept",
                 "accommodation_requested", "foreign_diploma", "french-0", "french-1"):
        assert f'<label for="{name}">' in body
    assert '<option value="CAP-CUIS">CAP Cuisine</option>' in body
    assert 'id="reponse"' not in body


def test_without_any_session_the_simulator_says_so(client):
    response = client.get(URL, query_string=answers())

    assert response.status_code == 200
    assert "Aucune session d'examen n'est ouverte pour le moment" in text(response)
