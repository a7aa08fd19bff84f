//! Property tests of the RDF mapping: any article and events map to quads whose IRIs are all
//! valid and whose N-Quads serialisation parses back to the same quads.

use geokg::extract::{Action, Article, Date, DateValue, Event, Evidence, Modality, Party};
use geokg::graph::iri::content_hash;
use geokg::graph::mapping::{CodeIndex, document_quads};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Strings that stress IRIs and literals: spaces, quotes, brackets, controls, any Unicode.
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,16}",
        "[ <>\"{}|^`\\\\\n\r\t\u{0}-\u{1f}\u{7f}\u{fffd}\u{e000}\u{fdd0}\u{1fffe}]{0,8}",
        "https?://[a-z]{1,8}\\.org/[^ ]{0,10}",
        "[A-Z]{3}|IGO:[A-Z]{2,4}|"
    ]
}

fn opt<T: std::fmt::Debug>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Option<T>> {
    prop::option::of(s)
}

fn date() -> impl Strategy<Value = Date> {
    (-20_000..=20_000i32, 1..=12u8, 1..=28u8)
        .prop_map(|(y, m, d)| Date::new(y, m, d).expect("valid"))
}

fn date_value() -> impl Strategy<Value = DateValue> {
    (date(), 0..3u8).prop_map(|(d, p)| match p {
        0 => DateValue::day(d),
        1 => DateValue::month(d.year, d.month).expect("valid"),
        _ => DateValue::year(d.year),
    })
}

fn party() -> impl Strategy<Value = Party> {
    (
        nasty(),
        opt(nasty()),
        opt(nasty()),
        opt(nasty()),
        nasty(),
        any::<usize>(),
        any::<usize>(),
    )
        .prop_map(|(label, country, iri, role, text, start, end)| Party {
            label,
            country,
            iri,
            role,
            text,
            start,
            end,
        })
}

fn event() -> impl Strategy<Value = Event> {
    (
        (nasty(), party(), nasty(), nasty(), party()),
        (
            opt(date_value()),
            any::<bool>(),
            0..4u8,
            any::<f32>(),
            nasty(),
            any::<usize>(),
            any::<usize>(),
        ),
    )
        .prop_map(
            |(
                (doc, actor, code, label, target),
                (date, negated, m, confidence, sentence, start, end),
            )| Event {
                doc,
                actor,
                action: Action { code, label },
                target,
                date,
                negated,
                modality: [
                    Modality::Asserted,
                    Modality::Hypothetical,
                    Modality::Intended,
                    Modality::Reported,
                ][m as usize],
                confidence,
                evidence: Evidence {
                    sentence,
                    start,
                    end,
                },
            },
        )
}

fn article() -> impl Strategy<Value = Article> {
    (
        nasty(),
        opt(nasty()),
        "\\PC{0,40}",
        opt(date()),
        opt(nasty()),
        opt(nasty()),
    )
        .prop_map(|(id, title, text, published, url, source)| Article {
            id,
            title,
            body_start: 0,
            text,
            published,
            url,
            source,
        })
}

fn codes() -> CodeIndex {
    CodeIndex::new([
        (
            "RUS".to_string(),
            "https://w3id.org/geokg/country/RUS".to_string(),
        ),
        ("bad code".to_string(), "not an iri".to_string()),
    ])
    .with_actions([(
        "042".to_string(),
        "1.9".to_string(),
        "https://w3id.org/geokg/ns#VerbalCooperation".to_string(),
    )])
}

fn assert_valid_iri(n: &NamedNode) {
    assert!(
        NamedNode::new(n.as_str()).is_ok(),
        "invalid IRI <{}>",
        n.as_str()
    );
}

fn check_quad(q: &Quad) {
    match &q.subject {
        NamedOrBlankNode::NamedNode(n) => assert_valid_iri(n),
        other => panic!("blank subject {other}"),
    }
    assert_valid_iri(&q.predicate);
    if let Term::NamedNode(n) = &q.object {
        assert_valid_iri(n);
    }
    match &q.graph_name {
        GraphName::NamedNode(n) => assert_valid_iri(n),
        other => panic!("quad outside a document graph: {other}"),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mapping_gives_valid_iris_and_round_trips_through_nquads(a in article(), events in prop::collection::vec(event(), 0..4)) {
        let hash = content_hash(&a);
        let quads = document_quads(&a, &hash, &events, &codes());
        prop_assert!(quads.len() >= 3);
        let graph = &quads[0].graph_name;
        for q in &quads {
            check_quad(q);
            prop_assert_eq!(&q.graph_name, graph, "one graph per document");
        }
        let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
        for q in &quads {
            serializer.serialize_quad(q).expect("serialises");
        }
        let bytes = serializer.finish().expect("finishes");
        let parsed = RdfParser::from_format(RdfFormat::NQuads).for_slice(&bytes).collect::<Result<Vec<_>, _>>();
        let parsed = parsed.unwrap_or_else(|e| panic!("N-Quads do not parse back: {e}\n{}", String::from_utf8_lossy(&bytes)));
        prop_assert_eq!(parsed.len(), quads.len());
        prop_assert_eq!(parsed, quads);
    }

    #[test]
    fn same_text_same_document(a in article(), b in article()) {
        let b = Article { text: a.text.clone(), ..b };
        let (qa, qb) = (document_quads(&a, &content_hash(&a), &[], &codes()), document_quads(&b, &content_hash(&b), &[], &codes()));
        prop_assert_eq!(&qa[0].graph_name, &qb[0].graph_name);
    }
}
