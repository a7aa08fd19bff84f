//! Mapping of articles and events to RDF quads (see `docs/rdf-model.md`).

use std::collections::HashMap;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use geokg_extract::{Article, Event, Party, Precision};

use super::iri::{document_iri, event_iri};
use super::ns;

/// Resolves a party's `country` code ("RUS", "IGO:NATO") to an entity IRI.
#[derive(Debug, Default, Clone)]
pub struct CodeIndex {
    by_code: HashMap<String, String>,
    /// CAMEO code → (Goldstein value, quad class IRI).
    actions: HashMap<String, (String, String)>,
}

impl CodeIndex {
    /// An index from `(code, entity IRI)` pairs (the gazetteer's `geokg:code` values).
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> CodeIndex {
        let mut by_code = HashMap::new();
        for (code, iri) in pairs {
            // Countries win over other entities sharing their code (armed groups carry the
            // code of their country of operation).
            let is_country = iri.starts_with(ns::COUNTRY);
            let entry = by_code.entry(code).or_insert_with(|| iri.clone());
            if is_country {
                *entry = iri;
            }
        }
        CodeIndex {
            by_code,
            actions: HashMap::new(),
        }
    }

    /// Adds the Goldstein value and quad class IRI of CAMEO codes.
    pub fn with_actions(
        mut self,
        actions: impl IntoIterator<Item = (String, String, String)>,
    ) -> CodeIndex {
        self.actions
            .extend(actions.into_iter().map(|(code, g, q)| (code, (g, q))));
        self
    }

    /// The entity IRI of a code: the gazetteer's, else `country:XXX` for three-letter codes,
    /// else a minted `agent:` IRI.
    pub fn iri(&self, code: &str) -> String {
        if let Some(iri) = self.by_code.get(code) {
            return iri.clone();
        }
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            format!("{}{code}", ns::COUNTRY)
        } else {
            format!("{}{}", ns::AGENT, slug(code))
        }
    }
}

/// A lower-case IRI-safe slug: letters and digits, other runs become `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "unknown".to_string()
    } else {
        out
    }
}

struct QuadSink {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl QuadSink {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::from(s.clone()),
            NamedNode::new_unchecked(p),
            o,
            self.graph.clone(),
        ));
    }
}

fn geokg(local: &str) -> String {
    format!("{}{local}", ns::GEOKG)
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new(s)
        .unwrap_or_else(|_| NamedNode::new_unchecked(format!("{}{}", ns::AGENT, slug(s))))
}

/// All quads of one document: the document node and its events, in the document's graph.
/// `content_hash` comes from [`super::iri::content_hash`].
pub fn document_quads(
    article: &Article,
    content_hash: &str,
    events: &[Event],
    codes: &CodeIndex,
) -> Vec<Quad> {
    let doc = iri(&document_iri(content_hash));
    let mut sink = QuadSink {
        graph: GraphName::NamedNode(doc.clone()),
        quads: Vec::with_capacity(8 + events.len() * 24),
    };
    sink.add(&doc, &format!("{}type", ns::RDF), iri(&geokg("Document")));
    sink.add(
        &doc,
        &geokg("docId"),
        Literal::new_simple_literal(&article.id),
    );
    if let Some(title) = &article.title {
        sink.add(
            &doc,
            &format!("{}title", ns::DCTERMS),
            Literal::new_simple_literal(title),
        );
    }
    if let Some(date) = article.published {
        sink.add(
            &doc,
            &geokg("published"),
            Literal::new_typed_literal(date.to_string(), xsd::DATE),
        );
    }
    if let Some(source) = &article.source {
        sink.add(
            &doc,
            &format!("{}source", ns::DCTERMS),
            Literal::new_simple_literal(source),
        );
    }
    if let Some(url) = article.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
        sink.add(&doc, &format!("{}url", ns::SCHEMA), url);
    }
    sink.add(
        &doc,
        &geokg("contentHash"),
        Literal::new_simple_literal(format!("sha256:{content_hash}")),
    );
    for event in events {
        event_quads(&mut sink, &doc, content_hash, event, codes);
    }
    with_counts(sink, &doc)
}

/// The document's quads without duplicates (identical events share an IRI), followed by its
/// own counts of events and triples (both included), which `stats` sums instead of scanning.
fn with_counts(mut sink: QuadSink, doc: &NamedNode) -> Vec<Quad> {
    let mut seen = std::collections::HashSet::with_capacity(sink.quads.len());
    sink.quads.retain(|q| seen.insert(q.clone()));
    let event_class = Term::from(iri(&geokg("Event")));
    let events = sink
        .quads
        .iter()
        .filter(|q| q.predicate == rdf::TYPE && q.object == event_class)
        .count();
    let triples = sink.quads.len() + 2;
    let count = |n: usize| Literal::new_typed_literal(n.to_string(), xsd::INTEGER);
    sink.add(doc, &geokg("eventCount"), count(events));
    sink.add(doc, &geokg("tripleCount"), count(triples));
    sink.quads
}

