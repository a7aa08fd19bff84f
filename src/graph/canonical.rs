//! Canonical form and isomorphism of RDF datasets, through sophia's RDFC-1.0 implementation.
//!
//! Oxigraph and sophia have their own term types; data crosses between them as N-Quads text.
//! RDFC-1.0 is exponential in the worst case (blank nodes that only differ by their position in
//! a symmetric structure); sophia refuses such "toxic" inputs rather than running forever, and
//! geokg data (IRIs everywhere, a few blank-node positions in the gazetteer) is far from that.

use std::io::Write;

use sophia::api::prelude::*;
use sophia::inmem::dataset::LightDataset;

use super::error::GraphError;
use super::io::{ExportOptions, Format, export};
use super::store::GraphStore;

/// How deep RDFC-1.0 may recurse, relative to the number of blank nodes (sophia's default).
pub const DEPTH_FACTOR: f32 = sophia::c14n::rdfc10::DEFAULT_DEPTH_FACTOR;
/// The largest set of same-hash blank nodes whose permutations RDFC-1.0 will try.
pub const PERMUTATION_LIMIT: usize = sophia::c14n::rdfc10::DEFAULT_PERMUTATION_LIMIT;

/// An error computing a canonical form or comparing datasets.
#[derive(Debug, thiserror::Error)]
pub enum CanonicalError {
    /// The input is not valid RDF.
    #[error("{0}")]
    Syntax(String),
    /// RDFC-1.0 gave up on a dataset too symmetric to canonicalize within the limits.
    #[error(
        "dataset too complex to canonicalize (RDFC-1.0 limits: depth factor {DEPTH_FACTOR}, permutation limit {PERMUTATION_LIMIT}): {0}"
    )]
    TooComplex(String),
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Parses N-Quads text into a sophia dataset.
pub fn parse_nquads(nquads: &str) -> Result<LightDataset, CanonicalError> {
    sophia::turtle::parser::nq::parse_str(nquads)
        .collect_quads()
        .map_err(|e| CanonicalError::Syntax(format!("N-Quads: {e}")))
}

/// Converts RDF text in `format` to N-Quads (graph formats put everything in the default graph).
pub fn to_nquads(format: Format, data: &[u8]) -> Result<String, CanonicalError> {
    use oxigraph::io::{RdfParser, RdfSerializer};
    let mut out =
        RdfSerializer::from_format(oxigraph::io::RdfFormat::NQuads).for_writer(Vec::new());
    for quad in RdfParser::from_format(format.rdf_format()).for_slice(data) {
        let quad = quad.map_err(|e| CanonicalError::Syntax(e.to_string()))?;
        out.serialize_quad(&quad)?;
    }
    let bytes = out.finish()?;
    String::from_utf8(bytes).map_err(|e| CanonicalError::Syntax(e.to_string()))
}

/// Writes the RDFC-1.0 canonical N-Quads of `nquads`: blank nodes relabelled `_:c14n0`, …,
/// lines sorted by code point, duplicates removed.
pub fn canonicalize<W: Write>(nquads: &str, out: W) -> Result<(), CanonicalError> {
    let dataset = parse_nquads(nquads)?;
    sophia::c14n::rdfc10::normalize(&dataset, out).map_err(|e| match e {
        sophia::c14n::C14nError::Io(e) => CanonicalError::Io(e),
        sophia::c14n::C14nError::ToxicGraph(m) => CanonicalError::TooComplex(m),
        other => CanonicalError::Syntax(other.to_string()),
    })
}

/// Writes the canonical N-Quads of the store (or of what `options` selects); the same
/// knowledge gives the same bytes whatever the ingest order or blank-node labels.
pub fn export_canonical<W: Write>(
    store: &GraphStore,
    options: &ExportOptions,
    out: W,
) -> Result<(), CanonicalError> {
    let mut dump = Vec::new();
    export(store, Format::Nquads, options, &mut dump)?;
    let text = String::from_utf8(dump).map_err(|e| CanonicalError::Syntax(e.to_string()))?;
    canonicalize(&text, out)
}

/// Whether two N-Quads documents describe the same dataset up to blank-node renaming.
pub fn isomorphic(a_nquads: &str, b_nquads: &str) -> Result<bool, CanonicalError> {
    let a = parse_nquads(a_nquads)?;
    let b = parse_nquads(b_nquads)?;
    sophia::isomorphism::isomorphic_datasets(&a, &b)
        .map_err(|e| CanonicalError::Syntax(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_node_labels_do_not_matter() {
        let a = "_:x <urn:p> \"1\" <urn:g> .\n<urn:s> <urn:q> _:x .\n";
        let b = "<urn:s> <urn:q> _:b7 .\n_:b7 <urn:p> \"1\" <urn:g> .\n";
        assert!(isomorphic(a, b).expect("parses"));
        let (mut ca, mut cb) = (Vec::new(), Vec::new());
        canonicalize(a, &mut ca).expect("c14n");
        canonicalize(b, &mut cb).expect("c14n");
        assert_eq!(ca, cb);
        assert!(String::from_utf8(ca).expect("utf-8").contains("_:c14n0"));
        assert!(!isomorphic(a, "<urn:s> <urn:q> _:b .\n").expect("parses"));
    }
}
