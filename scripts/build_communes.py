"""Build data/communes.txt.gz, the list of French communes and their postcodes that checks addresses.

Source: the npm package @etalab/decoupage-administratif (INSEE's Code officiel
géographique, La Poste's base officielle des codes postaux), data under the
Licence Ouverte / Open Licence (Etalab). Run it again to take a newer release:

    python scripts/build_communes.py                     # npm pack, in a temporary folder
    python scripts/build_communes.py path/to/package     # an unpacked package (or its .tgz)

One line per commune, sorted: ``name<TAB>département<TAB>postcodes<TAB>kind``,
kind ``c`` for a commune, ``d`` for a former commune (déléguée or associée)
that addresses and birth certificates still name, with its chef-lieu's postcodes.
"""
import gzip
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "communes.txt.gz"


def communes_json(source):
    """The package's data/communes.json, from a folder, a .tgz, or npm pack."""
    if source and Path(source).is_dir():
        return json.loads((Path(source) / "data" / "communes.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        if not source:
            name = subprocess.run(["npm", "pack", PACKAGE], cwd=folder, check=True, capture_output=True,
                                  text=True).stdout.split()[-1]
            source = Path(folder) / name
        with tarfile.open(source) as archive:
            return json.load(archive.extractfile("package/data/communes.json"))


def lines(communes):
    by_code = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    kept = set()
    for commune in communes:
        if commune["type"] == "commune-actuelle":
            postcodes, kind = commune.get("codesPostaux", []), "c"
        elif commune["type"] in ("commune-deleguee", "commune-associee"):
            postcodes, kind = by_code.get(commune.get("chefLieu"), {}).get("codesPostaux", []), "d"
        else:
            continue  # Paris, Lyon, Marseille: addresses name the city, not its arrondissement
        if postcodes:
            kept.add(f"{commune['nom']}\t{commune['departement']}\t{' '.join(sorted(postcodes))}\t{kind}")
    return sorted(kept)


def main(argv):
    rows = lines(communes_json(argv[1] if len(argv) > 1 else None))
    with gzip.GzipFile(OUTPUT, "wb", compresslevel=9, mtime=0) as out:
        out.write(("\n".join(rows) + "\n").encode("utf-8"))
    print(f"{OUTPUT}: {len(rows)} communes, {OUTPUT.stat().st_size // 1024} Ko")


if __name__ == "__main__":
    main(sys.argv)
