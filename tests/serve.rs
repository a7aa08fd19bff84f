//! `geokg serve` end to end: the binary on 127.0.0.1 with an ephemeral port, loopback HTTP
//! requests written by hand (bounded in number and time), then SIGTERM.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;

/// A running `geokg serve`, stopped (SIGTERM, then kill) when dropped.
struct Served {
    child: Child,
    addr: SocketAddr,
}

impl Served {
    fn start(store: &Path, extra: &[&str]) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("geokg"))
            .env_remove("GEOKG_STORE")
            .arg("--store")
            .arg(store)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut first = String::new();
        stderr.read_line(&mut first).expect("first line");
        let addr = first
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("first line: {first:?}"));
        let addr: SocketAddr = addr.parse().expect("address");
        assert!(addr.ip().is_loopback());
        // Keep draining the request log so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in stderr.lines() {});
        Served { child, addr }
    }

    /// Sends one request; returns (status, headers lower-cased, body).
    fn request(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<(String, String)>, String) {
        let mut s =
            TcpStream::connect_timeout(&self.addr, Duration::from_secs(5)).expect("connects");
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        let mut req = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).expect("write");
        s.write_all(body).expect("write body");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, rest) = text.split_once("\r\n\r\n").expect("HTTP response");
        let mut lines = head.lines();
        let status: u16 = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|c| c.parse().ok())
            .expect("status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let chunked = headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        let body = if chunked {
            dechunk(rest)
        } else {
            rest.to_string()
        };
        (status, headers, body)
    }

    fn get(&self, target: &str, accept: &str) -> (u16, Vec<(String, String)>, String) {
        self.request("GET", target, &[("Accept", accept)], b"")
    }
}

impl Served {
    /// SIGTERM, then up to 5 s for a graceful exit (killed otherwise); the exit status if it
    /// exited by itself.
    fn stop(&mut self) -> Option<std::process::ExitStatus> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Some(status);
        }
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..50 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        None
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.stop();
    }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = &rest[n + 2..];
    }
    out
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

fn enc(q: &str) -> String {
    q.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

const DOCS: &str = "SELECT ?d ?t WHERE { ?d a geokg:Document ; dcterms:title ?t } ORDER BY ?t";

fn ingested(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("db");
    geokg_at(&store)
        .args(["-q", "ingest"])
        .args(example_articles())
        .assert()
        .success();
    store
}

#[test]
fn sparql_protocol_queries_updates_and_cors() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = ingested(dir.path());
    let server = Served::start(&store, &["--max-results", "3"]);
    let target = format!("/query?query={}", enc(DOCS));

    // GET with content negotiation: JSON (default), XML, CSV, TSV.
    let (status, headers, body) = server.get(&target, "application/sparql-results+json");
    assert_eq!(status, 200, "{body}");
    assert!(header(&headers, "content-type").starts_with("application/sparql-results+json"));
    assert_eq!(header(&headers, "access-control-allow-origin"), "*");
    let json: serde_json::Value = serde_json::from_str(&body).expect("JSON results");
    assert_eq!(
        json["results"]["bindings"].as_array().map(Vec::len),
        Some(3),
        "limited to --max-results"
    );
    assert_eq!(header(&headers, "x-geokg-truncated"), "true");
    for (accept, ct, starts) in [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<?xml",
        ),
        ("text/csv", "text/csv", "d,t"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?d\t?t",
        ),
    ] {
        let (status, headers, body) = server.get(&target, accept);
        assert_eq!(status, 200);
        assert!(
            header(&headers, "content-type").starts_with(ct),
            "{accept}: {headers:?}"
        );
        assert!(body.starts_with(starts), "{accept}: {body}");
    }
    let (status, _, _) = server.get(&target, "image/png");
    assert_eq!(status, 406);

    // POST application/sparql-query and form-encoded; ASK; CONSTRUCT as Turtle and N-Triples.
    let (status, _, body) = server.request(
        "POST",
        "/query",
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "application/json"),
        ],
        b"ASK { ?d a geokg:Document }",
    );
    assert_eq!(status, 200);
    assert!(body.contains("\"boolean\":true"), "{body}");
    let form = format!(
        "query={}",
        enc("CONSTRUCT { ?d a geokg:Document } WHERE { ?d a geokg:Document }")
    );
    let (status, headers, body) = server.request(
        "POST",
        "/query",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "text/turtle"),
        ],
        form.as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(
        header(&headers, "content-type").starts_with("text/turtle")
            && body.contains("geokg:Document"),
        "{body}"
    );
    let (status, headers, body) = server.request(
        "POST",
        "/query",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/n-triples"),
        ],
        form.as_bytes(),
    );
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("application/n-triples"));
    assert_eq!(body.lines().count(), 3, "graph results limited too: {body}");

    // Errors: a bad query is a 400 with the parser's message; a missing parameter too.
    let (status, _, body) = server.get(
        &format!("/query?query={}", enc("SELECT * WHERE { ?s ?p }")),
        "*/*",
    );
    assert_eq!(status, 400);
    assert!(body.contains("syntax error"), "{body}");
    assert_eq!(server.get("/query", "*/*").0, 400);
    assert_eq!(server.get("/nope", "*/*").0, 404);

    // CORS preflight.
    let (status, headers, _) = server.request(
        "OPTIONS",
        "/query",
        &[
            ("Origin", "http://yasgui.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert_eq!(status, 204);
    assert!(header(&headers, "access-control-allow-methods").contains("POST"));
    assert!(header(&headers, "access-control-allow-headers").contains("Content-Type"));

    // Updates: applied, visible to queries; the ontology graph stays protected.
    let (status, _, body) = server.request(
        "POST",
        "/update",
        &[("Content-Type", "application/sparql-update")],
        b"INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 42 } }",
    );
    assert_eq!(status, 204, "{body}");
    let (_, _, body) = server.get(
        &format!("/query?query={}", enc("ASK { <urn:x:a> <urn:x:b> 42 }")),
        "application/sparql-results+json",
    );
    assert!(body.contains("true"), "{body}");
    let (status, _, body) = server.request(
        "POST",
        "/update",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        format!(
            "update={}",
            enc("DROP GRAPH <https://w3id.org/geokg/graph/ontology>")
        )
        .as_bytes(),
    );
    assert_eq!(status, 403, "{body}");
    assert_eq!(
        server
            .get(&format!("/update?update={}", enc("CLEAR ALL")), "*/*")
            .0,
        405
    );

    // Graph Store Protocol: PUT, GET, DELETE.
    let (status, _, _) = server.request(
        "PUT",
        "/store?graph=urn%3Ax%3Anew",
        &[("Content-Type", "text/turtle")],
        b"<urn:x:s> <urn:x:p> \"v\" .",
    );
    assert_eq!(status, 201);
    let (status, headers, body) = server.get("/store?graph=urn%3Ax%3Anew", "application/n-triples");
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("application/n-triples"));
    assert_eq!(body.trim(), "<urn:x:s> <urn:x:p> \"v\" .");
    assert_eq!(
        server
            .request("DELETE", "/store?graph=urn%3Ax%3Anew", &[], b"")
            .0,
        204
    );
    assert_eq!(
        server.get("/store?graph=urn%3Ax%3Anew", "text/turtle").0,
        404
    );
}

#[test]
fn read_only_and_timeout() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = ingested(dir.path());
    let server = Served::start(&store, &["--read-only", "--timeout", "0.5"]);
    let (status, _, body) = server.request(
        "POST",
        "/update",
        &[("Content-Type", "application/sparql-update")],
        b"INSERT DATA { <urn:x:a> <urn:x:b> 1 }",
    );
    assert_eq!(status, 403);
    assert!(body.contains("read-only"), "{body}");
    assert_eq!(
        server
            .request(
                "PUT",
                "/store?default",
                &[("Content-Type", "text/turtle")],
                b"<urn:x:a> <urn:x:b> 1 ."
            )
            .0,
        403
    );
    // Queries still work.
    let (status, _, _) = server.get(
        &format!("/query?query={}", enc("ASK {}")),
        "application/sparql-results+json",
    );
    assert_eq!(status, 200);
    // A query that runs for long is cancelled with a 503 and a message.
    let slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }";
    let (status, _, body) = server.get(
        &format!("/query?query={}", enc(slow)),
        "application/sparql-results+json",
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("timeout"), "{body}");
    // SIGTERM stops it gracefully.
    let mut server = server;
    let status = server.stop().expect("exits on SIGTERM");
    assert!(status.success(), "{status}");
}

