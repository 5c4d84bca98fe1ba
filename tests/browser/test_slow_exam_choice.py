"""On 3G the exam's languages arrive seconds after the exam is chosen: what the candidate answered meanwhile stays."""
from playwright.sync_api import expect

from tests.browser.test_registration_journey import Phone, candidate_of


def test_an_answer_given_while_the_exam_s_lists_load_is_kept(page, live_server, demo_session):
    phone = Phone(page, live_server, "examen-lent")
    phone.log_in(candidate_of(live_server, "lent@exemple.fr"))
    page.get_by_role("link", name="Commencer mon inscription").click()
    phone.step_is(1)

    held = []  # the request that asks for the exam's lists, held back as a slow link would
    page.route("**/inscription/etape/1/examen", lambda route: held.append(route))
    page.get_by_label("Examen présenté").select_option(label="Bac pro Accompagnement, soins et services à la personne")
    page.get_by_label("Candidat individuel").check()  # before the lists arrive
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    expect(page.get_by_label("Langue vivante", exact=True)).to_be_visible(timeout=10_000)
    expect(page.get_by_label("Candidat individuel")).to_be_checked()
    expect(page.get_by_text("Pôle baccalauréats professionnels", exact=False)).to_be_visible()
    page.get_by_label("Langue vivante", exact=True).select_option("Anglais")
    phone.suivant(then=2)
