//! Verb-triggered events: a verb group matched to a lexicon pattern (or a light verb with a
//! coded noun object), its subject and object mentions, voice, complement, negation and
//! modality.

use crate::Modality;
use crate::lexicon::verbs::VerbLexicon;
use crate::nlp::{GroupTense, Tag};

use super::candidate::{Candidate, PatternKind, symmetric_root};
use super::clause::{
    self, ObjectSearch, governing_group, objects_after, passive_agent, passive_source, subject_of,
};
use super::complement::family_code;
use super::patterns::{Match, match_noun, match_verb};
use super::sentence::Sentence;

/// Verbs whose object noun names the event ("held talks", "launched strikes", "imposed sanctions").
const LIGHT_VERBS: &[&str] = &[
    "hold",
    "launch",
    "carry",
    "conduct",
    "express",
    "voice",
    "make",
    "stage",
    "mount",
    "issue",
    "impose",
    "announce",
    "deliver",
    "give",
    "open",
    "begin",
    "start",
    "resume",
    "continue",
    "step",
    "intensify",
    "escalate",
    "order",
    "approve",
    "authorize",
    "authorise",
    "unleash",
    "commit",
    "perpetrate",
    "undertake",
    "initiate",
    "pursue",
    "file",
    "lodge",
    "send",
    "take",
    "have",
    "join",
    "attend",
    "lead",
    "organize",
    "arrange",
    "schedule",
    "exert",
    "renew",
    "step up",
    "slap",
    "level",
    "extend",
    "greenlight",
    "green-light",
    "offer",
    "reach",
    "sign",
    "seek",
    "plan",
    "propose",
    "host",
    "welcome",
    "announce",
    "agree",
    "accept",
    "support",
    "back",
    "voice",
    "reiterate",
    "reaffirm",
    "broker",
    "tighten",
    "reimpose",
    "enforce",
    "maintain",
    "expand",
    "widen",
    "engage",
    "wage",
    "stage",
];

/// The finite group whose verb phrase group `g` is coordinated with ("condemned Y and froze").
fn coordinated_previous(s: &Sentence, g: usize) -> Option<usize> {
    let group = &s.groups[g];
    let b = (0..group.start)
        .rev()
        .find(|&k| !matches!(s.tag(k), Some(Tag::Adv)))?;
    if !matches!(s.lower(b), "and" | "but") || group.nonfinite {
        return None;
    }
    (0..g)
        .rev()
        .find(|&p| !s.groups[p].nonfinite && s.groups[p].end <= b)
}

/// Roots of verbal interaction: statements, appeals, consultation, demands, disapproval,
/// rejection and threats (01-13).
fn verbal_root(code: &str) -> bool {
    code.get(..2).is_some_and(|r| ("01".."14").contains(&r))
}

/// Whether the infinitive group `g` is something others want of its subject, not an act
/// ("faces pressure to help X", "was urged to attack Y").
fn unrealized_infinitive(s: &Sentence, g: usize) -> bool {
    let group = &s.groups[g];
    if !group.nonfinite {
        return false;
    }
    let to = (0..=group.start).rev().find(|&k| s.lower(k) == "to");
    // "pressure to", "pressure from Congress to".
    let mut before = to.and_then(|k| k.checked_sub(1));
    if let Some(slot) = before.and_then(|b| s.slot_at[b]) {
        before = s.slots[slot]
            .first
            .checked_sub(1)
            .filter(|&p| matches!(s.lower(p), "from" | "by"))
            .and_then(|p| p.checked_sub(1));
    }
    let noun_before = before.is_some_and(|n| {
        matches!(
            crate::nlp::lemma::noun_singular(s.lower(n)),
            "pressure" | "call" | "demand" | "request" | "appeal" | "plea" | "urging"
        )
    });
    let passive_appeal = governing_group(s, g).is_some_and(|p| {
        let gov = &s.groups[p];
        gov.passive
            && matches!(
                gov.lemma.as_str(),
                "urge" | "ask" | "press" | "pressure" | "call" | "request" | "encourage" | "push"
            )
    });
    noun_before || passive_appeal
}

/// Whether group `g` is an infinitive chain under "prepare" ("prepared to resume shelling").
fn preparing(s: &Sentence, g: usize) -> bool {
    let mut h = g;
    for _ in 0..3 {
        if !s.groups[h].nonfinite {
            return false;
        }
        match governing_group(s, h) {
            Some(p) if s.groups[p].lemma == "prepare" => return true,
            Some(p) if p < h => h = p,
            _ => return false,
        }
    }
    false
}

/// Whether a mention of `slots` has a word starting with `prefix` ("peacekeeping troops").
fn mentions_word(s: &Sentence, slots: &[usize], prefix: &str) -> bool {
    slots.iter().any(|&k| {
        s.slots[k].mentions.iter().any(|m| {
            m.party
                .text
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(prefix))
        })
    })
}

