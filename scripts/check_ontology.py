#!/usr/bin/env python3
"""Check the Turtle files in ontology/ (needs rdflib: pip install rdflib).

Parses every ontology/*.ttl and asserts the invariants the extractor and the RDF mapper rely on:
  * each CAMEO code has a notation, exactly one prefLabel, exactly one broader (roots: none, and
    a topConceptOf), a Goldstein value, a quad class and a definition; ~300 codes in all;
  * every country has iso3, iso2, geokg:code and exactly one prefLabel; no two countries share a
    prefLabel; ISO codes are well-formed and unique;
  * every position held by a person has an office, a country, a role and a start date (xsd:date),
    and no end date before its start;
  * every class and property of geokg.ttl has an rdfs:label and an rdfs:comment, and every geokg:
    term used in the data is declared there;
  * organisations and groups have a prefLabel and a geokg:code.
Prints counts; exits non-zero on the first failed group of checks.

Usage: python3 scripts/check_ontology.py [ONTOLOGY_DIR]
"""

import os
import re
import sys
from collections import Counter, defaultdict

try:
    import rdflib
    from rdflib import RDF, RDFS, OWL, XSD, Literal, Namespace, URIRef
    from rdflib.namespace import SKOS
except ImportError:  # pragma: no cover
    sys.exit("rdflib is required: pip install rdflib")

GEOKG = Namespace("https://w3id.org/geokg/ns#")
ROLE_SCHEME = "https://w3id.org/geokg/roles"
CAMEO = "https://w3id.org/geokg/cameo/"
ROLE = "https://w3id.org/geokg/role/"

errors = []


