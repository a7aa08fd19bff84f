//! Build-level guarantees: library code cannot call `unwrap`/`expect` (enforced by clippy with
//! `-D warnings`), and release builds unwind on panic (so a panic is reported, not an abort).

use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn libraries_deny_unwrap_and_expect() {
    for lib in ["src/lib.rs", "crates/geokg-extract/src/lib.rs"] {
        let text = read(lib);
        for lint in ["clippy::unwrap_used", "clippy::expect_used"] {
            assert!(
                text.lines()
                    .any(|l| l.starts_with("#![deny(") && l.contains(lint)),
                "{lib} must deny {lint}"
            );
        }
    }
    // Tests may unwrap: clippy allows it there.
    let clippy = read("clippy.toml");
    assert!(
        clippy.contains("allow-unwrap-in-tests = true")
            && clippy.contains("allow-expect-in-tests = true"),
        "{clippy}"
    );
}

#[test]
fn release_profile_unwinds() {
    let manifest = read("Cargo.toml");
    let mut section = "";
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
        } else if section.starts_with("[profile") && line.replace(' ', "").starts_with("panic=") {
            assert!(
                line.contains("unwind"),
                "{section} {line}: panics must unwind"
            );
        }
    }
}
