"""Every page of the portal against the bare page, discovered from the app's routes like tests/test_page_weight.py.

GET routes are found in the portal's URL map; a route's parameters are
filled with what the bench's candidate owns (each step, a piece, the
registration's number, a file). Each URL is asked as the candidate, or
anonymously when the candidate cannot see it (the login page), or as the
Gestion admin under /gestion/. Answers that are not HTML (the PDF, the CSV
export, a file) are files, not pages, and are left out. The POSTs of
M'inscrire (each step's Suivant and Enregistrer) are sent by as many
candidates as there are clients, each following their own registration.
"""
import re
from dataclasses import dataclass
from statistics import median

from bench import servers
from bench.load import Get, Post, compressed_size, fetch, throughput
from tests.helpers import hidden_fields
from tests.live import HttpClient
from tests.registration_journey import GOOD

CANDIDATE_BUDGET = 0.50
STAFF_BUDGET = 0.25
PAGE_BUDGET = 14 * 1024
BASELINE = "Témoin Flask + peewee"
# How many measures run between two measures of the bare page: the ratio of
# a page is to the mean of the bare page just before and just after it.
BRACKET = 5
# Route parameters a page may have, and the values the bench gives them.
PARAMETERS = ("step", "piece_id", "number", "upload_id")


class Visitor:
    """A person logged in through the login form: cookies, CSRF token, the revision of their registration."""

    def __init__(self, url, email=None, password=servers.PASSWORD):
        self.client = HttpClient(url)
        self.client.get("/connexion")
        if email:
            reply = self.client.post("/connexion", {"email": email, "password": password})
            if reply.status != 303:
                raise RuntimeError(f"connexion de {email} refusée : {reply.status}")
            # Land where the login sends, as a browser does: the page that
            # follows a login puts the new CSRF token in the session, and its
            # cookie is the one the browser sends from then on. Without it,
            # every measured request would write a new session cookie.
            self.client.get(reply.headers["Location"])
        self.revision = 0

    @property
    def cookies(self):
        return self.client.cookies

    @property
    def csrf_token(self):
        return self.client.csrf_token

    def open(self, path):
        """GET ``path`` and keep its CSRF token and revision; returns its hidden fields."""
        reply = self.client.get(path)
        if reply.status != 200:
            raise RuntimeError(f"{path} : {reply.status}")
        hidden = hidden_fields(reply.text)
        self.revision = int(hidden.get("revision", self.revision))
        return hidden


@dataclass
class Page:
    label: str
    who: str  # candidat, anonyme, gestion
    budget: float
    action: object  # Get or Post
    path: str
    cookies: dict = None


def _urls(rule, facts):
    """The URLs of ``rule`` with its parameters filled from the bench's data; none when it takes another one."""
    names = re.findall(r"<(?:[^:>]+:)?([^>]+)>", rule)
    if any(name not in PARAMETERS for name in names):
        return []
    if "step" in names:
        return [re.sub(r"<[^>]*step>", str(step), rule) for step in range(1, 6)]
    values = {"piece_id": facts["piece_id"], "number": facts["number"], "upload_id": facts["upload_id"],
              # A PDF's page (its first), of the candidate's PDF: the number above is a registration's.
              "int:number": 1}
    if "<int:number>" in rule:
        values["upload_id"] = facts["pdf_upload_id"]

    def value(match):
        converter, name = match.groups()
        return str(values.get(f"{converter}:{name}", values[name]))
    return [re.sub(r"<(?:([^:>]+):)?([^>]+)>", value, rule)]


def discover(url, facts, candidate, staff, anonymous):
    """The pages to measure, and ``[(url, why left out)]``."""
    pages, left_out = [], []
    urls = sorted({u for rule, methods, endpoint in facts["rules"]
                   if "GET" in methods and endpoint != "static" for u in _urls(rule, facts)})
    for path in urls:
        if path.startswith("/gestion"):
            visitors = [("gestion", staff)]
        else:
            visitors = [("candidat", candidate), ("anonyme", anonymous)]
        for who, visitor in visitors:
            status, headers, _ = fetch(url, path, visitor.cookies)
            if status == 200 and (headers.get("Content-Type") or "").startswith("text/html"):
                budget = STAFF_BUDGET if who == "gestion" else CANDIDATE_BUDGET
                pages.append(Page(f"GET {path}", who, budget, Get(path, visitor.cookies), path, visitor.cookies))
                break
            if status == 200:
                left_out.append((path, f"fichier {headers.get('Content-Type')}, pas une page"))
                break
        else:
            left_out.append((path, f"réponse {status}"))
    return pages, left_out


