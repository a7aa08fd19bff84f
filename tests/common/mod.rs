//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The geokg binary, with a clean environment.
pub fn geokg() -> Command {
    let mut cmd = Command::cargo_bin("geokg").expect("binary built");
    cmd.env_remove("GEOKG_STORE").env("NO_COLOR", "1");
    cmd
}

/// The geokg binary on the store at `store`.
pub fn geokg_at(store: &Path) -> Command {
    let mut cmd = geokg();
    cmd.arg("--store").arg(store);
    cmd
}

/// The bundled example articles.
pub fn example_articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

/// Runs a command, asserts success and returns stdout.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "failed: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The number of quads in a store, through `geokg stats --json`.
pub fn triple_count(store: &Path) -> u64 {
    let out = stdout_of(geokg_at(store).args(["stats", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("stats JSON");
    v["triples"].as_u64().expect("triples")
}

/// An article written for the tests.
pub const ARTICLE: &str = "Russia and Ukraine hold talks in Geneva\ndate: 2025-08-06\n\nRussian Foreign Minister Sergei Lavrov met Ukrainian officials in Geneva on Wednesday. Ukraine accused Russia of shelling Kharkiv. NATO condemned the attack.\n";

/// Writes `content` to `name` inside `dir`.
pub fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).expect("write");
    p
}
