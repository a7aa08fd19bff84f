//! End-to-end tests of the command line contract: ingest, query, update, export, import, stats.

mod common;

use common::*;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use predicates::prelude::*;

#[test]
fn ingest_twice_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    let files = example_articles();
    geokg_at(&store)
        .arg("ingest")
        .args(&files)
        .assert()
        .success()
        .stderr(predicate::str::contains("ingested"));
    let first = triple_count(&store);
    geokg_at(&store)
        .arg("ingest")
        .args(&files)
        .assert()
        .success()
        .stderr(predicate::str::contains("unchanged"));
    assert_eq!(triple_count(&store), first);
    assert!(first > 1000, "ontology plus documents: {first}");
}

#[test]
fn export_import_round_trip_preserves_triples() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = dir.path().join("a");
    geokg_at(&a)
        .arg("ingest")
        .args(example_articles())
        .assert()
        .success();
    let count = triple_count(&a);
    for (format, ext) in [("nquads", "nq"), ("trig", "trig")] {
        let file = dir.path().join(format!("dump.{ext}"));
        geokg_at(&a)
            .args(["export", "--format", format, "-o"])
            .arg(&file)
            .assert()
            .success();
        let b = dir.path().join(format!("b-{ext}"));
        geokg_at(&b).arg("import").arg(&file).assert().success();
        assert_eq!(triple_count(&b), count, "{format} round trip");
    }
}

#[test]
fn every_export_format_parses_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    geokg_at(&store)
        .arg("ingest")
        .args(example_articles())
        .assert()
        .success();
    for (name, format) in [
        ("turtle", RdfFormat::Turtle),
        ("ntriples", RdfFormat::NTriples),
        ("nquads", RdfFormat::NQuads),
        ("trig", RdfFormat::TriG),
        ("rdfxml", RdfFormat::RdfXml),
    ] {
        let out = stdout_of(geokg_at(&store).args(["export", "--no-ontology", "--format", name]));
        let quads = RdfParser::from_format(format)
            .for_slice(out.as_bytes())
            .collect::<Result<Vec<_>, _>>();
        let quads = quads.unwrap_or_else(|e| panic!("{name} export does not parse: {e}"));
        assert!(!quads.is_empty(), "{name} export is empty");
    }
}

#[test]
fn query_result_formats_parse_back() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    geokg_at(&store)
        .arg("ingest")
        .args(example_articles())
        .assert()
        .success();
    let q = "SELECT ?d ?t WHERE { ?d a geokg:Document ; dcterms:title ?t } ORDER BY ?t";
    let csv = stdout_of(geokg_at(&store).args(["query", "--format", "csv", q]));
    assert_eq!(csv.lines().next(), Some("d,t"));
    assert_eq!(csv.lines().count(), 5, "{csv}");
    for (name, format) in [
        ("tsv", QueryResultsFormat::Tsv),
        ("json", QueryResultsFormat::Json),
        ("xml", QueryResultsFormat::Xml),
    ] {
        let out = stdout_of(geokg_at(&store).args(["query", "--format", name, q]));
        let parsed = QueryResultsParser::from_format(format)
            .for_reader(out.as_bytes())
            .expect("parses");
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            panic!("{name}: not solutions")
        };
        let rows: Vec<_> = solutions.collect::<Result<_, _>>().expect("rows parse");
        assert_eq!(rows.len(), 4, "{name}: one row per example document");
    }
    let table = stdout_of(geokg_at(&store).args(["query", q]));
    assert!(
        table.contains("│ d ") && table.ends_with("4 rows\n"),
        "{table}"
    );
}

#[test]
fn construct_results_are_rdf() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    geokg_at(&store)
        .arg("ingest")
        .args(example_articles())
        .assert()
        .success();
    let out = stdout_of(geokg_at(&store).args([
        "query",
        "--format",
        "turtle",
        "CONSTRUCT { ?d a geokg:Document } WHERE { ?d a geokg:Document }",
    ]));
    let triples = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(out.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("turtle");
    assert_eq!(triples.len(), 4);
}

#[test]
fn bad_query_fails_with_position() {
    geokg()
        .args(["--memory", "query", "SELECT * WHERE { ?s ?p }"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("syntax error at line 1"));
}

#[test]
fn missing_input_file_fails_clearly() {
    geokg()
        .args(["--memory", "ingest", "no/such/file.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::starts_with("error: no/such/file.txt: "));
}

#[test]
fn query_on_missing_store_fails() {
    let dir = tempfile::tempdir().expect("tmp");
    geokg_at(&dir.path().join("nope"))
        .args(["query", "ASK {}"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no store at"));
}

#[test]
fn update_cannot_touch_the_ontology_by_default() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    geokg_at(&store)
        .args(["ingest", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .success();
    let before = triple_count(&store);
    geokg_at(&store)
        .args([
            "update",
            "DROP GRAPH <https://w3id.org/geokg/graph/ontology>",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("ontology graph"));
    assert_eq!(triple_count(&store), before);
    geokg_at(&store)
        .args([
            "update",
            "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 1 } }",
        ])
        .assert()
        .success();
    assert_eq!(triple_count(&store), before + 1);
}

#[test]
fn stats_reports_the_ontology() {
    let out = stdout_of(geokg().args(["--memory", "stats"]));
    assert!(
        out.contains("ontology") && out.contains("(current)"),
        "{out}"
    );
}

#[test]
fn stats_from_document_counts_match_a_full_count() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    geokg_at(&store)
        .args(["-q", "ingest"])
        .args(example_articles())
        .assert()
        .success();
    let stats = |exact: bool| -> serde_json::Value {
        let mut cmd = geokg_at(&store);
        cmd.args(["stats", "--json"]);
        if exact {
            cmd.arg("--exact");
        }
        let mut v: serde_json::Value = serde_json::from_str(&stdout_of(&mut cmd)).expect("JSON");
        // RocksDB's files change size between runs.
        v.as_object_mut().expect("object").remove("store_bytes");
        v
    };
    let fast = stats(false);
    assert!(fast["events"].as_u64().unwrap() > 0, "{fast}");
    // Everything ingest writes is in named graphs.
    let quads = stdout_of(geokg_at(&store).args([
        "query",
        "--format",
        "tsv",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    ]));
    let quads: u64 = quads
        .lines()
        .nth(1)
        .expect("a row")
        .trim()
        .parse()
        .expect("a count");
    assert_eq!(fast["triples"].as_u64().unwrap(), quads);
    assert_eq!(fast, stats(true));
    // Triples outside document graphs are counted directly.
    geokg_at(&store)
        .args([
            "update",
            "INSERT DATA { <urn:x:a> <urn:x:b> 1 . GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 2, 3 } }",
        ])
        .assert()
        .success();
    let after = stats(false);
    assert_eq!(
        after["triples"].as_u64().unwrap(),
        fast["triples"].as_u64().unwrap() + 3
    );
    assert_eq!(after, stats(true));
    // A document graph without recorded counts: everything is counted the exact way.
    geokg_at(&store)
        .args([
            "update",
            "INSERT DATA { GRAPH <urn:x:doc> { <urn:x:doc> a geokg:Document } }",
        ])
        .assert()
        .success();
    let uncounted = stats(false);
    assert_eq!(
        uncounted["documents"].as_u64().unwrap(),
        fast["documents"].as_u64().unwrap() + 1
    );
    assert_eq!(
        uncounted["triples"].as_u64().unwrap(),
        after["triples"].as_u64().unwrap() + 1
    );
    assert_eq!(uncounted, stats(true));
}
