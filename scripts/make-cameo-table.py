#!/usr/bin/env python3
"""Generate data/events/cameo.tsv: every CAMEO event code with its name,
Goldstein score, GDELT quad class and PLOVER event type, mode and contexts.

Reads two public files from ../shared/corpora (or SHARED/corpora); they are
never copied into the repository:

  plover/CAMEO2PLOVER-2021.txt             CAMEO code -> PLOVER type, mode, context, and the
                                           code's name (github.com/openeventdata/PLOVER, CC BY-SA 4.0)
  petrarch/cameo_goldstein_pentaclass.tsv  CAMEO code -> Goldstein score
                                           (github.com/openeventdata/phoenix_pipeline, MIT,
                                           citing the CAMEO Goldstein scale)

Standard library only:  python3 scripts/make-cameo-table.py [SHARED]
Writes what it repaired, inherited or could not map to standard error.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
PLOVER_FILE = SHARED / "corpora" / "plover" / "CAMEO2PLOVER-2021.txt"
GOLDSTEIN_FILE = SHARED / "corpora" / "petrarch" / "cameo_goldstein_pentaclass.tsv"
OUT = ROOT / "data" / "events" / "cameo.tsv"

COLUMNS = ["code", "name", "goldstein", "quad_class", "plover_type", "plover_mode", "plover_context"]

# CAMEO2PLOVER names no root (its root lines are "03: AGREE"), so the roots
# take the CAMEO codebook's root names.
ROOT_NAMES = {
    "01": "Make public statement",
    "02": "Appeal",
    "03": "Express intent to cooperate",
    "04": "Consult",
    "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit force posture",
    "16": "Reduce relations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "Use unconventional mass violence",
}

# PLOVER drops CAMEO 01 and 02, so CAMEO2PLOVER has no line (and no name) for
# their children; these names are the CAMEO 1.1b3 codebook's (Gerner, Schrodt
# and Yilmaz), without its "not specified below".
CODEBOOK_NAMES = {
    "010": "Make statement",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "020": "Appeal",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation, such as policy support",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0253": "Appeal for release of persons or property",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}

# Misspellings in CAMEO2PLOVER's names.
SPELLING = {"Apolgize": "Apologize", "Ostruct": "Obstruct", "adminstrative": "administrative"}

# An editor's dated note after a name: 'Ease curfew  21.09.17: "ease" is no longer a mode'.
EDITOR_NOTE = re.compile(r"\s+\d{2}\.\d{2}\.\d{2}:.*$")
LINE = re.compile(r"^(\d{2,4}):(.*)$")
WORD = re.compile(r"^[a-z_-]+$")
PLOVER_TYPE = re.compile(r"^[A-Z]+$")

notes = []


def note(message):
    notes.append(message)


def parent(code):
    return code[:-1] if len(code) > 2 else None


def ancestors(code):
    """The code's ancestors, nearest first: '0312' -> '031', '03'."""
    while (code := parent(code)) is not None:
        yield code


