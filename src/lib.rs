//! geokg: news articles to a geopolitical knowledge graph, queried with SPARQL.
//!
//! The extraction engine lives in the `geokg-extract` crate (articles → events). This crate
//! maps events to RDF ([`graph`]), stores them in Oxigraph, runs SPARQL ([`query`]) and
//! provides the command line ([`cli`]) and the interactive shell ([`repl`]).
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod cli;
pub mod graph;
pub mod pipeline;
pub mod query;
pub mod remote;
pub mod repl;
pub mod serve;

pub use geokg_extract as extract;
