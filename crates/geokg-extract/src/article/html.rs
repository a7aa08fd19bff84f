//! HTML articles: a tolerant, linear-time scanner that keeps the main text and reads metadata
//! from `<title>`, `<meta>` tags, `<time datetime>` and JSON-LD `datePublished`.

use crate::time::Date;

use super::Article;

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "template",
    "iframe",
    "button",
    "select",
    "figcaption",
];
/// Elements that end a block of text.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "article",
    "section",
    "main",
    "tr",
    "table",
    "pre",
    "hr",
    "dd",
    "dt",
    "title",
    "body",
];
/// `<meta>` names/properties that carry the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "date",
    "pubdate",
    "publish-date",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
    "og:updated_time",
    "article:modified_time",
];

/// Reads an HTML page into an article.
pub fn read_html(content: &str, id: &str, default_date: Option<Date>) -> Article {
    let page = scan(content);
    let article_text = if page.article_blocks.iter().map(|b| b.len()).sum::<usize>() > 200 {
        &page.article_blocks
    } else {
        &page.blocks
    };
    let title = page
        .meta_value(&["og:title", "twitter:title"])
        .or(page.title.clone());
    let mut text = String::new();
    if let Some(t) = &title {
        text.push_str(t);
        text.push_str("\n\n");
    }
    let body_start = text.chars().count();
    for block in article_text {
        if title.as_deref() == Some(block.as_str()) {
            continue;
        }
        text.push_str(block);
        text.push_str("\n\n");
    }
    let meta_date = DATE_META.iter().find_map(|name| {
        page.meta_value(&[name])
            .and_then(|v| v.parse::<Date>().ok())
    });
    let published = default_date
        .or(meta_date)
        .or(page.jsonld_date)
        .or(page.time_datetime)
        .or_else(|| {
            crate::time::dateline_date(&text.chars().skip(body_start).take(300).collect::<String>())
        });
    Article {
        id: id.to_string(),
        title,
        text,
        body_start,
        published,
        url: page.meta_value(&["og:url"]).or(page.canonical.clone()),
        source: page.meta_value(&["og:site_name", "application-name"]),
    }
}

#[derive(Default)]
struct Page {
    title: Option<String>,
    metas: Vec<(String, String)>,
    blocks: Vec<String>,
    article_blocks: Vec<String>,
    canonical: Option<String>,
    jsonld_date: Option<Date>,
    time_datetime: Option<Date>,
}

impl Page {
    fn meta_value(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| {
            self.metas
                .iter()
                .find(|(k, v)| k == n && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    }
}

fn scan(html: &str) -> Page {
    let mut page = Page::default();
    let mut current = String::new();
    let mut skip_depth = 0usize; // inside SKIP elements (counted, tolerant of bad nesting)
    // Open SKIP elements (indices into SKIP) and how many of each are open, so that a stray
    // end tag costs O(1) and the scan stays linear however the tags nest.
    let mut skip_stack: Vec<usize> = Vec::new();
    let mut skip_open = [0usize; SKIP.len()];
    let mut in_article = 0usize;
    let mut in_title = false;
    let mut title = String::new();
    let mut rest = html;
    let flush = |current: &mut String, page: &mut Page, in_article: bool| {
        let block = collapse_ws(&decode_entities(current));
        current.clear();
        if block.chars().any(char::is_alphanumeric) {
            if in_article {
                page.article_blocks.push(block.clone());
            }
            page.blocks.push(block);
        }
    };
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if in_title {
            title.push_str(text);
        } else if skip_depth == 0 {
            current.push_str(text);
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        // Raw-text elements: jump to the end tag (JSON-LD is read for a date first).
        if !closing && (name == "script" || name == "style") {
            let end = format!("</{name}");
            let lower_rest_end = find_ci(rest, &end).unwrap_or(rest.len());
            let inner = &rest[..lower_rest_end];
            if name == "script" && body.contains("ld+json") && page.jsonld_date.is_none() {
                page.jsonld_date = jsonld_date(inner);
            }
            rest = &rest[lower_rest_end..];
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            continue;
        }
        match (name.as_str(), closing) {
            ("title", false) => in_title = true,
            ("title", true) => {
                in_title = false;
                if page.title.is_none() {
                    let t = collapse_ws(&decode_entities(&title));
                    page.title = (!t.is_empty()).then_some(t);
                }
                title.clear();
            }
            ("meta", _) => {
                let key = attr(body, "property")
                    .or_else(|| attr(body, "name"))
                    .or_else(|| attr(body, "itemprop"));
                if let (Some(k), Some(v)) = (key, attr(body, "content")) {
                    page.metas.push((
                        k.to_ascii_lowercase(),
                        decode_entities(&v).trim().to_string(),
                    ));
                }
            }
            ("link", _)
                if attr(body, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                page.canonical = attr(body, "href")
            }
            ("time", false) if page.time_datetime.is_none() => {
                page.time_datetime = attr(body, "datetime").and_then(|d| d.parse().ok())
            }
            ("article", false) => {
                flush(&mut current, &mut page, in_article > 0);
                in_article += 1;
            }
            ("article", true) => {
                flush(&mut current, &mut page, in_article > 0);
                in_article = in_article.saturating_sub(1);
            }
            (n, false) if SKIP.contains(&n) && !body.ends_with('/') => {
                if let Some(k) = SKIP.iter().position(|s| *s == n) {
                    skip_stack.push(k);
                    skip_open[k] += 1;
                    skip_depth = skip_stack.len();
                }
            }
            (n, true) if SKIP.contains(&n) => {
                let k = SKIP.iter().position(|s| *s == n).unwrap_or(0);
                if skip_open[k] > 0 {
                    // Close it and everything opened inside it (each entry is popped once).
                    while let Some(top) = skip_stack.pop() {
                        skip_open[top] -= 1;
                        if top == k {
                            break;
                        }
                    }
                    skip_depth = skip_stack.len();
                }
            }
            (n, _) if BLOCK.contains(&n) && skip_depth == 0 => {
                flush(&mut current, &mut page, in_article > 0)
            }
            _ => {
                if skip_depth == 0 && !current.ends_with(' ') {
                    // inline tags: keep words apart only where the source had whitespace
                }
            }
        }
    }
    if skip_depth == 0 {
        current.push_str(rest);
    }
    flush(&mut current, &mut page, in_article > 0);
    page
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        hay.get(i..i + n)
            .is_some_and(|s| s.eq_ignore_ascii_case(needle))
    })
}