/// Whether every actor mention names protesters ("Ukrainian protesters", "demonstrators").
fn protesters(s: &Sentence, actors: &[usize]) -> bool {
    let mut mentions = actors.iter().flat_map(|&a| s.slots[a].mentions.iter());
    !actors.is_empty()
        && mentions.all(|m| {
            let text = m.party.text.to_lowercase();
            text.split(|c: char| !c.is_alphanumeric()).any(|w| {
                ["protester", "protestor", "demonstrator", "rioter"]
                    .iter()
                    .any(|p| w.starts_with(p))
            })
        })
}

/// Whether the infinitive group `g` depends on a verb of planning ("X and Y seek to deepen
/// ties"): its subjects act on each other.
fn under_plan_verb(s: &Sentence, g: usize) -> bool {
    governing_group(s, g).is_some_and(|p| PLAN_VERBS.contains(&s.groups[p].lemma.as_str()))
}

/// Nouns of violence whose condemnation targets the place where it happens.
const VIOLENCE_NOUNS: &[&str] = &[
    "violence",
    "killing",
    "atrocity",
    "bloodshed",
    "massacre",
    "fighting",
    "hostility",
    "abuse",
    "crackdown",
];

/// Whether the object starting at `from` (past "of", determiners and modifiers) is a noun of
/// violence ("of the escalating violence", "the police crackdown").
fn violence_object(s: &Sentence, from: usize) -> bool {
    for k in from..(from + 5).min(s.tags.len()) {
        if s.slot_at[k].is_some() {
            return false;
        }
        match s.tag(k) {
            Some(Tag::Det | Tag::Adj | Tag::Adv | Tag::Verb(crate::nlp::VerbForm::Gerund)) => {}
            _ if s.lower(k) == "of" => {}
            Some(Tag::Noun) => {
                if VIOLENCE_NOUNS.contains(&crate::nlp::lemma::noun_singular(s.lower(k))) {
                    return true;
                }
                // A noun modifier ("the police crackdown", "the escalating violence").
                if !matches!(s.tag(k + 1), Some(Tag::Noun)) {
                    return false;
                }
            }
            _ => return false,
        }
    }
    false
}

/// Verbs that address a that-clause to a listener ("told Y that", "informed Y that").
const ADDRESSING_VERBS: &[&str] = &["tell", "inform", "notify", "assure", "remind"];

/// For group `g` right after "X told/informed Y that": the speaker and addressee mentions.
fn addressed_clause(
    s: &Sentence,
    g: usize,
    memo: &mut Vec<Option<Vec<usize>>>,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let p = g.checked_sub(1)?;
    let speech = &s.groups[p];
    if speech.nonfinite || !ADDRESSING_VERBS.contains(&speech.lemma.as_str()) {
        return None;
    }
    // Past determiners and a possessor ("its Swedish counterpart").
    let mut k = speech.end;
    let addressee = loop {
        match s.slot_at.get(k).copied().flatten() {
            Some(m) if s.slots[m].mentions.iter().all(|x| x.possessive) => k = s.slots[m].end,
            Some(m) => break m,
            None if matches!(s.tag(k), Some(Tag::Det | Tag::Poss)) => k += 1,
            None => return None,
        }
    };
    // Past the head noun of an adjectival mention ("Swedish counterpart").
    let end = s.slots[addressee].end;
    let that = (end..(end + 3).min(s.tags.len()))
        .find(|&k| !matches!(s.tag(k), Some(Tag::Noun | Tag::Adj)))
        .unwrap_or(end);
    let clause_start = s.groups[g].start;
    if s.lower(that) != "that"
        || (that + 1..clause_start).any(|k| matches!(s.lower(k), "," | ";" | ":" | "that"))
    {
        return None;
    }
    let speakers = subject_of(s, p, memo);
    (!speakers.is_empty()).then(|| (speakers, clause::coordinated_right(s, addressee)))
}

/// Whether group `g` is the verb of a naming frame ("what it called provocations").
fn named(s: &Sentence, g: usize) -> bool {
    let group = &s.groups[g];
    (group.start.saturating_sub(4)..group.start)
        .any(|k| clause::naming_frame(s, k).is_some_and(|end| end >= group.end))
}

/// Adjectives by which a writer speculates about an act ("it is likely X will", "X is
/// unlikely to").
const SPECULATION: &[&str] = &["likely", "unlikely", "possible", "probable", "conceivable"];

