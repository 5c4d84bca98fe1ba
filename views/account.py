"""Créer mon compte, Activer mon compte, Me connecter, Me déconnecter, Mot de passe oublié ?"""
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, g, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.exceptions import HTTPException

import mail
from forms.account import ConfirmForm, EmailOnlyForm, LoginForm, ResetPasswordForm, SignupForm
from models import Account, Audit, LoginAttempt, LoginSession, db
from models.accounts import RESEND_INTERVAL
from views.public import SIMULATOR_ANSWERS
from views.page import field_feedback, form_page, invalid, render, see_other, see_other_url

bp = Blueprint("account", __name__)


def landing_endpoint(account):
    """Where an account goes after logging in: its own space."""
    wanted = "staff.home" if account.is_staff else "registration.space"
    return wanted if wanted in current_app.view_functions else "settings.home"


def _link(endpoint, token):
    return url_for(endpoint, token=token, _external=True)


def _send_activation(account):
    """Queue a fresh activation link, unless one left less than 3 minutes ago."""
    mail.send(account.email, "activate", once_per=RESEND_INTERVAL, account=account,
              link=_link("account.activate", account.make_token("activate")))


@bp.route("/compte/creer", methods=["GET", "POST"])
def signup():
    """Créer mon compte: the same answer whether the address is free or not."""
    form = SignupForm()
    if not form.validate_on_submit():
        return form_page("account/signup.html", form)
    account, created = Account.sign_up(form.email.data, form.password.data)
    with db.atomic():
        if created:
            Audit.record("compte créé", account)
            _send_activation(account)
        elif account.is_active:
            mail.send(account.email, "signup_attempt", once_per=RESEND_INTERVAL, account=account,
                      login=url_for("account.login", _external=True),
                      forgot=url_for("account.forgot_password", _external=True))
        else:
            _send_activation(account)
    # Shown on the next page and resent from it in one click: the address typed, whatever its account.
    session["signup_email"] = form.email.data
    return see_other("account.check_email")


INLINE_FORMS = {"signup": SignupForm}


@bp.post("/compte/verifier/<form_name>")
def check_field(form_name):
    """Inline validation: one field checked by the same validators as the full POST."""
    form_class = INLINE_FORMS.get(form_name) or abort(404)
    return field_feedback(form_class())


@bp.get("/compte/verifiez-vos-courriels")
def check_email():
    """After signup: the activation link is on its way, to the address typed."""
    form = EmailOnlyForm()
    form.email.data = form.email.data or session.get("signup_email")
    return render("account/check_email.html", form=form, sent_to=session.get("signup_email"))


@bp.get("/compte/activer/<token>")
def activate_page(token):
    """The page behind the emailed link: a button, so mail scanners cannot activate."""
    account, _ = Account.from_token(token, "activate")
    if account is None:
        return _activation_link_invalid(token)
    return render("account/activate.html", form=ConfirmForm(), token=token)


def _activation_link_invalid(token):
    """The page for a link that cannot activate: say so plainly when it already did."""
    if Account.activated_by(token):
        flash("Votre compte est déjà activé : connectez-vous.", "info")
        return see_other("account.login")
    return render("account/link_invalid.html", form=EmailOnlyForm(), status=400)


