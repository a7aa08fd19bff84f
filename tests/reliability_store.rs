//! Crash safety and concurrent use of an on-disk store: `kill -9` during ingest leaves whole
//! documents only and a re-run completes it; a second writer is refused at once with a clear
//! message while `--read-only` opens work.

mod reliability_util;

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reliability_util::*;

/// Documents per ingest transaction (`pipeline::ingest`).
const BATCH: u64 = 512;

/// Kills a child when dropped (a failing test leaves no process behind).
struct Reaper(Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_ingest(store: &std::path::Path, input: &std::path::Path) -> Reaper {
    let child = Command::new(geokg_path())
        .arg("--store")
        .arg(store)
        .args(["-q", "ingest"])
        .arg(input)
        .env_remove("GEOKG_STORE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    Reaper(child)
}

#[test]
fn kill_9_during_ingest_leaves_whole_documents_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().expect("tmp");
    // Ten batches of 512 documents: enough to be caught half-way, small enough for CI.
    let n = 5_120u64;
    let input = jsonl_articles(dir.path(), "big.jsonl", n as usize, 300);
    // A clean single run, for the expected counts.
    let clean = dir.path().join("clean");
    geokg_at(&clean)
        .args(["-q", "ingest"])
        .arg(&input)
        .assert()
        .success();
    let (clean_docs, clean_triples) = (documents(&clean), triples(&clean));
    assert_eq!(clean_docs, n);
    // Kill ingests at growing delays until one dies half-way.
    let store = dir.path().join("db");
    let mut delay = Duration::from_millis(300);
    let mut partial = None;
    for _ in 0..6 {
        let _ = std::fs::remove_dir_all(&store);
        let mut child = spawn_ingest(&store, &input);
        // Wait until the store exists (the process has started working), then the delay.
        let started = Instant::now();
        while !store.join("CURRENT").exists() && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(delay);
        child.0.kill().expect("SIGKILL");
        let status = child.0.wait().expect("wait");
        assert!(!status.success(), "killed");
        let docs = documents(&store);
        assert_eq!(
            broken_documents(&store),
            0,
            "only whole documents after kill -9 at {delay:?}"
        );
        assert_eq!(
            document_graphs(&store),
            docs,
            "every document graph has its Document node"
        );
        assert_eq!(docs % BATCH, 0, "whole batches only: {docs}");
        if docs > 0 && docs < n {
            partial = Some(docs);
            break;
        }
        delay = if docs == 0 { delay * 2 } else { delay / 2 };
    }
    let Some(partial) = partial else {
        panic!("never caught the ingest half-way; every kill came too early or too late");
    };
    println!("killed with {partial} of {n} documents stored");
    // Re-running the same ingest completes it: same documents and triples as a clean run.
    let out = run(geokg_at(&store).arg("ingest").arg(&input));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("({partial} unchanged)")),
        "{}",
        stderr(&out)
    );
    assert_eq!(documents(&store), n);
    assert_eq!(triples(&store), clean_triples);
    assert_eq!(broken_documents(&store), 0);
}

/// A writer holding the store: `geokg ingest -` reading from a pipe that stays open.
fn hold_store(store: &std::path::Path) -> Reaper {
    let child = Command::new(geokg_path())
        .arg("--store")
        .arg(store)
        .args(["ingest", "--format", "jsonl", "-"])
        .env_remove("GEOKG_STORE")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let holder = Reaper(child);
    wait_for_lock(&holder);
    holder
}

