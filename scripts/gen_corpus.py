#!/usr/bin/env python3
"""Generate a synthetic news corpus (JSONL) for benchmarks.

Usage: gen_corpus.py N [--seed S] > corpus.jsonl

Each article has an id, a publication date, a title and 6-14 paragraphs mixing:
- event sentences built from templates (actor, verb phrase, target, time expression) over
  a vocabulary of countries, capitals, demonyms, organisations and office titles;
- reported speech, negations, conditionals, nominal events ("a meeting between X and Y");
- filler sentences without political actors (economy, weather, sport, culture);
- boilerplate lines (bylines, "Related:" links, photo captions).
Sentence lengths, paragraph counts and vocabulary are drawn from a seeded RNG so corpora of
different sizes have the same statistics (text per article is flat), which is what a
linear-scaling benchmark needs. The text is generated here; no third-party text is used.
"""
import json
import random
import sys

COUNTRIES = [
    ("Russia", "Russian", "Moscow"), ("Ukraine", "Ukrainian", "Kyiv"), ("the United States", "American", "Washington"),
    ("China", "Chinese", "Beijing"), ("France", "French", "Paris"), ("Germany", "German", "Berlin"),
    ("Iran", "Iranian", "Tehran"), ("Israel", "Israeli", "Jerusalem"), ("Turkey", "Turkish", "Ankara"),
    ("India", "Indian", "New Delhi"), ("Pakistan", "Pakistani", "Islamabad"), ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"), ("Nigeria", "Nigerian", "Abuja"), ("Egypt", "Egyptian", "Cairo"),
    ("Mexico", "Mexican", "Mexico City"), ("Venezuela", "Venezuelan", "Caracas"), ("Sudan", "Sudanese", "Khartoum"),
    ("Mali", "Malian", "Bamako"), ("Poland", "Polish", "Warsaw"), ("Saudi Arabia", "Saudi", "Riyadh"),
    ("South Korea", "South Korean", "Seoul"), ("North Korea", "North Korean", "Pyongyang"), ("Qatar", "Qatari", "Doha"),
]
ORGS = ["NATO", "the United Nations", "the European Union", "the African Union", "ASEAN", "the IAEA", "the IMF", "ECOWAS"]
OFFICES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "envoy", "officials", "troops", "police", "protesters", "lawmakers"]
VERBS = [
    "met with {t}", "accused {t} of violating the agreement", "imposed sanctions on {t}", "signed a trade deal with {t}",
    "praised {t} for its efforts", "criticised {t}", "urged {t} to return to talks", "threatened {t} with retaliation",
    "rejected a proposal from {t}", "hosted a delegation from {t}", "visited {t}", "attacked positions held by {t}",
    "expelled diplomats from {t}", "offered humanitarian aid to {t}", "held talks with {t}", "condemned {t}",
    "promised to support {t}", "demanded an apology from {t}", "agreed to a ceasefire with {t}", "called on {t} to release the prisoners",
]
TIMES = ["on Monday", "on Tuesday", "yesterday", "last week", "earlier this month", "on March 3", "in January", "today", "", "", ""]
FILLER = [
    "Markets in the region closed slightly higher after a volatile session.",
    "Temperatures are expected to rise through the weekend, forecasters said.",
    "The national football team won its qualifying match by two goals.",
    "Inflation eased to {n} percent in the year to {m}, the statistics office reported.",
    "A new museum of contemporary art opened its doors to the public.",
    "Traffic was disrupted for several hours after heavy rain flooded the main roads.",
    "The company reported quarterly revenue of {n} billion dollars, above expectations.",
    "Researchers published a study on the migration of birds across the continent.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


BASE = {
    "met": "meet", "accused": "accuse", "imposed": "impose", "signed": "sign", "praised": "praise", "criticised": "criticise",
    "urged": "urge", "threatened": "threaten", "rejected": "reject", "hosted": "host", "visited": "visit", "attacked": "attack",
    "expelled": "expel", "offered": "offer", "held": "hold", "condemned": "condemn", "promised": "promise", "demanded": "demand",
    "agreed": "agree", "called": "call",
}


def cap(s):
    return s[0].upper() + s[1:]


def party(r):
    if r.random() < 0.15:
        return r.choice(ORGS)
    name, demonym, capital = r.choice(COUNTRIES)
    x = r.random()
    if x < 0.4:
        return name[0].upper() + name[1:]
    if x < 0.6:
        return capital
    return f"{demonym} {r.choice(OFFICES)}"


def event_sentence(r):
    a, t = party(r), party(r)
    while t == a:
        t = party(r)
    v = r.choice(VERBS).format(t=t)
    when = r.choice(TIMES)
    kind = r.random()
    head, rest = v.split(" ", 1)
    base = BASE.get(head, head)
    if kind < 0.12:
        return cap(f"{a} did not {base} {rest} {when}, officials said.".replace("  ", " "))
    if kind < 0.22:
        return f"\u201cWe will not accept this,\u201d a spokesman for {a} said {when}, adding that {t} had been warned.".replace("  ", " ")
    if kind < 0.30:
        return f"A meeting between {a} and {t} is planned for next week, according to diplomats."
    if kind < 0.36:
        return f"If {a} {base}s {rest}, analysts expect a strong response."
    return cap(f"{a} {v} {when}.".replace(" .", ".").replace("  ", " "))


def filler(r):
    return r.choice(FILLER).format(n=round(r.uniform(1, 12), 1), m=r.choice(MONTHS))


def article(i, r):
    year = r.choice([2023, 2024, 2025])
    month, day = r.randint(1, 12), r.randint(1, 28)
    paras = []
    for _ in range(r.randint(6, 14)):
        sents = [event_sentence(r) if r.random() < 0.55 else filler(r) for _ in range(r.randint(2, 5))]
        paras.append(" ".join(sents))
    if r.random() < 0.3:
        paras.append("Related: " + event_sentence(r))
    if r.random() < 0.3:
        paras.append("Reporting by Staff Writers; editing by the Desk")
    title = cap(event_sentence(r).rstrip("."))
    return {"id": f"synthetic-{i:07d}", "date": f"{year}-{month:02d}-{day:02d}", "title": title, "text": title + "\n\n" + "\n\n".join(paras)}


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    n = int(args[0])
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 42
    r = random.Random(seed)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(article(i, r), ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
