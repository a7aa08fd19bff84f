//! Reading Turtle into a compact subject → properties table, the common first step of the
//! gazetteer and the CAMEO codebook loaders.

use rustc_hash::FxHashMap;

use oxrdf::{NamedOrBlankNode, Term};
use oxttl::TurtleParser;

use super::LexiconError;

/// `rdf:type`.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// The geokg core namespace.
pub const GEOKG: &str = "https://w3id.org/geokg/ns#";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// FOAF.
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";

/// The object of a triple, reduced to what the loaders need.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An IRI.
    Iri(String),
    /// A blank node, by its id (unique within one parse).
    Blank(String),
    /// A literal's lexical form and language tag (`None` when untagged).
    Literal(String, Option<String>),
}

impl Value {
    /// The lexical form of a literal, or the IRI.
    pub fn text(&self) -> &str {
        match self {
            Value::Iri(s) | Value::Blank(s) | Value::Literal(s, _) => s,
        }
    }

    /// Whether this is a literal in English or without a language tag.
    pub fn is_english(&self) -> bool {
        match self {
            Value::Literal(_, None) => true,
            Value::Literal(_, Some(lang)) => lang == "en" || lang.starts_with("en-"),
            _ => false,
        }
    }
}

/// The triples of one Turtle document grouped by subject, in document order.
#[derive(Debug, Default)]
pub struct Graph {
    /// Subjects in first-seen order (`_:id` for blank nodes).
    pub subjects: Vec<String>,
    /// Properties of each subject: (predicate IRI, object).
    pub props: FxHashMap<String, Vec<(String, Value)>>,
}

impl Graph {
    /// Parses `ttl`; errors name `source_name` and the line.
    pub fn parse(source_name: &str, ttl: &str) -> Result<Graph, LexiconError> {
        let mut graph = Graph::default();
        for triple in TurtleParser::new().for_slice(ttl.as_bytes()) {
            let triple = triple.map_err(|e| LexiconError::Parse {
                source_name: source_name.to_string(),
                message: format!("line {}: {}", e.location().start.line + 1, e.message()),
            })?;
            let subject = match triple.subject {
                NamedOrBlankNode::NamedNode(n) => n.into_string(),
                NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
            };
            let object = match triple.object {
                Term::NamedNode(n) => Value::Iri(n.into_string()),
                Term::BlankNode(b) => Value::Blank(format!("_:{}", b.as_str())),
                Term::Literal(l) => {
                    Value::Literal(l.value().to_string(), l.language().map(str::to_string))
                }
                #[allow(unreachable_patterns)]
                _ => continue,
            };
            let entry = graph.props.entry(subject.clone()).or_default();
            if entry.is_empty() {
                graph.subjects.push(subject);
            }
            entry.push((triple.predicate.into_string(), object));
        }
        Ok(graph)
    }

    /// The properties of `subject` (empty when unknown).
    pub fn get(&self, subject: &str) -> &[(String, Value)] {
        self.props.get(subject).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The `rdf:type`s of `subject`.
    pub fn types<'a>(&'a self, subject: &str) -> impl Iterator<Item = &'a str> {
        self.get(subject)
            .iter()
            .filter(|(p, _)| p == RDF_TYPE)
            .map(|(_, v)| v.text())
    }
}

/// The local name of an IRI: what follows the last `#` or `/`.
pub fn local_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}
