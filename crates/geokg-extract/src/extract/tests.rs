//! Pattern tests on hand-made sentences with hand-made actor mentions.

use crate::extract::actors::{ActorMention, MentionKind};
use crate::extract::candidate::Candidate;
use crate::extract::events::DocumentEvents;
use crate::extract::sentence::Sentence;
use crate::extract::{nominal, verbal};
use crate::nlp::{split_tokens, tokenize};
use crate::{Article, Event, Lexicon, Modality, Party};

/// Mentions for the given (surface, country) pairs, found left to right in `text`.
fn mentions(text: &str, actors: &[(&str, &str)]) -> Vec<ActorMention> {
    let mut out = Vec::new();
    let mut from = 0;
    for (surface, country) in actors {
        let Some(i) = text[from..].find(surface).map(|i| i + from) else {
            panic!("{surface} not in {text}")
        };
        from = i + surface.len();
        let pronoun = surface.chars().next().is_some_and(char::is_lowercase);
        out.push(ActorMention {
            start: i,
            end: i + surface.len(),
            party: Party {
                label: surface.to_string(),
                country: Some(country.to_string()),
                iri: None,
                role: None,
                text: surface.to_string(),
                start: text[..i].chars().count(),
                end: text[..i + surface.len()].chars().count(),
            },
            kind: if pronoun {
                MentionKind::Pronoun
            } else {
                MentionKind::Name
            },
            plural: false,
            possessive: false,
            member: 0,
        });
    }
    out.sort_by_key(|m| m.start);
    out
}

/// The events of a one-sentence text with the given mentions.
fn events(text: &str, actors: &[(&str, &str)]) -> Vec<Event> {
    let lexicon = Lexicon::builtin().expect("lexicon");
    let article = Article {
        id: "t".into(),
        text: text.to_string(),
        ..Article::default()
    };
    let tokens = tokenize(text, 0, text.len());
    let mut doc = DocumentEvents::new(&article, &lexicon);
    for range in split_tokens(text, &tokens) {
        let toks = &tokens[range];
        let (start, end) = (toks[0].start, toks[toks.len() - 1].end);
        let ms: Vec<ActorMention> = mentions(text, actors)
            .into_iter()
            .filter(|m| m.start >= start && m.end <= end)
            .collect();
        let s = Sentence::new(text, toks, ms, &lexicon.verbs);
        let mut used = vec![false; s.tags.len()];
        let mut c: Vec<Candidate> = verbal::verbal_events(&s, &lexicon.verbs, &mut used);
        let n = nominal::nominal_events(&s, &lexicon.verbs, &used, &c);
        c.extend(n);
        doc.add(&s, start, end, c);
    }
    doc.finish()
}

/// (actor, code, target) triples of the non-negated events.
fn triples(text: &str, actors: &[(&str, &str)]) -> Vec<(String, String, String)> {
    events(text, actors)
        .into_iter()
        .filter(|e| !e.negated)
        .map(|e| (e.actor.label, e.action.code, e.target.label))
        .collect()
}

fn t(a: &str, c: &str, b: &str) -> (String, String, String) {
    (a.to_string(), c.to_string(), b.to_string())
}

#[test]
fn active_svo() {
    assert_eq!(
        triples(
            "Freedonia condemned Sylvania on Monday.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "111", "Sylvania")]
    );
}

#[test]
fn passive_with_agent() {
    let got = triples(
        "The proposals continue to be rejected by Sylvania, Freedonia said.",
        &[("Sylvania", "SYL"), ("Freedonia", "FRE")],
    );
    assert!(got.is_empty(), "{got:?}");
    let got = triples(
        "Freedonia was attacked by Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Sylvania", "190", "Freedonia")]);
}

#[test]
fn phrasal_verbs_and_prepositions() {
    assert_eq!(
        triples(
            "Freedonia met with Sylvania in Ruritania.",
            &[
                ("Freedonia", "FRE"),
                ("Sylvania", "SYL"),
                ("Ruritania", "RUR")
            ]
        ),
        [t("Freedonia", "040", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia cracked down on Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "170", "Sylvania")]
    );
}

