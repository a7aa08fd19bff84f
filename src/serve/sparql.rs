//! SPARQL 1.1 Protocol: `/query` and `/update`.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use tiny_http::{Method, Request};

use super::ServeOptions;
use super::protocol::{Reply, body, header, media_type, negotiate, param, parse_form};
use crate::graph::GraphStore;
use crate::query::{self, QueryError, QueryOptions};

const SOLUTION_TYPES: &[&str] = &[
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
];
const GRAPH_TYPES: &[&str] = &[
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/rdf+xml",
    "text/plain",
];

/// The operation text from GET parameters, a form body or a direct body.
fn operation(
    request: &mut Request,
    params: &[(String, String)],
    name: &str,
    direct: &str,
    limit: usize,
) -> Result<String, Reply> {
    if *request.method() == Method::Get {
        if name == "update" {
            return Err(Reply::text(405, "updates must be POSTed").with("Allow", "POST, OPTIONS"));
        }
        return param(params, name)
            .map(str::to_string)
            .ok_or_else(|| Reply::text(400, format!("missing the '{name}' parameter")));
    }
    if *request.method() != Method::Post {
        return Err(
            Reply::text(405, format!("method {} not allowed", request.method()))
                .with("Allow", "GET, POST, OPTIONS"),
        );
    }
    let content_type = header(request, "Content-Type")
        .map(|c| media_type(&c))
        .unwrap_or_default();
    let data = body(request, limit)?;
    let text =
        String::from_utf8(data).map_err(|_| Reply::text(400, "the request body is not UTF-8"))?;
    if content_type == direct {
        return Ok(text);
    }
    if content_type == "application/x-www-form-urlencoded" {
        let form = parse_form(&text);
        return param(&form, name)
            .map(str::to_string)
            .ok_or_else(|| Reply::text(400, format!("missing the '{name}' form field")));
    }
    Err(Reply::text(
        415,
        format!(
            "unsupported Content-Type '{content_type}': use {direct} or application/x-www-form-urlencoded"
        ),
    ))
}

fn reject_dataset(params: &[(String, String)]) -> Result<(), Reply> {
    for key in [
        "default-graph-uri",
        "named-graph-uri",
        "using-graph-uri",
        "using-named-graph-uri",
    ] {
        if param(params, key).is_some() {
            return Err(Reply::text(
                400,
                format!("'{key}' is not supported; use FROM / FROM NAMED (or USING) in the query"),
            ));
        }
    }
    Ok(())
}

/// Maps a query error to an HTTP status with the message.
pub fn error_reply(e: &QueryError) -> Reply {
    let status = match e {
        QueryError::Syntax { .. } => 400,
        QueryError::Timeout(_) | QueryError::Cancelled => 503,
        QueryError::Refused(_) => 403,
        QueryError::Other(_) => 500,
    };
    let mut msg = e.to_string();
    if let Some(caret) = e.caret() {
        msg = format!("{msg}\n{caret}");
    }
    Reply::text(status, msg)
}

