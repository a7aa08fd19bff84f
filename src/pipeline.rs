//! The ingest pipeline: inputs → articles (streamed) → events (in parallel) → quads → store,
//! in batches of whole documents, each batch one transaction.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::time::Instant;

use oxigraph::model::Quad;
use rayon::prelude::*;

use geokg_extract::article::{ArticleError, Format, read_articles};
use geokg_extract::{Article, Date, Event, Extractor};

use crate::graph::iri::{content_hash, document_iri};
use crate::graph::mapping::{CodeIndex, document_quads};
use crate::graph::{GraphError, GraphStore};

/// What to do with a bad input record (a broken JSONL line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OnError {
    /// Stop at the first bad record (documents of earlier batches stay, whole).
    #[default]
    Abort,
    /// Report the bad record on stderr and go on.
    Skip,
}

/// How to read inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Input format; `None` guesses from the file extension (or content, for stdin).
    pub format: Option<Format>,
    /// Publication date for articles that carry none.
    pub date: Option<Date>,
    pub on_error: OnError,
}

/// An error of the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{0}")]
    Input(#[from] ArticleError),
    #[error("{path}: {message}")]
    Open { path: String, message: String },
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("{0}")]
    Output(String),
}

/// Opens an input (`-` is standard input) and decides its format.
pub fn open_input(path: &str, format: Option<Format>) -> Result<(Box<dyn BufRead>, Format), PipelineError> {
    let open_err = |message: String| PipelineError::Open { path: path.to_string(), message };
    if path == "-" {
        let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()));
        let format = match format {
            Some(f) => f,
            None => {
                let head = reader.fill_buf().map_err(|e| open_err(e.to_string()))?;
                Format::sniff(&String::from_utf8_lossy(&head[..head.len().min(512)]))
            }
        };
        return Ok((reader, format));
    }
    let p = Path::new(path);
    if p.is_dir() {
        return Err(open_err("is a directory (give the files inside it, e.g. DIR/*.txt)".into()));
    }
    let file = File::open(p).map_err(|e| open_err(e.to_string()))?;
    let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 16, file));
    let format = match format {
        Some(f) => f,
        None => match Format::from_path(p) {
            Format::Text => {
                let head = reader.fill_buf().map_err(|e| open_err(e.to_string()))?;
                if head.iter().take(512).filter(|b| **b == 0).count() > 8 {
                    return Err(open_err("looks like a binary file, not an article".into()));
                }
                Format::sniff(&String::from_utf8_lossy(&head[..head.len().min(512)]))
            }
            f => f,
        },
    };
    Ok((reader, format))
}

/// Reads every article of the inputs in order, calling `batch` with groups of up to
/// `batch_size` articles.
pub fn read_batches(
    inputs: &[String],
    options: &ReadOptions,
    batch_size: usize,
    mut batch: impl FnMut(Vec<Article>) -> Result<(), PipelineError>,
) -> Result<u64, PipelineError> {
    let mut pending = Vec::with_capacity(batch_size);
    let mut skipped = 0u64;
    for input in inputs {
        let (reader, format) = open_input(input, options.format)?;
        let mut failure: Option<PipelineError> = None;
        read_articles(reader.take(u64::MAX), input, format, options.date, |item| {
            match item {
                Ok(article) => {
                    pending.push(article);
                    if pending.len() >= batch_size {
                        if let Err(e) = batch(std::mem::take(&mut pending)) {
                            failure = Some(e);
                            return false;
                        }
                    }
                }
                Err(e) if options.on_error == OnError::Skip => {
                    eprintln!("warning: skipped {e}");
                    skipped += 1;
                }
                Err(e) => {
                    failure = Some(e.into());
                    return false;
                }
            }
            true
        })?;
        if let Some(e) = failure {
            return Err(e);
        }
    }
    if !pending.is_empty() {
        batch(pending)?;
    }
    Ok(skipped)
}

/// Extracts the events of many articles in parallel, keeping input order.
pub fn extract_all(extractor: &Extractor, articles: &[Article]) -> Vec<Vec<Event>> {
    articles.par_iter().map(|a| extractor.extract(a)).collect()
}

/// What an ingest did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct IngestSummary {
    /// Articles read.
    pub documents: u64,
    /// Articles that were already in the store (unchanged).
    pub unchanged: u64,
    pub events: u64,
    /// Triples written.
    pub triples: u64,
    /// Bad records skipped (`--on-error skip`).
    pub skipped: u64,
    pub seconds: f64,
}

/// Ingests the inputs into the store; each batch of documents is one transaction.
pub fn ingest(
    store: &GraphStore,
    extractor: &Extractor,
    inputs: &[String],
    options: &ReadOptions,
    mut progress: impl FnMut(&IngestSummary),
) -> Result<IngestSummary, PipelineError> {
    store.check_writable()?;
    let started = Instant::now();
    let codes = store.code_index()?;
    let mut summary = IngestSummary::default();
    let skipped = read_batches(inputs, options, 512, |articles| {
        summary.documents += articles.len() as u64;
        let mut fresh = Vec::with_capacity(articles.len());
        let mut seen = std::collections::HashSet::new();
        for article in articles {
            let hash = content_hash(&article);
            let iri = document_iri(&hash);
            if store.has_document(&iri)? || !seen.insert(iri.clone()) {
                summary.unchanged += 1;
            } else {
                fresh.push((article, hash, iri));
            }
        }
        let docs: Vec<(String, Vec<Quad>, usize)> = fresh
            .par_iter()
            .map(|(article, hash, iri)| {
                let events = extractor.extract(article);
                let quads = document_quads(article, hash, &events, &codes);
                (iri.clone(), quads, events.len())
            })
            .collect();
        summary.events += docs.iter().map(|d| d.2 as u64).sum::<u64>();
        summary.triples += docs.iter().map(|d| d.1.len() as u64).sum::<u64>();
        let writes: Vec<(String, Vec<Quad>)> = docs.into_iter().map(|(iri, quads, _)| (iri, quads)).collect();
        store.write_documents(&writes)?;
        summary.seconds = started.elapsed().as_secs_f64();
        progress(&summary);
        Ok(())
    })?;
    summary.skipped = skipped;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The code index of the built-in gazetteer, for mapping events to RDF without a store.
pub fn builtin_code_index() -> Result<CodeIndex, GraphError> {
    let store = GraphStore::open(&crate::graph::OpenOptions::default())?;
    store.code_index()
}
