//! The implementation of each subcommand.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use geokg_extract::article::Format;
use geokg_extract::{Date, Event, Extractor, Lexicon};

use super::args::{
    Cli, Command, EventFormat, GlobalArgs, InputArgs, InputFormat, QueryText, Stage,
};
use crate::graph::io::{self as rdfio, ExportOptions, ImportOptions};
use crate::graph::iri::content_hash;
use crate::graph::mapping::document_quads;
use crate::graph::stats::stats;
use crate::graph::{GraphStore, OpenOptions, ns};
use crate::pipeline::{self, IngestOptions, OnError, ReadOptions};
use crate::query::table::TableOptions;
use crate::query::{self, QueryOptions};

/// Inputs at least this large are ingested through the bulk loader unless `--no-bulk`
/// (`scripts/bench.py` reads this line).
const AUTO_BULK_BYTES: u64 = 8 << 20;

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let g = &cli.global;
    if let Some(remote) = super::remote::remote_store(g)?
        && !matches!(cli.command, Command::Extract { .. } | Command::Diff(_))
    {
        return super::remote::run(g, remote, cli.command);
    }
    match cli.command {
        Command::Ingest {
            input,
            bulk,
            no_bulk,
            batch_docs,
        } => {
            let bulk = bulk
                || (!no_bulk
                    && pipeline::total_input_bytes(&input.files)
                        .is_some_and(|n| n >= AUTO_BULK_BYTES));
            let defaults = if bulk {
                IngestOptions::BULK
            } else {
                IngestOptions::TRANSACTIONS
            };
            let how = IngestOptions {
                batch_docs: batch_docs.unwrap_or(defaults.batch_docs),
                ..defaults
            };
            ingest(g, &input, how)
        }
        Command::Extract {
            files,
            date,
            input_format: input,
            on_error,
            stage: Stage::Tokenize,
            ..
        } => {
            let options = ReadOptions {
                format: input_format(input),
                date: parse_date(date.as_deref())?,
                on_error,
            };
            let c = pipeline::floor::tokenize_only(&files, &options)?;
            println!(
                "{} articles, {} sentences, {} tokens, {} bytes",
                c.articles, c.sentences, c.tokens, c.bytes
            );
            Ok(())
        }
        Command::Extract {
            files,
            date,
            format,
            input_format,
            on_error,
            stage: Stage::Extract,
        } => extract(g, &files, date.as_deref(), format, input_format, on_error),
        Command::Query { text, format } => {
            let store = open_store(g, true)?;
            let q = read_query(&text)?;
            let options = QueryOptions {
                timeout: timeout(&text)?,
                ..QueryOptions::default()
            };
            let _watchdog = super::watchdog::arm(options.timeout);
            let (results, guard) = query::query(&store, &q, &options)
                .map_err(|e| query_error(e, text.file.as_deref()))?;
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            query::format::write_results(
                results,
                &guard,
                format,
                &TableOptions::default(),
                &mut out,
            )
            .map_err(|e| query_error(e, text.file.as_deref()))?;
            out.flush().context("writing results")?;
            Ok(())
        }
        Command::Update {
            text,
            allow_ontology_update,
        } => {
            let store = open_store(g, false)?;
            let q = read_query(&text)?;
            let options = QueryOptions {
                timeout: timeout(&text)?,
                allow_ontology_update,
                ..QueryOptions::default()
            };
            // Counting every quad costs a scan of the store: only with --verbose.
            let before = if g.verbose {
                Some(store.store().len()?)
            } else {
                None
            };
            let started = std::time::Instant::now();
            let watchdog = super::watchdog::arm(options.timeout);
            query::update(&store, &q, &options)
                .map_err(|e| query_error(e, text.file.as_deref()))?;
            drop(watchdog);
            let seconds = started.elapsed().as_secs_f64();
            if let Some(before) = before {
                let after = store.store().len()?;
                eprintln!(
                    "update done in {seconds:.2}s: {after} triples ({:+})",
                    after as i64 - before as i64
                );
            } else if !g.quiet {
                eprintln!("update done in {seconds:.2}s");
            }
            Ok(())
        }
        Command::Repl { history, timeout } => crate::repl::run(
            crate::repl::Backend::Local(std::sync::Arc::new(open_store(g, false)?)),
            crate::repl::ReplOptions {
                quiet: g.quiet,
                history,
                timeout,
            },
        ),
        Command::Export {
            format,
            graph,
            no_ontology,
            canonical,
            output,
        } => {
            if canonical {
                return crate::cli::interop::export_canonical(
                    g,
                    graph.map(expand_graph),
                    no_ontology,
                    output.as_deref(),
                );
            }
            export(g, format, graph, no_ontology, output.as_deref())
        }
        Command::Import {
            files,
            format,
            graph,
            to_gazetteer,
            allow_ontology_update,
            bulk: true,
        } => super::perf::bulk_import(
            g,
            &files,
            format,
            graph.map(expand_graph),
            to_gazetteer,
            allow_ontology_update,
        ),
        Command::Import {
            files,
            format,
            graph,
            to_gazetteer,
            allow_ontology_update,
            bulk: false,
        } => {
            let store = open_store(g, false)?;
            let options = ImportOptions {
                graph: graph.map(expand_graph),
                gazetteer: to_gazetteer,
                allow_ontology_update,
                base_iri: None,
            };
            let before = store.store().len()?;
            for file in &files {
                let fmt = match format {
                    Some(f) => f,
                    None => rdfio::Format::from_path(Path::new(file))
                        .ok_or_else(|| anyhow!("{file}: unknown RDF format (use .ttl .nt .nq .trig .rdf .jsonld, or --format)"))?,
                };
                let reader: Box<dyn Read> = if file == "-" {
                    Box::new(std::io::stdin())
                } else {
                    if Path::new(file).is_dir() {
                        bail!("{file}: is a directory");
                    }
                    Box::new(std::io::BufReader::new(
                        File::open(file).with_context(|| file.clone())?,
                    ))
                };
                let summary = rdfio::import(&store, file, fmt, reader, &options)?;
                if summary.skipped_ontology > 0 && g.verbose {
                    eprintln!(
                        "{file}: left out {} quads of the ontology graph (managed by geokg)",
                        summary.skipped_ontology
                    );
                }
            }
            let after = store.store().len()?;
            if !g.quiet {
                eprintln!(
                    "imported {} file(s): {} triples added, {} in the store",
                    files.len(),
                    after - before.min(after),
                    after
                );
            }
            Ok(())
        }
        Command::Validate(args) => super::interop::validate(g, &args),
        Command::Diff(args) => super::interop::diff(&args),
        Command::Serve(args) => super::interop::serve(g, &args),
        Command::Stats { json, exact } => {
            let store = open_store(g, true)?;
            let s = stats(&store, exact)?;
            // Written with `?`, not println!, so a closed pipe (`| head`) is not a panic.
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?;
            } else {
                let where_ = if g.memory {
                    "(in memory)".to_string()
                } else {
                    g.store.display().to_string()
                };
                writeln!(out, "store          {where_}")?;
                writeln!(out, "documents      {}", s.documents)?;
                writeln!(out, "events         {}", s.events)?;
                writeln!(out, "actors         {}", s.actors_text())?;
                writeln!(out, "triples        {}", s.triples)?;
                writeln!(out, "named graphs   {}", s.named_graphs)?;
                let state = if s.ontology_current {
                    "current"
                } else {
                    "outdated: opened read-only; refreshed on the next write"
                };
                writeln!(
                    out,
                    "ontology       {} triples, version {} ({state})",
                    s.ontology_triples,
                    s.ontology_version.as_deref().unwrap_or("?")
                )?;
                writeln!(out, "size on disk   {}", human_bytes(s.store_bytes))?;
            }
            Ok(())
        }
    }
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// Opens the store the global options name. `read` commands on a missing on-disk store fail
/// instead of creating one, and read a snapshot when the store needs no write and no other
/// process holds it (faster, no lock); otherwise the store opens writable, which brings it up
/// to date or reports who holds it.
pub(super) fn open_store(g: &GlobalArgs, read: bool) -> Result<GraphStore> {
    if g.memory {
        return Ok(GraphStore::open(&OpenOptions::default())?);
    }
    if read && !g.store.exists() {
        bail!(
            "no store at {} (ingest something first, or pass --store PATH / --memory)",
            g.store.display()
        );
    }
    let store = GraphStore::open(&OpenOptions {
        path: Some(g.store.clone()),
        read_only: g.read_only,
        prefer_read_only: read,
    })
    .with_context(|| format!("opening store {}", g.store.display()))?;
    Ok(store)
}

