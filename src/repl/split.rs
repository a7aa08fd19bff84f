//! Statement splitting: where a SPARQL statement ends in typed, pasted or scripted input.
//!
//! A statement ends at a top-level `;`, or at the end of a line where it parses as a complete
//! query or update. In scripts a complete statement still takes the following lines while they
//! extend it (`ORDER BY …` after the closing brace). Lines starting with `.` are dot-commands.

use oxigraph::sparql::SparqlEvaluator;

use super::lexer::{self, Kind};

/// How far a piece of input has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Only spaces and comments.
    Empty,
    /// A dot-command line.
    Command,
    /// Only `PREFIX`/`BASE` declarations.
    Prologue,
    /// Needs more input: open brackets or strings, or the text parses up to its end.
    Incomplete,
    /// A complete query or update.
    Complete,
    /// Invalid before its end: more input cannot fix it.
    Error,
}

/// One statement of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The text, trimmed, without a terminating `;`.
    pub text: String,
    /// 1-based line of the input where it starts.
    pub line: usize,
    /// Byte offset in the input where it starts.
    pub start: usize,
    /// Whether it is finished (complete, invalid, or ended by `;`), as opposed to cut by the end
    /// of the input while it still needed more.
    pub finished: bool,
    /// Whether a `;` ended it (or it is a dot-command line): no later line can extend it.
    pub closed: bool,
}

/// Whether a statement is a query or an update, from its first keyword after the prologue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// SELECT, CONSTRUCT, DESCRIBE, ASK (or unknown: parsed as a query for the error message).
    Query,
    /// INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD, WITH.
    Update,
}

/// The form of a statement.
pub fn form(text: &str) -> Form {
    let tokens = lexer::significant(text);
    let (_, i) = lexer::prologue(text, &tokens);
    let first = tokens
        .get(i)
        .map(|t| t.text(text).to_ascii_uppercase())
        .unwrap_or_default();
    match first.as_str() {
        "INSERT" | "DELETE" | "LOAD" | "CLEAR" | "CREATE" | "DROP" | "COPY" | "MOVE" | "ADD"
        | "WITH" => Form::Update,
        _ => Form::Query,
    }
}

/// Parses a statement with the given predeclared prefixes; the error is the parser's message.
pub fn parse(text: &str, prefixes: &[(String, String)]) -> Result<(), String> {
    let mut evaluator = SparqlEvaluator::new();
    for (p, iri) in prefixes {
        evaluator = evaluator.with_prefix(p, iri).map_err(|e| e.to_string())?;
    }
    match form(text) {
        Form::Query => evaluator
            .parse_query(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Form::Update => evaluator
            .parse_update(text)
            .map(|_| ())
            .map_err(|e| e.to_string()),
    }
}

/// Byte offset of a 1-based `line:column` (column in characters) in `text`.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return start
                + l.char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(l.len(), |(o, _)| o);
        }
        start += l.len();
    }
    text.len()
}

/// The `line:column` of a parser message such as `error at 2:7: expected …`.
pub fn error_position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("error at ")? + 9..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':'))?;
    let mut parts = rest[..end].trim_end_matches(':').split(':');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// Byte offset of the parse error in `text`, if it does not parse.
fn error_offset(text: &str, prefixes: &[(String, String)]) -> Option<usize> {
    let message = parse(text, prefixes).err()?;
    let (l, c) = error_position(&message)?;
    Some(offset_of(text, l, c))
}

/// How far `text` has got.
pub fn status(text: &str, prefixes: &[(String, String)]) -> Status {
    let tokens = lexer::significant(text);
    let Some(last) = tokens.last() else {
        return Status::Empty;
    };
    if text.trim_start().starts_with('.') {
        return Status::Command;
    }
    let (depth, open_string) = lexer::open_state(text);
    if open_string {
        return Status::Incomplete;
    }
    let (_, after_prologue) = lexer::prologue(text, &tokens);
    if after_prologue == tokens.len() && depth <= 0 {
        return if matches!(
            tokens
                .first()
                .map(|t| t.text(text).to_ascii_uppercase())
                .as_deref(),
            Some("PREFIX" | "BASE")
        ) {
            Status::Prologue
        } else {
            Status::Error
        };
    }
    match parse(text, prefixes) {
        Ok(()) => Status::Complete,
        Err(message) => match error_position(&message) {
            Some((l, c)) if offset_of(text, l, c) >= last.end => Status::Incomplete,
            _ => Status::Error,
        },
    }
}

