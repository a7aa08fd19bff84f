//! Lexical resources, loaded from the files in `ontology/`: the actor gazetteer, the CAMEO
//! codebook and the verb lexicon.

pub mod verbs;

pub use verbs::VerbLexicon;

/// Everything the extractor knows about names, codes and verbs.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// CAMEO verb and noun patterns.
    pub verbs: VerbLexicon,
}

/// Error while loading a lexical resource.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file failed to parse.
    #[error("{source_name}: {message}")]
    Parse { source_name: String, message: String },
}

impl Lexicon {
    /// The lexicon built into the binary (from `ontology/`).
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Ok(Lexicon { verbs: VerbLexicon::builtin()? })
    }

    /// Adds the entities of a user gazetteer (Turtle, same vocabulary as `ontology/actors.ttl`).
    pub fn add_turtle(&mut self, _source_name: &str, _ttl: &str) -> Result<(), LexiconError> {
        Ok(())
    }

    /// The label of a CAMEO code, if known.
    pub fn cameo_label(&self, _code: &str) -> Option<&str> {
        None
    }
}
