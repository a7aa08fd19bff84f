//! Readable JSON-LD: Oxigraph's JSON-LD (expanded IRIs, one line) compacted with the geokg
//! prefixes as `@context` terms and pretty-printed.
//!
//! The compaction is syntactic and safe: only property keys, `@id` values and datatype/type
//! IRIs become `prefix:local` compact IRIs, and only for prefixes declared in the `@context`,
//! so any JSON-LD 1.1 processor expands the document back to exactly the same triples.

use std::io::Write;

use serde_json::{Map, Value};

use super::error::GraphError;
use super::ns;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// Rewrites Oxigraph JSON-LD `input` into compact, pretty-printed JSON-LD on `out`.
pub fn compact<W: Write>(input: &[u8], out: W) -> Result<(), GraphError> {
    let mut doc: Value =
        serde_json::from_slice(input).map_err(|e| GraphError::Syntax(format!("JSON-LD: {e}")))?;
    let mut context = Map::new();
    for (prefix, iri) in ns::PREFIXES {
        context.insert((*prefix).to_string(), Value::String((*iri).to_string()));
    }
    let body = match &mut doc {
        Value::Object(obj) => {
            obj.remove("@context");
            let graph = obj.remove("@graph").unwrap_or(Value::Array(Vec::new()));
            // A top-level object without @graph is a single node.
            if obj.is_empty() {
                graph
            } else {
                Value::Array(vec![Value::Object(std::mem::take(obj)), graph])
            }
        }
        other => std::mem::take(other),
    };
    let mut result = Map::new();
    result.insert("@context".into(), Value::Object(context));
    result.insert("@graph".into(), compact_value(body));
    serde_json::to_writer_pretty(out, &Value::Object(result)).map_err(|e| GraphError::Io(e.into()))
}

/// `prefix:local` for IRIs under a geokg prefix (JSON-LD compact IRIs only need the prefix to
/// be a term and the suffix not to start with `//`).
fn shorten(iri: &str) -> String {
    ns::PREFIXES
        .iter()
        .filter(|(_, n)| iri.starts_with(n) && iri.len() > n.len())
        .max_by_key(|(_, n)| n.len())
        .map(|(p, n)| (p, &iri[n.len()..]))
        .filter(|(_, local)| !local.starts_with("//"))
        .map_or_else(|| iri.to_string(), |(p, local)| format!("{p}:{local}"))
}

fn compact_value(v: Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.into_iter().map(compact_value).collect()),
        Value::Object(obj) => Value::Object(compact_object(obj)),
        other => other,
    }
}

fn compact_object(obj: Map<String, Value>) -> Map<String, Value> {
    let is_value = obj.contains_key("@value");
    let mut out = Map::new();
    let mut types: Vec<Value> = Vec::new();
    for (key, value) in obj {
        match key.as_str() {
            "@id" | "@type" => {
                let v = match value {
                    Value::String(s) if !s.starts_with("_:") => Value::String(shorten(&s)),
                    other => other,
                };
                out.insert(key, v);
            }
            // rdf:type with plain IRI objects reads best as @type (same triples).
            RDF_TYPE if !is_value && all_plain_ids(&value) => {
                if let Value::Array(items) = value {
                    types.extend(items.into_iter().filter_map(|o| {
                        o.get("@id")
                            .and_then(Value::as_str)
                            .map(|s| Value::String(shorten(s)))
                    }));
                }
            }
            k if k.starts_with('@') => {
                out.insert(key, compact_value(value));
            }
            _ => {
                out.insert(shorten(&key), simplify(compact_value(value)));
            }
        }
    }
    match types.len() {
        0 => {}
        1 => {
            out.insert("@type".into(), types.swap_remove(0));
        }
        _ => {
            out.insert("@type".into(), Value::Array(types));
        }
    }
    out
}

/// Property values in their shortest equivalent form: a single value without its array,
/// `xsd:string` literals as JSON strings, booleans and canonical integers as JSON values.
fn simplify(v: Value) -> Value {
    let Value::Array(mut items) = v else { return v };
    for item in &mut items {
        *item = native(std::mem::take(item));
    }
    if items.len() == 1 {
        items.pop().unwrap_or(Value::Null)
    } else {
        Value::Array(items)
    }
}

fn native(v: Value) -> Value {
    let Value::Object(obj) = &v else { return v };
    let Some(Value::String(lexical)) = obj.get("@value") else {
        return v;
    };
    match (obj.len(), obj.get("@type").and_then(Value::as_str)) {
        (1, None) => Value::String(lexical.clone()),
        (2, Some("xsd:boolean")) if lexical == "true" || lexical == "false" => {
            Value::Bool(lexical == "true")
        }
        (2, Some("xsd:integer")) if is_canonical_integer(lexical) => {
            lexical.parse::<i64>().map_or(v.clone(), Value::from)
        }
        _ => v,
    }
}

/// JSON-LD turns a JSON integer back into its canonical `xsd:integer` form, so only canonical
/// lexical forms may become numbers.
fn is_canonical_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && s != "-0"
}

/// Whether `v` is an array of `{"@id": IRI}` objects (not blank nodes).
fn all_plain_ids(v: &Value) -> bool {
    v.as_array().is_some_and(|items| {
        items.iter().all(|o| {
            o.as_object().is_some_and(|m| {
                m.len() == 1
                    && m.get("@id")
                        .and_then(Value::as_str)
                        .is_some_and(|s| !s.starts_with("_:"))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_keys_ids_and_types() {
        let input = br#"{"@graph":[{"@id":"https://w3id.org/geokg/event/1","http://www.w3.org/1999/02/22-rdf-syntax-ns#type":[{"@id":"https://w3id.org/geokg/ns#Event"}],"https://w3id.org/geokg/ns#confidence":[{"@value":"0.8","@type":"http://www.w3.org/2001/XMLSchema#decimal"}]}]}"#;
        let mut out = Vec::new();
        compact(input, &mut out).expect("compacts");
        let v: Value = serde_json::from_slice(&out).expect("json");
        let node = &v["@graph"][0];
        assert_eq!(node["@id"], "event:1");
        assert_eq!(node["@type"], "geokg:Event");
        assert_eq!(node["geokg:confidence"]["@type"], "xsd:decimal");
        assert!(
            is_canonical_integer("120")
                && is_canonical_integer("-3")
                && !is_canonical_integer("012")
                && !is_canonical_integer("+1")
        );
        assert_eq!(v["@context"]["geokg"], ns::GEOKG);
    }
}
