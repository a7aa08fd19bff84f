//! The REPL driven through standard input (scripts): statement splitting, dot-commands,
//! output modes, prefixes, and stopping at the first error.

mod common;

use common::*;
use predicates::prelude::*;

/// `geokg --memory repl` with `input` on standard input; returns (success, stdout, stderr).
fn repl(input: &str) -> (bool, String, String) {
    let out = geokg()
        .args(["--memory", "repl"])
        .env("HOME", "/nonexistent")
        .write_stdin(input)
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn multi_line_queries_run_when_complete() {
    let (ok, out, err) = repl("SELECT ?label\nWHERE {\n  cameo:042 skos:prefLabel ?label\n}\n");
    assert!(ok, "{err}");
    assert!(out.contains("Make a visit"), "{out}");
    assert!(out.contains("1 row"), "{out}");
    assert!(err.is_empty(), "no prompts or banner: {err}");
}

#[test]
fn a_complete_query_takes_the_following_order_by() {
    let q = "SELECT ?code WHERE { ?c skos:inScheme cameo:scheme ; skos:notation ?code FILTER(STRSTARTS(?code, \"04\")) }\nORDER BY DESC(?code)\nLIMIT 2\n";
    let (ok, out, err) = repl(&format!(".mode csv\n{q}"));
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0].trim(), "code");
    assert!(lines[1] > lines[2], "descending: {out}");
}

#[test]
fn semicolons_separate_statements_on_one_line() {
    let (ok, out, err) =
        repl(".mode csv\nASK { cameo:042 a skos:Concept }; ASK { cameo:042 a geokg:Event };\n");
    assert!(ok, "{err}");
    assert_eq!(
        out.lines().map(str::trim).collect::<Vec<_>>(),
        vec!["true", "false"],
        "{out}"
    );
}

#[test]
fn csv_mode_and_headers_off() {
    let (ok, out, err) =
        repl(".mode csv\n.headers off\nSELECT ?n WHERE { cameo:042 skos:notation ?n }\n");
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "042");
    let (ok, out, _) = repl(".mode csv\nSELECT ?n WHERE { cameo:042 skos:notation ?n }\n");
    assert!(ok);
    assert!(out.starts_with("n\r\n042"), "{out:?}");
}

#[test]
fn prefix_lines_persist_for_the_session() {
    let input = "PREFIX c: <https://w3id.org/geokg/cameo/>\n.mode csv\n.headers off\nSELECT ?l WHERE { c:042 skos:prefLabel ?l }\n.prefix cn https://w3id.org/geokg/country/\nSELECT ?x WHERE { BIND(cn:RUS AS ?x) }\n.mode table\nSELECT ?x WHERE { BIND(<https://w3id.org/geokg/country/RUS> AS ?x) }\n.prefixes\n";
    let (ok, out, err) = repl(input);
    assert!(ok, "{err}");
    assert!(out.contains("Make a visit"), "{out}");
    assert!(
        out.contains("https://w3id.org/geokg/country/RUS"),
        "csv shows full IRIs: {out}"
    );
    assert!(
        out.contains("country:RUS") || out.contains("cn:RUS"),
        "table shows compact names: {out}"
    );
    assert!(
        out.contains("c:  ")
            || out.contains("c: <https://w3id.org/geokg/cameo/>")
            || out.lines().any(|l| l.starts_with("c:")),
        "{out}"
    );
}

#[test]
fn read_runs_a_query_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = write(
        dir.path(),
        "q.rq",
        "# a comment\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT ?n\nWHERE { cameo:042 skos:notation ?n }\n\n.mode csv\nASK { cameo:042 a skos:Concept }\n",
    );
    let (ok, out, err) = repl(&format!(".read {}\n", file.display()));
    assert!(ok, "{err}");
    assert!(out.contains("042"), "{out}");
    assert!(out.trim_end().ends_with("true"), "{out}");
    let events =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/queries/events.rq");
    let (ok, out, err) = repl(&format!(".read {}\n", events.display()));
    assert!(ok, "{err}");
    assert!(out.contains("0 rows"), "one query, empty store: {out}");
}

