//! An event read from one sentence, before its mentions are expanded into parties.

use std::ops::Range;

use crate::Modality;
use crate::nlp::GroupTense;

/// Which kind of pattern produced a candidate (for confidence and debugging).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternKind {
    /// Verb pattern with subject and object ("X met Y").
    Verb,
    /// Light verb with a coded object noun ("X held talks with Y").
    LightVerb,
    /// Noun pattern ("a meeting between X and Y", "X's invasion of Y").
    Nominal,
}

/// One coded event over slot indices of a [`super::sentence::Sentence`].
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Actor slots (coordinated subjects give several).
    pub actors: Vec<usize>,
    /// Target slots.
    pub targets: Vec<usize>,
    /// CAMEO code.
    pub code: String,
    /// "did not attack".
    pub negated: bool,
    /// Asserted, hypothetical, intended or reported.
    pub modality: Modality,
    /// Base confidence of the pattern.
    pub confidence: f32,
    /// Tense of the verb group (present for nominal events).
    pub tense: GroupTense,
    /// Token range covering the trigger and its arguments (the clause, for dating).
    pub tokens: Range<usize>,
    /// Pattern kind.
    pub kind: PatternKind,
    /// No target was named: the actors act on each other ("X and Y met"); the first actor
    /// mention is paired with each of the others.
    pub mutual: bool,
}

/// Roots whose events are mutual when only the participants are named ("X and Y met",
/// "X and Y signed a deal"): consult, diplomatic and material cooperation, intents.
pub fn symmetric_root(code: &str) -> bool {
    (matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "19")) || code.starts_with("087"))
        && code != "043"
        && code != "042"
}

/// Mutual acts that each side does to the other ("X and Y clashed", "X and Y began
/// disengaging"): coded in both directions.
pub fn two_sided(code: &str) -> bool {
    code.starts_with("19") || code.starts_with("087")
}