@bp.post("/compte/activer/<token>")
def activate(token):
    """Activer mon compte."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render("account/link_invalid.html", form=EmailOnlyForm(), status=400)
    account, _ = Account.from_token(token, "activate")
    if account is None:
        return _activation_link_invalid(token)
    with db.atomic():
        if account.activate():
            Audit.record("compte activé", account)
    session["login_email"] = account.email  # the login form comes filled in (the link proved the address)
    flash("Votre compte est activé. Vous pouvez maintenant vous connecter.", "success")
    return see_other("account.login")


@bp.post("/compte/nouveau-lien")
def resend_activation():
    """A new activation link, at most one every 3 minutes; same answer for any address."""
    form = EmailOnlyForm()
    if not form.validate_on_submit():
        return invalid("account/link_invalid.html", form=form)
    with db.atomic():
        account = Account.by_email(form.email.data)
        if account and not account.is_active and not account.is_expired_unactivated():
            _send_activation(account)
    session["signup_email"] = form.email.data
    flash("Si un compte en attente d'activation existe pour cette adresse, un nouveau lien vient d'y être envoyé "
          "(un envoi toutes les 3 minutes au plus).", "info")
    return see_other("account.check_email")


def _is_page(url):
    """Is ``url`` a page of this site one can GET (so a login may lead there)?"""
    try:
        current_app.create_url_adapter(request).match(urlsplit(url).path, method="GET")
    except HTTPException:
        return False
    return True


def _safe_next():
    target = request.args.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else None


def _fresh_session():
    """A new session: nothing planted before a login survives it, CSRF token included.

    Flask-WTF keeps this request's token in ``g``; dropping it makes the page
    rendered next carry a token of the new session.
    """
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


@bp.route("/connexion", methods=["GET", "POST"])
def login():
    """Me connecter."""
    form = LoginForm()
    if not form.validate_on_submit():
        if not form.is_submitted():
            form.email.data = session.get("login_email")
        return form_page("account/login.html", form)
    email, ip = form.email.data, request.remote_addr or "?"
    wait = LoginAttempt.retry_after(email, ip)
    if wait:
        minutes = max(1, round(wait / 60))
        form.form_errors.append(f"Trop de tentatives de connexion. Pour protéger votre compte, réessayez dans {minutes} minute{'s' if minutes > 1 else ''}.")
        return render("account/login.html", form=form, status=429)
    account = Account.by_email(email)
    if account is None:
        Account.waste_password_check(form.password.data)
    if account is None or not account.check_password(form.password.data):
        LoginAttempt.record_failure(email, ip)
        form.form_errors.append("Adresse électronique ou mot de passe incorrect.")
        return invalid("account/login.html", form=form)
    if account.is_deactivated:
        form.form_errors.append("Ce compte de gestion est désactivé : adressez-vous à un administrateur du rectorat.")
        return render("account/login.html", form=form, status=403)
    if not account.is_active:
        form.form_errors.append("Votre compte n'est pas encore activé : cliquez sur le lien « Activer mon compte » "
                                "reçu par courriel. Vous pouvez demander un nouveau lien ci-dessous.")
        return invalid("account/login.html", form=form, show_resend=True)
    LoginAttempt.clear(email)
    carried = session.get(SIMULATOR_ANSWERS)
    _fresh_session()
    if carried:
        # The answers of « Quelles pièces devrai-je fournir ? », for M'inscrire (nothing else survives a login).
        session[SIMULATOR_ANSWERS] = carried
    login_user(LoginSession.open(account))
    target = _safe_next()
    if target and _is_page(target):
        return see_other_url(target)
    return see_other(landing_endpoint(account))


@bp.post("/deconnexion")
def logout():
    """Me déconnecter: ends this login session on the server too."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if current_user.is_authenticated:
        LoginSession.end(current_user.session_token)
    logout_user()
    _fresh_session()
    flash("Vous êtes déconnecté.", "info")
    return see_other("public.home")


@bp.route("/mot-de-passe-oublie", methods=["GET", "POST"])
def forgot_password():
    """Mot de passe oublié ? — a link by email, the same answer for any address."""
    form = EmailOnlyForm()
    if not form.validate_on_submit():
        return form_page("account/forgot.html", form)
    with db.atomic():
        account = Account.by_email(form.email.data)
        if account and account.is_active:
            mail.send(account.email, "reset", once_per=RESEND_INTERVAL, account=account,
                      link=_link("account.reset_password", account.make_token("reset")))
    flash("Si un compte existe pour cette adresse, un lien pour choisir un nouveau mot de passe vient d'y être "
          "envoyé. Il est valable 1 heure.", "info")
    return see_other("account.login")


def _new_password(token, purpose):
    account, _ = Account.from_token(token, purpose)
    if account is None:
        return render("account/link_invalid.html", form=EmailOnlyForm(), purpose=purpose, status=400)
    form = ResetPasswordForm()
    if not form.validate_on_submit():
        return form_page("account/reset.html", form, account=account, first=purpose == "set-password")
    with db.atomic():
        account.set_password(form.password.data)
        account.activate()
        Audit.record("mot de passe changé par lien", account)
    flash("Votre mot de passe est enregistré. Connectez-vous avec ce mot de passe.", "success")
    return see_other("account.login")


@bp.route("/mot-de-passe/<token>", methods=["GET", "POST"])
def reset_password(token):
    """Choose a new password from the emailed link (1 hour, single use)."""
    return _new_password(token, "reset")


@bp.route("/bienvenue/<token>", methods=["GET", "POST"])
def welcome(token):
    """A new staff member chooses a password."""
    return _new_password(token, "set-password")
