//! Dot-commands: `.help`, `.mode`, `.read`, `.ingest`, `.describe`, …

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use geokg_extract::{Extractor, Lexicon};
use oxigraph::sparql::CancellationToken;

use super::backend::Backend;
use super::errors::describe;
use super::errors::{closest, prefix_hint};
use super::explain::explain;
use super::session::Target;
use super::shell::{Failure, Flow, Shell};
use super::worker::{self, ChunkWriter, Stop};
use crate::graph::io::{self as rdfio, ExportOptions, ImportOptions};
use crate::graph::store::term_value;
use crate::graph::{GraphStore, ns, stats::stats};
use crate::pipeline::{self, ReadOptions};
use crate::query::format::ResultFormat;
use crate::remote::{self, PushOptions};

/// A dot-command: its name, arguments and one-line help.
pub struct Command {
    /// The name, with the dot.
    pub name: &'static str,
    /// The arguments, as shown in help and hints.
    pub args: &'static str,
    /// What it does.
    pub help: &'static str,
}

const fn cmd(name: &'static str, args: &'static str, help: &'static str) -> Command {
    Command { name, args, help }
}

/// All dot-commands, in help order.
pub const COMMANDS: &[Command] = &[
    cmd(".help", "", "Show this help"),
    cmd(".quit", "", "Leave the shell (also .exit, Ctrl-D)"),
    cmd(".exit", "", "Leave the shell"),
    cmd(".read", "FILE.rq", "Run the statements in a file"),
    cmd(
        ".ingest",
        "FILE...",
        "Extract events from articles and store them",
    ),
    cmd(
        ".import",
        "FILE [GRAPH]",
        "Load RDF (format from the extension) into the default or a named graph",
    ),
    cmd(
        ".export",
        "FILE",
        "Write the store as RDF (format from the extension, default TriG)",
    ),
    cmd(".stats", "", "Documents, events, actors, triples"),
    cmd(".graphs", "", "Named graphs and their sizes"),
    cmd(".schema", "", "Classes and properties with counts"),
    cmd(
        ".describe",
        "IRI|NAME",
        "Everything about a resource: prefixed name, <IRI> or label",
    ),
    cmd(
        ".events",
        "[ACTOR]",
        "Recent events, optionally of one actor (label text or IRI)",
    ),
    cmd(
        ".explain",
        "[analyze] [QUERY]",
        "The query plan (of the last query without QUERY); analyze runs it",
    ),
    cmd(
        ".mode",
        "MODE",
        "Result format: table csv tsv json jsonl markdown turtle ntriples xml",
    ),
    cmd(
        ".headers",
        "on|off",
        "Header row in table, csv and tsv output",
    ),
    cmd(".maxrows", "N", "Rows shown in tables (0: all)"),
    cmd(
        ".maxwidth",
        "N",
        "Widest table column; longer values are cut with …",
    ),
    cmd(".timer", "on|off", "Show the time each statement takes"),
    cmd(
        ".timeout",
        "SECONDS",
        "Cancel statements running longer (0: never)",
    ),
    cmd(
        ".output",
        "[FILE]",
        "Send results to FILE (without FILE: back to standard output)",
    ),
    cmd(".once", "FILE", "Send the next result to FILE"),
    cmd(".prefix", "NAME IRI", "Declare a prefix for the session"),
    cmd(".prefixes", "", "List the prefixes"),
    cmd(
        ".bail",
        "on|off",
        "Stop a script at the first error (default on)",
    ),
    cmd(
        ".pager",
        "on|off",
        "Page query results on a terminal ($GEOKG_PAGER, $PAGER or less -FRSX)",
    ),
    cmd(".show", "", "Show the settings"),
];

/// Splits command arguments at spaces; single or double quotes group words.
pub fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                started = true;
            }
            None if c.is_whitespace() => {
                if started || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            None => cur.push(c),
        }
    }
    if started || !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn on_off(v: Option<&str>) -> Result<bool, Failure> {
    match v.map(str::to_ascii_lowercase).as_deref() {
        Some("on" | "true" | "yes" | "1") => Ok(true),
        Some("off" | "false" | "no" | "0") => Ok(false),
        _ => Err(Failure::new("expected on or off")),
    }
}

fn number(v: Option<&str>, what: &str) -> Result<f64, Failure> {
    v.and_then(|s| s.parse::<f64>().ok())
        .filter(|n| n.is_finite() && *n >= 0.0)
        .ok_or_else(|| Failure::new(format!("expected {what}")))
}

