//! Running SPARQL queries and updates against a geokg store: predeclared prefixes, the union
//! of all graphs as the default graph, timeouts and cancellation, protection of the ontology.

mod error;
pub mod format;
mod newest_first;
pub mod table;

use std::sync::mpsc;
use std::time::Duration;

use oxigraph::model::{GraphNameRef, NamedNodeRef};
use std::sync::Arc;

use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolutionIter, SparqlEvaluator,
    Variable,
};
use spargebra::{Query, SparqlParser, Update};

pub use error::QueryError;

use crate::graph::{GraphStore, cube, date_index, ns};

/// How to run a query or update.
#[derive(Clone)]
pub struct QueryOptions {
    /// Prefixes available without `PREFIX` declarations.
    pub prefixes: Vec<(String, String)>,
    /// Cancel the query after this long.
    pub timeout: Option<Duration>,
    /// Cancel the query when this token fires (Ctrl-C in the REPL).
    pub cancel: Option<CancellationToken>,
    /// Evaluate queries without FROM over the union of all graphs (default: true).
    pub union_default_graph: bool,
    /// Allow updates to change the ontology graph.
    pub allow_ontology_update: bool,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            prefixes: ns::default_prefixes(),
            timeout: None,
            cancel: None,
            union_default_graph: true,
            allow_ontology_update: false,
        }
    }
}

impl QueryOptions {
    /// A SPARQL parser knowing the predeclared prefixes.
    fn parser(&self) -> Result<SparqlParser, QueryError> {
        self.prefixes
            .iter()
            .try_fold(SparqlParser::new(), |parser, (prefix, iri)| {
                parser
                    .with_prefix(prefix, iri)
                    .map_err(|e| QueryError::Other(format!("prefix {prefix}: {e}")))
            })
    }

    /// The token for one run, armed with the timeout when set.
    fn token(&self) -> (CancellationToken, Option<mpsc::Sender<()>>) {
        let token = self.cancel.clone().unwrap_or_default();
        let Some(timeout) = self.timeout else {
            return (token, None);
        };
        let (done, wait) = mpsc::channel::<()>();
        let timer = token.clone();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(timeout) {
                timer.cancel();
            }
        });
        (token, Some(done))
    }
}

/// Runs a SPARQL query. The results borrow nothing from the options; iterate them to evaluate.
/// The returned guard keeps the timeout armed until dropped.
pub fn query<'a>(
    store: &'a GraphStore,
    text: &str,
    options: &QueryOptions,
) -> Result<(QueryResults<'a>, TimeoutGuard), QueryError> {
    let (token, guard) = options.token();
    let parsed = options
        .parser()?
        .parse_query(text)
        .map_err(|e| QueryError::syntax(text, &e.to_string()))?;
    let fail = |e| QueryError::from_evaluation(e, options.timeout, &token);
    let run = |query: Query| {
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(token.clone())
            .for_query(query);
        if options.union_default_graph && prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared.on_store(store.store()).execute().map_err(fail)
    };
    let results = match newest_first(store, &parsed, &run, &fail)? {
        Some(results) => results,
        None => run(parsed)?,
    };
    Ok((
        results,
        TimeoutGuard {
            _done: guard,
            token: token.clone(),
            timeout: options.timeout,
        },
    ))
}

