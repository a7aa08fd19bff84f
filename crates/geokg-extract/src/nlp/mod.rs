//! Language analysis: sentences, tokens, part-of-speech tags and verb groups, with offsets.
//!
//! Knows nothing of events: the caller says which verb lemmas it cares about.

pub mod chunks;
pub mod lemma;
pub mod sentences;
pub mod tags;
pub mod tokens;

pub use chunks::{GroupTense, VerbGroup, verb_groups};
pub use lemma::{COMMON_VERBS, VerbForm, is_common_verb, verb_lemma};
pub use sentences::{split_sentences, split_tokens};
pub use tags::{Tag, Tagged, tag_sentence};
pub use tokens::{Token, tokenize};
