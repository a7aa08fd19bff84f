//! The knowledge graph: RDF mapping of events, stable IRIs, the Oxigraph store, import/export
//! and statistics. Nothing here knows how events are extracted.

pub mod canonical;
pub mod cube;
pub mod date_index;
pub mod derived;
pub mod disk;
pub mod error;
pub mod io;
pub mod iri;
pub mod jsonld;
pub mod mapping;
pub mod ns;
pub mod shacl;
pub mod stats;
pub mod store;

pub use error::GraphError;
pub use store::{GraphStore, OpenOptions};
