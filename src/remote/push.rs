//! `ingest` into a remote store: extract locally (in parallel), push each document's graph
//! whole, skip documents already there. A second thread pushes while the next batch is
//! extracted.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use rayon::prelude::*;

use geokg_extract::Extractor;

use super::RemoteError;
use super::client::{RemoteStore, ntriples};
use crate::graph::iri::{content_hash, document_iri};
use crate::graph::mapping::CodeIndex;
use crate::graph::ns;
use crate::graph::store::{ONTOLOGY_FILES, ontology_hash};
use crate::pipeline::{
    IngestSummary, PipelineError, ReadOptions, extract_documents, read_batches_counted,
};

/// How `ingest` pushes.
#[derive(Debug, Clone, Copy)]
pub struct PushOptions {
    /// Documents read, checked and extracted together.
    pub batch_docs: usize,
    /// Triples per `INSERT DATA` request (without a Graph Store Protocol endpoint).
    /// Virtuoso refuses requests above roughly 1400.
    pub chunk_triples: usize,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            batch_docs: 512,
            chunk_triples: 500,
        }
    }
}

type Graphs = Vec<(String, Vec<Triple>)>;

/// Ingests the inputs into a remote store; returns what was read and pushed.
pub fn ingest(
    remote: &RemoteStore,
    extractor: &Extractor,
    codes: &CodeIndex,
    inputs: &[String],
    read: &ReadOptions,
    options: PushOptions,
    mut progress: impl FnMut(&IngestSummary),
) -> Result<IngestSummary, RemoteError> {
    let started = Instant::now();
    let bytes_read = AtomicU64::new(0);
    let mut summary = IngestSummary::default();
    let mut seen = HashSet::new();
    let mut failure: Option<RemoteError> = None;
    let (tx, rx) = mpsc::sync_channel::<Graphs>(1);
    std::thread::scope(|scope| {
        let pusher = scope.spawn(move || -> Result<(), RemoteError> {
            for graphs in rx {
                push_graphs(remote, graphs, options.chunk_triples)?;
            }
            Ok(())
        });
        let read_result = read_batches_counted(
            inputs,
            read,
            options.batch_docs.max(1),
            &bytes_read,
            |articles| {
                summary.documents += articles.len() as u64;
                let keyed: Vec<_> = articles
                    .into_iter()
                    .map(|a| {
                        let hash = content_hash(&a);
                        let iri = document_iri(&hash);
                        (a, hash, iri)
                    })
                    .filter(|(_, _, iri)| seen.insert(iri.clone()) || skip(&mut summary))
                    .collect();
                let iris: Vec<String> = keyed.iter().map(|k| k.2.clone()).collect();
                let existing = match remote.existing_documents(&iris) {
                    Ok(found) => found,
                    Err(e) => return Err(stop(&mut failure, e)),
                };
                summary.unchanged += existing.len() as u64;
                let fresh = keyed
                    .par_iter()
                    .filter(|(_, _, iri)| !existing.contains(iri));
                let docs = extract_documents(extractor, codes, fresh);
                summary.count(&docs);
                let graphs: Graphs = docs
                    .into_iter()
                    .map(|(g, quads, _)| (g, quads.into_iter().map(Triple::from).collect()))
                    .collect();
                if tx.send(graphs).is_err() {
                    // The pusher stopped: its error is reported below.
                    return Err(PipelineError::Output("push stopped".into()));
                }
                summary.seconds = started.elapsed().as_secs_f64();
                summary.bytes_read = bytes_read.load(Ordering::Relaxed);
                progress(&summary);
                Ok(())
            },
        );
        drop(tx);
        let pushed = pusher
            .join()
            .unwrap_or_else(|_| Err(RemoteError::Local("the push thread panicked".into())));
        pushed?;
        if let Some(e) = failure.take() {
            return Err(e);
        }
        summary.skipped = read_result?;
        Ok(())
    })?;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.bytes_read = bytes_read.load(Ordering::Relaxed);
    Ok(summary)
}

/// Counts a document repeated within this run as unchanged; never keeps it.
fn skip(summary: &mut IngestSummary) -> bool {
    summary.unchanged += 1;
    false
}

fn stop(slot: &mut Option<RemoteError>, e: RemoteError) -> PipelineError {
    let message = e.to_string();
    *slot = Some(e);
    PipelineError::Output(message)
}

/// Pushes a document graph whole. Its own `rdf:type` triple (what
/// [`RemoteStore::existing_documents`] looks for) goes last, so an interrupted push is redone
/// by the next ingest.
pub fn push_graph(
    remote: &RemoteStore,
    graph: &str,
    triples: Vec<Triple>,
    chunk_triples: usize,
) -> Result<(), RemoteError> {
    replace_graph(remote, graph, &marker_last(graph, triples), chunk_triples)
}

fn marker_last(graph: &str, triples: Vec<Triple>) -> Vec<Triple> {
    let (marker, mut rest): (Vec<Triple>, Vec<Triple>) = triples.into_iter().partition(|t| {
        t.predicate == rdf::TYPE
            && matches!(&t.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == graph)
    });
    rest.extend(marker);
    rest
}