pub(super) fn parse_date(date: Option<&str>) -> Result<Option<Date>> {
    date.map(|d| d.parse::<Date>().map_err(|e| anyhow!("--date: {e}")))
        .transpose()
}

pub(super) fn input_format(f: InputFormat) -> Option<Format> {
    match f {
        InputFormat::Auto => None,
        InputFormat::Text => Some(Format::Text),
        InputFormat::Jsonl => Some(Format::Jsonl),
        InputFormat::Html => Some(Format::Html),
    }
}

/// The extractor with the built-in lexicon plus `--gazetteer` files and, with a store, the
/// gazetteer additions imported into it.
pub(super) fn extractor(g: &GlobalArgs, store: Option<&GraphStore>) -> Result<Extractor> {
    let mut lexicon = Lexicon::builtin().context("loading the built-in lexicon")?;
    if let Some(store) = store {
        let ttl = store.user_gazetteer_turtle()?;
        if !ttl.trim().is_empty() {
            lexicon.add_turtle("store gazetteer", &ttl)?;
        }
    }
    for path in &g.gazetteer {
        let ttl = std::fs::read_to_string(path)
            .with_context(|| format!("--gazetteer {}", path.display()))?;
        lexicon.add_turtle(&path.display().to_string(), &ttl)?;
    }
    Ok(Extractor::new(lexicon))
}