/// Whether group `g` is speculated about rather than reported: "it is likely (that) X will
/// expel ...", "X is likely to expel ...". Speculation is no event.
fn speculated(s: &Sentence, g: usize) -> bool {
    let group = &s.groups[g];
    // "X is likely to expel": the adjective right before the infinitive's "to".
    if group.nonfinite
        && group.start >= 2
        && s.lower(group.start) == "to"
        && SPECULATION.contains(&s.lower(group.start - 1))
        && s.tag(group.start - 2) == Some(Tag::Be)
    {
        return true;
    }
    // "it is likely (that) X will expel": the frame opens the clause of `g`.
    let from = (0..group.start)
        .rev()
        .take(10)
        .take_while(|&j| !matches!(s.lower(j), ";" | ":" | "," | "but"))
        .last()
        .unwrap_or(group.start);
    (from..group.start).any(|j| {
        s.lower(j) == "it" && s.tag(j + 1) == Some(Tag::Be) && SPECULATION.contains(&s.lower(j + 2))
    })
}

/// Whether group `g` is a participle clause after a comma ("X and Y met, agreeing to ..."):
/// an act of the main subject.
fn free_adjunct(s: &Sentence, g: usize) -> bool {
    let group = &s.groups[g];
    group.nonfinite
        && matches!(
            s.tag(group.head),
            Some(Tag::Verb(crate::nlp::VerbForm::Gerund))
        )
        && (0..group.start)
            .rev()
            .find(|&k| !matches!(s.tag(k), Some(Tag::Adv)))
            .is_some_and(|k| s.lower(k) == ",")
}

/// Verbs of command whose nominal object is the commanded act itself ("ordered the expulsion").
const EXECUTIVE_VERBS: &[&str] = &["order", "direct", "authorize", "authorise"];

/// Verbs that make their infinitive complement a plan ("plans to visit").
const PLAN_VERBS: &[&str] = &[
    "plan", "intend", "aim", "expect", "want", "seek", "hope", "prepare", "schedule", "set",
    "prepare", "decide", "try", "wish",
];

/// Verbs reporting speech, after which "would" reports an intention.
const SPEECH_VERBS: &[&str] = &[
    "say", "announce", "tell", "inform", "notify", "assure", "state", "declare", "confirm", "add",
    "indicate", "signal", "insist", "vow", "promise", "pledge", "agree",
];

/// Modals of possibility.
const HYPOTHETICAL_MODALS: &[&str] = &[
    "could", "might", "may", "would", "should", "can", "'d", "must", "cannot",
];

/// What an appeal, intent, demand, rejection or threat is about.
struct Complement {
    /// The complement's own code.
    code: String,
    /// The complement verb group, if the complement is a verb ("to meet").
    group: Option<usize>,
    /// Whether it is the direct object noun of the verb ("offered condolences").
    object_noun: bool,
}

/// Finds the complement of the pattern match `m` of group `g`.
fn complement(s: &Sentence, lexicon: &VerbLexicon, g: usize, m: &Match) -> Option<Complement> {
    let start = m.end;
    let limit = (start + 12).min(s.tags.len());
    let mut k = start;
    let mut after_that = false;
    let mut seen_slot = false;
    while k < limit {
        if let Some(slot) = s.slot_at[k] {
            k = s.slots[slot].end;
            seen_slot = true;
            continue;
        }
        let w = s.lower(k);
        if matches!(w, "." | ";" | ":" | "who" | "which" | "because" | "while") {
            return None;
        }
        if let Some(h) = s.group_at(k).filter(|&h| h != g) {
            let other = &s.groups[h];
            if other.nonfinite || after_that {
                if let Some(vm) = match_verb(s, lexicon, other.head, &other.lemma) {
                    return Some(Complement {
                        code: vm.entry.code.clone(),
                        group: Some(h),
                        object_noun: false,
                    });
                }
                // An uncoded complement verb with a coded object ("to show restraint").
                let mut j = other.end;
                while j < (other.end + 4).min(s.tags.len()) && s.slot_at[j].is_none() {
                    if let Some(nm) = match_noun(s, lexicon, j) {
                        return Some(Complement {
                            code: nm.entry.code.clone(),
                            group: Some(h),
                            object_noun: false,
                        });
                    }
                    j += 1;
                }
                return None;
            }
            return None;
        }
        if w == "that" && s.tag(k) == Some(Tag::Sub) {
            after_that = true;
        }
        if let Some(nm) = match_noun(s, lexicon, k) {
            let object_noun = !seen_slot
                && (start..k).all(|j| {
                    matches!(
                        s.tag(j),
                        Some(Tag::Det | Tag::Adj | Tag::Poss | Tag::Num | Tag::Adv | Tag::Noun)
                    )
                });
            return Some(Complement {
                code: nm.entry.code.clone(),
                group: None,
                object_noun,
            });
        }
        k += 1;
    }
    None
}

/// Light verbs taking the recipient before the coded noun ("gave Sylvania millions in aid").
const DITRANSITIVE: &[&str] = &[
    "give", "send", "offer", "grant", "hand", "extend", "promise", "pledge", "lend",
];

/// Whether the mention covering token `k` is the first object of a ditransitive light verb:
/// right after the group (past determiners), and followed by more words of its clause.
fn recipient_slot(s: &Sentence, g: usize, k: usize) -> bool {
    let group = &s.groups[g];
    DITRANSITIVE.contains(&group.lemma.as_str())
        && (group.end..k).all(|j| matches!(s.tag(j), Some(Tag::Det)))
}

