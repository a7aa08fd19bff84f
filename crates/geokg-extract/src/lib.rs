//! geokg's extraction engine: from news articles to CAMEO-coded events.
//!
//! Data flows one way: [`article`] (reading documents) → [`nlp`] (sentences, tokens, tags) →
//! [`extract`] (actors, events, CAMEO codes) using [`lexicon`] (gazetteer and verb lexicon,
//! loaded from the Turtle files in `ontology/`) and [`time`] (date resolution). Nothing here
//! knows about RDF stores; events are plain structs ([`event::Event`]).
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod article;
pub mod event;
pub mod extract;
pub mod lexicon;
pub mod nlp;
pub mod time;

pub use article::Article;
pub use event::{Action, Event, Evidence, Modality, Party};
pub use extract::Extractor;
pub use lexicon::Lexicon;
pub use time::{Date, DateValue, Precision};

/// The extractor's version, recorded as provenance on every event.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
