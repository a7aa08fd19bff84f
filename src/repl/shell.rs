//! The shell's engine, shared by the terminal and script front ends: runs statements and
//! dot-commands against the store with the session's settings.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use geokg_extract::Extractor;
use oxigraph::sparql::CancellationToken;

use super::backend::Backend;
use super::cancel::SigintWatch;
use super::errors::describe;
use super::lexer;
use super::pager;
use super::session::Settings;
use super::split::{self, Form, Status};
use super::worker::{self, ChunkWriter, Stop};
use crate::query::format::ResultFormat;
use crate::query::{QueryError, QueryOptions};

/// A failed statement or command, with a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

impl Failure {
    /// A failure with this message.
    pub fn new(message: impl Into<String>) -> Failure {
        Failure(message.into())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether to go on after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next statement.
    Continue,
    /// Leave the shell (`.quit`).
    Quit,
}

/// A shell session on a store.
pub struct Shell {
    /// The store (shared with the worker threads that run statements).
    pub backend: Backend,
    /// The session's settings.
    pub settings: Settings,
    /// Whether a person is typing (terminal): Ctrl-C cancels queries, counts and times shown.
    pub interactive: bool,
    /// Print only results and errors.
    pub quiet: bool,
    /// The extractor for `.ingest`, built on first use.
    pub(super) extractor: Option<Extractor>,
    /// The last query run, for `.explain` without a query.
    pub(super) last_query: Option<String>,
    /// Nesting of `.read`.
    read_depth: usize,
}

impl Shell {
    /// A shell on `backend`.
    pub fn new(
        backend: Backend,
        interactive: bool,
        quiet: bool,
        timeout: Option<Duration>,
    ) -> Shell {
        Shell {
            backend,
            settings: Settings::new(interactive, timeout),
            interactive,
            quiet,
            extractor: None,
            last_query: None,
            read_depth: 0,
        }
    }

    /// Runs one statement: a dot-command line, `PREFIX` declarations, a query or an update.
    pub fn execute(&mut self, text: &str) -> Result<Flow, Failure> {
        let text = text.trim();
        if text.starts_with('.') {
            return self.command(text);
        }
        if ["help", "\\?", "\\h"].contains(&text) {
            return self.command(".help");
        }
        if ["quit", "exit", "\\q"].contains(&text) {
            return Ok(Flow::Quit);
        }
        self.sparql(text)?;
        Ok(Flow::Continue)
    }

    /// Runs the statements of `src` (a script or file named `name`); stops at the first error
    /// when `.bail` is on, reporting it with the file and line.
    pub fn run_script(&mut self, src: &str, name: &str) -> Result<Flow, Failure> {
        for stmt in split::split(src, &self.settings.prefixes.clone()) {
            match self.execute(&stmt.text) {
                Ok(Flow::Quit) => return Ok(Flow::Quit),
                Ok(Flow::Continue) => {}
                Err(e) => {
                    let located = Failure(format!("{name}:{}: {e}", stmt.line));
                    if self.settings.bail {
                        return Err(located);
                    }
                    self.error(&located);
                }
            }
        }
        Ok(Flow::Continue)
    }

    /// `.read FILE`.
    pub fn read_file(&mut self, path: &Path) -> Result<Flow, Failure> {
        if self.read_depth >= 16 {
            return Err(Failure::new("too many nested .read commands"));
        }
        let src = std::fs::read_to_string(path)
            .map_err(|e| Failure::new(format!("{}: {e}", path.display())))?;
        self.read_depth += 1;
        let r = self.run_script(&src, &path.display().to_string());
        self.read_depth -= 1;
        r
    }

    /// Starts a Ctrl-C watch for a query in interactive sessions.
    pub(super) fn watch(&self, token: &CancellationToken) -> Option<SigintWatch> {
        if self.interactive {
            SigintWatch::start(token.clone())
        } else {
            None
        }
    }