/// Answers a newest-first query from the newest days of the date index, widening the window
/// (1, 4, 16, … days) until the LIMIT is filled; `None` when the query has another shape, the
/// index cannot be used, or the window would reach a quarter of all days (then the query runs
/// as written). See [`newest_first::NewestFirst`].
fn newest_first<'a>(
    store: &'a GraphStore,
    query: &Query,
    run: &dyn Fn(Query) -> Result<QueryResults<'a>, QueryError>,
    fail: &dyn Fn(QueryEvaluationError) -> QueryError,
) -> Result<Option<QueryResults<'a>>, QueryError> {
    let Some(plan) = newest_first::NewestFirst::recognise(query) else {
        return Ok(None);
    };
    let Some(dates) = store
        .indexed_dates_newest_first()
        .map_err(|e| QueryError::Other(e.to_string()))?
    else {
        return Ok(None);
    };
    let mut days = 1;
    while days <= dates.len() / 4 {
        let window = &dates[..days];
        let answer = match window_rows(&plan, window, run, fail)? {
            Some(newest_first::Window::Rows(variables, rows)) => (variables, rows),
            Some(newest_first::Window::TooFew) => {
                days *= 4;
                continue;
            }
            _ => return Ok(None),
        };
        // A write between reading the index and running the query (another thread of a
        // server) may have added a newer date: then the window was not the newest days. A
        // read-only store is a snapshot: nothing can be added to it.
        if !store.is_read_only() {
            let newest_now = store
                .indexed_dates_newest_first()
                .map_err(|e| QueryError::Other(e.to_string()))?;
            if newest_now.as_ref().and_then(|d| d.get(..days)) != Some(window) {
                return Ok(None);
            }
        }
        let (variables, rows) = answer;
        return Ok(Some(QueryResults::Solutions(QuerySolutionIter::new(
            variables,
            rows.into_iter().map(Ok),
        ))));
    }
    Ok(None)
}

/// The answer from the days of `window`: sorted here when the query allows it
/// ([`newest_first::NewestFirst::sort_window`]), otherwise by Oxigraph. `None` (or
/// [`newest_first::Window::NotHere`]) when the window cannot answer the query.
fn window_rows<'a>(
    plan: &newest_first::NewestFirst,
    window: &[oxigraph::model::Literal],
    run: &dyn Fn(Query) -> Result<QueryResults<'a>, QueryError>,
    fail: &dyn Fn(QueryEvaluationError) -> QueryError,
) -> Result<Option<newest_first::Window>, QueryError> {
    if let Some(unordered) = plan.unordered(window) {
        let QueryResults::Solutions(solutions) = run(unordered)? else {
            return Ok(None);
        };
        let rows = solutions.collect::<Result<Vec<_>, _>>().map_err(fail)?;
        match plan.sort_window(rows) {
            newest_first::Window::NotHere => {}
            done => return Ok(Some(done)),
        }
    }
    let Some(restricted) = plan.restricted(window) else {
        return Ok(None);
    };
    let QueryResults::Solutions(solutions) = run(restricted)? else {
        return Ok(None);
    };
    let variables: Arc<[Variable]> = solutions.variables().into();
    let rows = solutions.collect::<Result<Vec<_>, _>>().map_err(fail)?;
    Ok(Some(if rows.len() >= plan.limit {
        newest_first::Window::Rows(variables, rows)
    } else {
        newest_first::Window::TooFew
    }))
}

/// Keeps a query's timeout armed; converts cancellation errors into clear messages.
/// `TimeoutGuard::default()` arms nothing (for results computed elsewhere).
#[derive(Default)]
pub struct TimeoutGuard {
    _done: Option<mpsc::Sender<()>>,
    token: CancellationToken,
    timeout: Option<Duration>,
}

impl TimeoutGuard {
    /// Turns an evaluation error met while reading results into a [`QueryError`].
    pub fn error(&self, e: oxigraph::sparql::QueryEvaluationError) -> QueryError {
        QueryError::from_evaluation(e, self.timeout, &self.token)
    }
}

