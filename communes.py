"""French communes and their postcodes, to check an address and name a birth département.

The list is ``data/communes.txt.gz``, built by ``scripts/build_communes.py`` from
``@etalab/decoupage-administratif`` (INSEE, La Poste; Licence Ouverte / Etalab).
"""
import gzip
import re
import threading
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


_building = threading.Lock()


@lru_cache(maxsize=1)
def _communes():
    with gzip.open(FILE, "rt", encoding="utf-8") as lines:
        return [Commune(name, departement, tuple(postcodes.split()), kind == "c")
                for name, departement, postcodes, kind in (line.rstrip("\n").split("\t") for line in lines)]


@lru_cache(maxsize=1)
def _by_postcode():
    with _building:  # built once, even when the first requests come together
        by_postcode = {}
        for commune in _communes():
            for postcode in commune.postcodes:
                by_postcode.setdefault(postcode, []).append(commune)
        return by_postcode


@lru_cache(maxsize=1)
def _by_name():
    with _building:
        by_name = {}
        for commune in _communes():
            by_name.setdefault(key(commune.name), []).append(commune)
        return by_name


def of_postcode(postcode):
    """The communes served by ``postcode`` (current ones first), empty for a postcode La Poste does not use."""
    return sorted(_by_postcode().get(postcode, []), key=lambda c: (not c.current, key(c.name)))


def named(name, postcode=None):
    """The commune of this name (at ``postcode`` when given), or None."""
    wanted = key(name)
    found = ([c for c in of_postcode(postcode) if key(c.name) == wanted] if postcode
             else _by_name().get(wanted, []))
    return found[0] if found else None


def departements_of(name):
    """The départements having a commune of this name (one for most, several for « Saint-Martin »…)."""
    return sorted({c.departement for c in _by_name().get(key(name), []) if c.current})