/// The light-verb object noun of group `g` ("launched strikes on", "held talks with").
fn light_noun<'l>(s: &Sentence, lexicon: &'l VerbLexicon, g: usize) -> Option<Match<'l>> {
    let group = &s.groups[g];
    let mut limit = (group.end + 6).min(s.tags.len());
    let mut k = group.end;
    while k < limit {
        if let Some(slot) = s.slot_at[k]
            && recipient_slot(s, g, k)
            && s.slots[slot].first == k
        {
            limit = (limit + s.slots[slot].end - k).min(s.tags.len());
            k = s.slots[slot].end;
            continue;
        }
        if s.slot_at[k].is_some()
            && s.slots[s.slot_at[k]?]
                .mentions
                .iter()
                .all(|m| !m.possessive)
            && k > group.end
        {
            return None;
        }
        if matches!(
            s.lower(k),
            "." | ";" | ":" | "that" | "who" | "which" | "to" | "with" | "against" | "on"
        ) {
            return None;
        }
        if let Some(nm) = match_noun(s, lexicon, k) {
            return Some(nm);
        }
        if s.group_at(k).is_some() {
            return None;
        }
        k += 1;
    }
    None
}

/// Roots of material acts whose place is their target when no participant is named: yielding
/// and withdrawing, protest, force posture, reduced relations, coercion and violence.
fn place_root(code: &str) -> bool {
    matches!(
        code.get(..2),
        Some("08" | "09" | "14" | "15" | "16" | "17" | "18" | "19" | "20")
    )
}

/// Whether the mention ending at token `k` is the object of "there were" / "were" ("there were
/// ten soldiers killed in X": the participle after it is passive).
fn after_existential(s: &Sentence, k: usize) -> bool {
    let Some(slot) = k.checked_sub(1).and_then(|j| s.slot_at[j]) else {
        return false;
    };
    (0..s.slots[slot].first)
        .rev()
        .find(|&j| !matches!(s.tag(j), Some(Tag::Det | Tag::Adj | Tag::Num)))
        .is_some_and(|j| s.tag(j) == Some(Tag::Be))
}

/// Whether another pattern of the same trigger and code family takes a complement ("reject
/// offer" is a "reject @comp"): what is rejected, demanded or threatened is not coded on its
/// own.
fn family_takes_complement(lexicon: &VerbLexicon, m: &Match) -> bool {
    let family = m.entry.code.get(..2);
    m.entry.kind == crate::lexicon::verbs::TriggerKind::Verb
        && lexicon
            .verb_entries(&m.entry.lemma)
            .iter()
            .any(|e| e.flags.complement && e.code.get(..2) == family)
}

/// Whether verb group `g` is the verb of a condition ("unless Y accepted", "if Y attacks"):
/// a condition is not an event.
fn in_condition(s: &Sentence, g: usize) -> bool {
    let from = g.checked_sub(1).map_or(0, |p| s.groups[p].end);
    (from..s.groups[g].start).any(|k| matches!(s.lower(k), "unless" | "if"))
}

/// Whether another pattern of the same trigger takes a that-clause or complement, so that a
/// specific pattern ("demand end") finds its target where the general one would ("demanded
/// that X end ...").
fn family_takes_clause(lexicon: &VerbLexicon, m: &Match) -> bool {
    m.entry.kind == crate::lexicon::verbs::TriggerKind::Verb
        && lexicon
            .verb_entries(&m.entry.lemma)
            .iter()
            .any(|e| e.flags.that_clause || e.flags.complement)
}

/// Modality of group `g` from its modal, tense, governing verb and conditionals.
pub fn modality_of(s: &Sentence, g: usize) -> Modality {
    let group = &s.groups[g];
    if let Some(modal) = group.modal.as_deref() {
        // "said it would allow": a reported intention, not a hypothesis.
        let reported = modal == "would"
            && s.groups[..g]
                .iter()
                .any(|o| SPEECH_VERBS.contains(&o.lemma.as_str()));
        if reported {
            return Modality::Intended;
        }
        if HYPOTHETICAL_MODALS.contains(&modal) {
            return Modality::Hypothetical;
        }
    }
    // "is willing to send", "ready to host".
    if group.nonfinite
        && group.start > 0
        && matches!(
            s.lower(group.start - 1),
            "willing" | "ready" | "prepared" | "poised" | "set" | "due" | "expected" | "scheduled"
        )
    {
        return Modality::Intended;
    }
    let clause_start = (0..group.start)
        .rev()
        .find(|&k| matches!(s.lower(k), ";" | "," | ":"))
        .map_or(0, |k| k + 1);
    if (clause_start..group.start).any(|k| matches!(s.lower(k), "if" | "unless" | "whether")) {
        return Modality::Hypothetical;
    }
    if group.tense == GroupTense::Future {
        return Modality::Intended;
    }
    if group.nonfinite
        && let Some(p) = governing_group(s, g)
    {
        let lemma = s.groups[p].lemma.as_str();
        if PLAN_VERBS.contains(&lemma) || s.groups[p].tense == GroupTense::Future {
            return Modality::Intended;
        }
        // "is willing to send troops to help X": the intention carries down the chain.
        if s.groups[p].nonfinite && p < g && modality_of(s, p) == Modality::Intended {
            return Modality::Intended;
        }
        if HYPOTHETICAL_MODALS.contains(&s.groups[p].modal.as_deref().unwrap_or("")) {
            return Modality::Hypothetical;
        }
    }
    if s.attributed {
        return Modality::Reported;
    }
    Modality::Asserted
}