/// Runs a SPARQL update in one transaction. Updates that would change the ontology graph are
/// refused (and nothing is written) unless `allow_ontology_update` is set.
pub fn update(store: &GraphStore, text: &str, options: &QueryOptions) -> Result<(), QueryError> {
    store
        .check_writable()
        .map_err(|e| QueryError::Other(e.to_string()))?;
    let (token, _guard) = options.token();
    let parsed = options
        .parser()?
        .parse_update(text)
        .map_err(|e| QueryError::syntax(text, &e.to_string()))?;
    let mut dates = dates_written(&parsed);
    let cube_plan = cube_graphs_written(&parsed);
    let prepared = SparqlEvaluator::new()
        .with_cancellation_token(token.clone())
        .for_update(parsed);
    let other = |e: crate::graph::GraphError| QueryError::Other(e.to_string());
    let _writing = store.write_lock();
    let mut tx = store
        .store()
        .start_transaction()
        .map_err(|e| QueryError::Other(e.to_string()))?;
    let before = match options.allow_ontology_update {
        false => Some(ontology_fingerprint(&tx).map_err(other)?),
        true => None,
    };
    let index_before = date_index::fingerprint(&tx).map_err(other)?;
    let mut cube = cube::CubeWatch::default();
    match cube_plan {
        None => cube.rebuild(),
        Some(graphs) => {
            for g in &graphs {
                cube.touch(&tx, g.as_ref()).map_err(other)?;
            }
        }
    }
    prepared
        .on_transaction(&mut tx)
        .execute()
        .map_err(|e| QueryError::from_update(e, options.timeout, &token))?;
    if date_index::fingerprint(&tx).map_err(other)? != index_before {
        dates.rebuild();
    }
    dates.apply(&mut tx).map_err(other)?;
    cube.apply(&mut tx).map_err(other)?;
    if let Some(before) = before
        && ontology_fingerprint(&tx).map_err(other)? != before
    {
        return Err(QueryError::Refused(format!(
            "the update would change the ontology graph <{}>; nothing was written (use --allow-ontology-update to allow it)",
            ns::ONTOLOGY_GRAPH
        )));
    }
    tx.commit().map_err(|e| QueryError::Other(e.to_string()))
}

/// The `geokg:date` values an update inserts, to add to the date index in the same
/// transaction: those of `INSERT DATA`; a rebuild when they cannot be known in advance (an
/// `INSERT` template with that predicate or a variable one, or `LOAD`). Deletions never need one.
fn dates_written(update: &Update) -> date_index::DateWatch {
    use spargebra::GraphUpdateOperation as Op;
    use spargebra::term::NamedNodePattern;
    let mut dates = date_index::DateWatch::default();
    for op in &update.operations {
        match op {
            Op::InsertData { data } => data.iter().for_each(|q| {
                let graph = match &q.graph_name {
                    spargebra::term::GraphName::NamedNode(g) => GraphNameRef::NamedNode(g.as_ref()),
                    spargebra::term::GraphName::DefaultGraph => GraphNameRef::DefaultGraph,
                };
                dates.see(oxigraph::model::QuadRef::new(
                    q.subject.as_ref(),
                    q.predicate.as_ref(),
                    q.object.as_ref(),
                    graph,
                ))
            }),
            Op::DeleteInsert { insert, .. }
                if insert.iter().any(|q| match &q.predicate {
                    NamedNodePattern::NamedNode(p) => p.as_str() == date_index::DATE,
                    NamedNodePattern::Variable(_) => true,
                }) =>
            {
                dates.rebuild()
            }
            Op::Load { .. } => dates.rebuild(),
            _ => {}
        }
    }
    dates
}

