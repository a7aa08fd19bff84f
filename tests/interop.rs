//! Interoperability: canonical N-Quads, isomorphic round trips in every format, readable
//! JSON-LD, and independent parsers (rapper, rdflib) on the exports.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::*;
use geokg::graph::canonical::{isomorphic, to_nquads};
use geokg::graph::io::Format;
use oxigraph::io::{RdfFormat, RdfParser};

const FORMATS: [(&str, Format, &str); 6] = [
    ("turtle", Format::Turtle, "ttl"),
    ("ntriples", Format::Ntriples, "nt"),
    ("nquads", Format::Nquads, "nq"),
    ("trig", Format::Trig, "trig"),
    ("rdfxml", Format::Rdfxml, "rdf"),
    ("jsonld", Format::Jsonld, "jsonld"),
];

/// A store with the example articles, ingested in the given order, one command per file.
fn store_with(dir: &Path, name: &str, files: &[PathBuf]) -> PathBuf {
    let store = dir.join(name);
    for f in files {
        geokg_at(&store)
            .args(["-q", "ingest"])
            .arg(f)
            .assert()
            .success();
    }
    store
}

/// One document graph with an event, as `ingest` writes them (docs/rdf-model.md), so the
/// tests see events whatever the extractor finds in the examples.
pub const EVENT_TRIG: &str = r#"
@prefix geokg: <https://w3id.org/geokg/ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix time: <http://www.w3.org/2006/time#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/geokg/doc/fixture> {
  <https://w3id.org/geokg/doc/fixture> a geokg:Document ; geokg:docId "fixture" ;
      dcterms:title "Fixture" ; geokg:published "2025-08-06"^^xsd:date ;
      geokg:contentHash "sha256:00ff" .
  <https://w3id.org/geokg/event/fixture1> a geokg:Event ;
      geokg:actor <https://w3id.org/geokg/country/RUS> ;
      geokg:actorCountry <https://w3id.org/geokg/country/RUS> ;
      geokg:actorRole <https://w3id.org/geokg/role/GOV> ; geokg:actorText "the Kremlin" ;
      geokg:action <https://w3id.org/geokg/cameo/042> ;
      geokg:target <https://w3id.org/geokg/country/UKR> ;
      geokg:targetCountry <https://w3id.org/geokg/country/UKR> ; geokg:targetText "Kyiv" ;
      geokg:date "2025-08"^^xsd:gYearMonth ; geokg:datePrecision time:unitMonth ;
      geokg:dateStart "2025-08-01"^^xsd:date ; geokg:dateEnd "2025-08-31"^^xsd:date ;
      geokg:goldstein 1.9 ; geokg:quadClass geokg:VerbalCooperation ;
      geokg:negated false ; geokg:modality "asserted" ; geokg:confidence 0.8 ;
      geokg:evidence <https://w3id.org/geokg/event/fixture1/evidence> ;
      prov:wasDerivedFrom <https://w3id.org/geokg/doc/fixture> ; geokg:extractorVersion "0.1.0" .
  <https://w3id.org/geokg/event/fixture1/evidence> a geokg:Mention, nif:String ;
      nif:anchorOf "The Kremlin visited Kyiv." ; nif:beginIndex 0 ; nif:endIndex 25 ;
      nif:referenceContext <https://w3id.org/geokg/doc/fixture> .
}
"#;

/// The example articles plus the fixture event.
pub fn example_store(dir: &Path) -> PathBuf {
    let store = dir.join("db");
    geokg_at(&store)
        .args(["-q", "ingest"])
        .args(example_articles())
        .assert()
        .success();
    geokg_at(&store)
        .args(["-q", "import", "--format", "trig", "-"])
        .write_stdin(EVENT_TRIG)
        .assert()
        .success();
    store
}

#[test]
fn canonical_export_is_independent_of_ingest_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let files = example_articles();
    let a = store_with(dir.path(), "a", &files);
    let reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
    let b = store_with(dir.path(), "b", &reversed);
    let ca = stdout_of(geokg_at(&a).args(["export", "--canonical"]));
    let cb = stdout_of(geokg_at(&b).args(["export", "--canonical"]));
    assert!(ca == cb, "canonical exports differ between ingest orders");
    // Sorted by code point, one quad per line, parses as N-Quads, as many quads as the store.
    let lines: Vec<&str> = ca.lines().collect();
    assert!(
        lines.windows(2).all(|w| w[0] < w[1]),
        "canonical lines are sorted and unique"
    );
    let quads = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(ca.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("parses");
    assert_eq!(quads.len() as u64, triple_count(&a));
    assert!(
        ca.contains("_:c14n0"),
        "the gazetteer's blank nodes get canonical labels"
    );
    // A non-canonical export of the same store differs only by blank-node labels.
    let plain = stdout_of(geokg_at(&a).args(["export", "--format", "nquads"]));
    assert!(isomorphic(&plain, &ca).expect("parses"));
    // One document graph, without the ontology, to a file.
    let out = dir.path().join("docs.nq");
    geokg_at(&a)
        .args(["export", "--canonical", "--no-ontology", "-o"])
        .arg(&out)
        .assert()
        .success();
    let docs = std::fs::read_to_string(&out).expect("file");
    assert!(!docs.contains("graph/ontology") && docs.lines().count() > 20);
}

