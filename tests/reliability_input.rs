//! Bad input: every case fails (or is skipped, as documented) with one clear stderr line naming
//! the file, never panics, and leaves no partial document in the store.

mod reliability_util;

use std::time::{Duration, Instant};

use reliability_util::*;

const GOOD: &str =
    "Talks in Geneva\ndate: 2025-08-06\n\nRussia and Ukraine held talks in Geneva on Tuesday.\n";

/// A fresh store holding one good document, and the temp dir around it.
fn store_with_one_doc() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("db");
    let good = write(dir.path(), "good.txt", GOOD);
    geokg_at(&store).arg("ingest").arg(&good).assert().success();
    (dir, store)
}

/// Asserts the store still holds exactly the one good document, whole.
fn assert_unchanged(store: &std::path::Path) {
    assert_eq!(documents(store), 1);
    assert_eq!(document_graphs(store), 1);
    assert_eq!(broken_documents(store), 0);
}

#[test]
fn empty_files_are_errors_or_skipped() {
    let (dir, store) = store_with_one_doc();
    for name in ["empty.txt", "empty.jsonl", "empty.html", "blank.txt"] {
        let content = if name.starts_with("blank") {
            "\n  \n\t\n"
        } else {
            ""
        };
        let f = write(dir.path(), name, content);
        let out = run(geokg_at(&store).arg("ingest").arg(&f));
        assert_one_error(&out, &[&format!("{}: no article", f.display())]);
        let out = run(geokg_at(&store)
            .args(["-q", "ingest", "--on-error", "skip"])
            .arg(&f));
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).starts_with("warning: skipped ") && stderr(&out).contains(name),
            "{}",
            stderr(&out)
        );
    }
    let out = run(geokg_at(&store).args(["ingest", "-"]).write_stdin(""));
    assert_one_error(&out, &["-: no article"]);
    assert_unchanged(&store);
}

#[test]
fn binary_files_are_refused() {
    let (dir, store) = store_with_one_doc();
    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let utf16: Vec<u8> = GOOD.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    for (name, bytes) in [
        ("noise.txt", &noise),
        ("noise.jsonl", &noise),
        ("noise.html", &noise),
        ("utf16.txt", &utf16),
    ] {
        let f = write(dir.path(), name, bytes);
        let out = run(geokg_at(&store).arg("ingest").arg(&f));
        assert_one_error(&out, &[&f.display().to_string(), "binary"]);
        for format in ["text", "jsonl", "html"] {
            let out = run(geokg_at(&store)
                .args(["ingest", "--format", format])
                .arg(&f));
            assert_one_error(&out, &["binary"]);
        }
    }
    let out = run(geokg_at(&store)
        .args(["ingest", "-"])
        .write_stdin(noise.clone()));
    assert_one_error(&out, &["-: ", "binary"]);
    assert_unchanged(&store);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_naming_file_and_offset() {
    let (dir, store) = store_with_one_doc();
    let f = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 talks\n\nOfficials met in the caf\xe9 on Tuesday.\n",
    );
    let out = run(geokg_at(&store).args(["-q", "ingest"]).arg(&f));
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_no_panic(&err);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        err.trim_end(),
        format!(
            "warning: {}: invalid UTF-8 at byte 3; replaced with U+FFFD",
            f.display()
        )
    );
    assert_eq!(documents(&store), 2);
    let title = stdout_of(geokg_at(&store).args([
        "query",
        "--format",
        "tsv",
        "SELECT ?t WHERE { ?d geokg:docId \"latin1\" ; dcterms:title ?t }",
    ]));
    assert!(title.contains("Caf\u{FFFD} talks"), "{title}");
    // JSONL: the warning names file:line; the offset is within that line.
    let f = write(
        dir.path(),
        "bad.jsonl",
        b"{\"text\":\"ok one\"}\n{\"text\":\"caf\xe9\"}\n",
    );
    let out = run(geokg_at(&store).args(["-q", "ingest"]).arg(&f));
    assert!(out.status.success());
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "warning: {}:2: invalid UTF-8 at byte 12; replaced with U+FFFD",
            f.display()
        )
    );
    assert_eq!(broken_documents(&store), 0);
}

