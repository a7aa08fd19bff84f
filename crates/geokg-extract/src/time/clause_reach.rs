//! Which dates outside an event's clause still belong to it: trailing adverbials ("met Trump
//! in Alaska on Friday"), fronted ones ("On Friday, Putin will meet Trump") and possessive
//! dates of the event noun ("last month's fighting").

use std::ops::Range;

use super::mentions::TimeMention;

/// Characters that end the stretch of text a clause's adverbials may occupy.
const BOUNDARY_CHARS: [char; 10] = [',', ';', ':', '—', '–', '(', ')', '"', '“', '”'];

/// Words that start another clause.
const BOUNDARY_WORDS: [&str; 16] = [
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "while",
    "where",
    "said",
    "says",
    "told",
    "according",
    "but",
    "because",
    "although",
    "as",
];

/// Reporting verbs that make a fronted phrase a clause of its own ("Officials said on Tuesday, …").
const REPORTING: [&str; 6] = ["said", "says", "told", "announced", "reported", "added"];

/// Longest fronted adverbial, in words ("Late on Sunday night,").
const FRONTED_WORDS: usize = 6;

/// Words allowed between a fronted adverbial's comma and the clause ("Last month, the …").
const SUBJECT_LEAD: usize = 2;

/// Longest gap, in words, between a possessive date and the event noun ("last month's large-scale").
const POSSESSIVE_GAP: usize = 3;

/// True when `text` (between a clause and a date) holds no clause boundary.
fn no_boundary(text: &str) -> bool {
    !text.contains(BOUNDARY_CHARS)
        && !text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .any(|w| BOUNDARY_WORDS.iter().any(|b| w.eq_ignore_ascii_case(b)))
}

/// True when `text` holds a past participle ("areas occupied during …"): a reduced relative
/// clause whose dates belong to it, not to the event.
fn has_participle(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| w.len() >= 5 && w.ends_with("ed") && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// How a date outside the clause relates to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// Part of the clause's own stretch of text (an adverbial of its verb).
    Attached,
    /// A possessive date of the event noun: a bound word before it bounds another clause.
    Possessive,
    /// Elsewhere in the sentence.
    Detached,
}

/// How mention `m` relates to the event clause `clause` of `sentence` (`m` lies outside it).
pub(super) fn reach(sentence: &str, clause: &Range<usize>, m: &TimeMention) -> Reach {
    if m.start >= clause.end {
        let between = sentence.get(clause.end..m.start).unwrap_or(",");
        return if no_boundary(between) && !has_participle(between) {
            Reach::Attached
        } else {
            Reach::Detached
        };
    }
    let between = sentence.get(m.end..clause.start).unwrap_or(",");
    let text = sentence.get(m.start..m.end).unwrap_or("");
    let possessive = text.ends_with("'s") || text.ends_with("’s");
    if possessive && no_boundary(between) && between.split_whitespace().count() <= POSSESSIVE_GAP {
        return Reach::Possessive;
    }
    // A fronted adverbial: "On Friday, …" at the start of the sentence.
    let before = sentence.get(..m.start).unwrap_or(",");
    let lead = before.split_whitespace().count() + between.split_whitespace().count();
    // The comma may be followed by the start of the subject phrase ("Last month, the Court …").
    let after_comma = between.trim_start().strip_prefix(',');
    let subject_start = after_comma
        .is_some_and(|rest| no_boundary(rest) && rest.split_whitespace().count() <= SUBJECT_LEAD);
    let fronted = subject_start
        && lead <= FRONTED_WORDS + SUBJECT_LEAD
        && !before.contains(BOUNDARY_CHARS)
        && !before
            .split_whitespace()
            .any(|w| REPORTING.iter().any(|r| w.eq_ignore_ascii_case(r)));
    if fronted {
        Reach::Attached
    } else {
        Reach::Detached
    }
}

#[cfg(test)]
mod tests {
    use super::super::mentions::find_time_mentions;
    use super::*;

    fn reach_of(sentence: &str, clause: &str) -> Vec<Reach> {
        let start = sentence.find(clause).expect("clause in sentence");
        let range = start..start + clause.len();
        find_time_mentions(sentence)
            .iter()
            .map(|m| reach(sentence, &range, m))
            .collect()
    }

    #[test]
    fn adverbials_attach_other_clauses_do_not() {
        let s = "Putin will meet Trump in Alaska on Friday, officials said on Tuesday.";
        assert_eq!(
            reach_of(s, "Putin will meet Trump"),
            [Reach::Attached, Reach::Detached]
        );
        let s = "On Friday, Putin will meet Trump.";
        assert_eq!(reach_of(s, "Putin will meet Trump"), [Reach::Attached]);
        let s = "Last month, the Court issued warrants.";
        assert_eq!(reach_of(s, "Court issued warrants"), [Reach::Attached]);
        let s = "Officials said on Tuesday, Putin will meet Trump.";
        assert_eq!(reach_of(s, "Putin will meet Trump"), [Reach::Detached]);
        let s = "He demanded a pullback from areas occupied during the September 13-14 fighting.";
        assert_eq!(reach_of(s, "He demanded a pullback"), [Reach::Detached]);
        let s = "They met after last month's large-scale fighting on the border.";
        assert_eq!(reach_of(s, "fighting on the border"), [Reach::Possessive]);
    }
}
