//! The date index: every distinct `geokg:date` value in the store, kept in its own small graph
//! so that "newest events first" queries can read the newest days without touching every
//! event (see `query::newest_first`).
//!
//! The graph `<https://w3id.org/geokg/graph/dates>` holds `<graph> geokg:indexedDate "D"` for
//! each date and `<graph> a geokg:DateIndex` once the index is complete. Every geokg write adds
//! the dates it inserts in the same transaction (ingest, imports, Graph Store Protocol requests,
//! `INSERT DATA`); only writes whose new dates cannot be known in advance (`INSERT … WHERE` with
//! a `geokg:date` or variable predicate, `LOAD`) or that change the index graph itself rebuild
//! it. Deletions leave it alone: a date whose last event is gone may linger, and readers only
//! rely on the index holding *at least* every date in use.

use std::collections::HashSet;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphNameRef, Literal, NamedNodeRef, Quad, QuadRef, Term, TermRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Transaction;

use super::derived::Derived;
use super::error::GraphError;
use super::ns;
use super::store::GraphStore;

/// The predicate whose values are indexed.
pub const DATE: &str = "https://w3id.org/geokg/ns#date";
const INDEXED_DATE: &str = "https://w3id.org/geokg/ns#indexedDate";
const DATE_INDEX_CLASS: &str = "https://w3id.org/geokg/ns#DateIndex";

fn graph_node() -> NamedNodeRef<'static> {
    NamedNodeRef::new_unchecked(ns::DATE_INDEX_GRAPH)
}

fn graph_name() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(graph_node())
}

/// The index quad recording `date`.
fn entry(date: &Literal) -> QuadRef<'_> {
    QuadRef::new(
        graph_node(),
        NamedNodeRef::new_unchecked(INDEXED_DATE),
        date,
        graph_name(),
    )
}

/// The quad saying the index is complete.
fn marker() -> QuadRef<'static> {
    QuadRef::new(
        graph_node(),
        rdf::TYPE,
        NamedNodeRef::new_unchecked(DATE_INDEX_CLASS),
        graph_name(),
    )
}

/// The distinct `geokg:date` values among `quads`.
pub fn dates_in<'a>(quads: impl IntoIterator<Item = &'a Quad>) -> HashSet<&'a Literal> {
    quads
        .into_iter()
        .filter(|q| q.predicate.as_str() == DATE)
        .filter_map(|q| match &q.object {
            Term::Literal(l) => Some(l),
            _ => None,
        })
        .collect()
}

/// The index quads for `dates` (to write beside the documents that use them).
pub fn entries<'a>(dates: impl IntoIterator<Item = &'a Literal>) -> Vec<Quad> {
    dates.into_iter().map(|d| entry(d).into_owned()).collect()
}

/// Whether `graph` is the index graph.
pub fn is_index_graph(graph: GraphNameRef<'_>) -> bool {
    graph == graph_name()
}

/// What a write does to the index: the `geokg:date` values it inserts, and whether it needs a
/// rebuild instead (it writes into the index graph, or a date that is not a literal).
#[derive(Debug, Default)]
pub struct DateWatch {
    dates: HashSet<Literal>,
    rebuild: bool,
}

impl DateWatch {
    /// Notes one quad the write inserts.
    pub fn see(&mut self, quad: QuadRef<'_>) {
        if is_index_graph(quad.graph_name) {
            self.rebuild = true;
        } else if quad.predicate.as_str() == DATE {
            match quad.object {
                TermRef::Literal(l) if !self.dates.contains(&l.into_owned()) => {
                    self.dates.insert(l.into_owned());
                }
                TermRef::Literal(_) => {}
                _ => self.rebuild = true,
            }
        }
    }

    /// Asks for a rebuild (the write's effect on dates is not known in advance).
    pub fn rebuild(&mut self) {
        self.rebuild = true;
    }

    /// Brings the index up to date inside the write's transaction: adds the new dates, or
    /// rebuilds it.
    pub fn apply(self, tx: &mut Transaction<'_>) -> Result<(), GraphError> {
        if self.rebuild {
            return rebuild_in(tx);
        }
        for date in &self.dates {
            tx.insert(entry(date));
        }
        Ok(())
    }
}

