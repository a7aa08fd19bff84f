#!/usr/bin/env python3
"""Generate ontology/cameo.ttl and ontology/actors.ttl.

Usage: python3 scripts/gen_ontology.py [DATA_DIR]   (default: ../shared/data relative to the repo)

Reads facts (codes, names, ISO codes, Goldstein values, QIDs) from DATA_DIR:
  cameo/event_codes.tsv    CAMEO event codes, labels, Goldstein values, quad classes
  cameo/actor_types.tsv    CAMEO actor role codes and labels
  places/countries.tsv     countries and territories (mledoze/countries, ODbL-1.0; QIDs CC0)
and combines them with geokg's own authored material:
  scripts/cameo_definitions.tsv   one-line definitions of every CAMEO code, in our own words
  scripts/gazetteer_data.py       roles, country supplements, organisations, groups, people
The output files are committed; geokg never reads DATA_DIR at run time.
Python 3 standard library only.
"""

import argparse
import csv
import os
import re
import sys
import unicodedata
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import gazetteer_data as G  # noqa: E402  (our own curated tables)

PREFIXES = """@prefix geokg:   <https://w3id.org/geokg/ns#> .
@prefix cameo:   <https://w3id.org/geokg/cameo/> .
@prefix role:    <https://w3id.org/geokg/role/> .
@prefix country: <https://w3id.org/geokg/country/> .
@prefix actor:   <https://w3id.org/geokg/actor/> .
@prefix agent:   <https://w3id.org/geokg/agent/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix wd:      <http://www.wikidata.org/entity/> .
"""

QUAD = {
    "1": "geokg:VerbalCooperation",
    "2": "geokg:MaterialCooperation",
    "3": "geokg:VerbalConflict",
    "4": "geokg:MaterialConflict",
}


# ------------------------------------------------------------------------------------------------
# Turtle helpers
# ------------------------------------------------------------------------------------------------

def esc(s):
    s = unicodedata.normalize("NFC", s)
    return (s.replace("\\", "\\\\").replace('"', '\\"')
             .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))


def en(s):
    return '"%s"@en' % esc(s)


def plain(s):
    return '"%s"' % esc(s)


def date(s):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise ValueError("bad date %r" % s)
    return '"%s"^^xsd:date' % s


def uniq(seq):
    seen, out = set(), []
    for x in seq:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


class Node:
    """Accumulates predicate/object pairs of one subject and renders them as Turtle."""

    def __init__(self, subject):
        self.subject = subject
        self.po = []

    def add(self, pred, *objs):
        objs = [o for o in objs if o]
        if objs:
            self.po.append((pred, objs))
        return self

    def render(self):
        lines = []
        for i, (p, objs) in enumerate(self.po):
            if len(objs) > 4:
                obj = (",\n        ").join(objs)
            else:
                obj = ", ".join(objs)
            lines.append("    %s %s" % (p, obj))
        return self.subject + "\n" + " ;\n".join(lines) + " .\n\n"


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


# ------------------------------------------------------------------------------------------------
# cameo.ttl
# ------------------------------------------------------------------------------------------------

# The SKOS scheme of the actor roles. It lies outside the role: namespace on purpose: every IRI
# under role: is an actor role (role:GOV ...), and a loader may read it as one.
ROLE_SCHEME = "<https://w3id.org/geokg/roles>"

def sentence_case(label):
    label = label.strip()
    if label.isupper():
        label = label.lower()
        # keep a few acronyms upper case
        label = re.sub(r"\b(wmd)\b", lambda m: m.group(1).upper(), label)
    return label[0].upper() + label[1:]