/// The entity IRI of a party: its own, else its country's collective actor with the role.
pub fn party_iri(party: &Party, codes: &CodeIndex) -> String {
    if let Some(iri) = &party.iri {
        return iri.clone();
    }
    match (&party.country, &party.role) {
        (Some(c), Some(r)) => format!("{}{}-{}", ns::AGENT, c.replace(':', "-"), r),
        (Some(c), None) => codes.iri(c),
        (None, _) => format!("{}{}", ns::ACTOR, slug(&party.label)),
    }
}

fn party_quads(sink: &mut QuadSink, ev: &NamedNode, which: &str, party: &Party, codes: &CodeIndex) {
    sink.add(ev, &geokg(which), iri(&party_iri(party, codes)));
    if let Some(country) = &party.country {
        sink.add(
            ev,
            &geokg(&format!("{which}Country")),
            iri(&codes.iri(country)),
        );
    }
    if let Some(role) = &party.role {
        sink.add(
            ev,
            &geokg(&format!("{which}Role")),
            iri(&format!("{}{role}", ns::ROLE)),
        );
    }
    let text = if party.text.is_empty() {
        &party.label
    } else {
        &party.text
    };
    sink.add(
        ev,
        &geokg(&format!("{which}Text")),
        Literal::new_simple_literal(text),
    );
    sink.add(
        ev,
        &geokg(&format!("{which}Label")),
        Literal::new_simple_literal(&party.label),
    );
}

fn event_quads(
    sink: &mut QuadSink,
    doc: &NamedNode,
    content_hash: &str,
    event: &Event,
    codes: &CodeIndex,
) {
    let ev_iri = event_iri(content_hash, event);
    let ev = iri(&ev_iri);
    sink.add(&ev, rdf::TYPE.as_str(), iri(&geokg("Event")));
    party_quads(sink, &ev, "actor", &event.actor, codes);
    party_quads(sink, &ev, "target", &event.target, codes);
    sink.add(
        &ev,
        &geokg("action"),
        iri(&format!("{}{}", ns::CAMEO, event.action.code)),
    );
    if let Some((goldstein, quad)) = codes.actions.get(&event.action.code) {
        sink.add(
            &ev,
            &geokg("goldstein"),
            Literal::new_typed_literal(goldstein, xsd::DECIMAL),
        );
        sink.add(&ev, &geokg("quadClass"), iri(quad));
    }
    if let Some(date) = event.date {
        let (value, datatype, unit) = match date.precision {
            Precision::Day => (date.to_string(), xsd::DATE, "unitDay"),
            Precision::Month => (date.to_string(), xsd::G_YEAR_MONTH, "unitMonth"),
            Precision::Year => (date.to_string(), xsd::G_YEAR, "unitYear"),
        };
        sink.add(
            &ev,
            &geokg("date"),
            Literal::new_typed_literal(value, datatype),
        );
        sink.add(
            &ev,
            &geokg("datePrecision"),
            iri(&format!("{}{unit}", ns::TIME)),
        );
        sink.add(
            &ev,
            &geokg("dateStart"),
            Literal::new_typed_literal(date.start().to_string(), xsd::DATE),
        );
        sink.add(
            &ev,
            &geokg("dateEnd"),
            Literal::new_typed_literal(date.end().to_string(), xsd::DATE),
        );
    }
    sink.add(&ev, &geokg("negated"), Literal::from(event.negated));
    sink.add(
        &ev,
        &geokg("modality"),
        Literal::new_simple_literal(event.modality.as_str()),
    );
    let confidence = format!("{:.3}", event.confidence.clamp(0.0, 1.0));
    sink.add(
        &ev,
        &geokg("confidence"),
        Literal::new_typed_literal(confidence, xsd::DECIMAL),
    );
    let evidence = iri(&format!("{ev_iri}/evidence"));
    sink.add(&ev, &geokg("evidence"), evidence.clone());
    sink.add(&ev, &format!("{}wasDerivedFrom", ns::PROV), doc.clone());
    sink.add(
        &ev,
        &geokg("extractorVersion"),
        Literal::new_simple_literal(geokg_extract::VERSION),
    );
    sink.add(&evidence, rdf::TYPE.as_str(), iri(&geokg("Mention")));
    sink.add(
        &evidence,
        rdf::TYPE.as_str(),
        iri(&format!("{}String", ns::NIF)),
    );
    sink.add(
        &evidence,
        &format!("{}anchorOf", ns::NIF),
        Literal::new_simple_literal(&event.evidence.sentence),
    );
    sink.add(
        &evidence,
        &format!("{}beginIndex", ns::NIF),
        Literal::from(event.evidence.start as i64),
    );
    sink.add(
        &evidence,
        &format!("{}endIndex", ns::NIF),
        Literal::from(event.evidence.end as i64),
    );
    sink.add(
        &evidence,
        &format!("{}referenceContext", ns::NIF),
        doc.clone(),
    );
}
