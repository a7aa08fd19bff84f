//! A minimal blocking HTTP/1.1 client over `std::net::TcpStream` (http:// only): one request
//! per connection, `Content-Length` request bodies, `Content-Length`, chunked or
//! read-to-close response bodies, basic authentication.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::RemoteError;

/// An `http://host[:port]/path[?query]` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// The URL as given (for messages).
    pub text: String,
    pub host: String,
    pub port: u16,
    /// Path and query string, starting with `/`.
    pub target: String,
}

impl Url {
    /// Parses an `http://` URL; `https://` and other schemes are refused.
    pub fn parse(text: &str) -> Result<Url, RemoteError> {
        let bad = |reason: &str| RemoteError::BadUrl {
            url: text.to_string(),
            reason: reason.to_string(),
        };
        let rest = match text.split_once("://") {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("http") => rest,
            Some((scheme, _)) if scheme.eq_ignore_ascii_case("https") => {
                return Err(bad(
                    "https is not supported (use http://, e.g. behind a local TLS proxy)",
                ));
            }
            _ => return Err(bad("expected http://HOST[:PORT]/PATH")),
        };
        let (authority, target) = match rest.find(['/', '?']) {
            Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], rest[i..].to_string()),
            Some(i) => (&rest[..i], format!("/{}", &rest[i..])),
            None => (rest, "/".to_string()),
        };
        if authority.contains('@') {
            return Err(bad(
                "credentials in the URL are not supported (use GEOKG_ENDPOINT_USER / GEOKG_ENDPOINT_PASSWORD)",
            ));
        }
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => {
                let (h, after) = v6.split_once(']').ok_or_else(|| bad("unclosed ["))?;
                match after.strip_prefix(':') {
                    Some(p) => (h, p.parse::<u16>().map_err(|_| bad("invalid port"))?),
                    None if after.is_empty() => (h, 80),
                    None => return Err(bad("invalid host")),
                }
            }
            None => match authority.rsplit_once(':') {
                Some((h, p)) => (h, p.parse::<u16>().map_err(|_| bad("invalid port"))?),
                None => (authority, 80),
            },
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        Ok(Url {
            text: text.to_string(),
            host: host.to_string(),
            port,
            target,
        })
    }

    /// This URL with `key=value` (value percent-encoded) added to its query string.
    pub fn with_param(&self, key: &str, value: &str) -> Url {
        let sep = if self.target.contains('?') { '&' } else { '?' };
        let target = format!("{}{sep}{key}={}", self.target, percent_encode(value));
        let text = format!("http://{}{target}", self.authority());
        Url {
            text,
            host: self.host.clone(),
            port: self.port,
            target,
        }
    }

    /// `host:port` (IPv6 hosts in brackets), for the `Host` header.
    pub fn authority(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

impl std::fmt::Display for Url {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters (for query strings and
/// `application/x-www-form-urlencoded` bodies).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3 / 2);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Standard base64 with padding (for the basic authentication header).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// User name and password for basic authentication.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials {{ user: {:?}, password: *** }}", self.user)
    }
}

/// A response: status, headers (names lower-cased) and the whole body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of a header (name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of the body, without parameters, lower-cased.
    pub fn media_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// How requests are made: timeouts and credentials.
#[derive(Debug, Clone)]
pub struct HttpClient {
    pub connect_timeout: Duration,
    /// Longest wait for any read or write on the connection.
    pub io_timeout: Duration,
    pub credentials: Option<Credentials>,
}

impl Default for HttpClient {
    fn default() -> Self {
        HttpClient {
            connect_timeout: Duration::from_secs(10),
            io_timeout: Duration::from_secs(300),
            credentials: None,
        }
    }
}

impl HttpClient {
    /// Sends one request and reads the whole response. Any status is returned as is.
    pub fn send(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Response, RemoteError> {
        let io = |e: std::io::Error| self.io_error(url, e);
        let mut stream = self.connect(url)?;
        stream.set_read_timeout(Some(self.io_timeout)).map_err(io)?;
        stream
            .set_write_timeout(Some(self.io_timeout))
            .map_err(io)?;
        let mut head = format!(
            "{method} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: geokg/{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            url.target,
            url.authority(),
            env!("CARGO_PKG_VERSION"),
            body.len()
        );
        if let Some(c) = &self.credentials {
            let token = base64(format!("{}:{}", c.user, c.password).as_bytes());
            head.push_str(&format!("Authorization: Basic {token}\r\n"));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).map_err(io)?;
        stream.write_all(body).map_err(io)?;
        stream.flush().map_err(io)?;
        let mut reader = BufReader::new(stream);
        read_response(&mut reader, method == "HEAD").map_err(|e| match e {
            ReadError::Io(e) => self.io_error(url, e),
            ReadError::Protocol(message) => RemoteError::Protocol {
                endpoint: url.text.clone(),
                message,
            },
        })
    }

    fn connect(&self, url: &Url) -> Result<TcpStream, RemoteError> {
        let connect_err = |message: String| RemoteError::Connect {
            endpoint: url.text.clone(),
            message,
        };
        let addrs = (url.host.as_str(), url.port)
            .to_socket_addrs()
            .map_err(|e| connect_err(e.to_string()))?;
        let mut last = "the host name resolves to no address".to_string();
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, self.connect_timeout) {
                Ok(s) => return Ok(s),
                Err(e) => last = e.to_string(),
            }
        }
        Err(connect_err(last))
    }

    fn io_error(&self, url: &Url, e: std::io::Error) -> RemoteError {
        use std::io::ErrorKind::{TimedOut, WouldBlock};
        if matches!(e.kind(), TimedOut | WouldBlock) {
            RemoteError::Timeout {
                endpoint: url.text.clone(),
                seconds: self.io_timeout.as_secs_f64(),
            }
        } else {
            RemoteError::Io {
                endpoint: url.text.clone(),
                message: e.to_string(),
            }
        }
    }
}