/// Expands `*` and `?` in the last component of each path (the shell does not do it for us).
fn expand_globs(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for a in args {
        let p = Path::new(a);
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.contains(['*', '?']) {
            out.push(a.clone());
            continue;
        }
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut matches: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .filter(|f| wildcard(name, f))
            .map(|f| {
                if p.parent().is_some_and(|d| !d.as_os_str().is_empty()) {
                    dir.join(f).display().to_string()
                } else {
                    f
                }
            })
            .collect();
        matches.sort();
        if matches.is_empty() {
            out.push(a.clone());
        }
        out.extend(matches);
    }
    out
}

fn wildcard(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    fn go(p: &[char], n: &[char]) -> bool {
        match (p.first(), n.first()) {
            (None, None) => true,
            (Some('*'), _) => go(&p[1..], n) || (!n.is_empty() && go(p, &n[1..])),
            (Some('?'), Some(_)) => go(&p[1..], &n[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &n[1..]),
            _ => false,
        }
    }
    go(&p, &n)
}

/// A SPARQL string literal for `s`.
fn literal(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

impl Shell {
    /// Runs one dot-command line.
    pub fn command(&mut self, line: &str) -> Result<Flow, Failure> {
        let line = line.trim();
        let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        let args = split_args(rest);
        let arg = args.first().map(String::as_str);
        match name {
            ".help" => self.say_out(&help()),
            ".quit" | ".exit" | ".q" => return Ok(Flow::Quit),
            ".read" => {
                let file = arg.ok_or_else(|| Failure::new("usage: .read FILE.rq"))?;
                return self.read_file(Path::new(file));
            }
            ".ingest" => self.ingest(&expand_globs(&args))?,
            ".import" => self.import(&args)?,
            ".export" => self.export(arg)?,
            ".stats" => self.stats()?,
            ".graphs" => self.canned("SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph ORDER BY DESC(?triples) ?graph")?,
            ".schema" => self.canned(
                "SELECT ?kind ?name ?count WHERE {\n  { SELECT (\"class\" AS ?kind) (?c AS ?name) (COUNT(?s) AS ?count) WHERE { ?s a ?c } GROUP BY ?c }\n  UNION\n  { SELECT (\"property\" AS ?kind) (?p AS ?name) (COUNT(*) AS ?count) WHERE { ?s ?p ?o } GROUP BY ?p }\n}\nORDER BY ?kind DESC(?count) ?name",
            )?,
            ".describe" => self.describe(rest)?,
            ".events" => self.events(rest)?,
            ".explain" => self.explain(rest)?,
            ".mode" => {
                let m = arg.ok_or_else(|| Failure::new(format!("mode is {}; usage: .mode table|csv|tsv|json|jsonl|markdown|turtle|ntriples|xml", mode_name(self.settings.mode))))?;
                self.settings.mode = ResultFormat::parse(m).ok_or_else(|| Failure::new(format!("unknown mode {m}: use table, csv, tsv, json, jsonl, markdown, turtle, ntriples or xml")))?;
            }
            ".headers" => self.settings.headers = on_off(arg)?,
            ".timer" => self.settings.timer = on_off(arg)?,
            ".bail" => self.settings.bail = on_off(arg)?,
            ".pager" => self.settings.pager = on_off(arg)?,
            ".maxrows" => {
                let n = number(arg, "a number of rows (0 for all)")? as usize;
                self.settings.max_rows = (n > 0).then_some(n);
            }
            ".maxwidth" => self.settings.max_width = (number(arg, "a column width")? as usize).max(3),
            ".timeout" => {
                let s = number(arg, "a number of seconds (0 for none)")?;
                self.settings.timeout = (s > 0.0).then(|| Duration::from_secs_f64(s));
            }
            ".output" => self.output(arg)?,
            ".once" => {
                let file = arg.ok_or_else(|| Failure::new("usage: .once FILE"))?;
                self.settings.once = Some(PathBuf::from(file));
            }
            ".prefix" => {
                let (Some(p), Some(iri)) = (args.first(), args.get(1)) else { return Err(Failure::new("usage: .prefix NAME IRI")) };
                let iri = iri.trim_start_matches('<').trim_end_matches('>');
                oxigraph::model::NamedNode::new(iri).map_err(|e| Failure::new(format!("invalid IRI <{iri}>: {e}")))?;
                self.settings.add_prefix(p.trim_end_matches(':'), iri);
            }
            ".prefixes" => {
                let width = self.settings.prefixes.iter().map(|(p, _)| p.len()).max().unwrap_or(0) + 1;
                let text: String = self.settings.prefixes.iter().map(|(p, iri)| format!("{:width$} <{iri}>\n", format!("{p}:"))).collect();
                self.say_out(&text);
            }
            ".show" => {
                let s = &self.settings;
                let output = match (&s.once, &s.target) {
                    (Some(f), _) => format!("{} (once)", f.display()),
                    (None, Target::File(f, _)) => f.display().to_string(),
                    (None, Target::Stdout) => "stdout".into(),
                };
                let text = format!(
                    "mode      {}\nheaders   {}\nmaxrows   {}\nmaxwidth  {}\ntimer     {}\ntimeout   {}\noutput    {output}\nbail      {}\npager     {}\nprefixes  {}\n",
                    mode_name(s.mode),
                    on(s.headers),
                    s.max_rows.map_or("all".into(), |n| n.to_string()),
                    s.max_width,
                    on(s.timer),
                    s.timeout.map_or("none".into(), |d| format!("{}s", d.as_secs_f64())),
                    on(s.bail),
                    on(s.pager),
                    s.prefixes.len()
                );
                self.say_out(&text);
            }
            _ => {
                let names = COMMANDS.iter().map(|c| c.name);
                return Err(Failure::new(match closest(name, names) {
                    Some(best) => format!("unknown command {name}; did you mean {best}? (.help lists them)"),
                    None => format!("unknown command {name} (.help lists them)"),
                }));
            }
        }
        Ok(Flow::Continue)
    }

    fn output(&mut self, file: Option<&str>) -> Result<(), Failure> {
        if let Target::File(_, f) = &mut self.settings.target {
            f.flush().map_err(|e| Failure::new(e.to_string()))?;
        }
        self.settings.target = match file {
            None | Some("stdout") | Some("-") => Target::Stdout,
            Some(path) => {
                let f = std::fs::File::create(path)
                    .map_err(|e| Failure::new(format!("{path}: {e}")))?;
                Target::File(PathBuf::from(path), std::io::BufWriter::new(f))
            }
        };
        Ok(())
    }

    fn ingest(&mut self, files: &[String]) -> Result<(), Failure> {
        if files.is_empty() {
            return Err(Failure::new("usage: .ingest FILE..."));
        }
        if self.extractor.is_none() {
            self.extractor = Some(self.new_extractor()?);
        }
        let Some(extractor) = &self.extractor else {
            return Ok(());
        };
        let read = ReadOptions::default();
        let s = match &self.backend {
            Backend::Local(store) => pipeline::ingest(store, extractor, files, &read, |_| {})
                .map_err(|e| Failure::new(e.to_string()))?,
            Backend::Remote(remote) => {
                let codes =
                    pipeline::builtin_code_index().map_err(|e| Failure::new(e.to_string()))?;
                remote::ingest(
                    remote,
                    extractor,
                    &codes,
                    files,
                    &read,
                    PushOptions::default(),
                    |_| {},
                )
                .map_err(|e| Failure::new(e.to_string()))?
            }
        };
        self.info(&s.to_string());
        Ok(())
    }

    /// The extractor for `.ingest`: the built-in lexicon plus a local store's own gazetteer.
    fn new_extractor(&self) -> Result<Extractor, Failure> {
        let mut lexicon = Lexicon::builtin()
            .map_err(|e| Failure::new(format!("loading the built-in lexicon: {e}")))?;
        if let Some(store) = self.backend.local() {
            let ttl = store
                .user_gazetteer_turtle()
                .map_err(|e| Failure::new(e.to_string()))?;
            if !ttl.trim().is_empty() {
                lexicon
                    .add_turtle("store gazetteer", &ttl)
                    .map_err(|e| Failure::new(e.to_string()))?;
            }
        }
        Ok(Extractor::new(lexicon))
    }

    /// The embedded store, or an error naming the command that needs one.
    fn local_store(&self, command: &str) -> Result<Arc<GraphStore>, Failure> {
        self.backend.local().cloned().ok_or_else(|| {
            Failure::new(format!(
                "{command} needs a local store; on an endpoint use SPARQL (LOAD, CONSTRUCT) or `geokg export`/`import` against a store"
            ))
        })
    }

    fn import(&mut self, args: &[String]) -> Result<(), Failure> {
        let file = args
            .first()
            .ok_or_else(|| Failure::new("usage: .import FILE [GRAPH]"))?;
        let format = rdfio::Format::from_path(Path::new(file)).ok_or_else(|| {
            Failure::new(format!(
                "{file}: unknown RDF format (use .ttl .nt .nq .trig .rdf .jsonld)"
            ))
        })?;
        let graph = args.get(1).map(|g| self.expand_name(g)).transpose()?;
        let reader = std::io::BufReader::new(
            std::fs::File::open(file).map_err(|e| Failure::new(format!("{file}: {e}")))?,
        );
        let options = ImportOptions {
            graph,
            ..ImportOptions::default()
        };
        let store = self.local_store(".import")?;
        let s = rdfio::import(&store, file, format, reader, &options)
            .map_err(|e| Failure::new(e.to_string()))?;
        self.info(&format!(
            "imported {file}: {} triples in the store",
            s.quads_in_store
        ));
        Ok(())
    }

    fn export(&mut self, file: Option<&str>) -> Result<(), Failure> {
        let file = file
            .ok_or_else(|| Failure::new("usage: .export FILE (.trig .nq .ttl .nt .rdf .jsonld)"))?;
        let format = rdfio::Format::from_path(Path::new(file)).unwrap_or(rdfio::Format::Trig);
        let store = self.local_store(".export")?;
        let f = std::fs::File::create(file).map_err(|e| Failure::new(format!("{file}: {e}")))?;
        let mut w = std::io::BufWriter::new(f);
        let n = rdfio::export(&store, format, &ExportOptions::default(), &mut w)
            .map_err(|e| Failure::new(e.to_string()))?;
        w.flush().map_err(|e| Failure::new(e.to_string()))?;
        self.info(&format!("exported {n} quads to {file}"));
        Ok(())
    }

    fn stats(&mut self) -> Result<(), Failure> {
        let text = match &self.backend {
            Backend::Local(store) => {
                let s = stats(store, false).map_err(|e| Failure::new(e.to_string()))?;
                format!(
                    "documents      {}\nevents         {}\nactors         {}\ntriples        {}\nnamed graphs   {}\nontology       {} triples, version {}\n",
                    s.documents,
                    s.events,
                    s.actors_text(),
                    s.triples,
                    s.named_graphs,
                    s.ontology_triples,
                    s.ontology_version.as_deref().unwrap_or("?")
                )
            }
            Backend::Remote(remote) => {
                let s = remote.stats().map_err(|e| Failure::new(e.to_string()))?;
                let ontology = if s.ontology_current {
                    "current"
                } else {
                    "missing or outdated (geokg ingest --push-ontology)"
                };
                format!(
                    "endpoint       {}\ndocuments      {}\nevents         {}\ntriples        {} (in document graphs)\nontology       {ontology}\n",
                    s.endpoint, s.documents, s.events, s.triples
                )
            }
        };
        self.say_out(&text);
        Ok(())
    }

    /// An IRI from a prefixed name, `<IRI>` or full IRI.
    pub fn expand_name(&self, name: &str) -> Result<String, Failure> {
        if let Some(iri) = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')) {
            return Ok(iri.to_string());
        }
        if name.contains("://") {
            return Ok(name.to_string());
        }
        let Some((p, local)) = name.split_once(':') else {
            return Err(Failure::new(format!(
                "{name} is not a prefixed name or IRI"
            )));
        };
        match self.settings.prefixes.iter().find(|(k, _)| k == p) {
            Some((_, ns)) => Ok(format!("{ns}{local}")),
            None => Err(Failure::new(format!(
                "unknown prefix `{p}:`; {}",
                prefix_hint(p, &self.settings.prefixes)
            ))),
        }
    }

    fn describe(&mut self, what: &str) -> Result<(), Failure> {
        if what.is_empty() {
            return Err(Failure::new(
                "usage: .describe IRI (e.g. .describe country:RUS, .describe cameo:042, .describe Russia)",
            ));
        }
        let iri = if what.starts_with('<') || what.contains(':') {
            self.expand_name(what)?
        } else {
            let q = format!(
                "SELECT ?x WHERE {{ GRAPH ?g {{ ?x <{}prefLabel>|<{}label> ?l }} FILTER(isIRI(?x) && LCASE(STR(?l)) = LCASE({})) }} LIMIT 1",
                ns::SKOS,
                ns::RDFS,
                literal(what)
            );
            let rows = self.backend.select(&q).map_err(Failure::new)?;
            rows.into_iter()
                .next()
                .and_then(|r| r.into_iter().next().flatten())
                .map(|t| term_value(&t))
                .ok_or_else(|| {
                    Failure::new(format!(
                        "nothing is labelled {what:?}; give a prefixed name or <IRI>"
                    ))
                })?
        };
        self.canned(&format!(
            "SELECT ?dir ?property ?value WHERE {{\n  {{ <{iri}> ?property ?value BIND(\"→\" AS ?dir) }}\n  UNION\n  {{ ?value ?property <{iri}> BIND(\"←\" AS ?dir) }}\n}}\nORDER BY DESC(?dir) ?property ?value"
        ))
    }

    fn events(&mut self, actor: &str) -> Result<(), Failure> {
        let filter = if actor.is_empty() {
            String::new()
        } else if actor.starts_with('<') || actor.contains(':') {
            let iri = self.expand_name(actor)?;
            format!("FILTER(EXISTS {{ ?e geokg:actor|geokg:actorCountry <{iri}> }})")
        } else {
            let l = literal(actor);
            format!(
                "FILTER(CONTAINS(LCASE(?actor), LCASE({l})) || EXISTS {{ ?e geokg:actor/skos:prefLabel ?name FILTER(CONTAINS(LCASE(STR(?name)), LCASE({l}))) }})"
            )
        };
        let limit = self.settings.max_rows.unwrap_or(20).min(20);
        self.canned(&format!(
            "SELECT ?date ?actor ?code ?action ?target ?doc WHERE {{\n  ?e a geokg:Event ; geokg:actorText ?actor ; geokg:action ?a ; geokg:targetText ?target ; prov:wasDerivedFrom ?d .\n  ?d geokg:docId ?doc .\n  OPTIONAL {{ ?a skos:notation ?code ; skos:prefLabel ?action }}\n  OPTIONAL {{ ?e geokg:date ?date }}\n  {filter}\n}}\nORDER BY DESC(?date) ?doc ?actor\nLIMIT {limit}"
        ))
    }

    fn explain(&mut self, rest: &str) -> Result<(), Failure> {
        let (analyze, query) = match rest.split_once(char::is_whitespace) {
            Some((w, q)) if w.eq_ignore_ascii_case("analyze") => (true, q.trim()),
            _ if rest.eq_ignore_ascii_case("analyze") => (true, ""),
            _ => (false, rest),
        };
        let query = if query.is_empty() {
            self.last_query.clone().ok_or_else(|| {
                Failure::new("usage: .explain [analyze] QUERY (or run a query first)")
            })?
        } else {
            query.to_string()
        };
        let token = CancellationToken::new();
        let watch = self.watch(&token);
        let prefixes = self.settings.prefixes.clone();
        let worker_token = token.clone();
        let store = self.local_store(".explain")?;
        let job = move |_: &mut ChunkWriter<Result<String, String>>| {
            explain(&store, &query, &prefixes, analyze, worker_token)
        };
        let timeout = self.settings.timeout;
        let plan = worker::run(
            job,
            &mut std::io::sink(),
            watch.as_ref(),
            &token,
            timeout,
            false,
        );
        drop(watch);
        match plan {
            Ok(Ok(text)) => {
                self.say_out(&text);
                Ok(())
            }
            Ok(Err(e)) => Err(Failure::new(e)),
            Err(Stop::Interrupted) => Err(Failure::new("query cancelled (Ctrl-C)")),
            Err(stop) => Err(Failure::new(describe(&worker::stop_error(stop), "", &[]))),
        }
    }
}

fn on(b: bool) -> &'static str {
    if b { "on" } else { "off" }
}

