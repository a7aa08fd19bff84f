//! Helpers for the reliability tests: running geokg, checking its error output and the
//! integrity of a store.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The geokg binary with a clean environment (no backtraces, no store from the environment).
pub fn geokg() -> Command {
    let mut cmd = Command::cargo_bin("geokg").expect("binary built");
    cmd.env_remove("GEOKG_STORE")
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1");
    cmd
}

/// The geokg binary on the store at `store`.
pub fn geokg_at(store: &Path) -> Command {
    let mut cmd = geokg();
    cmd.arg("--store").arg(store);
    cmd
}

/// The path of the geokg binary, for `std::process::Command` (spawned children).
pub fn geokg_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("geokg")
}

/// Runs a command (with closed stdin unless given) and returns its output.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts no panic or backtrace in `stderr`.
pub fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked")
            && !stderr.contains("RUST_BACKTRACE")
            && !stderr.contains("stack backtrace"),
        "panic:\n{stderr}"
    );
}

/// Asserts the run failed with exit code 1 and exactly one stderr line, `error: …`, containing
/// every `needle`; returns that line.
pub fn assert_one_error(out: &Output, needles: &[&str]) -> String {
    let err = stderr(out);
    assert_no_panic(&err);
    assert_eq!(out.status.code(), Some(1), "exit status; stderr:\n{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "exactly one stderr line expected:\n{err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    for n in needles {
        assert!(lines[0].contains(n), "{n:?} missing from {:?}", lines[0]);
    }
    lines[0].to_string()
}

/// Runs a command, asserts success and returns stdout.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = run(cmd);
    assert_no_panic(&stderr(&out));
    assert!(
        out.status.success(),
        "failed: {}\nstderr: {}",
        out.status,
        stderr(&out)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// `geokg stats --json` of a store (read-only, so it also works beside a writer).
pub fn stats(store: &Path) -> serde_json::Value {
    let out = stdout_of(geokg_at(store).args(["--read-only", "stats", "--json"]));
    serde_json::from_str(&out).expect("stats JSON")
}

pub fn documents(store: &Path) -> u64 {
    stats(store)["documents"].as_u64().expect("documents")
}

pub fn triples(store: &Path) -> u64 {
    stats(store)["triples"].as_u64().expect("triples")
}

/// The single number a `SELECT (… AS ?n)` query returns (CSV output).
pub fn count(store: &Path, query: &str) -> u64 {
    let out = stdout_of(geokg_at(store).args(["--read-only", "query", "--format", "csv", query]));
    out.lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count in {out:?}"))
}

/// Document graphs that are not whole: without their `geokg:Document` node carrying `docId`
/// and a `contentHash` matching the graph IRI.
pub fn broken_documents(store: &Path) -> u64 {
    count(
        store,
        r#"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {
             GRAPH ?g { ?s ?p ?o }
             FILTER(STRSTARTS(STR(?g), "https://w3id.org/geokg/doc/"))
             FILTER NOT EXISTS {
               GRAPH ?g { ?g a geokg:Document ; geokg:docId ?id ; geokg:contentHash ?h }
               FILTER(STRSTARTS(?h, CONCAT("sha256:", STRAFTER(STR(?g), "/doc/"))))
             }
           }"#,
    )
}

/// Document graphs in the store.
pub fn document_graphs(store: &Path) -> u64 {
    count(
        store,
        r#"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/geokg/doc/")) }"#,
    )
}

/// Writes `bytes` to `name` inside `dir`.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// A JSONL file of `n` distinct small articles; returns its path.
pub fn jsonl_articles(dir: &Path, name: &str, n: usize, text_bytes: usize) -> PathBuf {
    let p = dir.join(name);
    let mut w = std::io::BufWriter::new(std::fs::File::create(&p).expect("create"));
    let filler = "Officials met in Geneva on Tuesday and talks will continue next week. ";
    for i in 0..n {
        let mut text = format!("Article {i}: Russia and Ukraine held talks. ");
        while text.len() < text_bytes {
            text.push_str(filler);
        }
        writeln!(w, "{{\"id\":\"a{i}\",\"title\":\"Talks {i}\",\"date\":\"2025-08-06\",\"text\":\"{text}\"}}").expect("write");
    }
    w.flush().expect("flush");
    p
}