    fn sparql(&mut self, text: &str) -> Result<(), Failure> {
        let prefixes = self.settings.prefixes.clone();
        let tokens = lexer::significant(text);
        let (declared, _) = lexer::prologue(text, &tokens);
        if split::status(text, &prefixes) == Status::Prologue {
            for (p, iri) in declared {
                self.settings.add_prefix(&p, &iri);
            }
            return Ok(());
        }
        let token = CancellationToken::new();
        let options = QueryOptions {
            prefixes: prefixes.clone(),
            timeout: self.settings.timeout,
            cancel: Some(token.clone()),
            ..QueryOptions::default()
        };
        let to_terminal = self.settings.to_stdout();
        let watch = self.watch(&token);
        let started = Instant::now();
        let form = split::form(text);
        let result = self.run_statement(text, form, options, watch.as_ref(), &token);
        let elapsed = started.elapsed();
        let cancelled = watch.as_ref().is_some_and(SigintWatch::fired);
        drop(watch);
        let rows = match result {
            Ok(rows) => rows,
            Err(_) if cancelled && form == Form::Update && self.backend.local().is_none() => {
                return Err(Failure::new(
                    "update cancelled (Ctrl-C); the endpoint may still apply it",
                ));
            }
            Err(_) if cancelled => return Err(Failure::new("query cancelled (Ctrl-C)")),
            Err(e) => return Err(Failure(describe(&e, text, &prefixes))),
        };
        for (p, iri) in declared {
            self.settings.add_prefix(&p, &iri);
        }
        if form == Form::Query {
            self.last_query = Some(text.to_string());
        }
        let mut status = Vec::new();
        let table_like = matches!(self.settings.mode, ResultFormat::Table);
        match rows {
            Some(n) if self.interactive && (!table_like || !to_terminal) => {
                status.push(format!("{n} {}", if n == 1 { "row" } else { "rows" }))
            }
            None if self.interactive => status.push("OK".to_string()),
            _ => {}
        }
        if self.settings.timer {
            status.push(format!("Run Time: {:.3} s", elapsed.as_secs_f64()));
        }
        if !status.is_empty() {
            self.info(&status.join("  "));
        }
        Ok(())
    }

    /// Runs a query (writing its results) or an update on a worker thread; returns the number
    /// of rows of a query.
    fn run_statement(
        &mut self,
        text: &str,
        form: Form,
        options: QueryOptions,
        watch: Option<&SigintWatch>,
        token: &CancellationToken,
    ) -> Result<Option<usize>, QueryError> {
        let table = self.settings.table();
        let mode = self.settings.mode;
        let timeout = self.settings.timeout;
        let backend = self.backend.clone();
        let text = text.to_string();
        let job = move |w: &mut ChunkWriter<Result<Option<usize>, QueryError>>| match form {
            Form::Query => backend.query(&text, &options, mode, &table, w).map(Some),
            Form::Update => backend.update(&text, &options).map(|()| None),
        };
        let outcome = match form {
            // A local update must not commit behind the prompt's back: wait for it to stop.
            Form::Update => worker::run(
                job,
                &mut std::io::sink(),
                watch,
                token,
                timeout,
                self.backend.local().is_some(),
            ),
            Form::Query if self.interactive && self.settings.pager && self.settings.to_stdout() => {
                match pager::spawn() {
                    Some(mut child) => {
                        let outcome = match child.stdin.take() {
                            Some(mut input) => {
                                worker::run(job, &mut input, watch, token, timeout, false)
                            }
                            None => Err(Stop::Crashed),
                        };
                        let _ = child.wait();
                        match outcome {
                            // Leaving the pager early closes its input: not an error.
                            Err(Stop::OutputFailed(std::io::ErrorKind::BrokenPipe)) => Ok(Ok(None)),
                            other => other,
                        }
                    }
                    None => self
                        .settings
                        .with_writer(|out| worker::run(job, out, watch, token, timeout, false))
                        .map_err(|e| QueryError::Other(e.to_string()))?,
                }
            }
            Form::Query => self
                .settings
                .with_writer(|out| worker::run(job, out, watch, token, timeout, false))
                .map_err(|e| QueryError::Other(e.to_string()))?,
        };
        outcome.unwrap_or_else(|stop| Err(worker::stop_error(stop)))
    }

    /// Runs a built-in query (`.graphs`, `.describe`, …) like a typed one.
    pub(super) fn canned(&mut self, query: &str) -> Result<(), Failure> {
        self.sparql(query)
    }

    /// Writes command output (help, listings) to the results destination.
    pub(super) fn say_out(&mut self, text: &str) {
        let _ = self.settings.with_writer(|w| w.write_all(text.as_bytes()));
    }

    /// A status message on standard error (not in quiet mode).
    pub fn info(&self, message: &str) {
        if !self.quiet {
            let _ = std::io::stdout().flush();
            eprintln!("{message}");
        }
    }

    /// An error message on standard error.
    pub fn error(&self, failure: &Failure) {
        let _ = std::io::stdout().flush();
        eprintln!("Error: {failure}");
    }
}
