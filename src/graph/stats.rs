//! Store statistics: documents, events, actors, triples, size on disk.

use std::path::Path;

use oxigraph::model::{NamedOrBlankNode, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

use serde::Serialize;

use super::error::GraphError;
use super::ns;
use super::store::{GraphStore, ontology_hash};

/// Counts describing a store.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub documents: u64,
    pub events: u64,
    /// Distinct actor and target entities of events.
    pub actors: u64,
    /// All quads, in every graph.
    pub triples: u64,
    pub named_graphs: u64,
    /// Triples in the ontology graph.
    pub ontology_triples: u64,
    /// `owl:versionInfo` of the loaded ontology.
    pub ontology_version: Option<String>,
    /// Whether the loaded ontology is the one built into this binary.
    pub ontology_current: bool,
    /// Bytes on disk (0 for in-memory stores).
    pub store_bytes: u64,
}

/// Computes the statistics of a store: from the counts recorded with each document (fast), or
/// with `exact` by counting every quad.
pub fn stats(store: &GraphStore, exact: bool) -> Result<Stats, GraphError> {
    let count = |q: &str| -> Result<u64, GraphError> {
        Ok(store
            .select_rows(q, 1)?
            .first()
            .and_then(|r| r.first())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    };
    let g = ns::GEOKG;
    let counted = if exact { None } else { document_counts(store)? };
    let (documents, events, triples) = match counted {
        Some(c) => (c.documents, c.events, c.triples),
        // Some documents lack their counts: count everything the slow, exact way.
        None => (
            count(&format!(
                "SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH ?d {{ ?d a <{g}Document> }} }}"
            ))?,
            count(&format!(
                "SELECT (COUNT(?e) AS ?n) WHERE {{ GRAPH ?d {{ ?e a <{g}Event> }} }}"
            ))?,
            store.store().len()? as u64,
        ),
    };
    let actors = count(&format!(
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?d {{ {{ ?e <{g}actor> ?a }} UNION {{ ?e <{g}target> ?a }} }} }}"
    ))?;
    let ontology_triples = count(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}",
        ns::ONTOLOGY_GRAPH
    ))?;
    let version = store.select_rows(
        &format!(
            "SELECT ?v WHERE {{ GRAPH <{}> {{ <{}> <{}versionInfo> ?v }} }}",
            ns::ONTOLOGY_GRAPH,
            ns::ONTOLOGY,
            ns::OWL
        ),
        1,
    )?;
    let ontology_current = ask(
        store,
        &format!(
            "ASK {{ GRAPH <{0}> {{ <{0}> <{1}ontologyHash> \"{2}\" }} }}",
            ns::ONTOLOGY_GRAPH,
            ns::GEOKG,
            ontology_hash()
        ),
    )?;
    Ok(Stats {
        documents,
        events,
        actors,
        triples,
        named_graphs: count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { } }")?,
        ontology_triples,
        ontology_version: version.first().and_then(|r| r.first()).cloned(),
        ontology_current,
        store_bytes: store.path().map(dir_size).unwrap_or(0),
    })
}

/// Documents, events and triples from the counts each document graph records.
struct Counted {
    documents: u64,
    events: u64,
    triples: u64,
}

/// Sums the counts recorded in the document graphs, and counts the quads of every other graph
/// (the ontology, the gazetteer, the default graph) directly. `None` when a document lacks its
/// counts (then only a full count is exact). Document graphs are written whole by `ingest` and
/// `import`; a SPARQL update that edits one leaves its recorded counts behind.
fn document_counts(store: &GraphStore) -> Result<Option<Counted>, GraphError> {
    // Aggregates over encoded terms: no IRI or string is decoded per document.
    let g = ns::GEOKG;
    let row = store.select_rows(
        &format!(
            "SELECT (COUNT(?d) AS ?docs) (COUNT(?t) AS ?counted) (SUM(?e) AS ?events) (SUM(?t) AS ?triples) \
             WHERE {{ GRAPH ?d {{ ?d a <{g}Document> OPTIONAL {{ ?d <{g}eventCount> ?e ; <{g}tripleCount> ?t }} }} }}"
        ),
        4,
    )?;
    let number = |i: usize| -> u64 {
        row.first()
            .and_then(|r| r.get(i))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let (documents, counted) = (number(0), number(1));
    if counted < documents {
        return Ok(None);
    }
    let (events, mut triples) = (number(2), number(3));
    // The other graphs (ontology, gazetteer, user data) and the default graph, counted whole.
    let others = format!(
        "SELECT ?g WHERE {{ GRAPH ?g {{ }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?g a <{g}Document> }} }} }}"
    );
    let results = SparqlEvaluator::new()
        .parse_query(&others)
        .map_err(|e| GraphError::Syntax(e.to_string()))?
        .on_store(store.store())
        .execute()?;
    let mut graphs = Vec::new();
    if let QueryResults::Solutions(solutions) = results {
        for solution in solutions {
            match solution?.get(0) {
                Some(Term::NamedNode(n)) => graphs.push(NamedOrBlankNode::from(n.clone())),
                Some(Term::BlankNode(b)) => graphs.push(NamedOrBlankNode::from(b.clone())),
                _ => {}
            }
        }
    }
    let count = |q: String| -> Result<u64, GraphError> {
        Ok(store
            .select_rows(&q, 1)?
            .first()
            .and_then(|r| r.first())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    };
    for graph in graphs {
        triples += match &graph {
            // COUNT(*) runs on encoded terms; iterating quads would decode every one.
            NamedOrBlankNode::NamedNode(n) => count(format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {n} {{ ?s ?p ?o }} }}"
            ))?,
            // A query cannot name a blank-node graph.
            NamedOrBlankNode::BlankNode(_) => store
                .store()
                .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                .count() as u64,
        };
    }
    triples += count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }".to_string())?;
    Ok(Some(Counted {
        documents,
        events,
        triples,
    }))
}

fn ask(store: &GraphStore, query: &str) -> Result<bool, GraphError> {
    let r = SparqlEvaluator::new()
        .parse_query(query)
        .map_err(|e| GraphError::Syntax(e.to_string()))?
        .on_store(store.store())
        .execute()?;
    Ok(matches!(r, QueryResults::Boolean(true)))
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
