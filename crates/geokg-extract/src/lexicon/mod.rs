//! Lexical resources, loaded from the Turtle files in `ontology/`: the actor gazetteer, the
//! CAMEO codebook and the verb lexicon.

/// Everything the extractor knows about names, codes and verbs.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {}

/// Error while loading a lexical resource.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A Turtle file failed to parse.
    #[error("{source_name}: {message}")]
    Parse { source_name: String, message: String },
}

impl Lexicon {
    /// The lexicon built into the binary (from `ontology/`).
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Ok(Lexicon::default())
    }

    /// Adds the entities of a user gazetteer (Turtle, same vocabulary as `ontology/actors.ttl`).
    pub fn add_turtle(&mut self, _source_name: &str, _ttl: &str) -> Result<(), LexiconError> {
        Ok(())
    }
}
