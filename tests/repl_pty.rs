//! The REPL on a pseudo-terminal: prompts, Tab completion, Ctrl-C cancelling a long query,
//! Ctrl-C clearing the input, and history persisted across sessions.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use rexpect::session::{PtySession, spawn_command};

/// A long query: the cross product of the ontology graph with itself, three times.
const LONG_QUERY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// `geokg --memory repl` on a terminal, with its data directory in `home`.
fn start(home: &Path) -> PtySession {
    start_with(home, true)
}

fn start_with(home: &Path, no_color: bool) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_geokg"));
    cmd.args(["--memory", "repl"])
        .env_remove("GEOKG_STORE")
        .env_remove("GEOKG_HISTORY")
        .env("TERM", "xterm")
        .env("NO_COLOR", if no_color { "1" } else { "" })
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"));
    let mut p = spawn_command(cmd, Some(30_000)).expect("spawn geokg repl");
    p.exp_string("SPARQL shell on an in-memory store: 0 documents")
        .expect("banner with the document count");
    p.exp_string("Type .help").expect("banner");
    p.exp_string("geokg> ").expect("prompt");
    p
}

fn quit(mut p: PtySession) {
    p.send_line(".quit").expect("send");
    p.exp_eof().expect("exits");
}

#[test]
fn tab_completes_commands_and_names() {
    let home = tempfile::tempdir().expect("tmp");
    let mut p = start(home.path());
    p.send(".sta\t").expect("send");
    p.flush().expect("flush");
    p.send("\r").expect("send");
    p.flush().expect("flush");
    p.exp_string("named graphs")
        .expect(".sta<Tab> completed to .stats");
    p.exp_string("geokg> ").expect("prompt");
    // The vocabulary loads in the background; give it time in slow builds.
    std::thread::sleep(Duration::from_millis(1500));
    p.send("SELECT ?l WHERE { cameo:042 skos:prefL\t ?l }")
        .expect("send");
    p.send("\r").expect("send");
    p.flush().expect("flush");
    p.exp_string("Make a visit")
        .expect("skos:prefL<Tab> completed to skos:prefLabel");
    p.exp_string("geokg> ").expect("prompt");
    quit(p);
}

#[test]
fn continuation_prompt_and_ctrl_c_clears_input() {
    let home = tempfile::tempdir().expect("tmp");
    let mut p = start(home.path());
    p.send_line("SELECT ?l").expect("send");
    p.exp_string("...> ").expect("continuation prompt");
    p.send_line("WHERE { cameo:042 skos:prefLabel ?l }")
        .expect("send");
    p.exp_string("Make a visit").expect("multi-line query ran");
    p.exp_string("geokg> ").expect("prompt");
    p.send_line("SELECT ?nothing").expect("send");
    p.exp_string("...> ").expect("continuation prompt");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("geokg> ").expect("input cleared");
    p.send_line("ASK { cameo:042 a skos:Concept }")
        .expect("send");
    p.exp_string("true").expect("the next query is fresh");
    quit(p);
}

#[test]
fn ctrl_c_cancels_a_running_query() {
    let home = tempfile::tempdir().expect("tmp");
    let mut p = start(home.path());
    p.send_line(LONG_QUERY).expect("send");
    std::thread::sleep(Duration::from_millis(700));
    let sent = Instant::now();
    p.send_control('c').expect("ctrl-c");
    p.exp_string("cancelled").expect("query cancelled");
    p.exp_string("geokg> ").expect("prompt back");
    assert!(
        sent.elapsed() < Duration::from_secs(5),
        "took {:?}",
        sent.elapsed()
    );
    p.send_line("ASK { cameo:042 a skos:Concept }")
        .expect("send");
    p.exp_string("true").expect("the shell still works");
    quit(p);
}

/// Lines typed ahead (or pasted without bracketed paste) while the shell is still reading or
/// running an earlier line are kept, not dropped, like in sqlite3 and psql.
#[test]
fn typed_ahead_lines_are_kept() {
    let home = tempfile::tempdir().expect("tmp");
    let mut p = start(home.path());
    p.send("ASK { cameo:042 a skos:Concept }\r.stats\rSELECT ?n WHERE { cameo:0874 skos:notation ?n }\r")
        .expect("send");
    p.flush().expect("flush");
    p.exp_string("true").expect("first line ran");
    p.exp_string("named graphs").expect("second line ran");
    p.exp_string("0874").expect("third line ran");
    quit(p);
}

#[test]
fn history_is_saved_and_recalled() {
    let home = tempfile::tempdir().expect("tmp");
    let mut p = start(home.path());
    p.send_line("SELECT ?n WHERE { cameo:0874 skos:notation ?n }")
        .expect("send");
    p.exp_string("0874").expect("result");
    p.exp_string("geokg> ").expect("prompt");
    p.send_line("ASK { cameo:042 a skos:Concept }")
        .expect("send");
    p.exp_string("true").expect("result");
    p.exp_string("geokg> ").expect("prompt");
    p.send_line("ASK { cameo:042 a skos:Concept }")
        .expect("send");
    p.exp_string("true").expect("result");
    quit(p);
    let file = home.path().join("data/geokg/history");
    let saved = std::fs::read_to_string(&file).expect("history file");
    assert!(saved.contains("cameo:0874"), "{saved}");
    assert_eq!(
        saved.matches("ASK { cameo:042 a skos:Concept }").count(),
        1,
        "de-duplicated: {saved}"
    );

    let mut p = start(home.path());
    // Ctrl-R searches backwards; Enter accepts the match.
    p.send("\x12").expect("ctrl-r");
    p.flush().expect("flush");
    p.send("0874").expect("send");
    p.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(300));
    p.send("\r").expect("enter");
    p.flush().expect("flush");
    p.exp_string("1 row").expect("the recalled query ran");
    quit(p);
}

#[test]
fn colours_unless_no_color() {
    let home = tempfile::tempdir().expect("tmp");
    let mut p = start_with(home.path(), false);
    p.send_line("ASK { ?s ?p ?o }").expect("send");
    p.exp_string("\x1b[1;34mASK")
        .expect("the keyword is coloured");
    p.exp_string("true").expect("result");
    quit(p);
    let mut p = start(home.path());
    p.send_line("SELECT ?x WHERE { BIND(1 AS ?x) }")
        .expect("send");
    let (before, _) = p.exp_regex("1 row").expect("result");
    assert!(!before.contains("\x1b[1;34m"), "NO_COLOR: {before:?}");
    quit(p);
}
