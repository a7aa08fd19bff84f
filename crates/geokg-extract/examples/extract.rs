//! A light stand-in for `geokg extract --format jsonl FILE...` that needs no RDF store build:
//! prints one JSON event per line. Used while developing the extractor:
//! `cargo run -p geokg-extract --example extract -- extract --format jsonl articles.jsonl`.
//! With `--stage tokenize` it only reads, splits sentences and tokenises (the extraction floor,
//! as `geokg extract --stage tokenize`) and prints `articles sentences tokens bytes`.

use std::io::{BufReader, BufWriter, Write};

// The allocator of the `geokg` binary, so that timings and profiles match it.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use geokg_extract::article::{Format, read_articles};
use geokg_extract::{Extractor, Lexicon};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let floor = args
        .windows(2)
        .any(|w| w[0] == "--stage" && w[1] == "tokenize");
    let files: Vec<String> = args
        .into_iter()
        .filter(|a| {
            !matches!(
                a.as_str(),
                "extract" | "--format" | "jsonl" | "--stage" | "tokenize"
            )
        })
        .collect();
    let mut counts = [0u64; 4];
    let lexicon = match Lexicon::builtin() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let extractor = Extractor::new(lexicon);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    for file in files {
        let reader = match std::fs::File::open(&file) {
            Ok(f) => BufReader::new(f),
            Err(e) => {
                eprintln!("error: {file}: {e}");
                std::process::exit(1);
            }
        };
        let result = read_articles(
            reader,
            &file,
            Format::from_path(std::path::Path::new(&file)),
            None,
            |article| {
                match article {
                    Ok(a) if floor => {
                        let tokens = geokg_extract::nlp::tokenize(&a.text, 0, a.text.len());
                        let sentences = geokg_extract::nlp::split_tokens(&a.text, &tokens);
                        counts[0] += 1;
                        counts[1] += sentences.len() as u64;
                        counts[2] += tokens.len() as u64;
                        counts[3] += a.text.len() as u64;
                    }
                    Ok(a) => {
                        let mut line = Vec::new();
                        for event in extractor.extract(&a) {
                            line.clear();
                            event.write_json(&mut line);
                            line.push(b'\n');
                            let _ = out.write_all(&line);
                        }
                    }
                    Err(e) => eprintln!("error: {e}"),
                }
                true
            },
        );
        if let Err(e) = result {
            let _ = out.flush();
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
    if floor {
        let [a, s, t, b] = counts;
        let _ = writeln!(out, "{a} {s} {t} {b}");
    }
    let _ = out.flush();
}
