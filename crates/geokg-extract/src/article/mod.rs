//! Reading articles: plain text, JSON Lines and HTML, with their metadata and publication date.

mod html;
mod jsonl;
mod offsets;
mod text;

use std::fmt;
use std::io::BufRead;
use std::path::Path;

use crate::time::Date;

pub use html::read_html;
pub use jsonl::{JsonlReader, parse_jsonl_line};
pub(crate) use offsets::{CharCursor, char_at};
pub use text::read_text;

/// One news article, ready for extraction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// Document id: the JSONL `id`, or the file name without directory and extension.
    pub id: String,
    /// Title (plain text: the first line; HTML: `<title>` or `og:title`).
    pub title: Option<String>,
    /// The text the extractor reads; evidence offsets are character offsets into it.
    pub text: String,
    /// Character offset in `text` where the body starts (after the title and header lines).
    pub body_start: usize,
    /// Publication date, the reference for relative dates.
    pub published: Option<Date>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: first line is the title; optional `date:`/`source:`/`url:` header lines.
    Text,
    /// One JSON object per line with `id`, `text` and optional `title`, `date`/`published`, `url`, `source`.
    Jsonl,
    /// An HTML page: main text and `<meta>` dates.
    Html,
}

impl Format {
    /// Guesses the format from a file name's extension (`.jsonl`/`.ndjson`, `.html`/`.htm`, else text).
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }

    /// Guesses the format from the first bytes of content (for standard input).
    pub fn sniff(content: &str) -> Format {
        let head = content.trim_start();
        if head.starts_with('{') {
            Format::Jsonl
        } else if head.len() >= 5 && {
            let lower = head
                .get(..head.len().min(200))
                .unwrap_or("")
                .to_ascii_lowercase();
            lower.starts_with("<!doctype html")
                || lower.starts_with("<html")
                || lower.contains("<body")
        } {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// An error reading an article, naming where it happened.
#[derive(Debug, thiserror::Error)]
pub struct ArticleError {
    /// File name (or `-` for standard input).
    pub file: String,
    /// 1-based line number, for line-oriented formats.
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// The document id for a file: its name without directory and extension (`-` → `stdin`).
pub fn id_from_path(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    let name = Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path);
    match name.find('.') {
        Some(0) | None => name.to_string(),
        Some(i) => name[..i].to_string(),
    }
}

/// The largest article (a text or HTML file, or one JSONL line) read, in bytes; larger ones
/// are errors, which bounds memory and time per document.
pub const MAX_ARTICLE_BYTES: usize = 16 << 20;

fn too_large() -> String {
    format!(
        "larger than {} MiB, the limit for one article",
        MAX_ARTICLE_BYTES >> 20
    )
}

/// Whether the first bytes of an input look like binary data (or UTF-16) rather than text:
/// over 30% of them are NUL, other control bytes or invalid UTF-8.
pub fn looks_binary(head: &[u8]) -> bool {
    let head = &head[..head.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b) || b == 0x7f)
        .count();
    let mut invalid = 0usize;
    let mut rest = head;
    while let Err(e) = std::str::from_utf8(rest) {
        // An incomplete sequence at the end of the sample is not counted.
        let Some(len) = e.error_len() else { break };
        invalid += len;
        rest = &rest[e.valid_up_to() + len..];
    }
    (control + invalid) * 10 > head.len() * 3
}

/// Reads every article of one input. `file` names the input in errors and gives text and HTML
/// documents their id; `default_date` is used when an article carries no date of its own.
/// JSONL inputs are streamed line by line; the callback gets each article or error in order and
/// may stop the reading by returning `false`. Empty inputs, inputs without article text and
/// records over [`MAX_ARTICLE_BYTES`] are errors passed to the callback.
pub fn read_articles<R: BufRead>(
    reader: R,
    file: &str,
    format: Format,
    default_date: Option<Date>,
    mut each: impl FnMut(Result<Article, ArticleError>) -> bool,
) -> Result<(), ArticleError> {
    use std::io::Read;
    let io_err = |e: std::io::Error| ArticleError {
        file: file.to_string(),
        line: None,
        message: e.to_string(),
    };
    match format {
        Format::Jsonl => {
            let mut records = 0u64;
            for item in JsonlReader::new(reader, file, default_date) {
                records += 1;
                if !each(item) {
                    return Ok(());
                }
            }
            if records == 0 {
                each(Err(ArticleError {
                    file: file.to_string(),
                    line: None,
                    message: "no articles (the file is empty)".into(),
                }));
            }
            Ok(())
        }
        Format::Text | Format::Html => {
            let mut bytes = Vec::new();
            reader
                .take(MAX_ARTICLE_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(io_err)?;
            let error = |message: String| ArticleError {
                file: file.to_string(),
                line: None,
                message,
            };
            if bytes.len() > MAX_ARTICLE_BYTES {
                each(Err(error(too_large())));
                return Ok(());
            }
            let content = decode_lossy(bytes, file);
            let article = if format == Format::Html {
                read_html(&content, &id_from_path(file), default_date)
            } else {
                read_text(&content, &id_from_path(file), default_date)
            };
            if article.text.trim().is_empty() {
                let what = if content.trim().is_empty() {
                    "the file is empty"
                } else {
                    "none found in the page"
                };
                each(Err(error(format!("no article text ({what})"))));
            } else {
                each(Ok(article));
            }
            Ok(())
        }
    }
}

/// Reads all input as UTF-8, replacing invalid sequences (with a warning on stderr naming the
/// file and the first bad byte offset) and dropping NUL bytes.
pub fn read_to_string_lossy<R: BufRead>(mut reader: R, file: &str) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    Ok(decode_lossy(bytes, file))
}

/// Decodes bytes as UTF-8 lossily, warning once about the first invalid byte offset.
pub fn decode_lossy(bytes: Vec<u8>, file: &str) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            eprintln!("warning: {file}: invalid UTF-8 at byte {offset}; replaced with U+FFFD");
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if text.contains('\0') {
        text.replace('\0', "")
    } else {
        text
    }
}
