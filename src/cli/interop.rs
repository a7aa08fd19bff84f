//! Interoperability commands: canonical export, dataset comparison, SHACL validation, serve.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};

use super::args::GlobalArgs;
use super::commands::open_store;
use crate::graph::canonical;
use crate::graph::io::{self as rdfio, ExportOptions, Format, ImportOptions};
use crate::graph::shacl::Shapes;
use crate::graph::{GraphStore, OpenOptions};
use crate::serve::{ServeOptions, Server};

/// `export --canonical`: RDFC-1.0 canonical N-Quads.
pub fn export_canonical(
    g: &GlobalArgs,
    graph: Option<String>,
    no_ontology: bool,
    output: Option<&Path>,
) -> Result<()> {
    let store = open_store(g, true)?;
    let options = ExportOptions {
        graph,
        without_ontology: no_ontology,
    };
    let start = std::time::Instant::now();
    match output {
        Some(path) => {
            let file = File::create(path).with_context(|| path.display().to_string())?;
            let mut w = BufWriter::new(file);
            canonical::export_canonical(&store, &options, &mut w)?;
            w.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            canonical::export_canonical(&store, &options, &mut w)?;
            w.flush()?;
        }
    }
    if g.verbose {
        eprintln!("canonical export in {:.2}s", start.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// RDF files to validate instead of the store (loaded with the ontology into a scratch store).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// SHACL shapes (Turtle); default: the built-in ontology/shapes.ttl.
    #[arg(long, value_name = "FILE.ttl")]
    pub shapes: Option<PathBuf>,
    /// Print the violations as JSON lines.
    #[arg(long)]
    pub json: bool,
    /// Also write a SHACL validation report (sh:ValidationReport, Turtle) to this file.
    #[arg(long, value_name = "FILE.ttl")]
    pub report: Option<PathBuf>,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// First RDF file (format from the extension).
    pub a: PathBuf,
    /// Second RDF file.
    pub b: PathBuf,
}

/// Arguments of `serve` (`--read-only` is the global option: it opens the store read-only
/// and refuses updates).
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (`127.0.0.1:0` picks a free port; the first line on stderr says which).
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "HOST:PORT")]
    pub bind: String,
    /// Cancel queries and updates after this many seconds (0 = never).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Return at most N solutions (or triples) per query (headers X-SPARQL-MaxRows, X-GeoKG-Truncated).
    #[arg(long, value_name = "N")]
    pub max_results: Option<usize>,
    /// Worker threads.
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub threads: usize,
}

fn format_of(path: &Path) -> Result<Format> {
    Format::from_path(path).ok_or_else(|| {
        anyhow!(
            "{}: unknown RDF format (use .ttl .nt .nq .trig .rdf .jsonld)",
            path.display()
        )
    })
}

/// `validate`: SHACL shapes against the store or files; an error when anything violates them.
pub fn validate(g: &GlobalArgs, args: &ValidateArgs) -> Result<()> {
    let shapes = match &args.shapes {
        Some(path) => Shapes::from_turtle(
            &path.display().to_string(),
            &std::fs::read_to_string(path).with_context(|| path.display().to_string())?,
        )?,
        None => Shapes::builtin()?,
    };
    let store = if args.files.is_empty() {
        open_store(g, true)?
    } else {
        let store = GraphStore::open(&OpenOptions::default())?;
        for file in &args.files {
            let reader = std::io::BufReader::new(
                File::open(file).with_context(|| file.display().to_string())?,
            );
            rdfio::import(
                &store,
                &file.display().to_string(),
                format_of(file)?,
                reader,
                &ImportOptions::default(),
            )?;
        }
        store
    };
    let violations = shapes.validate(&store)?;
    if let Some(path) = &args.report {
        std::fs::write(path, crate::graph::shacl::report_turtle(&violations))
            .with_context(|| path.display().to_string())?;
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for v in &violations {
        if args.json {
            serde_json::to_writer(&mut out, v)?;
            writeln!(out)?;
        } else {
            let value = v
                .value
                .as_deref()
                .map(|x| format!(" value {x}"))
                .unwrap_or_default();
            writeln!(
                out,
                "{} <{}>{value}: {} ({}, shape {})",
                v.focus, v.path, v.message, v.component, v.shape
            )?;
        }
    }
    out.flush()?;
    if violations.is_empty() {
        if !g.quiet {
            eprintln!("conforms: {} constraint checks passed", shapes.len());
        }
        Ok(())
    } else {
        bail!("does not conform: {} violation(s)", violations.len())
    }
}

/// `diff`: isomorphism of two RDF files.
pub fn diff(args: &DiffArgs) -> Result<()> {
    let read = |p: &Path| -> Result<String> {
        let data = std::fs::read(p).with_context(|| p.display().to_string())?;
        canonical::to_nquads(format_of(p)?, &data).with_context(|| p.display().to_string())
    };
    let (a, b) = (read(&args.a)?, read(&args.b)?);
    if canonical::isomorphic(&a, &b)? {
        eprintln!(
            "isomorphic: {} and {} hold the same dataset",
            args.a.display(),
            args.b.display()
        );
        Ok(())
    } else {
        bail!(
            "{} and {} differ ({} vs {} quads)",
            args.a.display(),
            args.b.display(),
            a.lines().count(),
            b.lines().count()
        )
    }
}

/// `serve`: the SPARQL endpoint, until SIGINT or SIGTERM.
pub fn serve(g: &GlobalArgs, args: &ServeArgs) -> Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let store = Arc::new(open_store(g, g.read_only)?);
    let timeout = match args.timeout {
        0.0 => None,
        s if s.is_finite() && s > 0.0 => Some(Duration::from_secs_f64(s)),
        s => bail!("--timeout must be a positive number of seconds (or 0 for none), not {s}"),
    };
    let options = ServeOptions {
        read_only: g.read_only,
        timeout,
        max_results: args.max_results,
        threads: args.threads,
        log: !g.quiet,
        ..ServeOptions::default()
    };
    let server = Server::bind(&args.bind)?;
    let stop = server.shutdown_handle();
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
        .context("installing the signal handlers")?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    });
    eprintln!("listening on http://{}", server.local_addr());
    if !g.quiet {
        eprintln!(
            "  SPARQL query: /query, update: /update{}, graph store: /store",
            if g.read_only {
                " (disabled: read-only)"
            } else {
                ""
            }
        );
    }
    server.run(store.clone(), &options);
    handle.close();
    store.flush().ok();
    if !g.quiet {
        eprintln!("stopped");
    }
    Ok(())
}
