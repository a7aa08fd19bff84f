//! SHACL validation for the SHACL Core subset geokg's shapes use, by translating each
//! constraint into a SPARQL query that selects the violating focus nodes and values.
//!
//! Supported: node shapes with `sh:targetClass` (instances through `rdfs:subClassOf*`),
//! `sh:targetNode`, `sh:targetSubjectsOf`, `sh:targetObjectsOf`; property shapes (`sh:property`)
//! with an IRI `sh:path` and `sh:minCount`, `sh:maxCount`, `sh:datatype`, `sh:class`,
//! `sh:nodeKind`, `sh:minInclusive`, `sh:maxInclusive`, `sh:minExclusive`, `sh:maxExclusive`,
//! `sh:in`, `sh:pattern` (with `sh:flags`), `sh:hasValue`, and `sh:or` of datatype-only shapes.
//! Any other `sh:` term in a shape is an error: a validator that silently ignored a constraint
//! would report conformance it did not check.

use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use super::error::GraphError;
use super::store::GraphStore;

const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const SUBCLASS: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";

/// The built-in shapes (`ontology/shapes.ttl`).
pub const BUILTIN_SHAPES: &str = include_str!("../../ontology/shapes.ttl");

/// One violation of a constraint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// The shape (IRI or blank node label).
    pub shape: String,
    /// The node that violates it.
    pub focus: String,
    /// The property path.
    pub path: String,
    /// The SHACL constraint component, e.g. `sh:MinCountConstraintComponent`.
    pub component: String,
    /// The offending value, for value constraints.
    pub value: Option<String>,
    /// What went wrong.
    pub message: String,
}

/// Constraints and targets compiled to SPARQL.
#[derive(Debug, Clone)]
pub struct Shapes {
    checks: Vec<Check>,
}

#[derive(Debug, Clone)]
struct Check {
    shape: String,
    path: String,
    component: &'static str,
    message: String,
    /// SELECT ?focus ?value (value may be unbound).
    query: String,
}

fn sh(local: &str) -> String {
    format!("{SH}{local}")
}

fn syntax(msg: impl Into<String>) -> GraphError {
    GraphError::Syntax(msg.into())
}

/// A shapes graph loaded into a scratch store.
struct ShapesGraph(Store);

impl ShapesGraph {
    fn objects(&self, s: NamedOrBlankNodeRef<'_>, p: &str) -> Result<Vec<Term>, GraphError> {
        let p = NamedNode::new_unchecked(p);
        let mut out = Vec::new();
        for q in self
            .0
            .quads_for_pattern(Some(s), Some(p.as_ref()), None, None)
        {
            out.push(q?.object);
        }
        Ok(out)
    }

    fn one(&self, s: NamedOrBlankNodeRef<'_>, p: &str) -> Result<Option<Term>, GraphError> {
        let mut values = self.objects(s, p)?;
        if values.len() > 1 {
            return Err(syntax(format!("shape {s}: more than one <{p}>")));
        }
        Ok(values.pop())
    }

    fn list(&self, head: &Term) -> Result<Vec<Term>, GraphError> {
        let mut items = Vec::new();
        let mut node = head.clone();
        while let Some(n) = as_node(&node) {
            if matches!(&n, NamedOrBlankNode::NamedNode(iri) if iri.as_str().ends_with("#nil")) {
                break;
            }
            let first = self
                .one(n.as_ref(), RDF_FIRST)?
                .ok_or_else(|| syntax(format!("broken RDF list at {n}")))?;
            items.push(first);
            node = self
                .one(n.as_ref(), RDF_REST)?
                .ok_or_else(|| syntax(format!("broken RDF list at {n}")))?;
            if items.len() > 10_000 {
                return Err(syntax("RDF list too long (cyclic?)"));
            }
        }
        Ok(items)
    }

    /// The `sh:` predicates used on `node`, to reject unsupported ones.
    fn sh_predicates(&self, node: NamedOrBlankNodeRef<'_>) -> Result<Vec<String>, GraphError> {
        let mut out = Vec::new();
        for q in self.0.quads_for_pattern(Some(node), None, None, None) {
            let q = q?;
            if let Some(local) = q.predicate.as_str().strip_prefix(SH) {
                out.push(local.to_string());
            }
        }
        Ok(out)
    }
}