/// Adds the index entries for the dates among `quads` inside a transaction.
pub fn add_in(tx: &mut Transaction<'_>, quads: &[Quad]) {
    for date in dates_in(quads) {
        tx.insert(entry(date));
    }
}

/// Fingerprint of the index graph (to notice updates that changed it).
pub fn fingerprint(tx: &Transaction<'_>) -> Result<(usize, u64), GraphError> {
    super::store::graph_fingerprint(tx, graph_name())
}

/// Rebuilds the index from the events inside a transaction: one scan of `geokg:date`.
pub fn rebuild_in(tx: &mut Transaction<'_>) -> Result<(), GraphError> {
    tx.clear_graph(graph_name())?;
    let update = format!(
        "INSERT {{ GRAPH <{g}> {{ <{g}> <{INDEXED_DATE}> ?d }} }} \
         WHERE {{ SELECT DISTINCT ?d WHERE {{ {{ ?e <{DATE}> ?d }} UNION {{ GRAPH ?any {{ ?e <{DATE}> ?d }} }} }} }}",
        g = ns::DATE_INDEX_GRAPH
    );
    SparqlEvaluator::new()
        .parse_update(&update)
        .map_err(|e| GraphError::Internal(format!("the date index query: {e}")))?
        .on_transaction(tx)
        .execute()
        .map_err(|e| GraphError::Internal(format!("rebuilding the date index: {e}")))?;
    tx.insert(marker());
    Ok(())
}

/// The date index as a derived graph (marker and rebuild).
pub const DATE_INDEX: Derived = Derived {
    marker,
    rebuild: rebuild_in,
};

