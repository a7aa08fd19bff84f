//! Tab completion: dot-commands and their arguments, SPARQL keywords and functions, prefixes,
//! prefixed names and IRIs from the store's vocabulary, and the variables of the current query.

use rustyline::completion::{FilenameCompleter, Pair};

use super::commands::COMMANDS;
use super::keywords::{FUNCTIONS, KEYWORDS};
use super::lexer::{self, Kind};
use super::vocab::Vocabulary;
use crate::graph::ns;

/// What completion knows besides the line.
pub struct Context<'a> {
    /// Lines of the statement typed before this one.
    pub pending: &'a str,
    /// The session's prefixes.
    pub prefixes: &'a [(String, String)],
    /// The store's vocabulary, once loaded.
    pub vocabulary: Option<&'a Vocabulary>,
}

/// Output modes offered after `.mode`.
const MODES: &[&str] = &[
    "table", "csv", "tsv", "json", "jsonl", "markdown", "turtle", "ntriples", "xml",
];

/// Candidates for the word before `pos` in `line`: the start of the word and the candidates.
pub fn complete(line: &str, pos: usize, ctx: &Context<'_>) -> (usize, Vec<Pair>) {
    let before = &line[..pos];
    let start = word_start(before);
    let word = &before[start..];
    if ctx.pending.trim().is_empty() && line.trim_start().starts_with('.') {
        let command_end = line
            .trim_start()
            .find(char::is_whitespace)
            .map_or(line.len(), |i| i + line.len() - line.trim_start().len());
        if pos <= command_end {
            let lead = line.len() - line.trim_start().len();
            let typed = &before[lead..];
            return (
                lead,
                COMMANDS
                    .iter()
                    .filter(|c| c.name.starts_with(typed))
                    .map(|c| pair(c.name.to_string()))
                    .collect(),
            );
        }
        let command =
            line.trim_start()[..command_end - (line.len() - line.trim_start().len())].to_string();
        return complete_argument(&command, line, pos, start, word, ctx);
    }
    (
        start,
        sparql_candidates(word, &format!("{}\n{line}", ctx.pending), ctx),
    )
}

fn complete_argument(
    command: &str,
    line: &str,
    pos: usize,
    start: usize,
    word: &str,
    ctx: &Context<'_>,
) -> (usize, Vec<Pair>) {
    let words = |list: &[&str]| -> Vec<Pair> {
        list.iter()
            .filter(|m| m.starts_with(word))
            .map(|m| pair(m.to_string()))
            .collect()
    };
    match command {
        ".mode" => (start, words(MODES)),
        ".headers" | ".timer" | ".bail" => (start, words(&["on", "off"])),
        ".read" | ".ingest" | ".import" | ".export" | ".output" | ".once" => {
            FilenameCompleter::new()
                .complete_path(line, pos)
                .unwrap_or((pos, Vec::new()))
        }
        ".describe" | ".events" => (start, names(word, ctx)),
        ".explain" => (start, sparql_candidates(word, line, ctx)),
        _ => (pos, Vec::new()),
    }
}

fn pair(s: String) -> Pair {
    Pair {
        display: s.clone(),
        replacement: s,
    }
}