#[test]
fn every_format_round_trips_to_an_isomorphic_dataset() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = example_store(dir.path());
    for (name, format, ext) in FORMATS {
        // The whole store, ontology graph (with its blank nodes) included. Graph formats get the
        // union of all graphs; imported, it lands in the default graph beside the copy's own
        // ontology graph, so the second export leaves that one out.
        let first = stdout_of(geokg_at(&store).args(["export", "--format", name]));
        let file = dir.path().join(format!("dump.{ext}"));
        std::fs::write(&file, &first).expect("write");
        let copy = dir.path().join(format!("copy-{name}"));
        geokg_at(&copy)
            .args(["-q", "import"])
            .arg(&file)
            .assert()
            .success();
        let mut again = geokg_at(&copy);
        again.args(["export", "--format", name]);
        if !format.is_dataset() {
            again.arg("--no-ontology");
        }
        let second = stdout_of(&mut again);
        let a = to_nquads(format, first.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let b = to_nquads(format, second.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(a.lines().count() > 1000, "{name}: export too small");
        assert!(
            isomorphic(&a, &b).expect("parses"),
            "{name}: export → import → export is not isomorphic"
        );
    }
}

#[test]
fn diff_tells_isomorphic_files_apart() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = example_store(dir.path());
    let ttl = dir.path().join("a.ttl");
    let nt = dir.path().join("a.nt");
    geokg_at(&store)
        .args(["export", "-o"])
        .arg(&ttl)
        .assert()
        .success();
    geokg_at(&store)
        .args(["export", "-o"])
        .arg(&nt)
        .assert()
        .success();
    geokg().arg("diff").arg(&ttl).arg(&nt).assert().success();
    let changed = dir.path().join("b.nt");
    let text = std::fs::read_to_string(&nt)
        .expect("read")
        .replace("\"Fixture\"", "\"Changed\"");
    std::fs::write(&changed, text).expect("write");
    geokg()
        .arg("diff")
        .arg(&nt)
        .arg(&changed)
        .assert()
        .failure();
}

#[test]
fn jsonld_export_is_compact_and_readable() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = example_store(dir.path());
    let out = stdout_of(geokg_at(&store).args(["export", "--no-ontology", "--format", "jsonld"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["@context"]["geokg"], "https://w3id.org/geokg/ns#");
    assert!(out.lines().count() > 100, "pretty-printed");
    assert!(out.contains("\"geokg:actor\": {\n"), "object values: {out}");
    assert!(
        out.contains("\"@id\": \"country:RUS\""),
        "compact IRIs: {out}"
    );
    assert!(
        out.contains("\"@type\": \"geokg:Event\""),
        "rdf:type as @type"
    );
    assert!(out.contains("\"xsd:gYearMonth\"") && out.contains("\"geokg:negated\": false"));
    assert!(
        out.contains("\"nif:beginIndex\": 0"),
        "canonical integers as JSON numbers"
    );
    assert!(
        !out.contains("\"https://w3id.org/geokg/ns#actor\""),
        "no expanded property IRIs"
    );
}

/// Runs an external tool; `None` (with a notice) when it is not installed.
fn tool(program: &str, args: &[&str]) -> Option<std::process::Output> {
    match Process::new(program).args(args).output() {
        Ok(out) => Some(out),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            notice(&format!(
                "{program} not installed; skipping this check (.ci/run installs it)"
            ));
            None
        }
        Err(e) => panic!("{program}: {e}"),
    }
}

#[test]
fn rapper_parses_every_export_with_the_same_count() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = example_store(dir.path());
    for (name, format, ext) in FORMATS {
        let rapper_name = match format {
            Format::Jsonld => continue, // raptor has no JSON-LD parser
            Format::Rdfxml => "rdfxml",
            _ => name,
        };
        let file = dir.path().join(format!("dump.{ext}"));
        geokg_at(&store)
            .args(["export", "--no-ontology", "--format", name, "-o"])
            .arg(&file)
            .assert()
            .success();
        let path = file.to_str().expect("utf-8 path");
        let Some(out) = tool("rapper", &["-q", "-i", rapper_name, "-c", path]) else {
            return;
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "rapper -i {rapper_name}: {stderr}");
        let count = std::fs::read(&file)
            .map(|b| to_nquads(format, &b).expect("parses").lines().count())
            .expect("read");
        let Some(out) = tool("rapper", &["-i", rapper_name, "-c", path]) else {
            return;
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        let counted: usize = stderr
            .split("returned ")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("rapper -c output: {stderr}"));
        assert_eq!(counted, count, "{name}: rapper count vs oxigraph count");
    }
}

