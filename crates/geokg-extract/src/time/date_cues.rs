//! Word cues around a date in a sentence: bound words ("since", "after") that keep it from
//! dating a clause, and past-tense or reporting verbs that anchor it in the past.

/// Words that make a following date a bound, not the time of the clause
/// ("since 2022", "until Friday", "after talks on Monday", "ahead of Sunday's vote").
const BOUND_WORDS: [&str; 9] = [
    "since",
    "until",
    "till",
    "before",
    "after",
    "ahead",
    "prior",
    "following",
    "through",
];

/// Words that end the phrase a bound word governs, when looking back from a date.
const PHRASE_BREAKS: [&str; 9] = [
    "and", "but", "that", "which", "who", "when", "said", "says", "while",
];

/// How many words back from a date a bound word may stand ("since a Hamas attack on October 7").
const BOUND_REACH: usize = 5;

/// Irregular past-tense verbs that anchor a following date in the past ("said on Sunday that
/// … will").
const PAST_VERBS: [&str; 40] = [
    "said", "told", "met", "spoke", "wrote", "held", "made", "took", "gave", "sent", "struck",
    "fought", "began", "left", "came", "went", "saw", "won", "lost", "led", "hit", "shot",
    "sought", "brought", "paid", "fled", "stood", "broke", "threw", "drew", "flew", "rose",
    "became", "chose", "got", "knew", "sold", "found", "heard", "kept",
];

/// Present-tense reporting verbs, whose date is the (past) time of the statement ("says on Monday").
const REPORTING_PRESENT: [&str; 6] = [
    "says",
    "tells",
    "announces",
    "reports",
    "confirms",
    "claims",
];

/// Words between a verb and its date that do not change the anchoring ("said late on Sunday").
const DATE_LEAD_IN: [&str; 6] = ["on", "late", "early", "earlier", "later", "in"];

/// True for a lower-case past-tense or present reporting verb ("said", "ordered", "says").
fn is_past_verb(word: &str) -> bool {
    let lower = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase());
    lower
        && (PAST_VERBS.contains(&word)
            || REPORTING_PRESENT.contains(&word)
            || (word.len() >= 5 && word.ends_with("ed")))
}

/// True when a past-tense or reporting verb stands at most `reach` words before the date at
/// byte `start` ("said on Sunday", "announced the decision late Sunday"), not counting
/// "on"/"late"/…, and with no clause boundary between; with `reach` 1 the verb must be next to
/// the date ("says on Monday"), which then lies in the past whatever the event's tense.
pub(super) fn after_past_verb(sentence: &str, start: usize, reach: usize) -> bool {
    let before = sentence.get(..start).unwrap_or("");
    let words = before.rsplit(char::is_whitespace).filter(|p| !p.is_empty());
    let mut counted = 0;
    for w in words {
        if DATE_LEAD_IN.iter().any(|l| w.eq_ignore_ascii_case(l)) {
            continue;
        }
        if is_past_verb(w) {
            return true;
        }
        counted += 1;
        if counted >= reach || w.ends_with([',', ';', ':', '—']) {
            return false;
        }
    }
    false
}

/// True when the word right after byte `end` is a past-tense verb ("on Thursday ordered").
pub(super) fn before_past_verb(sentence: &str, end: usize) -> bool {
    let after = sentence.get(end..).unwrap_or("");
    after.split_whitespace().next().is_some_and(is_past_verb)
}

/// True when `start` (a date's byte offset) lies in a phrase opened by a bound word that
/// stands at or after byte `from`.
pub(super) fn in_bound_phrase(sentence: &str, from: usize, start: usize) -> bool {
    let before = sentence.get(from.min(start)..start).unwrap_or("");
    let pieces = before.rsplit(char::is_whitespace).filter(|p| !p.is_empty());
    for piece in pieces.take(BOUND_REACH) {
        if piece.ends_with([',', ';', ':', '(', ')', '—', '–']) {
            return false;
        }
        let word = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if BOUND_WORDS.iter().any(|b| word.eq_ignore_ascii_case(b)) {
            return true;
        }
        if PHRASE_BREAKS.iter().any(|b| word.eq_ignore_ascii_case(b)) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte offset of `word` in `s`.
    fn at(s: &str, word: &str) -> usize {
        s.find(word).expect("word in sentence")
    }

    #[test]
    fn bound_phrases() {
        let s = "Fighting has raged since a Hamas attack on October 7.";
        assert!(in_bound_phrase(s, 0, at(s, "October")));
        let s = "Since then, on Monday, talks resumed.";
        assert!(
            !in_bound_phrase(s, 0, at(s, "Monday")),
            "a comma closes the phrase"
        );
        assert!(!in_bound_phrase(s, at(s, "talks"), at(s, "talks")));
    }

    #[test]
    fn past_verb_anchors() {
        let s = "Officials said late on Sunday that talks will resume.";
        assert!(after_past_verb(s, at(s, "Sunday"), 1));
        let s = "ECOWAS announced the decision late Sunday.";
        assert!(!after_past_verb(s, at(s, "Sunday"), 1));
        assert!(after_past_verb(s, at(s, "Sunday"), 5));
        let s = "The government on Thursday ordered an expulsion.";
        assert!(before_past_verb(s, at(s, "Thursday") + "Thursday".len()));
        let s = "Venezuela prepares to hold a referendum Sunday.";
        assert!(!after_past_verb(s, at(s, "Sunday"), 5));
    }
}
