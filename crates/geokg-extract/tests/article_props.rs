//! Property tests of the article readers: any input gives an article or an error, never a
//! panic, with consistent offsets; and pathological inputs are read in linear time.

use std::time::{Duration, Instant};

use geokg_extract::article::{
    Format, JsonlReader, MAX_ARTICLE_BYTES, looks_binary, parse_jsonl_line, read_articles,
    read_html, read_text,
};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Tag soup: fragments of HTML, entities, multi-byte text and broken markup.
fn html_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div>".to_string()),
        Just("<article>".to_string()),
        Just("</article>".to_string()),
        Just("<nav>".to_string()),
        Just("</nav>".to_string()),
        Just("</aside>".to_string()),
        Just("<title>".to_string()),
        Just("</title>".to_string()),
        Just("<script type=\"application/ld+json\">{\"datePublished\":\"2025-08-06\"}".to_string()),
        Just("</script>".to_string()),
        Just("<meta property=\"og:title\" content=\"T&amp;é\">".to_string()),
        Just("<meta name=date content=2025-13-45>".to_string()),
        Just("<time datetime=\"2024-02-29\">".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("&".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&#99999999999;".to_string()),
        Just("&é;".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("<b attr=\"x".to_string()),
        "[a-zA-Z .,]{0,20}",
        "\\PC{0,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn check(article: &geokg_extract::Article) {
    assert!(
        article.body_start <= article.text.chars().count(),
        "body_start {} past the text",
        article.body_start
    );
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn text_reader_takes_any_string(s in "\\PC*|[\\s\\S]{0,200}") {
        let a = read_text(&s, "id", None);
        check(&a);
        prop_assert_eq!(a.text, s);
    }

    #[test]
    fn text_reader_takes_header_like_input(lines in prop::collection::vec("(date|source|url|Title|published): ?[\\PC]{0,12}|\\s{0,3}|[a-zé]{0,10}", 0..12)) {
        let s = lines.join("\n");
        check(&read_text(&s, "id", None));
    }

    #[test]
    fn html_reader_takes_tag_soup(s in html_soup()) {
        check(&read_html(&s, "id", None));
    }

    #[test]
    fn html_reader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let s = String::from_utf8_lossy(&bytes);
        check(&read_html(&s, "id", None));
    }

    #[test]
    fn jsonl_line_parser_never_panics(s in "\\PC{0,200}") {
        let _ = parse_jsonl_line(&s, 1, None);
        let quoted = serde_json::to_string(&s).expect("a JSON string");
        let json = format!("{{\"text\":{quoted},\"id\":{quoted},\"title\":{quoted}}}");
        if let Ok(a) = parse_jsonl_line(&json, 7, None) {
            check(&a);
            prop_assert!(!a.text.trim().is_empty());
        }
    }

    #[test]
    fn jsonl_reader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let items: Vec<_> = JsonlReader::new(&bytes[..], "x.jsonl", None).collect();
        for item in items {
            match item {
                Ok(a) => check(&a),
                Err(e) => prop_assert!(e.to_string().starts_with("x.jsonl:"), "{}", e),
            }
        }
    }

    #[test]
    fn read_articles_reports_one_item_or_error(bytes in prop::collection::vec(any::<u8>(), 0..300), format in 0..3u8) {
        let format = [Format::Text, Format::Jsonl, Format::Html][format as usize];
        let mut items = 0;
        let result = read_articles(&bytes[..], "in", format, None, |item| {
            if let Ok(a) = &item {
                check(a);
                assert!(!a.text.trim().is_empty(), "an article without text");
            }
            items += 1;
            true
        });
        prop_assert!(result.is_ok());
        prop_assert!(items >= 1, "an input yields at least one article or error");
    }
}

