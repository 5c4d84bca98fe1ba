"""French communes and their postcodes, to check an address and name a birth département.

The list is ``data/communes.txt.gz``, built by ``scripts/build_communes.py`` from
``@etalab/decoupage-administratif`` (INSEE, La Poste; Licence Ouverte / Etalab).
"""
import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FILE = Path(__file__).resolve().parent / "data" / "communes.txt.gz"
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


@dataclass(frozen=True)
class Commune:
    name: str
    departement: str
    postcodes: tuple
    current: bool  # False for a former commune (déléguée, associée) that addresses still name


def key(name):
    """« Saint-Benoît », « ST BENOIT » and « saint benoit » are one name."""
    name = (name or "").casefold().replace("œ", "oe").replace("æ", "ae")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(ABBREVIATIONS.get(word, word) for word in re.sub(r"[^a-z0-9]+", " ", name).split())


@lru_cache(maxsize=1)
def _index():
    by_postcode, by_name = {}, {}
    with gzip.open(FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            name, departement, postcodes, kind = line.rstrip("\n").split("\t")
            commune = Commune(name, departement, tuple(postcodes.split()), kind == "c")
            for postcode in commune.postcodes:
                by_postcode.setdefault(postcode, []).append(commune)
            by_name.setdefault(key(name), []).append(commune)
    for communes in by_postcode.values():
        communes.sort(key=lambda c: (not c.current, key(c.name)))
    return by_postcode, by_name


def of_postcode(postcode):
    """The communes served by ``postcode`` (current ones first), empty for a postcode La Poste does not use."""
    return _index()[0].get(postcode, [])


def named(name, postcode=None):
    """The commune of this name (at ``postcode`` when given), or None."""
    found = [c for c in _index()[1].get(key(name), []) if postcode is None or postcode in c.postcodes]
    return found[0] if found else None


def departements_of(name):
    """The départements having a commune of this name (one for most, several for « Saint-Martin »…)."""
    return sorted({c.departement for c in _index()[1].get(key(name), []) if c.current})