/// Byte offset where the word ending at the end of `before` starts.
fn word_start(before: &str) -> usize {
    before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || "{}()[],;\"'=!&|^*+".contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn sparql_candidates(word: &str, query: &str, ctx: &Context<'_>) -> Vec<Pair> {
    if word.is_empty() {
        return Vec::new();
    }
    if word.starts_with('?') || word.starts_with('$') {
        let mut vars: Vec<String> = lexer::significant(query)
            .iter()
            .filter(|t| t.kind == Kind::Variable)
            .map(|t| t.text(query).to_string())
            .filter(|v| v[1..].starts_with(&word[1..]) && v.len() > word.len())
            .map(|v| format!("{}{}", &word[..1], &v[1..]))
            .collect();
        vars.sort();
        vars.dedup();
        return vars.into_iter().map(pair).collect();
    }
    if let Some(partial) = word.strip_prefix('<') {
        let Some(v) = ctx.vocabulary else {
            return Vec::new();
        };
        return v
            .terms
            .keys()
            .filter(|iri| iri.starts_with(partial))
            .map(|iri| pair(format!("<{iri}>")))
            .collect();
    }
    if word.contains(':') {
        return names(word, ctx);
    }
    let lower = word.chars().all(|c| !c.is_uppercase());
    let mut out: Vec<Pair> = KEYWORDS
        .iter()
        .chain(FUNCTIONS)
        .filter(|k| k.len() > 1 && k.to_lowercase().starts_with(&word.to_lowercase()))
        .map(|k| {
            if lower && k.chars().all(|c| !c.is_lowercase()) {
                k.to_lowercase()
            } else {
                k.to_string()
            }
        })
        .map(pair)
        .collect();
    out.extend(
        ctx.prefixes
            .iter()
            .filter(|(p, _)| !p.is_empty() && p.starts_with(word))
            .map(|(p, _)| pair(format!("{p}:"))),
    );
    out
}

/// Prefixed names (and prefixes) starting with `word`, from the vocabulary.
fn names(word: &str, ctx: &Context<'_>) -> Vec<Pair> {
    let Some((prefix, _)) = word.split_once(':') else {
        return ctx
            .prefixes
            .iter()
            .filter(|(p, _)| !p.is_empty() && p.starts_with(word))
            .map(|(p, _)| pair(format!("{p}:")))
            .collect();
    };
    let Some((_, namespace)) = ctx.prefixes.iter().find(|(p, _)| p == prefix) else {
        return Vec::new();
    };
    let Some(v) = ctx.vocabulary else {
        return Vec::new();
    };
    let only_this: Vec<(String, String)> = vec![(prefix.to_string(), namespace.clone())];
    v.terms
        .range(namespace.clone()..)
        .take_while(|(iri, _)| iri.starts_with(namespace.as_str()))
        .filter_map(|(iri, label)| {
            let name = ns::compact(iri, &only_this)?;
            name.starts_with(word).then(|| match label {
                Some(l) => Pair {
                    display: format!("{name} ({})", shorten(l, 32)),
                    replacement: name,
                },
                None => pair(name),
            })
        })
        .collect()
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        let mut v = Vocabulary::default();
        for (iri, label) in [
            (format!("{}Event", ns::GEOKG), None),
            (format!("{}actor", ns::GEOKG), None),
            (format!("{}actorText", ns::GEOKG), None),
            (
                format!("{}042", ns::CAMEO),
                Some("Make a visit".to_string()),
            ),
            (
                format!("{}043", ns::CAMEO),
                Some("Host a visit".to_string()),
            ),
        ] {
            v.terms.insert(iri, label);
        }
        v
    }

    fn replacements(line: &str, pending: &str) -> Vec<String> {
        let prefixes = ns::default_prefixes();
        let v = vocab();
        let ctx = Context {
            pending,
            prefixes: &prefixes,
            vocabulary: Some(&v),
        };
        complete(line, line.len(), &ctx)
            .1
            .into_iter()
            .map(|p| p.replacement)
            .collect()
    }

    #[test]
    fn keywords_prefixes_and_names() {
        assert_eq!(replacements("SEL", ""), vec!["SELECT"]);
        assert_eq!(replacements("sel", ""), vec!["select"]);
        assert!(replacements("SELECT * WHERE { ?s a geo", "").contains(&"geokg:".to_string()));
        assert_eq!(
            replacements("SELECT * WHERE { ?s a geokg:Ev", ""),
            vec!["geokg:Event"]
        );
        assert_eq!(
            replacements("SELECT * WHERE { ?s geokg:actor", ""),
            vec!["geokg:actor", "geokg:actorText"]
        );
        assert_eq!(
            replacements("FILTER(?a = cameo:04", ""),
            vec!["cameo:042", "cameo:043"]
        );
        assert_eq!(
            replacements("{ ?s ?p <https://w3id.org/geokg/cameo/04", "").len(),
            2
        );
    }

    #[test]
    fn labels_are_displayed() {
        let prefixes = ns::default_prefixes();
        let v = vocab();
        let ctx = Context {
            pending: "",
            prefixes: &prefixes,
            vocabulary: Some(&v),
        };
        let (_, c) = complete("cameo:042", 9, &ctx);
        assert_eq!(c[0].display, "cameo:042 (Make a visit)");
    }

    #[test]
    fn variables_of_the_current_query() {
        assert_eq!(
            replacements(
                "  ?ac",
                "SELECT ?actor ?action WHERE {\n ?e geokg:actor ?actor"
            ),
            vec!["?action", "?actor"]
        );
        assert_eq!(
            replacements("ORDER BY $d", "SELECT ?date WHERE { ?e geokg:date ?date }"),
            vec!["$date"]
        );
    }

    #[test]
    fn dot_commands_and_arguments() {
        assert_eq!(replacements(".mo", ""), vec![".mode"]);
        assert_eq!(replacements(".mode c", ""), vec!["csv"]);
        assert_eq!(replacements(".timer o", ""), vec!["on", "off"]);
        assert_eq!(
            replacements(".describe cameo:04", ""),
            vec!["cameo:042", "cameo:043"]
        );
        assert!(
            replacements(".mo", "SELECT").is_empty()
                || !replacements(".mo", "SELECT").contains(&".mode".to_string())
        );
    }
}
