//! The event cube stays equal to the aggregate of the events it summarises, whichever way the
//! store is written: document writes and replacements, removals, SPARQL updates of every kind,
//! transactional and bulk imports, and stores whose cube went missing.

mod common;

use std::collections::BTreeMap;

use geokg::graph::io::{Format, ImportOptions, bulk_import, import};
use geokg::graph::{GraphStore, OpenOptions};
use geokg::query::{QueryOptions, update};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Quad;

const G: &str = "https://w3id.org/geokg/ns#";

/// (actor country, target country, month, quad class) → (events, Goldstein sum in thousandths).
type Table = BTreeMap<(String, String, String, String), (i64, i64)>;

fn milli(value: &str) -> i64 {
    (value.parse::<f64>().expect("number") * 1000.0).round() as i64
}

/// The cube's cells, as a table.
fn cube(store: &GraphStore) -> Table {
    let rows = store
        .select_rows(
            &format!(
                "SELECT ?ac ?tc ?m ?qc ?n ?s WHERE {{ GRAPH <https://w3id.org/geokg/graph/cube> {{
                   ?c a <{G}CubeCell> ; <{G}cellActorCountry> ?ac ; <{G}cellTargetCountry> ?tc ;
                      <{G}cellEventCount> ?n ; <{G}cellGoldsteinSum> ?s
                   OPTIONAL {{ ?c <{G}cellMonth> ?m }} OPTIONAL {{ ?c <{G}cellQuadClass> ?qc }} }} }}"
            ),
            6,
        )
        .expect("cube query");
    let mut table = Table::new();
    for r in rows {
        let key = (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone());
        assert!(
            table
                .insert(key, (r[4].parse().expect("count"), milli(&r[5])))
                .is_none(),
            "one cell per coordinate"
        );
    }
    table
}