/// Whether every target mention is on the side of some actor mention (same entity or country).
/// Verbs by which a speaker declares what another party must do.
const DECLARING_VERBS: &[&str] = &[
    "say",
    "declare",
    "reiterate",
    "insist",
    "stress",
    "state",
    "conclude",
    "tell",
    "emphasize",
    "emphasise",
    "affirm",
    "repeat",
    "announce",
    "add",
];

/// "X said (that) Y must return the helicopter": a speaker stating what another party must do
/// demands it (100), from the speaker to the subject of the obligation. What is demanded is not
/// coded on its own.
fn reported_obligation(
    s: &Sentence,
    g: usize,
    memo: &mut Vec<Option<Vec<usize>>>,
) -> Option<Candidate> {
    let group = &s.groups[g];
    if group.modal.as_deref() != Some("must") || group.nonfinite || group.passive {
        return None;
    }
    let declaring = |h: usize| {
        let v = &s.groups[h];
        !v.nonfinite && !v.negated && DECLARING_VERBS.contains(&v.lemma.as_str())
    };
    let targets = subject_of(s, g, memo);
    let (p, actors) = match g.checked_sub(1).filter(|&p| declaring(p)) {
        // "X said (that) Y must ...".
        Some(p) => {
            let speech = &s.groups[p];
            let clean = !(speech.end..group.start)
                .any(|k| matches!(s.lower(k), "," | ";" | ":" | "\"" | "“"));
            // The obligation's subject follows the speech verb ("said Sudan must", not
            // "Sudan said it must").
            if !clean || targets.iter().any(|&t| s.slots[t].first < speech.end) {
                return None;
            }
            (p, subject_of(s, p, memo))
        }
        // "Y must ..., X said" / "..., said X": the attribution closes the sentence.
        None => {
            let q = s
                .groups
                .len()
                .checked_sub(1)
                .filter(|&q| q > g && declaring(q))?;
            // Infinitives and participle adjectives ("planned elections") may come between.
            let between_nonfinite = s.groups[g + 1..q].iter().all(|h| {
                h.nonfinite
                    || (h.start == h.head
                        && matches!(s.tag(h.head), Some(Tag::Verb(crate::nlp::VerbForm::Past)))
                        && matches!(s.tag(h.end), Some(Tag::Noun | Tag::Adj)))
            });
            let comma = (group.end..s.groups[q].start).any(|k| s.lower(k) == ",");
            if !between_nonfinite || !comma {
                return None;
            }
            let after = s.groups[q].end;
            let actors = match s.slot_at.get(after).copied().flatten() {
                Some(m) => clause::coordinated_right(s, m),
                None => subject_of(s, q, memo),
            };
            // The attribution's subject is not the obligation's.
            if actors.iter().any(|&a| s.slots[a].first < group.start) {
                return None;
            }
            (q, actors)
        }
    };
    if targets.is_empty() || actors.is_empty() || same_sides(s, &actors, &targets) {
        return None;
    }
    let speech = &s.groups[p];
    let start = actors
        .iter()
        .chain(&targets)
        .map(|&a| s.slots[a].first)
        .min()
        .unwrap_or(speech.start)
        .min(speech.start);
    let end = actors
        .iter()
        .map(|&a| s.slots[a].end)
        .max()
        .unwrap_or(group.end)
        .max(group.end)
        .max(speech.end);
    Some(Candidate {
        actors,
        targets,
        code: "100".to_string(),
        negated: false,
        modality: modality_of(s, p),
        confidence: 0.7,
        tense: speech.tense,
        tokens: start..end,
        kind: PatternKind::Verb,
        mutual: false,
    })
}

/// Whether the mention in `slot` names diplomats ("Russian diplomats", "the ambassador").
fn diplomatic(s: &Sentence, slot: usize) -> bool {
    (s.slots[slot].first..s.slots[slot].end).any(|k| {
        matches!(
            crate::nlp::lemma::noun_singular(s.lower(k)),
            "diplomat" | "ambassador" | "envoy" | "embassy" | "attache" | "consul"
        )
    })
}

