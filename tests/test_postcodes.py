"""Postcode and commune checked together from the official list shipped in data/ (scripts/build_communes.py)."""
import gzip

import pytest

import communes
from models import Registration
from tests.helpers import in_db, parse_html, text
from tests.registration_journey import GOOD, fill_steps, post_step, revision_in, step_url


def test_the_shipped_list_is_small_and_knows_the_notice_s_towns():
    assert communes.FILE.stat().st_size < 400 * 1024
    with gzip.open(communes.FILE, "rt", encoding="utf-8") as lines:
        assert sum(1 for _ in lines) > 34000
    assert [c.name for c in communes.of_postcode("86000")] == ["Poitiers"]
    assert communes.named("st benoit", "86280").name == "Saint-Benoît"
    assert communes.named("CHATELLERAULT").departement == "86"
    assert "Paris" in [c.name for c in communes.of_postcode("75011")]
    assert communes.of_postcode("00000") == []


def saved(app, account):
    with in_db(app):
        return Registration.get(Registration.account == account.id).working_copy()


def test_a_postcode_with_a_space_is_accepted_and_written_without(app, open_session, logged_in, candidate):
    fill_steps(logged_in, last=2)
    assert post_step(logged_in, 3, {"postcode": "86 000", "commune": "poitiers"}).status_code == 303
    registration = saved(app, candidate)
    assert (registration.postcode, registration.commune) == ("86000", "Poitiers")


def test_a_commune_of_another_departement_is_refused_with_the_right_ones(open_session, logged_in):
    fill_steps(logged_in, last=2)
    response = post_step(logged_in, 3, {"postcode": "86 000", "commune": "Niort"})
    assert response.status_code == 422
    page = text(response)
    assert "« Niort » n'a pas le code postal 86000. Commune de ce code postal : Poitiers." in page
    # Without JavaScript the communes of the postcode are offered as the commune is typed again.
    datalist = parse_html(response).find("datalist", id="communes-du-code-postal")
    assert [o["value"] for o in datalist.find_all("option")] == ["Poitiers"]
    assert parse_html(response).find("input", id="commune")["list"] == "communes-du-code-postal"


def test_several_communes_share_a_postcode(open_session, logged_in):
    fill_steps(logged_in, last=2)
    response = post_step(logged_in, 3, {"postcode": "86130", "commune": "Poitiers"})
    assert response.status_code == 422
    assert ("Communes de ce code postal : Beaumont Saint-Cyr, Dissay, Jaunay-Marigny, Saint-Georges-lès-Baillargeaux, "
            "Beaumont, Jaunay-Clan, Marigny-Brizay, Saint-Cyr.") in text(response)
    # A former commune the addresses still name is accepted.
    assert post_step(logged_in, 3, {"postcode": "86130", "commune": "jaunay clan"}).status_code == 303


def test_paris_and_an_unknown_postcode(open_session, logged_in):
    fill_steps(logged_in, last=2)
    assert post_step(logged_in, 3, {"postcode": "75001", "commune": "Poitiers"}).status_code == 422
    unknown = post_step(logged_in, 3, {"postcode": "86999", "commune": "Poitiers"})
    assert unknown.status_code == 422 and "ne figure pas dans la liste officielle de La Poste" in text(unknown)
    assert post_step(logged_in, 3, {"postcode": "75001", "commune": "Paris"}).status_code == 303


def test_abroad_nothing_is_checked(open_session, logged_in):
    fill_steps(logged_in, last=2)
    response = post_step(logged_in, 3, {"country": "Belgique", "postcode": "1000", "commune": "Bruxelles",
                                        "phone": "+32 2 123 45 67"})
    assert response.status_code == 303


def test_typing_a_postcode_offers_its_communes_with_htmx(open_session, logged_in):
    fill_steps(logged_in, last=2)
    page = logged_in.get(step_url(3))
    data = {**GOOD[3], "revision": revision_in(page), "_field": "postcode", "postcode": "79 000", "commune": ""}
    response = logged_in.post("/inscription/etape/3/verifier", data, headers={"HX-Request": "true"})
    fragment = parse_html(response)
    assert fragment.find("p", id="postcode-feedback").text == ""
    datalist = fragment.find("datalist", id="communes-du-code-postal")
    assert datalist["data-hx-swap-oob"] == "true" and [o["value"] for o in datalist.find_all("option")] == ["Bessines", "Niort", "Sciecq"]



@pytest.mark.parametrize("commune, typed, kept, error", [
    ("Châtellerault", "", "86", None),
    ("Saint-Martin", "", "", "Plusieurs départements ont une commune de ce nom"),
    ("Saint-Martin", "67", "67", None),
    ("Atlantis", "", "", "Indiquez votre département de naissance."),
])
def test_the_birth_departement_is_named_from_the_commune(app, open_session, logged_in, candidate, commune, typed,
                                                        kept, error):
    fill_steps(logged_in, last=1)
    response = post_step(logged_in, 2, {"birth_commune": commune, "birth_departement": typed})
    if error:
        assert response.status_code == 422 and error in text(response)
    else:
        assert response.status_code == 303
        assert saved(app, candidate).birth_departement == kept
