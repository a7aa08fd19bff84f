//! Namespaces of the geokg model and the well-known prefixes used in queries and exports.

/// Core model: classes and properties.
pub const GEOKG: &str = "https://w3id.org/geokg/ns#";
/// The ontology resource (carries `owl:versionInfo`).
pub const ONTOLOGY: &str = "https://w3id.org/geokg/ns";
/// The named graph holding the ontology, CAMEO scheme and gazetteer.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/geokg/graph/ontology";
/// The named graph indexing every `geokg:date` value (see `graph::date_index`).
pub const DATE_INDEX_GRAPH: &str = "https://w3id.org/geokg/graph/dates";
/// The named graph counting events per country pair, month and quad class (see `graph::cube`).
pub const CUBE_GRAPH: &str = "https://w3id.org/geokg/graph/cube";
/// CAMEO event types (`cameo:042`).
pub const CAMEO: &str = "https://w3id.org/geokg/cameo/";
/// CAMEO actor roles (`role:GOV`).
pub const ROLE: &str = "https://w3id.org/geokg/role/";
/// Countries by ISO 3166 alpha-3 (`country:RUS`).
pub const COUNTRY: &str = "https://w3id.org/geokg/country/";
/// Organisations, groups and people.
pub const ACTOR: &str = "https://w3id.org/geokg/actor/";
/// Unnamed collective actors (`agent:IRN-GOV`).
pub const AGENT: &str = "https://w3id.org/geokg/agent/";
/// Documents and their named graphs.
pub const DOC: &str = "https://w3id.org/geokg/doc/";
/// Events.
pub const EVENT: &str = "https://w3id.org/geokg/event/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const SEM: &str = "http://semanticweb.cs.vu.nl/2009/11/sem/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const TIME: &str = "http://www.w3.org/2006/time#";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const SCHEMA: &str = "http://schema.org/";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const WD: &str = "http://www.wikidata.org/entity/";

/// Prefixes predeclared in queries, the REPL and Turtle exports, in display order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("geokg", GEOKG),
    ("cameo", CAMEO),
    ("role", ROLE),
    ("country", COUNTRY),
    ("actor", ACTOR),
    ("agent", AGENT),
    ("doc", DOC),
    ("event", EVENT),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("sem", SEM),
    ("prov", PROV),
    ("time", TIME),
    ("nif", NIF),
    ("dcterms", DCTERMS),
    ("schema", SCHEMA),
    ("foaf", FOAF),
    ("wd", WD),
];

/// The shortest `prefix:local` form of `iri`, when the local part is a valid prefixed-name
/// local part (conservatively: letters, digits, `_`, `-`, not ending with `.`).
pub fn compact(iri: &str, prefixes: &[(String, String)]) -> Option<String> {
    prefixes
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns.as_str()))
        .max_by_key(|(_, ns)| ns.len())
        .and_then(|(p, ns)| {
            let local = &iri[ns.len()..];
            let ok = local
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                && !local.starts_with('-');
            ok.then(|| format!("{p}:{local}"))
        })
}

/// The predeclared prefixes as owned pairs.
pub fn default_prefixes() -> Vec<(String, String)> {
    PREFIXES
        .iter()
        .map(|(p, n)| (p.to_string(), n.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_with_longest_namespace() {
        let p = default_prefixes();
        assert_eq!(
            compact("https://w3id.org/geokg/cameo/042", &p).as_deref(),
            Some("cameo:042")
        );
        assert_eq!(
            compact("https://w3id.org/geokg/ns#actor", &p).as_deref(),
            Some("geokg:actor")
        );
        assert_eq!(
            compact("https://w3id.org/geokg/event/ab/evidence", &p),
            None
        );
        assert_eq!(compact("http://example.org/x", &p), None);
    }
}