#[test]
fn appeal_with_complement() {
    assert_eq!(
        triples(
            "Freedonia called on Sylvania to agree to a ceasefire.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        )[0],
        t("Freedonia", "0256", "Sylvania")
    );
    assert_eq!(
        triples(
            "Freedonia urged Sylvania to resume negotiations.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "026", "Sylvania")]
    );
}

#[test]
fn light_verbs() {
    assert_eq!(
        triples(
            "Freedonia held talks with Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "040", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia launched drone strikes on Sylvania overnight.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "195", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia imposed new sanctions on Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "163", "Sylvania")]
    );
}

#[test]
fn coordination() {
    let got = triples(
        "Freedonia and Sylvania signed a trade pact.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "057", "Sylvania")]);
    let got = triples(
        "Freedonia met Sylvania and Ruritania.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert_eq!(
        got,
        [
            t("Freedonia", "040", "Sylvania"),
            t("Freedonia", "040", "Ruritania")
        ]
    );
    let got = triples(
        "Freedonia threatened and then sanctioned Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(got.contains(&t("Freedonia", "163", "Sylvania")), "{got:?}");
}

#[test]
fn nominal_events() {
    let got = triples(
        "A meeting between Freedonia and Sylvania ended without a deal.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "040", "Sylvania")]);
    let got = triples(
        "The invasion of Sylvania by Freedonia drew protests.",
        &[("Sylvania", "SYL"), ("Freedonia", "FRE")],
    );
    assert_eq!(got, [t("Freedonia", "192", "Sylvania")]);
}

#[test]
fn reported_speech_and_threats() {
    let got = triples(
        "Freedonia warned that Sylvania may face sanctions.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "1312", "Sylvania")]);
    let got = triples(
        "Officials said Freedonia attacked Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "190", "Sylvania")]);
}

#[test]
fn negation_refusal_and_modality() {
    let e = events(
        "Freedonia did not attack Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(e.len(), 1);
    assert!(e[0].negated);
    assert_eq!(
        triples(
            "Freedonia refused to meet Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "125", "Sylvania")]
    );
    let e = events(
        "Freedonia will visit Sylvania next week.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(e[0].modality, Modality::Intended);
    let e = events(
        "Freedonia could attack Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(e[0].modality, Modality::Hypothetical);
}

#[test]
fn visits_take_places_as_targets() {
    assert_eq!(
        triples(
            "Freedonia arrived in Sylvania on Sunday.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "042", "Sylvania")]
    );
}

#[test]
fn relative_clause_subject() {
    let got = triples(
        "Freedonia, which has long opposed the plan, criticized Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "111", "Sylvania")]);
}

#[test]
fn evidence_offsets_are_characters() {
    let text = "Überland news. Freedonia condemned Sylvania.";
    let e = events(text, &[("Freedonia", "FRE"), ("Sylvania", "SYL")]);
    assert_eq!(e.len(), 1);
    let s: String = text
        .chars()
        .skip(e[0].evidence.start)
        .take(e[0].evidence.end - e[0].evidence.start)
        .collect();
    assert_eq!(s, "Freedonia condemned Sylvania.");
}

/// Prints the analysis of `GEOKG_DEBUG_TEXT` (a developer aid: `cargo test -- --ignored debug_dump --nocapture`).
#[test]
#[ignore]
fn debug_dump() {
    let Ok(text) = std::env::var("GEOKG_DEBUG_TEXT") else {
        return;
    };
    let lexicon = Lexicon::builtin().expect("lexicon");
    let extractor = crate::Extractor::new(lexicon.clone());
    let article = Article {
        id: "d".into(),
        text: text.clone(),
        published: "2025-01-01".parse().ok(),
        ..Article::default()
    };
    let finder = crate::extract::actors::ActorFinder::new(&lexicon);
    let mut doc = finder.start_document(&article);
    let tokens = tokenize(&text, 0, text.len());
    for range in split_tokens(&text, &tokens) {
        let toks = &tokens[range];
        let ms = doc.sentence_mentions(toks[0].start, toks[toks.len() - 1].end);
        let s = Sentence::new(&text, toks, ms, &lexicon.verbs);
        let words: Vec<String> = s
            .tags
            .iter()
            .map(|t| format!("{}/{:?}", t.lower, t.tag))
            .collect();
        println!("{}", words.join(" "));
        for slot in &s.slots {
            for m in &slot.mentions {
                println!(
                    "  slot {}..{} {:?} {} {:?} poss={}",
                    slot.first,
                    slot.end,
                    m.party.label,
                    m.party.country.as_deref().unwrap_or("-"),
                    m.kind,
                    m.possessive
                );
            }
        }
        for g in &s.groups {
            println!(
                "  group {}..{} head={} {} neg={} pass={} nonfin={} {:?}",
                g.start, g.end, g.head, g.lemma, g.negated, g.passive, g.nonfinite, g.tense
            );
        }
    }
    for e in extractor.extract(&article) {
        println!(
            "EVENT {} -[{}]-> {} neg={} {:?} conf={}",
            e.actor.label, e.action.code, e.target.label, e.negated, e.modality, e.confidence
        );
    }
}

#[test]
fn mutual_consultation_pairs_everyone_once() {
    let got = triples(
        "Freedonia, Sylvania and Ruritania met on Monday.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn reduced_passive_with_agents() {
    let got = triples(
        "The pact, signed by Freedonia and Sylvania, took effect.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "057", "Sylvania")]);
}

#[test]
fn officials_from_a_country_are_that_country() {
    let got = triples(
        "Freedonia met with officials from Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "040", "Sylvania")]);
}

#[test]
fn demand_that_clause_and_embedded_events() {
    let got = triples(
        "Freedonia demanded that Sylvania withdraw its troops and stop attacking Ruritania.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert_eq!(got, [t("Freedonia", "1056", "Sylvania")]);
}

#[test]
fn declared_intent_to_attack_is_a_threat() {
    let got = triples(
        "Freedonia plans to invade Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "1382", "Sylvania")]);
}

#[test]
fn announced_visit_is_an_intent() {
    let got = triples(
        "Freedonia will visit Sylvania in May.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "036", "Sylvania")]);
}

#[test]
fn apposed_event_noun_takes_the_mention_as_actor() {
    let got = triples(
        "Ann Lee, a fierce critic of Sylvania, arrived.",
        &[("Ann Lee", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Ann Lee", "111", "Sylvania")]);
}

#[test]
fn refused_future_cooperation_is_a_rejection() {
    let got = triples(
        "Freedonia said it would not meet Sylvania.",
        &[("Freedonia", "FRE"), ("it", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("it", "125", "Sylvania")]);
}

#[test]
fn extractor_is_shareable_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<crate::Extractor>();
}

#[test]
fn reduced_relative_by_names_the_target() {
    let got = triples(
        "Freedonia condemned the decision taken by Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "111", "Sylvania")]);
}

#[test]
fn agentless_expulsion_names_the_expelling_side() {
    let got = triples(
        "Two Sylvanian diplomats will be expelled from Freedonia.",
        &[("Sylvanian diplomats", "SYL"), ("Freedonia", "FRE")],
    );
    assert_eq!(got, [t("Freedonia", "161", "Sylvanian diplomats")]);
    // Without a verb of expulsion, "from" is no agent.
    let got = triples(
        "Two Sylvanian soldiers were attacked from Freedonia.",
        &[("Sylvanian soldiers", "SYL"), ("Freedonia", "FRE")],
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn staged_protests_and_travel_warnings_target_the_place() {
    assert_eq!(
        triples(
            "Freedonian activists staged a protest in Sylvania on Monday.",
            &[("Freedonian activists", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonian activists", "140", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia advised against travel to Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "160", "Sylvania")]
    );
}

#[test]
fn firefights_and_evidence() {
    assert_eq!(
        triples(
            "Freedonian rebels engaged Sylvanian troops in a firefight.",
            &[("Freedonian rebels", "FRE"), ("Sylvanian troops", "SYL")],
        ),
        [t("Freedonian rebels", "193", "Sylvanian troops")]
    );
    assert_eq!(
        triples(
            "Freedonia presented evidence against Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "112", "Sylvania")]
    );
}

#[test]
fn reported_obligation_is_a_demand() {
    assert_eq!(
        triples(
            "Freedonia said on Tuesday that Sylvania must return the helicopter.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "100", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Sylvania must hold planned elections in May, a Freedonia statement said.",
            &[("Sylvania", "SYL"), ("Freedonia", "FRE")],
        ),
        [t("Freedonia", "100", "Sylvania")]
    );
    // The speaker's own obligation is no demand.
    let got = triples(
        "Freedonia said it must defend itself against Sylvania.",
        &[("Freedonia", "FRE"), ("it", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(got.iter().all(|e| e.1 != "100"), "{got:?}");
}

#[test]
fn specific_pattern_keeps_the_that_clause_target() {
    // "demand end" is more specific than "demand @comp" but still reaches into the clause.
    assert_eq!(
        triples(
            "Freedonia demanded that Sylvania end its curbs on the press.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "1056", "Sylvania")]
    );
}

#[test]
fn calls_by_a_party_right_after_the_verb() {
    let got = triples(
        "Freedonia rejected calls by Sylvania to reform its courts.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].2.as_str()),
        ("Freedonia", "Sylvania")
    );
    assert!(got[0].1.starts_with("12"), "{got:?}");
}

#[test]
fn ditransitive_light_verb_names_the_recipient() {
    assert_eq!(
        triples(
            "Freedonia gave the Sylvanian Republic 5 million dollars of aid for farms.",
            &[("Freedonia", "FRE"), ("Sylvanian Republic", "SYL")],
        ),
        [t("Freedonia", "070", "Sylvanian Republic")]
    );
}

#[test]
fn adverbs_between_auxiliary_and_verb() {
    assert_eq!(
        triples(
            "Freedonia has once again outright rejected a Sylvania proposal.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "125", "Sylvania")]
    );
}

#[test]
fn material_acts_target_the_place() {
    assert_eq!(
        triples(
            "Freedonian troops shelled positions in Sylvania on Monday.",
            &[("Freedonian troops", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonian troops", "194", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia withdrew from Sylvania on Friday.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "087", "Sylvania")]
    );
    // Not for statements, and not for the actor's own country.
    assert!(
        triples(
            "Freedonia praised the vote in Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        )
        .is_empty()
    );
    assert!(
        triples(
            "Freedonian troops shelled positions in Freedonia.",
            &[("Freedonian troops", "FRE"), ("Freedonia", "FRE")],
        )
        .is_empty()
    );
}

#[test]
fn apposition_before_the_verb_describes_the_subject() {
    assert_eq!(
        triples(
            "Freedonia, a key Sylvania ally, has condemned Ruritania.",
            &[
                ("Freedonia", "FRE"),
                ("Sylvania", "SYL"),
                ("Ruritania", "RUR")
            ],
        ),
        [t("Freedonia", "111", "Ruritania")]
    );
}

#[test]
fn there_were_soldiers_killed_is_passive() {
    let got = triples(
        "There were ten Freedonian soldiers killed in Sylvania today.",
        &[("Freedonian soldiers", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(got.iter().all(|e| e.0 != "Freedonian soldiers"), "{got:?}");
}

#[test]
fn unresolved_pronoun_after_a_speech_verb_is_the_speaker() {
    assert_eq!(
        triples(
            "Freedonia said it ordered the expulsion of five Sylvanian diplomats.",
            &[("Freedonia", "FRE"), ("Sylvanian diplomats", "SYL")],
        ),
        [t("Freedonia", "161", "Sylvanian diplomats")]
    );
}

#[test]
fn intention_carries_down_an_infinitive_chain() {
    let ev = events(
        "Freedonia is willing to send material to help defend Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].modality, Modality::Intended);
    assert!(ev[0].action.code.starts_with("03"), "{:?}", ev[0].action);
}

#[test]
fn new_lexicon_patterns() {
    let cases = [
        ("Freedonia ousted the Sylvania envoy.", "170"),
        ("Freedonian refugees sought refuge in Sylvania.", "1033"),
        ("Freedonia froze assets of Sylvania.", "163"),
        (
            "Freedonia claimed responsibility for the attack on Sylvania.",
            "015",
        ),
    ];
    for (text, code) in cases {
        let (a, b) = if text.starts_with("Freedonian") {
            ("Freedonian refugees", "Sylvania")
        } else {
            ("Freedonia", "Sylvania")
        };
        let got = triples(text, &[(a, "FRE"), (b, "SYL")]);
        assert!(got.iter().any(|e| e.1 == code), "{text}: {got:?}");
    }
}

#[test]
fn gerunds_of_force_are_event_nouns() {
    assert_eq!(
        triples(
            "Four men were killed in Freedonian tank shelling in the east of Sylvania on Friday.",
            &[("Freedonian tank", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonian tank", "194", "Sylvania")]
    );
    // A gerund of a non-violent verb is not coded as a noun.
    let got = triples(
        "The Freedonian envoy praising of Sylvania was noted.",
        &[("Freedonian envoy", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(got.iter().all(|e| e.1 != "051"), "{got:?}");
}

#[test]
fn participle_modifier_before_the_verb_is_skipped_for_the_subject() {
    assert_eq!(
        triples(
            "A report released Tuesday in the Sylvanian capital alleged that Freedonia was aware.",
            &[("Sylvanian", "SYL"), ("Freedonia", "FRE")],
        ),
        [t("Sylvanian", "112", "Freedonia")]
    );
}

#[test]
fn failure_to_act_is_no_act() {
    let got = triples(
        "Freedonia cited the failure to condemn Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(got.iter().all(|e| e.1 != "111"), "{got:?}");
    assert_eq!(
        triples(
            "Freedonia wants to condemn Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        )
        .len(),
        1
    );
}

#[test]
fn gerund_after_a_preposition_ends_the_object_search() {
    let got = triples(
        "Freedonia and Ruritania agreed to cooperate in dealing with Sylvania's provocations.",
        &[
            ("Freedonia", "FRE"),
            ("Ruritania", "RUR"),
            ("Sylvania", "SYL"),
        ],
    );
    assert!(got.iter().all(|e| e.2 != "Sylvania"), "{got:?}");
    // A that-clause is still entered.
    assert_eq!(
        triples(
            "Freedonia warned that Sylvania would face sanctions.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        )
        .len(),
        1
    );
}

#[test]
fn ordered_act_is_the_act() {
    assert_eq!(
        triples(
            "Freedonia ordered the lifting of sanctions on Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "085", "Sylvania")]
    );
    // Demanding it of another party stays a demand.
    assert_eq!(
        triples(
            "Freedonia demanded the lifting of sanctions on Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "1054", "Sylvania")]
    );
}

#[test]
fn coordinated_subjects_of_the_form_x_of_y() {
    let got = triples(
        "Presidents Anna Lind of Freedonia and Boris Orr of Sylvania held a telephone conversation.",
        &[
            ("Anna Lind", "FRE"),
            ("Freedonia", "FRE"),
            ("Boris Orr", "SYL"),
            ("Sylvania", "SYL"),
        ],
    );
    assert_eq!(got, [t("Anna Lind", "041", "Boris Orr")]);
}

#[test]
fn readiness_for_talks_is_an_intention() {
    assert_eq!(
        triples(
            "Freedonia is open to a face-to-face meeting with Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "036", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia and Sylvania reached an understanding on the border.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "057", "Sylvania")]
    );
}

#[test]
fn intended_investigation_is_coded_as_investigation() {
    let ev = events(
        "Freedonian inspectors want to investigate the refineries in Sylvania.",
        &[("Freedonian inspectors", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].action.code, "090");
    assert_eq!(ev[0].target.label, "Sylvania");
}

#[test]
fn planned_mutual_cooperation_pairs_the_subjects() {
    let got = triples(
        "Freedonia and Sylvania are seeking to deepen cooperation in energy.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].2.as_str()),
        ("Freedonia", "Sylvania")
    );
    assert!(got[0].1.starts_with("03"), "{got:?}");
}

#[test]
fn exercises_alone_show_force_and_with_a_partner_cooperate() {
    assert_eq!(
        triples(
            "Freedonia held exercises with Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "062", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia held exercises near Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "150", "Sylvania")]
    );
}

#[test]
fn conditions_are_not_events() {
    let got = triples(
        "Freedonia threatened to attack Ruritania unless Sylvania accepted its terms.",
        &[
            ("Freedonia", "FRE"),
            ("Ruritania", "RUR"),
            ("Sylvania", "SYL"),
        ],
    );
    assert!(got.iter().all(|e| e.0 != "Sylvania"), "{got:?}");
    assert!(
        got.iter()
            .any(|e| e.0 == "Freedonia" && e.1.starts_with("13")),
        "{got:?}"
    );
}

#[test]
fn rejected_offer_content_is_not_coded() {
    let got = triples(
        "Freedonia rejected an offer to host a summit for peace between Sylvania and Ruritania.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert!(got.iter().all(|e| e.0 != "Sylvania"), "{got:?}");
}

#[test]
fn noun_restating_a_verb_event_is_not_repeated() {
    let got = triples(
        "Freedonian guerrillas wounded two Sylvanian soldiers in a bomb attack.",
        &[
            ("Freedonian guerrillas", "FRE"),
            ("Sylvanian soldiers", "SYL"),
        ],
    );
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn expulsion_from_a_place_names_the_expelling_side() {
    assert_eq!(
        triples(
            "The expulsion of five Sylvanian diplomats from Freedonia angered Ruritania.",
            &[
                ("Sylvanian diplomats", "SYL"),
                ("Freedonia", "FRE"),
                ("Ruritania", "RUR")
            ],
        ),
        [t("Freedonia", "161", "Sylvanian diplomats")]
    );
}

#[test]
fn coordinated_verb_phrase_shares_the_target() {
    let got = triples(
        "Freedonia has condemned Sylvania and frozen its assets.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(got.contains(&t("Freedonia", "111", "Sylvania")), "{got:?}");
    assert!(got.contains(&t("Freedonia", "163", "Sylvania")), "{got:?}");
}

#[test]
fn what_others_press_for_is_no_act() {
    for text in [
        "Freedonia faces pressure from Ruritania to help Sylvania.",
        "Freedonia is being pressured by Ruritania to help Sylvania.",
    ] {
        let got = triples(
            text,
            &[
                ("Freedonia", "FRE"),
                ("Ruritania", "RUR"),
                ("Sylvania", "SYL"),
            ],
        );
        assert!(
            got.iter()
                .all(|e| !(e.0 == "Freedonia" && e.2 == "Sylvania")),
            "{text}: {got:?}"
        );
    }
    assert_eq!(
        triples(
            "Freedonia decided to help Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        )
        .len(),
        1
    );
}

#[test]
fn claimed_responsibility_targets_the_place() {
    let got = triples(
        "Freedonian rebels claimed responsibility for an attack in Sylvania's capital.",
        &[("Freedonian rebels", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(
        got.contains(&t("Freedonian rebels", "015", "Sylvania")),
        "{got:?}"
    );
}

#[test]
fn protesters_destroying_riot() {
    assert_eq!(
        triples(
            "The Sylvanian building was demolished by Freedonian protesters.",
            &[("Sylvanian", "SYL"), ("Freedonian protesters", "FRE")],
        ),
        [t("Freedonian protesters", "145", "Sylvanian")]
    );
    assert_eq!(
        triples(
            "The Sylvanian building was demolished by Freedonian Protestants.",
            &[("Sylvanian", "SYL"), ("Freedonian Protestants", "FRE")],
        ),
        [t("Freedonian Protestants", "1712", "Sylvanian")]
    );
    assert_eq!(
        triples(
            "The Sylvanian building was demolished by Freedonian troops.",
            &[("Sylvanian", "SYL"), ("Freedonian troops", "FRE")],
        ),
        [t("Freedonian troops", "1712", "Sylvanian")]
    );
}

#[test]
fn meeting_among_several_pairs_everyone() {
    let mut got = triples(
        "Ruritania criticized a trilateral meeting among Freedonia, Sylvania and Osterlich.",
        &[
            ("Ruritania", "RUR"),
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Osterlich", "OST"),
        ],
    );
    got.retain(|e| e.1.starts_with("04"));
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.contains(&t("Sylvania", "040", "Osterlich")), "{got:?}");
}

#[test]
fn summit_sidelines_are_a_setting() {
    let got = triples(
        "Freedonia hailed its meeting on the sidelines of the Ruritania summit.",
        &[("Freedonia", "FRE"), ("its", "FRE"), ("Ruritania", "RUR")],
    );
    assert!(got.iter().all(|e| e.2 != "Ruritania"), "{got:?}");
}

#[test]
fn proposed_acts_are_not_acts() {
    let got = triples(
        "Freedonia proposed initiating negotiations to expand the trade agreement with Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "036", "Sylvania")]);
}

#[test]
fn speaker_pronoun_after_a_time_phrase() {
    assert_eq!(
        triples(
            "Freedonia said on Tuesday it had halted economic aid to Sylvania.",
            &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "162", "Sylvania")]
    );
}

#[test]
fn place_target_past_the_actors_own_forces() {
    assert_eq!(
        triples(
            "Freedonia has strengthened its forces in Sylvania.",
            &[("Freedonia", "FRE"), ("its", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonia", "154", "Sylvania")]
    );
}

#[test]
fn engaged_in_is_active() {
    let got = triples(
        "Freedonian forces were engaged in ethnic cleansing against the Sylvanian population.",
        &[
            ("Freedonian forces", "FRE"),
            ("Sylvanian population", "SYL"),
        ],
    );
    assert_eq!(got, [t("Freedonian forces", "203", "Sylvanian population")]);
}

#[test]
fn preparing_force_shows_force_and_peacekeepers_arriving_keep_peace() {
    assert_eq!(
        triples(
            "The Freedonian army prepared to resume shelling Sylvanian positions.",
            &[("Freedonian army", "FRE"), ("Sylvanian", "SYL")],
        ),
        [t("Freedonian army", "150", "Sylvanian")]
    );
    assert_eq!(
        triples(
            "Freedonian peacekeeping troops arrived in Sylvania.",
            &[
                ("Freedonian peacekeeping troops", "FRE"),
                ("Sylvania", "SYL")
            ],
        ),
        [t("Freedonian peacekeeping troops", "074", "Sylvania")]
    );
    assert_eq!(
        triples(
            "The Freedonian minister arrived in Sylvania.",
            &[("Freedonian minister", "FRE"), ("Sylvania", "SYL")],
        ),
        [t("Freedonian minister", "042", "Sylvania")]
    );
}

#[test]
fn subject_of_after_clause() {
    // "after"/"before"/"since"/"until" introduce a clause whose subject acts.
    let got = triples(
        "Protests erupted after Freedonia condemned Sylvania.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "111", "Sylvania")]);
    let got = triples(
        "Before Sylvania attacked Freedonia, the talks had stalled.",
        &[("Sylvania", "SYL"), ("Freedonia", "FRE")],
    );
    assert_eq!(got, [t("Sylvania", "190", "Freedonia")]);
    // A mention after "after" followed by a non-finite verb is still governed.
    let got = triples(
        "After Freedonia, condemned Sylvania was quiet.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(!got.contains(&t("Freedonia", "111", "Sylvania")), "{got:?}");
}

#[test]
fn handing_a_note_is_an_official_complaint() {
    let got = triples(
        "Freedonia handed the Sylvanian ambassador a protest note.",
        &[("Freedonia", "FRE"), ("Sylvanian ambassador", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "114", "Sylvanian ambassador")]);
    let got = triples(
        "Freedonia delivered a note to Sylvania on Monday.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "114", "Sylvania")]);
}

#[test]
fn declaring_responsible_is_an_accusation() {
    let got = triples(
        "The tribunal of Freedonia declares that Sylvania is responsible for the massacre.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "112", "Sylvania")]);
    let got = triples(
        "Freedonia found Sylvania responsible for the attack.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert_eq!(got, [t("Freedonia", "112", "Sylvania")]);
}

#[test]
fn relative_clause_act_addresses_the_main_actor() {
    // The warning in the relative clause on the meeting's other party is addressed to the
    // subject of the meeting, across a prepositional antecedent list.
    let got = triples(
        "Freedonian envoys met with officials from Sylvania and Ruritania, who warned they may impose sanctions.",
        &[
            ("Freedonian envoys", "FRE"),
            ("officials from Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert!(
        got.contains(&t("Ruritania", "130", "Freedonian envoys"))
            || got.contains(&t("Ruritania", "1312", "Freedonian envoys")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|x| x.0 == "officials from Sylvania" && x.2 == "Freedonian envoys"),
        "{got:?}"
    );
    // Not when the relative clause names its own target.
    let got = triples(
        "Freedonia met with Sylvania, which condemned Ruritania.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert!(
        !got.iter().any(|x| x.0 == "Sylvania" && x.2 == "Freedonia"),
        "{got:?}"
    );
    // Not after a non-verbal event.
    let got = triples(
        "Freedonia shelled Sylvania, which warned of retaliation.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(
        !got.iter().any(|x| x.0 == "Sylvania" && x.2 == "Freedonia"),
        "{got:?}"
    );
}

#[test]
fn force_noun_after_cause_word_targets_the_responding_side() {
    // "since a Z attack": the attack is on the side whose force the clause reports.
    let got = triples(
        "Freedonia has shelled towns in Sylvania since a Ruritania attack on its border posts.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert!(got.contains(&t("Ruritania", "190", "Freedonia")), "{got:?}");
    // Not after a verbal reaction, and not without a cause word.
    let got = triples(
        "Freedonia condemned Sylvania after a Ruritania attack.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert!(!got.iter().any(|x| x.0 == "Ruritania"), "{got:?}");
    let got = triples(
        "Freedonia shelled Sylvania during a Ruritania attack.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert!(!got.iter().any(|x| x.0 == "Ruritania"), "{got:?}");
}

#[test]
fn participle_clause_after_comma_is_a_mutual_act() {
    let got = triples(
        "Freedonia and Sylvania ended their summit on Monday, agreeing to resume negotiations.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(got.contains(&t("Freedonia", "036", "Sylvania")), "{got:?}");
    // Without the comma the participle is no act of the clause subject.
    let got = triples(
        "Reports of Freedonia and Sylvania agreeing to resume negotiations were denied.",
        &[("Freedonia", "FRE"), ("Sylvania", "SYL")],
    );
    assert!(!got.iter().any(|x| x.1.starts_with("03")), "{got:?}");
}

#[test]
fn speculation_is_no_event() {
    let actors = [("Freedonia", "FRE"), ("Sylvanian diplomats", "SYL")];
    for text in [
        "It is likely Freedonia will expel Sylvanian diplomats in return.",
        "It is unlikely that Freedonia will expel Sylvanian diplomats.",
        "Freedonia is likely to expel Sylvanian diplomats.",
    ] {
        assert_eq!(triples(text, &actors), [], "{text}");
    }
    // A report of the act itself stays.
    assert_eq!(
        triples(
            "Freedonia expelled Sylvanian diplomats, which is likely to anger Sylvania.",
            &actors
        ),
        [t("Freedonia", "161", "Sylvanian diplomats")]
    );
}

#[test]
fn fighting_after_a_meeting_is_between_its_parties() {
    let actors = [("Freedonia", "FRE"), ("Sylvania", "SYL")];
    let got = triples(
        "Freedonia and Sylvania met on Sunday after last month's heavy fighting on their border.",
        &actors,
    );
    assert!(got.contains(&t("Freedonia", "190", "Sylvania")), "{got:?}");
    assert!(got.contains(&t("Sylvania", "190", "Freedonia")), "{got:?}");
    // Fighting with a clause of its own is not theirs.
    let got = triples(
        "Freedonia and Sylvania met on Sunday after fighting erupted again.",
        &actors,
    );
    assert!(!got.iter().any(|x| x.1.starts_with("19")), "{got:?}");
}

#[test]
fn announced_act_is_done_to_the_addressee() {
    let got = triples(
        "Freedonia informed Sylvania that Freedonia would cut diplomatic relations.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Freedonia", "FRE"),
        ],
    );
    assert_eq!(got, [t("Freedonia", "1313", "Sylvania")]);
    let got = triples(
        "Freedonia told the Sylvanian government that it would cut diplomatic relations.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvanian government", "SYL"),
            ("it", "FRE"),
        ],
    );
    // The harness labels a pronoun by its surface.
    assert_eq!(got, [t("it", "1313", "Sylvanian government")]);
    // Another party's act is not addressed to the listener.
    let got = triples(
        "Freedonia told Sylvania that Ruritania would cut diplomatic relations.",
        &[
            ("Freedonia", "FRE"),
            ("Sylvania", "SYL"),
            ("Ruritania", "RUR"),
        ],
    );
    assert!(!got.iter().any(|x| x.2 == "Sylvania"), "{got:?}");
}

#[test]
fn condemned_violence_targets_its_place() {
    let actors = [("Freedonia", "FRE"), ("Sylvania", "SYL")];
    assert_eq!(
        triples(
            "Freedonia condemned the escalating violence in Sylvania.",
            &actors
        ),
        [t("Freedonia", "111", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia issued a condemnation of the violence in Sylvania.",
            &actors
        ),
        [t("Freedonia", "111", "Sylvania")]
    );
    // Not for other objects.
    assert_eq!(
        triples("Freedonia condemned the decision in Sylvania.", &actors),
        []
    );
}

#[test]
fn naming_frame_is_no_event_and_names_the_object() {
    let actors = [("Freedonia", "FRE"), ("Sylvania", "SYL")];
    // "called" names the object here; it is no telephone call.
    assert_eq!(
        triples(
            "Freedonia condemned what it called Sylvania's provocations.",
            &[("Freedonia", "FRE"), ("it", "FRE"), ("Sylvania", "SYL")]
        ),
        [t("Freedonia", "111", "Sylvania")]
    );
    assert_eq!(
        triples(
            "Freedonia criticized what officials described as Sylvania's buildup.",
            &actors
        ),
        [t("Freedonia", "111", "Sylvania")]
    );
}

#[test]
fn embassies_and_compensation() {
    let actors = [("Freedonia", "FRE"), ("Sylvania", "SYL")];
    assert_eq!(
        triples(
            "Freedonia reopened its embassy in Sylvania on Monday.",
            &actors
        ),
        [t("Freedonia", "054", "Sylvania")]
    );
    assert_eq!(
        triples("Freedonia paid compensation to Sylvania.", &actors),
        [t("Freedonia", "071", "Sylvania")]
    );
    // Closing an embassy stays a break in relations.
    assert_eq!(
        triples("Freedonia closed its embassy in Sylvania.", &actors),
        [t("Freedonia", "161", "Sylvania")]
    );
}