/// `GET|POST /query`.
pub fn handle_query(
    store: &GraphStore,
    options: &ServeOptions,
    request: &mut Request,
    params: &[(String, String)],
) -> Reply {
    let text = match operation(
        request,
        params,
        "query",
        "application/sparql-query",
        options.max_body,
    ) {
        Ok(t) => t,
        Err(r) => return r,
    };
    if let Err(r) = reject_dataset(params) {
        return r;
    }
    let accept = param(params, "format")
        .map(format_alias)
        .or_else(|| header(request, "Accept"));
    let qopts = QueryOptions {
        timeout: options.timeout,
        ..QueryOptions::default()
    };
    let (results, guard) = match query::query(store, &text, &qopts) {
        Ok(r) => r,
        Err(e) => return error_reply(&e),
    };
    let written = match results {
        QueryResults::Solutions(solutions) => {
            let Some(mime) = negotiate(accept.as_deref(), SOLUTION_TYPES) else {
                return Reply::text(
                    406,
                    format!(
                        "cannot produce any of '{}'; offered: {}",
                        accept.unwrap_or_default(),
                        SOLUTION_TYPES.join(", ")
                    ),
                );
            };
            let (format, ct) = results_format(mime);
            let mut ser = match QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
            {
                Ok(s) => s,
                Err(e) => return Reply::text(500, e.to_string()),
            };
            let mut truncated = false;
            for (rows, s) in solutions.enumerate() {
                if options.max_results.is_some_and(|m| rows >= m) {
                    truncated = true;
                    break;
                }
                match s {
                    Ok(s) => {
                        if let Err(e) = ser.serialize(&s) {
                            return Reply::text(500, e.to_string());
                        }
                    }
                    Err(e) => return error_reply(&guard.error(e)),
                }
            }
            ser.finish()
                .map(|body| (Reply::new(200, ct, body), truncated))
                .map_err(|e| e.to_string())
        }
        QueryResults::Boolean(b) => {
            let Some(mime) = negotiate(accept.as_deref(), SOLUTION_TYPES) else {
                return Reply::text(
                    406,
                    format!("cannot produce any of '{}'", accept.unwrap_or_default()),
                );
            };
            let (format, ct) = results_format(mime);
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), b)
                .map(|body| (Reply::new(200, ct, body), false))
                .map_err(|e| e.to_string())
        }
        QueryResults::Graph(triples) => {
            let Some(mime) = negotiate(accept.as_deref(), GRAPH_TYPES) else {
                return Reply::text(
                    406,
                    format!(
                        "cannot produce any of '{}'; offered: {}",
                        accept.unwrap_or_default(),
                        GRAPH_TYPES.join(", ")
                    ),
                );
            };
            let (format, ct) = rdf_format(mime);
            let mut w = crate::graph::io::serializer(format).for_writer(Vec::new());
            let mut truncated = false;
            for (n, t) in triples.enumerate() {
                if options.max_results.is_some_and(|m| n >= m) {
                    truncated = true;
                    break;
                }
                match t {
                    Ok(t) => {
                        if let Err(e) = w.serialize_triple(&t) {
                            return Reply::text(500, e.to_string());
                        }
                    }
                    Err(e) => return error_reply(&guard.error(e)),
                }
            }
            w.finish()
                .map(|body| (Reply::new(200, ct, body), truncated))
                .map_err(|e| e.to_string())
        }
    };
    match written {
        Ok((reply, truncated)) => match options.max_results {
            Some(m) => reply
                .with("X-SPARQL-MaxRows", m.to_string())
                .with("X-GeoKG-Truncated", truncated.to_string()),
            None => reply,
        },
        Err(e) => Reply::text(500, e),
    }
}

/// `POST /update`.
pub fn handle_update(
    store: &GraphStore,
    options: &ServeOptions,
    request: &mut Request,
    params: &[(String, String)],
) -> Reply {
    if options.read_only {
        return Reply::text(403, "this endpoint is read-only (started with --read-only)");
    }
    let text = match operation(
        request,
        params,
        "update",
        "application/sparql-update",
        options.max_body,
    ) {
        Ok(t) => t,
        Err(r) => return r,
    };
    if let Err(r) = reject_dataset(params) {
        return r;
    }
    let qopts = QueryOptions {
        timeout: options.timeout,
        ..QueryOptions::default()
    };
    match query::update(store, &text, &qopts) {
        Ok(()) => Reply::new(204, "text/plain; charset=utf-8", Vec::new()),
        Err(e) => error_reply(&e),
    }
}

/// `?format=json` and friends, as media types.
fn format_alias(f: &str) -> String {
    match f {
        "json" => "application/sparql-results+json",
        "xml" => "application/sparql-results+xml",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "turtle" | "ttl" => "text/turtle",
        "ntriples" | "nt" => "application/n-triples",
        "nquads" | "nq" => "application/n-quads",
        "rdfxml" => "application/rdf+xml",
        other => other,
    }
    .to_string()
}

fn results_format(mime: &str) -> (QueryResultsFormat, &'static str) {
    match mime {
        "application/sparql-results+xml" | "application/xml" | "text/xml" => (
            QueryResultsFormat::Xml,
            "application/sparql-results+xml; charset=utf-8",
        ),
        "text/csv" => (QueryResultsFormat::Csv, "text/csv; charset=utf-8"),
        "text/tab-separated-values" => (
            QueryResultsFormat::Tsv,
            "text/tab-separated-values; charset=utf-8",
        ),
        _ => (
            QueryResultsFormat::Json,
            "application/sparql-results+json; charset=utf-8",
        ),
    }
}

/// The RDF serialization and Content-Type for a negotiated graph media type.
pub fn rdf_format(mime: &str) -> (RdfFormat, &'static str) {
    match mime {
        "application/n-triples" | "text/plain" => {
            (RdfFormat::NTriples, "application/n-triples; charset=utf-8")
        }
        "application/n-quads" => (RdfFormat::NQuads, "application/n-quads; charset=utf-8"),
        "application/rdf+xml" => (RdfFormat::RdfXml, "application/rdf+xml; charset=utf-8"),
        _ => (RdfFormat::Turtle, "text/turtle; charset=utf-8"),
    }
}
