//! Plain-text articles: title line, optional header lines, body.

use crate::time::Date;

use super::Article;

/// Reads a plain-text article. The first non-empty line is the title; following lines of the
/// form `date: …`, `published: …`, `source: …`, `url: …` are metadata. The publication date
/// is `default_date` (from `--date`), else the `date:` header, else a dateline in the body.
pub fn read_text(content: &str, id: &str, default_date: Option<Date>) -> Article {
    let mut article = Article {
        id: id.to_string(),
        text: content.to_string(),
        ..Article::default()
    };
    let mut chars = 0usize; // character offset of the current line start
    let mut header_date = None;
    let mut body_start = None;
    for (i, line) in content.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        let line_chars = line.chars().count();
        if i == 0 && !trimmed.is_empty() && article.title.is_none() {
            article.title = Some(trimmed.to_string());
        } else if let Some((key, value)) = header_field(trimmed) {
            match key.as_str() {
                "date" | "published" | "pubdate" => header_date = value.parse::<Date>().ok(),
                "source" => article.source = Some(value.to_string()),
                "url" | "link" => article.url = Some(value.to_string()),
                _ => {}
            }
        } else if !trimmed.is_empty() || body_start.is_some() {
            body_start.get_or_insert(chars);
            if !trimmed.is_empty() {
                break;
            }
        }
        chars += line_chars;
    }
    article.body_start = body_start.unwrap_or(chars);
    // A `source: URL ...` header gives the URL too.
    if article.url.is_none() {
        article.url = article
            .source
            .as_deref()
            .and_then(|src| src.split_whitespace().find(|w| w.starts_with("http")))
            .map(str::to_string);
    }
    article.published = default_date.or(header_date).or_else(|| {
        let body: String = content.chars().skip(article.body_start).take(300).collect();
        crate::time::dateline_date(&body)
    });
    article
}

/// `key: value` header lines (a short alphabetic key), lower-cased key.
fn header_field(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let known = [
        "date",
        "published",
        "pubdate",
        "source",
        "url",
        "link",
        "author",
        "byline",
    ];
    let lower = key.to_ascii_lowercase();
    known
        .contains(&lower.as_str())
        .then(|| (lower, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_headers_and_body() {
        let a = read_text(
            "Leaders meet\ndate: 2025-08-06\nsource: https://example.org/x\n\nBody starts here.\n",
            "x",
            None,
        );
        assert_eq!(a.title.as_deref(), Some("Leaders meet"));
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2025-08-06")
        );
        assert_eq!(a.url.as_deref(), Some("https://example.org/x"));
        let body: String = a.text.chars().skip(a.body_start).collect();
        assert!(body.starts_with("Body starts here."), "{body:?}");
    }

    #[test]
    fn explicit_date_wins_over_header() {
        let d = "2024-01-02".parse().ok();
        let a = read_text("T\ndate: 2025-08-06\n\nB", "x", d);
        assert_eq!(a.published, d);
    }

    #[test]
    fn no_header_body_after_title() {
        let a = read_text("Title\nFirst line of body.", "x", None);
        assert_eq!(a.body_start, 6);
        assert_eq!(a.published, None);
    }
}
