//! Errors of the graph layer.

use std::path::PathBuf;

/// An error opening, reading or writing the store.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// Another process holds the store's write lock (`holder`: its pid and command line, when known).
    #[error(
        "store {path} is in use by another process ({}it holds {path}/LOCK); wait for it to finish, or open the store with --read-only to query it meanwhile",
        holder.as_ref().map(|h| format!("{h}; ")).unwrap_or_default()
    )]
    Locked {
        path: PathBuf,
        holder: Option<String>,
    },
    /// The store path exists but is not a store directory.
    #[error("{path} is not a geokg store directory ({reason})")]
    NotAStore { path: PathBuf, reason: String },
    /// A read-only store was asked to change.
    #[error("the store is open read-only; run without --read-only to change it")]
    ReadOnly,
    /// On-disk stores need the `rocksdb` feature.
    #[error("this geokg was built without on-disk stores; use --memory")]
    NoDiskSupport,
    /// Invalid RDF input.
    #[error("{0}")]
    Syntax(String),
    /// A query geokg runs for its own bookkeeping failed (a bug, or a damaged store).
    #[error("{0}")]
    Internal(String),
    /// A change to a protected graph was refused.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Storage(#[from] oxigraph::store::StorageError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Loader(#[from] oxigraph::store::LoaderError),
    #[error(transparent)]
    Serializer(#[from] oxigraph::store::SerializerError),
    #[error(transparent)]
    Query(#[from] oxigraph::sparql::QueryEvaluationError),
}
