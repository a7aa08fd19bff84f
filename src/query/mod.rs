//! Running SPARQL queries and updates against a geokg store: predeclared prefixes, the union
//! of all graphs as the default graph, timeouts and cancellation, protection of the ontology.

mod error;
pub mod format;
pub mod table;

use std::sync::mpsc;
use std::time::Duration;

use oxigraph::model::{GraphNameRef, NamedNodeRef};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};

pub use error::QueryError;

use crate::graph::{GraphStore, ns};

/// How to run a query or update.
#[derive(Clone)]
pub struct QueryOptions {
    /// Prefixes available without `PREFIX` declarations.
    pub prefixes: Vec<(String, String)>,
    /// Cancel the query after this long.
    pub timeout: Option<Duration>,
    /// Cancel the query when this token fires (Ctrl-C in the REPL).
    pub cancel: Option<CancellationToken>,
    /// Evaluate queries without FROM over the union of all graphs (default: true).
    pub union_default_graph: bool,
    /// Allow updates to change the ontology graph.
    pub allow_ontology_update: bool,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            prefixes: ns::default_prefixes(),
            timeout: None,
            cancel: None,
            union_default_graph: true,
            allow_ontology_update: false,
        }
    }
}

impl QueryOptions {
    fn evaluator(&self, token: CancellationToken) -> Result<SparqlEvaluator, QueryError> {
        let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
        for (prefix, iri) in &self.prefixes {
            evaluator = evaluator
                .with_prefix(prefix, iri)
                .map_err(|e| QueryError::Other(format!("prefix {prefix}: {e}")))?;
        }
        Ok(evaluator)
    }

    /// The token for one run, armed with the timeout when set.
    fn token(&self) -> (CancellationToken, Option<mpsc::Sender<()>>) {
        let token = self.cancel.clone().unwrap_or_default();
        let Some(timeout) = self.timeout else {
            return (token, None);
        };
        let (done, wait) = mpsc::channel::<()>();
        let timer = token.clone();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(timeout) {
                timer.cancel();
            }
        });
        (token, Some(done))
    }
}

/// Runs a SPARQL query. The results borrow nothing from the options; iterate them to evaluate.
/// The returned guard keeps the timeout armed until dropped.
pub fn query<'a>(
    store: &'a GraphStore,
    text: &str,
    options: &QueryOptions,
) -> Result<(QueryResults<'a>, TimeoutGuard), QueryError> {
    let (token, guard) = options.token();
    let mut prepared = options
        .evaluator(token.clone())?
        .parse_query(text)
        .map_err(|e| QueryError::syntax(text, &e.to_string()))?;
    if options.union_default_graph && prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let results = prepared
        .on_store(store.store())
        .execute()
        .map_err(|e| QueryError::from_evaluation(e, options.timeout, &token))?;
    Ok((
        results,
        TimeoutGuard {
            _done: guard,
            token,
            timeout: options.timeout,
        },
    ))
}

/// Keeps a query's timeout armed; converts cancellation errors into clear messages.
/// `TimeoutGuard::default()` arms nothing (for results computed elsewhere).
#[derive(Default)]
pub struct TimeoutGuard {
    _done: Option<mpsc::Sender<()>>,
    token: CancellationToken,
    timeout: Option<Duration>,
}

impl TimeoutGuard {
    /// Turns an evaluation error met while reading results into a [`QueryError`].
    pub fn error(&self, e: oxigraph::sparql::QueryEvaluationError) -> QueryError {
        QueryError::from_evaluation(e, self.timeout, &self.token)
    }
}

/// Runs a SPARQL update in one transaction. Updates that would change the ontology graph are
/// refused (and nothing is written) unless `allow_ontology_update` is set.
pub fn update(store: &GraphStore, text: &str, options: &QueryOptions) -> Result<(), QueryError> {
    store
        .check_writable()
        .map_err(|e| QueryError::Other(e.to_string()))?;
    let (token, _guard) = options.token();
    let prepared = options
        .evaluator(token.clone())?
        .parse_update(text)
        .map_err(|e| QueryError::syntax(text, &e.to_string()))?;
    let mut tx = store
        .store()
        .start_transaction()
        .map_err(|e| QueryError::Other(e.to_string()))?;
    let before = (!options.allow_ontology_update).then(|| ontology_fingerprint(&tx));
    prepared
        .on_transaction(&mut tx)
        .execute()
        .map_err(|e| QueryError::from_update(e, options.timeout, &token))?;
    if let Some(before) = before
        && ontology_fingerprint(&tx) != before
    {
        return Err(QueryError::Refused(format!(
            "the update would change the ontology graph <{}>; nothing was written (use --allow-ontology-update to allow it)",
            ns::ONTOLOGY_GRAPH
        )));
    }
    tx.commit().map_err(|e| QueryError::Other(e.to_string()))
}

/// Count and order-independent hash of the ontology graph's quads.
fn ontology_fingerprint(tx: &oxigraph::store::Transaction<'_>) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let graph = GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH));
    let mut count = 0;
    let mut acc = 0u64;
    for quad in tx
        .quads_for_pattern(None, None, None, Some(graph))
        .flatten()
    {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        quad.hash(&mut h);
        acc ^= h.finish();
        count += 1;
    }
    (count, acc)
}
