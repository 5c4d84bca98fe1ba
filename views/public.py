"""Public pages: what the portal is for, the steps of the notice, the contacts."""
from flask import Blueprint

from views.page import render

bp = Blueprint("public", __name__)


@bp.get("/")
def home():
    """The home page: the session, its dates and the three steps of the notice."""
    return render("public/home.html")
