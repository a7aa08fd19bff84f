//! Lexical resources, loaded from the files in `ontology/`: the actor gazetteer, the CAMEO
//! codebook and the verb lexicon.

pub mod cameo;
pub mod gazetteer;
pub mod turtle;
pub mod verbs;

#[cfg(test)]
mod tests;

pub use cameo::{CameoCodebook, CameoConcept, QuadClass};
pub use gazetteer::{ActorRole, Entity, EntityKind, Gazetteer, Gender, Position};
pub use verbs::VerbLexicon;

/// Everything the extractor knows about names, codes and verbs.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// CAMEO verb and noun patterns.
    pub verbs: VerbLexicon,
    /// Countries, organisations, groups, people and actor roles.
    pub gazetteer: Gazetteer,
    /// CAMEO event types.
    pub cameo: CameoCodebook,
}

/// Error while loading a lexical resource.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A file failed to parse.
    #[error("{source_name}: {message}")]
    Parse {
        source_name: String,
        message: String,
    },
}

/// The built-in Turtle files, by name.
const BUILTIN_TURTLE: &[(&str, &str)] = &[
    (
        "ontology/actors.ttl",
        include_str!("../../../../ontology/actors.ttl"),
    ),
    (
        "ontology/cameo.ttl",
        include_str!("../../../../ontology/cameo.ttl"),
    ),
];

impl Lexicon {
    /// The lexicon built into the binary (from `ontology/`).
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon {
            verbs: VerbLexicon::builtin()?,
            ..Lexicon::default()
        };
        for (name, ttl) in BUILTIN_TURTLE {
            lexicon.add_turtle(name, ttl)?;
        }
        Ok(lexicon)
    }

    /// Adds the entities of a user gazetteer (Turtle, same vocabulary as `ontology/actors.ttl`):
    /// new entities, new names for known IRIs, roles and CAMEO concepts. Parse errors name
    /// `source_name` and the line.
    pub fn add_turtle(&mut self, source_name: &str, ttl: &str) -> Result<(), LexiconError> {
        let graph = turtle::Graph::parse(source_name, ttl)?;
        self.gazetteer.add_graph(&graph);
        self.cameo.add_graph(&graph);
        Ok(())
    }

    /// The label of a CAMEO code, if known.
    pub fn cameo_label(&self, code: &str) -> Option<&str> {
        self.cameo
            .get(code)
            .map(|c| c.label.as_str())
            .filter(|l| !l.is_empty())
    }

    /// The Goldstein score of a CAMEO code, if known.
    pub fn goldstein(&self, code: &str) -> Option<f32> {
        self.cameo.get(code).and_then(|c| c.goldstein)
    }

    /// The quad class of a CAMEO code, if known.
    pub fn quad_class(&self, code: &str) -> Option<QuadClass> {
        self.cameo.get(code).and_then(|c| c.quad_class)
    }
}
