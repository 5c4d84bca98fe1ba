"""Changer d'adresse postale: the candidate reports a move, at any time, even after the close."""
from flask import Blueprint, flash
from flask_login import current_user

from forms.address import AddressChangeForm
from models import AddressChange, ExamSession, Profile, Registration
from models.errors import StaleRevision
from views.access import candidates_only
from views.page import form_page, invalid, render, see_other

bp = Blueprint("address", __name__, url_prefix="/compte")


candidates_only(bp)


@bp.route("/adresse-postale", methods=["GET", "POST"])
def change():
    """Changer d'adresse postale: the new address replaces the old one, which stays in the history."""
    profile = Profile.for_account(current_user.id)
    exam_session = ExamSession.current()
    registration = exam_session and Registration.for_account(current_user.id, exam_session)
    changes = AddressChange.history(current_user.id)
    form = AddressChangeForm(obj=profile)
    page = {"profile": profile, "changes": changes, "zone": exam_session.timezone if exam_session else "Europe/Paris"}
    if profile is None:
        return render("address/change.html", form=form, **page)
    if not form.validate_on_submit():
        return form_page("address/change.html", form, **page)
    try:
        AddressChange.report(profile, form.postal_values(), registration)
    except StaleRevision:
        form.form_errors.append("Votre inscription a été modifiée en même temps : envoyez à nouveau la nouvelle adresse.")
        return invalid("address/change.html", form=form, **page)
    flash("Votre nouvelle adresse postale est enregistrée ; le rectorat en est informé.", "success")
    return see_other("address.change")
