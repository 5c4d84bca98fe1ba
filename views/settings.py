"""Mon compte: password, email address, and ending every login session."""
from flask import Blueprint, flash, url_for
from flask_login import current_user, login_required, login_user, logout_user

import mail
from forms.account import ChangeEmailForm, ChangePasswordForm, ConfirmForm
from models import Account, Audit, LoginSession, db
from models.errors import EmailTaken
from views.page import form_page, render, see_other

bp = Blueprint("settings", __name__, url_prefix="/compte")


@bp.before_request
@login_required
def require_login():
    """Every page here is personal."""


def _checked(form):
    """Valid, and the current password (asked again before a sensitive change) is right."""
    if not form.validate_on_submit():
        return False
    if not current_user.check_password(form.current.data):
        form.current.errors.append("Ce mot de passe n'est pas le bon.")
        return False
    return True


@bp.get("/")
def home():
    """Mon compte: what the account is, and the changes one can make to it."""
    return render("settings/home.html", confirm_form=ConfirmForm())


@bp.route("/mot-de-passe", methods=["GET", "POST"])
def change_password():
    """Change the password: other login sessions end, this one goes on."""
    form = ChangePasswordForm(prefix="pw")
    if _checked(form):
        with db.atomic():
            current_user.set_password(form.password.data)
            Audit.record("mot de passe changé", current_user)
            mail.send(current_user.email, "password_changed", account=current_user)
        token = current_user.session_token
        login_user(LoginSession.open(Account.get_by_id(current_user.id)))
        LoginSession.end(token)
        flash("Votre mot de passe est changé. Vos autres connexions ont été fermées.", "success")
        return see_other("settings.home")
    return form_page("settings/password.html", form)


@bp.route("/adresse-electronique", methods=["GET", "POST"])
def change_email():
    """Ask to change the email: a link is sent to the new address to confirm it."""
    form = ChangeEmailForm(prefix="em")
    if _checked(form):
        new_email = form.email.data.strip()
        with db.atomic():
            # Taken or not, the answer is the same: no one learns who has an account.
            if Account.by_email(new_email) is None:
                token = current_user.make_token("change-email", new=new_email)
                mail.send(new_email, "confirm_email", account=current_user, new_email=new_email,
                          link=url_for("settings.confirm_email", token=token, _external=True))
        flash(f"Un lien de confirmation a été envoyé à {new_email}. Votre adresse change quand vous cliquez dessus "
              "(valable 24 heures).", "info")
        return see_other("settings.home")
    return form_page("settings/email.html", form)


@bp.route("/confirmer-adresse/<token>", methods=["GET", "POST"])
def confirm_email(token):
    """Confirm the new address from the link sent to it."""
    account, payload = Account.from_token(token, "change-email")
    form = ConfirmForm()
    if account is None or account.id != current_user.id:
        return render("account/link_invalid.html", form=None, status=400)
    if not form.validate_on_submit():
        return render("settings/confirm_email.html", form=form, new_email=payload["new"])
    old_email = account.email
    try:
        with db.atomic():
            account.change_email(payload["new"])
            Audit.record("adresse électronique changée", account, detail=f"{old_email} → {account.email}")
            mail.send(old_email, "email_changed", account=account, old_email=old_email)
    except EmailTaken:
        flash("Cette adresse est déjà utilisée par un autre compte.", "error")
        return see_other("settings.home")
    flash(f"Votre adresse électronique est maintenant {account.email}.", "success")
    return see_other("settings.home")


@bp.post("/deconnecter-partout")
def logout_everywhere():
    """End every login session of the account, this one included."""
    if ConfirmForm().validate_on_submit():
        with db.atomic():
            current_user.end_all_sessions()
            Audit.record("déconnexion de tous les appareils", current_user)
        logout_user()
        flash("Toutes vos connexions ont été fermées. Reconnectez-vous.", "info")
    return see_other("account.login")
