"""The one place that decides between a whole page and an htmx fragment."""
from urllib.parse import urlsplit

from flask import abort, current_app, make_response, redirect, render_template, request, url_for


def is_htmx():
    return request.headers.get("HX-Request") == "true"


def wants_fragment():
    """An htmx swap of part of a page (not a boosted navigation, which wants the page)."""
    return is_htmx() and request.headers.get("HX-Boosted") != "true"


def render(page, fragment=None, status=200, **context):
    """Render ``page``, or only ``fragment`` for an htmx swap; always ``Vary: HX-Request``."""
    template = fragment if fragment and wants_fragment() else page
    response = make_response(render_template(template, **context), status)
    response.vary.add("HX-Request")
    if request.method != "GET":
        # A form shown again with its errors: the address bar keeps the page's
        # URL, not the POST's, which a reload could not GET.
        response.headers["HX-Push-Url"] = "false"
    return response


def invalid(page, fragment=None, **context):
    """A form that did not validate: the same page, with what was typed, as 422."""
    return render(page, fragment, status=422, **context)


def form_page(page, form, **context):
    """The page of ``form``: as it is on a GET, with what was typed and the errors (422) after a POST."""
    return (invalid if form.is_submitted() else render)(page, form=form, **context)


def field_feedback(form):
    """Inline validation: the one field named by ``_field``, checked by the same validators as the full POST."""
    form.validate()
    field = form._fields.get(request.form.get("_field", "")) or abort(404)
    return render_template("_feedback.html", field=field)


def see_other(endpoint, **values):
    """The answer to a successful POST.

    Without JavaScript: 303 to the next page. With htmx, the next page itself
    with ``HX-Push-Url``: on a slow link every round trip costs seconds, and a
    redirect the browser must follow is one more.
    """
    return see_other_url(url_for(endpoint, **values))


def see_other_url(url):
    """``see_other`` for a URL of this site (a GET route)."""
    if not is_htmx():
        return redirect(url, 303)
    # Dispatch the next page as a GET of its own rule, so its blueprint's
    # hooks (login, current session) run and it does not see this POST's form.
    request.method = "GET"
    adapter = current_app.create_url_adapter(request)
    path = urlsplit(url).path.removeprefix(request.script_root)
    request.url_rule, request.view_args = adapter.match(path, method="GET", return_rule=True)
    response = current_app.make_response(current_app.preprocess_request() or current_app.dispatch_request())
    response.headers["HX-Push-Url"] = url
    response.vary.add("HX-Request")
    return response
