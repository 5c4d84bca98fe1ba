"""M'inscrire, step by step: each « Suivant » keeps the answers on the server,
each answer is checked there, and the steps come in order."""
import pytest

from models import Profile, Registration
from tests.helpers import PASSWORD, Browser, in_db, parse_html, text
from tests.registration_journey import GOOD, fill_steps, hidden_in, post_step, revision_in, step_url


def registration_of(app, account):
    with in_db(app):
        return Registration.get_or_none(Registration.account == account.id)


def test_a_new_candidate_is_told_the_registration_is_not_saved(open_session, logged_in):
    page = logged_in.get("/inscription/").get_data(as_text=True)
    assert "Votre inscription n'est pas enregistrée" in page
    assert "Commencer mon inscription" in page


def test_each_step_says_where_the_candidate_is(open_session, logged_in):
    page = logged_in.get(step_url(1)).get_data(as_text=True)
    assert "Étape 1 sur 5" in page and "Suivant" in page and "Précédent" not in page
    fill_steps(logged_in, last=1)
    page = logged_in.get(step_url(2)).get_data(as_text=True)
    assert "Étape 2 sur 5" in page and 'href="/inscription/etape/1">Précédent' in page


WARNING = ("Chaque « Suivant » accepté garde les réponses de cette étape. Si vous quittez la page avant, "
           "même après un message d'erreur, ce que vous y avez saisi est perdu.")


def test_next_to_suivant_the_step_says_what_is_kept_and_what_is_lost(open_session, logged_in):
    fill_steps(logged_in, last=2)
    response = post_step(logged_in, 3, {"postcode": "860"})
    assert response.status_code == 422
    page = parse_html(response)
    in_order = list(page.iter())
    warning = [element for element in in_order if WARNING in element.text][-1]  # the innermost
    [suivant] = [button for button in page.find_all("button") if button.text == "Suivant"]
    phone = page.find("input", name="phone")
    assert in_order.index(phone) < in_order.index(warning) < in_order.index(suivant)


def test_the_candidate_resumes_where_they_left_off_at_step_3(app, open_session, logged_in, candidate):
    fill_steps(logged_in, last=2)
    # The phone was closed on step 3: a new login on another device finds steps 1 and 2 answered.
    logged_in = Browser(app.test_client())
    logged_in.get("/connexion")
    logged_in.post("/connexion", {"email": candidate.email, "password": PASSWORD})
    space = logged_in.get("/inscription/").get_data(as_text=True)
    assert "Reprendre à l'étape 3 sur 5" in space
    assert "Votre inscription n'est pas enregistrée" in space
    identity = logged_in.get(step_url(2)).get_data(as_text=True)
    assert 'value="Lefèvre"' in identity and 'value="14/07/2003"' in identity
    assert logged_in.get(step_url(4)).headers["Location"].endswith(step_url(3))
    draft = registration_of(app, candidate)
    assert draft.status == "brouillon" and draft.step_reached == 3 and draft.number is None


def test_a_step_cannot_be_sent_before_the_earlier_ones(app, open_session, logged_in, candidate):
    logged_in.get(step_url(1))
    response = logged_in.post(step_url(4), {"revision": "0", **GOOD[4]})
    assert response.status_code == 303 and response.headers["Location"].endswith(step_url(1))
    assert registration_of(app, candidate) is None


TYPED = {"birth_name", "birth_date", "birth_departement", "postcode", "phone"}
BAD_ANSWERS = [
    (1, {"exam_code": ""}, "Choisissez l'examen que vous présentez."),
    (1, {"exam_code": "CAP-INCONNU"}, "Choisissez l'examen que vous présentez."),
    (1, {"candidate_status": ""}, "Indiquez si vous êtes candidat individuel"),
    (1, {"candidate_status": "distance", "organisme": " "}, "Indiquez le nom de l'organisme de formation à distance."),
    (1, {"language": ""}, "Choisissez la langue vivante parmi celles de l'examen : Anglais, Espagnol."),
    (1, {"language": "Italien"}, "Choisissez la langue vivante parmi celles de l'examen"),
    (1, {"exam_code": "BTS-MCO", "optional_tests": "Tricot"}, "Cette épreuve facultative n'est pas proposée"),
    (2, {"civilite": "Docteur"}, "Choisissez Madame ou Monsieur."),
    (2, {"birth_name": ""}, "Indiquez votre nom de naissance."),
    (2, {"birth_name": "L3fèvre"}, "Utilisez seulement des lettres"),
    (2, {"first_names": ""}, "Indiquez votre prénom."),
    (2, {"birth_date": ""}, "Indiquez votre date de naissance."),
    (2, {"birth_date": "31/02/2005"}, "Cette date n'existe pas"),
    (2, {"birth_date": "hier"}, "Cette date n'existe pas"),
    (2, {"birth_date": "01/01/2015"}, "vous devez avoir entre 14 et 100 ans au 1er juin 2023"),
    (2, {"birth_date": "01/01/1900"}, "vous devez avoir entre 14 et 100 ans au 1er juin 2023"),
    (2, {"birth_date": "01/01/2030"}, "Cette date n'est pas encore passée : vérifiez l'année de naissance."),
    (2, {"birth_departement": "", "birth_commune": "Atlantis"}, "Indiquez votre département de naissance."),
    (2, {"birth_departement": "100"}, "Indiquez le numéro du département"),
    (2, {"birth_commune": ""}, "Indiquez votre commune de naissance."),
    (2, {"nationality": ""}, "Indiquez votre nationalité."),
    (3, {"address": ""}, "Indiquez votre adresse."),
    (3, {"address": "1\n2\n3\n4\n5"}, "Écrivez l'adresse sur quatre lignes au plus."),
    (3, {"postcode": "8600"}, "Un code postal français compte 5 chiffres"),
    (3, {"postcode": "86 000 A"}, "Un code postal français compte 5 chiffres"),
    (3, {"commune": ""}, "Indiquez votre commune."),
    (3, {"phone": "12 34"}, "Ce numéro n'est pas valide"),
    (3, {"phone": ""}, "Indiquez un numéro de téléphone"),
    (4, {"exemption_requested": "y"}, "Indiquez le diplôme qui vous vaut la dispense demandée."),
    (4, {"jdc_status": ""}, "Indiquez où vous en êtes du recensement ou de la JDC."),
    (4, {"accommodation_requested": "peut-être"}, "Répondez oui ou non."),
]


