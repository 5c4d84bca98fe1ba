"""Équipe (admins only): the staff, who is added, what they may see, who is switched off."""
from flask import abort, flash, url_for
from flask_login import current_user

import mail
from forms.team import MemberForm, NewMemberForm
from models import db, team
from models.errors import EmailTaken, NotAllowed, UnknownPoles
from views.page import form_page, render, see_other
from views.staff import bp, staff_zone


def admin_only():
    if current_user.role != "admin":
        abort(403)


def member_or_404(account_id):
    return team.member(account_id) or abort(404)


@bp.get("/equipe")
def team_list():
    """Équipe: each staff member with role, pôles, last login and state."""
    admin_only()
    members = list(team.members())
    return render("staff/team.html", members=members, poles={m.id: team.poles_of(m) for m in members},
                  pole_labels=team.pole_labels(), zone=staff_zone())


@bp.route("/equipe/ajouter", methods=["GET", "POST"])
def team_add():
    """Ajouter un membre: the account is created and the welcome link sent."""
    admin_only()
    form = NewMemberForm(team.pole_labels())
    if not form.validate_on_submit():
        return form_page("staff/team_add.html", form)
    try:
        with db.atomic():
            account = team.add(form.email.data, form.role.data, form.poles.data, by=current_user.id)
            mail.send(account.email, "staff_welcome", account=account,
                      link=url_for("account.welcome", token=account.make_token("set-password"), _external=True))
    except EmailTaken:
        form.email.errors.append("Un compte existe déjà pour cette adresse.")
        return form_page("staff/team_add.html", form)
    except (UnknownPoles, NotAllowed) as refused:
        form.form_errors.append(refused.message)
        return form_page("staff/team_add.html", form)
    flash(f"{account.email} est ajouté à l'équipe ; un lien pour choisir son mot de passe lui est envoyé.", "success")
    return see_other("staff.team_list")


@bp.route("/equipe/<int:account_id>", methods=["GET", "POST"])
def team_member(account_id):
    """One member: change the role and the pôles."""
    admin_only()
    member = member_or_404(account_id)
    form = MemberForm(team.pole_labels(), data={"role": member.role, "poles": team.poles_of(member)})
    if not form.validate_on_submit():
        return form_page("staff/team_member.html", form, member=member, zone=staff_zone())
    try:
        changed = team.change(member, form.role.data, form.poles.data, by=current_user.id)
    except (UnknownPoles, NotAllowed) as refused:
        form.form_errors.append(refused.message)
        return form_page("staff/team_member.html", form, member=member, zone=staff_zone())
    flash(f"{member.email} : rôle et pôles enregistrés." if changed else "Aucun changement.", "success")
    return see_other("staff.team_list")


@bp.post("/equipe/<int:account_id>/desactiver")
def team_deactivate(account_id):
    """Désactiver: the member's open sessions end at once and they can no longer log in."""
    admin_only()
    member = member_or_404(account_id)
    try:
        team.deactivate(member, by=current_user.id)
    except NotAllowed as refused:
        flash(refused.message, "error")
        return see_other("staff.team_list")
    flash(f"{member.email} est désactivé : ses connexions sont terminées.", "success")
    return see_other("staff.team_list")


@bp.post("/equipe/<int:account_id>/reactiver")
def team_reactivate(account_id):
    """Réactiver: the member may log in again."""
    admin_only()
    member = member_or_404(account_id)
    team.reactivate(member, by=current_user.id)
    flash(f"{member.email} est réactivé.", "success")
    return see_other("staff.team_list")