fn mode_name(m: ResultFormat) -> String {
    format!("{m:?}").to_lowercase()
}

/// The text of `.help`.
pub fn help() -> String {
    let mut out = String::from(
        "Type SPARQL queries or updates; a statement runs when it is complete or ends with `;`.\nThe geokg prefixes are predeclared (.prefixes); Tab completes, Ctrl-R searches history,\nCtrl-C cancels a running query or clears the input, Ctrl-D quits.\n\n",
    );
    let width = COMMANDS
        .iter()
        .map(|c| c.name.len() + c.args.len() + 1)
        .max()
        .unwrap_or(0);
    for c in COMMANDS {
        let usage = if c.args.is_empty() {
            c.name.to_string()
        } else {
            format!("{} {}", c.name, c.args)
        };
        out.push_str(&format!("{usage:width$}  {}\n", c.help));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_arguments_with_quotes() {
        assert_eq!(split_args("a 'b c'  \"d\" ''"), vec!["a", "b c", "d", ""]);
        assert!(split_args("   ").is_empty());
    }

    #[test]
    fn wildcards() {
        assert!(wildcard("*.txt", "a.txt"));
        assert!(wildcard("a?c*", "abcdef"));
        assert!(!wildcard("*.txt", "a.rq"));
    }

    #[test]
    fn help_lists_every_command() {
        let h = help();
        for c in COMMANDS {
            assert!(h.contains(c.name));
        }
    }
}
