"""What the tests share that is not a fixture: accounts, a person at the test client, the words of a page.

Fixtures live in ``tests/conftest.py`` and the modules it lists in
``pytest_plugins``; the helpers here are imported by name.
"""
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

from werkzeug.http import parse_options_header

from models import Account, db

PASSWORD = "une phrase de passe solide"
POITIERS_FILE = Path(__file__).resolve().parent.parent / "sessions" / "poitiers-juin-2023.toml"


@contextmanager
def in_db(app):
    """``app``'s context with a database connection, to call the models between two requests.

    A connection this thread already holds (the ``ctx`` fixture) is reused and left open.
    """
    with app.app_context():
        opened = db.connect(reuse_if_open=True)
        try:
            yield
        finally:
            if opened:
                db.close()


def make_account(email="candidat@exemple.fr", password=PASSWORD, role="candidat", activated=True):
    account, _ = Account.sign_up(email, password)
    account.role = role
    if activated:
        account.activated_at = account.created_at
    account.save()
    return account


def at_once(work, count, timeout=180):
    """``work(n)`` in ``count`` threads released together by a barrier; their results, in order."""
    barrier = threading.Barrier(count)

    def released(n):
        barrier.wait()
        return work(n)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(released, range(count), timeout=timeout))


def attachment(content_disposition):
    """``(kind, file name)`` of a Content-Disposition header, the exact name (``filename*``) when given."""
    kind, options = parse_options_header(content_disposition)
    return kind, options.get("filename")


# Pages, as a person reads them ------------------------------------------------------

# Elements that flow inside a line: no word break at their edges.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
          "small", "span", "strong", "sub", "sup", "time", "u", "var"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
UNSEEN = {"head", "script", "style", "template", "title"}
# Opening the element on the left closes an open one on the right (end tags HTML lets a page leave out).
CLOSES = {"li": {"li"}, "option": {"option"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr", "td", "th"},
          "td": {"td", "th"}, "th": {"td", "th"}, "p": {"p"}}


class Element:
    """One element of a parsed page: ``tag``, ``attrs`` (a boolean attribute's value is ""), ``text``."""

    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = {name: "" if value is None else value for name, value in attrs}
        self.children = []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def __getitem__(self, name):
        return self.attrs[name]

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    def iter(self):
        """This element and every element inside it, in the page's order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag=None, **attrs):
        """The elements inside this one of ``tag`` whose attributes have these values.

        ``for_="x"`` stands for ``for="x"``; the value ``True`` only asks for the attribute.
        """
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [element for element in self.iter() if element is not self
                and (tag is None or element.tag == tag)
                and all(element.attrs.get(name) == value if value is not True else name in element.attrs
                        for name, value in wanted.items())]

    def find(self, tag=None, **attrs):
        """The first element ``find_all`` would give, or None."""
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    @property
    def text(self):
        """The words inside, as a reader sees them: one space between words, entities decoded."""
        return " ".join("".join(self._words()).split())

    def _words(self):
        if self.tag in UNSEEN:
            return
        inline = self.tag in INLINE
        if not inline:
            yield " "
        for child in self.children:
            if isinstance(child, Element):
                yield from child._words()
            else:
                yield child
        if not inline:
            yield " "


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        closes = CLOSES.get(tag, ())
        while closes and self.open[-1].tag in closes:
            self.open.pop()
        element = Element(tag, attrs)
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def markup_of(page):
    """The HTML of ``page``: a test client response, a live server's reply, or a string."""
    return page if isinstance(page, str) else page.text


def parse_html(page):
    """``page`` parsed (standard library only): the document, an ``Element``."""
    builder = _TreeBuilder()
    builder.feed(markup_of(page))
    builder.close()
    return builder.root


def text(page):
    """The visible words of ``page``, one space between them: what a person reads, not the markup."""
    return parse_html(page).text


def hidden_fields(page):
    """``{name: value}`` of the hidden fields of ``page``'s forms."""
    return {field["name"]: field.get("value", "") for field in parse_html(page).find_all("input", type="hidden")
            if "name" in field.attrs}


def csrf_from(page):
    return hidden_fields(page).get("csrf_token")


class Browser:
    """The test client used like a person: GET a page, then POST its form with its CSRF token."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def _keep_token(self, response):
        if response.mimetype == "text/html":
            self.token = csrf_from(response) or self.token
        return response

    def get(self, url, **kwargs):
        return self._keep_token(self.client.get(url, **kwargs))

    def post(self, url, data=None, **kwargs):
        if self.token is None:
            self.get("/")
        data = {"csrf_token": self.token, **(data or {})}
        return self._keep_token(self.client.post(url, data=data, **kwargs))



def another_candidate(app, email="autre@exemple.fr"):
    """A second candidate, activated and logged in at a test client of their own."""
    with in_db(app):
        make_account(email)
    other = Browser(app.test_client())
    other.get("/connexion")
    other.post("/connexion", {"email": email, "password": PASSWORD})
    return other


def fill_identity(page, first_names, birth_year, departement=None):
    """Step 2 of M'inscrire in a browser page, as Zoé Lefèvre born in Châtellerault answers it; without
    ``departement`` the portal names it from the commune."""
    page.get_by_label("Madame").check()
    page.get_by_label("Nom de naissance").fill("Lefèvre")
    page.get_by_label("Prénoms").fill(first_names)
    page.get_by_label("Date de naissance").fill(f"14/07/{birth_year}")
    page.get_by_label("Commune de naissance").fill("Châtellerault")
    if departement:
        page.get_by_label("Département de naissance").fill(departement)
    page.get_by_label("Nationalité").fill("française")


def counted_pieces(pieces, registration_ids):
    """``{registration id: (missing or refused, deposited, refused)}``, counting the current pieces (not
    obsolete) among ``pieces``, rows of ``(registration id, status, obsolete_at)``: what each registration's
    ``pieces_open``, ``pieces_to_review`` and ``pieces_refused`` should say."""
    counts = {key: [0, 0, 0] for key in registration_ids}
    for registration_id, status, obsolete_at in pieces:
        if obsolete_at is None:
            totals = counts[registration_id]
            totals[0] += status in ("manquante", "refusée")
            totals[1] += status == "déposée"
            totals[2] += status == "refusée"
    return {key: tuple(totals) for key, totals in counts.items()}
