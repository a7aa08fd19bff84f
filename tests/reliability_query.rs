//! Query safety: timeouts, no network access (SERVICE, LOAD), protection of the ontology graph.

mod reliability_util;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use reliability_util::*;

const ONTOLOGY: &str = "https://w3id.org/geokg/graph/ontology";

/// A store with one document, and the temp dir around it.
fn store_with_one_doc() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    geokg_at(&store)
        .args(["ingest", "-"])
        .write_stdin("Talks\n\nRussia and Ukraine held talks in Geneva.\n")
        .assert()
        .success();
    (dir, store)
}

/// A listener nobody should connect to; asserts on drop-check via [`assert_untouched`].
fn listener() -> (TcpListener, u16) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    l.set_nonblocking(true).expect("nonblocking");
    let port = l.local_addr().expect("addr").port();
    (l, port)
}

fn assert_untouched(l: &TcpListener) {
    match l.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        Ok((_, peer)) => panic!("geokg connected to the listener from {peer}"),
        Err(e) => panic!("accept: {e}"),
    }
}

#[test]
fn cross_product_queries_time_out() {
    let q = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ONTOLOGY}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} }}"
    );
    let started = Instant::now();
    let out = run(geokg().args(["--memory", "query", "--timeout", "1", &q]));
    let took = started.elapsed();
    assert_one_error(&out, &["cancelled after the 1s timeout"]);
    assert!(took < Duration::from_secs(20), "took {took:?}");
    // Streamed results time out too (the timeout stays armed while rows are written).
    let q = format!("SELECT * WHERE {{ GRAPH <{ONTOLOGY}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} }}");
    let out = run(geokg().args([
        "--memory",
        "query",
        "--format",
        "tsv",
        "--timeout",
        "0.5",
        &q,
    ]));
    let err = stderr(&out);
    assert_no_panic(&err);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("error: ") && l.contains("timeout")),
        "{err}"
    );
    for bad in ["0", "-1", "nan"] {
        let out = run(geokg().args(["--memory", "query", &format!("--timeout={bad}"), "ASK {}"]));
        assert_one_error(&out, &["--timeout"]);
    }
}

#[test]
fn updates_time_out_and_write_nothing() {
    let (_dir, store) = store_with_one_doc();
    let before = triples(&store);
    let u = format!(
        "INSERT {{ GRAPH <urn:x:g> {{ ?a <urn:x:p> ?d }} }} WHERE {{ GRAPH <{ONTOLOGY}> {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} }}"
    );
    let started = Instant::now();
    let out = run(geokg_at(&store).args(["update", "--timeout", "1", &u]));
    assert_one_error(&out, &["timeout"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(triples(&store), before);
}

#[test]
fn service_makes_no_network_request() {
    let (l, port) = listener();
    for q in [
        format!("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"),
        format!(
            "SELECT * WHERE {{ ?x ?y ?z . SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?x }} }} LIMIT 1"
        ),
        format!("ASK {{ SERVICE <http://localhost:{port}/> {{ ?s ?p ?o }} }}"),
    ] {
        let started = Instant::now();
        let out = run(geokg().args(["--memory", "query", &q]));
        assert_one_error(&out, &["SERVICE", "disabled"]);
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "took {:?}",
            started.elapsed()
        );
    }
    // SERVICE SILENT turns the refusal into an empty result; still no request.
    let q = format!(
        "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    );
    let out = run(geokg().args(["--memory", "query", "--format", "csv", &q]));
    assert_no_panic(&stderr(&out));
    assert_untouched(&l);
}

#[test]
fn load_is_refused() {
    let (_dir, store) = store_with_one_doc();
    let before = triples(&store);
    let (l, port) = listener();
    let hostname = write(_dir.path(), "data.ttl", "<urn:a> <urn:b> <urn:c> .\n");
    for u in [
        format!("LOAD <http://127.0.0.1:{port}/data.ttl>"),
        format!("LOAD <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <urn:x:g>"),
        format!("LOAD <file://{}>", hostname.display()),
    ] {
        let started = Instant::now();
        let out = run(geokg_at(&store).args(["update", &u]));
        assert_one_error(&out, &["LOAD", "disabled", "geokg import"]);
        assert!(started.elapsed() < Duration::from_secs(30));
    }
    let out = run(geokg_at(&store).args([
        "update",
        &format!("LOAD SILENT <http://127.0.0.1:{port}/x.ttl>"),
    ]));
    assert_no_panic(&stderr(&out));
    assert_untouched(&l);
    assert_eq!(triples(&store), before);
}

#[test]
fn updates_over_all_graphs_cannot_touch_the_ontology() {
    let (_dir, store) = store_with_one_doc();
    let before = triples(&store);
    let docs = documents(&store);
    for u in [
        "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }".to_string(),
        "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }".to_string(),
        "DROP ALL".to_string(),
        "CLEAR NAMED".to_string(),
        "DROP NAMED".to_string(),
        format!("MOVE GRAPH <{ONTOLOGY}> TO <urn:x:g>"),
        format!("COPY DEFAULT TO GRAPH <{ONTOLOGY}>"),
        format!("INSERT DATA {{ GRAPH <{ONTOLOGY}> {{ <urn:a> <urn:b> <urn:c> }} }}"),
        format!(
            "DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g = <{ONTOLOGY}>) }}"
        ),
        // Also within one request after an allowed change: nothing of it is written.
        format!(
            "INSERT DATA {{ GRAPH <urn:x:g> {{ <urn:a> <urn:b> <urn:c> }} }} ; DROP GRAPH <{ONTOLOGY}>"
        ),
    ] {
        let out = run(geokg_at(&store).args(["update", &u]));
        assert_one_error(
            &out,
            &[
                "ontology graph",
                "nothing was written",
                "--allow-ontology-update",
            ],
        );
        assert_eq!(triples(&store), before, "{u}");
    }
    assert_eq!(documents(&store), docs);
    assert_eq!(broken_documents(&store), 0);
    // Deleting every document graph (and only those) is allowed.
    let u = "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/geokg/doc/\")) }";
    geokg_at(&store)
        .args(["-q", "update", u])
        .assert()
        .success();
    assert_eq!(documents(&store), 0);
    // With the flag, the ontology can be changed; it is reloaded on the next write open.
    geokg_at(&store)
        .args(["-q", "update", "--allow-ontology-update", "DROP ALL"])
        .assert()
        .success();
    assert_eq!(
        stats(&store)["ontology_current"],
        serde_json::Value::Bool(false)
    );
    geokg_at(&store)
        .args([
            "update",
            "INSERT DATA { GRAPH <urn:x:g> { <urn:a> <urn:b> <urn:c> } }",
        ])
        .assert()
        .success();
    assert_eq!(
        stats(&store)["ontology_current"],
        serde_json::Value::Bool(true)
    );
}
