//! Actor recognition and coreference: every political actor mention in a document, resolved
//! to a gazetteer entity or to a new entity with a country and role.

use crate::{Article, Lexicon, Party};

/// What kind of expression a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A person's or group's name ("Volodymyr Zelensky", "Hamas").
    Name,
    /// A country name ("Russia").
    Country,
    /// A demonym, alone or in a noun phrase ("Russian", "Russian officials").
    Demonym,
    /// A capital or seat of power used for a government ("Moscow", "the Kremlin").
    Metonym,
    /// A role noun phrase with a country ("the US president", "Iranian officials").
    Role,
    /// An organisation ("NATO", "the United Nations").
    Organization,
    /// A pronoun resolved by coreference ("he", "they").
    Pronoun,
    /// A definite description resolved by coreference ("the president", "the alliance").
    Description,
}

/// One actor mention in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// Byte offsets of the mention in `Article::text`.
    pub start: usize,
    pub end: usize,
    /// The resolved participant (its `start`/`end` are character offsets, its `text` the surface text).
    pub party: Party,
    pub kind: MentionKind,
    /// Whether the mention is plural ("officials", "they").
    pub plural: bool,
}

/// Finds actor mentions. Built once from a lexicon, shared by all documents and threads.
#[derive(Debug, Clone)]
pub struct ActorFinder {}

impl ActorFinder {
    /// Builds the matchers from the lexicon's gazetteer.
    pub fn new(_lexicon: &Lexicon) -> ActorFinder {
        ActorFinder {}
    }

    /// Starts a document: the coreference state lives in the returned value.
    pub fn start_document<'a>(&'a self, article: &'a Article) -> DocumentActors<'a> {
        DocumentActors { _finder: self, _article: article }
    }
}

/// Per-document actor state (coreference chains, the publication date for office holders).
pub struct DocumentActors<'a> {
    _finder: &'a ActorFinder,
    _article: &'a Article,
}

impl DocumentActors<'_> {
    /// The mentions inside the sentence at byte range `start..end` of the article text, in text
    /// order. Call once per sentence, in document order (the title first): it updates the
    /// coreference state.
    pub fn sentence_mentions(&mut self, _start: usize, _end: usize) -> Vec<ActorMention> {
        Vec::new()
    }
}
