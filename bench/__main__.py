"""Run the bench: ``python -m bench [pages] [views] [photos] [rush] [gestion] [options]``; exits 1 when a budget is missed.

Without a section named, all of them run (a few minutes). ``make bench``
runs them all; ``make bench rush N=50`` only the deadline rush.
"""
import argparse
import gzip
import sys
import tempfile
from pathlib import Path

from bench import servers

SECTIONS = ("pages", "views", "photos", "rush", "gestion")
STATIC_BUDGETS = {"sesame.css": 8 * 1024, "sesame.js": 3 * 1024}
STATIC = Path(__file__).resolve().parent.parent / "static"


def static_weights():
    missed = []
    print("\nFichiers statiques (gzip)")
    for name, budget in STATIC_BUDGETS.items():
        size = len(gzip.compress((STATIC / name).read_bytes(), compresslevel=6))
        print(f"  {name:<44}{size:>9} octets  budget {budget}  {'ok' if size <= budget else 'HORS BUDGET'}")
        if size > budget:
            missed.append(f"poids de {name}")
    htmx = len(gzip.compress((STATIC / "htmx.min.js").read_bytes(), compresslevel=6))
    print(f"  {'htmx.min.js':<44}{htmx:>9} octets  (htmx 2 tel que publié)")
    return missed


def stop(processes):
    for process in processes:
        process.terminate()
        process.join(timeout=5)


def pages_and_views(options, folder, sections):
    from bench import pages

    missed, processes = [], []
    try:
        baseline, baseline_url, _ = servers.start("baseline", f"{folder}/baseline")
        processes.append(baseline)
        portal, url, facts = servers.start("portal", f"{folder}/portal", clients=options.threads)
        processes.append(portal)
        if "pages" in sections:
            found, _ = pages.run(baseline_url, url, facts, options.rounds, options.seconds, options.threads,
                                 options.warmup)
            missed += found + static_weights()
        if "views" in sections:
            from bench import views
            missed += views.run(url)
    finally:
        stop(processes)
    return missed


def main():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("sections", nargs="*", metavar="section",
                        help=f"parmi {', '.join(SECTIONS)} (toutes par défaut)")
    parser.add_argument("--seconds", type=float, default=1.0, help="durée de mesure par page et par tour (1 s)")
    parser.add_argument("--warmup", type=float, default=0.3, help="chauffe avant chaque mesure (0,3 s)")
    parser.add_argument("--rounds", type=int, default=3, help="tours de mesure (3)")
    parser.add_argument("--threads", type=int, default=4, help="clients simultanés (4)")
    parser.add_argument("--photos", type=int, default=10, help="photos envoyées à la fois (10)")
    parser.add_argument("--candidates", "-n", type=int, default=20, help="candidats de la ruée (20)")
    options = parser.parse_args()
    unknown = set(options.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"section inconnue : {', '.join(sorted(unknown))} (parmi {', '.join(SECTIONS)})")
    sections = options.sections or SECTIONS

    missed = []
    with tempfile.TemporaryDirectory(prefix="sesame-bench-") as folder:
        if "pages" in sections or "views" in sections:
            missed += pages_and_views(options, folder, sections)
        if "photos" in sections:
            from bench import photos
            missed += photos.run(f"{folder}/photos", options.photos)
        if "rush" in sections:
            from bench import rush
            missed += rush.run(f"{folder}/rush", options.candidates, options.rounds)
        if "gestion" in sections:
            from bench import gestion
            missed += gestion.run(f"{folder}/gestion")

    if missed:
        print("\nHors budget : " + ", ".join(missed))
        return 1
    print("\nTous les budgets sont tenus.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