def posts(url, facts, threads):
    """Suivant at each step and Enregistrer, sent by ``threads`` candidates, each on their own registration."""
    posters = [Visitor(url, email) for email in facts["posters"][:threads]]
    measured = []
    for step in range(1, 5):
        path = f"/inscription/etape/{step}"
        hidden = posters[0].open(path)
        data = {**GOOD[step], **{k: v for k, v in hidden.items() if k not in ("csrf_token", "revision")}}
        measured.append(Page(f"POST {path}", "candidat", CANDIDATE_BUDGET, Post(path, posters, data), path))
    measured.append(Page("POST /inscription/enregistrer", "candidat", CANDIDATE_BUDGET,
                         Post("/inscription/enregistrer", posters, {"verified": "y"}), "/inscription/etape/5"))
    return measured, posters


def _refresh(page, posters):
    """Each poster reads its revision again (a failed round may have left it behind)."""
    if isinstance(page.action, Post):
        for visitor in posters:
            visitor.open(page.path)


def run(baseline_url, url, facts, rounds, seconds, threads, warmup):
    """Measure; returns the list of pages missing their budget."""
    candidate = Visitor(url, servers.CANDIDATE[0])
    staff = Visitor(url, servers.STAFF[0], servers.STAFF[1])
    anonymous = Visitor(url)
    pages, left_out = discover(url, facts, candidate, staff, anonymous)
    sent, posters = posts(url, facts, threads)
    every = pages + sent
    print(f"Débit sur 127.0.0.1 : {len(every)} pages, {threads} clients, {rounds} tours de {seconds:g} s par page ; "
          f"le témoin est mesuré toutes les {BRACKET} pages et chaque page comparée à la moyenne des deux mesures "
          f"du témoin qui l'encadrent (budget : {CANDIDATE_BUDGET:.0%} du témoin, Gestion avec "
          f"{servers.REGISTRATIONS} inscriptions {STAFF_BUDGET:.0%})")
    for path, why in left_out:
        print(f"  (hors mesure : {path} — {why})")

    base = Get("/")
    results = {page.label: [] for page in every}
    ratios = {page.label: [] for page in every}
    references = []
    for round_number in range(rounds):
        # One round in the list's order, the next backwards: a slow drift of the machine evens out.
        order = every if round_number % 2 == 0 else every[::-1]
        reference = throughput(baseline_url, base, threads, seconds, warmup)
        references.append(reference)
        for start in range(0, len(order), BRACKET):
            group, measured = order[start:start + BRACKET], []
            for page in group:
                _refresh(page, posters)
                measured.append(throughput(url, page.action, threads, seconds, warmup))
            after = throughput(baseline_url, base, threads, seconds, warmup)
            references.append(after)
            for page, rate in zip(group, measured):
                results[page.label].append(rate)
                ratios[page.label].append(rate.rps / ((reference.rps + after.rps) / 2))
            reference = after

    missed = []
    print(f"\n  {'page':<44}{'qui':<9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'ratio':>7}  budget  tours")
    print(f"  {BASELINE:<44}{'':<9}{median(r.rps for r in references):>8.1f}"
          f"{median(r.p50 for r in references) * 1000:>8.1f}{median(r.p99 for r in references) * 1000:>8.1f}")
    for page in every:
        rates, page_ratios = results[page.label], ratios[page.label]
        ratio = median(page_ratios)
        ok = ratio >= page.budget
        spread = f"{min(page_ratios):.0%}–{max(page_ratios):.0%}"
        print(f"  {page.label:<44}{page.who:<9}{median(r.rps for r in rates):>8.1f}"
              f"{median(r.p50 for r in rates) * 1000:>8.1f}{median(r.p99 for r in rates) * 1000:>8.1f}"
              f"{ratio:>7.0%}  {'ok' if ok else 'HORS BUDGET':<6}  {spread}")
        if not ok:
            missed.append(f"débit de {page.label}")

    print(f"\nPoids compressé (gzip, budget {PAGE_BUDGET} octets par page)")
    for page in pages:
        size, by_server = compressed_size(url, page.path, page.cookies)
        ok = size <= PAGE_BUDGET and by_server
        note = "" if by_server else "  (NON compressée par le serveur)"
        print(f"  {page.label:<44}{size:>9} octets  {'ok' if ok else 'HORS BUDGET'}{note}")
        if not ok:
            missed.append(f"poids de {page.label}")
    return missed, candidate
