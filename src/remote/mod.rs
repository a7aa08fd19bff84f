//! Remote stores: SPARQL 1.1 Protocol (query, update) and Graph Store Protocol endpoints, e.g.
//! Virtuoso, Fuseki, GraphDB or `geokg serve`. Queries and updates are sent as typed (with the
//! predeclared prefixes added), and `ingest` pushes each document's graph whole, idempotently.

mod client;
pub mod http;
pub mod prefixes;
mod push;

pub use client::{Endpoints, RemoteResults, RemoteStats, RemoteStore};
pub use push::{PushOptions, ingest, push_graph, push_graphs, push_ontology, replace_graph};

/// An error talking to a remote store. Every variant names the endpoint.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("invalid endpoint URL {url}: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("cannot connect to {endpoint}: {message}")]
    Connect { endpoint: String, message: String },
    #[error("{endpoint}: {message}")]
    Io { endpoint: String, message: String },
    #[error("{endpoint}: no answer within {seconds:.0} s")]
    Timeout { endpoint: String, seconds: f64 },
    #[error("{endpoint}: invalid HTTP response: {message}")]
    Protocol { endpoint: String, message: String },
    #[error("{endpoint} answered HTTP {status} {reason}{}", detail(.body))]
    Status {
        endpoint: String,
        status: u16,
        reason: String,
        body: String,
    },
    #[error("{endpoint}: unreadable results ({media_type}): {message}")]
    Results {
        endpoint: String,
        media_type: String,
        message: String,
    },
    #[error(transparent)]
    Pipeline(#[from] crate::pipeline::PipelineError),
    #[error("{0}")]
    Local(String),
}

fn detail(body: &str) -> String {
    let text: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        String::new()
    } else {
        let cut: String = text.chars().take(400).collect();
        let more = if cut.len() < text.len() { " …" } else { "" };
        format!(": {cut}{more}")
    }
}
