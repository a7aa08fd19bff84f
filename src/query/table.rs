//! Human-readable rendering of RDF terms and aligned Unicode tables.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term};
use unicode_width::UnicodeWidthStr;

use crate::graph::ns;

/// How to render a table.
#[derive(Debug, Clone)]
pub struct TableOptions {
    /// Prefixes used to shorten IRIs.
    pub prefixes: Vec<(String, String)>,
    /// Widest column, in terminal cells; longer values are cut with `…`.
    pub max_width: usize,
    /// Print at most this many rows (the count still reports all).
    pub max_rows: Option<usize>,
    /// Print the header row.
    pub headers: bool,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            prefixes: ns::default_prefixes(),
            max_width: 60,
            max_rows: None,
            headers: true,
        }
    }
}

/// A compact display form of a term: prefixed names for IRIs, bare values for strings,
/// numbers, dates and booleans, `"v"@lang` / `"v"^^dt` only where informative.
pub fn display_term(term: &Term, prefixes: &[(String, String)]) -> String {
    match term {
        Term::NamedNode(n) => {
            ns::compact(n.as_str(), prefixes).unwrap_or_else(|| format!("<{}>", n.as_str()))
        }
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => display_literal(l, prefixes),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

fn display_literal(l: &Literal, prefixes: &[(String, String)]) -> String {
    if let Some(lang) = l.language() {
        return if lang == "en" {
            l.value().to_string()
        } else {
            format!("{}@{lang}", l.value())
        };
    }
    let dt = l.datatype();
    let plain = [
        xsd::STRING,
        xsd::INTEGER,
        xsd::DECIMAL,
        xsd::DOUBLE,
        xsd::FLOAT,
        xsd::BOOLEAN,
        xsd::DATE,
        xsd::DATE_TIME,
        xsd::G_YEAR,
        xsd::G_YEAR_MONTH,
        xsd::INT,
        xsd::LONG,
    ];
    if plain.contains(&dt) {
        l.value().to_string()
    } else {
        let dt_name =
            ns::compact(dt.as_str(), prefixes).unwrap_or_else(|| format!("<{}>", dt.as_str()));
        format!("\"{}\"^^{dt_name}", l.value())
    }
}

/// Whether a term is a numeric literal (right-aligned in tables).
pub fn is_numeric(term: &Term) -> bool {
    matches!(term, Term::Literal(l) if [xsd::INTEGER, xsd::DECIMAL, xsd::DOUBLE, xsd::FLOAT, xsd::INT, xsd::LONG].contains(&l.datatype()))
}

fn cut(s: &str, max: usize) -> String {
    let one_line: String = s
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if one_line.width() <= max {
        return one_line;
    }
    let mut out = String::new();
    for c in one_line.chars() {
        if out.width() + c.to_string().width() > max.saturating_sub(1) {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Renders rows of optional terms under `headers` as an aligned Unicode table, followed by a
/// row count line. `total` is the number of rows in the result (may exceed `rows.len()`).
pub fn render(
    headers: &[String],
    rows: &[Vec<Option<Term>>],
    total: usize,
    options: &TableOptions,
) -> String {
    let max = options.max_width.max(3);
    let cells: Vec<Vec<(String, bool)>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| {
                    t.as_ref().map_or((String::new(), false), |t| {
                        (cut(&display_term(t, &options.prefixes), max), is_numeric(t))
                    })
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers
        .iter()
        .map(|h| {
            if options.headers {
                cut(h, max).width()
            } else {
                0
            }
        })
        .collect();
    for row in &cells {
        for (i, (c, _)) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.width());
            }
        }
    }
    let line = |l: &str, m: &str, r: &str| -> String {
        let parts: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
        format!("{l}{}{r}\n", parts.join(m))
    };
    let mut out = String::new();
    if !headers.is_empty() {
        out.push_str(&line("┌", "┬", "┐"));
        if options.headers {
            out.push('│');
            for (h, w) in headers.iter().zip(&widths) {
                let h = cut(h, max);
                out.push_str(&format!(" {h}{} │", " ".repeat(w - h.width())));
            }
            out.push('\n');
            out.push_str(&line("├", "┼", "┤"));
        }
        for row in &cells {
            out.push('│');
            for (i, w) in widths.iter().enumerate() {
                let (c, numeric) = row.get(i).cloned().unwrap_or_default();
                let pad = " ".repeat(w - c.width());
                if numeric {
                    out.push_str(&format!(" {pad}{c} │"));
                } else {
                    out.push_str(&format!(" {c}{pad} │"));
                }
            }
            out.push('\n');
        }
        out.push_str(&line("└", "┴", "┘"));
    }
    let noun = if total == 1 { "row" } else { "rows" };
    if rows.len() < total {
        out.push_str(&format!(
            "{total} {noun} (showing the first {})\n",
            rows.len()
        ));
    } else {
        out.push_str(&format!("{total} {noun}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn renders_aligned_table_with_compact_terms() {
        let rows = vec![
            vec![
                Some(Term::from(NamedNode::new_unchecked(
                    "https://w3id.org/geokg/cameo/042",
                ))),
                Some(Term::from(Literal::from(12))),
            ],
            vec![
                Some(Term::from(Literal::new_simple_literal("Moscow"))),
                None,
            ],
        ];
        let t = render(
            &["code".into(), "n".into()],
            &rows,
            2,
            &TableOptions::default(),
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[1], "│ code      │ n  │");
        assert_eq!(lines[3], "│ cameo:042 │ 12 │");
        assert_eq!(lines[4], "│ Moscow    │    │");
        assert_eq!(lines.last().copied(), Some("2 rows"));
        assert!(
            lines
                .iter()
                .all(|l| l.width() == lines[0].width() || l.ends_with("rows"))
        );
    }

    #[test]
    fn cuts_wide_values() {
        assert_eq!(cut("abcdefgh", 5), "abcd…");
        assert_eq!(cut("a\nb", 5), "a b");
    }
}
