//! Noun-triggered events: "a meeting between X and Y", "X's arrival in Moscow", "the Russian
//! invasion of Ukraine", "talks with Y" (whose other party is the clause subject).

use crate::Modality;
use crate::lexicon::verbs::VerbLexicon;
use crate::nlp::{GroupTense, Tag};

use super::candidate::{Candidate, PatternKind, symmetric_root};
use super::clause::{coordinated_left, coordinated_right, subject_of};
use super::complement::family_code;
use super::patterns::{match_noun, match_verb};
use super::sentence::Sentence;

/// Prepositions introducing the target of an event noun.
const TARGET_PREPS: &[&str] = &[
    "of", "on", "against", "with", "to", "into", "for", "upon", "toward", "towards",
];

/// Adjectives of readiness that make a following consultation noun an intention.
const WILLING: &[&str] = &["open", "ready", "willing", "prepared", "eager", "keen"];

/// The actor slot standing before the noun at `k`: a possessive ("Russia's", "its") or an
/// adjectival mention ("Russian", "Hamas") with at most two modifiers between.
fn actor_before(s: &Sentence, k: usize) -> Option<usize> {
    let mut j = k;
    for _ in 0..3 {
        j = j.checked_sub(1)?;
        if let Some(m) = s.slot_at[j] {
            return Some(m);
        }
        match s.tag(j) {
            Some(Tag::Adj | Tag::Noun | Tag::Num) => {}
            Some(Tag::Poss) if s.lower(j) == "'s" || s.lower(j) == "\u{2019}s" => {}
            _ => return None,
        }
    }
    None
}

/// The mention an event noun is in apposition to ("Luisa Ortega, a vocal critic of ...").
fn apposed_actor(s: &Sentence, k: usize) -> Option<usize> {
    let mut j = k.checked_sub(1)?;
    while matches!(s.tag(j), Some(Tag::Det | Tag::Adj | Tag::Adv)) {
        j = j.checked_sub(1)?;
    }
    if s.lower(j) != "," {
        return None;
    }
    s.slot_at.get(j.checked_sub(1)?).copied().flatten()
}

/// The mention after "from" within a few tokens of `from` ("the expulsion of five diplomats
/// from Chisinau": the expelling side).
fn source_after(s: &Sentence, from: usize) -> Option<usize> {
    let limit = (from + 7).min(s.tags.len());
    (from..limit)
        .take_while(|&k| !matches!(s.lower(k), "." | ";" | ":" | ","))
        .find(|&k| s.lower(k) == "from")
        .and_then(|k| {
            (k + 1..limit)
                .find(|&j| !matches!(s.tag(j), Some(Tag::Det | Tag::Adj)))
                .and_then(|j| s.slot_at[j])
        })
}

/// Whether `code` removes people from the actor's territory (expulsions).
fn expulsion(code: &str) -> bool {
    matches!(code, "161" | "166" | "174")
}

/// The "by X" agent or "between X and Y" pair after the noun, and the first target mention.
fn after_noun(s: &Sentence, from: usize, places: bool) -> (Option<usize>, Vec<usize>) {
    after_noun_parties(s, from, places).0
}

/// [`after_noun`], and whether the parties were named as a group ("between X, Y and Z").
fn after_noun_parties(
    s: &Sentence,
    from: usize,
    places: bool,
) -> ((Option<usize>, Vec<usize>), bool) {
    let limit = (from + 7).min(s.tags.len());
    let mut k = from;
    let mut agent = None;
    let mut targets = Vec::new();
    while k < limit {
        if let Some(m) = s.slot_at[k] {
            let prep = (0..s.slots[m].first)
                .rev()
                .find(|&p| !matches!(s.tag(p), Some(Tag::Det | Tag::Adj | Tag::Num)))
                .map_or("", |p| s.lower(p));
            match prep {
                "by" => agent = Some(m),
                "between" | "among" => {
                    let all = coordinated_right(s, m);
                    if all.len() >= 2 {
                        return ((Some(all[0]), all[1..].to_vec()), true);
                    }
                    return ((agent, targets), false);
                }
                p if targets.is_empty()
                    && (TARGET_PREPS.contains(&p) || (places && matches!(p, "in" | "at"))) =>
                {
                    targets = coordinated_right(s, m);
                    if agent.is_some() {
                        break;
                    }
                }
                _ => {}
            }
            k = s.slots[m].end;
            continue;
        }
        // "on the sidelines of the X summit": a setting, not a party.
        if matches!(
            s.lower(k),
            "." | ";" | ":" | "," | "that" | "who" | "which" | "sidelines" | "margins"
        ) || s.group_at(k).is_some()
        {
            break;
        }
        k += 1;
    }
    ((agent, targets), false)
}

