//! The CAMEO verb lexicon: verbs, nouns and their patterns mapped to event codes.

use super::LexiconError;

/// Verb and noun patterns with their CAMEO codes.
#[derive(Debug, Default, Clone)]
pub struct VerbLexicon {}

impl VerbLexicon {
    /// The lexicon built into the binary.
    pub fn builtin() -> Result<VerbLexicon, LexiconError> {
        Ok(VerbLexicon::default())
    }
}