fn ingest(g: &GlobalArgs, input: &InputArgs, how: IngestOptions) -> Result<()> {
    let store = open_store(g, false)?;
    let extractor = extractor(g, Some(&store))?;
    let options = ReadOptions {
        format: input_format(input.format),
        date: parse_date(input.date.as_deref())?,
        on_error: input.on_error,
    };
    let bar = super::perf::ingest_bar(g, &input.files);
    let summary = pipeline::ingest_with(&store, &extractor, &input.files, &options, how, |s| {
        if let Some(b) = &bar {
            super::perf::update_bar(b, s);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    store.flush().ok();
    if !g.quiet {
        eprintln!("{summary}");
    }
    Ok(())
}

fn extract(
    g: &GlobalArgs,
    files: &[String],
    date: Option<&str>,
    format: EventFormat,
    input: InputFormat,
    on_error: OnError,
) -> Result<()> {
    let extractor = extractor(g, None)?;
    let options = ReadOptions {
        format: input_format(input),
        date: parse_date(date)?,
        on_error,
    };
    let codes = match format {
        EventFormat::Turtle | EventFormat::Nquads => Some(pipeline::builtin_code_index()?),
        _ => None,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if format == EventFormat::Tsv {
        writeln!(
            out,
            "doc\tactor\tactor_country\tcode\tlabel\ttarget\ttarget_country\tdate\tnegated\tconfidence"
        )?;
    }
    let mut quads_out = Vec::new();
    let output_error = |e: std::io::Error| pipeline::PipelineError::Output(e.to_string());
    pipeline::read_batches(files, &options, 256, |articles| {
        // Each worker formats the events it extracted; this thread only writes the bytes.
        let rendered = pipeline::extract_rendered(&extractor, &articles, |evs| {
            // JSON events take ~570 bytes (TSV less): one allocation instead of regrowing.
            // Turtle and N-Quads are written from the store below, not here.
            let per_event = if codes.is_none() { 640 } else { 0 };
            let mut bytes = Vec::with_capacity(evs.len() * per_event);
            let written = write_events(&mut bytes, &evs, format).map(|()| bytes);
            (written, if codes.is_some() { evs } else { Vec::new() })
        });
        for (article, (written, evs)) in articles.iter().zip(rendered) {
            out.write_all(&written.map_err(output_error)?)
                .map_err(output_error)?;
            if let Some(codes) = &codes {
                let hash = content_hash(article);
                quads_out.extend(document_quads(article, &hash, &evs, codes));
            }
        }
        Ok(())
    })?;
    if let Some(_codes) = codes {
        let store = GraphStore::open(&OpenOptions::default())?;
        store.write_documents(&group_by_graph(quads_out))?;
        let (fmt, opts) = match format {
            EventFormat::Turtle => (
                rdfio::Format::Turtle,
                ExportOptions {
                    graph: None,
                    without_ontology: true,
                },
            ),
            _ => (
                rdfio::Format::Nquads,
                ExportOptions {
                    graph: None,
                    without_ontology: true,
                },
            ),
        };
        rdfio::export(&store, fmt, &opts, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

/// Writes events as JSON lines or TSV rows (nothing for the RDF formats, written from the
/// store afterwards).
fn write_events(out: &mut Vec<u8>, evs: &[Event], format: EventFormat) -> std::io::Result<()> {
    for e in evs {
        match format {
            EventFormat::Jsonl => {
                e.write_json(out);
                out.push(b'\n');
            }
            EventFormat::Tsv => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.2}",
                tsv(&e.doc),
                tsv(&e.actor.label),
                e.actor.country.as_deref().unwrap_or(""),
                e.action.code,
                tsv(&e.action.label),
                tsv(&e.target.label),
                e.target.country.as_deref().unwrap_or(""),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                e.negated,
                e.confidence
            )?,
            EventFormat::Turtle | EventFormat::Nquads => {}
        }
    }
    Ok(())
}

fn group_by_graph(quads: Vec<oxigraph::model::Quad>) -> Vec<(String, Vec<oxigraph::model::Quad>)> {
    let mut groups: Vec<(String, Vec<oxigraph::model::Quad>)> = Vec::new();
    for q in quads {
        let g = match &q.graph_name {
            oxigraph::model::GraphName::NamedNode(n) => n.as_str().to_string(),
            _ => String::new(),
        };
        match groups.last_mut() {
            Some((name, list)) if *name == g => list.push(q),
            _ => groups.push((g, vec![q])),
        }
    }
    groups
}

fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn export(
    g: &GlobalArgs,
    format: Option<rdfio::Format>,
    graph: Option<String>,
    no_ontology: bool,
    output: Option<&Path>,
) -> Result<()> {
    let store = open_store(g, true)?;
    let graph = graph.map(expand_graph);
    let format = format
        .or_else(|| output.and_then(rdfio::Format::from_path))
        .unwrap_or(if graph.is_some() {
            rdfio::Format::Turtle
        } else {
            rdfio::Format::Trig
        });
    let options = ExportOptions {
        graph,
        without_ontology: no_ontology,
    };
    let n = match output {
        Some(path) => {
            let file = File::create(path).with_context(|| path.display().to_string())?;
            let mut w = BufWriter::new(file);
            let n = rdfio::export(&store, format, &options, &mut w)?;
            w.flush()?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            let n = rdfio::export(&store, format, &options, &mut w)?;
            w.flush()?;
            n
        }
    };
    if g.verbose {
        eprintln!("exported {n} quads");
    }
    Ok(())
}

/// `ontology` and `gazetteer` name the built-in graphs; anything else is an IRI.
pub(super) fn expand_graph(g: String) -> String {
    match g.as_str() {
        "ontology" => ns::ONTOLOGY_GRAPH.to_string(),
        "gazetteer" => crate::graph::store::USER_GAZETTEER_GRAPH.to_string(),
        _ => g,
    }
}

pub(super) fn read_query(text: &QueryText) -> Result<String> {
    match (&text.query, &text.file) {
        (_, Some(path)) => {
            std::fs::read_to_string(path).with_context(|| path.display().to_string())
        }
        (Some(q), None) if q == "-" => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading the query from standard input")?;
            Ok(s)
        }
        (Some(q), None) => Ok(q.clone()),
        (None, None) => bail!("no query given"),
    }
}

pub(super) fn timeout(text: &QueryText) -> Result<Option<Duration>> {
    match text.timeout {
        Some(s) if s.is_finite() && s > 0.0 => Ok(Some(Duration::from_secs_f64(s))),
        Some(s) => bail!("--timeout must be a positive number of seconds, not {s}"),
        None => Ok(None),
    }
}

fn query_error(e: query::QueryError, file: Option<&Path>) -> anyhow::Error {
    let prefix = file
        .map(|f| format!("{}: ", f.display()))
        .unwrap_or_default();
    if let Some(message) = network_refusal(&e.to_string()) {
        return anyhow!("{prefix}{message}");
    }
    match e.caret() {
        Some(caret) => anyhow!("{prefix}{e}\n{caret}"),
        None => anyhow!("{prefix}{e}"),
    }
}

/// Oxigraph is built without its HTTP client: `SERVICE` and `LOAD` fail without any request.
/// Their messages (which suggest a build feature) become a plain statement of the policy.
fn network_refusal(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("The service ") {
        let service = rest.strip_suffix(" is not supported").unwrap_or(rest);
        Some(format!(
            "SERVICE {service} refused: federated queries are disabled (geokg makes no network requests)"
        ))
    } else if message.contains("HTTP client is not available") {
        Some("LOAD refused: loading from IRIs is disabled (geokg makes no network requests); use `geokg import FILE`".into())
    } else {
        None
    }
}
