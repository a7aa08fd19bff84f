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
#[command(after_help = "Examples:\n  geokg --store news.db ingest examples/articles/*.txt\n  geokg --store news.db query -f examples/queries/events.rq\n  geokg extract --format jsonl article.txt\n  geokg --store news.db repl")]
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
    #[arg(long, global = true, env = "GEOKG_STORE", default_value = "geokg.db", value_name = "PATH")]
    pub store: PathBuf,
    /// Use a fresh in-memory store instead (for one-shot runs).
    #[arg(long, global = true, conflicts_with = "read_only")]
    pub memory: bool,
    /// Open the store read-only (queries can run while another process ingests).
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Extra gazetteer entities (Turtle, same vocabulary as ontology/actors.ttl).
    #[arg(long, global = true, value_name = "FILE.ttl")]
    pub gazetteer: Vec<PathBuf>,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail (per-file progress, timings).
    #[arg(short, long, global = true)]
    pub verbose: bool,
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
    #[arg(value_name = "QUERY", required_unless_present = "file", conflicts_with = "file")]
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
    /// Start the interactive SPARQL shell.
    Repl,
    /// Write the store (or one graph) as RDF.
    Export {
        /// Format (default: from the -o extension, else trig for the whole store and turtle for one graph).
        #[arg(long, value_enum)]
        format: Option<RdfFileFormat>,
        /// Only this named graph (a document IRI, or `ontology`).
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
        /// Leave out the ontology graph.
        #[arg(long)]
        no_ontology: bool,
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
    },
    /// Show counts: documents, events, actors, triples, store size.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}
