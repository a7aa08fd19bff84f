//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::graph::io::Format as RdfFileFormat;
use crate::pipeline::OnError;
use crate::query::format::ResultFormat;

/// geokg: news articles to a geopolitical knowledge graph, queried with SPARQL.
///
/// Reads articles (plain text, JSONL, HTML), extracts CAMEO-coded events (who did what to whom,
/// when), stores them as RDF in an embedded Oxigraph store and answers SPARQL queries.
#[derive(Debug, Parser)]
#[command(name = "geokg", version, about, long_about, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  geokg --store news.db ingest examples/articles/*.txt\n  geokg --store news.db query -f examples/queries/events.rq\n  geokg extract --format jsonl article.txt\n  geokg --store news.db repl"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options that apply to every command.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// On-disk store directory (created if missing).
    #[arg(
        long,
        global = true,
        help_heading = "Store options",
        env = "GEOKG_STORE",
        default_value = "geokg.db",
        value_name = "PATH"
    )]
    pub store: PathBuf,
    /// Use a fresh in-memory store instead (for one-shot runs).
    #[arg(
        long,
        global = true,
        help_heading = "Store options",
        conflicts_with = "read_only"
    )]
    pub memory: bool,
    /// Open the store read-only (queries can run while another process ingests).
    #[arg(long, global = true, help_heading = "Store options")]
    pub read_only: bool,
    /// Extra gazetteer entities (Turtle, same vocabulary as ontology/actors.ttl).
    #[arg(
        long,
        global = true,
        help_heading = "Store options",
        value_name = "FILE.ttl"
    )]
    pub gazetteer: Vec<PathBuf>,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (per-file progress, timings).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Remote SPARQL query endpoint (http:// only): query, update, ingest, repl and stats then use
    /// that store instead of a local one. Basic auth from GEOKG_ENDPOINT_USER and
    /// GEOKG_ENDPOINT_PASSWORD.
    #[arg(
        long,
        global = true, help_heading = "Remote store options",
        env = "GEOKG_ENDPOINT",
        value_name = "URL",
        conflicts_with_all = ["memory", "read_only"]
    )]
    pub endpoint: Option<String>,
    /// Remote SPARQL update endpoint (default: the --endpoint URL).
    #[arg(
        long,
        global = true,
        help_heading = "Remote store options",
        env = "GEOKG_UPDATE_ENDPOINT",
        value_name = "URL"
    )]
    pub update_endpoint: Option<String>,
    /// Remote Graph Store Protocol endpoint: `ingest` then replaces each document graph with one
    /// PUT instead of SPARQL updates.
    #[arg(
        long,
        global = true,
        help_heading = "Remote store options",
        env = "GEOKG_GSP_ENDPOINT",
        value_name = "URL"
    )]
    pub gsp_endpoint: Option<String>,
    /// With --endpoint, `ingest` first pushes the ontology graph when the remote lacks this version.
    #[arg(long, global = true, help_heading = "Remote store options")]
    pub push_ontology: bool,
}

/// Input article formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// From the file extension (.jsonl, .html), else sniffed from the content.
    Auto,
    Text,
    Jsonl,
    Html,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    /// One JSON event per line.
    Jsonl,
    /// Tab-separated: doc, actor, actor country, code, label, target, target country, date.
    Tsv,
    /// The events as RDF (Turtle), as `ingest` would store them.
    Turtle,
    /// The events as N-Quads, one graph per document (for bulk loading elsewhere).
    Nquads,
}

/// How far `extract` goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    /// Read, split sentences and tokenise; print only counts (a benchmark floor).
    Tokenize,
    /// Full extraction.
    Extract,
}

/// Options for reading articles.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Articles to read; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<String>,
    /// Publication date for articles without one (YYYY-MM-DD); relative dates resolve against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Input format.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub format: InputFormat,
    /// What to do with a bad record (a broken JSONL line): stop, or report it and go on.
    #[arg(long, value_enum, default_value_t = OnError::Abort)]
    pub on_error: OnError,
}

