//! A SPARQL 1.1 Protocol and Graph Store Protocol client.

use std::collections::HashSet;
use std::io::Write;

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QueryTripleIter};

use super::RemoteError;
use super::http::{HttpClient, Response, Url, percent_encode};
use super::prefixes::{QueryForm, scan, with_prefixes};
use crate::graph::ns;

/// Where a remote store answers.
#[derive(Debug, Clone)]
pub struct Endpoints {
    /// SPARQL queries.
    pub query: Url,
    /// SPARQL updates (often the same URL).
    pub update: Url,
    /// Graph Store Protocol (`?graph=IRI` is appended), if the store offers it.
    pub gsp: Option<Url>,
}

/// A remote SPARQL store.
#[derive(Debug, Clone)]
pub struct RemoteStore {
    pub endpoints: Endpoints,
    pub http: HttpClient,
    /// Prefixes added (as `PREFIX` lines) to queries and updates that use them undeclared.
    pub prefixes: Vec<(String, String)>,
}

const SOLUTIONS_ACCEPT: &str = "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8";
const GRAPH_ACCEPT: &str = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8";

/// A query's answer, parsed on demand.
pub struct RemoteResults {
    endpoint: String,
    media_type: String,
    body: Vec<u8>,
    form: Option<QueryForm>,
    /// The row limit the server reports having applied (Virtuoso's `X-SPARQL-MaxRows`).
    pub max_rows: Option<u64>,
}

impl RemoteResults {
    /// The results, as a local query would return them.
    pub fn results(&self) -> Result<QueryResults<'_>, RemoteError> {
        let err = |message: String| RemoteError::Results {
            endpoint: self.endpoint.clone(),
            media_type: self.media_type.clone(),
            message,
        };
        if let Some(format) = RdfFormat::from_media_type(&self.media_type) {
            let triples = RdfParser::from_format(format)
                .for_slice(&self.body)
                .map(|q| {
                    q.map(Triple::from)
                        .map_err(|e| QueryEvaluationError::Unexpected(Box::new(e)))
                });
            return Ok(QueryResults::Graph(QueryTripleIter::new(triples)));
        }
        let format = QueryResultsFormat::from_media_type(&self.media_type)
            .ok_or_else(|| err("not a SPARQL results or RDF format".into()))?;
        let parsed = QueryResultsParser::from_format(format)
            .for_slice(&self.body)
            .map_err(|e| err(e.to_string()))?;
        match (QueryResults::from(parsed), self.form) {
            // Virtuoso answers some ASK queries with one `__ASK_RETVAL` solution of 1 or 0.
            (QueryResults::Solutions(mut rows), Some(QueryForm::Ask)) => {
                let first = rows.next().transpose().map_err(|e| err(e.to_string()))?;
                let value = first.and_then(|s| s.values().first().cloned().flatten());
                Ok(QueryResults::Boolean(matches!(
                    value,
                    Some(Term::Literal(l)) if matches!(l.value(), "1" | "true")
                )))
            }
            (results, _) => Ok(results),
        }
    }
}

/// Counts of the geokg data in a remote store.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RemoteStats {
    pub endpoint: String,
    pub documents: u64,
    pub events: u64,
    /// Triples in document graphs.
    pub triples: u64,
    /// Whether the ontology graph holds this binary's ontology.
    pub ontology_current: bool,
}

impl RemoteStore {
    /// A client with default timeouts, no credentials and geokg's predeclared prefixes.
    pub fn new(endpoints: Endpoints) -> RemoteStore {
        RemoteStore {
            endpoints,
            http: HttpClient::default(),
            prefixes: ns::default_prefixes(),
        }
    }

