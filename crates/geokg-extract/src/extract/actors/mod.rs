//! Actor recognition and coreference: every political actor mention in a document, resolved
//! to a gazetteer entity or to a new entity with a country and role.
//!
//! Method (see `docs/actors.md`): a trie over the gazetteer's names finds names, acronyms,
//! demonyms, capitals, role nouns and offices; a small noun-phrase grammar combines them
//! ("Ukrainian and Russian representatives", "Israel's defence minister", "Kenyan Foreign
//! Minister John Smith", "protesters in Tbilisi"); pronouns and definite descriptions are
//! resolved against the mentions seen so far in the document.

mod coref;
mod emit;
mod index;
mod party;
mod people;
mod phrases;
mod readers;
mod tokens;
mod words;

#[cfg(test)]
mod tests;

use rustc_hash::FxHashMap;

use crate::article::CharCursor;
use crate::lexicon::{Gazetteer, Gender};
use crate::time::Date;
use crate::{Article, Lexicon, Party};

use index::Index;
use party::{NewPerson, Referent};

pub use party::{ACTOR_NS, AGENT_NS, slug};

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
    /// Byte offsets of the mention in `Article::text` (start).
    pub start: usize,
    /// Byte offset of the end of the mention (exclusive).
    pub end: usize,
    /// The resolved participant (its `start`/`end` are character offsets, its `text` the surface text).
    pub party: Party,
    /// What kind of expression it is.
    pub kind: MentionKind,
    /// Whether the mention is plural ("officials", "they").
    pub plural: bool,
    /// Whether the mention is a possessive determiner ("his", "its", "Trump's"): usually the
    /// owner of a noun ("Trump's ultimatum"), not a participant itself.
    pub possessive: bool,
    /// For compound or plural descriptions that name several actors over one span ("the two
    /// men"), the number of the member (0, 1, …); 0 otherwise.
    pub member: u8,
}

/// Finds actor mentions. Built once from a lexicon, shared by all documents and threads.
#[derive(Debug, Clone)]
pub struct ActorFinder {
    gazetteer: Gazetteer,
    index: Index,
}

impl ActorFinder {
    /// Builds the matchers from the lexicon's gazetteer.
    pub fn new(lexicon: &Lexicon) -> ActorFinder {
        ActorFinder {
            gazetteer: lexicon.gazetteer.clone(),
            index: Index::new(&lexicon.gazetteer),
        }
    }

    /// Starts a document: the coreference state lives in the returned value.
    pub fn start_document<'a>(&'a self, article: &'a Article) -> DocumentActors<'a> {
        DocumentActors {
            finder: self,
            article,
            date: article.published,
            sentence: 0,
            history: Vec::new(),
            people: Vec::new(),
            names: FxHashMap::default(),
            focus: FxHashMap::default(),
            seq: 0,
            cursor: CharCursor::new(&article.text),
            titlecase: false,
            groups: 0,
            tokens: Vec::new(),
        }
    }
}

/// A mention already resolved in this document, for coreference.
#[derive(Debug, Clone)]
struct Seen {
    referent: Referent,
    party: Party,
    person: bool,
    /// A country itself (name, demonym, capital), not a role of it.
    country: bool,
    plural: bool,
    gender: Option<Gender>,
    /// Office or role noun words ("foreign minister", "envoy").
    office: Option<String>,
    sentence: usize,
    /// Token index of the mention in its sentence.
    tok: usize,
    /// Token index after the mention in its sentence.
    end: usize,
    /// Id of the coordination or group the mention belongs to ("Russia and Ukraine", "the two
    /// men"); 0 when alone.
    group: usize,
}

/// Per-document actor state (coreference chains, the publication date for office holders).
pub struct DocumentActors<'a> {
    finder: &'a ActorFinder,
    article: &'a Article,
    date: Option<Date>,
    sentence: usize,
    history: Vec<Seen>,
    people: Vec<NewPerson>,
    /// Names met in this document (lower-case full and family names).
    names: FxHashMap<String, Referent>,
    /// Mentions per country code: (count, last sequence number).
    focus: FxHashMap<String, (u32, usize)>,
    seq: usize,
    /// Character offsets of the mentions, counted incrementally.
    cursor: CharCursor,
    /// Whether the current sentence is in title case (a headline): capitalisation says little.
    titlecase: bool,
    /// Number of groups made so far.
    groups: usize,
    /// The token buffer, reused from sentence to sentence.
    tokens: Vec<tokens::Token<'a>>,
}

impl DocumentActors<'_> {
    /// The mentions inside the sentence at byte range `start..end` of the article text, in text
    /// order. Call once per sentence, in document order (the title first): it updates the
    /// coreference state. Compound phrases give one mention per actor ("Ukraine and Russia");
    /// "the two men" gives two mentions over the same span (`member` 0 and 1).
    pub fn sentence_mentions(&mut self, start: usize, end: usize) -> Vec<ActorMention> {
        let text = &self.article.text;
        let end = end.min(text.len());
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Vec::new();
        }
        let mut mentions = self.scan(start, end);
        for m in &mut mentions {
            m.party.text = text[m.start..m.end].to_string();
            m.party.start = self.char_offset(m.start);
            m.party.end = self.char_offset(m.end);
        }
        self.sentence += 1;
        mentions
    }

    /// The character offset of byte offset `byte`, counted from the last conversion.
    fn char_offset(&mut self, byte: usize) -> usize {
        self.cursor.offset(&self.article.text, byte)
    }
}