#[test]
fn nul_bytes_are_dropped() {
    let (dir, store) = store_with_one_doc();
    let with_nuls = GOOD.replace("Geneva on", "Gen\0eva\0 on");
    let f = write(dir.path(), "nuls.txt", with_nuls);
    let out = run(geokg_at(&store).arg("ingest").arg(&f));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_no_panic(&stderr(&out));
    // Same text once NULs are dropped: the same document, so nothing new.
    assert!(stderr(&out).contains("(1 unchanged)"), "{}", stderr(&out));
    let f = write(
        dir.path(),
        "nuls.jsonl",
        "{\"text\":\"Russia and Ukraine\\u0000 held talks.\"}\n",
    );
    geokg_at(&store).arg("ingest").arg(&f).assert().success();
    assert_eq!(documents(&store), 2);
    assert_eq!(broken_documents(&store), 0);
}

#[test]
fn a_50_mb_single_line_is_refused_quickly() {
    let (dir, store) = store_with_one_doc();
    let line = "word ".repeat(10 << 20);
    let txt = write(dir.path(), "huge.txt", &line);
    let started = Instant::now();
    let out = run(geokg_at(&store).arg("ingest").arg(&txt));
    assert_one_error(&out, &[&txt.display().to_string(), "limit for one article"]);
    let jsonl = write(
        dir.path(),
        "huge.jsonl",
        format!("{{\"text\":\"{line}\"}}\n{{\"text\":\"Short one.\"}}\n"),
    );
    let out = run(geokg_at(&store).arg("ingest").arg(&jsonl));
    assert_one_error(&out, &[&format!("{}:1: line larger than", jsonl.display())]);
    let out = run(geokg_at(&store)
        .args(["-q", "ingest", "--on-error", "skip"])
        .arg(&jsonl));
    assert!(
        out.status.success() && stderr(&out).contains("huge.jsonl:1:"),
        "{}",
        stderr(&out)
    );
    let took = started.elapsed();
    assert!(took < Duration::from_secs(60), "took {took:?}");
    assert_eq!(documents(&store), 2);
    assert_eq!(broken_documents(&store), 0);
}

#[test]
fn deep_and_malformed_html() {
    let (dir, store) = store_with_one_doc();
    let deep = format!(
        "<html><body>{}<p>Russia and Ukraine held talks.</p>{}</body>",
        "<div><span>".repeat(100_000),
        "</aside></nav>".repeat(100_000)
    );
    let soup = "<html><p>Officials &#xFFFFFFFF; met &amp in <b attr=\"x>Geneva <!-- unclosed <script> <title>";
    for (name, html) in [("deep.html", deep.as_str()), ("soup.html", soup)] {
        let f = write(dir.path(), name, html);
        let out = run(geokg_at(&store).arg("ingest").arg(&f));
        assert_no_panic(&stderr(&out));
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    // Text only inside unclosed <nav> elements (with stray end tags): no article text.
    let deep_no_text = write(
        dir.path(),
        "nav.html",
        "<nav>".repeat(50_000) + &"</aside>".repeat(50_000) + "menu",
    );
    let out = run(geokg_at(&store).arg("ingest").arg(&deep_no_text));
    assert_one_error(&out, &["nav.html: no article text"]);
    assert_eq!(broken_documents(&store), 0);
}

#[test]
fn broken_jsonl_line_aborts_by_default_and_is_skipped_on_request() {
    let (dir, store) = store_with_one_doc();
    let f = write(
        dir.path(),
        "b.jsonl",
        "{\"text\":\"First article.\"}\n{broken\n{\"text\":\"Third article.\"}\n",
    );
    for args in [&["ingest"][..], &["ingest", "--on-error", "abort"]] {
        let out = run(geokg_at(&store).args(args).arg(&f));
        let line = assert_one_error(&out, &[&format!("{}:2: invalid JSON", f.display())]);
        assert_eq!(line.matches("b.jsonl:2").count(), 1, "said once: {line}");
        assert_unchanged(&store);
    }
    let out = run(geokg_at(&store)
        .args(["ingest", "--on-error", "skip"])
        .arg(&f));
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!("warning: skipped {}:2: invalid JSON", f.display())),
        "{err}"
    );
    assert!(err.contains("1 bad records skipped"), "{err}");
    assert_eq!(documents(&store), 3);
    assert_eq!(broken_documents(&store), 0);
    for bad in [
        "[1,2]",
        "{\"id\":\"x\"}",
        "{\"text\":42}",
        "{\"text\":\"\"}",
        "{\"text\":\"t\",\"date\":\"soon\"}",
        "\"just a string\"",
    ] {
        let f = write(dir.path(), "one.jsonl", format!("{bad}\n"));
        let out = run(geokg_at(&store).arg("ingest").arg(&f));
        assert_one_error(&out, &[&format!("{}:1: ", f.display())]);
    }
    assert_eq!(documents(&store), 3);
}

