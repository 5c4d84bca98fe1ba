"""Équipe: admins add, change, switch off and on the rectorat's staff; create-staff checks pôles; all audited."""
import pytest

from models import Account, Audit, StaffPole
from tests.helpers import PASSWORD, Browser, in_db, parse_html, text
from tests.staff_fixtures import SAH, sign_in


def member_id(app, email):
    with in_db(app):
        return Account.by_email(email).id


def actions(app):
    with in_db(app):
        return [a.action for a in Audit.select().where(Audit.action.startswith("membre")).order_by(Audit.id)]


def test_the_team_page_lists_staff_with_role_poles_login_and_state(admin, gestionnaire, open_session):
    page = admin.get("/gestion/equipe")
    assert page.status_code == 200
    words = text(page)
    assert "gestion.sah@ac-poitiers.fr" in words and "Pôle services, alimentation, hôtellerie" in words
    assert "Actif" in words and "Ajouter un membre" in words and "Désactiver" in words


@pytest.mark.parametrize("url", ["/gestion/equipe", "/gestion/equipe/ajouter"])
def test_only_admins_reach_the_team(gestionnaire, uploader, url):
    assert gestionnaire.get(url).status_code == 403
    assert uploader.get(url).status_code == 403


def test_an_admin_adds_a_member_who_gets_the_welcome_link(app, admin, open_session, mailbox, client):
    page = admin.get("/gestion/equipe/ajouter")
    assert page.status_code == 200
    labels = [label.text for label in parse_html(page).find_all("label")]
    assert "Adresse électronique" in labels and any("Pôle industriel, tertiaire" in label for label in labels)
    response = admin.post("/gestion/equipe/ajouter", {"email": "nouveau@ac-poitiers.fr", "role": "gestionnaire",
                                                      "poles": ["industriel-tertiaire", SAH]})
    assert response.status_code == 303
    with in_db(app):
        account = Account.by_email("nouveau@ac-poitiers.fr")
        assert account.role == "gestionnaire"
        assert sorted(p.pole_code for p in StaffPole.select().where(StaffPole.account == account)) == [
            "industriel-tertiaire", SAH]
    link = mailbox.link("nouveau@ac-poitiers.fr")
    assert "/bienvenue/" in link
    assert actions(app) == ["membre ajouté"]


def test_a_gestionnaire_needs_a_pole_and_an_address_is_taken_once(admin, open_session, gestionnaire):
    admin.get("/gestion/equipe/ajouter")
    response = admin.post("/gestion/equipe/ajouter", {"email": "x@ac-poitiers.fr", "role": "gestionnaire"})
    assert response.status_code == 422 and "au moins un pôle" in text(response)
    response = admin.post("/gestion/equipe/ajouter", {"email": "gestion.sah@ac-poitiers.fr", "role": "admin"})
    assert response.status_code == 422 and "Un compte existe déjà" in text(response)


def test_an_unknown_pole_is_refused_in_the_page(admin, open_session):
    admin.get("/gestion/equipe/ajouter")
    response = admin.post("/gestion/equipe/ajouter", {"email": "x@ac-poitiers.fr", "role": "gestionnaire",
                                                      "poles": ["sah"]})
    assert response.status_code == 422


def test_an_admin_changes_role_and_poles(app, admin, gestionnaire, open_session):
    account_id = member_id(app, "gestion.sah@ac-poitiers.fr")
    admin.get("/gestion/equipe")
    assert admin.post(f"/gestion/equipe/{account_id}", {"role": "gestionnaire",
                                                       "poles": ["bac-pro"]}).status_code == 303
    with in_db(app):
        assert [p.pole_code for p in StaffPole.select().where(StaffPole.account == account_id)] == ["bac-pro"]
    assert actions(app) == ["membre modifié"]


def test_deactivating_ends_open_sessions_at_the_next_request_and_blocks_login(app, admin, gestionnaire, open_session):
    assert gestionnaire.get("/gestion/").status_code == 200
    account_id = member_id(app, "gestion.sah@ac-poitiers.fr")
    admin.get("/gestion/equipe")
    assert admin.post(f"/gestion/equipe/{account_id}/desactiver").status_code == 303
    response = gestionnaire.get("/gestion/")
    assert response.status_code == 302 and "/connexion" in response.headers["Location"]
    again = Browser(app.test_client())
    again.get("/connexion")
    response = again.post("/connexion", {"email": "gestion.sah@ac-poitiers.fr", "password": PASSWORD})
    assert response.status_code == 403 and "désactivé" in text(response)
    assert "Réactiver" in text(admin.get("/gestion/equipe"))
    assert admin.post(f"/gestion/equipe/{account_id}/reactiver").status_code == 303
    assert again.post("/connexion", {"email": "gestion.sah@ac-poitiers.fr", "password": PASSWORD}).status_code == 303
    assert actions(app) == ["membre désactivé", "membre réactivé"]


