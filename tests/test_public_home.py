"""The home page: the session, its dates and state, the steps, the contacts — without JavaScript."""
from models import ExamSession
from tests.helpers import text


def test_the_home_page_presents_the_current_session(client, open_session):
    page = text(client.get("/"))

    assert "Académie de Poitiers — Session juin 2023." in page
    assert "Candidats individuels ou inscrits à une formation d'enseignement à distance" in page
    assert "Ouverture des inscriptions mardi 18 octobre 2022 à 10 h 00 (heure de Paris)" in page
    assert "Début des épreuves jeudi 1er juin 2023" in page
    for step in ("Créer votre compte", "Vous inscrire", "Déposer vos pièces justificatives"):
        assert step in page


def test_the_contacts_of_each_pôle_are_links_to_call_or_write(client, open_session):
    body = client.get("/").get_data(as_text=True)

    assert '<a href="tel:0516526455">05.16.52.64.55</a>' in body
    assert '<a href="tel:0516526431">05.16.52.64.31</a>' in body
    assert '<a href="mailto:pole.sah@ac-poitiers.fr">pole.sah@ac-poitiers.fr</a>' in body
    for pole in ("Pôle industriel, tertiaire", "Pôle services, alimentation, hôtellerie", "Pôle baccalauréats professionnels"):
        assert pole in body


def test_the_home_page_links_to_the_pieces_simulator(client, open_session):
    assert 'href="/quelles-pieces"' in client.get("/").get_data(as_text=True)


def test_without_any_session_the_home_page_says_so_kindly(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "Aucune session d'examen n'est ouverte pour le moment" in text(response)


def test_the_current_session_is_the_open_one_rather_than_an_older_one(client, ctx, open_session):
    older = ExamSession.get_by_id(open_session.id)
    older.id, older.code, older.label = None, "2022-06-poitiers", "Session juin 2022"
    older.opens_at, older.closes_at, older.documents_due_at = (
        moment.replace(year=2021) for moment in (older.opens_at, older.closes_at, older.documents_due_at))
    older.save(force_insert=True)

    assert "Session juin 2023" in text(client.get("/"))


def test_a_boosted_htmx_navigation_gets_the_whole_page(client, open_session):
    response = client.get("/", headers={"HX-Request": "true", "HX-Boosted": "true"})

    assert "<h1>Inscription aux examens</h1>" in response.get_data(as_text=True)
    assert "HX-Request" in response.headers["Vary"]