/// Waits until the child holds a file lock (the store's `LOCK`), from `/proc/locks`; probing
/// with a second writer instead could take the lock first and make the child fail.
fn wait_for_lock(child: &Reaper) {
    let pid = child.0.id().to_string();
    let started = Instant::now();
    loop {
        let locks = std::fs::read_to_string("/proc/locks").expect("/proc/locks");
        if locks
            .lines()
            .any(|l| !l.contains("->") && l.split_whitespace().any(|f| f == pid))
        {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "process {pid} never took the store"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A store in `dir` holding three ingested documents.
fn ingested_store(dir: &std::path::Path) -> std::path::PathBuf {
    let store = dir.join("db");
    let articles = jsonl_articles(dir, "first.jsonl", 3, 100);
    geokg_at(&store)
        .args(["-q", "ingest"])
        .arg(&articles)
        .assert()
        .success();
    store
}

#[test]
fn a_second_writer_is_refused_at_once_and_readers_work() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = ingested_store(dir.path());
    let mut writer = hold_store(&store);
    let pid = writer.0.id();
    for args in [
        &["query", "ASK {}"][..],
        &["update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"],
        &["ingest", "-"],
        &["stats"],
        &["repl"],
    ] {
        let started = Instant::now();
        let out = run(geokg_at(&store).args(args).write_stdin(""));
        let took = started.elapsed();
        let line = assert_one_error(
            &out,
            &[
                &store.display().to_string(),
                "in use by another process",
                "--read-only",
                &format!("pid {pid}"),
            ],
        );
        assert!(took < Duration::from_secs(5), "{args:?} took {took:?}");
        assert!(
            !line.contains("RocksDB") && !line.contains("IO error"),
            "{line}"
        );
    }
    // Read-only opens work beside the writer and see what was committed before it.
    let out = stdout_of(geokg_at(&store).args([
        "--read-only",
        "query",
        "--format",
        "csv",
        "SELECT (COUNT(?d) AS ?n) WHERE { ?d a geokg:Document }",
    ]));
    assert_eq!(out.lines().nth(1), Some("3"), "{out}");
    assert_eq!(documents(&store), 3);
    stdout_of(geokg_at(&store).args([
        "--read-only",
        "export",
        "--no-ontology",
        "--format",
        "nquads",
    ]));
    // A read-only open cannot write.
    let out = run(geokg_at(&store).args([
        "--read-only",
        "update",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    ]));
    assert_one_error(&out, &["read-only"]);
    // The writer finishes normally once its input ends; then the store is free.
    let mut stdin = writer.0.stdin.take().expect("stdin");
    writeln!(
        stdin,
        "{{\"id\":\"late\",\"text\":\"NATO condemned the attack on Kharkiv.\"}}"
    )
    .expect("write");
    drop(stdin);
    let status = writer.0.wait().expect("wait");
    assert!(status.success(), "writer failed");
    assert_eq!(documents(&store), 4);
    geokg_at(&store)
        .args([
            "update",
            "INSERT DATA { GRAPH <urn:x:g> { <urn:a> <urn:b> <urn:c> } }",
        ])
        .assert()
        .success();
}

#[test]
fn the_repl_holds_the_store_too() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    geokg_at(&store)
        .args(["ingest", "-"])
        .write_stdin("Talks\n\nRussia and Ukraine held talks.\n")
        .assert()
        .success();
    let child = Command::new(geokg_path())
        .arg("--store")
        .arg(&store)
        .args(["-q", "repl"])
        .env_remove("GEOKG_STORE")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let repl = Reaper(child);
    wait_for_lock(&repl);
    let out = run(geokg_at(&store)
        .args(["ingest", "-"])
        .write_stdin("Other\n\nNATO met.\n"));
    assert_one_error(&out, &["in use by another process", "--read-only"]);
    stdout_of(geokg_at(&store).args(["--read-only", "query", "ASK { ?d a geokg:Document }"]));
}

#[test]
fn read_commands_read_a_snapshot_of_a_current_store_and_refresh_others() {
    use geokg::graph::{GraphStore, OpenOptions, cube::CUBE};
    let dir = tempfile::tempdir().expect("tmp");
    let store = ingested_store(dir.path());
    let read = OpenOptions {
        path: Some(store.clone()),
        prefer_read_only: true,
        ..OpenOptions::default()
    };
    // Current: a snapshot. Its read lock keeps writers out while it is read (a writer's
    // compaction could delete files it still needs), in this process and in others.
    let snapshot = GraphStore::open(&read).expect("open");
    assert!(snapshot.is_read_only());
    let insert = ["update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"];
    let out = run(geokg_at(&store).args(insert));
    assert_one_error(&out, &["in use by another process"]);
    let writable = OpenOptions {
        path: Some(store.clone()),
        ..OpenOptions::default()
    };
    assert!(GraphStore::open(&writable).is_err());
    // Two snapshots at once are fine.
    assert!(GraphStore::open(&read).expect("open").is_read_only());
    drop(snapshot);
    stdout_of(geokg_at(&store).args(insert));
    // Not current (the cube lost its marker): opened writable, which rebuilds the cube.
    {
        let writable = GraphStore::open(&writable).expect("open");
        assert!(writable.drop_marker(&CUBE).expect("drop"));
    }
    let refreshed = GraphStore::open(&read).expect("open");
    assert!(!refreshed.is_read_only());
    assert!(refreshed.is_complete(&CUBE).expect("marker"));
    drop(refreshed);
    assert!(GraphStore::open(&read).expect("open").is_read_only());
}

#[test]
fn a_store_this_process_writes_is_not_probed_and_stays_locked() {
    use geokg::graph::{GraphStore, OpenOptions};
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    let writable = GraphStore::open(&OpenOptions {
        path: Some(store.clone()),
        ..OpenOptions::default()
    })
    .expect("open");
    // Probing the lock from this process would close a descriptor of LOCK and so release
    // RocksDB's lock: the read open must not do it, and must not hand out a snapshot.
    let second = GraphStore::open(&OpenOptions {
        path: Some(store.clone()),
        prefer_read_only: true,
        ..OpenOptions::default()
    });
    assert!(second.is_err(), "a second open of a store held here");
    let out = run(geokg_at(&store).args(["update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"]));
    assert_one_error(&out, &["in use by another process"]);
    drop(writable);
    stdout_of(geokg_at(&store).args(["update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"]));
}