/// Words after which a force noun is the cause of the clause's act ("since a Z attack").
const CAUSE_WORDS: &[&str] = &["since", "after", "following"];

/// "X has waged war on Y since a Z attack": the force noun at `k` with only its actor `before`
/// follows a cause word and an earlier force event of the clause; its target is that event's
/// actor (the side that responds).
fn responding_side(s: &Sentence, k: usize, before: usize, prior: &[Candidate]) -> Vec<usize> {
    let Some(cue) = cause_cue(s, s.slots[before].first) else {
        return Vec::new();
    };
    let force = |c: &str| matches!(c.get(..2), Some("18" | "19" | "20"));
    prior
        .iter()
        .rev()
        .find(|c| force(&c.code) && c.tokens.start < cue && c.tokens.end <= k + 1)
        .filter(|c| {
            c.actors.iter().all(|&a| {
                s.slots[a].mentions.iter().all(|m| {
                    m.party.country.is_some()
                        && s.slots[before]
                            .mentions
                            .iter()
                            .all(|b| b.party.country != m.party.country)
                })
            })
        })
        .map(|c| c.actors.clone())
        .unwrap_or_default()
}

/// The cause word ("since", "after", "following") opening the noun phrase that starts at or
/// before `first` ("after last month's heavy", "since a").
fn cause_cue(s: &Sentence, first: usize) -> Option<usize> {
    let cue = (0..first).rev().take(6).find(|&j| {
        !matches!(
            s.tag(j),
            Some(Tag::Det | Tag::Adj | Tag::Num | Tag::Noun | Tag::Poss)
        )
    })?;
    CAUSE_WORDS.contains(&s.lower(cue)).then_some(cue)
}

/// "X and Y met after last month's fighting": the earlier mutual event of the clause whose
/// parties fought, for a force noun at `k` with no participants after a cause word.
fn fighting_parties<'c>(s: &Sentence, k: usize, prior: &'c [Candidate]) -> Option<&'c Candidate> {
    let cue = cause_cue(s, k)?;
    // "after fighting erupted in Z" names the fighting's own clause.
    if (k + 1..(k + 4).min(s.tags.len())).any(|j| s.group_at(j).is_some()) {
        return None;
    }
    prior
        .iter()
        .rev()
        .find(|c| c.mutual && c.tokens.start < cue && c.tokens.end <= cue)
}

