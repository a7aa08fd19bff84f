//! The reader thread of `read_batches_counted`: order, consumer errors, input errors.

use super::{OnError, PipelineError, ReadOptions, read_batches};
use std::io::Write;

/// A JSONL file of `n` articles (`a0`, `a1`, …), with a broken record at 0-based `bad`.
fn jsonl(n: usize, bad: Option<usize>) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .expect("temp file");
    for i in 0..n {
        if Some(i) == bad {
            writeln!(f, "{{\"id\": \"a{i}\", \"text\": ").expect("write");
        } else {
            writeln!(
                f,
                "{{\"id\": \"a{i}\", \"text\": \"Russia criticised Ukraine.\"}}"
            )
            .expect("write");
        }
    }
    f.flush().expect("flush");
    f
}

fn options() -> ReadOptions {
    ReadOptions {
        format: None,
        date: None,
        on_error: OnError::Abort,
    }
}

fn path(f: &tempfile::NamedTempFile) -> Vec<String> {
    vec![f.path().display().to_string()]
}

#[test]
fn batches_arrive_whole_and_in_input_order() {
    let f = jsonl(10, None);
    let mut seen = Vec::new();
    read_batches(&path(&f), &options(), 3, |batch| {
        seen.push(batch.iter().map(|a| a.id.clone()).collect::<Vec<_>>());
        Ok(())
    })
    .expect("read");
    let sizes: Vec<usize> = seen.iter().map(Vec::len).collect();
    assert_eq!(sizes, [3, 3, 3, 1]);
    let ids: Vec<String> = seen.concat();
    let expected: Vec<String> = (0..10).map(|i| format!("a{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_consumer_error_stops_reading_and_is_returned() {
    let f = jsonl(100, None);
    let mut calls = 0;
    let err = read_batches(&path(&f), &options(), 2, |_| {
        calls += 1;
        if calls == 2 {
            Err(PipelineError::Output("disk full".into()))
        } else {
            Ok(())
        }
    })
    .expect_err("the consumer failed");
    assert_eq!(calls, 2, "no batch after the failing one");
    assert_eq!(err.to_string(), "disk full");
}

#[test]
fn an_input_error_comes_after_the_whole_batches_before_it() {
    // Records 0..5 form two whole batches of 3 and 2 of a third; record 7 is broken.
    let f = jsonl(10, Some(7));
    let mut ids = Vec::new();
    let err = read_batches(&path(&f), &options(), 3, |batch| {
        ids.extend(batch.into_iter().map(|a| a.id));
        Ok(())
    })
    .expect_err("record 8 is broken");
    assert_eq!(ids, ["a0", "a1", "a2", "a3", "a4", "a5"]);
    let message = err.to_string();
    let at = format!("{}:8: ", f.path().display());
    assert!(
        message.starts_with(&at),
        "names the file and line 8: {message}"
    );
}