fn as_node(t: &Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

fn int(t: &Term, what: &str) -> Result<u64, GraphError> {
    match t {
        Term::Literal(l) => l
            .value()
            .parse()
            .map_err(|_| syntax(format!("{what} must be a non-negative integer, not {t}"))),
        _ => Err(syntax(format!("{what} must be a literal, not {t}"))),
    }
}

const NODE_KEYS: &[&str] = &[
    "targetClass",
    "targetNode",
    "targetSubjectsOf",
    "targetObjectsOf",
    "property",
    "name",
    "description",
    "message",
    "severity",
    "deactivated",
];
const PROPERTY_KEYS: &[&str] = &[
    "path",
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "nodeKind",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "in",
    "pattern",
    "flags",
    "hasValue",
    "or",
    "name",
    "description",
    "message",
    "severity",
    "order",
    "group",
    "deactivated",
];

impl Shapes {
    /// Parses shapes from Turtle and compiles them.
    pub fn from_turtle(name: &str, ttl: &str) -> Result<Shapes, GraphError> {
        let store = Store::new()?;
        store
            .load_from_reader(RdfFormat::Turtle, ttl.as_bytes())
            .map_err(|e| syntax(format!("{name}: {e}")))?;
        let g = ShapesGraph(store);
        let mut checks = Vec::new();
        let mut shapes: Vec<NamedOrBlankNode> = Vec::new();
        for q in g.0.quads_for_pattern(
            None,
            Some(NamedNode::new_unchecked(RDF_TYPE).as_ref()),
            Some(NamedNode::new_unchecked(sh("NodeShape")).as_ref().into()),
            None,
        ) {
            shapes.push(q?.subject);
        }
        shapes.sort_by_key(|s| s.to_string());
        for shape in &shapes {
            compile_node_shape(&g, shape, &mut checks)?;
        }
        if checks.is_empty() {
            return Err(syntax(format!(
                "{name}: no sh:NodeShape with targets and property constraints"
            )));
        }
        Ok(Shapes { checks })
    }

    /// The built-in geokg shapes.
    pub fn builtin() -> Result<Shapes, GraphError> {
        Shapes::from_turtle("ontology/shapes.ttl", BUILTIN_SHAPES)
    }

    /// The number of compiled constraint checks.
    pub fn len(&self) -> usize {
        self.checks.len()
    }

    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }

    /// Validates the store (the union of its graphs); returns all violations.
    pub fn validate(&self, store: &GraphStore) -> Result<Vec<Violation>, GraphError> {
        let mut out = Vec::new();
        for check in &self.checks {
            let mut prepared = SparqlEvaluator::new()
                .parse_query(&check.query)
                .map_err(|e| syntax(format!("internal query for {}: {e}", check.shape)))?;
            prepared.dataset_mut().set_default_graph_as_union();
            if let QueryResults::Solutions(solutions) =
                prepared.on_store(store.store()).execute()?
            {
                for s in solutions {
                    let s = s?;
                    out.push(Violation {
                        shape: check.shape.clone(),
                        focus: s.get("focus").map(|t| t.to_string()).unwrap_or_default(),
                        path: check.path.clone(),
                        component: format!("sh:{}", check.component),
                        value: s.get("value").map(|t| t.to_string()),
                        message: check.message.clone(),
                    });
                }
            }
        }
        Ok(out)
    }
}

fn compile_node_shape(
    g: &ShapesGraph,
    shape: &NamedOrBlankNode,
    checks: &mut Vec<Check>,
) -> Result<(), GraphError> {
    let node = shape.as_ref();
    for key in g.sh_predicates(node)? {
        if !NODE_KEYS.contains(&key.as_str()) {
            return Err(syntax(format!(
                "shape {shape}: sh:{key} is not supported by geokg validate (see docs/interop.md)"
            )));
        }
    }
    if g.one(node, &sh("deactivated"))?
        .is_some_and(|t| t.to_string().starts_with("\"true\""))
    {
        return Ok(());
    }
    let mut targets = Vec::new();
    for c in g.objects(node, &sh("targetClass"))? {
        targets.push(format!("{{ ?focus <{RDF_TYPE}>/<{SUBCLASS}>* {c} }}"));
    }
    for n in g.objects(node, &sh("targetNode"))? {
        targets.push(format!("{{ BIND({n} AS ?focus) }}"));
    }
    for p in g.objects(node, &sh("targetSubjectsOf"))? {
        targets.push(format!(
            "{{ SELECT DISTINCT ?focus WHERE {{ ?focus {p} [] }} }}"
        ));
    }
    for p in g.objects(node, &sh("targetObjectsOf"))? {
        targets.push(format!(
            "{{ SELECT DISTINCT ?focus WHERE {{ [] {p} ?focus }} }}"
        ));
    }
    if targets.is_empty() {
        return Ok(());
    }
    let target = targets.join(" UNION ");
    let mut props = g.objects(node, &sh("property"))?;
    props.sort_by_key(|t| t.to_string());
    for prop in props {
        let prop = as_node(&prop)
            .ok_or_else(|| syntax(format!("shape {shape}: sh:property must be a node")))?;
        compile_property(g, &shape.to_string(), &target, prop.as_ref(), checks)?;
    }
    Ok(())
}

