//! A light stand-in for `geokg extract --format jsonl FILE...` that needs no RDF store build:
//! prints one JSON event per line. Used while developing the extractor:
//! `cargo run -p geokg-extract --example extract -- extract --format jsonl articles.jsonl`.

use std::io::{BufReader, Write};

use geokg_extract::article::{Format, read_articles};
use geokg_extract::{Extractor, Lexicon};

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "extract" && a != "--format" && a != "jsonl")
        .collect();
    let lexicon = match Lexicon::builtin() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let extractor = Extractor::new(lexicon);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
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
                    Ok(a) => {
                        for event in extractor.extract(&a) {
                            if let Ok(line) = serde_json::to_string(&event) {
                                let _ = writeln!(out, "{line}");
                            }
                        }
                    }
                    Err(e) => eprintln!("error: {e}"),
                }
                true
            },
        );
        if let Err(e) = result {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
