"""The candidates' areas are for candidates: a staff account that opens one is sent to Gestion."""
from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user, login_required


def staff_home():
    """Where a staff account goes from a candidate's page: Gestion (303), or 403 where Gestion is not installed."""
    if "staff.home" not in current_app.view_functions:
        abort(403)
    return redirect(url_for("staff.home"), 303)


def candidates_only(bp, staff_may=()):
    """Every page of ``bp`` needs a logged-in candidate; staff go to Gestion, but for the endpoints ``staff_may``."""

    @bp.before_request
    @login_required
    def require_candidate():
        if current_user.is_staff and request.endpoint not in staff_may:
            return staff_home()