def fail(msg):
    errors.append(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    odir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "ontology")
    graphs = {}
    for name in sorted(os.listdir(odir)):
        if name.endswith(".ttl"):
            g = rdflib.Graph()
            try:
                g.parse(os.path.join(odir, name), format="turtle")
            except Exception as e:  # noqa: BLE001
                sys.exit("%s: parse error: %s" % (name, e))
            graphs[name] = g
            print("%-12s %6d triples" % (name, len(g)))
    for required in ("geokg.ttl", "cameo.ttl", "actors.ttl"):
        if required not in graphs:
            sys.exit("missing ontology/%s" % required)
    g = rdflib.Graph()
    for part in graphs.values():
        g += part

    # ---- core model
    core = graphs["geokg.ttl"]
    onto = URIRef("https://w3id.org/geokg/ns")
    check((onto, RDF.type, OWL.Ontology) in core, "geokg.ttl: no owl:Ontology")
    check(core.value(onto, OWL.versionInfo) is not None, "geokg.ttl: no owl:versionInfo")
    declared = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for t in core.subjects(RDF.type, kind):
            if str(t).startswith(str(GEOKG)):
                declared.add(t)
                check(core.value(t, RDFS.label) is not None, "no rdfs:label on %s" % t)
                check(core.value(t, RDFS.comment) is not None, "no rdfs:comment on %s" % t)
    for t in core.subjects(RDF.type, GEOKG.QuadClass):
        declared.add(t)
    declared.add(GEOKG.quadClasses)
    used = set()
    for s, p, o in g:
        for term in (s, p, o):
            if isinstance(term, URIRef) and str(term).startswith(str(GEOKG)):
                used.add(term)
    for t in sorted(used - declared):
        fail("geokg term used but not declared in geokg.ttl: %s" % t)
    quads = sorted(int(core.value(q, SKOS.notation)) for q in core.subjects(RDF.type, GEOKG.QuadClass))
    check(quads == [1, 2, 3, 4], "quad classes: notations %s" % quads)
    report("core model", "%d declared terms" % len(declared))

    # ---- CAMEO
    codes = [c for c in g.subjects(SKOS.inScheme, URIRef(CAMEO + "scheme"))]
    check(280 <= len(codes) <= 330, "expected ~300 CAMEO codes, found %d" % len(codes))
    notations = {}
    for c in codes:
        n = list(g.objects(c, SKOS.notation))
        check(len(n) == 1, "%s: %d notations" % (c, len(n)))
        if not n:
            continue
        code = str(n[0])
        notations[code] = c
        check(str(c) == CAMEO + code, "%s: IRI does not match notation %s" % (c, code))
        check(re.fullmatch(r"\d{2,4}", code) is not None, "%s: bad notation" % c)
        labels = list(g.objects(c, SKOS.prefLabel))
        check(len(labels) == 1, "%s: %d prefLabels" % (c, len(labels)))
        check(all(getattr(l, "language", None) == "en" for l in labels), "%s: prefLabel not @en" % c)
        broader = list(g.objects(c, SKOS.broader))
        if len(code) == 2:
            check(not broader, "%s: root with skos:broader" % c)
            check((c, SKOS.topConceptOf, URIRef(CAMEO + "scheme")) in g, "%s: root without topConceptOf" % c)
        else:
            check(len(broader) == 1, "%s: %d broader" % (c, len(broader)))
            if len(broader) == 1:
                parent = code[:2] if len(code) == 3 else code[:3]
                check(broader[0] == URIRef(CAMEO + parent), "%s: broader %s, expected %s" % (c, broader[0], parent))
        gs = list(g.objects(c, GEOKG.goldstein))
        check(len(gs) == 1 and gs[0].datatype == XSD.decimal and -10 <= float(gs[0]) <= 10,
              "%s: bad goldstein %s" % (c, gs))
        qc = list(g.objects(c, GEOKG.quadClass))
        check(len(qc) == 1 and (qc[0], RDF.type, GEOKG.QuadClass) in g, "%s: bad quadClass" % c)
        defs = list(g.objects(c, SKOS.definition))
        check(len(defs) == 1, "%s: %d definitions" % (c, len(defs)))
    roots = [k for k in notations if len(k) == 2]
    check(len(roots) == 20, "expected 20 CAMEO roots, found %d" % len(roots))
    roles = list(g.subjects(RDF.type, GEOKG.ActorRole))
    for r in roles:
        check(len(list(g.objects(r, SKOS.prefLabel))) == 1, "%s: prefLabel" % r)
        check(g.value(r, SKOS.notation) is not None, "%s: notation" % r)
        check(g.value(r, SKOS.definition) is not None, "%s: definition" % r)
    nouns = Counter(str(o) for r in roles for o in g.objects(r, GEOKG.roleNoun))
    dup = [n for n, k in nouns.items() if k > 1]
    check(not dup, "role nouns in more than one role: %s" % dup)
    # every IRI in the role: namespace must be an actor role (the loader reads them as roles),
    # and every role referenced by an actor or a position must exist
    role_iris = {t for trip in g for t in trip if isinstance(t, URIRef) and str(t).startswith(ROLE)}
    for t in sorted(role_iris):
        check((t, RDF.type, GEOKG.ActorRole) in g, "%s: IRI in the role: namespace is not an ActorRole" % t)
    check((URIRef(ROLE_SCHEME), RDF.type, SKOS.ConceptScheme) in g, "no role scheme %s" % ROLE_SCHEME)
    for r in roles:
        check((r, SKOS.inScheme, URIRef(ROLE_SCHEME)) in g, "%s: not in the role scheme" % r)
    for must in ("GOV", "MIL", "COP", "REB", "INS", "OPP", "CVL", "MED", "BUS", "JUD", "LEG"):
        check(any(True for _ in g.objects(URIRef(ROLE + must), GEOKG.roleNoun)), "role %s has no roleNoun" % must)
    report("CAMEO", "%d codes (%d roots), %d actor roles, %d role nouns" % (len(codes), len(roots), len(roles), len(nouns)))

    # ---- countries
    countries = list(g.subjects(RDF.type, GEOKG.Country))
    pref = defaultdict(list)
    iso3s, iso2s = Counter(), Counter()
    for c in countries:
        i3 = list(g.objects(c, GEOKG.iso3))
        i2 = list(g.objects(c, GEOKG.iso2))
        check(len(i3) == 1 and re.fullmatch(r"[A-Z]{3}", str(i3[0])), "%s: iso3 %s" % (c, i3))
        check(len(i2) == 1 and re.fullmatch(r"[A-Z]{2}", str(i2[0])), "%s: iso2 %s" % (c, i2))
        if i3:
            iso3s[str(i3[0])] += 1
            check(str(c).endswith("/" + str(i3[0])), "%s: IRI does not end with iso3" % c)
            check(str(g.value(c, GEOKG.code)) == str(i3[0]), "%s: geokg:code != iso3" % c)
        if i2:
            iso2s[str(i2[0])] += 1
        labels = list(g.objects(c, SKOS.prefLabel))
        check(len(labels) == 1, "%s: %d prefLabels" % (c, len(labels)))
        for l in labels:
            pref[str(l)].append(c)
    check(len(countries) >= 240, "only %d countries" % len(countries))
    for l, cs in pref.items():
        check(len(cs) == 1, "countries share the prefLabel %r: %s" % (l, cs))
    check(all(v == 1 for v in iso3s.values()), "duplicate iso3: %s" % [k for k, v in iso3s.items() if v > 1])
    check(all(v == 1 for v in iso2s.values()), "duplicate iso2: %s" % [k for k, v in iso2s.items() if v > 1])
    report("countries", "%d countries" % len(countries))

    # ---- organisations and groups
    counts = {}
    for cls in (GEOKG.InternationalOrganization, GEOKG.Organization, GEOKG.ArmedGroup):
        members = list(g.subjects(RDF.type, cls))
        counts[cls.split("#")[1]] = len(members)
        for o in members:
            check(len(list(g.objects(o, SKOS.prefLabel))) == 1, "%s: prefLabel" % o)
            check(g.value(o, GEOKG.code) is not None, "%s: no geokg:code" % o)
            code = str(g.value(o, GEOKG.code))
            if cls == GEOKG.InternationalOrganization:
                check(code.startswith("IGO:"), "%s: IGO code %s" % (o, code))
            if cls == GEOKG.ArmedGroup:
                check(g.value(o, GEOKG.defaultRole) is not None, "%s: no defaultRole" % o)
            if re.fullmatch(r"[A-Z]{3}", code):
                check(code in iso3s, "%s: unknown country code %s" % (o, code))
    # UN organs, programmes, funds and missions (partOf actor:un) share the code IGO:UN; only
    # the specialised agencies and related organisations listed here keep their own code
    un = URIRef("https://w3id.org/geokg/actor/un")
    own_code = {"who", "unesco", "ilo", "fao", "icj", "iaea", "imf", "world-bank", "opcw"}
    for o in g.subjects(GEOKG.partOf, un):
        slug = str(o).rsplit("/", 1)[1]
        code = str(g.value(o, GEOKG.code))
        if slug in own_code:
            check(code != "IGO:UN", "%s: specialised agency coded IGO:UN" % o)
        else:
            check(code == "IGO:UN", "%s: UN organ coded %s, expected IGO:UN" % (o, code))
    report("organisations", ", ".join("%s %d" % kv for kv in counts.items()))

    # ---- people
    people = list(g.subjects(RDF.type, GEOKG.Person))
    npos = 0
    for p in people:
        check(len(list(g.objects(p, SKOS.prefLabel))) == 1, "%s: prefLabel" % p)
        check(g.value(p, FOAF_FAMILY) is not None, "%s: no foaf:familyName" % p)
        check(str(g.value(p, FOAF_GENDER)) in ("male", "female"), "%s: foaf:gender" % p)
        for pos in g.objects(p, GEOKG.holds):
            npos += 1
            start = list(g.objects(pos, GEOKG.start))
            end = list(g.objects(pos, GEOKG.end))
            check(len(start) == 1 and start[0].datatype == XSD.date, "%s: position without xsd:date start" % p)
            check(len(end) <= 1, "%s: several ends" % p)
            for prop in (GEOKG.office, GEOKG.country, GEOKG.role):
                check(g.value(pos, prop) is not None, "%s: position without %s" % (p, prop))
            check((g.value(pos, GEOKG.country), RDF.type, None) in g, "%s: position country unknown" % p)
            if start and end:
                check(str(end[0]) >= str(start[0]), "%s: position ends before it starts" % p)
    report("people", "%d people, %d positions" % (len(people), npos))

    # ---- labels shared by several named actors (information only)
    owners = defaultdict(set)
    for cls in (GEOKG.InternationalOrganization, GEOKG.Organization, GEOKG.ArmedGroup, GEOKG.Person, GEOKG.Country):
        for a in g.subjects(RDF.type, cls):
            for prop in (SKOS.prefLabel, SKOS.altLabel):
                for l in g.objects(a, prop):
                    owners[str(l).lower()].add(a)
    shared = {l: a for l, a in owners.items() if len(a) > 1}
    if shared:
        print("note: %d labels name more than one actor: %s" % (len(shared), ", ".join(sorted(shared)[:20])))

    if errors:
        for e in errors[:200]:
            print("FAIL:", e)
        print("%d failures" % len(errors))
        sys.exit(1)
    print("all checks passed")


FOAF_FAMILY = URIRef("http://xmlns.com/foaf/0.1/familyName")
FOAF_GENDER = URIRef("http://xmlns.com/foaf/0.1/gender")


def report(section, text):
    print("ok  %-14s %s" % (section, text) if not errors else "..  %-14s %s" % (section, text))


if __name__ == "__main__":
    main()
