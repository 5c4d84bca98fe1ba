"""A page seen for the first time, then again, in Chromium: requests sent and bytes received (DESIGN.md §5).

Counted on the network by Chromium itself (DevTools protocol): a request
answered from the browser's cache is not a request. With static files
fingerprinted and cached for a year, a page seen again costs one request,
the page itself; every page stays within 14 KB compressed (bench/pages.py).
"""
from pathlib import Path

from bench import servers
from bench.pages import Visitor

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
# (label, path, logged in as the candidate?)
PAGES = [("Accueil", "/", False), ("Me connecter", "/connexion", False), ("M'inscrire", "/inscription/", True),
         ("Mes justificatifs", "/justificatifs/", True)]


class Network:
    """What went over the network since the last ``reset``: requests sent, bytes received."""

    def __init__(self, page):
        self.session = page.context.new_cdp_session(page)
        self.session.send("Network.enable")
        self.reset()
        self.session.on("Network.requestWillBeSent", lambda e: self.sent.add(e["requestId"]))
        self.session.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        self.session.on("Network.loadingFinished",
                        lambda e: self.received.__setitem__(e["requestId"], e["encodedDataLength"]))

    def reset(self):
        self.sent, self.cached, self.received = set(), set(), {}

    def counts(self):
        over_network = self.sent - self.cached
        return len(over_network), sum(self.received.get(r, 0) for r in over_network)


def run(url):
    print("\nPremière visite puis visite suivante d'une page, dans Chromium (requêtes envoyées, octets reçus)")
    if not CHROMIUM.exists():
        print(f"  {CHROMIUM} introuvable : mesure ignorée")
        return []
    from playwright.sync_api import sync_playwright

    cookies = Visitor(url, servers.CANDIDATE[0]).cookies
    missed = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for label, path, personal in PAGES:
                context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
                if personal:
                    context.add_cookies([{"name": k, "value": v, "url": url} for k, v in cookies.items()])
                page = context.new_page()
                network = Network(page)
                page.goto(url + path, wait_until="load")
                first = network.counts()
                # Seen again after another page, as a person comes back to it (not « reload », which asks again).
                page.goto(url + ("/mot-de-passe-oublie" if path == "/" else "/"), wait_until="load")
                network.reset()
                page.goto(url + path, wait_until="load")
                repeat = network.counts()
                context.close()
                ok = repeat[0] == 1
                print(f"  {label:<20} première : {first[0]:>2} requêtes, {first[1]:>6} octets ; "
                      f"suivante : {repeat[0]:>2} requête(s), {repeat[1]:>6} octets  {'ok' if ok else 'HORS BUDGET'}")
                if not ok:
                    missed.append(f"visite suivante de {label}")
        finally:
            browser.close()
    return missed
