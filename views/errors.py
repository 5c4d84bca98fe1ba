"""Error pages in French: never a stack trace, always what to do next."""
from flask import current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from storage import too_big_message

MESSAGES = {
    400: ("Requête incorrecte", "La demande envoyée est incomplète ou mal formée. Revenez en arrière et réessayez."),
    403: ("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: ("Page introuvable", "Cette page n'existe pas ou n'est pas accessible avec votre compte."),
    405: ("Action impossible", "Cette adresse ne s'utilise pas ainsi. Revenez à la page précédente."),
    413: ("Fichier trop volumineux", None),
    429: ("Trop de demandes", "Patientez quelques minutes avant de réessayer."),
    500: ("Erreur du serveur", "Une erreur inattendue s'est produite. Rien de ce que vous aviez déjà enregistré n'est perdu. Réessayez dans quelques instants."),
}


def register(app):
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _page(400, "Formulaire expiré",
                     "Le formulaire a expiré ou provient d'une autre page. Rechargez la page et envoyez-le à nouveau : "
                     "ce que vous aviez déjà enregistré n'est pas perdu.")

    app.errorhandler(HTTPException)(http_error_page)

    @app.errorhandler(Exception)
    def unexpected(error):
        app.logger.exception("Erreur inattendue")
        return _page(500, *MESSAGES[500])


def http_error_page(error):
    """The French page of an HTTP error (a blueprint with a better answer falls back on it)."""
    title, text = MESSAGES.get(error.code, (error.name, error.description))
    if error.code == 413:
        text = too_big_message(current_app.config["MAX_UPLOAD_BYTES"]) + " Vos autres fichiers sont conservés."
    return _page(error.code, title, text)


def _page(code, title, text):
    app_response = render_template("error.html", code=code, title=title, text=text)
    headers = {}
    if request.headers.get("HX-Request") == "true":
        # An htmx swap would put the error inside a small widget: show it as the page.
        headers = {"HX-Retarget": "body", "HX-Reswap": "innerHTML"}
    return app_response, code, headers
