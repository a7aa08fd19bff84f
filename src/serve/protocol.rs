//! HTTP plumbing: query strings, form bodies, content negotiation, responses with CORS.

use std::io::{Cursor, Read};

use tiny_http::{Header, Request, Response};

/// A response under construction: status, content type, body, extra headers.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    /// A response with a body.
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            body,
            headers: Vec::new(),
        }
    }

    /// A plain-text response (errors carry their message).
    pub fn text(status: u16, message: impl Into<String>) -> Reply {
        let mut body = message.into().into_bytes();
        if !body.ends_with(b"\n") {
            body.push(b'\n');
        }
        Reply::new(status, "text/plain; charset=utf-8", body)
    }

    /// Adds a header.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    /// The tiny_http response, with CORS headers for browser clients (YASGUI and the like).
    pub fn into_response(self) -> Response<Cursor<Vec<u8>>> {
        let mut r = Response::from_data(self.body).with_status_code(self.status);
        let mut add = |name: &str, value: &str| {
            if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                r.add_header(h);
            }
        };
        add("Content-Type", self.content_type);
        add("Access-Control-Allow-Origin", "*");
        add(
            "Access-Control-Expose-Headers",
            "X-SPARQL-MaxRows, X-GeoKG-Truncated",
        );
        for (name, value) in &self.headers {
            add(name, value);
        }
        r
    }
}

/// The value of a request header.
pub fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_string())
}

/// The media type of a Content-Type value, without parameters, lower-cased.
pub fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Splits a URL into its path and decoded query parameters.
pub fn split_url(url: &str) -> (String, Vec<(String, String)>) {
    match url.split_once('?') {
        Some((path, query)) => (path.to_string(), parse_form(query)),
        None => (url.to_string(), Vec::new()),
    }
}

/// Parses `application/x-www-form-urlencoded` text.
pub fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|s| !s.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect()
}

/// Percent-decoding with `+` as space; invalid escapes are kept as they are.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The first value of a parameter.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Reads the request body, up to `limit` bytes.
pub fn body(request: &mut Request, limit: usize) -> Result<Vec<u8>, Reply> {
    let mut buf = Vec::new();
    request
        .as_reader()
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Reply::text(400, format!("reading the request body: {e}")))?;
    if buf.len() > limit {
        return Err(Reply::text(
            413,
            format!("request body larger than {limit} bytes"),
        ));
    }
    Ok(buf)
}

/// Picks the offered media type the `Accept` header prefers (q-values, `type/*`, `*/*`);
/// `None` when the client accepts none of them. A missing header accepts the first offer.
pub fn negotiate<'a>(accept: Option<&str>, offers: &[&'a str]) -> Option<&'a str> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offers.first().copied();
    };
    let mut best: Option<(f32, usize, &'a str)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        for (i, offer) in offers.iter().enumerate() {
            let matches = media == "*/*"
                || media == *offer
                || media
                    .strip_suffix("/*")
                    .is_some_and(|t| offer.starts_with(&format!("{t}/")));
            // Exact matches beat wildcards at equal q; earlier offers beat later ones.
            let specificity = if media == *offer { 0 } else { 1 };
            let rank = (q, specificity * offers.len() + i);
            if matches
                && best.is_none_or(|(bq, bi, _)| rank.0 > bq || (rank.0 == bq && rank.1 < bi))
            {
                best = Some((rank.0, rank.1, offer));
            }
        }
    }
    best.map(|(_, _, o)| o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_forms() {
        assert_eq!(
            parse_form("query=SELECT+*+%7B%7D&x"),
            vec![
                ("query".into(), "SELECT * {}".into()),
                ("x".into(), String::new())
            ]
        );
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%C3%A9"), "é");
    }

    #[test]
    fn negotiates() {
        let offers = [
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
        ];
        assert_eq!(negotiate(None, &offers), Some(offers[0]));
        assert_eq!(negotiate(Some("text/csv"), &offers), Some("text/csv"));
        assert_eq!(
            negotiate(
                Some("text/*;q=0.5, application/sparql-results+xml"),
                &offers
            ),
            Some(offers[1])
        );
        assert_eq!(negotiate(Some("*/*"), &offers), Some(offers[0]));
        assert_eq!(negotiate(Some("image/png"), &offers), None);
    }
}