fn compile_property(
    g: &ShapesGraph,
    shape: &str,
    target: &str,
    prop: NamedOrBlankNodeRef<'_>,
    checks: &mut Vec<Check>,
) -> Result<(), GraphError> {
    for key in g.sh_predicates(prop)? {
        if !PROPERTY_KEYS.contains(&key.as_str()) {
            return Err(syntax(format!(
                "shape {shape}: sh:{key} is not supported by geokg validate (see docs/interop.md)"
            )));
        }
    }
    let path = match g.one(prop, &sh("path"))? {
        Some(Term::NamedNode(p)) => p,
        Some(other) => {
            return Err(syntax(format!(
                "shape {shape}: only IRI paths are supported, not {other}"
            )));
        }
        None => {
            return Err(syntax(format!(
                "shape {shape}: property shape without sh:path"
            )));
        }
    };
    let p = format!("<{}>", path.as_str());
    let custom = g.one(prop, &sh("message"))?.map(|t| match t {
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    });
    let mut add = |component: &'static str, message: String, query: String| {
        checks.push(Check {
            shape: shape.to_string(),
            path: path.as_str().to_string(),
            component,
            message: custom.clone().unwrap_or(message),
            query,
        });
    };
    let count = |op: &str, n: u64| {
        format!(
            "SELECT ?focus WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {target} }} }} OPTIONAL {{ ?focus {p} ?v }} }} GROUP BY ?focus }} FILTER(?n {op} {n}) }}"
        )
    };
    // Values of the path on target nodes that fail `filter`.
    let values = |filter: &str| {
        format!(
            "SELECT DISTINCT ?focus ?value WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {target} }} }} ?focus {p} ?value . FILTER({filter}) }}"
        )
    };
    if let Some(t) = g.one(prop, &sh("minCount"))? {
        let n = int(&t, "sh:minCount")?;
        add(
            "MinCountConstraintComponent",
            format!("fewer than {n} values"),
            count("<", n),
        );
    }
    if let Some(t) = g.one(prop, &sh("maxCount"))? {
        let n = int(&t, "sh:maxCount")?;
        add(
            "MaxCountConstraintComponent",
            format!("more than {n} values"),
            count(">", n),
        );
    }
    if let Some(dt) = g.one(prop, &sh("datatype"))? {
        add(
            "DatatypeConstraintComponent",
            format!("value is not a {dt} literal"),
            values(&format!("!isLiteral(?value) || datatype(?value) != {dt}")),
        );
    }
    if let Some(c) = g.one(prop, &sh("class"))? {
        add(
            "ClassConstraintComponent",
            format!("value is not an instance of {c}"),
            values(&format!(
                "NOT EXISTS {{ ?value <{RDF_TYPE}>/<{SUBCLASS}>* {c} }}"
            )),
        );
    }
    if let Some(kind) = g.one(prop, &sh("nodeKind"))? {
        let test = match kind
            .to_string()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .strip_prefix(SH)
        {
            Some("IRI") => "isIRI(?value)",
            Some("Literal") => "isLiteral(?value)",
            Some("BlankNode") => "isBlank(?value)",
            Some("BlankNodeOrIRI") => "!isLiteral(?value)",
            Some("IRIOrLiteral") => "!isBlank(?value)",
            Some("BlankNodeOrLiteral") => "!isIRI(?value)",
            _ => return Err(syntax(format!("shape {shape}: unknown sh:nodeKind {kind}"))),
        };
        add(
            "NodeKindConstraintComponent",
            format!("value is not of node kind {kind}"),
            values(&format!("!({test})")),
        );
    }
    for (key, op, component) in [
        ("minInclusive", ">=", "MinInclusiveConstraintComponent"),
        ("maxInclusive", "<=", "MaxInclusiveConstraintComponent"),
        ("minExclusive", ">", "MinExclusiveConstraintComponent"),
        ("maxExclusive", "<", "MaxExclusiveConstraintComponent"),
    ] {
        if let Some(bound) = g.one(prop, &sh(key))? {
            // Incomparable values (errors) are violations too.
            add(
                component,
                format!("value is not {op} {bound}"),
                values(&format!("!COALESCE(?value {op} {bound}, false)")),
            );
        }
    }
    if let Some(list) = g.one(prop, &sh("in"))? {
        let items: Vec<String> = g.list(&list)?.iter().map(ToString::to_string).collect();
        let joined = items.join(", ");
        add(
            "InConstraintComponent",
            format!("value is not one of {joined}"),
            values(&format!("!(?value IN ({joined}))")),
        );
    }
    if let Some(v) = g.one(prop, &sh("hasValue"))? {
        add(
            "HasValueConstraintComponent",
            format!("missing the value {v}"),
            format!(
                "SELECT ?focus WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {target} }} }} FILTER NOT EXISTS {{ ?focus {p} {v} }} }}"
            ),
        );
    }
    if let Some(pattern) = g.one(prop, &sh("pattern"))? {
        let flags = g
            .one(prop, &sh("flags"))?
            .map(|f| format!(", {f}"))
            .unwrap_or_default();
        add(
            "PatternConstraintComponent",
            format!("value does not match {pattern}"),
            values(&format!(
                "isBlank(?value) || !regex(str(?value), {pattern}{flags})"
            )),
        );
    }
    if let Some(list) = g.one(prop, &sh("or"))? {
        let mut datatypes = Vec::new();
        for member in g.list(&list)? {
            let node = as_node(&member)
                .ok_or_else(|| syntax(format!("shape {shape}: sh:or members must be shapes")))?;
            let keys = g.sh_predicates(node.as_ref())?;
            match (keys.as_slice(), g.one(node.as_ref(), &sh("datatype"))?) {
                ([only], Some(dt)) if only == "datatype" => datatypes.push(dt.to_string()),
                _ => {
                    return Err(syntax(format!(
                        "shape {shape}: sh:or is supported only over shapes with a single sh:datatype"
                    )));
                }
            }
        }
        let joined = datatypes.join(", ");
        add(
            "OrConstraintComponent",
            format!("value is none of the datatypes {joined}"),
            values(&format!(
                "!isLiteral(?value) || !(datatype(?value) IN ({joined}))"
            )),
        );
    }
    Ok(())
}