/// Whether `line` begins with a keyword that can only start a statement.
fn starts_statement(line: &str) -> bool {
    let tokens = lexer::significant(line);
    let Some(first) = tokens.first().filter(|t| t.kind == Kind::Word) else {
        return false;
    };
    const STARTS: &[&str] = &[
        "SELECT",
        "CONSTRUCT",
        "DESCRIBE",
        "ASK",
        "PREFIX",
        "BASE",
        "INSERT",
        "DELETE",
        "WITH",
        "LOAD",
        "CLEAR",
        "CREATE",
        "DROP",
        "COPY",
        "MOVE",
        "ADD",
    ];
    STARTS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(first.text(line)))
}

/// Byte offset of the first `;` outside brackets and strings.
fn top_level_semicolon(text: &str) -> Option<usize> {
    let mut depth = 0;
    for t in lexer::tokenize(text) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth -= 1,
            Kind::Semicolon if depth <= 0 => return Some(t.start),
            _ => {}
        }
    }
    None
}

/// Splits input into statements (see the module documentation). The last statement has
/// `finished == false` when the input ended before it did.
pub fn split(src: &str, prefixes: &[(String, String)]) -> Vec<Statement> {
    let mut out = Vec::new();
    // The statement being read: its text, first line and offset in `src`.
    let mut buf = String::new();
    let mut buf_line = 1;
    let mut buf_start = 0;
    // Length of `buf` when it last was complete, and the line after that point.
    let mut best: Option<(usize, usize)> = None;
    let emit = |out: &mut Vec<Statement>,
                text: &str,
                line: usize,
                start: usize,
                finished: bool,
                closed: bool| {
        let leading = text.len() - text.trim_start().len();
        let skipped = text[..leading].matches('\n').count();
        out.push(Statement {
            text: text.trim().to_string(),
            line: line + skipped,
            start: start + leading,
            finished,
            closed,
        });
    };
    let is_blank = |s: &str| lexer::significant(s).is_empty();
    let mut line_start = 0;
    for (idx, line) in src.split_inclusive('\n').enumerate() {
        let line_no = idx + 1;
        let this_line_start = line_start;
        line_start += line.len();
        let command_line = line.trim_start().starts_with('.');
        if command_line && best.is_some_and(|(len, _)| len == buf.len()) {
            // A complete statement followed by a dot-command line.
            emit(&mut out, &buf, buf_line, buf_start, true, true);
            buf.clear();
        }
        if starts_statement(line)
            && best.is_some_and(|(len, _)| len == buf.len())
            && status(&buf, prefixes) == Status::Complete
        {
            // A complete statement followed by a line starting a new one.
            emit(&mut out, &buf, buf_line, buf_start, true, true);
            buf.clear();
        }
        if is_blank(&buf) {
            buf.clear();
            best = None;
            buf_line = line_no;
            buf_start = this_line_start;
            if command_line {
                emit(&mut out, line, line_no, this_line_start, true, true);
                continue;
            }
        }
        buf.push_str(line);
        while let Some(pos) = top_level_semicolon(&buf) {
            let head = buf[..pos].to_string();
            if !is_blank(&head) {
                emit(&mut out, &head, buf_line, buf_start, true, true);
            }
            buf_line += buf[..pos].matches('\n').count();
            buf_start += pos + 1;
            buf = buf[pos + 1..].to_string();
            best = None;
        }
        if is_blank(&buf) {
            continue;
        }
        match status(&buf, prefixes) {
            Status::Complete | Status::Prologue => best = Some((buf.len(), line_no + 1)),
            Status::Incomplete | Status::Empty | Status::Command => {}
            Status::Error => {
                // Where the statement ends: after its last complete point, or before this line
                // when the error is in this line and what precedes it is a closed statement.
                let line_at = buf.len() - line.len();
                let cut = best.take().or_else(|| {
                    let head = &buf[..line_at];
                    let in_this_line = error_offset(&buf, prefixes).is_some_and(|o| o >= line_at);
                    (in_this_line && !is_blank(head) && lexer::open_state(head).0 <= 0)
                        .then_some((line_at, line_no))
                });
                if let Some((len, next_line)) = cut {
                    let head = buf[..len].to_string();
                    emit(&mut out, &head, buf_line, buf_start, true, true);
                    buf = buf[len..].to_string();
                    buf_line = next_line;
                    buf_start += len;
                    match status(&buf, prefixes) {
                        Status::Complete | Status::Prologue => {
                            best = Some((buf.len(), line_no + 1))
                        }
                        Status::Error if lexer::open_state(&buf).0 <= 0 => {
                            emit(&mut out, &buf, buf_line, buf_start, true, true);
                            buf.clear();
                        }
                        _ => {}
                    }
                } else if lexer::open_state(&buf).0 <= 0 {
                    emit(&mut out, &buf, buf_line, buf_start, true, true);
                    buf.clear();
                }
            }
        }
    }
    if !is_blank(&buf) {
        // Still open brackets: wait for them to close even if an error is already certain.
        let finished = match status(&buf, prefixes) {
            Status::Incomplete => false,
            Status::Error => lexer::open_state(&buf).0 <= 0,
            _ => true,
        };
        emit(&mut out, &buf, buf_line, buf_start, finished, false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ns;

    fn texts(src: &str) -> Vec<String> {
        split(src, &ns::default_prefixes())
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn status_of_partial_input() {
        let p = ns::default_prefixes();
        assert_eq!(status("", &p), Status::Empty);
        assert_eq!(status("# just a comment", &p), Status::Empty);
        assert_eq!(status(".mode csv", &p), Status::Command);
        assert_eq!(status("SELECT ?s", &p), Status::Incomplete);
        assert_eq!(status("SELECT ?s WHERE {", &p), Status::Incomplete);
        assert_eq!(
            status("SELECT ?s WHERE { ?s ?p \"open", &p),
            Status::Incomplete
        );
        assert_eq!(
            status("SELECT ?s WHERE { ?s ?p ?o } ORDER BY", &p),
            Status::Incomplete
        );
        assert_eq!(
            status("SELECT ?s WHERE { ?s a geokg:Event }", &p),
            Status::Complete
        );
        assert_eq!(status("PREFIX ex: <http://ex/>", &p), Status::Prologue);
        assert_eq!(status("SELEC ?s WHERE { ?s ?p ?o }", &p), Status::Error);
        assert_eq!(
            status("SELECT ?s WHERE { ?s nope:x ?o }", &p),
            Status::Error
        );
        assert_eq!(
            status("INSERT DATA { <http://a> <http://b> 1 }", &p),
            Status::Complete
        );
        assert_eq!(status("ASK { ?s ?p ?o } # trailing", &p), Status::Complete);
    }

    #[test]
    fn splits_on_semicolons_and_complete_lines() {
        assert_eq!(
            texts("ASK {} ; ASK { ?s ?p ?o };"),
            vec!["ASK {}", "ASK { ?s ?p ?o }"]
        );
        assert_eq!(
            texts("SELECT * WHERE { ?s ?p ?o ; ?q ?r }\n"),
            vec!["SELECT * WHERE { ?s ?p ?o ; ?q ?r }"]
        );
        let script = "# comment\nPREFIX ex: <http://ex/>\nSELECT ?s\nWHERE { ?s ?p ?o }\nORDER BY ?s\nLIMIT 3\n\n.mode csv\nASK { ?s ?p ?o }\nSELECT * { ?s ?p ?o } LIMIT 1\n";
        let stmts = split(script, &ns::default_prefixes());
        let t: Vec<&str> = stmts.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            t,
            vec![
                "PREFIX ex: <http://ex/>\nSELECT ?s\nWHERE { ?s ?p ?o }\nORDER BY ?s\nLIMIT 3",
                ".mode csv",
                "ASK { ?s ?p ?o }",
                "SELECT * { ?s ?p ?o } LIMIT 1"
            ]
        );
        assert_eq!(
            stmts.iter().map(|s| s.line).collect::<Vec<_>>(),
            vec![2, 8, 9, 10]
        );
        for s in &stmts {
            assert!(script[s.start..].starts_with(&s.text), "{s:?}");
        }
        assert!(stmts.iter().all(|s| s.finished));
    }

    #[test]
    fn unfinished_tail_and_errors() {
        let s = split(
            "ASK { ?s ?p ?o }\nSELECT ?s WHERE {\n  ?s ?p ?o\n",
            &ns::default_prefixes(),
        );
        assert_eq!(s.len(), 2);
        assert!(s[0].finished);
        assert!(!s[1].finished);
        let s = split(
            "SELECT ?s WHERE { ?s ?p }\nASK {}\n",
            &ns::default_prefixes(),
        );
        assert_eq!(
            s.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            vec!["SELECT ?s WHERE { ?s ?p }", "ASK {}"]
        );
        let s = split(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }\nASK {}\n",
            &ns::default_prefixes(),
        );
        assert_eq!(s.len(), 2, "{s:?}");
        let s = split("SELEC * { ?s ?p ?o }\nASK {}\n", &ns::default_prefixes());
        assert_eq!(
            s.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
            vec!["SELEC * { ?s ?p ?o }", "ASK {}"]
        );
        assert_eq!(
            texts("ASK { ?s ?p \"a;b\" } ; ASK {}"),
            vec!["ASK { ?s ?p \"a;b\" }", "ASK {}"]
        );
    }

    #[test]
    fn offsets_and_positions() {
        assert_eq!(error_position("error at 2:7: expected x"), Some((2, 7)));
        assert_eq!(error_position("Prefix not found"), None);
        assert_eq!(offset_of("ab\ncd", 2, 2), 4);
        assert_eq!(offset_of("ab\ncd", 3, 1), 5);
    }
}