#[test]
fn empty_inputs_are_errors() {
    for format in [Format::Text, Format::Jsonl, Format::Html] {
        for input in ["", "  \n\n\t", "\0\0"] {
            let mut errors = Vec::new();
            read_articles(input.as_bytes(), "e", format, None, |item| {
                errors.push(item.expect_err("empty input is an error").to_string());
                true
            })
            .expect("reads");
            assert_eq!(errors.len(), 1, "{format:?} {input:?}");
            assert!(errors[0].starts_with("e: no article"), "{}", errors[0]);
        }
    }
    assert!(parse_jsonl_line("{\"text\":\"  \"}", 1, None).is_err());
    assert!(parse_jsonl_line("{\"text\":\"\\u0000\"}", 1, None).is_err());
}

#[test]
fn oversized_records_are_errors_and_reading_goes_on() {
    let long = "x".repeat(MAX_ARTICLE_BYTES + 10);
    let input = format!("{{\"text\":\"{long}\"}}\n{{\"text\":\"after\"}}\n");
    let items: Vec<_> = JsonlReader::new(input.as_bytes(), "big.jsonl", None).collect();
    assert_eq!(items.len(), 2);
    let err = items[0].as_ref().expect_err("too long").to_string();
    assert!(
        err.starts_with("big.jsonl:1: line larger than 16 MiB"),
        "{err}"
    );
    assert_eq!(items[1].as_ref().expect("second line").text, "after");
    let mut seen = Vec::new();
    read_articles(long.as_bytes(), "big.txt", Format::Text, None, |item| {
        seen.push(item.map(|_| ()).map_err(|e| e.to_string()));
        true
    })
    .expect("reads");
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0]
            .as_ref()
            .is_err_and(|e| e.contains("limit for one article")),
        "{seen:?}"
    );
}

#[test]
fn binary_detection() {
    let random: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(looks_binary(&random));
    let utf16: Vec<u8> = "Leaders met in Geneva."
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    assert!(looks_binary(&utf16));
    assert!(!looks_binary(
        "Leaders met in Geneva.\nTalks go on, said Zoë.\n".as_bytes()
    ));
    assert!(!looks_binary(
        b"Latin-1 caf\xe9 text with a few bad bytes\xff and a NUL\0 in it"
    ));
    assert!(!looks_binary(b""));
    // A multi-byte character cut at the end of the sample is not counted as invalid.
    assert!(!looks_binary(
        "ééé"
            .as_bytes()
            .split_last()
            .map(|(_, h)| h)
            .unwrap_or_default()
    ));
}

/// Reads `input` as HTML and text, asserting each takes less than `limit`.
fn assert_fast(name: &str, input: &str, limit: Duration) {
    let started = Instant::now();
    let a = read_html(input, "p", None);
    check(&a);
    let b = read_text(input, "p", None);
    check(&b);
    let took = started.elapsed();
    assert!(
        took < limit,
        "{name}: {} MB took {took:?}",
        input.len() >> 20
    );
}

#[test]
fn pathological_html_is_read_in_linear_time() {
    let n = 400_000;
    let limit = Duration::from_secs(20);
    assert_fast(
        "deep nesting",
        &("<div>".repeat(n) + "text" + &"</div>".repeat(n)),
        limit,
    );
    assert_fast(
        "unclosed skip elements and stray end tags",
        &("<nav>".repeat(n) + &"</aside>".repeat(n) + "text"),
        limit,
    );
    assert_fast("empty titles", &"<title> </title>".repeat(n), limit);
    assert_fast(
        "ampersands and multi-byte text",
        &"&é&&#;&amp".repeat(n),
        limit,
    );
    assert_fast("unterminated tags", &"<a href=\"x ".repeat(n), limit);
    assert_fast(
        "unterminated comment",
        &("<!--".to_string() + &"-".repeat(4 * n)),
        limit,
    );
    assert_fast("many scripts", &"<script>x</script>".repeat(n / 2), limit);
    assert_fast("one long line", &"word ".repeat(2 * n), limit);
}

#[test]
fn html_with_multibyte_text_after_ampersand() {
    // Was a panic: slicing 12 bytes after `&` inside a multi-byte character.
    let a = read_html("<p>Tom &ééééééé Jerry</p>", "p", None);
    assert!(a.text.contains("Tom &ééééééé Jerry"), "{:?}", a.text);
}
