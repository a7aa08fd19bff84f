//! JSON Lines articles, streamed one line at a time.

use std::io::BufRead;

use serde_json::Value;

use crate::time::Date;

use super::{Article, ArticleError, MAX_ARTICLE_BYTES, decode_lossy};

/// Iterates over the articles of a JSONL stream; blank lines are skipped, each bad line is an
/// error naming `file:line`.
pub struct JsonlReader<R> {
    reader: R,
    file: String,
    default_date: Option<Date>,
    line_no: u64,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `reader`, naming `file` in errors.
    pub fn new(reader: R, file: &str, default_date: Option<Date>) -> Self {
        JsonlReader {
            reader,
            file: file.to_string(),
            default_date,
            line_no: 0,
            buf: Vec::new(),
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, ArticleError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            self.buf.clear();
            self.line_no += 1;
            let error = |message: String| {
                Some(Err(ArticleError {
                    file: self.file.clone(),
                    line: Some(self.line_no),
                    message,
                }))
            };
            match read_line_limited(&mut self.reader, &mut self.buf, MAX_ARTICLE_BYTES) {
                Ok((0, _)) => return None,
                Ok((_, false)) => {}
                Ok((_, true)) => return error(format!("line {}", super::too_large())),
                Err(e) => return error(e.to_string()),
            }
            let line = decode_lossy(
                std::mem::take(&mut self.buf),
                &format!("{}:{}", self.file, self.line_no),
            );
            if line.trim().is_empty() {
                continue;
            }
            return Some(
                parse_jsonl_line(&line, self.line_no, self.default_date).map_err(|message| {
                    ArticleError {
                        file: self.file.clone(),
                        line: Some(self.line_no),
                        message,
                    }
                }),
            );
        }
    }
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `limit` bytes: a longer line is
/// consumed to its end and dropped. Returns the bytes consumed and whether the line was too long.
fn read_line_limited<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(usize, bool)> {
    let (mut consumed, mut too_long) = (0usize, false);
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !too_long && buf.len() + take > limit {
            too_long = true;
            buf.clear();
        }
        if !too_long {
            buf.extend_from_slice(&available[..take]);
        }
        reader.consume(take);
        consumed += take;
        if done {
            break;
        }
    }
    Ok((consumed, too_long))
}

/// Parses one JSONL article line. The id defaults to `line-N` when absent.
pub fn parse_jsonl_line(
    line: &str,
    line_no: u64,
    default_date: Option<Date>,
) -> Result<Article, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let obj = value
        .as_object()
        .ok_or("expected a JSON object with a \"text\" field")?;
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.replace('\0', ""),
        Some(_) => return Err("\"text\" must be a string".into()),
        None => return Err("missing \"text\" field".into()),
    };
    if text.trim().is_empty() {
        return Err("\"text\" is empty".into());
    }
    let string = |key: &str| match obj.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let id = string("id").unwrap_or_else(|| format!("line-{line_no}"));
    let date_field = string("date")
        .or_else(|| string("published"))
        .or_else(|| string("published_at"));
    let published = match (&date_field, default_date) {
        (_, Some(d)) => Some(d),
        (Some(s), None) => Some(
            s.parse::<Date>()
                .map_err(|e| format!("field \"date\": {e}"))?,
        ),
        (None, None) => None,
    };
    Ok(Article {
        id,
        title: string("title"),
        text,
        body_start: 0,
        published,
        url: string("url"),
        source: string("source"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_and_reports_bad_ones() {
        let input = "{\"id\":\"a\",\"text\":\"X met Y.\",\"date\":\"2025-08-06\"}\n\n{broken\n{\"id\":\"c\",\"text\":\"Z\"}\n";
        let items: Vec<_> = JsonlReader::new(input.as_bytes(), "in.jsonl", None).collect();
        assert_eq!(items.len(), 3);
        let first = items[0].as_ref().expect("first line parses");
        assert_eq!(first.id, "a");
        assert_eq!(
            first.published.map(|d| d.to_string()).as_deref(),
            Some("2025-08-06")
        );
        let err = items[1].as_ref().expect_err("broken line");
        assert_eq!(err.to_string().split(": ").next(), Some("in.jsonl:3"));
        assert!(items[2].is_ok());
    }

    #[test]
    fn missing_text_is_an_error() {
        assert!(parse_jsonl_line("{\"id\":\"a\"}", 1, None).is_err());
        assert!(parse_jsonl_line("[1,2]", 1, None).is_err());
        assert!(parse_jsonl_line("{\"text\":\"t\",\"date\":\"soon\"}", 1, None).is_err());
    }
}
