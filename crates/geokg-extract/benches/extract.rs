//! Extraction micro-benchmark over the bundled example articles (`examples/articles/`):
//! `cargo bench -p geokg-extract --bench extract`.

use std::io::BufReader;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use geokg_extract::article::{Format, read_articles};
use geokg_extract::{Article, Extractor, Lexicon};

/// Every article of the repository's `examples/articles/` directory, in file-name order.
fn example_articles() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut articles = Vec::new();
    for path in files {
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let name = path.display().to_string();
        let _ = read_articles(
            BufReader::new(file),
            &name,
            Format::from_path(&path),
            None,
            |a| {
                if let Ok(a) = a {
                    articles.push(a);
                }
                true
            },
        );
    }
    articles
}

fn bench_extract(c: &mut Criterion) {
    let Ok(lexicon) = Lexicon::builtin() else {
        eprintln!("the built-in lexicon does not load");
        return;
    };
    let extractor = Extractor::new(lexicon);
    let articles = example_articles();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("example_articles", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| extractor.extract(std::hint::black_box(a)).len())
                .sum::<usize>()
        })
    });
    group.bench_function("tokenize_floor", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| {
                    let text = std::hint::black_box(a.text.as_str());
                    let tokens = geokg_extract::nlp::tokenize(text, 0, text.len());
                    geokg_extract::nlp::split_tokens(text, &tokens).len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