/// The graphs an update may change the event cube's counts in (each is counted before and
/// after it), or `None` when that cannot be known in advance and the cube must be rebuilt: a
/// template writing the cube's source properties (or a variable predicate) into a variable
/// graph, a template that could write the cube's own properties into a variable graph, or
/// `CLEAR`/`DROP` of all graphs.
fn cube_graphs_written(update: &Update) -> Option<Vec<oxigraph::model::GraphName>> {
    use oxigraph::model::GraphName;
    use spargebra::GraphUpdateOperation as Op;
    use spargebra::algebra::GraphTarget;
    use spargebra::term::{GraphNamePattern, NamedNodePattern, TermPattern};
    let mut graphs = Vec::new();
    let fixed = |g: &spargebra::term::GraphName| match g {
        spargebra::term::GraphName::NamedNode(n) => GraphName::NamedNode(n.clone()),
        spargebra::term::GraphName::DefaultGraph => GraphName::DefaultGraph,
    };
    // A quad of INSERT DATA / DELETE DATA: its graph, if the quad can change the cube.
    let data_graph = |predicate: &spargebra::term::NamedNode,
                      graph: &spargebra::term::GraphName| {
        let cube_graph = matches!(graph, spargebra::term::GraphName::NamedNode(n) if cube::is_cube_graph(n.as_ref().into()));
        (cube::is_source_property(predicate.as_str()) || cube_graph).then(|| fixed(graph))
    };
    // A template quad: Ok(Some(graph)) to count that graph, Ok(None) when it cannot matter,
    // Err(()) when the cube must be rebuilt.
    let template = |graph: &GraphNamePattern,
                    predicate: &NamedNodePattern,
                    class: Option<&spargebra::term::NamedNode>|
     -> Result<Option<GraphName>, ()> {
        let source = match predicate {
            NamedNodePattern::Variable(_) => true,
            NamedNodePattern::NamedNode(p) => cube::is_source_property(p.as_str()),
        };
        let cube_own = match predicate {
            NamedNodePattern::Variable(_) => true,
            NamedNodePattern::NamedNode(p)
                if p.as_str() == oxigraph::model::vocab::rdf::TYPE.as_str() =>
            {
                class.is_none_or(|c| cube::is_cube_class(c.as_str()))
            }
            NamedNodePattern::NamedNode(p) => cube::is_cube_property(p.as_str()),
        };
        match graph {
            GraphNamePattern::Variable(_) if source || cube_own => Err(()),
            GraphNamePattern::Variable(_) => Ok(None),
            GraphNamePattern::NamedNode(n) if source || cube::is_cube_graph(n.as_ref().into()) => {
                Ok(Some(GraphName::NamedNode(n.clone())))
            }
            GraphNamePattern::DefaultGraph if source => Ok(Some(GraphName::DefaultGraph)),
            _ => Ok(None),
        }
    };
    for op in &update.operations {
        match op {
            Op::InsertData { data } => graphs.extend(
                data.iter()
                    .filter_map(|q| data_graph(&q.predicate, &q.graph_name)),
            ),
            Op::DeleteData { data } => graphs.extend(
                data.iter()
                    .filter_map(|q| data_graph(&q.predicate, &q.graph_name)),
            ),
            Op::DeleteInsert { delete, insert, .. } => {
                let deleted = delete.iter().map(|q| {
                    let class = match &q.object {
                        spargebra::term::GroundTermPattern::NamedNode(c) => Some(c),
                        _ => None,
                    };
                    template(&q.graph_name, &q.predicate, class)
                });
                let inserted = insert.iter().map(|q| {
                    let class = match &q.object {
                        TermPattern::NamedNode(c) => Some(c),
                        _ => None,
                    };
                    template(&q.graph_name, &q.predicate, class)
                });
                for g in deleted.chain(inserted) {
                    graphs.extend(g.ok()?);
                }
            }
            Op::Load { destination, .. } => graphs.push(fixed(destination)),
            Op::Clear { graph, .. } | Op::Drop { graph, .. } => match graph {
                GraphTarget::NamedNode(n) => graphs.push(GraphName::NamedNode(n.clone())),
                GraphTarget::DefaultGraph => graphs.push(GraphName::DefaultGraph),
                GraphTarget::NamedGraphs | GraphTarget::AllGraphs => return None,
            },
            Op::Create { .. } => {}
        }
    }
    graphs.sort_by_key(|g| g.to_string());
    graphs.dedup();
    Some(graphs)
}

