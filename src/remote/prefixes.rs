//! A light lexical scan of SPARQL text (no full parse, so endpoint-specific extensions pass):
//! the query form, and the prefixes a query uses and declares, so that geokg's predeclared
//! prefixes can be sent as `PREFIX` lines to endpoints that do not know them.

use std::collections::BTreeSet;

/// The form of a query, from its first keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    Select,
    Ask,
    Construct,
    Describe,
}

impl QueryForm {
    /// Whether results are RDF triples (CONSTRUCT, DESCRIBE).
    pub fn is_graph(self) -> bool {
        matches!(self, QueryForm::Construct | QueryForm::Describe)
    }
}

/// What [`scan`] found.
#[derive(Debug, Default)]
pub struct Scan {
    /// The query form (`None` for updates or unrecognised text).
    pub form: Option<QueryForm>,
    /// Prefixes used in prefixed names.
    pub used: BTreeSet<String>,
    /// Prefixes declared with `PREFIX`.
    pub declared: BTreeSet<String>,
}

fn is_name(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.') || !c.is_ascii()
}

/// Scans SPARQL text, skipping comments, strings and IRIs.
pub fn scan(text: &str) -> Scan {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Scan::default();
    let mut after_prefix_keyword = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' | '\'' => i = skip_string(&chars, i),
            '<' => {
                let mut j = i + 1;
                while j < chars.len()
                    && !chars[j].is_whitespace()
                    && !matches!(
                        chars[j],
                        '>' | '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\'
                    )
                {
                    j += 1;
                }
                // An IRI reference; otherwise the `<` operator.
                i = if chars.get(j) == Some(&'>') {
                    j + 1
                } else {
                    i + 1
                };
            }
            '?' | '$' => {
                i += 1;
                while i < chars.len() && is_name(chars[i]) {
                    i += 1;
                }
            }
            c if c.is_alphabetic() || c == '_' || !c.is_ascii() => {
                let start = i;
                while i < chars.len() && is_name(chars[i]) {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&':') {
                    let name = word.trim_end_matches('.').to_string();
                    if after_prefix_keyword {
                        out.declared.insert(name);
                    } else if name != "_" {
                        out.used.insert(name);
                    }
                    after_prefix_keyword = false;
                    // The local part (may itself contain `:`).
                    while i < chars.len() && (is_name(chars[i]) || matches!(chars[i], ':' | '%')) {
                        i += 1;
                    }
                    continue;
                }
                after_prefix_keyword = word.eq_ignore_ascii_case("prefix");
                if out.form.is_none() {
                    out.form = match word.to_ascii_lowercase().as_str() {
                        "select" => Some(QueryForm::Select),
                        "ask" => Some(QueryForm::Ask),
                        "construct" => Some(QueryForm::Construct),
                        "describe" => Some(QueryForm::Describe),
                        _ => None,
                    };
                }
            }
            c if c.is_ascii_digit() => {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                    i += 1;
                }
            }
            ':' => {
                // The empty prefix (`:x`, or `PREFIX : <…>`).
                after_prefix_keyword = false;
                i += 1;
                while i < chars.len() && is_name(chars[i]) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// The index just past the string literal starting at `i` (short or long form).
fn skip_string(chars: &[char], i: usize) -> usize {
    let q = chars[i];
    let long = chars.get(i + 1) == Some(&q) && chars.get(i + 2) == Some(&q);
    let mut j = if long { i + 3 } else { i + 1 };
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            c if c == q && !long => return j + 1,
            c if c == q && chars.get(j + 1) == Some(&q) && chars.get(j + 2) == Some(&q) => {
                return j + 3;
            }
            '\n' if !long => return j + 1,
            _ => j += 1,
        }
    }
    j
}

/// `text` with `PREFIX` lines prepended for the `prefixes` it uses but does not declare.
pub fn with_prefixes(text: &str, prefixes: &[(String, String)]) -> String {
    let s = scan(text);
    let mut head = String::new();
    for (p, iri) in prefixes {
        if s.used.contains(p) && !s.declared.contains(p) {
            head.push_str(&format!("PREFIX {p}: <{iri}>\n"));
        }
    }
    head + text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_used_and_declared() {
        let s = scan(
            "PREFIX ex: <http://e/#x>\n# geokg:Comment\nSELECT ?x WHERE { ?x a geokg:Event ; ex:p \"cameo:no\" ; <http://x/skos:no> ?y . FILTER(?y < 3) ?y country:FRA _:b }",
        );
        assert_eq!(s.form, Some(QueryForm::Select));
        assert!(s.declared.contains("ex"));
        let used: Vec<&str> = s.used.iter().map(String::as_str).collect();
        assert_eq!(used, ["country", "ex", "geokg"]);
    }

    #[test]
    fn prepends_only_missing() {
        let prefixes = vec![
            (
                "geokg".to_string(),
                "https://w3id.org/geokg/ns#".to_string(),
            ),
            (
                "skos".to_string(),
                "http://www.w3.org/2004/02/skos/core#".to_string(),
            ),
        ];
        let q = "PREFIX skos: <urn:x#>\nASK { ?a geokg:x ?b ; skos:y ?c }";
        let out = with_prefixes(q, &prefixes);
        assert!(
            out.starts_with("PREFIX geokg: <https://w3id.org/geokg/ns#>\nPREFIX skos: <urn:x#>")
        );
        assert_eq!(scan(&out).form, Some(QueryForm::Ask));
    }
}
