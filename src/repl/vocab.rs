//! The store's vocabulary for completion: IRIs typed in the ontology graph (classes,
//! properties, CAMEO codes, countries, actors, roles) with their labels, plus the predicates and
//! classes used in a bounded sample of the data. Loaded once in the background at start-up.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use oxigraph::model::Term;

use super::backend::Backend;
use crate::graph::ns;

/// Known IRIs and their labels (if any), sorted by IRI.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// IRI → label.
    pub terms: BTreeMap<String, Option<String>>,
}

/// The vocabulary once loaded; empty until then.
pub type SharedVocabulary = Arc<OnceLock<Vocabulary>>;

/// How many quads of data the predicate and class scans look at.
const SAMPLE: usize = 200_000;

/// Starts loading the vocabulary of the shell's store in a background thread.
pub fn load_in_background(store: Backend) -> SharedVocabulary {
    let shared: SharedVocabulary = Arc::new(OnceLock::new());
    let slot = shared.clone();
    std::thread::spawn(move || {
        let _ = slot.set(load(&store));
    });
    shared
}

/// Loads the vocabulary of `store` (errors leave parts out).
pub fn load(store: &Backend) -> Vocabulary {
    let mut v = Vocabulary::default();
    let ontology = format!(
        "SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{ GRAPH <{}> {{ ?x a ?t OPTIONAL {{ ?x <{}prefLabel> ?l }} }} FILTER(isIRI(?x)) }} GROUP BY ?x",
        ns::ONTOLOGY_GRAPH,
        ns::SKOS
    );
    let used = [
        format!(
            "SELECT DISTINCT ?x WHERE {{ {{ SELECT ?x WHERE {{ GRAPH ?g {{ ?s ?x ?o }} }} LIMIT {SAMPLE} }} }}"
        ),
        format!(
            "SELECT DISTINCT ?x WHERE {{ {{ SELECT ?x WHERE {{ GRAPH ?g {{ ?s a ?x }} }} LIMIT {SAMPLE} }} }}"
        ),
        format!(
            "SELECT DISTINCT ?x WHERE {{ {{ SELECT ?x WHERE {{ ?s ?x ?o }} LIMIT {SAMPLE} }} }}"
        ),
    ];
    for q in std::iter::once(&ontology).chain(&used) {
        for (iri, label) in rows(store, q) {
            let entry = v.terms.entry(iri).or_insert(None);
            if entry.is_none() {
                *entry = label;
            }
        }
    }
    v
}

fn rows(store: &Backend, query: &str) -> Vec<(String, Option<String>)> {
    let Ok(rows) = store.select(query) else {
        return Vec::new();
    };
    rows.into_iter()
        .filter_map(|row| {
            let mut values = row.into_iter();
            let Some(Some(Term::NamedNode(x))) = values.next() else {
                return None;
            };
            let label = match values.next() {
                Some(Some(Term::Literal(l))) => Some(l.value().to_string()),
                _ => None,
            };
            Some((x.into_string(), label))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{GraphStore, OpenOptions};

    #[test]
    fn collects_ontology_terms_quickly() {
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        let started = std::time::Instant::now();
        let v = load(&Backend::Local(Arc::new(store)));
        eprintln!(
            "vocabulary: {} terms in {:?}",
            v.terms.len(),
            started.elapsed()
        );
        assert!(v.terms.contains_key(&format!("{}Event", ns::GEOKG)));
        assert!(v.terms.contains_key(&format!("{}actor", ns::GEOKG)));
        assert!(
            v.terms
                .get(&format!("{}042", ns::CAMEO))
                .is_some_and(|l| l.is_some())
        );
        assert!(v.terms.contains_key(&format!("{}prefLabel", ns::SKOS)));
    }
}