#[test]
fn python_sparqlwrapper_client() {
    let probe = Command::new("python3")
        .args(["-c", "import SPARQLWrapper"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        notice("python3 with SPARQLWrapper not available; skipping (.ci/run installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    let store = ingested(dir.path());
    let server = Served::start(&store, &[]);
    let script = "import sys\nfrom SPARQLWrapper import SPARQLWrapper, JSON\ns = SPARQLWrapper(sys.argv[1])\ns.setQuery('SELECT ?d WHERE { ?d a <https://w3id.org/geokg/ns#Document> }')\ns.setReturnFormat(JSON)\nr = s.query().convert()\nprint(len(r['results']['bindings']))\n";
    let out = Command::new("python3")
        .args(["-c", script, &format!("http://{}/query", server.addr)])
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "4");
}

/// Prints a skip notice on the real stderr (not captured by the test harness).
fn notice(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "NOTICE: {message}");
}

#[test]
fn repl_with_endpoint_runs_statements_and_dot_commands_on_the_server() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("served");
    // An empty store (the ontology only).
    geokg_at(&store)
        .args(["update", "CLEAR SILENT GRAPH <urn:x:none>"])
        .assert()
        .success();
    let server = Served::start(&store, &[]);
    let query = format!("http://{}/query", server.addr);
    let update = format!("http://{}/update", server.addr);
    let files: Vec<String> = example_articles()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let script = format!(
        ".mode csv\n.ingest {}\nSELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a geokg:Document }};\n\
         INSERT DATA {{ GRAPH <urn:x:g> {{ <urn:x:a> <urn:x:b> \"hello\" }} }};\n\
         SELECT ?o WHERE {{ GRAPH <urn:x:g> {{ ?s ?p ?o }} }};\n.describe Russia\n.stats\n.export {}\n",
        files.join(" "),
        dir.path().join("out.ttl").display()
    );
    let out = geokg()
        .args(["--endpoint", &query, "--update-endpoint", &update, "repl"])
        .write_stdin(script)
        .output()
        .expect("runs");
    // CSV rows end with CRLF.
    let stdout = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ingested 4 docs"), "{stderr}");
    assert!(stdout.contains("n\n4\n"), "{stdout}");
    assert!(stdout.contains("o\nhello\n"), "{stdout}");
    // `.describe` found the resource by its label on the server, then listed its triples.
    assert!(stdout.contains("altLabel,Russian Federation"), "{stdout}");
    assert!(
        stdout.contains(&format!("endpoint       {query}")),
        "{stdout}"
    );
    assert!(stdout.contains("documents      4"), "{stdout}");
    // Local-only commands fail clearly; a script stops there with a non-zero exit.
    assert!(stderr.contains(".export needs a local store"), "{stderr}");
    assert!(!out.status.success());
    assert!(!dir.path().join("out.ttl").exists());
}