/// The value of attribute `name` in a tag body, quoted or bare.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let i = from + pos;
        from = i + name.len();
        let before_ok = i == 0 || lower.as_bytes()[i - 1].is_ascii_whitespace();
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - after.len() + 1;
        let v = tag[value_start..].trim_start();
        return Some(match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or("").to_string(),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

fn jsonld_date(json: &str) -> Option<Date> {
    let i = json.find("\"datePublished\"")?;
    let rest = &json[i + 15..];
    let start = rest.find('"')? + 1;
    let end = rest[start..].find('"')? + start;
    rest[start..end].parse().ok()
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decodes the HTML character references that occur in news pages.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // `;` is ASCII, so its byte position is a char boundary.
        let end = rest.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "rsquo" => Some('\u{2019}'),
                "lsquo" => Some('\u{2018}'),
                "rdquo" => Some('\u{201D}'),
                "ldquo" => Some('\u{201C}'),
                "mdash" => Some('\u{2014}'),
                "ndash" => Some('\u{2013}'),
                "hellip" => Some('\u{2026}'),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Ignored &amp; plain</title>
<meta property="og:title" content="Leaders meet in Geneva">
<meta property="article:published_time" content="2025-08-06T09:00:00Z">
<script>var x = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a></nav><article><h1>Leaders meet in Geneva</h1>
<p>The presidents of Russia and France met on Tuesday &mdash; officials said.</p>
<p>Talks will continue.</p></article><footer>Copyright</footer></body></html>"#;

    #[test]
    fn main_text_title_and_meta_date() {
        let a = read_html(PAGE, "p", None);
        assert_eq!(a.title.as_deref(), Some("Leaders meet in Geneva"));
        assert_eq!(
            a.published.map(|d| d.to_string()).as_deref(),
            Some("2025-08-06")
        );
        assert!(
            a.text.contains("met on Tuesday \u{2014} officials said."),
            "{}",
            a.text
        );
        assert!(a.text.contains("Talks will continue."));
        assert!(
            !a.text.contains("not text")
                && !a.text.contains("Home")
                && !a.text.contains("Copyright")
        );
    }

    #[test]
    fn malformed_and_deep_html_does_not_fail() {
        let deep = "<div>".repeat(100_000) + "text" + &"</div>".repeat(3);
        let a = read_html(&deep, "d", None);
        assert!(a.text.contains("text"));
        let broken = read_html("<p>unclosed <b attr=\"x>tail", "b", None);
        assert!(broken.text.contains("unclosed"));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#39;c&#x27; &bogus; &"),
            "a & b 'c' &bogus; &"
        );
    }
}
