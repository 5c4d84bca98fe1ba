"""The menu at the top of every page: its links are built once per portal, not at each page."""
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app, request, url_for
from flask_login import current_user

CANDIDATE_LINKS = (("registration.space", "M'inscrire"), ("documents.home", "Mes documents"),
                   ("uploads.home", "Mes justificatifs"), ("settings.home", "Mon compte"))
STAFF_LINKS = (("staff.home", "Gestion"), ("settings.home", "Mon compte"))


@dataclass(frozen=True)
class Menu:
    home: str
    signup: str
    login: str
    logout: str
    # (URL, label, blueprint) of each area the person may open, in the menu's order.
    links: tuple


def menu():
    """The menu of the person at the browser: staff see Gestion, candidates their areas, visitors none."""
    staff = current_user.is_authenticated and current_user.is_staff
    return _menu(current_app._get_current_object(), request.script_root, staff)


@lru_cache(maxsize=32)
def _menu(app, script_root, staff):
    """Built once for each portal, prefix it is served under and kind of person (url_for is the same for all)."""
    links = tuple((url_for(endpoint), label, endpoint.partition(".")[0])
                  for endpoint, label in (STAFF_LINKS if staff else CANDIDATE_LINKS) if endpoint in app.view_functions)
    return Menu(url_for("public.home"), url_for("account.signup"), url_for("account.login"),
                url_for("account.logout"), links)