#[test]
fn unknown_format_is_a_usage_error() {
    let out = run(geokg().args(["--memory", "ingest", "--format", "xml", "a.txt"]));
    let err = stderr(&out);
    assert_no_panic(&err);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].contains("'xml'") && errors[0].contains("--format"),
        "{err}"
    );
}

#[test]
fn directories_and_missing_files() {
    let (dir, store) = store_with_one_doc();
    let sub = dir.path().join("articles.txt");
    std::fs::create_dir(&sub).expect("mkdir");
    let out = run(geokg_at(&store).arg("ingest").arg(&sub));
    assert_one_error(&out, &[&sub.display().to_string(), "is a directory"]);
    let missing = dir.path().join("no/such/file.txt");
    let out = run(geokg_at(&store).arg("ingest").arg(&missing));
    assert_one_error(&out, &[&missing.display().to_string(), "No such file"]);
    // A good file after a bad one: abort stores nothing of the run; skip stores the good one.
    let good = write(
        dir.path(),
        "other.txt",
        "Other\n\nNATO condemned the attack.\n",
    );
    let out = run(geokg_at(&store).arg("ingest").arg(&missing).arg(&good));
    assert_one_error(&out, &["No such file"]);
    assert_unchanged(&store);
    let out = run(geokg_at(&store)
        .args(["-q", "ingest", "--on-error", "skip"])
        .arg(&sub)
        .arg(&missing)
        .arg(&good));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out)
            .lines()
            .filter(|l| l.starts_with("warning: skipped"))
            .count(),
        2,
        "{}",
        stderr(&out)
    );
    assert_eq!(documents(&store), 2);
}

#[test]
fn unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = store_with_one_doc();
    let f = write(dir.path(), "secret.txt", GOOD.replace("Tuesday", "Friday"));
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&f).is_ok() {
        println!(
            "notice: running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop reads; unreadable-file case skipped"
        );
        return;
    }
    let out = run(geokg_at(&store).arg("ingest").arg(&f));
    assert_one_error(&out, &[&f.display().to_string(), "Permission denied"]);
    assert_unchanged(&store);
}

#[test]
fn bad_store_paths() {
    let dir = tempfile::tempdir().expect("tmp");
    let good = write(dir.path(), "good.txt", GOOD);
    let nowhere = dir.path().join("missing/parent/db");
    let out = run(geokg_at(&nowhere).arg("ingest").arg(&good));
    assert_one_error(&out, &[&nowhere.display().to_string(), "does not exist"]);
    assert!(!dir.path().join("missing").exists(), "nothing created");
    let file = write(dir.path(), "plain-file", "not a store");
    let out = run(geokg_at(&file).arg("ingest").arg(&good));
    assert_one_error(&out, &[&file.display().to_string(), "is a file"]);
    let under_file = file.join("db");
    let out = run(geokg_at(&under_file).arg("ingest").arg(&good));
    assert_one_error(
        &out,
        &[&under_file.display().to_string(), "not a directory"],
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "not a store",
        "the file is untouched"
    );
    for cmd in [&["query", "ASK {}"][..], &["stats"], &["export"]] {
        let out = run(geokg_at(&file).args(cmd));
        assert_one_error(&out, &[&file.display().to_string()]);
        let out = run(geokg_at(&nowhere).args(cmd));
        assert_one_error(&out, &[&nowhere.display().to_string()]);
    }
    let full = dir.path().join("full");
    std::fs::create_dir(&full).expect("mkdir");
    write(&full, "notes.txt", "mine");
    let out = run(geokg_at(&full).arg("ingest").arg(&good));
    assert_one_error(&out, &[&full.display().to_string(), "not a geokg store"]);
}