#[test]
fn rdflib_parses_turtle_nquads_and_jsonld() {
    let probe = tool("python3", &["-c", "import rdflib"]);
    match probe {
        Some(out) if out.status.success() => {}
        _ => {
            notice("python3 with rdflib not available; skipping (.ci/run installs it)");
            return;
        }
    }
    let dir = tempfile::tempdir().expect("tmp");
    let store = example_store(dir.path());
    let script = "import sys, rdflib\nfmt, path = sys.argv[1], sys.argv[2]\nd = rdflib.Dataset()\nd.parse(path, format=fmt)\nprint(len(d))\n";
    for (name, format, ext, rdflib_format) in [
        ("turtle", Format::Turtle, "ttl", "turtle"),
        ("nquads", Format::Nquads, "nq", "nquads"),
        ("jsonld", Format::Jsonld, "jsonld", "json-ld"),
    ] {
        let file = dir.path().join(format!("dump.{ext}"));
        geokg_at(&store)
            .args(["export", "--no-ontology", "--format", name, "-o"])
            .arg(&file)
            .assert()
            .success();
        let Some(out) = tool(
            "python3",
            &["-c", script, rdflib_format, file.to_str().expect("utf-8")],
        ) else {
            return;
        };
        assert!(
            out.status.success(),
            "rdflib {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let counted: usize = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("count");
        let count = to_nquads(format, &std::fs::read(&file).expect("read"))
            .expect("parses")
            .lines()
            .count();
        assert_eq!(counted, count, "{name}: rdflib count vs oxigraph count");
    }
}

#[test]
fn shacl_validation_passes_then_reports_broken_triples() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = example_store(dir.path());
    geokg_at(&store)
        .arg("validate")
        .assert()
        .success()
        .stderr(predicates::str::contains("conforms"));
    // Exports validate too (loaded into a scratch store).
    let dump = dir.path().join("dump.trig");
    geokg_at(&store)
        .args(["export", "-o"])
        .arg(&dump)
        .assert()
        .success();
    geokg().arg("validate").arg(&dump).assert().success();
    // Break the fixture event: confidence out of [0, 1], a second actor, no docId.
    let breakage = "DELETE { GRAPH ?g { ?e geokg:confidence ?c } } INSERT { GRAPH ?g { ?e geokg:confidence 1.5 ; geokg:actor country:FRA } } WHERE { VALUES ?e { <https://w3id.org/geokg/event/fixture1> } GRAPH ?g { ?e geokg:confidence ?c } } ;
        DELETE WHERE { GRAPH ?g { <https://w3id.org/geokg/doc/fixture> geokg:docId ?id } }";
    geokg_at(&store)
        .args(["-q", "update", breakage])
        .assert()
        .success();
    let out = geokg_at(&store).arg("validate").output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "violations exit non-zero");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "MaxInclusiveConstraintComponent",
        "MaxCountConstraintComponent",
        "MinCountConstraintComponent",
        "event/fixture1",
        "docId",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected} missing from:\n{stdout}"
        );
    }
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("3 violation(s)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = dir.path().join("report.ttl");
    let out = geokg_at(&store)
        .args(["validate", "--report"])
        .arg(&report)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let report = std::fs::read(&report).expect("report written");
    let quads = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&report)
        .collect::<Result<Vec<_>, _>>()
        .expect("the report is Turtle");
    let results = quads
        .iter()
        .filter(|q| q.predicate.as_str().ends_with("shacl#result"))
        .count();
    assert_eq!(
        results, 3,
        "sh:ValidationReport with one sh:result per violation"
    );
    let json = stdout_of_failure(geokg_at(&store).args(["validate", "--json"]));
    let first: serde_json::Value =
        serde_json::from_str(json.lines().next().expect("a line")).expect("JSON lines");
    assert!(
        first["component"]
            .as_str()
            .is_some_and(|c| c.starts_with("sh:"))
    );
}

#[test]
fn validate_rejects_unsupported_shapes() {
    let dir = tempfile::tempdir().expect("tmp");
    let shapes = write(
        dir.path(),
        "s.ttl",
        "@prefix sh: <http://www.w3.org/ns/shacl#> . <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:uniqueLang true ] .",
    );
    geokg()
        .args(["--memory", "validate", "--shapes"])
        .arg(&shapes)
        .assert()
        .failure()
        .stderr(predicates::str::contains("sh:uniqueLang is not supported"));
}

fn stdout_of_failure(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(!out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Prints a skip notice on the real stderr (not captured by the test harness).
fn notice(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "NOTICE: {message}");
}
