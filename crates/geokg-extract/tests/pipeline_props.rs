//! Property tests of the language and time layers and of the whole extractor on arbitrary
//! text: no panic, offsets inside the text and on character boundaries, sentences in order.

use geokg_extract::nlp::{split_sentences, tokenize};
use geokg_extract::time::{Date, Tense, find_time_mentions, resolve};
use geokg_extract::{Article, Extractor, Lexicon};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Text mixing news-like words, punctuation, abbreviations, quotes, digits and arbitrary chars.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Russia",
        "Ukraine",
        "met",
        "accused",
        "the",
        "U.S.",
        "Mr.",
        "Jan. 5",
        "on Tuesday",
        "last month",
        "said",
        "\u{201c}",
        "\u{201d}",
        ".",
        ",",
        "!",
        "?",
        "\n\n",
        " ",
        "'s",
        "2025-08-06",
        "three-and-a-half years ago",
        "NATO",
        "Kyiv",
        "he",
        "they",
        "did not",
        "will",
        "é",
        "日本",
        "\u{0}",
    ]);
    (prop::collection::vec(pieces, 0..60), ".{0,40}").prop_map(|(v, tail)| {
        let mut s = v.join(" ");
        s.push_str(&tail);
        s
    })
}

fn extractor() -> &'static Extractor {
    static EX: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    EX.get_or_init(|| Extractor::new(Lexicon::builtin().expect("built-in lexicon")))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tokens_and_sentences_stay_inside_the_text(text in texty()) {
        for t in tokenize(&text, 0, text.len()) {
            prop_assert!(t.start <= t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        let mut last = 0;
        for s in split_sentences(&text, 0, text.len()) {
            prop_assert!(s.start >= last && s.start <= s.end && s.end <= text.len(), "{s:?} after {last}");
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            last = s.end;
        }
    }

    #[test]
    fn time_mentions_resolve_without_panicking(text in texty(), days in -40_000i64..40_000) {
        let published = Date::from_days(days);
        for m in find_time_mentions(&text) {
            prop_assert!(m.start <= m.end && m.end <= text.len());
            for tense in [Tense::Past, Tense::Present, Tense::Future, Tense::PastPerfect, Tense::PresentPerfect] {
                let _ = resolve(&m, Some(published), tense);
                let _ = resolve(&m, None, tense);
            }
        }
    }

    #[test]
    fn extraction_gives_events_with_valid_offsets(text in texty()) {
        let article = Article { id: "p".into(), text: text.clone(), published: Date::new(2025, 8, 6), ..Article::default() };
        let chars = text.chars().count();
        for e in extractor().extract(&article) {
            prop_assert!(e.evidence.start <= e.evidence.end && e.evidence.end <= chars);
            prop_assert!(e.actor.end <= chars && e.target.end <= chars);
            prop_assert!((0.0..=1.0).contains(&e.confidence));
            prop_assert!(e.action.code.len() >= 2 && e.action.code.bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
