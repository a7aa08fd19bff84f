//! Error messages for people: the offending line with a caret, a short list of what was
//! expected, and the closest known prefix for an unknown one.

use crate::query::QueryError;

use super::lexer::{self, Kind};

/// The message for a failed statement: first line, then the caret lines and hints.
pub fn describe(e: &QueryError, text: &str, prefixes: &[(String, String)]) -> String {
    match e {
        QueryError::Syntax {
            message,
            line,
            column,
            ..
        } => {
            let mut out = String::from("syntax error");
            if let (Some(l), Some(c)) = (line, column) {
                out.push_str(&format!(" at line {l}, column {c}"));
            }
            let unknown = unknown_prefixes(text, prefixes);
            if message.contains("Prefix not found") && !unknown.is_empty() {
                out.push_str(&format!(": unknown prefix `{}:`", unknown[0]));
            } else {
                out.push_str(&format!(": {}", shorten_expected(message)));
            }
            if let Some(caret) = e.caret() {
                out.push('\n');
                out.push_str(&caret);
            }
            if let Some(p) = unknown.first() {
                out.push_str(&format!("\nhint: {}", prefix_hint(p, prefixes)));
            }
            out
        }
        QueryError::Timeout(d) => format!(
            "query cancelled after the {}s timeout (change it with .timeout SECONDS, 0 for none)",
            d.as_secs_f64()
        ),
        other => other.to_string(),
    }
}

/// The hint for an unknown prefix: the closest known one, and how to declare it.
pub fn prefix_hint(unknown: &str, prefixes: &[(String, String)]) -> String {
    match closest(unknown, prefixes.iter().map(|(p, _)| p.as_str())) {
        Some(best) => {
            format!("did you mean `{best}:`? (declare new prefixes with .prefix {unknown} <IRI>)")
        }
        None => format!(
            "declare it with .prefix {unknown} <IRI> or a PREFIX line; .prefixes lists the known ones"
        ),
    }
}

/// Prefixes used in `text` that neither the session nor the text itself declares.
pub fn unknown_prefixes(text: &str, prefixes: &[(String, String)]) -> Vec<String> {
    let tokens = lexer::significant(text);
    let declared: Vec<String> = tokens
        .windows(2)
        .filter(|w| {
            w[0].kind == Kind::Word
                && w[0].text(text).eq_ignore_ascii_case("PREFIX")
                && w[1].kind == Kind::PrefixedName
        })
        .map(|w| w[1].text(text).trim_end_matches(':').to_string())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for t in tokens.iter().filter(|t| t.kind == Kind::PrefixedName) {
        let Some((p, _)) = t.text(text).split_once(':') else {
            continue;
        };
        if p == "_"
            || declared.iter().any(|d| d == p)
            || prefixes.iter().any(|(k, _)| k == p)
            || out.iter().any(|o| o == p)
        {
            continue;
        }
        out.push(p.to_string());
    }
    out
}

/// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 2).clamp(1, 3);
    candidates
        .map(|c| (distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// `expected one of "a", "b", … (40 more)` cut to a readable length.
fn shorten_expected(message: &str) -> String {
    const SHOWN: usize = 8;
    let Some(i) = message.find("expected one of ") else {
        return message.to_string();
    };
    let (head, list) = message.split_at(i + "expected one of ".len());
    let items: Vec<&str> = list.split(", ").collect();
    if items.len() <= SHOWN {
        return message.to_string();
    }
    format!(
        "{head}{}, … ({} more)",
        items[..SHOWN].join(", "),
        items.len() - SHOWN
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ns;

    #[test]
    fn suggests_the_closest_prefix() {
        let p = ns::default_prefixes();
        assert_eq!(
            unknown_prefixes("SELECT * { ?s a geokgg:Event ; cameo:x ?o }", &p),
            vec!["geokgg"]
        );
        assert!(prefix_hint("geokgg", &p).contains("`geokg:`"));
        assert!(prefix_hint("cuntry", &p).contains("`country:`"));
        assert!(prefix_hint("zzzzzz", &p).contains(".prefixes"));
        assert!(unknown_prefixes("PREFIX ex: <http://x/> SELECT * { ?s ex:p ?o }", &p).is_empty());
    }

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(
            closest("skso", ["skos", "sem", "owl"].into_iter()),
            Some("skos")
        );
    }

    #[test]
    fn describes_syntax_errors_with_caret_and_hint() {
        let p = ns::default_prefixes();
        let q = "SELECT *\nWHERE { ?s a geokgg:Event }";
        let e = QueryError::syntax(q, "error at 2:14: expected one of Prefix not found");
        let msg = describe(&e, q, &p);
        assert!(
            msg.starts_with("syntax error at line 2, column 14: unknown prefix `geokgg:`"),
            "{msg}"
        );
        assert!(
            msg.contains("WHERE { ?s a geokgg:Event }\n             ^"),
            "{msg}"
        );
        assert!(msg.contains("did you mean `geokg:`"), "{msg}");
        let long = (0..20)
            .map(|i| format!("\"k{i}\""))
            .collect::<Vec<_>>()
            .join(", ");
        assert!(shorten_expected(&format!("expected one of {long}")).ends_with("(12 more)"));
    }
}