/// Count and order-independent hash of the ontology graph's quads.
fn ontology_fingerprint(
    tx: &oxigraph::store::Transaction<'_>,
) -> Result<(usize, u64), crate::graph::GraphError> {
    let graph = GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH));
    crate::graph::store::graph_fingerprint(tx, graph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::OpenOptions;

    /// 60 events over 12 days of two months, a few with month or year precision, some undated.
    fn store_with_events() -> GraphStore {
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        let mut data = String::from("PREFIX geokg: <https://w3id.org/geokg/ns#> INSERT DATA {");
        for i in 0..60 {
            let date = match i % 15 {
                13 => "\"2025-02\"^^xsd:gYearMonth".to_string(),
                14 => "\"2025\"^^xsd:gYear".to_string(),
                d if i % 7 == 0 => format!("\"2025-0{}-1{}\"^^xsd:date", 1 + d % 2, d % 6),
                d => format!("\"2025-0{}-0{}\"^^xsd:date", 1 + d % 2, 1 + d % 6),
            };
            let dated = if i % 11 == 5 {
                String::new()
            } else {
                format!("geokg:date {date} ;")
            };
            data += &format!(
                " GRAPH <http://example.org/doc{}> {{ <http://example.org/e{i}> a geokg:Event ; {dated} geokg:actorLabel \"a{}\" }}",
                i % 4,
                i % 9
            );
        }
        data += " }";
        update(&store, &data, &QueryOptions::default()).unwrap();
        store
    }

    fn rows(store: &GraphStore, text: &str) -> Vec<String> {
        let (results, _guard) = query(store, text, &QueryOptions::default()).unwrap();
        let QueryResults::Solutions(solutions) = results else {
            panic!("not a SELECT")
        };
        solutions
            .map(|s| format!("{:?}", s.unwrap().values()))
            .collect()
    }

    const NEWEST: &str = "SELECT ?e ?a ?date WHERE { ?e a geokg:Event ; geokg:actorLabel ?a OPTIONAL { ?e geokg:date ?date } } ORDER BY DESC(?date) ?a ?e";

    #[test]
    fn newest_first_answers_equal_the_full_sort() {
        let store = store_with_events();
        let all = rows(&store, NEWEST);
        assert_eq!(all.len(), 60);
        for (limit, offset) in [(1, 0), (3, 0), (7, 2), (20, 0), (45, 5), (60, 0), (80, 0)] {
            let got = rows(&store, &format!("{NEWEST} LIMIT {limit} OFFSET {offset}"));
            let want: Vec<String> = all.iter().skip(offset).take(limit).cloned().collect();
            assert_eq!(got, want, "LIMIT {limit} OFFSET {offset}");
        }
    }

    /// 400 events over 80 days (2024-12-21 to 2025-03-10) and a few month and year dates,
    /// some undated, some with two dates: enough days for windows of 1, 4 and 16 days.
    fn store_with_many_days() -> GraphStore {
        let mut days = Vec::new();
        for (month, first, last) in [
            ("2024-12", 21, 31),
            ("2025-01", 1, 31),
            ("2025-02", 1, 28),
            ("2025-03", 1, 10),
        ] {
            days.extend((first..=last).map(|d| format!("\"{month}-{d:02}\"^^xsd:date")));
        }
        let store = GraphStore::open(&OpenOptions::default()).unwrap();
        let mut data = String::from("PREFIX geokg: <https://w3id.org/geokg/ns#> INSERT DATA {");
        for i in 0..400usize {
            let day = (i * 7) % days.len();
            let dates = match i {
                _ if i % 11 == 5 => vec![],
                _ if i % 13 == 0 => vec![format!("\"2025-0{}\"^^xsd:gYearMonth", 2 + i % 2)],
                _ if i % 17 == 0 => vec!["\"2025\"^^xsd:gYear".to_string()],
                _ if i % 9 == 0 => vec![days[day].clone(), days[(day + 1) % days.len()].clone()],
                _ => vec![days[day].clone()],
            };
            let dated: String = dates.iter().map(|d| format!("geokg:date {d} ; ")).collect();
            data += &format!(
                " GRAPH <http://example.org/doc{}> {{ <http://example.org/e{i:03}> a geokg:Event ; {dated} geokg:actorLabel \"a{}\" }}",
                i % 5,
                i % 3
            );
        }
        data += " }";
        update(&store, &data, &QueryOptions::default()).unwrap();
        store
    }

    /// The rows of the newest-first rewrite, or `None` when it declined the query.
    fn rewritten(store: &GraphStore, text: &str) -> Option<Vec<String>> {
        let parsed = QueryOptions::default()
            .parser()
            .unwrap()
            .parse_query(text)
            .unwrap();
        let fail = |e: QueryEvaluationError| QueryError::Other(e.to_string());
        let run = |query: Query| {
            let mut prepared = SparqlEvaluator::new().for_query(query);
            prepared.dataset_mut().set_default_graph_as_union();
            prepared.on_store(store.store()).execute().map_err(fail)
        };
        let QueryResults::Solutions(solutions) =
            newest_first(store, &parsed, &run, &fail).unwrap()?
        else {
            panic!("not a SELECT")
        };
        Some(
            solutions
                .map(|s| format!("{:?}", s.unwrap().values()))
                .collect(),
        )
    }

    #[test]
    fn the_rewrite_widens_its_window_and_agrees_with_the_full_sort() {
        let store = store_with_many_days();
        assert!(store.indexed_dates_newest_first().unwrap().unwrap().len() >= 80);
        for base in [
            // several rows per event where it has two dates; ties broken by the event
            "SELECT ?e ?a ?date WHERE { ?e a geokg:Event ; geokg:actorLabel ?a OPTIONAL { ?e geokg:date ?date } } ORDER BY DESC(?date) ?e",
            // one row per event, at its newest date
            "SELECT DISTINCT ?e WHERE { ?e a geokg:Event ; geokg:date ?date } ORDER BY DESC(?date) ?e",
        ] {
            let all = rows(&store, base);
            assert!(all.len() > 300, "{base}");
            // 1-day, 4-day and 16-day windows, OFFSETs reaching past the first window, the
            // month values (2025-03, 2025-02) inside the wider windows.
            for (limit, offset) in [(1, 0), (3, 2), (5, 0), (12, 4), (20, 0), (30, 25), (60, 0)] {
                let text = format!("{base} LIMIT {limit} OFFSET {offset}");
                let want: Vec<String> = all.iter().skip(offset).take(limit).cloned().collect();
                assert_eq!(rewritten(&store, &text), Some(want.clone()), "{text}");
                assert_eq!(rows(&store, &text), want, "{text}");
            }
            // A LIMIT the widest window cannot fill: the query runs as written.
            let text = format!("{base} LIMIT 300");
            assert_eq!(rewritten(&store, &text), None, "{text}");
            assert_eq!(rows(&store, &text), all[..300], "{text}");
        }
    }

    #[test]
    fn windows_sorted_here_or_by_oxigraph_agree_with_the_full_sort() {
        let store = store_with_many_days();
        // Keys of every kind: plain and language-tagged strings, IRIs, unbound; and decimals,
        // whose order only Oxigraph knows (those windows go back to its sort).
        let mut data = String::from("PREFIX geokg: <https://w3id.org/geokg/ns#> INSERT DATA {");
        for i in 0..400usize {
            let note = match (i % 3, i % 2) {
                (0, 0) => format!("\"n{}\"@fr", i % 7),
                (0, _) => format!("\"n{}\"@en", i % 7),
                (1, _) => format!("\"n{}\"", i % 7),
                (_, 0) => format!("<http://example.org/n{}>", i % 7),
                _ => String::new(),
            };
            let note = if note.is_empty() {
                note
            } else {
                format!("geokg:note {note} ;")
            };
            data += &format!(
                " GRAPH <http://example.org/doc{}> {{ <http://example.org/e{i:03}> {note} geokg:goldstein \"{}.5\"^^xsd:decimal }}",
                i % 5,
                (i % 9) as i64 - 4
            );
        }
        data += " }";
        update(&store, &data, &QueryOptions::default()).unwrap();
        for base in [
            // a key that is not selected
            "SELECT ?e WHERE { ?e a geokg:Event OPTIONAL { ?e geokg:note ?n } OPTIONAL { ?e geokg:date ?date } } ORDER BY DESC(?date) ?n ?e",
            "SELECT ?n ?e ?date WHERE { ?e a geokg:Event OPTIONAL { ?e geokg:note ?n } OPTIONAL { ?e geokg:date ?date } } ORDER BY DESC(?date) DESC(?n) ?e",
            "SELECT ?e ?g WHERE { ?e a geokg:Event ; geokg:goldstein ?g OPTIONAL { ?e geokg:date ?date } } ORDER BY DESC(?date) ?g ?e",
            // an expression key: always Oxigraph's sort
            "SELECT ?e WHERE { ?e a geokg:Event OPTIONAL { ?e geokg:note ?n } OPTIONAL { ?e geokg:date ?date } } ORDER BY DESC(?date) STR(?n) ?e",
        ] {
            let all = rows(&store, base);
            assert!(all.len() > 300, "{base}");
            for (limit, offset) in [(1, 0), (7, 3), (20, 0), (30, 25), (60, 0)] {
                let text = format!("{base} LIMIT {limit} OFFSET {offset}");
                let want: Vec<String> = all.iter().skip(offset).take(limit).cloned().collect();
                assert_eq!(rewritten(&store, &text), Some(want.clone()), "{text}");
            }
        }
    }

    #[test]
    fn inserted_dates_are_added_and_only_unknown_ones_rebuild() {
        let store = store_with_events();
        let newest = |store: &GraphStore| {
            let dates = store.indexed_dates_newest_first().unwrap().unwrap();
            dates[0].value().to_string()
        };
        let insert = "PREFIX geokg: <https://w3id.org/geokg/ns#> INSERT DATA { GRAPH <http://example.org/n> { <http://example.org/n1> a geokg:Event ; geokg:date \"2030-01-01\"^^xsd:date } }";
        update(&store, insert, &QueryOptions::default()).unwrap();
        assert_eq!(newest(&store), "2030-01-01");
        // Deleting the event leaves its date in the index (no rebuild); so does adding another.
        update(
            &store,
            "DROP GRAPH <http://example.org/n>",
            &QueryOptions::default(),
        )
        .unwrap();
        update(
            &store,
            &insert.replace("2030", "2029").replace("/n>", "/m>"),
            &QueryOptions::default(),
        )
        .unwrap();
        assert_eq!(newest(&store), "2030-01-01");
        // An INSERT … WHERE writing geokg:date rebuilds it from the events: the stale date goes.
        update(
            &store,
            "PREFIX geokg: <https://w3id.org/geokg/ns#> INSERT { GRAPH <http://example.org/c> { ?e geokg:date \"2028-01-01\"^^xsd:date } } WHERE { GRAPH <http://example.org/m> { ?e a geokg:Event } }",
            &QueryOptions::default(),
        )
        .unwrap();
        assert_eq!(newest(&store), "2029-01-01");
    }

    #[test]
    fn the_date_index_follows_updates() {
        let store = store_with_events();
        let q = format!("{NEWEST} LIMIT 1");
        update(
            &store,
            "PREFIX geokg: <https://w3id.org/geokg/ns#> INSERT DATA { GRAPH <http://example.org/new> { <http://example.org/late> a geokg:Event ; geokg:actorLabel \"z\" ; geokg:date \"2026-05-01\"^^xsd:date } }",
            &QueryOptions::default(),
        )
        .unwrap();
        assert!(rows(&store, &q)[0].contains("late"));
        // An update that drops index entries (here: all of them) leaves a rebuilt index.
        update(
            &store,
            "DELETE WHERE { GRAPH <https://w3id.org/geokg/graph/dates> { ?s <https://w3id.org/geokg/ns#indexedDate> ?o } }",
            &QueryOptions::default(),
        )
        .unwrap();
        let distinct = store
            .count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?e <https://w3id.org/geokg/ns#date> ?d } }")
            .unwrap();
        assert!(distinct > 10);
        let indexed = store.indexed_dates_newest_first().unwrap().unwrap();
        assert_eq!(indexed.len() as u64, distinct);
        assert!(rows(&store, &q)[0].contains("late"));
        // Copying triples with a variable predicate may add dates: the index is rebuilt.
        update(
            &store,
            "PREFIX geokg: <https://w3id.org/geokg/ns#> INSERT { GRAPH <http://example.org/copy> { <http://example.org/later> ?p ?o . <http://example.org/later> geokg:actorLabel \"y\" } } WHERE { VALUES (?p ?o) { (geokg:date \"2027-01-01\"^^xsd:date) (rdf:type geokg:Event) } }",
            &QueryOptions::default(),
        )
        .unwrap();
        assert!(rows(&store, &q)[0].contains("later"));
    }
}
