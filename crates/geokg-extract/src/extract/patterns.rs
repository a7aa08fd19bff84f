//! Matching lexicon patterns against a sentence: a trigger followed by its words, each within
//! a few tokens (an actor mention counting as one token) and inside the clause.

use crate::lexicon::verbs::{TriggerKind, VerbEntry, VerbLexicon};
use crate::nlp::Tag;

use super::sentence::Sentence;

/// How many tokens may separate consecutive pattern words.
const GAP: usize = 4;

/// A matched pattern.
#[derive(Debug, Clone, Copy)]
pub struct Match<'l> {
    /// The lexicon entry.
    pub entry: &'l VerbEntry,
    /// Token index of the trigger.
    pub trigger: usize,
    /// Token index after the last pattern word.
    pub end: usize,
    /// Token indices of the pattern words after the trigger (up to 4 kept).
    pub last_word: Option<usize>,
}

fn word_matches(s: &Sentence, k: usize, w: &str) -> bool {
    let t = &s.tags[k];
    // Every test below needs the word's first byte at the start of `lower` or `lemma`.
    if let Some(b) = w.as_bytes().first()
        && t.lower.as_bytes().first() != Some(b)
        && t.lemma().as_bytes().first() != Some(b)
    {
        return false;
    }
    t.lower == w
        || t.lemma() == w
        || t.lower.strip_prefix(w).is_some_and(|rest| {
            matches!(rest, "s" | "es" | "d" | "ed" | "ing") && s.slot_at[k].is_none()
        })
}

fn stops_pattern(s: &Sentence, k: usize) -> bool {
    matches!(
        s.lower(k),
        "." | ";" | ":" | "," | "who" | "which" | "because" | "while"
    )
}

/// Token index after the words of `entry` when they follow the trigger at `trigger`.
pub fn match_words(
    s: &Sentence,
    trigger: usize,
    words: &[String],
) -> Option<(usize, Option<usize>)> {
    let mut pos = trigger + 1;
    let mut last = None;
    for w in words {
        let mut k = pos;
        let mut steps = 0;
        let found = loop {
            if k >= s.tags.len() || steps > GAP || stops_pattern(s, k) {
                break None;
            }
            if word_matches(s, k, w) {
                break Some(k);
            }
            // A mention counts as one step; its words may end the pattern ("expelled two
            // Russian diplomats").
            k = match s.slot_at[k] {
                Some(m) => match (k + 1..s.slots[m].end).find(|&j| word_matches(s, j, w)) {
                    Some(j) => break Some(j),
                    None => s.slots[m].end,
                },
                None => k + 1,
            };
            steps += 1;
        };
        let k = found?;
        last = Some(k);
        pos = k + 1;
    }
    Some((pos, last))
}

/// The most specific verb pattern of the group head at `head` with lemma `lemma`.
pub fn match_verb<'l>(
    s: &Sentence,
    lexicon: &'l VerbLexicon,
    head: usize,
    lemma: &str,
) -> Option<Match<'l>> {
    lexicon.verb_entries(lemma).iter().find_map(|entry| {
        let (end, last_word) = match_words(s, head, &entry.words)?;
        Some(Match {
            entry,
            trigger: head,
            end,
            last_word,
        })
    })
}

/// The most specific noun pattern triggered at token `k`.
pub fn match_noun<'l>(s: &Sentence, lexicon: &'l VerbLexicon, k: usize) -> Option<Match<'l>> {
    let t = &s.tags[k];
    if s.slot_at[k].is_some() || !matches!(t.tag, Tag::Noun | Tag::Adj | Tag::Proper | Tag::Verb(_))
    {
        return None;
    }
    let singular = crate::nlp::lemma::noun_singular(&t.lower);
    let plural = if singular == t.lower {
        &[][..]
    } else {
        lexicon.noun_entries(&t.lower)
    };
    let noun = plural
        .iter()
        .chain(lexicon.noun_entries(singular))
        .filter(|e| e.kind == TriggerKind::Noun)
        .find_map(|entry| {
            let (end, last_word) = match_words(s, k, &entry.words)?;
            Some(Match {
                entry,
                trigger: k,
                end,
                last_word,
            })
        });
    noun.or_else(|| gerund_noun(s, lexicon, k))
}

/// A gerund used as a noun names the act of its verb ("the shelling of X", "Israeli bombing
/// in Y"): the verb's one-word pattern, for acts of force only (a "meeting" or "warning" has
/// its own noun entries).
fn gerund_noun<'l>(s: &Sentence, lexicon: &'l VerbLexicon, k: usize) -> Option<Match<'l>> {
    let t = &s.tags[k];
    if t.tag != Tag::Noun || !t.lower.ends_with("ing") {
        return None;
    }
    let known = |w: &str| lexicon.is_verb(w);
    let (lemma, form) = crate::nlp::verb_lemma(&t.lower, &known)?;
    if form != crate::nlp::VerbForm::Gerund {
        return None;
    }
    let entry = lexicon
        .verb_entries(&lemma)
        .iter()
        .find(|e| e.words.is_empty() && !e.flags.complement)?;
    matches!(entry.code.get(..2), Some("17" | "18" | "19" | "20")).then_some(Match {
        entry,
        trigger: k,
        end: k + 1,
        last_word: None,
    })
}
