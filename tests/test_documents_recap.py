"""Mes documents: « éditer la confirmation d'inscription et la liste des pièces justificatives »."""
import io

import pytest
from pypdf import PdfReader

from models import Piece, Registration
from tests.helpers import PASSWORD, Browser, in_db, make_account, text
from tests.registration_journey import GOOD, register

NUMBER = "2023-06-POI-000001"
ACCENTED = {**GOOD, 1: {**GOOD[1], "candidate_status": "distance", "organisme": "Cours Œdipe – 30 € par mois"},
            2: {**GOOD[2], "birth_name": "Lefèvre-D’Aubigné", "usage_name": "Cœurdevey"}}


def test_a_draft_has_no_documents_yet(open_session, logged_in):
    page = logged_in.get("/documents/").get_data(as_text=True)
    assert "Votre inscription n'est pas enregistrée" in page


def test_the_recap_states_number_version_and_time_of_the_last_save(open_session, logged_in):
    register(logged_in)
    home = logged_in.get("/documents/").get_data(as_text=True)
    assert "Visualiser / imprimer" in home and NUMBER in home
    assert "Vous êtes de nationalité française et aurez entre 18 et 24 ans au 1er juin 2023." in home
    page = logged_in.get(f"/documents/{NUMBER}/recapitulatif").get_data(as_text=True)
    # 09:00 UTC on 1 November is 10:00 in Poitiers.
    assert f"Inscription n° {NUMBER}, version 1, enregistrée le mardi 1er novembre 2022 à 10 h 00 (heure de Paris)." in page
    assert "Lefèvre" in page and "CAP Cuisine" in page and 'class="recap-sheet"' in page


def test_the_pdf_prints_accents_apostrophes_oe_and_euro(open_session, logged_in):
    register(logged_in, answers=ACCENTED)
    response = logged_in.client.get(f"/documents/{NUMBER}/recapitulatif.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"inscription-{NUMBER}.pdf" in response.headers["Content-Disposition"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    for expected in (NUMBER, "version 1", "Lefèvre-D’Aubigné", "Cœurdevey", "Zoé Maëlle", "Cours Œdipe – 30 € par mois",
                     "12 rue de l’Œuvre", "heure de Paris", "Pièce d'identité en cours de validité"):
        assert expected in text, expected


CONTACT = ("Pôle services, alimentation, hôtellerie, téléphone 05.16.52.64.50 ou 05.16.52.64.53, "
           "courriel pole.sah@ac-poitiers.fr")


def test_the_pdf_says_where_and_before_when_to_send_the_pieces_whom_to_ask_and_the_email_used(
        open_session, logged_in, candidate):
    register(logged_in)
    response = logged_in.client.get(f"/documents/{NUMBER}/recapitulatif.pdf")
    # The words of the PDF, whatever lines its table cells wrap into.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages).split())
    assert ("Pièces justificatives à déposer dans « Mes justificatifs » avant le jeudi 24 novembre 2022 "
            "(heure de Paris)") in text
    assert "Puis cliquez sur « J'ai fourni toutes mes pièces »." in text
    assert CONTACT in text
    assert f"Adresse électronique {candidate.email}" in text


def test_the_printable_recap_says_the_same(open_session, logged_in, candidate):
    register(logged_in)
    page = text(logged_in.get(f"/documents/{NUMBER}/recapitulatif"))
    assert "Pièces justificatives à déposer dans « Mes justificatifs » avant le jeudi 24 novembre 2022 (heure de Paris)" in page
    assert CONTACT in page
    assert f"Adresse électronique {candidate.email}" in page


def test_another_candidate_cannot_read_the_recap_or_the_pdf(app, open_session, logged_in):
    register(logged_in)
    with in_db(app):
        make_account("curieux@exemple.fr")
    other = Browser(app.test_client())
    other.get("/connexion")
    other.post("/connexion", {"email": "curieux@exemple.fr", "password": PASSWORD})
    assert other.get(f"/documents/{NUMBER}/recapitulatif").status_code == 404
    assert other.client.get(f"/documents/{NUMBER}/recapitulatif.pdf").status_code == 404
    assert NUMBER not in other.get("/documents/").get_data(as_text=True)


def test_documents_need_a_login(client, open_session):
    assert client.get(f"/documents/{NUMBER}/recapitulatif.pdf").status_code == 302


PROFILES = [
    ("French, 19, individual", {}, ["identite", "jdc"]),
    ("French, 16, distance learning", {1: {**GOOD[1], "candidate_status": "distance", "organisme": "Cned"},
                                        2: {**GOOD[2], "birth_date": "03/03/2007"},
                                        4: {**GOOD[4], "jdc_status": "recense"}},
     ["identite", "recensement", "scolarite"]),
    ("Italian, 30, foreign diploma, accommodation", {
        2: {**GOOD[2], "birth_date": "01/01/1993", "nationality": "italienne", "birth_country": "Italie",
            "birth_commune": "Torino", "birth_departement": ""},
        4: {"diplomas_held": "Diploma di maturità", "foreign_diploma": "y", "accommodation_requested": "oui"}},
     ["identite", "amenagement", "comparabilite"]),
    ("French, 19, BP with exemption and grades kept", {
        1: {**GOOD[1], "exam_code": "BP-BOUL"},
        4: {**GOOD[4], "diplomas_held": "CAP Boulanger, 2021", "exemption_requested": "y", "grades_kept": "y",
            "work_experience": "y"}},
     ["identite", "jdc", "diplome-dispense", "releve-notes", "experience"]),
]


@pytest.mark.parametrize("profile, answers, expected", PROFILES, ids=[p[0] for p in PROFILES])
def test_the_pieces_follow_the_candidates_situation(app, open_session, logged_in, candidate, profile, answers,
                                                    expected):
    register(logged_in, answers={**GOOD, **answers})
    with in_db(app):
        registration = Registration.get(Registration.account == candidate.id)
        assert [piece.code for piece in Piece.for_registration(registration)] == expected
        reasons = [piece.reason for piece in Piece.for_registration(registration)]
    page = text(logged_in.get("/documents/"))
    for reason in reasons:
        assert reason in page
