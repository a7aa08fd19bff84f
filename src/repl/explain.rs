//! `.explain`: Oxigraph's query plan as an indented tree.

use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use serde_json::Value;

use crate::graph::GraphStore;

/// The plan of `query` as text; with `analyze` the query runs and each step shows its row
/// count and time.
pub fn explain(
    store: &GraphStore,
    query: &str,
    prefixes: &[(String, String)],
    analyze: bool,
    token: CancellationToken,
) -> Result<String, String> {
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token);
    for (p, iri) in prefixes {
        evaluator = evaluator.with_prefix(p, iri).map_err(|e| e.to_string())?;
    }
    let mut prepared = evaluator.parse_query(query).map_err(|e| e.to_string())?;
    if prepared.dataset().is_default_dataset() {
        prepared.dataset_mut().set_default_graph_as_union();
    }
    let mut bound = prepared.on_store(store.store());
    if analyze {
        bound = bound.compute_statistics();
    }
    let (results, explanation) = bound.explain();
    if analyze {
        match results.map_err(|e| e.to_string())? {
            QueryResults::Solutions(s) => {
                for r in s {
                    r.map_err(|e| e.to_string())?;
                }
            }
            QueryResults::Graph(g) => {
                for r in g {
                    r.map_err(|e| e.to_string())?;
                }
            }
            QueryResults::Boolean(_) => {}
        }
    }
    let mut json = Vec::new();
    explanation
        .write_in_json(&mut json)
        .map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_slice(&json).map_err(|e| e.to_string())?;
    Ok(render(&value))
}

/// Renders the JSON explanation as a tree.
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    if let Some(p) = value
        .get("planning duration in seconds")
        .and_then(Value::as_f64)
    {
        out.push_str(&format!("planning: {:.3} ms\n", p * 1000.0));
    }
    if let Some(plan) = value.get("plan") {
        node(plan, "", "", &mut out);
    }
    out
}

fn node(n: &Value, first: &str, rest: &str, out: &mut String) {
    let name = n.get("name").and_then(Value::as_str).unwrap_or("?");
    let mut stats = Vec::new();
    if let Some(rows) = n.get("number of results").and_then(Value::as_u64) {
        stats.push(format!("{rows} rows"));
    }
    if let Some(d) = n.get("duration in seconds").and_then(Value::as_f64) {
        stats.push(format!("{:.3} ms", d * 1000.0));
    }
    let stats = if stats.is_empty() {
        String::new()
    } else {
        format!("  ({})", stats.join(", "))
    };
    out.push_str(&format!("{first}{name}{stats}\n"));
    let children = n
        .get("children")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, c) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let (f, r) = if last {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        node(c, &format!("{rest}{f}"), &format!("{rest}{r}"), out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::OpenOptions;

    #[test]
    fn renders_a_tree() {
        let v: Value = serde_json::from_str(
            r#"{"planning duration in seconds": 0.001, "plan": {"name": "Project", "children": [{"name": "Join", "number of results": 3, "duration in seconds": 0.002, "children": [{"name": "A", "children": []}, {"name": "B", "children": []}]}]}}"#,
        )
        .unwrap();
        assert_eq!(
            render(&v),
            "planning: 1.000 ms\nProject\n└─ Join  (3 rows, 2.000 ms)\n   ├─ A\n   └─ B\n"
        );
    }

    #[test]
    fn explains_a_query_on_the_ontology() {
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        let plan = explain(
            &store,
            "SELECT ?c WHERE { ?c a skos:Concept } LIMIT 3",
            &crate::graph::ns::default_prefixes(),
            true,
            CancellationToken::new(),
        )
        .unwrap();
        assert!(plan.lines().count() >= 2, "{plan}");
        assert!(plan.contains("rows"), "{plan}");
    }
}
