//! Where the shell's statements run: the embedded store, or a remote SPARQL 1.1 endpoint
//! (`geokg repl --endpoint URL`). Both answer queries as oxigraph results, so output modes,
//! paging, timeouts and the built-in dot-command queries work the same on either.

use std::io::Write;
use std::sync::Arc;

use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

use crate::graph::GraphStore;
use crate::query::format::{ResultFormat, write_results};
use crate::query::table::TableOptions;
use crate::query::{self, QueryError, QueryOptions, TimeoutGuard};
use crate::remote::RemoteStore;

/// The store behind a shell.
#[derive(Clone)]
pub enum Backend {
    /// The embedded store.
    Local(Arc<GraphStore>),
    /// A remote SPARQL endpoint (queries and updates are sent as typed, with the session's
    /// prefixes added when used undeclared).
    Remote(Arc<RemoteStore>),
}

/// One solution: the values of the selected variables, in order.
pub type Row = Vec<Option<Term>>;

impl Backend {
    /// The embedded store, if the shell has one.
    pub fn local(&self) -> Option<&Arc<GraphStore>> {
        match self {
            Backend::Local(store) => Some(store),
            Backend::Remote(_) => None,
        }
    }

    /// What the banner says the shell is on.
    pub fn location(&self) -> String {
        match self {
            Backend::Local(store) => store.path().map_or("an in-memory store".to_string(), |p| {
                p.display().to_string()
            }),
            Backend::Remote(remote) => remote.endpoints.query.text.clone(),
        }
    }

    /// Runs a query and writes its results in `mode`; returns the number of rows.
    pub fn query<W: Write>(
        &self,
        text: &str,
        options: &QueryOptions,
        mode: ResultFormat,
        table: &TableOptions,
        out: &mut W,
    ) -> Result<usize, QueryError> {
        match self {
            Backend::Local(store) => query::query(store, text, options)
                .and_then(|(results, guard)| write_results(results, &guard, mode, table, out)),
            Backend::Remote(remote) => {
                let answer = remote_for(remote, options)
                    .query(text)
                    .map_err(|e| QueryError::Other(e.to_string()))?;
                let results = answer
                    .results()
                    .map_err(|e| QueryError::Other(e.to_string()))?;
                let rows = write_results(results, &TimeoutGuard::default(), mode, table, out)?;
                if let Some(max) = answer.max_rows.filter(|max| rows as u64 >= *max) {
                    eprintln!(
                        "warning: the endpoint returned {rows} rows, its configured maximum ({max}): the results may be cut off"
                    );
                }
                Ok(rows)
            }
        }
    }

    /// Runs an update.
    pub fn update(&self, text: &str, options: &QueryOptions) -> Result<(), QueryError> {
        match self {
            Backend::Local(store) => query::update(store, text, options),
            Backend::Remote(remote) => remote_for(remote, options)
                .update(text)
                .map_err(|e| QueryError::Other(e.to_string())),
        }
    }

    /// The solutions of a SELECT query, all in memory (for the shell's own small queries).
    pub fn select(&self, text: &str) -> Result<Vec<Row>, String> {
        match self {
            Backend::Local(store) => {
                let prepared = SparqlEvaluator::new()
                    .parse_query(text)
                    .map_err(|e| e.to_string())?;
                let results = prepared
                    .on_store(store.store())
                    .execute()
                    .map_err(|e| e.to_string())?;
                rows(results)
            }
            Backend::Remote(remote) => {
                let answer = remote.query(text).map_err(|e| e.to_string())?;
                rows(answer.results().map_err(|e| e.to_string())?)
            }
        }
    }
}

/// The remote store with this statement's prefixes and timeout.
fn remote_for(remote: &RemoteStore, options: &QueryOptions) -> RemoteStore {
    let mut remote = remote.clone();
    remote.prefixes.clone_from(&options.prefixes);
    if let Some(t) = options.timeout {
        remote.http.io_timeout = t;
    }
    remote
}

fn rows(results: QueryResults<'_>) -> Result<Vec<Row>, String> {
    let QueryResults::Solutions(solutions) = results else {
        return Err("expected a SELECT query".into());
    };
    let width = solutions.variables().len();
    solutions
        .map(|s| {
            s.map(|s| (0..width).map(|i| s.get(i).cloned()).collect())
                .map_err(|e| e.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::OpenOptions;

    #[test]
    fn local_select_returns_rows_in_variable_order() {
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        let backend = Backend::Local(Arc::new(store));
        let rows = backend
            .select("SELECT ?a ?b WHERE { VALUES (?a ?b) { (1 UNDEF) (2 3) } } ORDER BY ?a")
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0][1].is_none());
        assert!(matches!(&rows[1][1], Some(Term::Literal(l)) if l.value() == "3"));
        assert!(backend.select("ASK {}").is_err());
    }
}