enum ReadError {
    Io(std::io::Error),
    Protocol(String),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Longest status or header line accepted.
const MAX_LINE: usize = 64 * 1024;

fn read_line(r: &mut impl BufRead) -> Result<String, ReadError> {
    let mut line = Vec::new();
    let n = r.take(MAX_LINE as u64).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Err(ReadError::Protocol(
            "the connection closed before a complete response".into(),
        ));
    }
    if line.last() != Some(&b'\n') {
        return Err(ReadError::Protocol(
            "header line too long or cut off".into(),
        ));
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| ReadError::Protocol("header line is not UTF-8".into()))
}

fn read_response(r: &mut impl BufRead, head_only: bool) -> Result<Response, ReadError> {
    loop {
        let status_line = read_line(r)?;
        let mut parts = status_line.splitn(3, ' ');
        let version = parts.next().unwrap_or("");
        if !version.starts_with("HTTP/1.") {
            return Err(ReadError::Protocol(format!(
                "not an HTTP/1.x response: {:?}",
                status_line.chars().take(80).collect::<String>()
            )));
        }
        let status: u16 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| ReadError::Protocol(format!("bad status line {status_line:?}")))?;
        let reason = parts.next().unwrap_or("").to_string();
        let mut headers = Vec::new();
        loop {
            let line = read_line(r)?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| ReadError::Protocol(format!("bad header line {line:?}")))?;
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
        // Interim responses (100 Continue) precede the real one.
        if (100..200).contains(&status) {
            continue;
        }
        let mut response = Response {
            status,
            reason,
            headers,
            body: Vec::new(),
        };
        if head_only || status == 204 || status == 304 {
            return Ok(response);
        }
        let chunked = response
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        if chunked {
            response.body = read_chunked(r)?;
        } else if let Some(len) = response.header("content-length") {
            let len: u64 = len
                .parse()
                .map_err(|_| ReadError::Protocol(format!("bad Content-Length {len:?}")))?;
            r.take(len).read_to_end(&mut response.body)?;
            if (response.body.len() as u64) < len {
                return Err(ReadError::Protocol(format!(
                    "the body ended after {} of {len} bytes",
                    response.body.len()
                )));
            }
        } else {
            r.read_to_end(&mut response.body)?;
        }
        return Ok(response);
    }
}

fn read_chunked(r: &mut impl BufRead) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(r)?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size = u64::from_str_radix(size, 16)
            .map_err(|_| ReadError::Protocol(format!("bad chunk size {line:?}")))?;
        if size == 0 {
            // Trailer fields, up to the empty line.
            while !read_line(r)?.is_empty() {}
            return Ok(body);
        }
        let before = body.len();
        r.take(size).read_to_end(&mut body)?;
        if ((body.len() - before) as u64) < size {
            return Err(ReadError::Protocol("the body ended inside a chunk".into()));
        }
        if !read_line(r)?.is_empty() {
            return Err(ReadError::Protocol("missing CRLF after a chunk".into()));
        }
    }
}