@pytest.mark.parametrize("step, changes, message", BAD_ANSWERS)
def test_every_answer_is_checked_on_the_server(app, open_session, logged_in, candidate, step, changes, message):
    fill_steps(logged_in, last=step - 1)
    response = post_step(logged_in, step, changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in text(page)
    assert "Vérifiez les informations saisies" in page
    for name, typed in changes.items():
        if name in TYPED and typed.strip():
            assert f'value="{typed}"' in page  # what was typed is shown again
    reached = registration_of(app, candidate)
    assert (reached.step_reached if reached else 1) == step


@pytest.mark.parametrize("step, changes", [
    (2, {"birth_country": "Maroc", "birth_commune": "Rabat", "birth_departement": ""}),
    (2, {"birth_departement": "2a"}),
    (3, {"country": "Belgique", "postcode": "1000", "commune": "Bruxelles", "phone": "+32 2 123 45 67"}),
    (1, {"candidate_status": "distance", "organisme": "Cours Œdipe"}),
])
def test_situations_that_change_what_is_required(open_session, logged_in, step, changes):
    fill_steps(logged_in, last=step - 1)
    assert post_step(logged_in, step, changes).status_code == 303


def test_work_experience_is_asked_only_by_the_exams_that_require_it(open_session, logged_in):
    fill_steps(logged_in, last=3)
    assert "expérience professionnelle demandée" not in logged_in.get(step_url(4)).get_data(as_text=True)
    post_step(logged_in, 1, {"exam_code": "BP-BOUL"})
    response = post_step(logged_in, 4)
    assert response.status_code == 422
    assert "Cet examen demande une expérience professionnelle" in response.get_data(as_text=True)
    assert post_step(logged_in, 4, {"work_experience": "y"}).status_code == 303


def test_accommodation_is_a_yes_or_no_question_without_medical_details(open_session, logged_in):
    fill_steps(logged_in, last=3)
    page = logged_in.get(step_url(4)).get_data(as_text=True)
    assert 'name="accommodation_requested" type="radio" value="oui"' in page
    assert 'name="accommodation_requested" type="radio" value="non"' in page
    assert "aucune information médicale" in page
    radios = parse_html(page).find_all("input", name="accommodation_requested")
    assert radios and not any("checked" in radio.attrs for radio in radios)  # no answer given for them
    unanswered = {name: value for name, value in GOOD[4].items() if name != "accommodation_requested"}
    response = post_step(logged_in, 4, answers=unanswered)
    assert response.status_code == 422 and "Répondez oui ou non." in response.get_data(as_text=True)
    assert post_step(logged_in, 4).status_code == 303
    again = logged_in.get(step_url(4)).get_data(as_text=True)
    assert 'checked id="accommodation_requested-1" name="accommodation_requested" type="radio" value="non"' in again


def test_the_diplomas_held_come_right_after_the_exemption_they_justify(open_session, logged_in):
    fill_steps(logged_in, last=3)
    labels = [label.get("for") for label in parse_html(logged_in.get(step_url(4))).find_all("label")]
    exemption, diplomas, grades = (labels.index(name) for name in ("exemption_requested", "diplomas_held", "grades_kept"))
    assert exemption < diplomas < grades


def test_inline_check_uses_the_same_validators(open_session, logged_in):
    fill_steps(logged_in, last=2)
    page = logged_in.get(step_url(3)).get_data(as_text=True)
    data = {**GOOD[3], "revision": revision_in(page), "_field": "postcode"}
    bad = logged_in.post("/inscription/etape/3/verifier", {**data, "postcode": "860"}, headers={"HX-Request": "true"})
    assert "Un code postal français compte 5 chiffres" in bad.get_data(as_text=True)
    abroad = logged_in.post("/inscription/etape/3/verifier", {**data, "postcode": "860", "country": "Suisse"})
    assert 'id="postcode-feedback" aria-live="polite"></p>' in abroad.get_data(as_text=True)


def test_choosing_an_exam_offers_its_languages_and_options(open_session, logged_in):
    logged_in.get(step_url(1))
    response = logged_in.post("/inscription/etape/1/examen", {"exam_code": "BTS-CG", "revision": "0"},
                              headers={"HX-Request": "true"})
    fragment = parse_html(response)
    first = fragment.find()
    assert (first.tag, first.get("id")) == ("div", "step-form")
    assert "Mathématiques approfondies" in fragment.text and "Italien" not in response.get_data(as_text=True)


def test_before_an_exam_is_chosen_no_language_is_offered(open_session, logged_in):
    page = logged_in.get(step_url(1)).get_data(as_text=True)
    assert 'name="language"' not in page and "Épreuves facultatives" not in page
    assert "La langue vivante et les épreuves facultatives de l'examen choisi vous seront proposées ensuite." in text(page)


ASSP = {"exam_code": "BACPRO-ASSP", "candidate_status": "individuel", "language": "Anglais"}


def test_without_javascript_a_chosen_exam_brings_step_1_back_with_its_languages_and_options(
        app, open_session, logged_in, candidate):
    page = logged_in.get(step_url(1)).get_data(as_text=True)

    response = logged_in.post(step_url(1), {**hidden_in(page), **ASSP})

    again = response.get_data(as_text=True)
    assert response.status_code == 200 and "Étape 1 sur 5" in again
    assert "Choisissez maintenant la langue et les épreuves facultatives de cet examen." in again
    assert "Éducation physique et sportive" in again
    assert '<option value="Espagnol">' in again and "Allemand" not in again and "Italien" not in again
    assert '<option selected value="BACPRO-ASSP">' in again
    assert registration_of(app, candidate) is None  # nothing kept before the step is answered in full
    response = logged_in.post(step_url(1), {**hidden_in(again), **ASSP, "optional_tests": "Éducation physique et sportive"})
    assert response.status_code == 303 and response.headers["Location"].endswith(step_url(2))
    draft = registration_of(app, candidate).working_copy()
    assert draft.language == "Anglais" and draft.optional_tests == ("Éducation physique et sportive",)


def test_changing_the_exam_later_offers_the_new_exams_lists_before_moving_on(open_session, logged_in):
    fill_steps(logged_in, last=2)
    page = logged_in.get(step_url(1)).get_data(as_text=True)
    assert hidden_in(page)["lists_shown_for"] == "CAP-CUIS"
    assert logged_in.post(step_url(1), {**hidden_in(page), **GOOD[1]}).status_code == 303  # same exam: on to step 2

    page = logged_in.get(step_url(1)).get_data(as_text=True)
    response = logged_in.post(step_url(1), {**hidden_in(page), **GOOD[1], "exam_code": "BTS-MCO"})

    assert response.status_code == 200
    assert "Choisissez maintenant la langue et les épreuves facultatives" in response.get_data(as_text=True)


def test_an_exam_without_languages_nor_options_goes_straight_on(open_session, logged_in):
    page = logged_in.get(step_url(1)).get_data(as_text=True)
    response = logged_in.post(step_url(1), {**hidden_in(page), **GOOD[1], "exam_code": "MC-SOMM", "language": ""})
    assert response.status_code == 303 and response.headers["Location"].endswith(step_url(2))


def test_with_javascript_the_refreshed_step_goes_straight_on(open_session, logged_in):
    page = logged_in.get(step_url(1)).get_data(as_text=True)
    fragment = logged_in.post("/inscription/etape/1/examen", {**hidden_in(page), "exam_code": "BACPRO-ASSP"},
                              headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Choisissez maintenant la langue et les épreuves facultatives de cet examen." in fragment
    assert hidden_in(fragment)["lists_shown_for"] == "BACPRO-ASSP"
    response = logged_in.post(step_url(1), {**hidden_in(fragment), **ASSP})
    assert response.status_code == 303 and response.headers["Location"].endswith(step_url(2))


def test_identity_comes_from_the_profile_of_a_previous_session(app, open_session, logged_in, candidate):
    with in_db(app):
        Profile.create(account=candidate.id, civilite="Monsieur", birth_name="Nguyễn", first_names="Étienne",
                       address="3 place d'Armes", postcode="79000", commune="Niort")
    fill_steps(logged_in, last=1)
    identity = logged_in.get(step_url(2)).get_data(as_text=True)
    assert 'value="Nguyễn"' in identity and 'value="Étienne"' in identity
    fill_steps(logged_in, last=2)
    assert "3 place d'Armes" in text(logged_in.get(step_url(3)))
