//! Writing query results in the W3C result formats, as tables, or as RDF for graph results.

use std::io::Write;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use super::table::{TableOptions, display_term, render};
use super::{QueryError, TimeoutGuard};

/// Output formats for query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// Aligned table for people (graph results: subject/predicate/object).
    Table,
    /// W3C SPARQL 1.1 CSV results.
    Csv,
    /// W3C SPARQL 1.1 TSV results.
    Tsv,
    /// W3C SPARQL 1.1 JSON results.
    Json,
    /// W3C SPARQL XML results.
    Xml,
    /// One JSON object per solution, values in compact display form.
    Jsonl,
    /// A Markdown table.
    Markdown,
    /// Graph results as Turtle (CONSTRUCT/DESCRIBE).
    Turtle,
    /// Graph results as N-Triples.
    Ntriples,
}

impl ResultFormat {
    /// Parses a format name (as typed in the REPL's `.mode`).
    pub fn parse(name: &str) -> Option<ResultFormat> {
        <ResultFormat as clap::ValueEnum>::from_str(name, true).ok()
    }
}

fn io(e: std::io::Error) -> QueryError {
    QueryError::Other(e.to_string())
}

/// Writes `results` to `out` in `format`; returns the number of rows (solutions, triples, or 1
/// for a boolean).
pub fn write_results<W: Write>(
    results: QueryResults<'_>,
    guard: &TimeoutGuard,
    format: ResultFormat,
    table: &TableOptions,
    out: &mut W,
) -> Result<usize, QueryError> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables: Vec<String> = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_string())
                .collect();
            let w3c = match format {
                ResultFormat::Csv | ResultFormat::Turtle | ResultFormat::Ntriples => {
                    Some(QueryResultsFormat::Csv)
                }
                ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
                ResultFormat::Json => Some(QueryResultsFormat::Json),
                ResultFormat::Xml => Some(QueryResultsFormat::Xml),
                _ => None,
            };
            if let Some(f) = w3c {
                let mut ser = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())
                    .map_err(io)?;
                let mut n = 0;
                for s in solutions {
                    ser.serialize(&s.map_err(|e| guard.error(e))?).map_err(io)?;
                    n += 1;
                }
                ser.finish().map_err(io)?;
                return Ok(n);
            }
            let mut rows = Vec::new();
            let mut total = 0;
            for s in solutions {
                let s = s.map_err(|e| guard.error(e))?;
                total += 1;
                if format == ResultFormat::Jsonl {
                    let obj: serde_json::Map<String, serde_json::Value> = s
                        .iter()
                        .map(|(v, t)| {
                            (
                                v.as_str().to_string(),
                                serde_json::Value::String(display_term(t, &table.prefixes)),
                            )
                        })
                        .collect();
                    writeln!(out, "{}", serde_json::Value::Object(obj)).map_err(io)?;
                    continue;
                }
                if table.max_rows.is_none_or(|m| rows.len() < m) {
                    rows.push(
                        variables
                            .iter()
                            .map(|v| s.get(v.as_str()).cloned())
                            .collect::<Vec<Option<Term>>>(),
                    );
                }
            }
            match format {
                ResultFormat::Jsonl => {}
                ResultFormat::Markdown => write_markdown(out, &variables, &rows, table)?,
                _ => out
                    .write_all(render(&variables, &rows, total, table).as_bytes())
                    .map_err(io)?,
            }
            Ok(total)
        }
        QueryResults::Boolean(b) => {
            match format {
                ResultFormat::Csv | ResultFormat::Tsv | ResultFormat::Json | ResultFormat::Xml => {
                    let f = match format {
                        ResultFormat::Csv => QueryResultsFormat::Csv,
                        ResultFormat::Tsv => QueryResultsFormat::Tsv,
                        ResultFormat::Json => QueryResultsFormat::Json,
                        _ => QueryResultsFormat::Xml,
                    };
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut *out, b)
                        .map_err(io)?;
                }
                _ => writeln!(out, "{b}").map_err(io)?,
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let rdf = match format {
                ResultFormat::Ntriples | ResultFormat::Csv | ResultFormat::Tsv => {
                    Some(RdfFormat::NTriples)
                }
                ResultFormat::Turtle
                | ResultFormat::Json
                | ResultFormat::Xml
                | ResultFormat::Jsonl => Some(RdfFormat::Turtle),
                ResultFormat::Table | ResultFormat::Markdown => None,
            };
            let mut n = 0;
            if let Some(rdf) = rdf {
                let mut ser = RdfSerializer::from_format(rdf);
                if rdf == RdfFormat::Turtle {
                    for (p, iri) in &table.prefixes {
                        ser = ser
                            .with_prefix(p.as_str(), iri.as_str())
                            .map_err(|e| QueryError::Other(e.to_string()))?;
                    }
                }
                let mut w = ser.for_writer(&mut *out);
                for t in triples {
                    w.serialize_triple(&t.map_err(|e| guard.error(e))?)
                        .map_err(io)?;
                    n += 1;
                }
                w.finish().map_err(io)?;
            } else {
                let mut rows = Vec::new();
                for t in triples {
                    let t = t.map_err(|e| guard.error(e))?;
                    n += 1;
                    if table.max_rows.is_none_or(|m| rows.len() < m) {
                        rows.push(vec![
                            Some(Term::from(t.subject)),
                            Some(Term::from(t.predicate)),
                            Some(t.object),
                        ]);
                    }
                }
                let headers = ["subject".to_string(), "predicate".into(), "object".into()];
                if format == ResultFormat::Markdown {
                    write_markdown(out, &headers, &rows, table)?;
                } else {
                    out.write_all(render(&headers, &rows, n, table).as_bytes())
                        .map_err(io)?;
                }
            }
            Ok(n)
        }
    }
}

fn write_markdown<W: Write>(
    out: &mut W,
    headers: &[String],
    rows: &[Vec<Option<Term>>],
    table: &TableOptions,
) -> Result<(), QueryError> {
    let esc = |s: String| s.replace('|', "\\|").replace('\n', " ");
    writeln!(out, "| {} |", headers.join(" | ")).map_err(io)?;
    writeln!(
        out,
        "|{}",
        headers.iter().map(|_| "---|").collect::<String>()
    )
    .map_err(io)?;
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|t| {
                t.as_ref()
                    .map_or(String::new(), |t| esc(display_term(t, &table.prefixes)))
            })
            .collect();
        writeln!(out, "| {} |", cells.join(" | ")).map_err(io)?;
    }
    Ok(())
}
