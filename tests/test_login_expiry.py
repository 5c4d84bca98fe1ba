"""A login ends when left idle (2 h), at the latest 12 h after it began, and on « Me déconnecter »."""
import pytest

from app import DEFAULTS
from models import LoginSession, db

SPACE = "/compte/"  # Mon compte: any page that needs a login


@pytest.fixture(autouse=True)
def portal_limits(app):
    """The limits a portal has by default, whatever the other tests' app is given."""
    app.config.update(SESSION_IDLE_MINUTES=DEFAULTS["SESSION_IDLE_MINUTES"],
                      SESSION_MAX_HOURS=DEFAULTS["SESSION_MAX_HOURS"])
    assert (DEFAULTS["SESSION_IDLE_MINUTES"], DEFAULTS["SESSION_MAX_HOURS"]) == (120, 12)


def logged_in_still(browser):
    return browser.get(SPACE).status_code == 200


def session_row(app):
    with app.app_context(), db.connection_context():
        return LoginSession.select().order_by(LoginSession.id.desc()).get()


def test_a_login_left_idle_two_hours_expires(app, logged_in, clock):
    clock.advance(hours=1, minutes=59)
    assert logged_in_still(logged_in)
    clock.advance(hours=2, seconds=1)
    response = logged_in.get(SPACE)
    assert response.status_code == 302
    assert "/connexion" in response.headers["Location"]
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Votre session a expiré : reconnectez-vous." in page
    assert "Connectez-vous pour accéder à cette page." not in page
    assert session_row(app).ended_at == clock.now


def test_the_expired_login_stays_ended_and_the_message_is_said_once(logged_in, clock):
    clock.advance(hours=3)
    first = logged_in.get(SPACE)
    assert "Votre session a expiré" in logged_in.get(first.headers["Location"]).get_data(as_text=True)
    response = logged_in.get(SPACE)
    assert response.status_code == 302
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Votre session a expiré" not in page
    assert "Connectez-vous pour accéder à cette page." in page


def test_activity_keeps_a_login_alive(logged_in, clock):
    for _ in range(5):
        clock.advance(hours=1, minutes=50)
        assert logged_in_still(logged_in)


def test_activity_is_written_down_at_most_once_a_minute(app, logged_in, clock):
    clock.advance(seconds=30)
    logged_in.get(SPACE)
    assert session_row(app).last_seen_at is None
    clock.advance(minutes=1)
    logged_in.get(SPACE)
    seen = clock.now
    assert session_row(app).last_seen_at == seen
    clock.advance(seconds=50)
    logged_in.get(SPACE)
    assert session_row(app).last_seen_at == seen


def test_a_login_ends_twelve_hours_after_it_began_even_when_active(logged_in, clock):
    for _ in range(11):
        clock.advance(hours=1)
        assert logged_in_still(logged_in)
    clock.advance(minutes=59)
    assert logged_in_still(logged_in)
    clock.advance(minutes=1)
    assert not logged_in_still(logged_in)


def test_the_limits_are_configurable(app, logged_in, clock):
    app.config.update(SESSION_IDLE_MINUTES=10, SESSION_MAX_HOURS=1)
    clock.advance(minutes=9)
    assert logged_in_still(logged_in)
    clock.advance(minutes=11)
    assert not logged_in_still(logged_in)


def test_the_absolute_limit_is_configurable(app, logged_in, clock):
    app.config.update(SESSION_MAX_HOURS=1)
    clock.advance(minutes=59)
    assert logged_in_still(logged_in)
    clock.advance(minutes=2)
    assert not logged_in_still(logged_in)


def test_me_deconnecter_still_ends_the_login_on_the_server(app, logged_in, client):
    cookie = client.get_cookie("sesame").value
    logged_in.get(SPACE)
    assert logged_in.post("/deconnexion").status_code == 303
    assert session_row(app).ended_at is not None
    # The cookie copied before the logout opens nothing.
    client.set_cookie("sesame", cookie)
    assert client.get(SPACE).status_code == 302


def test_a_login_ended_otherwise_is_not_called_expired(app, logged_in, clock):
    with app.app_context(), db.connection_context():
        LoginSession.update(ended_at=clock.now).execute()
    response = logged_in.get(SPACE)
    page = logged_in.get(response.headers["Location"]).get_data(as_text=True)
    assert "Votre session a expiré" not in page
    assert "Connectez-vous pour accéder à cette page." in page


def test_a_login_checked_before_a_password_change_does_not_write_the_old_password_back(ctx):
    from models import Account
    from tests.helpers import make_account

    checked = make_account("course@exemple.fr")  # the login has read the account and checked its password
    Account.get_by_id(checked.id).set_password("une toute nouvelle phrase de passe")  # a reset link, meanwhile
    LoginSession.open(checked)
    now = Account.get_by_id(checked.id)
    assert now.password_hash != checked.password_hash and now.check_password("une toute nouvelle phrase de passe")
    assert LoginSession.load(checked.session_token) is None  # and the login opened with the old password is no login