/// The same table computed from the events by SPARQL, inside each graph (the oracle).
fn aggregate(store: &GraphStore) -> Table {
    let event = format!(
        "?e <{G}actorCountry> ?ac ; <{G}targetCountry> ?tc .
         OPTIONAL {{ ?e <{G}dateStart> ?d }} OPTIONAL {{ ?e <{G}quadClass> ?qc }}
         OPTIONAL {{ ?e <{G}goldstein> ?gs }}
         FILTER NOT EXISTS {{ ?e <{G}negated> true }}"
    );
    let rows = store
        .select_rows(
            &format!(
                "SELECT ?ac ?tc ?m ?qc (COUNT(*) AS ?n) (SUM(COALESCE(?gs, 0)) AS ?s) WHERE {{
                   {{ GRAPH ?g {{ {event} }} FILTER (?g != <https://w3id.org/geokg/graph/cube>) }}
                   UNION {{ {event} }}
                   BIND (SUBSTR(STR(?d), 1, 7) AS ?m)
                 }} GROUP BY ?ac ?tc ?m ?qc"
            ),
            6,
        )
        .expect("aggregate query");
    rows.into_iter()
        .map(|r| {
            (
                (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()),
                (r[4].parse().expect("count"), milli(&r[5])),
            )
        })
        .collect()
}

fn assert_exact(store: &GraphStore, when: &str) {
    let (cube, aggregate) = (cube(store), aggregate(store));
    assert!(
        !aggregate.is_empty() || when.contains("empty"),
        "{when}: no events"
    );
    assert_eq!(cube, aggregate, "{when}");
}

/// A small deterministic generator (no dependency, same events on every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// N-Quads for `events` events spread over `docs` document graphs: five countries, three
/// months, some negated, undated or without a quad class, one with two start dates.
fn events_nquads(seed: u64, docs: u64, events: u64) -> String {
    let mut r = Lcg(seed);
    let countries = ["USA", "RUS", "UKR", "CHN", "IRN"];
    let classes = ["verbalCooperation", "materialConflict", "verbalConflict"];
    let goldstein = ["-10.0", "3.4", "1.0", "-4.4", "7.0"];
    let mut out = String::new();
    for i in 0..events {
        let doc = format!("<http://example.org/doc/{}>", r.next(docs));
        let e = format!("<http://example.org/event/{seed}-{i}>");
        let mut add = |p: &str, o: String| out.push_str(&format!("{e} <{G}{p}> {o} {doc} .\n"));
        add(
            "actorCountry",
            format!(
                "<https://w3id.org/geokg/country/{}>",
                countries[r.next(5) as usize]
            ),
        );
        add(
            "targetCountry",
            format!(
                "<https://w3id.org/geokg/country/{}>",
                countries[r.next(5) as usize]
            ),
        );
        if r.next(6) != 0 {
            let date = format!(
                "\"2025-0{}-1{}\"^^<http://www.w3.org/2001/XMLSchema#date>",
                1 + r.next(3),
                r.next(9)
            );
            add("dateStart", date);
        }
        if i == 7 {
            add(
                "dateStart",
                "\"2024-12-31\"^^<http://www.w3.org/2001/XMLSchema#date>".into(),
            );
        }
        if r.next(5) != 0 {
            add("quadClass", format!("<{G}{}>", classes[r.next(3) as usize]));
            let g = goldstein[r.next(5) as usize];
            add(
                "goldstein",
                format!("\"{g}\"^^<http://www.w3.org/2001/XMLSchema#decimal>"),
            );
        }
        let negated = r.next(7) == 0;
        add(
            "negated",
            format!("\"{negated}\"^^<http://www.w3.org/2001/XMLSchema#boolean>"),
        );
        add("modality", "\"asserted\"".into());
    }
    out
}

/// The quads of `nquads`, grouped by graph, as document writes.
fn documents(nquads: &str) -> Vec<(String, Vec<Quad>)> {
    let mut docs: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
    for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(nquads.as_bytes()) {
        let q = q.expect("valid N-Quads");
        let g = q.graph_name.to_string();
        docs.entry(g.trim_matches(['<', '>']).to_string())
            .or_default()
            .push(q);
    }
    docs.into_iter().collect()
}

fn memory_store() -> GraphStore {
    GraphStore::open(&OpenOptions::default()).expect("in-memory store")
}

#[test]
fn document_writes_replacements_and_removals_keep_the_cube_exact() {
    let store = memory_store();
    assert_exact(&store, "empty store");
    store
        .write_documents(&documents(&events_nquads(1, 6, 120)))
        .expect("write");
    assert_exact(&store, "after the first write");
    let before = cube(&store);
    // Rewriting the same documents changes nothing.
    store
        .write_documents(&documents(&events_nquads(1, 6, 120)))
        .expect("write");
    assert_eq!(cube(&store), before, "idempotent");
    // Replacing some documents with other events subtracts the old ones.
    let replaced: Vec<_> = documents(&events_nquads(2, 6, 50))
        .into_iter()
        .take(3)
        .collect();
    store.write_documents(&replaced).expect("replace");
    assert_exact(&store, "after replacing three documents");
    assert!(
        store
            .remove_document("http://example.org/doc/0")
            .expect("remove")
    );
    assert_exact(&store, "after removing a document");
}

#[test]
fn sparql_updates_keep_the_cube_exact() {
    let store = memory_store();
    store
        .write_documents(&documents(&events_nquads(3, 5, 100)))
        .expect("write");
    let opts = QueryOptions::default();
    let all = QueryOptions {
        allow_ontology_update: true,
        ..QueryOptions::default()
    };
    let updates = [
        // Data operations on source properties: only their graphs are recounted.
        format!(
            "INSERT DATA {{ GRAPH <http://example.org/doc/1> {{ <http://example.org/event/3-1> <{G}negated> true }} }}"
        ),
        format!(
            "DELETE DATA {{ GRAPH <http://example.org/doc/1> {{ <http://example.org/event/3-1> <{G}negated> true }} }}"
        ),
        // An event in the default graph counts too.
        format!(
            "INSERT DATA {{ <http://example.org/x> <{G}actorCountry> <https://w3id.org/geokg/country/FRA> ; <{G}targetCountry> <https://w3id.org/geokg/country/DEU> }}"
        ),
        // Templates over every graph: a rebuild.
        format!(
            "DELETE {{ GRAPH ?g {{ ?e <{G}actorCountry> <https://w3id.org/geokg/country/USA> }} }}
             INSERT {{ GRAPH ?g {{ ?e <{G}actorCountry> <https://w3id.org/geokg/country/GBR> }} }}
             WHERE {{ GRAPH ?g {{ ?e <{G}actorCountry> <https://w3id.org/geokg/country/USA> }} }}"
        ),
        // A template into one named graph.
        format!(
            "WITH <http://example.org/doc/2> DELETE {{ ?e <{G}quadClass> ?q }} WHERE {{ ?e <{G}quadClass> ?q }}"
        ),
        // Unrelated writes leave it alone.
        "INSERT DATA { GRAPH <http://example.org/doc/3> { <http://example.org/a> <http://example.org/p> 1 } }".into(),
        // Tampering with the cube's own graph restores it.
        format!(
            "INSERT DATA {{ GRAPH <https://w3id.org/geokg/graph/cube> {{ <http://example.org/c> a <{G}CubeCell> ; <{G}cellEventCount> 99 ; <{G}cellGoldsteinSum> 1.0 ; <{G}cellActorCountry> <http://example.org/a> ; <{G}cellTargetCountry> <http://example.org/b> }} }}"
        ),
        format!(
            "WITH <https://w3id.org/geokg/graph/cube> DELETE {{ ?c <{G}cellEventCount> ?n }} INSERT {{ ?c <{G}cellEventCount> 1000 }} WHERE {{ ?c <{G}cellEventCount> ?n }}"
        ),
        format!("DELETE WHERE {{ GRAPH ?g {{ ?c <{G}cellEventCount> ?n }} }}"),
        "DROP GRAPH <http://example.org/doc/4>".into(),
        "CLEAR DEFAULT".into(),
        "DROP NAMED".into(),
    ];
    for u in &updates {
        let opts = match u.as_str() {
            "DROP NAMED" => &all,
            _ => &opts,
        };
        update(&store, u, opts).unwrap_or_else(|e| panic!("{u}: {e}"));
        if u.starts_with("DROP NAMED") {
            assert_exact(&store, "empty after DROP NAMED");
            assert!(cube(&store).is_empty());
        } else {
            assert_exact(&store, u);
        }
    }
}

#[test]
fn imports_keep_the_cube_exact_and_ignore_an_exports_cells() {
    let store = memory_store();
    let cells = format!(
        "<http://example.org/c> <{G}cellEventCount> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/geokg/graph/cube> .\n"
    );
    let data = events_nquads(4, 4, 80) + &cells;
    import(
        &store,
        "a.nq",
        Format::Nquads,
        data.as_bytes(),
        &ImportOptions::default(),
    )
    .expect("import");
    assert_exact(&store, "after a transactional import");
    // Importing into graphs that already hold events joins their facts.
    let more = events_nquads(5, 4, 40);
    bulk_import(
        &store,
        [("b.nq".to_string(), Format::Nquads, more.as_bytes())],
        &ImportOptions::default(),
    )
    .expect("bulk import");
    assert_exact(&store, "after a bulk import");
    assert!(
        store
            .is_complete(&geokg::graph::cube::CUBE)
            .expect("marker")
    );
}

#[test]
fn a_missing_cube_is_rebuilt_on_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let options = OpenOptions {
        path: Some(dir.path().join("store")),
        ..OpenOptions::default()
    };
    {
        let store = GraphStore::open(&options).expect("open");
        store
            .write_documents(&documents(&events_nquads(6, 3, 30)))
            .expect("write");
        // As if a bulk load had been interrupted after its data landed.
        assert!(store.drop_marker(&geokg::graph::cube::CUBE).expect("drop"));
        store
            .store()
            .clear_graph(oxigraph::model::NamedNodeRef::new_unchecked(
                "https://w3id.org/geokg/graph/cube",
            ))
            .expect("clear");
    }
    let store = GraphStore::open(&options).expect("reopen");
    assert!(
        store
            .is_complete(&geokg::graph::cube::CUBE)
            .expect("marker")
    );
    assert_exact(&store, "after reopening");
}

/// The rows of `geokg query --format tsv` without the header, sorted, with numbers rounded.
fn tsv_rows(out: &str) -> Vec<String> {
    let mut rows: Vec<String> = out
        .lines()
        .skip(1)
        .map(|line| {
            line.split('\t')
                .map(|v| match v.parse::<f64>() {
                    Ok(x) if v.contains('.') => format!("{x:.6}"),
                    _ => v.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    rows.sort();
    rows
}

/// Every example query that reads the cube gives the rows of the event form in its comment.
#[test]
fn example_cube_queries_agree_with_their_event_forms() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    common::stdout_of(
        common::geokg_at(&store)
            .arg("ingest")
            .args(common::example_articles()),
    );
    let queries = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries");
    let mut checked = 0;
    for name in ["events-per-dyad-month.rq", "goldstein-by-dyad.rq"] {
        let text = std::fs::read_to_string(queries.join(name)).expect("query file");
        let marker = "The same rows straight from the events:";
        let at = text.find(marker).expect("event form in the comment");
        let raw: String = text[at + marker.len()..]
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("#   "))
            .map(|l| &l[4..])
            .collect::<Vec<_>>()
            .join("\n");
        let run = |q: &str| {
            common::stdout_of(
                common::geokg_at(&store)
                    .args(["query", "--format", "tsv"])
                    .arg(q),
            )
        };
        let cube_rows = tsv_rows(&run(&text));
        let event_rows = tsv_rows(&run(&raw));
        assert!(!cube_rows.is_empty(), "{name}: no rows");
        assert_eq!(cube_rows, event_rows, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 2);
}

/// Bulk ingest adds its documents' cells once at the end, across several runs.
#[test]
fn bulk_ingest_keeps_the_cube_exact() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("db");
    let files = common::example_articles();
    let (first, second) = files.split_at(1);
    for part in [first, second] {
        common::stdout_of(
            common::geokg_at(&path)
                .args(["ingest", "--bulk"])
                .args(part),
        );
    }
    let store = GraphStore::open(&OpenOptions {
        path: Some(path),
        read_only: true,
        ..OpenOptions::default()
    })
    .expect("open");
    assert!(
        store
            .is_complete(&geokg::graph::cube::CUBE)
            .expect("marker")
    );
    assert_exact(&store, "after two bulk ingests");
}

/// Bulk ingests that see each document twice, one document per batch, committing after every
/// document (a repeat comes after its first copy is committed) or once at the end (a repeat
/// comes while its first copy is in the loader, uncommitted), write the same store as one
/// transaction per batch, with an exact cube.
#[test]
fn bulk_ingest_committing_often_equals_transactions() {
    use geokg::pipeline::{IngestOptions, ReadOptions, ingest_with};
    use geokg_extract::{Extractor, Lexicon};

    let dir = tempfile::tempdir().expect("tmp");
    let extractor = Extractor::new(Lexicon::builtin().expect("lexicon"));
    let files: Vec<String> = common::example_articles()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let twice: Vec<String> = files.iter().chain(&files).cloned().collect();
    let mut stores = Vec::new();
    let mut first_documents = None;
    for (name, how, inputs) in [
        ("transactions", IngestOptions::TRANSACTIONS, &files),
        (
            "bulk",
            IngestOptions {
                batch_docs: 1,
                bulk_chunk_quads: 1,
                ..IngestOptions::BULK
            },
            &twice,
        ),
        (
            "bulk-once",
            IngestOptions {
                batch_docs: 1,
                ..IngestOptions::BULK
            },
            &twice,
        ),
    ] {
        let store = GraphStore::open(&OpenOptions {
            path: Some(dir.path().join(name)),
            ..OpenOptions::default()
        })
        .expect("open");
        let summary = ingest_with(
            &store,
            &extractor,
            inputs,
            &ReadOptions::default(),
            how,
            |_| {},
        )
        .expect("ingest");
        let documents = *first_documents.get_or_insert(summary.documents);
        let repeats = inputs.len() / files.len();
        assert_eq!(summary.documents, documents * repeats as u64, "{name}");
        assert_eq!(
            summary.unchanged,
            documents * (repeats as u64 - 1),
            "{name}: documents seen before are left alone"
        );
        assert!(
            store
                .is_complete(&geokg::graph::cube::CUBE)
                .expect("marker")
        );
        assert_exact(&store, name);
        stores.push(store);
    }
    // Everything but the ontology graph (whose blank nodes are named per store).
    let quads = |store: &GraphStore| {
        let mut all: Vec<String> = store
            .store()
            .iter()
            .map(|q| q.expect("quad"))
            .filter(|q| {
                q.graph_name.to_string() != format!("<{}>", geokg::graph::ns::ONTOLOGY_GRAPH)
            })
            .map(|q| q.to_string())
            .collect();
        all.sort();
        all
    };
    let expected = quads(&stores[0]);
    assert!(expected.len() > 200, "{} quads", expected.len());
    for bulk in &stores[1..] {
        let bulk = quads(bulk);
        let differ: Vec<_> = expected
            .iter()
            .zip(&bulk)
            .filter(|(a, b)| a != b)
            .take(3)
            .collect();
        assert!(differ.is_empty(), "{differ:#?}");
        assert_eq!(expected.len(), bulk.len());
    }
}
