"""Run the bench: ``python -m bench [--seconds 5] [--threads 4]``; exits 1 when a budget is missed."""
import argparse
import gzip
import sys
from statistics import median
import tempfile
from pathlib import Path

from bench import servers
from bench.load import compressed_size, throughput
from tests.live import HttpClient

THROUGHPUT_BUDGET = 0.50
PAGE_BUDGET = 14 * 1024
STATIC_BUDGETS = {"sesame.css": 8 * 1024, "sesame.js": 3 * 1024}
STATIC = Path(__file__).resolve().parent.parent / "static"
# (label, path, logged in as the candidate?)
PAGES = [("Accueil", "/", False), ("Mon compte", "/compte/", True)]


def log_in(url):
    """The candidate's session cookies, from the login form like a person."""
    client = HttpClient(url)
    client.get("/connexion")
    email, password = servers.CANDIDATE
    reply = client.post("/connexion", {"email": email, "password": password})
    if reply.status != 303:
        raise RuntimeError(f"connexion du candidat refusée : {reply.status}")
    return client.cookies


def verdict(ok):
    return "ok" if ok else "HORS BUDGET"


def main():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="durée de mesure par page et par tour (2 s)")
    parser.add_argument("--rounds", type=int, default=5, help="tours de mesure (5)")
    parser.add_argument("--threads", type=int, default=4, help="clients simultanés (4)")
    options = parser.parse_args()

    missed = []
    with tempfile.TemporaryDirectory(prefix="sesame-bench-") as folder:
        processes = []
        try:
            for kind in ("baseline", "portal"):
                (Path(folder) / kind).mkdir()
                process, url = servers.start(kind, str(Path(folder) / kind))
                processes.append((process, url))
            (_, baseline_url), (_, portal_url) = processes
            cookies = log_in(portal_url)

            print(f"Débit sur 127.0.0.1, {options.threads} clients, {options.rounds} tours de "
                  f"{options.seconds:g} s par page (budget : au moins {THROUGHPUT_BUDGET:.0%} du témoin)")
            # The machine is noisy: each round measures the baseline then every
            # page back to back, and the verdict is the median of the rounds' ratios.
            ratios = {label: [] for label, _, _ in PAGES}
            rates = {label: [] for label in ["Témoin Flask + peewee", *ratios]}
            for _ in range(options.rounds):
                reference = throughput(baseline_url, "/", threads=options.threads, seconds=options.seconds)
                rates["Témoin Flask + peewee"].append(reference)
                for label, path, personal in PAGES:
                    rate = throughput(portal_url, path, cookies if personal else None,
                                      threads=options.threads, seconds=options.seconds)
                    rates[label].append(rate)
                    ratios[label].append(rate / reference)
            print(f"  {'Témoin Flask + peewee':<24}{median(rates['Témoin Flask + peewee']):>9.1f} req/s")
            for label, _, _ in PAGES:
                ratio = median(ratios[label])
                print(f"  {label:<24}{median(rates[label]):>9.1f} req/s  {ratio:>5.0%}  "
                      f"{verdict(ratio >= THROUGHPUT_BUDGET)}   (tours : {', '.join(f'{r:.0%}' for r in ratios[label])})")
                if ratio < THROUGHPUT_BUDGET:
                    missed.append(f"débit de {label}")

            print(f"\nPoids compressé (gzip, budget {PAGE_BUDGET} octets par page)")
            for label, path, personal in PAGES:
                size, by_server = compressed_size(portal_url, path, cookies if personal else None)
                note = "" if by_server else "  (NON compressée par le serveur)"
                print(f"  {label:<24}{size:>9} octets  {verdict(size <= PAGE_BUDGET and by_server)}{note}")
                if size > PAGE_BUDGET or not by_server:
                    missed.append(f"poids de {label}")
            for name, budget in STATIC_BUDGETS.items():
                size = len(gzip.compress((STATIC / name).read_bytes(), compresslevel=6))
                print(f"  {name:<24}{size:>9} octets  budget {budget}  {verdict(size <= budget)}")
                if size > budget:
                    missed.append(f"poids de {name}")
            htmx = len(gzip.compress((STATIC / "htmx.min.js").read_bytes(), compresslevel=6))
            print(f"  {'htmx.min.js':<24}{htmx:>9} octets  (htmx 2 tel que publié)")
        finally:
            for process, _ in processes:
                process.terminate()
                process.join(timeout=5)

    if missed:
        print("\nHors budget : " + ", ".join(missed))
        return 1
    print("\nTous les budgets sont tenus.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
