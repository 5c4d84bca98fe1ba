"""After the rectorat's decision: an « écartée » registration stays so, a « validée » one goes back to review."""
from models import Audit, Registration
from tests.helpers import in_db
from tests.staff_fixtures import FIRST


def set_status(app, status):
    with in_db(app):
        # The fixture's registration, complete (CAP Cuisine asks for a language), then reviewed.
        Registration.update(status=status, language="Anglais", civilite="Madame", birth_departement="86",
                            jdc_status="jdc-faite").where(Registration.number == FIRST).execute()


def saved(app):
    with in_db(app):
        return Registration.get(Registration.number == FIRST)


def test_a_set_aside_registration_cannot_be_saved_again_nor_cancelled(app, uploader, pieces):
    set_status(app, "écartée")
    version = saved(app).version
    uploader.get("/inscription/etape/5")
    response = uploader.post("/inscription/enregistrer", {"revision": saved(app).revision, "verified": "y"})
    assert response.status_code == 403
    assert "écartée par le rectorat" in response.get_data(as_text=True)
    assert uploader.post("/inscription/annuler", {"revision": saved(app).revision}).status_code == 403
    assert (saved(app).status, saved(app).version) == ("écartée", version)


def test_a_validated_registration_saved_again_goes_back_to_review_with_a_trace(app, uploader, pieces):
    set_status(app, "validée")
    assert "Inscription validée par le rectorat" in uploader.get("/inscription/").get_data(as_text=True)
    uploader.get("/inscription/etape/5")
    response = uploader.post("/inscription/enregistrer", {"revision": saved(app).revision, "verified": "y"})
    assert response.status_code == 303
    assert saved(app).status == "enregistrée"
    with in_db(app):
        assert Audit.select().where(Audit.action.contains("après validation")).count() == 1