impl GraphStore {
    /// Every indexed date, newest first (in SPARQL `ORDER BY DESC` order), when the index is
    /// complete and holds only plain calendar values: `xsd:date` `YYYY-MM-DD`, `xsd:gYearMonth`
    /// `YYYY-MM` and `xsd:gYear` `YYYY`, the three precisions of `geokg:date`. SPARQL orders
    /// each type on its own time line and values of different types by their strings; for these
    /// forms both agree with string order. `None` otherwise: then nothing may be concluded.
    pub fn indexed_dates_newest_first(&self) -> Result<Option<Vec<Literal>>, GraphError> {
        if !self.is_complete(&DATE_INDEX)? {
            return Ok(None);
        }
        // A query, not `quads_for_pattern`: it decodes only the dates, where each quad would
        // look the subject, predicate and graph IRIs up again (three reads per date).
        let query = format!(
            "SELECT ?d WHERE {{ GRAPH <{g}> {{ <{g}> <{INDEXED_DATE}> ?d }} }}",
            g = ns::DATE_INDEX_GRAPH
        );
        let results = SparqlEvaluator::new()
            .parse_query(&query)
            .map_err(|e| GraphError::Internal(format!("the date index query: {e}")))?
            .on_store(self.store())
            .execute()?;
        let QueryResults::Solutions(solutions) = results else {
            return Ok(None);
        };
        let mut dates = Vec::new();
        for solution in solutions {
            match solution?.get(0) {
                Some(Term::Literal(l)) if is_plain_calendar_value(l) => dates.push(l.clone()),
                _ => return Ok(None),
            }
        }
        dates.sort_by(|a, b| b.value().cmp(a.value()));
        Ok(Some(dates))
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` of the matching type (no sign, no time zone).
pub fn is_plain_calendar_value(l: &Literal) -> bool {
    let length = match l.datatype() {
        d if d == xsd::DATE => 10,
        d if d == xsd::G_YEAR_MONTH => 7,
        d if d == xsd::G_YEAR => 4,
        _ => return false,
    };
    let b = l.value().as_bytes();
    b.len() == length
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::OpenOptions;
    use oxigraph::model::NamedNode;

    fn date_quad(event: &str, date: &str, graph: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(event),
            NamedNode::new_unchecked(DATE),
            Literal::new_typed_literal(date, xsd::DATE),
            NamedNode::new_unchecked(graph),
        )
    }

    #[test]
    fn rebuild_indexes_every_date_newest_first() {
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        for (e, d) in [
            ("e1", "2024-01-02"),
            ("e2", "2025-03-04"),
            ("e3", "2024-01-02"),
        ] {
            let q = date_quad(&format!("http://x/{e}"), d, "http://x/g");
            store.store().insert(&q).unwrap();
        }
        store.rebuild(&DATE_INDEX).unwrap();
        let dates = store.indexed_dates_newest_first().unwrap().unwrap();
        let values: Vec<&str> = dates.iter().map(|l| l.value()).collect();
        assert_eq!(values, ["2025-03-04", "2024-01-02"]);
    }

    #[test]
    fn no_answer_without_marker_or_with_odd_values() {
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        store.store().remove(marker()).unwrap();
        assert_eq!(store.indexed_dates_newest_first().unwrap(), None);
        assert!(store.ensure(&DATE_INDEX).unwrap());
        assert_eq!(store.indexed_dates_newest_first().unwrap(), Some(vec![]));
        let odd = Literal::new_typed_literal("2024-01-02Z", xsd::DATE);
        store.store().insert(entry(&odd)).unwrap();
        assert_eq!(store.indexed_dates_newest_first().unwrap(), None);
    }

    fn indexed(store: &GraphStore) -> Vec<String> {
        let dates = store.indexed_dates_newest_first().unwrap().unwrap();
        dates.iter().map(|l| l.value().to_string()).collect()
    }

    #[test]
    fn a_watch_adds_the_dates_it_saw_and_rebuilds_only_when_it_must() {
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        let stale = date_quad("http://x/gone", "2020-01-01", "http://x/g");
        let mut tx = store.store().start_transaction().unwrap();
        tx.insert(entry(match &stale.object {
            Term::Literal(l) => l,
            _ => unreachable!(),
        }));
        tx.commit().unwrap();
        // New dates are added; the entry of a date no event uses stays (no rebuild).
        let mut watch = DateWatch::default();
        for (e, d) in [
            ("e1", "2025-01-02"),
            ("e2", "2025-01-02"),
            ("e3", "2024-05-06"),
        ] {
            let q = date_quad(&format!("http://x/{e}"), d, "http://x/g");
            watch.see(q.as_ref());
        }
        let other = Quad::new(
            NamedNode::new_unchecked("http://x/e1"),
            NamedNode::new_unchecked("http://x/p"),
            Literal::new_typed_literal("2030-01-01", xsd::DATE),
            NamedNode::new_unchecked("http://x/g"),
        );
        watch.see(other.as_ref());
        let mut tx = store.store().start_transaction().unwrap();
        watch.apply(&mut tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(indexed(&store), ["2025-01-02", "2024-05-06", "2020-01-01"]);
        // A quad of the index graph, or a date that is not a literal, forces a rebuild: it
        // indexes what the events use (here nothing), so the stale entry goes.
        for quad in [
            Quad::new(
                graph_node(),
                NamedNodeRef::new_unchecked(INDEXED_DATE),
                Literal::new_typed_literal("1999-01-01", xsd::DATE),
                graph_node(),
            ),
            Quad::new(
                NamedNode::new_unchecked("http://x/e"),
                NamedNode::new_unchecked(DATE),
                NamedNode::new_unchecked("http://x/not-a-date"),
                NamedNode::new_unchecked("http://x/g"),
            ),
        ] {
            let mut watch = DateWatch::default();
            watch.see(quad.as_ref());
            let mut tx = store.store().start_transaction().unwrap();
            watch.apply(&mut tx).unwrap();
            tx.commit().unwrap();
            assert_eq!(indexed(&store), Vec::<String>::new(), "{quad}");
        }
    }

    #[test]
    fn plain_calendar_values() {
        let ok = |v: &str, t| is_plain_calendar_value(&Literal::new_typed_literal(v, t));
        assert!(ok("2024-01-02", xsd::DATE));
        assert!(ok("2024-01", xsd::G_YEAR_MONTH));
        assert!(ok("2024", xsd::G_YEAR));
        assert!(!ok("2024-01-02Z", xsd::DATE));
        assert!(!ok("-2024-01-0", xsd::DATE));
        assert!(!ok("2024-1-002", xsd::DATE));
        assert!(!ok("2024-01", xsd::DATE));
        assert!(!ok("2024-01-02", xsd::STRING));
    }
}