/// Verbs of expulsion, whose agentless passive names the expelling side after "from".
fn removal(lemma: &str) -> bool {
    matches!(lemma, "expel" | "deport" | "banish" | "evict")
}

fn same_sides(s: &Sentence, actors: &[usize], targets: &[usize]) -> bool {
    let countries = |slots: &[usize]| -> Vec<Option<String>> {
        slots
            .iter()
            .flat_map(|&k| s.slots[k].mentions.iter().map(|m| m.party.country.clone()))
            .collect()
    };
    let a = countries(actors);
    countries(targets)
        .iter()
        .all(|t| t.is_some() && a.contains(t))
}

/// Token index where the complement clause starting at `from` ends.
fn embedded_end(s: &Sentence, from: usize) -> usize {
    let n = s.tags.len();
    (from..n)
        .find(|&k| match s.lower(k) {
            ";" | ":" => true,
            "," => matches!(
                s.lower(k + 1),
                "and"
                    | "but"
                    | "while"
                    | "as"
                    | "although"
                    | "though"
                    | "saying"
                    | "adding"
                    | "which"
            ),
            // A coordinated tensed verb starts a new act ("threatened and then sanctioned");
            // a bare one continues the complement ("demanded that X withdraw and stop").
            "and" | "but" | "or" => {
                let next = (k + 1..n).find(|&j| !matches!(s.tag(j), Some(Tag::Adv)));
                next.is_some_and(|j| {
                    s.group_at(j).is_some_and(|h| {
                        let other = &s.groups[h];
                        let tensed = !matches!(
                            s.tag(other.head),
                            Some(Tag::Verb(crate::nlp::VerbForm::Base))
                        ) || other.head != other.start;
                        other.start == j && !other.nonfinite && tensed
                    })
                })
            }
            _ => false,
        })
        .unwrap_or(n)
}

/// Whether group `g` (or the verb it depends on) is negated.
fn negated(s: &Sentence, g: usize) -> bool {
    let group = &s.groups[g];
    // "failed to reach a deal" did not happen either.
    let governor = if group.nonfinite {
        governing_group(s, g)
    } else {
        None
    };
    group.negated
        || governor.is_some_and(|p| s.groups[p].negated || s.groups[p].lemma == "fail")
        || (group.nonfinite && after_failure_noun(s, group.start))
}

/// Whether the infinitive starting at `start` completes a noun of non-performance ("the
/// watchdog's failure to condemn", "its refusal to halt").
fn after_failure_noun(s: &Sentence, start: usize) -> bool {
    let to = if s.lower(start) == "to" {
        Some(start)
    } else {
        start.checked_sub(1).filter(|&k| s.lower(k) == "to")
    };
    to.and_then(|k| k.checked_sub(1)).is_some_and(|n| {
        matches!(
            s.lower(n),
            "failure" | "refusal" | "inability" | "reluctance" | "unwillingness" | "failing"
        )
    })
}