/// Events triggered by event nouns not already used by a verb pattern; `prior` holds the verb
/// events of the sentence.
pub fn nominal_events(
    s: &Sentence,
    lexicon: &VerbLexicon,
    used_nouns: &[bool],
    prior: &[Candidate],
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut memo = Vec::new();
    let mut k = 0;
    while k < s.tags.len() {
        if used_nouns.get(k).copied().unwrap_or(false) || s.group_with_head(k).is_some() {
            k += 1;
            continue;
        }
        let Some(m) = match_noun(s, lexicon, k) else {
            k += 1;
            continue;
        };
        if !matches!(s.tag(k), Some(Tag::Noun | Tag::Adj)) {
            k += 1;
            continue;
        }
        let mut code = m.entry.code.clone();
        let from = m.end.max(k + 1);
        let ((agent, mut targets), group) = after_noun_parties(
            s,
            from,
            m.entry.flags.location_target || code.starts_with("19") || code.starts_with("18"),
        );
        // "a proposal by X to resume negotiations with Y": the complement gives the code and
        // the target.
        if m.entry.flags.complement {
            let next = (from..(from + 6).min(s.tags.len()))
                .find_map(|j| s.group_at(j))
                .filter(|&h| s.groups[h].nonfinite);
            if let Some(h) = next {
                let group = &s.groups[h];
                if let Some(vm) = match_verb(s, lexicon, group.head, &group.lemma) {
                    if let Some((specific, _)) = family_code(&code[..2], &vm.entry.code) {
                        code = specific;
                    }
                    if targets.is_empty() {
                        targets = after_noun(s, vm.end, false).1;
                    }
                }
            }
        }
        let before = actor_before(s, k).or_else(|| apposed_actor(s, k));
        let (mut actors, mut targets, mut confidence) = match (before, agent) {
            (_, Some(a)) if !targets.is_empty() && !targets.contains(&a) => {
                let agents = coordinated_right(s, a)
                    .into_iter()
                    .filter(|x| !targets.contains(x))
                    .collect();
                (agents, targets, 0.55)
            }
            // "Israeli and US attacks on ...": coordinated adjectival actors.
            (Some(a), _) if !targets.is_empty() && !targets.contains(&a) => {
                (coordinated_left(s, a), targets, 0.55)
            }
            _ => (Vec::new(), targets, 0.4),
        };
        let mut own_span = None;
        if actors.is_empty()
            && targets.is_empty()
            && matches!(code.get(..2), Some("18" | "19" | "20"))
            && let Some(b) = before
        {
            targets = responding_side(s, k, b, prior);
            if !targets.is_empty() {
                actors = coordinated_left(s, b);
                confidence = 0.45;
                // Dated by its own phrase ("a Z attack on October 7"), not the clause's.
                let tail = (from..(from + 6).min(s.tags.len()))
                    .take_while(|&j| {
                        !matches!(s.lower(j), "." | ";" | ":") && s.group_at(j).is_none()
                    })
                    .last()
                    .map_or(from, |j| j + 1);
                own_span = Some(s.slots[b].first..tail);
            }
        }
        let mut between_subjects = false;
        if actors.is_empty()
            && targets.is_empty()
            && before.is_none()
            && code.starts_with("19")
            && let Some(c) = fighting_parties(s, k, prior)
        {
            actors = c.actors.clone();
            confidence = 0.45;
            between_subjects = true;
            own_span = cause_cue(s, k).map(|cue| cue + 1..(k + 1));
        }
        // "the expulsion of five diplomats": a pattern word inside a mention names the target.
        if targets.is_empty()
            && let Some(slot) = m.last_word.and_then(|w| s.slot_at[w])
        {
            targets = coordinated_right(s, slot);
        }
        // "the expulsion of diplomats from X": X expels.
        if actors.is_empty()
            && !targets.is_empty()
            && expulsion(&code)
            && let Some(src) = source_after(s, from)
            && !targets.contains(&src)
        {
            actors = vec![src];
            confidence = 0.5;
        }
        // "held talks with Y" under a verb without a pattern: the talks' other party is the
        // subject of the clause (consultations only).
        if actors.is_empty()
            && !targets.is_empty()
            && code.starts_with("04")
            && let Some(g) = (0..s.groups.len())
                .rev()
                .find(|&g| s.groups[g].end <= k && !s.groups[g].nonfinite)
        {
            let between_clean = (s.groups[g].end..k).all(|j| {
                s.slot_at[j].is_none()
                    && !matches!(s.lower(j), "," | ";" | "that" | "who" | "which")
            });
            if between_clean {
                actors = subject_of(s, g, &mut memo);
                confidence = 0.45;
                // "is open to a meeting with Y", "ready for talks": an intention (036).
                if (s.groups[g].end..k).any(|j| WILLING.contains(&s.lower(j)))
                    && let Some((intent, _)) = family_code("03", &code)
                {
                    code = intent;
                }
            }
        }
        // "a meeting among X, Y and Z", "their bilateral meeting": every party meets the others.
        let mut mutual = false;
        if symmetric_root(&code) {
            if between_subjects {
                mutual = true;
            } else if group && targets.len() >= 2 {
                actors.append(&mut targets);
                mutual = true;
            } else if targets.is_empty()
                && let Some(b) = before
                && s.slots[b].mentions.len() >= 2
            {
                actors = vec![b];
                mutual = true;
            }
        }
        if actors.is_empty() || (targets.is_empty() && !mutual) {
            k += 1;
            continue;
        }
        targets.retain(|t| !actors.contains(t));
        if !mutual && targets.is_empty() {
            k += 1;
            continue;
        }
        // The event spans its noun and every participant slot.
        let slots = || actors.iter().chain(&targets).map(|&t| &s.slots[t]);
        let start = slots().map(|slot| slot.first).min().unwrap_or(k).min(k);
        let end = slots()
            .map(|slot| slot.end)
            .max()
            .unwrap_or(k + 1)
            .max(k + 1);
        out.push(Candidate {
            actors,
            targets,
            code,
            negated: false,
            modality: Modality::Asserted,
            confidence,
            tense: GroupTense::Past,
            tokens: own_span.unwrap_or(start..end),
            kind: PatternKind::Nominal,
            mutual,
        });
        k = m.end.max(k + 1);
    }
    out
}
