//! The interactive SPARQL shell (`geokg repl`).
//!
//! On a terminal: line editing with rustyline, a continuation prompt until a statement is
//! complete, persistent de-duplicated history, Tab completion from the store's vocabulary,
//! colours, and Ctrl-C that cancels the running query. With input from a pipe or file: the
//! same statements run without prompts or colours, stopping with an error at the first failure.

mod backend;
mod cancel;
mod commands;
mod complete;
mod errors;
mod explain;
mod helper;
mod highlight;
mod history;
mod keywords;
mod lexer;
mod pager;
mod session;
mod shell;
mod split;
mod vocab;
mod worker;

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use rustyline::Editor;
use rustyline::config::{ColorMode, CompletionType, Config, EditMode};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;

pub use backend::Backend;
use helper::ReplHelper;
use shell::{Flow, Shell};

/// How to start the shell.
#[derive(Debug, Clone, Default)]
pub struct ReplOptions {
    /// Print only results and errors.
    pub quiet: bool,
    /// History file (`--history`, `GEOKG_HISTORY`); empty or `off` disables history.
    pub history: Option<PathBuf>,
    /// Statement timeout in seconds (default: 60 on a terminal, none for scripts; 0: none).
    pub timeout: Option<f64>,
}

/// The prompt, and the continuation prompt (same width).
const PROMPT: &str = "geokg> ";
const CONTINUATION: &str = "  ...> ";

/// Runs the shell on a store until end of input, `.quit` or (scripts) the first error.
pub fn run(backend: Backend, options: ReplOptions) -> Result<()> {
    let interactive = std::io::stdin().is_terminal();
    let timeout = match options.timeout {
        Some(s) if s.is_finite() && s >= 0.0 => (s > 0.0).then(|| Duration::from_secs_f64(s)),
        Some(s) => anyhow::bail!("--timeout must be a number of seconds, not {s}"),
        None => interactive.then(|| Duration::from_secs(60)),
    };
    let shell = Shell::new(backend, interactive, options.quiet, timeout);
    if interactive {
        terminal(shell, &options)
    } else {
        script(shell)
    }
}

/// Reads statements from standard input without prompts; stops at the first error.
fn script(mut shell: Shell) -> Result<()> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut pending = String::new();
    let mut line_base = 0;
    let mut failed = None;
    loop {
        let mut line = String::new();
        let eof = input
            .read_line(&mut line)
            .context("reading standard input")?
            == 0;
        pending.push_str(&line);
        let statements = split::split(&pending, &shell.settings.prefixes.clone());
        let mut cut = pending.len();
        for (i, stmt) in statements.iter().enumerate() {
            if !eof && i + 1 == statements.len() && !stmt.closed {
                cut = stmt.start;
                break;
            }
            match shell.execute(&stmt.text) {
                Ok(Flow::Quit) => return failed.map_or(Ok(()), Err),
                Ok(Flow::Continue) => {}
                Err(e) => {
                    let e = anyhow!("<stdin>:{}: {e}", line_base + stmt.line);
                    if shell.settings.bail {
                        return Err(e);
                    }
                    eprintln!("Error: {e}");
                    failed.get_or_insert(e);
                }
            }
        }
        line_base += pending[..cut].matches('\n').count();
        pending.drain(..cut);
        if eof {
            return failed.map_or(Ok(()), Err);
        }
    }
}

/// The terminal front end.
fn terminal(mut shell: Shell, options: &ReplOptions) -> Result<()> {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let config = Config::builder()
        .history_ignore_dups(true)?
        .max_history_size(10_000)?
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .edit_mode(EditMode::Emacs)
        .color_mode(if color {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .build();
    let mut editor: Editor<ReplHelper, FileHistory> = Editor::with_config(config)?;
    let vocabulary = vocab::load_in_background(shell.backend.clone());
    editor.set_helper(Some(ReplHelper::new(
        vocabulary,
        shell.settings.prefixes.clone(),
        color,
    )));
    let history = history::history_path(options.history.as_deref());
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if path.exists() {
            if let Err(e) = editor.load_history(path) {
                shell.info(&format!(
                    "could not read the history {}: {e}",
                    path.display()
                ));
            }
            history::dedupe(editor.history_mut())?;
        }
    }
    if !shell.quiet {
        banner(&shell, color);
    }
    // Ctrl-C never ends the shell: at the prompt rustyline reads it as a key, while a statement
    // runs it cancels it (cancel.rs), and in between it is ignored.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGINT,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let mut pending = String::new();
    loop {
        if let Some(h) = editor.helper_mut() {
            h.pending.clone_from(&pending);
            h.prefixes.clone_from(&shell.settings.prefixes);
        }
        let prompt = if pending.is_empty() {
            PROMPT
        } else {
            CONTINUATION
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        };
        pending.push_str(&line);
        pending.push('\n');
        let statements = split::split(&pending, &shell.settings.prefixes.clone());
        let cut = match statements.last() {
            Some(last) if !last.finished => last.start,
            _ => pending.len(),
        };
        let entry = pending[..cut].trim_end().to_string();
        let run: Vec<String> = statements
            .into_iter()
            .filter(|s| s.start < cut)
            .map(|s| s.text)
            .collect();
        pending.drain(..cut);
        if !entry.trim().is_empty() {
            remember(&mut editor, history.as_deref(), &entry);
        }
        for text in run {
            match shell.execute(&text) {
                Ok(Flow::Continue) => {}
                Ok(Flow::Quit) => return Ok(()),
                Err(e) => shell.error(&e),
            }
        }
    }
    Ok(())
}

/// Adds an entry to the history and the history file.
fn remember(
    editor: &mut Editor<ReplHelper, FileHistory>,
    path: Option<&std::path::Path>,
    entry: &str,
) {
    let Ok(rewrite) = history::add_unique(editor.history_mut(), entry) else {
        return;
    };
    let Some(path) = path else { return };
    let saved = if rewrite {
        editor.save_history(path)
    } else {
        editor.append_history(path)
    };
    if let Err(e) = saved {
        eprintln!(
            "warning: could not write the history {}: {e}",
            path.display()
        );
    }
}

fn banner(shell: &Shell, color: bool) {
    let (bold, reset) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    // Counting a remote store's documents could take long: the banner names the endpoint only.
    let documents = shell.backend.local().map(|store| {
        let n = store
            .document_count()
            .map_or_else(|_| "?".to_string(), |n| n.to_string());
        format!(": {n} documents")
    });
    eprintln!(
        "{bold}geokg {}{reset} SPARQL shell on {}{}",
        env!("CARGO_PKG_VERSION"),
        shell.backend.location(),
        documents.unwrap_or_default()
    );
    eprintln!("Type .help for help; a statement runs when complete or ended with ;. Ctrl-D quits.");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_have_the_same_width() {
        assert_eq!(PROMPT.len(), CONTINUATION.len());
    }
}
