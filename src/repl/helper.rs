//! The rustyline helper: completion, hints, highlighting and multi-line validation.

use std::borrow::Cow;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::commands::COMMANDS;
use super::complete::{self, complete};
use super::highlight::{self, highlight};
use super::split::split;
use super::vocab::SharedVocabulary;

/// State the editor's callbacks need; the shell updates it before each line.
pub struct ReplHelper {
    /// Lines of the current statement typed so far.
    pub pending: String,
    /// The session's prefixes.
    pub prefixes: Vec<(String, String)>,
    /// The store's vocabulary (filled in the background).
    pub vocabulary: SharedVocabulary,
    /// Whether to colour the input.
    pub color: bool,
    history_hints: HistoryHinter,
}

impl ReplHelper {
    /// A helper with the given vocabulary and colour choice.
    pub fn new(
        vocabulary: SharedVocabulary,
        prefixes: Vec<(String, String)>,
        color: bool,
    ) -> ReplHelper {
        ReplHelper {
            pending: String::new(),
            prefixes,
            vocabulary,
            color,
            history_hints: HistoryHinter::new(),
        }
    }
}

/// A hint: what is shown, and what Right-arrow inserts.
pub struct ReplHint {
    display: String,
    completion: Option<String>,
}

impl Hint for ReplHint {
    fn display(&self) -> &str {
        &self.display
    }

    fn completion(&self) -> Option<&str> {
        self.completion.as_deref()
    }
}

/// The hint for a dot-command line: the rest of a uniquely typed name, then its arguments.
pub fn command_hint(line: &str) -> Option<ReplHint> {
    if !line.starts_with('.') {
        return None;
    }
    if let Some(name) = line.strip_suffix(' ') {
        let c = COMMANDS
            .iter()
            .find(|c| c.name == name && !c.args.is_empty())?;
        return Some(ReplHint {
            display: c.args.to_string(),
            completion: None,
        });
    }
    if line.contains(' ') {
        return None;
    }
    let mut matches = COMMANDS.iter().filter(|c| c.name.starts_with(line));
    let c = matches.next()?;
    if matches.next().is_some() {
        return None;
    }
    let rest = &c.name[line.len()..];
    let args = if c.args.is_empty() {
        String::new()
    } else {
        format!(" {}", c.args)
    };
    Some(ReplHint {
        display: format!("{rest}{args}"),
        completion: Some(rest.to_string()),
    })
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let ctx = complete::Context {
            pending: &self.pending,
            prefixes: &self.prefixes,
            vocabulary: self.vocabulary.get(),
        };
        Ok(complete(line, pos, &ctx))
    }
}

impl Hinter for ReplHelper {
    type Hint = ReplHint;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<ReplHint> {
        if pos < line.len() || !self.pending.is_empty() {
            return None;
        }
        if let Some(h) = command_hint(line) {
            return Some(h);
        }
        let h = self.history_hints.hint(line, pos, ctx)?;
        Some(ReplHint {
            display: h.clone(),
            completion: Some(h),
        })
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.color {
            Cow::Owned(highlight(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        if self.color {
            Cow::Owned(format!("{}{prompt}\x1b[0m", highlight::PROMPT))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("{}{hint}\x1b[0m", highlight::HINT))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.color && kind != CmdKind::MoveCursor
    }
}

impl Validator for ReplHelper {
    /// A buffer of several lines (recalled from history or pasted) stays open for editing while
    /// its last statement is incomplete; single lines are always accepted and the shell asks for
    /// more with the continuation prompt.
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        if keeps_editing(&self.pending, ctx.input(), &self.prefixes) {
            return Ok(ValidationResult::Incomplete);
        }
        Ok(ValidationResult::Valid(None))
    }
}

impl Helper for ReplHelper {}

/// Whether Enter should insert a line break instead of submitting: only in a buffer of several
/// lines whose last statement is still incomplete.
pub fn keeps_editing(pending: &str, input: &str, prefixes: &[(String, String)]) -> bool {
    input.contains('\n')
        && split(&format!("{pending}{input}"), prefixes)
            .last()
            .is_some_and(|s| !s.finished)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_submits_single_lines_and_finished_buffers() {
        let p = crate::graph::ns::default_prefixes();
        assert!(
            !keeps_editing("", "SELECT ?s WHERE {", &p),
            "single lines go to the continuation prompt"
        );
        assert!(keeps_editing("", "SELECT ?s\nWHERE {", &p));
        assert!(!keeps_editing("", "SELECT ?s\nWHERE { ?s ?p ?o }", &p));
        assert!(!keeps_editing(
            "",
            "ASK {}\nSELECT * WHERE { ?s ?p ?o }",
            &p
        ));
        assert!(
            !keeps_editing("", "SELEC ?s\nWHERE { ?s ?p ?o }", &p),
            "errors are submitted to be shown"
        );
    }

    #[test]
    fn hints_for_commands() {
        let h = command_hint(".mo").unwrap();
        assert_eq!(h.display(), "de MODE");
        assert_eq!(h.completion(), Some("de"));
        assert_eq!(command_hint(".timer ").unwrap().display(), "on|off");
        assert!(
            command_hint(".e").is_none(),
            "ambiguous: .exit .export .events .explain"
        );
        assert!(command_hint("SELECT").is_none());
        assert!(command_hint(".stats ").is_none());
    }
}
