//! The throughput paths give the same stores as the default ones: `ingest --bulk`,
//! `import --bulk`, and the tokenising floor `extract --stage tokenize`.

mod common;

use common::*;
use predicates::prelude::*;

fn stats_json(store: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&stdout_of(geokg_at(store).args(["stats", "--json"]))).expect("stats JSON")
}

#[test]
fn bulk_ingest_equals_transactional_ingest_and_is_idempotent() {
    let dir = tempfile::tempdir().expect("tmp");
    let (plain, bulk) = (dir.path().join("plain"), dir.path().join("bulk"));
    let files = example_articles();
    geokg_at(&plain)
        .arg("ingest")
        .args(&files)
        .assert()
        .success();
    geokg_at(&bulk)
        .args(["ingest", "--bulk"])
        .args(&files)
        .assert()
        .success();
    let expected = stats_json(&plain);
    assert_eq!(stats_json(&bulk)["triples"], expected["triples"]);
    assert_eq!(stats_json(&bulk)["documents"], expected["documents"]);
    // Twice, and with a small batch: every document is already there.
    geokg_at(&bulk)
        .args(["ingest", "--bulk", "--batch-docs", "1"])
        .args(&files)
        .args(&files)
        .assert()
        .success()
        .stderr(predicate::str::contains("unchanged"));
    assert_eq!(stats_json(&bulk)["triples"], expected["triples"]);
}

#[test]
fn bulk_import_of_an_export_restores_the_store() {
    let dir = tempfile::tempdir().expect("tmp");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    geokg_at(&a)
        .arg("ingest")
        .args(example_articles())
        .assert()
        .success();
    let nq = dir.path().join("all.nq");
    geokg_at(&a)
        .args(["export", "-o"])
        .arg(&nq)
        .assert()
        .success();
    geokg_at(&b)
        .args(["import", "--bulk"])
        .arg(&nq)
        .assert()
        .success();
    let without_size = |mut v: serde_json::Value| {
        v["store_bytes"] = serde_json::Value::Null;
        v
    };
    assert_eq!(without_size(stats_json(&b)), without_size(stats_json(&a)));
}

#[test]
fn bulk_import_is_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    let good = write(
        dir.path(),
        "good.nt",
        "<http://ex/a> <http://ex/p> <http://ex/b> .\n",
    );
    let bad = write(dir.path(), "bad.nt", "<http://ex/c> <http://ex/p> .\n");
    geokg_at(&store).arg("import").arg(&good).assert().success();
    let before = triple_count(&store);
    geokg_at(&store)
        .args(["import", "--bulk"])
        .arg(&good)
        .arg(&bad)
        .assert()
        .failure();
    assert_eq!(triple_count(&store), before);
}

#[test]
fn tokenize_stage_prints_counts_only() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write(dir.path(), "a.txt", ARTICLE);
    geokg()
        .args(["extract", "--stage", "tokenize"])
        .arg(&file)
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"^1 articles, \d+ sentences, \d+ tokens, \d+ bytes\n$")
                .expect("regex"),
        );
}
