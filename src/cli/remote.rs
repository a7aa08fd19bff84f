//! `--endpoint`: `query`, `update`, `ingest`, `repl` and `stats` against a remote SPARQL store.

use std::io::{BufWriter, Write};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::args::{Command, GlobalArgs};
use super::commands::{extractor, input_format, parse_date, read_query, timeout};
use crate::pipeline::{self, ReadOptions};
use crate::query::TimeoutGuard;
use crate::query::table::TableOptions;
use crate::remote::http::{Credentials, Url};
use crate::remote::{self, Endpoints, PushOptions, RemoteStore};

/// The remote store the global options name, if any (credentials from
/// `GEOKG_ENDPOINT_USER` / `GEOKG_ENDPOINT_PASSWORD`).
pub(super) fn remote_store(g: &GlobalArgs) -> Result<Option<RemoteStore>> {
    let Some(query) = &g.endpoint else {
        if g.update_endpoint.is_some() || g.gsp_endpoint.is_some() || g.push_ontology {
            bail!("--update-endpoint, --gsp-endpoint and --push-ontology need --endpoint URL");
        }
        return Ok(None);
    };
    let query = Url::parse(query)?;
    let update = match &g.update_endpoint {
        Some(u) => Url::parse(u)?,
        None => query.clone(),
    };
    let gsp = g.gsp_endpoint.as_deref().map(Url::parse).transpose()?;
    let mut store = RemoteStore::new(Endpoints { query, update, gsp });
    let user = std::env::var("GEOKG_ENDPOINT_USER").ok();
    let password = std::env::var("GEOKG_ENDPOINT_PASSWORD").ok();
    store.http.credentials = match (user, password) {
        (Some(user), password) => Some(Credentials {
            user,
            password: password.unwrap_or_default(),
        }),
        (None, Some(_)) => bail!("GEOKG_ENDPOINT_PASSWORD is set but GEOKG_ENDPOINT_USER is not"),
        (None, None) => None,
    };
    Ok(Some(store))
}

/// Runs a command against the remote store.
pub(super) fn run(g: &GlobalArgs, remote: RemoteStore, command: Command) -> Result<()> {
    let mut remote = remote;
    match command {
        Command::Query { text, format } => {
            set_timeout(&mut remote, timeout(&text)?);
            let q = read_query(&text)?;
            let answer = remote.query(&q)?;
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let rows = crate::query::format::write_results(
                answer.results()?,
                &TimeoutGuard::default(),
                format,
                &TableOptions::default(),
                &mut out,
            )?;
            out.flush().context("writing results")?;
            if let Some(max) = answer.max_rows
                && rows as u64 >= max
            {
                eprintln!(
                    "warning: {} returned {rows} rows, its configured maximum: the results may be cut off",
                    remote.endpoints.query
                );
            }
            Ok(())
        }
        Command::Update { text, .. } => {
            set_timeout(&mut remote, timeout(&text)?);
            remote.update(&read_query(&text)?)?;
            if !g.quiet {
                eprintln!("update done ({})", remote.endpoints.update);
            }
            Ok(())
        }
        Command::Ingest {
            input, batch_docs, ..
        } => {
            let defaults = PushOptions::default();
            let options = PushOptions {
                batch_docs: batch_docs.map_or(defaults.batch_docs, |n| n.min(1000)),
                ..defaults
            };
            if g.push_ontology && remote::push_ontology(&remote, options.chunk_triples)? && !g.quiet
            {
                eprintln!("pushed the ontology graph");
            }
            let extractor = extractor(g, None)?;
            let codes = pipeline::builtin_code_index()?;
            let read = ReadOptions {
                format: input_format(input.format),
                date: parse_date(input.date.as_deref())?,
                on_error: input.on_error,
            };
            let bar = super::perf::ingest_bar(g, &input.files);
            let s = remote::ingest(
                &remote,
                &extractor,
                &codes,
                &input.files,
                &read,
                options,
                |s| {
                    if let Some(b) = &bar {
                        super::perf::update_bar(b, s);
                    }
                },
            )?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            if !g.quiet {
                eprintln!("{s} into {}", remote.endpoints.update);
            }
            Ok(())
        }
        Command::Stats { json, .. } => {
            let s = remote.stats()?;
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?;
            } else {
                writeln!(out, "endpoint       {}", s.endpoint)?;
                writeln!(out, "documents      {}", s.documents)?;
                writeln!(out, "events         {}", s.events)?;
                writeln!(out, "triples        {} (in document graphs)", s.triples)?;
                let state = if s.ontology_current {
                    "current"
                } else {
                    "missing or outdated (ingest --push-ontology)"
                };
                writeln!(out, "ontology       {state}")?;
            }
            Ok(())
        }
        Command::Repl { history, timeout } => crate::repl::run(
            crate::repl::Backend::Remote(std::sync::Arc::new(remote)),
            crate::repl::ReplOptions {
                quiet: g.quiet,
                history,
                timeout,
            },
        ),
        Command::Extract { .. } | Command::Diff(_) => {
            bail!("internal: this command does not use a store")
        }
        _ => bail!(
            "--endpoint works with query, update, ingest, repl and stats; this command needs a local store (--store or --memory)"
        ),
    }
}

fn set_timeout(remote: &mut RemoteStore, t: Option<Duration>) {
    if let Some(t) = t {
        remote.http.io_timeout = t;
    }
}
