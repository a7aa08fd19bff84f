//! Resource limits: ingesting a large JSONL stream keeps memory bounded (it is streamed in
//! batches, never read whole).

mod reliability_util;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reliability_util::*;

/// Peak resident set size of a running process, in KiB (`VmHWM`), if it is still running.
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn ingesting_20_mb_of_jsonl_keeps_memory_bounded() {
    // The CI-sized run: 20k articles of ~1 KB.
    ingest_keeps_memory_bounded(20_000);
}

#[test]
#[ignore = "takes minutes in a debug build; run with --ignored"]
fn ingesting_100_mb_of_jsonl_keeps_memory_bounded() {
    // 100k articles of ~1 KB: 100 MB of input.
    ingest_keeps_memory_bounded(100_000);
}

/// Ingests `articles` generated articles of ~1 KB into an on-disk store, sampling the child's
/// peak RSS, and asserts it stays under 400 MiB.
fn ingest_keeps_memory_bounded(articles: usize) {
    let dir = tempfile::tempdir().expect("tmp");
    let input = jsonl_articles(dir.path(), "big.jsonl", articles, 1_000);
    let size = std::fs::metadata(&input).expect("input").len();
    assert!(size > articles as u64 * 1_000, "{size} bytes");
    let store = dir.path().join("db");
    let mut child = Command::new(geokg_path())
        .arg("--store")
        .arg(&store)
        .args(["-q", "ingest"])
        .arg(&input)
        .env_remove("GEOKG_STORE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let started = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_rss_kib(pid) {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            panic!("ingest did not finish in 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        e.read_to_string(&mut err).expect("stderr");
    }
    assert!(status.success(), "{err}");
    println!(
        "ingested {} MB in {:?}, peak RSS {} MiB",
        size >> 20,
        started.elapsed(),
        peak >> 10
    );
    assert!(peak > 0, "no RSS sample");
    assert!(
        peak < 400 * 1024,
        "peak RSS {} MiB for {} MB of input",
        peak >> 10,
        size >> 20
    );
    assert_eq!(documents(&store), articles as u64);
}
