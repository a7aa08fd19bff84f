//! The ingest pipeline: inputs → articles (streamed) → events (in parallel) → quads → store,
//! in batches of whole documents, each batch one transaction, or for large inputs handed to
//! the bulk loader ([`bulk`]).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use oxigraph::model::Quad;
use rayon::prelude::*;

use geokg_extract::article::{ArticleError, Format, looks_binary, read_articles};
use geokg_extract::{Article, Date, Event, Extractor};

use crate::graph::iri::{content_hash, document_iri};
use crate::graph::mapping::{CodeIndex, document_quads};
use crate::graph::{GraphError, GraphStore};

pub mod bulk;
pub mod floor;

/// What to do with a bad input record (a broken JSONL line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OnError {
    /// Stop at the first bad record (documents of earlier batches stay, whole).
    #[default]
    Abort,
    /// Report the bad record (or unreadable input file) on stderr and go on.
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
    #[error(transparent)]
    Input(#[from] ArticleError),
    #[error("{path}: {message}")]
    Open { path: String, message: String },
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("{0}")]
    Output(String),
}

const BINARY: &str = "looks like a binary file (or UTF-16), not an article in text, JSONL or HTML";

/// Opens an input (`-` is standard input) and decides its format; binary inputs are refused.
pub fn open_input(
    path: &str,
    format: Option<Format>,
) -> Result<(Box<dyn BufRead>, Format), PipelineError> {
    let open_err = |message: String| PipelineError::Open {
        path: path.to_string(),
        message,
    };
    if path == "-" {
        let mut reader: Box<dyn BufRead> =
            Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()));
        if looks_binary(reader.fill_buf().map_err(|e| open_err(e.to_string()))?) {
            return Err(open_err(BINARY.into()));
        }
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
        return Err(open_err(
            "is a directory (give the files inside it, e.g. DIR/*.txt)".into(),
        ));
    }
    let file = File::open(p).map_err(|e| open_err(e.to_string()))?;
    let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 16, file));
    if looks_binary(reader.fill_buf().map_err(|e| open_err(e.to_string()))?) {
        return Err(open_err(BINARY.into()));
    }
    let format = match format {
        Some(f) => f,
        None => match Format::from_path(p) {
            Format::Text => {
                let head = reader.fill_buf().map_err(|e| open_err(e.to_string()))?;
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
    batch: impl FnMut(Vec<Article>) -> Result<(), PipelineError>,
) -> Result<u64, PipelineError> {
    read_batches_counted(inputs, options, batch_size, &AtomicU64::new(0), batch)
}

/// [`read_batches`], adding the number of input bytes consumed so far to `bytes_read`.
///
/// The inputs are read and parsed on a thread of their own, one batch ahead of `batch`, which
/// runs on the calling thread: reading no longer waits for the extraction of the batch before
/// it, nor extraction for reading. Batches reach `batch` in input order; an input error is
/// returned after the whole batches read before it were processed, as when reading in line; an
/// error from `batch` stops the reading.
pub fn read_batches_counted(
    inputs: &[String],
    options: &ReadOptions,
    batch_size: usize,
    bytes_read: &AtomicU64,
    mut batch: impl FnMut(Vec<Article>) -> Result<(), PipelineError>,
) -> Result<u64, PipelineError> {
    std::thread::scope(|scope| {
        // One batch waits in the channel while the reader fills the next.
        let (sender, batches) = std::sync::mpsc::sync_channel::<Vec<Article>>(1);
        let reader = scope.spawn(move || {
            read_batches_in_line(inputs, options, batch_size, bytes_read, |articles| {
                // Fails only when the consumer below has stopped on an error of its own.
                sender
                    .send(articles)
                    .map_err(|_| PipelineError::Output("reading stopped".into()))
            })
        });
        let mut failure = None;
        for articles in batches.iter() {
            if let Err(e) = batch(articles) {
                failure = Some(e);
                break;
            }
        }
        // Unblocks a reader waiting to send, so that it stops.
        drop(batches);
        let read = reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match failure {
            Some(e) => Err(e),
            None => read,
        }
    })
}

/// [`read_batches_counted`] on the calling thread.
fn read_batches_in_line(
    inputs: &[String],
    options: &ReadOptions,
    batch_size: usize,
    bytes_read: &AtomicU64,
    mut batch: impl FnMut(Vec<Article>) -> Result<(), PipelineError>,
) -> Result<u64, PipelineError> {
    let mut pending = Vec::with_capacity(batch_size);
    let mut skipped = 0u64;
    for input in inputs {
        let (reader, format) = match open_input(input, options.format) {
            Ok(opened) => opened,
            Err(e) if options.on_error == OnError::Skip => {
                eprintln!("warning: skipped {e}");
                skipped += 1;
                continue;
            }
            Err(e) => return Err(e),
        };
        let mut failure: Option<PipelineError> = None;
        let reader = CountingReader {
            inner: reader,
            count: bytes_read,
        };
        let read = read_articles(reader, input, format, options.date, |item| {
            match item {
                Ok(article) => {
                    pending.push(article);
                    if pending.len() >= batch_size
                        && let Err(e) = batch(std::mem::take(&mut pending))
                    {
                        failure = Some(e);
                        return false;
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
        });
        match read {
            Err(e) if options.on_error == OnError::Skip => {
                eprintln!("warning: skipped {e}");
                skipped += 1;
            }
            Err(e) => return Err(e.into()),
            Ok(()) => {}
        }
        if let Some(e) = failure {
            return Err(e);
        }
    }
    if !pending.is_empty() {
        batch(pending)?;
    }
    Ok(skipped)
}

/// A reader adding the bytes consumed to a counter (for progress and ETA).
struct CountingReader<'a> {
    inner: Box<dyn BufRead>,
    count: &'a AtomicU64,
}

impl Read for CountingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl BufRead for CountingReader<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.count.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

/// Total size in bytes of the input files (`None` when one is standard input or unreadable).
pub fn total_input_bytes(inputs: &[String]) -> Option<u64> {
    inputs
        .iter()
        .map(|i| {
            if i == "-" {
                None
            } else {
                std::fs::metadata(i).ok().map(|m| m.len())
            }
        })
        .sum()
}

/// Extracts the events of many articles in parallel and hands each article's events to
/// `render` on the worker that extracted them (formatting the output there rather than on one
/// thread after the batch); results in input order.
pub fn extract_rendered<T: Send>(
    extractor: &Extractor,
    articles: &[Article],
    render: impl Fn(Vec<Event>) -> T + Sync,
) -> Vec<T> {
    articles
        .par_iter()
        .map(|a| render(extractor.extract(a)))
        .collect()
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
    /// Input bytes read so far.
    pub bytes_read: u64,
}

impl std::fmt::Display for IngestSummary {
    /// `ingested N docs (U unchanged), E events, T triples in S s, K bad records skipped`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ingested {} docs", self.documents)?;
        if self.unchanged > 0 {
            write!(f, " ({} unchanged)", self.unchanged)?;
        }
        write!(
            f,
            ", {} events, {} triples in {:.2}s",
            self.events, self.triples, self.seconds
        )?;
        if self.skipped > 0 {
            write!(f, ", {} bad records skipped", self.skipped)?;
        }
        Ok(())
    }
}

/// A document ready to write: its graph IRI, its quads and its number of events.
pub type ExtractedDocument = (String, Vec<Quad>, usize);

/// Extracts and maps documents (article, content hash, graph IRI) in parallel, in input order.
pub fn extract_documents<'a>(
    extractor: &Extractor,
    codes: &CodeIndex,
    docs: impl IntoParallelIterator<Item = &'a (Article, String, String)>,
) -> Vec<ExtractedDocument> {
    docs.into_par_iter()
        .map(|(article, hash, iri)| {
            let events = extractor.extract(article);
            let quads = document_quads(article, hash, &events, codes);
            (iri.clone(), quads, events.len())
        })
        .collect()
}

impl IngestSummary {
    /// Adds extracted documents' events and triples.
    pub fn count(&mut self, docs: &[ExtractedDocument]) {
        self.events += docs.iter().map(|d| d.2 as u64).sum::<u64>();
        self.triples += docs.iter().map(|d| d.1.len() as u64).sum::<u64>();
    }
}

/// How `ingest` writes.
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    /// Documents per batch: one transaction each, or one hand-over to the bulk loader.
    pub batch_docs: usize,
    /// Write through Oxigraph's bulk loader, committing whole documents at doubling intervals
    /// (first after `bulk_chunk_quads` quads) instead of one transaction per batch: several
    /// times faster on large corpora.
    pub bulk: bool,
    /// Quads of the first bulk-loader commit; each later one waits for as many as were
    /// committed before (up to `pipeline::bulk::MAX_INTERVAL`).
    pub bulk_chunk_quads: usize,
}

impl IngestOptions {
    /// Transactions of 512 documents.
    pub const TRANSACTIONS: IngestOptions = IngestOptions {
        batch_docs: 512,
        bulk: false,
        bulk_chunk_quads: bulk::BULK_CHUNK,
    };
    /// The bulk loader, handed 256 documents at a time (one loader batch, about 130k quads
    /// of news), committing after 250k quads, then at doubling intervals.
    pub const BULK: IngestOptions = IngestOptions {
        batch_docs: 256,
        bulk: true,
        bulk_chunk_quads: bulk::BULK_CHUNK,
    };
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions::TRANSACTIONS
    }
}