/// Where a query comes from.
#[derive(Debug, Args)]
pub struct QueryText {
    /// The query text, or `-` to read it from standard input.
    #[arg(
        value_name = "QUERY",
        required_unless_present = "file",
        conflicts_with = "file"
    )]
    pub query: Option<String>,
    /// Read the query from a file.
    #[arg(short, long, value_name = "FILE.rq")]
    pub file: Option<PathBuf>,
    /// Cancel the query after this many seconds.
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract events from articles and store them (one named graph per document).
    ///
    /// Ingesting the same article again changes nothing (documents are identified by a hash
    /// of their text). Prints a one-line summary.
    Ingest {
        #[command(flatten)]
        input: InputArgs,
        /// Write through Oxigraph's bulk loader, committing whole documents at doubling
        /// intervals (after ~250k triples, then whenever as many wait as are committed, up to
        /// 16M): several times faster. The default for inputs of 8 MiB or more.
        #[arg(long, conflicts_with = "no_bulk")]
        bulk: bool,
        /// Write one transaction per batch of documents even for large inputs.
        #[arg(long)]
        no_bulk: bool,
        /// Documents per batch: one transaction each (default 512), or one hand-over to the
        /// bulk loader (default 256).
        #[arg(long, hide = true, value_name = "N")]
        batch_docs: Option<usize>,
    },
    /// Extract events and print them, without a store.
    Extract {
        /// Articles to read; `-` reads standard input.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
        /// Publication date for articles without one (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EventFormat::Jsonl)]
        format: EventFormat,
        /// Input format.
        #[arg(long = "input-format", value_enum, default_value_t = InputFormat::Auto)]
        input_format: InputFormat,
        /// What to do with a bad record.
        #[arg(long, value_enum, default_value_t = OnError::Abort)]
        on_error: OnError,
        /// Stop after this stage; `tokenize` (read, split sentences, tokenise) prints only
        /// counts: the floor extraction is benchmarked against.
        #[arg(long, value_enum, default_value_t = Stage::Extract)]
        stage: Stage,
    },
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).
    ///
    /// The geokg prefixes (geokg:, cameo:, country:, actor:, role:, skos:, …) are predeclared;
    /// the default graph is the union of all graphs.
    Query {
        #[command(flatten)]
        text: QueryText,
        /// Output format (graph results: turtle or ntriples; table shows triples).
        #[arg(long, value_enum, default_value_t = ResultFormat::Table)]
        format: ResultFormat,
    },
    /// Run a SPARQL update (INSERT/DELETE/…) in one transaction.
    Update {
        #[command(flatten)]
        text: QueryText,
        /// Allow the update to change the ontology graph.
        #[arg(long)]
        allow_ontology_update: bool,
    },
    /// Start the interactive SPARQL shell (reads statements from standard input when it is not
    /// a terminal, stopping at the first error).
    Repl {
        /// History file (default: $XDG_DATA_HOME/geokg/history); `off` disables history.
        #[arg(long, env = "GEOKG_HISTORY", value_name = "FILE")]
        history: Option<PathBuf>,
        /// Cancel statements after this many seconds (default: 60 on a terminal; 0: never).
        #[arg(long, value_name = "SECONDS")]
        timeout: Option<f64>,
    },
    /// Write the store (or one graph) as RDF.
    Export {
        /// Format (default: from the -o extension, else trig for the whole store and turtle for one graph).
        #[arg(long, value_enum)]
        format: Option<RdfFileFormat>,
        /// Only this named graph (a document IRI, or `ontology`).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Leave out the ontology graph and the date index (both rebuilt by a geokg store).
        #[arg(long)]
        no_ontology: bool,
        /// Canonical N-Quads (RDFC-1.0): byte-identical for the same knowledge.
        #[arg(long, conflicts_with = "format")]
        canonical: bool,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Load RDF files (format from the extension: .ttl .nt .nq .trig .rdf .jsonld).
    Import {
        /// Files to load; `-` reads standard input (give --format).
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
        /// Format, when the extension does not tell.
        #[arg(long, value_enum)]
        format: Option<RdfFileFormat>,
        /// Named graph for the triples (default: the default graph).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Add the data to the store's gazetteer graph (read by the extractor on later ingests).
        #[arg(long, conflicts_with = "graph")]
        to_gazetteer: bool,
        /// Allow writing into the built-in ontology graph.
        #[arg(long)]
        allow_ontology_update: bool,
        /// Use Oxigraph's bulk loader: much faster for large files, atomic over all the files.
        #[arg(long)]
        bulk: bool,
    },
    /// Check the store (or RDF files) against SHACL shapes (default: ontology/shapes.ttl).
    ///
    /// Exits with status 1 and lists the violations when the data does not conform.
    Validate(super::interop::ValidateArgs),
    /// Tell whether two RDF files hold the same dataset, up to blank-node labels.
    ///
    /// Exits with status 0 when they are isomorphic, 1 when they differ.
    Diff(super::interop::DiffArgs),
    /// Serve the store over HTTP: SPARQL 1.1 Protocol at /query and /update, Graph Store
    /// Protocol at /store.
    Serve(super::interop::ServeArgs),
    /// Show counts: documents, events, actors, triples, store size.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Count every quad instead of summing the counts each document graph records
        /// (slow on big stores; exact even after SPARQL updates edited document graphs).
        #[arg(long)]
        exact: bool,
    },
}
