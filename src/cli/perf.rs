//! Throughput helpers of the command line: the ingest progress bar and `import --bulk`.

use std::fs::File;
use std::io::{BufReader, IsTerminal, Read};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use indicatif::{ProgressBar, ProgressStyle};

use super::args::GlobalArgs;
use super::commands::open_store;
use crate::graph::io::{self as rdfio, ImportOptions};
use crate::pipeline::{IngestSummary, total_input_bytes};

/// A progress bar on stderr for an ingest of `inputs`, when stderr is a terminal: bytes read
/// against the total input size with rate and ETA (a spinner when the size is unknown).
pub(super) fn ingest_bar(g: &GlobalArgs, inputs: &[String]) -> Option<ProgressBar> {
    if g.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total_input_bytes(inputs) {
        Some(total) => {
            let b = ProgressBar::new(total);
            let style = ProgressStyle::with_template(
                "{elapsed_precise} {wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
            );
            b.set_style(style.unwrap_or_else(|_| ProgressStyle::default_bar()));
            b
        }
        None => {
            let b = ProgressBar::new_spinner();
            let style = ProgressStyle::with_template("{spinner} {elapsed} {bytes} {msg}");
            b.set_style(style.unwrap_or_else(|_| ProgressStyle::default_spinner()));
            b
        }
    };
    Some(bar)
}

/// Updates the bar from an ingest summary.
pub(super) fn update_bar(bar: &ProgressBar, s: &IngestSummary) {
    let rate = s.documents as f64 / s.seconds.max(1e-9);
    bar.set_position(s.bytes_read);
    bar.set_message(format!(
        "{} docs, {} events, {} triples ({rate:.0} docs/s)",
        s.documents, s.events, s.triples
    ));
}

/// `geokg import --bulk FILE...`.
pub(super) fn bulk_import(
    g: &GlobalArgs,
    files: &[String],
    format: Option<rdfio::Format>,
    graph: Option<String>,
    to_gazetteer: bool,
    allow_ontology_update: bool,
) -> Result<()> {
    let store = open_store(g, false)?;
    let options = ImportOptions {
        graph,
        gazetteer: to_gazetteer,
        allow_ontology_update,
        base_iri: None,
    };
    let mut inputs: Vec<(String, rdfio::Format, Box<dyn Read>)> = Vec::new();
    for file in files {
        let fmt = match format {
            Some(f) => f,
            None => rdfio::Format::from_path(Path::new(file)).ok_or_else(|| {
                anyhow!(
                    "{file}: unknown RDF format (use .ttl .nt .nq .trig .rdf .jsonld, or --format)"
                )
            })?,
        };
        let reader: Box<dyn Read> = if file == "-" {
            Box::new(std::io::stdin())
        } else {
            if Path::new(file).is_dir() {
                bail!("{file}: is a directory");
            }
            Box::new(BufReader::with_capacity(
                1 << 16,
                File::open(file).with_context(|| file.clone())?,
            ))
        };
        inputs.push((file.clone(), fmt, reader));
    }
    let started = std::time::Instant::now();
    let summary = rdfio::bulk_import(&store, inputs, &options)?;
    store.flush().ok();
    if summary.skipped_ontology > 0 && g.verbose {
        eprintln!(
            "left out {} quads of the ontology graph (managed by geokg)",
            summary.skipped_ontology
        );
    }
    if !g.quiet {
        eprintln!(
            "bulk-imported {} file(s) in {:.2}s: {} triples in the store",
            files.len(),
            started.elapsed().as_secs_f64(),
            summary.quads_in_store
        );
    }
    Ok(())
}