def test_a_session_still_open_is_refused_even_if_only_the_flag_is_set(app, gestionnaire):
    """The login check itself reads deactivated_at, whatever else ended or not."""
    with in_db(app):
        Account.update(deactivated_at=Account.created_at).where(
            Account.email_key == "gestion.sah@ac-poitiers.fr").execute()
    assert gestionnaire.get("/gestion/").status_code == 302


def test_the_last_active_admin_cannot_be_removed(app, admin, open_session):
    own_id = member_id(app, "admin@ac-poitiers.fr")
    admin.get("/gestion/equipe")
    response = admin.post(f"/gestion/equipe/{own_id}/desactiver", follow_redirects=True)
    assert "dernier administrateur actif" in text(response)
    response = admin.post(f"/gestion/equipe/{own_id}", {"role": "gestionnaire", "poles": [SAH]})
    assert response.status_code == 422 and "dernier administrateur actif" in text(response)
    with in_db(app):
        account = Account.get_by_id(own_id)
        assert account.role == "admin" and account.deactivated_at is None


def test_with_a_second_admin_one_may_go(app, admin, open_session):
    sign_in(app, "admin2@ac-poitiers.fr", role="admin")
    second = member_id(app, "admin2@ac-poitiers.fr")
    admin.get("/gestion/equipe")
    assert admin.post(f"/gestion/equipe/{second}/desactiver").status_code == 303
    own_id = member_id(app, "admin@ac-poitiers.fr")
    admin.post(f"/gestion/equipe/{own_id}/desactiver")
    with in_db(app):
        assert Account.get_by_id(own_id).deactivated_at is None


def test_team_posts_need_csrf(app, admin, gestionnaire, open_session):
    account_id = member_id(app, "gestion.sah@ac-poitiers.fr")
    for url in (f"/gestion/equipe/{account_id}/desactiver", f"/gestion/equipe/{account_id}",
                "/gestion/equipe/ajouter"):
        assert admin.client.post(url, data={"role": "admin"}).status_code == 400, url
    assert actions(app) == []


def test_markup_in_an_address_is_inert(admin, open_session):
    admin.get("/gestion/equipe")
    admin.post("/gestion/equipe/ajouter", {"email": "<b>x</b>@ac-poitiers.fr", "role": "admin"})
    assert "<b>x</b>" not in admin.get("/gestion/equipe").get_data(as_text=True)


# create-staff ---------------------------------------------------------------------------------

def cli(app, *args):
    return app.test_cli_runner().invoke(args=["create-staff", *args])


def test_create_staff_refuses_an_unknown_pole_and_lists_the_valid_ones(app, open_session):
    result = cli(app, "g@ac-poitiers.fr", "--role", "gestionnaire", "--pole", "sah")
    assert result.exit_code != 0
    assert "Pôle inconnu : sah" in result.output and SAH in result.output and "industriel-tertiaire" in result.output
    with in_db(app):
        assert Account.by_email("g@ac-poitiers.fr") is None


def test_create_staff_update_changes_an_existing_account(app, open_session):
    assert cli(app, "g@ac-poitiers.fr", "--role", "gestionnaire", "--pole", SAH).exit_code == 0
    again = cli(app, "g@ac-poitiers.fr", "--role", "gestionnaire", "--pole", "bac-pro")
    assert again.exit_code != 0 and "--update" in again.output
    result = cli(app, "g@ac-poitiers.fr", "--role", "gestionnaire", "--pole", "bac-pro", "--pole", SAH, "--update")
    assert result.exit_code == 0, result.output
    with in_db(app):
        account = Account.by_email("g@ac-poitiers.fr")
        assert sorted(p.pole_code for p in StaffPole.select().where(StaffPole.account == account)) == ["bac-pro", SAH]
    assert cli(app, "absent@ac-poitiers.fr", "--role", "admin", "--update").exit_code != 0
    assert actions(app) == ["membre ajouté", "membre modifié"]