def quad_class(code):
    """GDELT QuadClass of the root: verbal/material cooperation, verbal/material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def clean_name(code, name, plover_type):
    name = EDITOR_NOTE.sub("", name)
    name = " ".join(name.split())
    for wrong, right in SPELLING.items():
        if wrong in name:
            note(f"{code}: name spelled {wrong!r}, written {right!r}")
            name = name.replace(wrong, right)
    if name and name == plover_type:
        note(f"{code}: name {name!r} only repeats the PLOVER type; treated as missing")
        return ""
    return name


def parse_mapping(code, text):
    """'AGREE,  ,   military' -> (type, mode, contexts); blank fields are empty."""
    fields = [field.strip() for field in text.split(",")]
    if len(fields) > 3:
        note(f"{code}: more than three mapping fields in {text!r}; extra ones ignored")
    plover_type, mode, context = (fields + ["", ""])[:3]
    contexts = [c.strip() for c in context.split(";") if c.strip()]
    for word in [mode] * bool(mode) + contexts:
        if not WORD.match(word):
            note(f"{code}: unexpected mode or context {word!r}")
    if plover_type and not PLOVER_TYPE.match(plover_type):
        note(f"{code}: unexpected PLOVER type {plover_type!r}")
    return plover_type, mode, contexts


def read_plover():
    """code -> {name, mapping}; a repeated code keeps its last line, a repeated root its first."""
    rows = {}
    for number, raw in enumerate(PLOVER_FILE.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") or set(line) == {"~"}:
            continue
        match = LINE.match(line)
        if not match:
            note(f"CAMEO2PLOVER line {number}: cannot parse {raw!r}; skipped")
            continue
        code, rest = match.groups()
        mapping, _, name = rest.partition("#")
        plover = parse_mapping(code, mapping)
        row = {"name": clean_name(code, name.strip(), plover[0]), "plover": plover}
        if code in rows:
            if len(code) == 2:
                note(f"root {code} listed again as {plover[0]}; keeps {rows[code]['plover'][0]}")
                continue
            note(f"{code} listed twice ({rows[code]['name']!r}, {row['name']!r}); the later line wins")
        rows[code] = row
    return rows


def read_goldstein():
    scores = {}
    for line in GOLDSTEIN_FILE.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or not fields[0].isdigit():
            continue
        scores[fields[0]] = float(fields[1])
    return scores


def inherit(code, table, what):
    """The nearest ancestor's entry in `table`, noted; None when no ancestor has one."""
    for ancestor in ancestors(code):
        if ancestor in table:
            note(f"{code}: {what} inherited from {ancestor}")
            return table[ancestor]
    return None


def name_of(code, plover, names):
    name = plover.get(code, {}).get("name") or ROOT_NAMES.get(code) or CODEBOOK_NAMES.get(code)
    return name or inherit(code, names, "name")


def mapping_of(code, plover):
    # A code without a PLOVER line takes its nearest ancestor's mapping: type,
    # mode and contexts together, since a child refines its parent.
    own = plover.get(code, {}).get("plover")
    if own and own[0]:
        return own
    mapped = {c: row["plover"] for c, row in plover.items() if row["plover"][0]}
    inherited = inherit(code, mapped, "PLOVER mapping")
    if inherited is None:
        if len(code) == 2:
            note(f"{code} and its children: no PLOVER type (PLOVER drops this root); left empty")
        return "", "", []
    return inherited


def goldstein_of(code, scores):
    # A code without a Goldstein score takes its nearest ancestor's.
    if code in scores:
        return scores[code]
    score = inherit(code, scores, "Goldstein score")
    if score is None:
        sys.exit(f"{code}: no Goldstein score for it or any ancestor")
    return score


def build():
    plover = read_plover()
    scores = read_goldstein()
    codes = sorted(set(plover) | set(scores))
    missing_roots = [r for r in ROOT_NAMES if r not in codes]
    if missing_roots:
        sys.exit(f"roots missing from both files: {missing_roots}")
    names, rows = {}, []
    for code in codes:  # sorted, so every ancestor comes before its children
        names[code] = name_of(code, plover, names)
        plover_type, mode, contexts = mapping_of(code, plover)
        goldstein = goldstein_of(code, scores)
        score, quad = f"{goldstein:.1f}", str(quad_class(code))
        rows.append([code, names[code], score, quad, plover_type, mode, "|".join(contexts)])
    return rows


HEADER = """\
# CAMEO event codes: name, Goldstein score, GDELT quad class (1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict) and PLOVER type, mode and contexts (|-separated).
# Generated by scripts/make-cameo-table.py from CAMEO2PLOVER-2021.txt (github.com/openeventdata/PLOVER,
# CC BY-SA 4.0) and cameo_goldstein_pentaclass.tsv (github.com/openeventdata/phoenix_pipeline, MIT,
# citing the CAMEO Goldstein scale); root names and the names of CAMEO 01 and 02 codes from the CAMEO
# 1.1b3 codebook. PLOVER drops CAMEO 01 and 02, so their PLOVER type is empty.
"""


def main():
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = [HEADER + "\t".join(COLUMNS)] + ["\t".join(row) for row in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for message in notes:
        print(message, file=sys.stderr)
    print(f"wrote {len(rows)} codes to {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