/// Ingests the inputs into the store; each batch of documents is one transaction.
pub fn ingest(
    store: &GraphStore,
    extractor: &Extractor,
    inputs: &[String],
    options: &ReadOptions,
    progress: impl FnMut(&IngestSummary),
) -> Result<IngestSummary, PipelineError> {
    ingest_with(
        store,
        extractor,
        inputs,
        options,
        IngestOptions::default(),
        progress,
    )
}

/// [`ingest`] with explicit batching. Every document's graph lands whole; documents already in
/// the store (same content hash) are left as they are.
pub fn ingest_with(
    store: &GraphStore,
    extractor: &Extractor,
    inputs: &[String],
    options: &ReadOptions,
    how: IngestOptions,
    mut progress: impl FnMut(&IngestSummary),
) -> Result<IngestSummary, PipelineError> {
    store.check_writable()?;
    let started = Instant::now();
    let codes = store.code_index()?;
    let documents_before = if how.bulk { store.document_count()? } else { 0 };
    let mut summary = IngestSummary::default();
    let bytes_read = AtomicU64::new(0);
    // Documents not yet committed (this batch, or the bulk chunk being filled): the store
    // cannot tell about them yet.
    let mut seen = std::collections::HashSet::new();
    let mut bulk = how
        .bulk
        .then(|| bulk::BulkWriter::new(store, how.bulk_chunk_quads));
    let skipped = read_batches_counted(
        inputs,
        options,
        how.batch_docs.max(1),
        &bytes_read,
        |articles| {
            summary.documents += articles.len() as u64;
            let mut fresh = Vec::with_capacity(articles.len());
            if !how.bulk {
                seen.clear();
            }
            for article in articles {
                let hash = content_hash(&article);
                let iri = document_iri(&hash);
                if store.has_document(&iri)? || !seen.insert(iri.clone()) {
                    summary.unchanged += 1;
                } else {
                    fresh.push((article, hash, iri));
                }
            }
            let docs = extract_documents(extractor, &codes, &fresh);
            summary.count(&docs);
            if let Some(bulk) = &mut bulk {
                if bulk.add(docs)? {
                    seen.clear();
                }
            } else {
                let writes: Vec<(String, Vec<Quad>)> = docs
                    .into_iter()
                    .map(|(iri, quads, _)| (iri, quads))
                    .collect();
                store.write_documents(&writes)?;
            }
            summary.seconds = started.elapsed().as_secs_f64();
            summary.bytes_read = bytes_read.load(Ordering::Relaxed);
            progress(&summary);
            Ok(())
        },
    )?;
    if let Some(bulk) = bulk {
        bulk.finish()?;
    }
    if how.bulk && summary.triples > 0 {
        store.compact_after_load(documents_before)?;
    }
    summary.skipped = skipped;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.bytes_read = bytes_read.load(Ordering::Relaxed);
    Ok(summary)
}

/// The code index of the built-in gazetteer, for mapping events to RDF without a store.
pub fn builtin_code_index() -> Result<CodeIndex, GraphError> {
    let store = GraphStore::open(&crate::graph::OpenOptions::default())?;
    store.code_index()
}

#[cfg(test)]
mod read_tests;