/// Pushes document graphs like [`push_graph`]; without a GSP endpoint, small documents share
/// requests (up to `chunk_triples` triples each) instead of one request per document.
pub fn push_graphs(
    remote: &RemoteStore,
    graphs: Graphs,
    chunk_triples: usize,
) -> Result<(), RemoteError> {
    if remote.endpoints.gsp.is_some() {
        for (graph, triples) in graphs {
            push_graph(remote, &graph, triples, chunk_triples)?;
        }
        return Ok(());
    }
    let mut pack: Graphs = Vec::new();
    let mut size = 0;
    for (graph, triples) in graphs {
        let triples = marker_last(&graph, triples);
        if triples.len() > chunk_triples {
            replace_graph(remote, &graph, &triples, chunk_triples)?;
            continue;
        }
        if size + triples.len() > chunk_triples {
            replace_pack(remote, &std::mem::take(&mut pack))?;
            size = 0;
        }
        size += triples.len();
        pack.push((graph, triples));
    }
    replace_pack(remote, &pack)
}

/// Replaces several whole graphs with one update request.
fn replace_pack(remote: &RemoteStore, pack: &[(String, Vec<Triple>)]) -> Result<(), RemoteError> {
    if pack.is_empty() {
        return Ok(());
    }
    let mut text = String::new();
    for (graph, _) in pack {
        text.push_str(&format!("DROP SILENT GRAPH <{graph}> ;\n"));
    }
    text.push_str("INSERT DATA {\n");
    for (graph, triples) in pack {
        let triples: Vec<Triple> = triples.iter().map(skolemize).collect();
        let data = String::from_utf8(ntriples(&triples)?)
            .map_err(|e| RemoteError::Local(e.to_string()))?;
        text.push_str(&format!("GRAPH <{graph}> {{\n{data}}}\n"));
    }
    text.push('}');
    remote.update_raw(&text)
}

/// Replaces a graph with `triples`, in order: one Graph Store Protocol PUT when the store has
/// a GSP endpoint, else `DROP SILENT GRAPH` then `INSERT DATA` in chunks.
pub fn replace_graph(
    remote: &RemoteStore,
    graph: &str,
    triples: &[Triple],
    chunk_triples: usize,
) -> Result<(), RemoteError> {
    if remote.endpoints.gsp.is_some() {
        return remote.put_graph(graph, triples);
    }
    // `INSERT DATA` may not hold blank nodes (Virtuoso), nor could chunks share them.
    let triples: Vec<Triple> = triples.iter().map(skolemize).collect();
    let mut drop = format!("DROP SILENT GRAPH <{graph}>");
    for chunk in triples.chunks(chunk_triples.max(1)) {
        let data =
            String::from_utf8(ntriples(chunk)?).map_err(|e| RemoteError::Local(e.to_string()))?;
        let head = if drop.is_empty() {
            String::new()
        } else {
            format!("{} ;\n", std::mem::take(&mut drop))
        };
        remote.update_raw(&format!(
            "{head}INSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}"
        ))?;
    }
    if !drop.is_empty() {
        remote.update_raw(&drop)?;
    }
    Ok(())
}

/// Skolem IRIs (RDF 1.1 §3.5) for blank nodes.
const GENID: &str = "https://w3id.org/geokg/.well-known/genid/";

fn skolemize(t: &Triple) -> Triple {
    let subject = match &t.subject {
        NamedOrBlankNode::BlankNode(b) => {
            NamedOrBlankNode::from(NamedNode::new_unchecked(format!("{GENID}{}", b.as_str())))
        }
        s => s.clone(),
    };
    let object = match &t.object {
        Term::BlankNode(b) => {
            Term::from(NamedNode::new_unchecked(format!("{GENID}{}", b.as_str())))
        }
        o => o.clone(),
    };
    Triple::new(subject, t.predicate.clone(), object)
}

/// `ASK` whether the remote ontology graph carries this binary's ontology hash.
pub(super) fn ontology_marker_ask() -> String {
    format!(
        "ASK {{ GRAPH <{0}> {{ <{0}> <{1}ontologyHash> \"{2}\" }} }}",
        ns::ONTOLOGY_GRAPH,
        ns::GEOKG,
        ontology_hash()
    )
}

/// Pushes the built-in ontology into its graph unless the remote already has this version;
/// returns whether it was pushed.
pub fn push_ontology(remote: &RemoteStore, chunk_triples: usize) -> Result<bool, RemoteError> {
    if remote.ask(&ontology_marker_ask())? {
        return Ok(false);
    }
    let mut triples = Vec::new();
    for (name, ttl) in ONTOLOGY_FILES {
        for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(ttl.as_bytes()) {
            let q = q.map_err(|e| RemoteError::Local(format!("ontology/{name}: {e}")))?;
            triples.push(Triple::from(q));
        }
    }
    let graph = NamedNode::new_unchecked(ns::ONTOLOGY_GRAPH);
    // The marker goes last: a partial push is not mistaken for a complete one.
    let marker = Triple::new(
        graph.clone(),
        NamedNode::new_unchecked(format!("{}ontologyHash", ns::GEOKG)),
        Literal::new_simple_literal(ontology_hash()),
    );
    triples.push(marker);
    replace_graph(remote, graph.as_str(), &triples, chunk_triples)?;
    Ok(true)
}