def load_definitions():
    defs = {}
    with open(os.path.join(HERE, "cameo_definitions.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            code, text = line.split("\t", 1)
            defs[code] = text.strip()
    return defs


def gen_cameo(data_dir):
    rows = read_tsv(os.path.join(data_dir, "cameo", "event_codes.tsv"))
    defs = load_definitions()
    codes = {r["code"] for r in rows}
    missing = sorted(codes - set(defs))
    extra = sorted(set(defs) - codes)
    if missing or extra:
        sys.exit("cameo_definitions.tsv out of sync: missing %s, extra %s" % (missing, extra))

    out = [
        "# CAMEO event types as a SKOS concept scheme, with Goldstein scores and quad classes.\n"
        "# GENERATED by scripts/gen_ontology.py from the CAMEO codebook code list (Schrodt et al.,\n"
        "# v1.1b3) and the GDELT Goldstein lookup, plus cyber/drone codes of later CAMEO versions.\n"
        "# Codes, labels, Goldstein values and quad classes are facts carried over; the\n"
        "# skos:definition texts are geokg's own one-line paraphrases (scripts/cameo_definitions.tsv).\n"
        "# Do not edit by hand: edit the script or its tables and regenerate.\n\n",
        PREFIXES, "\n",
    ]
    roots = sorted(r["code"] for r in rows if len(r["code"]) == 2)
    scheme = Node("cameo:scheme")
    scheme.add("a", "skos:ConceptScheme")
    scheme.add("skos:prefLabel", en("CAMEO event codes"))
    scheme.add("rdfs:label", en("CAMEO event codes"))
    scheme.add("skos:definition", en(
        "The event types of CAMEO (Conflict and Mediation Event Observations): 20 root "
        "categories, each refined into 3- and 4-digit codes."))
    scheme.add("dcterms:source", plain("CAMEO Event and Actor Codebook v1.1b3 (Schrodt et al., 2012); Goldstein values from the GDELT lookups"))
    scheme.add("rdfs:seeAlso", "<http://data.gdeltproject.org/documentation/CAMEO.Manual.1.1b3.pdf>")
    scheme.add("skos:hasTopConcept", *["cameo:" + c for c in roots])
    out.append(scheme.render() + "\n")

    for r in sorted(rows, key=lambda r: (r["code"][:2], r["code"])):
        code = r["code"]
        n = Node("cameo:" + code)
        n.add("a", "skos:Concept")
        n.add("skos:inScheme", "cameo:scheme")
        n.add("skos:notation", plain(code))
        n.add("skos:prefLabel", en(sentence_case(r["label"])))
        if len(code) == 2:
            n.add("skos:topConceptOf", "cameo:scheme")
        else:
            parent = code[:2] if len(code) == 3 else code[:3]
            if parent not in codes:
                sys.exit("no parent %s for %s" % (parent, code))
            n.add("skos:broader", "cameo:" + parent)
        n.add("geokg:goldstein", str(Decimal(r["goldstein"])))
        n.add("geokg:quadClass", QUAD[r["quad_class"]])
        n.add("skos:definition", en(defs[code]))
        out.append(n.render())

    # actor roles
    out.append("\n# CAMEO actor roles (scheme %s). Codes and labels from the CAMEO codebook;\n"
               "# definitions and role nouns are geokg's own.\n\n" % ROLE_SCHEME)
    trows = read_tsv(os.path.join(data_dir, "cameo", "actor_types.tsv"))
    rscheme = Node(ROLE_SCHEME)
    rscheme.add("a", "skos:ConceptScheme")
    rscheme.add("skos:prefLabel", en("CAMEO actor roles"))
    rscheme.add("rdfs:label", en("CAMEO actor roles"))
    rscheme.add("skos:definition", en(
        "The role and sector codes of CAMEO actors (government, military, rebels, media ...), "
        "added to a country or organisation code."))
    rscheme.add("skos:hasTopConcept", *["role:" + r["code"] for r in trows])
    out.append(rscheme.render() + "\n")
    seen_nouns = {}
    for r in trows:
        code = r["code"]
        if code not in G.ROLE_DEFINITIONS:
            sys.exit("no role definition for %s" % code)
        n = Node("role:" + code)
        n.add("a", "geokg:ActorRole", "skos:Concept")
        n.add("skos:inScheme", ROLE_SCHEME)
        n.add("skos:topConceptOf", ROLE_SCHEME)
        n.add("skos:notation", plain(code))
        n.add("skos:prefLabel", en(G.ROLE_LABELS.get(code, r["label"])))
        n.add("skos:definition", en(G.ROLE_DEFINITIONS[code]))
        n.add("geokg:roleCategory", plain(r["category"]))
        nouns = uniq(G.ROLE_NOUNS.get(code, []))
        for w in nouns:
            if w in seen_nouns:
                sys.exit("role noun %r in both %s and %s" % (w, seen_nouns[w], code))
            seen_nouns[w] = code
        n.add("geokg:roleNoun", *[en(w) for w in nouns])
        out.append(n.render())
    return "".join(out), len(rows), len(trows)


# ------------------------------------------------------------------------------------------------
# actors.ttl: countries
# ------------------------------------------------------------------------------------------------

LATIN_OK = set("ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ")


ENGLISH_WORDS = {"Republic", "Kingdom", "State", "States", "Federation", "Commonwealth", "Union",
                 "Islands", "Island", "Collectivity", "Country", "Territory", "Department",
                 "Principality", "Sultanate", "Confederation", "Bailiwick", "Federal", "Democratic"}


def english_usable(name):
    """Heuristic for alternative names worth keeping: plain ASCII, or Latin script with accents
    when the name is an English phrase ("Republic of Côte d'Ivoire"); never transliterations
    with macrons, dots below or IPA, never inverted ISO forms ("Korea, Republic of"), never
    native-language forms (gazetteer_data.FOREIGN_WORDS / DROP_ALT_NAMES)."""
    words = re.findall(r"[^\s'’-]+", name)
    if not name.isascii():
        if any(ord(ch) >= 128 and ch not in LATIN_OK for ch in name):
            return False
        if not any(w in ENGLISH_WORDS for w in words):
            return False
    if "(" in name or re.search(r", (the )?[A-Za-z .'’]+ of( the)?$", name) or re.search(r", (British|U\.S\.)$", name):
        return False
    if any(w in G.FOREIGN_WORDS for w in words):
        return False
    if name in G.DROP_ALT_NAMES:
        return False
    return True


def plural_demonym(d):
    if d in G.DEMONYM_PLURALS:
        return G.DEMONYM_PLURALS[d]
    if d.endswith(("ese", "ois", "ss")):
        return d
    return d + "s"


def gen_countries(data_dir):
    rows = read_tsv(os.path.join(data_dir, "places", "countries.tsv"))
    # demonyms shared by several entries: keep them only where they belong
    owner = {}
    for r in rows:
        for d in split_demonyms(r["demonyms"]):
            owner.setdefault(d, []).append(r["iso3"])
    nodes = []
    preflabels = {}
    for r in rows:
        iso3 = G.ISO3_OVERRIDE.get(r["iso3"], r["iso3"])
        iso2 = r["iso2"]
        name = G.PREFLABEL_OVERRIDE.get(iso3, r["name"])
        if name in preflabels:
            sys.exit("duplicate country prefLabel %r (%s, %s)" % (name, preflabels[name], iso3))
        preflabels[name] = iso3
        alts = [r["official_name"]] + r["alt_names"].split(";")
        alts = [a.strip() for a in alts if a.strip()]
        alts = [a for a in alts if english_usable(a)]
        alts += G.EXTRA_ALT_LABELS.get(iso3, [])
        if name != r["name"]:
            alts.append(r["name"])
        alts = [a for a in uniq(alts) if a != name and a not in G.DROP_ALT_NAMES_FOR.get(iso3, ())]

        dems = []
        for d in split_demonyms(r["demonyms"]):
            d = G.DEMONYM_FIX.get(d, d)
            pref = G.DEMONYM_OWNER.get(d)
            if pref and pref != iso3:
                continue
            if not pref and len(owner.get(d, [])) > 1 and r["independent"] != "1":
                continue
            dems.append(d)
        if iso3 in G.DEMONYM_REPLACE:
            dems = list(G.DEMONYM_REPLACE[iso3])
        dems = uniq(dems + G.EXTRA_DEMONYMS.get(iso3, []))
        plurals = uniq([plural_demonym(d) for d in dems] + G.EXTRA_DEMONYM_PLURALS.get(iso3, []))
        plurals = [p for p in plurals if p not in G.NO_PLURAL]
        demonym_forms = split_demonyms(r["demonyms"]) + dems + plurals
        alts = uniq(alts + spelling_variants(r["phoenix_names"], [name] + alts, demonym_forms))

        caps = [c.strip() for c in r["capitals"].split(";") if c.strip()]
        caps = [c for c in caps if c not in G.DROP_CAPITALS.get(iso3, ()) and c not in G.DROP_CAPITALS.get("*", ())]
        caps = uniq(caps + G.EXTRA_CAPITALS.get(iso3, []))

        n = Node("country:" + iso3)
        n.add("a", "geokg:Country")
        n.add("skos:prefLabel", en(name))
        n.add("skos:altLabel", *[en(a) for a in alts])
        n.add("geokg:iso3", plain(iso3))
        n.add("geokg:iso2", plain(iso2))
        n.add("geokg:cameoCode", plain(r["cameo_code"]))
        n.add("geokg:code", plain(iso3))
        if r["ccn3"]:
            n.add("geokg:isoNumeric", plain(r["ccn3"]))
        n.add("geokg:demonym", *[en(d) for d in dems])
        n.add("geokg:demonymPlural", *[en(p) for p in plurals])
        n.add("geokg:capital", *[en(c) for c in caps])
        n.add("geokg:seatOfPower", *[en(s) for s in G.SEATS_OF_POWER.get(iso3, [])])
        n.add("geokg:descriptor", *[en(s) for s in G.COUNTRY_DESCRIPTORS.get(iso3, [])])
        n.add("geokg:region", plain(r["region"]) if r["region"] else None)
        n.add("geokg:subregion", plain(r["subregion"]) if r["subregion"] else None)
        n.add("geokg:sovereign", '"%s"^^xsd:boolean' % ("true" if r["independent"] == "1" else "false"))
        n.add("geokg:unMember", '"%s"^^xsd:boolean' % ("true" if r["un_member"] == "1" else "false"))
        if r["wikidata_qid"]:
            n.add("owl:sameAs", "wd:" + r["wikidata_qid"])
        nodes.append(n.render())
    return nodes, {G.ISO3_OVERRIDE.get(r["iso3"], r["iso3"]) for r in rows}


def edit_distance(a, b):
    """Levenshtein distance of two strings."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# Endings of demonym-like adjectives ("Slovakian", "Bhutani", "Netherlander"): never taken as
# spellings of a country's name.
ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ani", "der", "can")


def spelling_variants(phoenix_names, names, demonyms):
    """Common misspellings of a country's name from the Phoenix dictionary ("AFGANISTAN",
    "ETHOPIA"): single words of six letters or more within two edits of one of its English
    names and nearer to it than to any demonym ("Albanian", "Argentinian" stay demonyms),
    title-cased. Places, native forms and other names in the list are left out."""
    known = {n.lower() for n in names if " " not in n}
    dems = {d.lower() for d in demonyms}
    out = []
    for v in phoenix_names.split(";"):
        v = v.strip()
        if len(v) < 6 or not v.isalpha() or not v.isascii():
            continue
        w = v.lower()
        if w in known or w in dems or w.endswith(ADJECTIVE_ENDINGS):
            continue
        near = min((edit_distance(w, k) for k in known if w[0] == k[0]), default=99)
        if near <= 2 and all(edit_distance(w, d) > near for d in dems):
            out.append(v.capitalize())
    return out


def split_demonyms(s):
    out = []
    for part in re.split(r",\s*|\s+or\s+", s):
        part = part.strip()
        if part:
            out.append(part)
    return out


# ------------------------------------------------------------------------------------------------
# actors.ttl: organisations, groups, people
# ------------------------------------------------------------------------------------------------

def ref(code, countries, actors):
    """'RUS' -> country:RUS ; 'nato' -> actor:nato (checked)."""
    if re.fullmatch(r"[A-Z]{3}", code):
        if code not in countries:
            sys.exit("unknown country %s" % code)
        return "country:" + code
    if code not in actors:
        sys.exit("unknown actor %s" % code)
    return "actor:" + code


def actor_code(code, countries, orgs):
    if re.fullmatch(r"[A-Z]{3}", code):
        return code
    return orgs[code]["code"]


def gen_orgs(countries):
    orgs = {}
    for o in G.ORGANIZATIONS + G.GROUPS:
        if o["id"] in orgs:
            sys.exit("duplicate actor id %s" % o["id"])
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", o["id"]):
            sys.exit("bad slug %s" % o["id"])
        orgs[o["id"]] = o
    nodes = []
    counts = {"igo": 0, "org": 0, "group": 0}
    for o in G.ORGANIZATIONS + G.GROUPS:
        n = Node("actor:" + o["id"])
        cls = o.get("class", "geokg:ArmedGroup" if o in G.GROUPS else "geokg:InternationalOrganization")
        n.add("a", cls)
        if cls == "geokg:InternationalOrganization":
            counts["igo"] += 1
        elif cls == "geokg:ArmedGroup":
            counts["group"] += 1
        else:
            counts["org"] += 1
        n.add("skos:prefLabel", en(o["label"]))
        n.add("skos:altLabel", *[en(a) for a in uniq(o.get("alt", [])) if a != o["label"]])
        if o.get("acronym"):
            n.add("geokg:acronym", plain(o["acronym"]))
        n.add("geokg:code", plain(o["code"]))
        if o.get("country"):
            n.add("geokg:country", ref(o["country"], countries, orgs))
        if o.get("partOf"):
            n.add("geokg:partOf", ref(o["partOf"], countries, orgs))
        if o.get("role"):
            n.add("geokg:defaultRole", "role:" + o["role"])
        n.add("geokg:descriptor", *[en(d) for d in o.get("desc", [])])
        if o.get("qid"):
            n.add("owl:sameAs", "wd:" + o["qid"])
        if o.get("comment"):
            n.add("rdfs:comment", en(o["comment"]))
        nodes.append(n.render())
    return nodes, orgs, counts


def gen_people(countries, orgs):
    nodes = []
    seen = set()
    npos = 0
    for p in G.PEOPLE:
        pid = p["id"]
        if pid in seen or pid in orgs:
            sys.exit("duplicate actor id %s" % pid)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pid):
            sys.exit("bad slug %s" % pid)
        seen.add(pid)
        n = Node("actor:" + pid)
        n.add("a", "geokg:Person")
        n.add("skos:prefLabel", en(p["label"]))
        n.add("skos:altLabel", *[en(a) for a in uniq(p.get("alt", [])) if a != p["label"]])
        fam = p["fam"] if isinstance(p["fam"], list) else [p["fam"]]
        # one family name (the usual English spelling); other spellings of it are hidden labels
        n.add("foaf:familyName", plain(fam[0]))
        n.add("skos:hiddenLabel", *[en(f) for f in fam[1:]])
        n.add("foaf:gender", plain({"m": "male", "f": "female"}[p["g"]]))
        positions = sorted(p.get("pos", []), key=lambda t: t[3])
        latest = None
        for (office, where, role, start, end) in positions:
            if end and end < start:
                sys.exit("%s: position %s ends before it starts" % (pid, office))
            blank = ["a geokg:Position", "geokg:office " + plain(office),
                     "geokg:country " + ref(where, countries, orgs), "geokg:role role:" + role,
                     "geokg:start " + date(start)]
            if end:
                blank.append("geokg:end " + date(end))
            n.add("geokg:holds", "[ " + " ; ".join(blank) + " ]")
            npos += 1
            if latest is None or (not end) or (latest[4] and end >= latest[4]):
                latest = (office, where, role, start, end)
        if p.get("aff"):
            where, role = p["aff"]
            n.add("geokg:affiliation", ref(where, countries, orgs))
            n.add("geokg:defaultRole", "role:" + role)
            code_src = where
        elif latest:
            code_src = latest[1]
        else:
            code_src = None
        if code_src:
            n.add("geokg:code", plain(actor_code(code_src, countries, orgs)))
        if p.get("qid"):
            n.add("owl:sameAs", "wd:" + p["qid"])
        if p.get("note"):
            n.add("rdfs:comment", en(p["note"]))
        nodes.append(n.render())
    return nodes, len(seen), npos


def gen_actors(data_dir):
    cnodes, countries = gen_countries(data_dir)
    onodes, orgs, ocounts = gen_orgs(countries)
    pnodes, npeople, npos = gen_people(countries, orgs)
    header = (
        "# The geokg gazetteer: countries and territories, international organisations, other\n"
        "# organisations, armed groups, and people with the offices they hold.\n"
        "# GENERATED by scripts/gen_ontology.py; do not edit by hand.\n"
        "#\n"
        "# Country names, ISO codes, demonyms, capitals and regions are derived from\n"
        "# mledoze/countries (https://github.com/mledoze/countries), licensed under the Open\n"
        "# Database License (ODbL-1.0); this derived database is therefore also made available under\n"
        "# the ODbL-1.0 (https://opendatacommons.org/licenses/odbl/1-0/). Wikidata QIDs: CC0 (via\n"
        "# Our World in Data's country list, MIT). CAMEO country codes: CAMEO codebook / Phoenix\n"
        "# dictionaries (MIT). Organisations, groups, people and terms of office are curated by the\n"
        "# geokg developers in scripts/gazetteer_data.py.\n\n"
    )
    meta = Node("<https://w3id.org/geokg/gazetteer>")
    meta.add("a", "dcterms:Dataset")
    meta.add("dcterms:title", en("geokg gazetteer"))
    meta.add("dcterms:license", "<https://opendatacommons.org/licenses/odbl/1-0/>")
    meta.add("dcterms:source", "<https://github.com/mledoze/countries>", "<https://www.wikidata.org/>")
    body = [header, PREFIXES, "\n", meta.render(), "\n# ---- Countries and territories ----\n\n"]
    body += cnodes
    body.append("\n# ---- International organisations, other organisations, armed groups ----\n\n")
    body += onodes
    body.append("\n# ---- People ----\n\n")
    body += pnodes
    stats = {"countries": len(countries), "people": npeople, "positions": npos}
    stats.update(ocounts)
    return "".join(body), stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", nargs="?", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO, "ontology"))
    args = ap.parse_args()
    cameo, ncodes, nroles = gen_cameo(args.data_dir)
    actors, stats = gen_actors(args.data_dir)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "cameo.ttl"), "w", encoding="utf-8") as f:
        f.write(cameo)
    with open(os.path.join(args.out, "actors.ttl"), "w", encoding="utf-8") as f:
        f.write(actors)
    print("cameo.ttl: %d event codes, %d actor roles" % (ncodes, nroles))
    print("actors.ttl: %(countries)d countries, %(igo)d international organisations, "
          "%(org)d other organisations, %(group)d armed groups, %(people)d people, "
          "%(positions)d positions" % stats)


if __name__ == "__main__":
    main()
