//! Query errors with positions.

use std::time::Duration;

use oxigraph::sparql::{CancellationToken, QueryEvaluationError, UpdateEvaluationError};

/// An error parsing or running a query.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// Invalid SPARQL, with the 1-based position when known.
    #[error("syntax error{}: {message}", position(*line, *column))]
    Syntax {
        message: String,
        line: Option<usize>,
        column: Option<usize>,
        source_line: Option<String>,
    },
    /// The query ran past its timeout.
    #[error("query cancelled after the {0:?} timeout")]
    Timeout(Duration),
    /// The query was cancelled (Ctrl-C).
    #[error("query cancelled")]
    Cancelled,
    /// The operation was refused (protected graph, read-only store).
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Other(String),
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" at line {l}, column {c}"),
        _ => String::new(),
    }
}

impl QueryError {
    /// A syntax error from a parser message such as `error at 2:7: expected …`.
    pub fn syntax(query: &str, message: &str) -> QueryError {
        let (line, column, rest) = parse_position(message);
        let source_line = line
            .and_then(|l| query.lines().nth(l.saturating_sub(1)))
            .map(str::to_string);
        QueryError::Syntax {
            message: rest.to_string(),
            line,
            column,
            source_line,
        }
    }

    /// An evaluation error, telling timeouts and cancellations apart.
    pub fn from_evaluation(
        e: QueryEvaluationError,
        timeout: Option<Duration>,
        token: &CancellationToken,
    ) -> QueryError {
        if matches!(e, QueryEvaluationError::Cancelled) || token.is_cancelled() {
            return match timeout {
                Some(t) => QueryError::Timeout(t),
                None => QueryError::Cancelled,
            };
        }
        QueryError::Other(e.to_string())
    }

    /// An update evaluation error.
    pub fn from_update(
        e: UpdateEvaluationError,
        timeout: Option<Duration>,
        token: &CancellationToken,
    ) -> QueryError {
        if token.is_cancelled() {
            return match timeout {
                Some(t) => QueryError::Timeout(t),
                None => QueryError::Cancelled,
            };
        }
        QueryError::Other(e.to_string())
    }

    /// The offending line with a caret under the column, for syntax errors.
    pub fn caret(&self) -> Option<String> {
        match self {
            QueryError::Syntax {
                source_line: Some(src),
                column: Some(c),
                ..
            } => {
                let pad: String = src
                    .chars()
                    .take(c.saturating_sub(1))
                    .map(|ch| if ch == '\t' { '\t' } else { ' ' })
                    .collect();
                Some(format!("{src}\n{pad}^"))
            }
            _ => None,
        }
    }
}

/// Splits `error at L:C: message` (and variants) into its parts; positions are 1-based.
fn parse_position(message: &str) -> (Option<usize>, Option<usize>, &str) {
    let Some(at) = message.find(" at ") else {
        return (None, None, message);
    };
    let after = &message[at + 4..];
    let end = after
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(after.len());
    let pos = after[..end].trim_end_matches(':');
    let mut parts = pos.split(':');
    let line = parts.next().and_then(|s| s.parse::<usize>().ok());
    let column = parts.next().and_then(|s| s.parse::<usize>().ok());
    match (line, column) {
        (Some(l), Some(c)) => {
            let rest = after[end..].trim_start_matches([':', ' ']);
            // Oxigraph reports 0-based columns in some versions and 1-based in others; the
            // message text is used as is and the caret is clamped to the line.
            (
                Some(l.max(1)),
                Some(c.max(1)),
                if rest.is_empty() { message } else { rest },
            )
        }
        _ => (None, None, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_caret() {
        let e = QueryError::syntax(
            "SELECT *\nWHERE { ?s ?p }",
            "error at 2:14: expected an object",
        );
        assert_eq!(
            e.to_string(),
            "syntax error at line 2, column 14: expected an object"
        );
        assert_eq!(
            e.caret().as_deref(),
            Some("WHERE { ?s ?p }\n             ^")
        );
        let plain = QueryError::syntax("x", "something odd");
        assert_eq!(plain.to_string(), "syntax error: something odd");
    }
}