#[test]
fn syntax_errors_stop_the_script_with_a_caret() {
    let (ok, out, err) = repl(".mode csv\nASK {}\nSELECT ?s WHERE { ?s ?p }\nASK { ?s ?p ?o }\n");
    assert!(!ok);
    assert_eq!(
        out.trim(),
        "true",
        "the first statement ran, the last did not: {out}"
    );
    assert!(err.contains("<stdin>:3: syntax error at line 1"), "{err}");
    assert!(err.contains("SELECT ?s WHERE { ?s ?p }\n"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn unknown_prefixes_suggest_the_closest() {
    let (ok, _, err) = repl("SELECT * WHERE { ?e a geokgg:Event }\n");
    assert!(!ok);
    assert!(err.contains("unknown prefix `geokgg:`"), "{err}");
    assert!(err.contains("did you mean `geokg:`"), "{err}");
}

#[test]
fn unknown_commands_fail_with_a_suggestion() {
    let (ok, _, err) = repl(".mdoe csv\n");
    assert!(!ok);
    assert!(
        err.contains("unknown command .mdoe; did you mean .mode?"),
        "{err}"
    );
}

#[test]
fn bail_off_goes_on_but_still_fails() {
    let (ok, out, err) = repl(".bail off\n.mode csv\nASK { ?s ?p }\nASK {}\n");
    assert!(!ok, "an error happened");
    assert_eq!(out.trim(), "true");
    assert!(err.contains("syntax error"), "{err}");
}

#[test]
fn updates_dot_commands_and_output_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let once = dir.path().join("once.json");
    let export = dir.path().join("dump.nq");
    let input = format!(
        "INSERT DATA {{ GRAPH <http://ex/g> {{ <http://ex/a> skos:prefLabel \"Alpha\" }} }}\n.once {}\n.mode json\nSELECT ?l WHERE {{ <http://ex/a> skos:prefLabel ?l }}\n.mode csv\n.graphs\n.describe <http://ex/a>\n.export {}\n.stats\n.help\n",
        once.display(),
        export.display()
    );
    let (ok, out, err) = repl(&input);
    assert!(ok, "{err}");
    let json = std::fs::read_to_string(&once).expect("once file");
    assert!(json.contains("\"Alpha\""), "{json}");
    assert!(
        !out.contains("\"Alpha\""),
        "the once result went to the file"
    );
    assert!(out.contains("http://ex/g"), ".graphs: {out}");
    assert!(out.contains("Alpha"), ".describe: {out}");
    assert!(
        std::fs::read_to_string(&export)
            .expect("export")
            .contains("<http://ex/a>")
    );
    assert!(out.contains("named graphs"), ".stats: {out}");
    assert!(out.contains(".describe IRI|NAME"), ".help: {out}");
}

#[test]
fn ingest_then_events() {
    let dir = tempfile::tempdir().expect("tmp");
    let article = write(dir.path(), "a.txt", ARTICLE);
    let (ok, out, err) = repl(&format!(
        ".ingest {}\n.mode csv\n.events\n.events Ukraine\n",
        article.display()
    ));
    assert!(ok, "{err}");
    assert!(err.contains("ingested 1 docs"), "{err}");
    assert!(
        out.starts_with("date,actor,code,action,target,doc"),
        "{out}"
    );
}

#[test]
fn explain_shows_a_plan() {
    let (ok, out, err) = repl(".explain analyze SELECT ?c WHERE { ?c a skos:Concept } LIMIT 2\n");
    assert!(ok, "{err}");
    assert!(out.contains("rows"), "{out}");
}

#[test]
fn quit_stops_reading() {
    let (ok, out, _) = repl(".mode csv\nASK {}\n.quit\nASK {}\n");
    assert!(ok);
    assert_eq!(out.trim(), "true");
    geokg()
        .args(["--memory", "repl"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
}

#[test]
fn a_runaway_query_stops_at_the_timeout() {
    let started = std::time::Instant::now();
    let out = geokg()
        .args(["--memory", "repl", "--timeout", "0.5"])
        .write_stdin("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }\nASK {}\n")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>:1: query cancelled after the 0.5s timeout"),
        "{err}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn history_flag_and_timeout_are_options() {
    geokg()
        .args(["repl", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--history").and(predicate::str::contains("--timeout")));
}

#[test]
fn describe_by_label_or_prefixed_name() {
    let (ok, out, err) = repl(".mode csv\n.describe Russia\n.describe cameo:042\n");
    assert!(ok, "{err}");
    assert!(out.contains("RUS"), "{out}");
    assert!(out.contains("Make a visit"), "{out}");
    let (ok, _, err) = repl(".describe cntry:RUS\n");
    assert!(!ok);
    assert!(err.contains("did you mean `country:`"), "{err}");
}
