//! Event extraction: actor mentions, event patterns, CAMEO coding, negation and modality.

pub mod actors;

use crate::{Article, Event, Lexicon};

/// Turns articles into events. Build once, use from many threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
}

impl Extractor {
    /// An extractor using `lexicon`.
    pub fn new(lexicon: Lexicon) -> Extractor {
        Extractor { lexicon }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// All events of one article, in text order.
    pub fn extract(&self, _article: &Article) -> Vec<Event> {
        Vec::new()
    }
}