    /// Sends a query (POST, form-encoded) and returns its answer.
    pub fn query(&self, text: &str) -> Result<RemoteResults, RemoteError> {
        let text = with_prefixes(text, &self.prefixes);
        let form = scan(&text).form;
        let accept = match form {
            Some(f) if f.is_graph() => GRAPH_ACCEPT,
            Some(_) => SOLUTIONS_ACCEPT,
            None => "application/sparql-results+json, application/n-triples;q=0.9",
        };
        let url = &self.endpoints.query;
        let body = format!("query={}", percent_encode(&text));
        let r = self.call(
            "POST",
            url,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", accept),
            ],
            body.as_bytes(),
        )?;
        Ok(RemoteResults {
            endpoint: url.text.clone(),
            media_type: r.media_type().unwrap_or_default(),
            form,
            max_rows: r.header("x-sparql-maxrows").and_then(|v| v.parse().ok()),
            body: r.body,
        })
    }

    /// Sends an update (`application/sparql-update`).
    pub fn update(&self, text: &str) -> Result<(), RemoteError> {
        self.update_raw(&with_prefixes(text, &self.prefixes))
    }

    /// Sends an update as is (no prefixes added).
    pub fn update_raw(&self, text: &str) -> Result<(), RemoteError> {
        self.call(
            "POST",
            &self.endpoints.update,
            &[
                ("Content-Type", "application/sparql-update; charset=utf-8"),
                ("Accept", SOLUTIONS_ACCEPT),
            ],
            text.as_bytes(),
        )
        .map(drop)
    }

    /// Runs an ASK query.
    pub fn ask(&self, text: &str) -> Result<bool, RemoteError> {
        let r = self.query(text)?;
        match r.results()? {
            QueryResults::Boolean(b) => Ok(b),
            _ => Err(self.unexpected(&r, "expected a boolean")),
        }
    }

    /// The terms of the first variable of a SELECT, row by row (unbound values left out).
    pub fn select_first(&self, text: &str) -> Result<Vec<Term>, RemoteError> {
        let r = self.query(text)?;
        let QueryResults::Solutions(solutions) = r.results()? else {
            return Err(self.unexpected(&r, "expected solutions"));
        };
        let mut out = Vec::new();
        for s in solutions {
            let s = s.map_err(|e| self.unexpected(&r, &e.to_string()))?;
            if let Some(t) = s.values().first().cloned().flatten() {
                out.push(t);
            }
        }
        Ok(out)
    }

    /// A `SELECT (COUNT(…) AS ?n)` result as a number.
    pub fn count(&self, text: &str) -> Result<u64, RemoteError> {
        let value = self.select_first(text)?;
        match value.first() {
            Some(Term::Literal(l)) => l
                .value()
                .parse()
                .map_err(|_| RemoteError::Local(format!("not a count: {l}"))),
            None => Ok(0),
            Some(t) => Err(RemoteError::Local(format!("not a count: {t}"))),
        }
    }

    /// Which of the document graphs already hold their document node (whole pushes put it last).
    pub fn existing_documents(&self, iris: &[String]) -> Result<HashSet<String>, RemoteError> {
        let mut found = HashSet::new();
        for chunk in iris.chunks(100) {
            let values: String = chunk.iter().map(|i| format!("<{i}> ")).collect();
            let q = format!(
                "SELECT ?g WHERE {{ VALUES ?g {{ {values}}} GRAPH ?g {{ ?g a <{}Document> }} }}",
                ns::GEOKG
            );
            for t in self.select_first(&q)? {
                if let Term::NamedNode(n) = t {
                    found.insert(n.into_string());
                }
            }
        }
        Ok(found)
    }

    /// Replaces a graph with `triples` (Graph Store Protocol PUT, N-Triples).
    pub fn put_graph(&self, graph: &str, triples: &[Triple]) -> Result<(), RemoteError> {
        let gsp = self
            .endpoints
            .gsp
            .as_ref()
            .ok_or_else(|| RemoteError::Local("no Graph Store Protocol endpoint".into()))?;
        let url = gsp.with_param("graph", graph);
        let body = ntriples(triples)?;
        self.call(
            "PUT",
            &url,
            &[("Content-Type", "application/n-triples; charset=utf-8")],
            &body,
        )
        .map(drop)
    }

    /// Counts documents, events and their triples.
    pub fn stats(&self) -> Result<RemoteStats, RemoteError> {
        let doc = format!("?g a <{}Document>", ns::GEOKG);
        Ok(RemoteStats {
            endpoint: self.endpoints.query.text.clone(),
            documents: self.count(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {doc} }} }}"
            ))?,
            events: self.count(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {doc} . ?e a <{}Event> }} }}",
                ns::GEOKG
            ))?,
            triples: self.count(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {doc} . ?s ?p ?o }} }}"
            ))?,
            ontology_current: self.ask(&super::push::ontology_marker_ask())?,
        })
    }

    /// Sends a request; non-2xx responses become [`RemoteError::Status`].
    fn call(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Response, RemoteError> {
        let r = self.http.send(method, url, headers, body)?;
        if (200..300).contains(&r.status) {
            return Ok(r);
        }
        Err(RemoteError::Status {
            endpoint: url.text.clone(),
            status: r.status,
            reason: r.reason,
            body: String::from_utf8_lossy(&r.body).into_owned(),
        })
    }

    fn unexpected(&self, r: &RemoteResults, message: &str) -> RemoteError {
        RemoteError::Results {
            endpoint: r.endpoint.clone(),
            media_type: r.media_type.clone(),
            message: message.to_string(),
        }
    }
}

/// Triples as N-Triples (also valid inside `INSERT DATA`).
pub(super) fn ntriples(triples: &[Triple]) -> Result<Vec<u8>, RemoteError> {
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for t in triples {
        w.serialize_triple(t)
            .map_err(|e| RemoteError::Local(e.to_string()))?;
    }
    let mut out = w.finish().map_err(|e| RemoteError::Local(e.to_string()))?;
    out.flush().map_err(|e| RemoteError::Local(e.to_string()))?;
    Ok(out)
}