/// Events triggered by the verb groups of `s`. `used_nouns` marks nouns consumed as light-verb
/// objects or complements, so the nominal pass skips them.
pub fn verbal_events(
    s: &Sentence,
    lexicon: &VerbLexicon,
    used_nouns: &mut [bool],
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut consumed = vec![false; s.groups.len()];
    let mut memo = Vec::new();
    // (actors, targets) of the event found at each group, for coordinated verb phrases.
    let mut found: Vec<Option<(Vec<usize>, Vec<usize>)>> = vec![None; s.groups.len()];
    for g in 0..s.groups.len() {
        let group = &s.groups[g];
        if consumed[g]
            || s.slot_at[group.head].is_some()
            || !matches!(s.tag(group.head), Some(Tag::Verb(_)))
        {
            continue;
        }
        if in_condition(s, g) || unrealized_infinitive(s, g) || speculated(s, g) || named(s, g) {
            continue;
        }
        if let Some(c) = reported_obligation(s, g, &mut memo) {
            out.push(c);
            continue;
        }
        let (m, kind) = match match_verb(s, lexicon, group.head, &group.lemma) {
            Some(m) => (m, PatternKind::Verb),
            None if LIGHT_VERBS.contains(&group.lemma.as_str()) => {
                match light_noun(s, lexicon, g) {
                    Some(m) => (m, PatternKind::LightVerb),
                    None => continue,
                }
            }
            None => continue,
        };
        if kind == PatternKind::LightVerb {
            for u in used_nouns.iter_mut().take(m.end).skip(m.trigger) {
                *u = true;
            }
        } else if let Some(last) = m.last_word {
            for u in used_nouns.iter_mut().take(last + 1).skip(group.head) {
                *u = true;
            }
        }
        let flags = m.entry.flags;
        let mut code = m.entry.code.clone();
        // What is appealed for, demanded, rejected, threatened or promised has not happened:
        // events inside the complement are not coded on their own.
        if flags.complement || family_takes_complement(lexicon, &m) {
            let end = embedded_end(s, m.end);
            for (h, other) in s.groups.iter().enumerate().skip(g + 1) {
                if other.start >= end {
                    break;
                }
                consumed[h] = true;
            }
            for u in used_nouns.iter_mut().take(end).skip(m.end) {
                *u = true;
            }
        }
        let mut modality = modality_of(s, g);
        if flags.complement {
            let mut family = code[..2].to_string();
            // "wants Y to attack": wanting something of another party is an appeal.
            if family == "03" {
                let object_first = s.groups.get(g + 1).is_some_and(|n| {
                    n.nonfinite && (group.end..n.start).any(|k| s.slot_at[k].is_some())
                });
                if object_first {
                    family = "02".to_string();
                    code = "020".to_string();
                }
            }
            let family = family.as_str();
            if let Some(c) = complement(s, lexicon, g, &m) {
                if let Some(h) = c.group {
                    consumed[h] = true;
                }
                let executive = EXECUTIVE_VERBS.contains(&group.lemma.as_str());
                match family_code(family, &c.code) {
                    // "ordered the lifting of sanctions": a command to one's own side is the act.
                    _ if executive && c.object_noun && !c.code.starts_with(family) => {
                        code = c.code.clone();
                    }
                    Some((specific, forced)) => {
                        code = specific;
                        if let Some(f) = forced {
                            modality = f;
                        }
                    }
                    None if c.object_noun && !c.code.starts_with(family) => code = c.code.clone(),
                    None => {}
                }
            }
        }
        // "would not attend the talks", "will not provide support": a refused cooperative
        // act is a rejection (12x), asserted.
        let mut negated = negated(s, g);
        if negated
            && modality == Modality::Intended
            && matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "07" | "08"))
            && let Some((reject, _)) = family_code("12", &code)
        {
            code = reject;
            negated = false;
            modality = Modality::Asserted;
        }
        // "prepared to resume shelling": readying force is a show of force (150).
        if matches!(code.get(..2), Some("18" | "19" | "20")) && preparing(s, g) {
            code = "150".to_string();
        }
        // Peacekeepers arriving provide peacekeeping (074).
        if matches!(code.as_str(), "042" | "043")
            && mentions_word(s, &subject_of(s, g, &mut memo), "peacekeep")
        {
            code = "074".to_string();
        }
        // An announced or conditional coercive act is a threat ("will withdraw its force
        // unless", "would boycott" → 13x).
        let conditional = modality == Modality::Hypothetical
            && (0..s.tags.len()).any(|k| matches!(s.lower(k), "unless" | "if"));
        if (modality == Modality::Intended || conditional)
            && matches!(code.get(..2), Some("16" | "18" | "19" | "20"))
            && let Some((threat, _)) = family_code("13", &code)
        {
            code = threat;
        }
        // An announced cooperative act is an intent to cooperate ("will visit" → 036).
        if modality == Modality::Intended
            && matches!(code.get(..2), Some("04" | "05" | "06" | "07" | "08"))
            && let Some((intent, _)) = family_code("03", &code)
        {
            code = intent;
        }
        let opts = ObjectSearch {
            places: flags.location_target,
            that_clause: flags.that_clause || flags.complement || family_takes_clause(lexicon, &m),
            infinitives: flags.complement || kind == PatternKind::LightVerb,
            pattern_end: m.end,
            violent: matches!(code.get(..2), Some("13" | "17" | "18" | "19" | "20")),
            from_places: false,
        };
        // Verb groups inside the pattern ("refused to meet") are part of this event.
        for (h, other) in s.groups.iter().enumerate().skip(g + 1) {
            if other.start >= m.end {
                break;
            }
            consumed[h] = true;
        }
        let from = group.end.max(group.head + 1);
        // A bare participle with "by" is a reduced passive ("an agreement signed by X and Y").
        let bare_participle = group.start == group.head
            && matches!(
                s.tag(group.head),
                Some(Tag::Verb(crate::nlp::VerbForm::Past))
            )
            && (s.lower(group.end) == "by" || after_existential(s, group.start));
        // "were engaged in ethnic cleansing": a state, not a passive.
        let stative = group.passive
            && matches!(group.lemma.as_str(), "engage" | "involve")
            && s.lower(group.end) == "in";
        let passive = (group.passive && !stative) || bare_participle;
        let (mut actors, mut targets) = if passive {
            let mut agent = passive_agent(s, g);
            // "diplomats will be expelled from Estonia": without an agent, the place they are
            // removed from acts.
            if agent.is_empty() && group.passive && removal(&group.lemma) {
                agent = passive_source(s, g);
            }
            (agent, subject_of(s, g, &mut memo))
        } else {
            (subject_of(s, g, &mut memo), objects_after(s, g, from, opts))
        };
        if flags.reversed {
            std::mem::swap(&mut actors, &mut targets);
        }
        // "suspended its cooperation with the IAEA": a possessive of the actor's own side is
        // not the target; look further.
        let mut retries = 0;
        while retries < 2
            && !targets.is_empty()
            && !passive
            && !flags.reversed
            && same_sides(s, &actors, &targets)
        {
            let after = targets
                .iter()
                .map(|&t| s.slots[t].end)
                .max()
                .unwrap_or(from);
            targets = objects_after(s, g, after, opts);
            retries += 1;
        }
        // "shelled positions in Sylvania", "imposed a curfew in X", "withdrew from X": a material
        // act with no participant object targets the place where it happens.
        let members: usize = actors.iter().map(|&a| s.slots[a].mentions.len()).sum();
        let may_be_mutual = symmetric_root(&code) && members >= 2;
        if targets.is_empty() && !passive && !flags.reversed && !may_be_mutual && place_root(&code)
        {
            let place_opts = ObjectSearch {
                places: true,
                from_places: code.starts_with("08") || code == "166",
                ..opts
            };
            // Past the actor's own side ("strengthened its forces in Lebanon").
            let mut start = from;
            for _ in 0..3 {
                targets = objects_after(s, g, start, place_opts);
                if targets.is_empty() || !same_sides(s, &actors, &targets) {
                    break;
                }
                start = targets
                    .iter()
                    .map(|&t| s.slots[t].end)
                    .max()
                    .unwrap_or(start);
                targets.clear();
            }
        }
        // "condemned the violence in X": disapproval of violence names the place it happens.
        if targets.is_empty()
            && !passive
            && code.starts_with("11")
            && violence_object(s, m.end.max(from))
        {
            let place_opts = ObjectSearch {
                places: true,
                infinitives: true,
                ..opts
            };
            targets = objects_after(s, g, m.end.max(from), place_opts);
            if same_sides(s, &actors, &targets) {
                targets.clear();
            }
        }
        // Protesters who destroy or attack riot (145).
        if matches!(code.get(..2), Some("17" | "18" | "19" | "20")) && protesters(s, &actors) {
            code = "145".to_string();
        }
        // "X condemned Y and froze its assets": a coordinated verb phrase without an object of
        // its own acts on the first one's target.
        if targets.is_empty()
            && !passive
            && let Some((prev_actors, prev_targets)) =
                coordinated_previous(s, g).and_then(|p| found[p].as_ref())
            && *prev_actors == actors
        {
            targets = prev_targets.clone();
        }
        // "X met Y, who warned ...": an objectless verbal act in a relative clause on the
        // target of an earlier verbal event addresses that event's actor.
        if targets.is_empty()
            && !passive
            && verbal_root(&code)
            && let Some(antecedent) = clause::relative_antecedent(s, g)
            && let Some(prev) = out.iter().rev().find(|c: &&Candidate| {
                verbal_root(&c.code)
                    && !antecedent.is_empty()
                    && antecedent.iter().all(|a| c.targets.contains(a))
            })
            && !same_sides(s, &actors, &prev.actors)
        {
            targets = prev.actors.clone();
        }
        // "X told Y that it would cut ties": the speaker's own act without a target, announced
        // to an addressee, is done to the addressee.
        if targets.is_empty()
            && !passive
            && let Some((speakers, addressees)) = addressed_clause(s, g, &mut memo)
            && !actors.is_empty()
            && same_sides(s, &speakers, &actors)
            && !same_sides(s, &actors, &addressees)
        {
            targets = addressees;
        }
        // Expelling diplomats reduces relations (161), whichever side of the verb they are on
        // ("three diplomats will be expelled").
        if matches!(code.as_str(), "174" | "166") && targets.iter().any(|&t| diplomatic(s, t)) {
            code = "161".to_string();
        }
        let member_count: usize = actors.iter().map(|&a| s.slots[a].mentions.len()).sum();
        let mutual = targets.is_empty()
            && member_count >= 2
            && symmetric_root(&code)
            && (!group.nonfinite || passive || under_plan_verb(s, g) || free_adjunct(s, g));
        if actors.is_empty() || (targets.is_empty() && !mutual) {
            continue;
        }
        let confidence = match (kind, passive) {
            (PatternKind::LightVerb, _) => 0.7,
            (_, true) => 0.75,
            _ => 0.85,
        };
        let end = targets
            .iter()
            .chain(&actors)
            .map(|&t| s.slots[t].end)
            .max()
            .unwrap_or(group.end)
            .max(group.end);
        let start = actors
            .iter()
            .chain(&targets)
            .map(|&t| s.slots[t].first)
            .min()
            .unwrap_or(group.start)
            .min(group.start);
        found[g] = Some((actors.clone(), targets.clone()));
        out.push(Candidate {
            actors,
            targets,
            code,
            negated,
            modality,
            confidence,
            tense: group.tense,
            tokens: start..end,
            kind,
            mutual,
        });
    }
    out
}