/// A SHACL validation report (`sh:ValidationReport`) in Turtle, for tools that read them.
pub fn report_turtle(violations: &[Violation]) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "@prefix sh: <{SH}> .\n\n[] a sh:ValidationReport ;\n    sh:conforms {}",
        violations.is_empty()
    );
    for (i, v) in violations.iter().enumerate() {
        out.push_str(if i == 0 {
            " ;\n    sh:result "
        } else {
            " ,\n        "
        });
        let message = oxigraph::model::Literal::new_simple_literal(&v.message);
        let _ = write!(
            out,
            "[ a sh:ValidationResult ; sh:resultSeverity sh:Violation ; sh:focusNode {} ; sh:resultPath <{}> ; {}sh:sourceConstraintComponent {} ; sh:sourceShape {} ; sh:resultMessage {message} ]",
            v.focus,
            v.path,
            v.value
                .as_ref()
                .map(|x| format!("sh:value {x} ; "))
                .unwrap_or_default(),
            v.component,
            v.shape,
        );
    }
    out.push_str(" .\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_shapes_compile() {
        let shapes = Shapes::builtin().expect("shapes");
        assert!(shapes.len() > 40, "{}", shapes.len());
    }

    #[test]
    fn unsupported_constraints_are_rejected() {
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:qualifiedMinCount 1 ] .";
        let err = Shapes::from_turtle("t", ttl).expect_err("unsupported");
        assert!(err.to_string().contains("sh:qualifiedMinCount"), "{err}");
    }

    #[test]
    fn finds_violations() {
        let store = GraphStore::open(&super::super::OpenOptions::default()).expect("store");
        store
            .store()
            .load_from_reader(
                RdfFormat::Turtle,
                "<urn:a> a <urn:C> ; <urn:p> 2, 3 . <urn:b> a <urn:C> ; <urn:p> \"x\" .".as_bytes(),
            )
            .expect("data");
        let ttl = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
              sh:property [ sh:path <urn:p> ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:maxInclusive 2 ] .";
        let v = Shapes::from_turtle("t", ttl)
            .expect("shapes")
            .validate(&store)
            .expect("runs");
        let got: Vec<(&str, &str)> = v
            .iter()
            .map(|v| (v.focus.as_str(), v.component.as_str()))
            .collect();
        assert!(
            got.contains(&("<urn:a>", "sh:MaxCountConstraintComponent")),
            "{got:?}"
        );
        assert!(
            got.contains(&("<urn:b>", "sh:DatatypeConstraintComponent")),
            "{got:?}"
        );
        assert!(
            got.contains(&("<urn:a>", "sh:MaxInclusiveConstraintComponent")),
            "{got:?}"
        );
        assert!(
            got.contains(&("<urn:b>", "sh:MaxInclusiveConstraintComponent")),
            "incomparable: {got:?}"
        );
        assert_eq!(v.len(), 4, "{v:?}");
        let report = report_turtle(&v);
        let parsed = oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(report.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .expect("report parses");
        assert_eq!(
            parsed
                .iter()
                .filter(|q| q.predicate.as_str().ends_with("#focusNode"))
                .count(),
            4
        );
        assert!(report_turtle(&[]).contains("sh:conforms true"));
    }
}
