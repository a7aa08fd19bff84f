//! The extractor's output: plain event records, independent of RDF.

mod json;

use serde::{Deserialize, Serialize};

use crate::time::DateValue;

/// One participant of an event (actor or target), resolved as far as the gazetteer allows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    /// Canonical label ("Vladimir Putin", "Russia", "Russian military").
    pub label: String,
    /// ISO 3166 alpha-3 code or `IGO:XXX`; `None` when unknown.
    pub country: Option<String>,
    /// Entity IRI (gazetteer entity, or a minted `agent:`/`actor:` IRI).
    pub iri: Option<String>,
    /// CAMEO actor role code ("GOV", "MIL", ...), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Surface text of the mention in the document.
    #[serde(default)]
    pub text: String,
    /// Character offsets (Unicode scalar values) of the mention in the document text.
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
}

/// The CAMEO action of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// CAMEO event code ("042", "1312").
    pub code: String,
    /// Human-readable label of the code.
    pub label: String,
}

/// Whether an event is asserted as having happened, or only reported as possible or intended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// The text asserts the event happened or is happening.
    #[default]
    Asserted,
    /// Conditional or hypothetical ("if X attacks", "could sanction").
    Hypothetical,
    /// Announced intention, plan or deadline ("will meet", "plans to visit").
    Intended,
    /// Attributed to a third party whose claim is reported ("according to").
    Reported,
}

impl Modality {
    /// The lower-case name used in JSON and RDF.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Hypothetical => "hypothetical",
            Modality::Intended => "intended",
            Modality::Reported => "reported",
        }
    }
}

/// The sentence an event was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The sentence text.
    pub sentence: String,
    /// Character offsets (Unicode scalar values) of the sentence in the document text.
    pub start: usize,
    pub end: usize,
}

/// One coded event: who did what to whom, when, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Document id (JSONL `id`, or file name without directory and extension).
    pub doc: String,
    pub actor: Party,
    pub action: Action,
    pub target: Party,
    /// Date of the event ("2025-08-06", "2025-08", "2025") or `None`.
    pub date: Option<DateValue>,
    pub negated: bool,
    pub modality: Modality,
    /// Confidence in 0..=1.
    pub confidence: f32,
    pub evidence: Evidence,
}
