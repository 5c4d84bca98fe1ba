"""The candidates' areas are for candidates: a staff account that opens one is sent to Gestion."""
from flask import abort, current_app, redirect, url_for


def staff_home():
    """Where a staff account goes from a candidate's page: Gestion (303), or 403 where Gestion is not installed."""
    if "staff.home" not in current_app.view_functions:
        abort(403)
    return redirect(url_for("staff.home"), 303)
