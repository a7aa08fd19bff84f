//! Syntax colours for the input line (ANSI; the display width is unchanged).

use super::keywords::is_keyword;
use super::lexer::{Kind, tokenize};

const RESET: &str = "\x1b[0m";
const KEYWORD: &str = "\x1b[1;34m";
const VARIABLE: &str = "\x1b[32m";
const NAME: &str = "\x1b[36m";
const STRING: &str = "\x1b[33m";
const NUMBER: &str = "\x1b[35m";
const COMMENT: &str = "\x1b[90m";
const COMMAND: &str = "\x1b[1m";
/// The style of hints (dim).
pub const HINT: &str = "\x1b[90m";
/// The style of the prompt (bold green).
pub const PROMPT: &str = "\x1b[1;32m";

/// `line` with ANSI colours: keywords, variables, IRIs and prefixed names, literals, comments;
/// for a dot-command line, the command name.
pub fn highlight(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.starts_with('.') {
        let lead = line.len() - trimmed.len();
        let end = trimmed
            .find(char::is_whitespace)
            .map_or(line.len(), |i| lead + i);
        return format!(
            "{}{COMMAND}{}{RESET}{}",
            &line[..lead],
            &line[lead..end],
            &line[end..]
        );
    }
    let mut out = String::with_capacity(line.len() * 2);
    for t in tokenize(line) {
        let text = t.text(line);
        let style = match t.kind {
            Kind::Word if is_keyword(text) => Some(KEYWORD),
            Kind::Variable => Some(VARIABLE),
            Kind::Iri | Kind::PrefixedName => Some(NAME),
            Kind::String { .. } | Kind::LangTag => Some(STRING),
            Kind::Number => Some(NUMBER),
            Kind::Comment => Some(COMMENT),
            _ => None,
        };
        match style {
            Some(s) => {
                out.push_str(s);
                out.push_str(text);
                out.push_str(RESET);
            }
            None => out.push_str(text),
        }
    }
    out
}

/// `s` without ANSI escape sequences.
#[cfg(test)]
pub fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_keep_the_text() {
        for line in [
            "SELECT ?s WHERE { ?s a geokg:Event ; rdfs:label \"x\"@en } # c",
            ".mode csv",
            "  .timer on",
            "'open string",
            "é ∀ <x",
        ] {
            let h = highlight(line);
            assert_eq!(strip_ansi(&h), line);
        }
        assert!(highlight("SELECT ?s").starts_with(KEYWORD));
        assert!(highlight("select ?s").contains(&format!("{VARIABLE}?s{RESET}")));
        assert!(!highlight("notakeyword").contains('\x1b'));
    }
}
