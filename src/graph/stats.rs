//! Store statistics: documents, events, actors, triples, size on disk.

use std::path::Path;

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
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
    /// Distinct actor and target entities of events (not counted above
    /// [`ACTOR_COUNT_LIMIT`] events unless exact).
    pub actors: Option<u64>,
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

impl Stats {
    /// The actor count for people: the number, or why there is none.
    pub fn actors_text(&self) -> String {
        self.actors.map_or_else(
            || format!("not counted above {ACTOR_COUNT_LIMIT} events (stats --exact)"),
            |n| n.to_string(),
        )
    }
}

/// Above this many events, `stats` leaves the distinct actors uncounted unless asked to be exact
/// (the count reads every actor and target link: ~0.2 s per 100k events).
pub const ACTOR_COUNT_LIMIT: u64 = 250_000;

/// Computes the statistics of a store: from the counts recorded with each document (fast), or
/// with `exact` by counting every quad.
pub fn stats(store: &GraphStore, exact: bool) -> Result<Stats, GraphError> {
    let count = |q: &str| store.count(q);
    let g = ns::GEOKG;
    let documents = store.document_count()?;
    let named_graphs = count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { } }")?;
    let counted = if exact {
        None
    } else {
        recorded_counts(store, documents, named_graphs)?
    };
    let (events, triples) = match counted {
        Some(counts) => counts,
        // Some documents lack their counts: count everything the slow, exact way.
        None => (
            count(&format!(
                "SELECT (COUNT(?e) AS ?n) WHERE {{ GRAPH ?d {{ ?e a <{g}Event> }} }}"
            ))?,
            store.store().len()? as u64,
        ),
    };
    let actors = if exact || events <= ACTOR_COUNT_LIMIT {
        Some(count(&format!(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?d {{ {{ ?e <{g}actor> ?a }} UNION {{ ?e <{g}target> ?a }} }} }}"
        ))?)
    } else {
        None
    };
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
        named_graphs,
        ontology_triples,
        ontology_version: version.first().and_then(|r| r.first()).cloned(),
        ontology_current,
        store_bytes: store.path().map(dir_size).unwrap_or(0),
    })
}

/// Events and triples from the counts each document graph records, plus the quads of every
/// other graph (the ontology, the gazetteer, user graphs, the default graph) counted directly.
/// `None` when a document lacks its counts (then only a full count is exact). Every query is an
/// aggregate over one index scan on encoded terms: no IRI or string is decoded per document.
/// Document graphs are written whole by `ingest` and `import`; a SPARQL update that edits one
/// leaves its recorded counts behind (`stats --exact` recounts).
fn recorded_counts(
    store: &GraphStore,
    documents: u64,
    named_graphs: u64,
) -> Result<Option<(u64, u64)>, GraphError> {
    let g = ns::GEOKG;
    let row = store.select_rows(
        &format!(
            "SELECT (COUNT(?t) AS ?n) (SUM(?t) AS ?triples) WHERE {{ GRAPH ?d {{ ?d <{g}tripleCount> ?t }} }}"
        ),
        2,
    )?;
    let value = |i: usize| -> u64 {
        row.first()
            .and_then(|r| r.get(i))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    if value(0) != documents {
        return Ok(None);
    }
    let mut triples = value(1);
    let events = store.count(&format!(
        "SELECT (SUM(?e) AS ?n) WHERE {{ GRAPH ?d {{ ?d <{g}eventCount> ?e }} }}"
    ))?;
    for graph in other_graphs(store, named_graphs.saturating_sub(documents))? {
        triples += match &graph {
            // COUNT(*) runs on encoded terms; iterating quads would decode every one.
            NamedOrBlankNode::NamedNode(n) => store.count(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {n} {{ ?s ?p ?o }} }}"
            ))?,
            // A query cannot name a blank-node graph.
            NamedOrBlankNode::BlankNode(_) => store
                .store()
                .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
                .count() as u64,
        };
    }
    triples += store.count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?;
    Ok(Some((events, triples)))
}

/// The named graphs that are not document graphs; `expected` is how many there are. Usually
/// just the built-in ones, checked by name; otherwise every graph is tested.
fn other_graphs(store: &GraphStore, expected: u64) -> Result<Vec<NamedOrBlankNode>, GraphError> {
    let builtin: Vec<NamedOrBlankNode> = [
        ns::ONTOLOGY_GRAPH,
        super::store::USER_GAZETTEER_GRAPH,
        ns::DATE_INDEX_GRAPH,
        ns::CUBE_GRAPH,
    ]
    .into_iter()
    .map(|iri| NamedNode::new_unchecked(iri).into())
    .filter(|g: &NamedOrBlankNode| store.store().contains_named_graph(g).unwrap_or(false))
    .collect();
    if builtin.len() as u64 == expected {
        return Ok(builtin);
    }
    let query = format!(
        "SELECT ?g WHERE {{ GRAPH ?g {{ }} FILTER NOT EXISTS {{ GRAPH ?g {{ ?g a <{}Document> }} }} }}",
        ns::GEOKG
    );
    let results = SparqlEvaluator::new()
        .parse_query(&query)
        .map_err(|e| GraphError::Syntax(e.to_string()))?
        .on_store(store.store())
        .execute()?;
    let mut graphs = Vec::new();
    if let QueryResults::Solutions(solutions) = results {
        for solution in solutions {
            match solution?.get(0) {
                Some(Term::NamedNode(n)) => graphs.push(n.clone().into()),
                Some(Term::BlankNode(b)) => graphs.push(b.clone().into()),
                _ => {}
            }
        }
    }
    Ok(graphs)
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
