"""« Exporter la liste »: a CSV file Excel opens in French (UTF-8 with BOM, « ; »), with no formula inside."""
from datetime import datetime

import pytest

from models import Piece, Registration
from tests.helpers import attachment, in_db
from tests.staff_fixtures import csv_rows, enrol_many, set_pieces

HEADER = ["Numéro", "Civilité", "Nom de naissance", "Nom d'usage", "Prénoms", "Date de naissance", "Examen", "Pôle",
          "Statut", "Pièces manquantes", "Date de déclaration", "Adresse", "Code postal", "Commune", "Téléphone",
          "Courriel", "Pays", "Lieu de naissance", "Nationalité", "Vous êtes", "Organisme de formation à distance",
          "Langue vivante", "Épreuves facultatives", "Diplômes déjà obtenus", "Dispense d'épreuves demandée",
          "Notes d'une session antérieure conservées", "Diplôme obtenu à l'étranger",
          "Expérience professionnelle justifiée", "Aménagement des épreuves demandé", "Recensement et JDC",
          "Version", "Enregistrée le", "Motif (inscription écartée)", "État des pièces"]


@pytest.fixture
def two_candidates(app, open_session):
    """Number 2 declared with everything validated; number 3 misses one piece and had the other refused."""
    with in_db(app):
        declared, missing = enrol_many(open_session, 2, usage_name="DUPONT", address="Bâtiment B\n3 allée des Tilleuls")
        set_pieces(declared, "validée")
        (Registration.update(status="validée", pieces_declared_at=datetime(2022, 11, 20, 16, 30))
         .where(Registration.id == declared.id).execute())
        (Piece.update(status="refusée", refusal_reason="Expirée.")
         .where(Piece.registration == missing, Piece.code == "identite").execute())
        enrol_many(open_session, 1, start=5, exam="BACPRO-CUIS")  # another pôle's
    return open_session


def test_the_file_opens_in_excel_with_one_line_per_registration(gestionnaire, two_candidates):
    response = gestionnaire.client.get("/gestion/export.csv", buffered=False)
    assert response.status_code == 200 and response.is_streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert attachment(response.headers["Content-Disposition"]) == ("attachment", "inscriptions-2023-06-poitiers.csv")
    assert response.get_data().startswith(b"\xef\xbb\xbfNum\xc3\xa9ro;Civilit\xc3\xa9;")
    header, declared, missing = csv_rows(response)
    assert header == HEADER
    assert declared[:16] == ["2023-06-POI-000002", "Mme", "MARTIN", "DUPONT", "Jeanne", "01/05/2000", "CAP Cuisine",
                             "Pôle services, alimentation, hôtellerie", "validée", "", "20/11/2022 17:30",
                             "Bâtiment B, 3 allée des Tilleuls", "86000", "Poitiers", "06 00 00 00 00",
                             "candidat2@exemple.fr"]
    assert declared[16:20] == ["France", "Poitiers", "française", "Candidat individuel"]
    assert declared[-1] == ("Pièce d'identité en cours de validité (recto et verso) : validée ; "
                            "Certificat individuel de participation à la Journée défense et citoyenneté (JDC) : validée")
    assert "refusée : Expirée." in missing[-1]
    assert missing[0] == "2023-06-POI-000003" and missing[8] == "enregistrée" and missing[10] == ""
    assert missing[9] == ("Pièce d'identité en cours de validité (recto et verso) (refusée) ; "
                          "Certificat individuel de participation à la Journée défense et citoyenneté (JDC)")


def test_the_file_follows_the_filters(gestionnaire, two_candidates):
    rows = csv_rows(gestionnaire.get("/gestion/export.csv?status=enregistrée"))
    assert [row[0] for row in rows[1:]] == ["2023-06-POI-000003"]


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://x.example\",\"clic\")", "+33 6 00 00 00 00 x", "-2+3",
                                   "@SUM(A1:A9)", "\t=1+1"])
def test_a_cell_that_would_be_a_formula_is_written_as_text(app, gestionnaire, open_session, typed):
    with in_db(app):
        enrol_many(open_session, 1, birth_name=typed, phone=typed)
    row = csv_rows(gestionnaire.get("/gestion/export.csv"))[1]
    assert row[2] == "'" + typed and row[14] == "'" + typed


def test_ordinary_text_is_left_alone(app, gestionnaire, open_session):
    with in_db(app):
        enrol_many(open_session, 1, birth_name="D'ARTAGNAN", first_names="Jean-Pierre")
    row = csv_rows(gestionnaire.get("/gestion/export.csv"))[1]
    assert row[2:5] == ["D'ARTAGNAN", "", "Jean-Pierre"]


def test_a_large_list_is_exported_whole(app, gestionnaire, open_session):
    with in_db(app):
        enrol_many(open_session, 1100)
    rows = csv_rows(gestionnaire.get("/gestion/export.csv"))
    assert len(rows) == 1101 and all(row[9] for row in rows[1:])


@pytest.mark.parametrize("typed, written", [("0612345678", "06 12 34 56 78"), ("06.12.34.56.78", "06 12 34 56 78"),
                                            ("+33 6 12 34 56 78", "06 12 34 56 78"), ("0033612345678", "06 12 34 56 78"),
                                            ("+32 470 12 34 56", "'+32470123456"), ("pas de téléphone", "pas de téléphone")])
def test_phone_numbers_are_written_one_way(app, gestionnaire, open_session, typed, written):
    with in_db(app):
        enrol_many(open_session, 1, phone=typed)
    assert csv_rows(gestionnaire.get("/gestion/export.csv"))[1][14] == written
