//! The event cube: how many events each actor country directed at each target country, per
//! month and CAMEO quad class, with the sum of their Goldstein scores. Aggregate queries over
//! millions of events ("events per country pair per month") read these few thousand cells
//! instead of joining every event's properties.
//!
//! The graph `<https://w3id.org/geokg/graph/cube>` holds one cell per combination in use:
//! `cell geokg:cellActorCountry ?ac ; geokg:cellTargetCountry ?tc ; geokg:cellMonth "YYYY-MM" ;
//! geokg:cellQuadClass ?qc ; geokg:cellEventCount n ; geokg:cellGoldsteinSum s` (month and quad class
//! only when the events have them), and `<cube> a geokg:EventCube` once it is complete.
//!
//! An event counts when, inside one graph, it has a `geokg:actorCountry` and a
//! `geokg:targetCountry` and is not `geokg:negated true`; its month is the first seven
//! characters of its `geokg:dateStart`. Every write keeps the cube exact in its own
//! transaction: it subtracts the counts of each graph it touches as they were before and adds
//! them as they are after ([`CubeWatch`]); writes whose graphs cannot be known in advance
//! (`LOAD`, `DELETE/INSERT … WHERE` on these properties, bulk loads) rebuild it.

use std::collections::{HashMap, HashSet};

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, TermRef,
};
use oxigraph::store::Transaction;
use sha2::{Digest, Sha256};

use super::derived::Derived;
use super::error::GraphError;
use super::ns;

const ACTOR_COUNTRY: &str = "https://w3id.org/geokg/ns#actorCountry";
const TARGET_COUNTRY: &str = "https://w3id.org/geokg/ns#targetCountry";
const DATE_START: &str = "https://w3id.org/geokg/ns#dateStart";
const QUAD_CLASS: &str = "https://w3id.org/geokg/ns#quadClass";
const GOLDSTEIN: &str = "https://w3id.org/geokg/ns#goldstein";
const NEGATED: &str = "https://w3id.org/geokg/ns#negated";

/// The event properties a cell is computed from: writes of anything else leave the cube alone.
pub const SOURCE_PROPERTIES: [&str; 6] = [
    ACTOR_COUNTRY,
    TARGET_COUNTRY,
    DATE_START,
    QUAD_CLASS,
    GOLDSTEIN,
    NEGATED,
];

const CELL_CLASS: &str = "https://w3id.org/geokg/ns#CubeCell";
const CUBE_CLASS: &str = "https://w3id.org/geokg/ns#EventCube";
const CELL_ACTOR: &str = "https://w3id.org/geokg/ns#cellActorCountry";
const CELL_TARGET: &str = "https://w3id.org/geokg/ns#cellTargetCountry";
const CELL_MONTH: &str = "https://w3id.org/geokg/ns#cellMonth";
const CELL_QUAD_CLASS: &str = "https://w3id.org/geokg/ns#cellQuadClass";
const EVENT_COUNT: &str = "https://w3id.org/geokg/ns#cellEventCount";
const GOLDSTEIN_SUM: &str = "https://w3id.org/geokg/ns#cellGoldsteinSum";

fn node(iri: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(iri)
}

fn graph_name() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(node(ns::CUBE_GRAPH))
}

/// Whether `graph` is the cube's graph.
pub fn is_cube_graph(graph: GraphNameRef<'_>) -> bool {
    graph == graph_name()
}

/// Whether a quad with this predicate can change the cube.
pub fn is_source_property(predicate: &str) -> bool {
    SOURCE_PROPERTIES.contains(&predicate)
}

/// Whether `predicate` is one of the cube's own properties (of its cells).
pub fn is_cube_property(predicate: &str) -> bool {
    [
        CELL_ACTOR,
        CELL_TARGET,
        CELL_MONTH,
        CELL_QUAD_CLASS,
        EVENT_COUNT,
        GOLDSTEIN_SUM,
    ]
    .contains(&predicate)
}

/// Whether `class` types the cube or its cells.
pub fn is_cube_class(class: &str) -> bool {
    class == CELL_CLASS || class == CUBE_CLASS
}

/// The quad saying the cube is complete.
fn marker() -> QuadRef<'static> {
    QuadRef::new(
        node(ns::CUBE_GRAPH),
        rdf::TYPE,
        node(CUBE_CLASS),
        graph_name(),
    )
}

/// The coordinates of one cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    pub actor_country: Term,
    pub target_country: Term,
    pub month: Option<String>,
    pub quad_class: Option<Term>,
}

impl Cell {
    /// The cell's IRI: a hash of its coordinates, so the same cell is found again.
    fn iri(&self) -> NamedNode {
        let mut h = Sha256::new();
        h.update(self.actor_country.to_string().as_bytes());
        h.update(b"\n");
        h.update(self.target_country.to_string().as_bytes());
        h.update(b"\n");
        h.update(self.month.as_deref().unwrap_or("").as_bytes());
        h.update(b"\n");
        if let Some(q) = &self.quad_class {
            h.update(q.to_string().as_bytes());
        }
        let hex: String = h
            .finalize()
            .iter()
            .take(10)
            .map(|b| format!("{b:02x}"))
            .collect();
        NamedNode::new_unchecked(format!("{}/cell/{hex}", ns::CUBE_GRAPH))
    }
}

/// A cell's measures: events, and the sum of their Goldstein scores in thousandths (exact).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measures {
    pub events: i64,
    pub goldstein_milli: i64,
}

/// Signed changes to cells.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cells(pub HashMap<Cell, Measures>);

impl Cells {
    /// Adds (`sign` 1) or subtracts (`sign` -1) the cells of the events among `quads`.
    pub fn add_quads<'a>(&mut self, quads: impl IntoIterator<Item = QuadRef<'a>>, sign: i64) {
        let mut events: HashMap<(GraphNameRef<'a>, TermRef<'a>), EventFacts<'a>> = HashMap::new();
        for q in quads {
            if !is_source_property(q.predicate.as_str()) {
                continue;
            }
            let facts = events.entry((q.graph_name, q.subject.into())).or_default();
            facts.see(q.predicate.as_str(), q.object);
        }
        for facts in events.values() {
            facts.count_into(self, sign);
        }
    }

    /// Adds or subtracts the cells of the events in one graph as `tx` sees it.
    pub fn add_graph(
        &mut self,
        tx: &Transaction<'_>,
        graph: GraphNameRef<'_>,
        sign: i64,
    ) -> Result<(), GraphError> {
        if is_cube_graph(graph) {
            return Ok(());
        }
        let mut quads = Vec::new();
        for p in SOURCE_PROPERTIES {
            for q in tx.quads_for_pattern(None, Some(node(p)), None, Some(graph)) {
                quads.push(q?);
            }
        }
        self.add_quads(quads.iter().map(Quad::as_ref), sign);
        Ok(())
    }

    /// Writes the changes into the cube inside `tx`: each touched cell is read once; a new
    /// cell is written whole, an existing one gets its two measures replaced, and a cell left
    /// without events is removed. Returns the number of quads written or removed.
    pub fn apply(self, tx: &mut Transaction<'_>) -> Result<u64, GraphError> {
        let mut written = 0;
        for (cell, change) in self.0 {
            if change == Measures::default() {
                continue;
            }
            let iri = cell.iri();
            let held = tx
                .quads_for_pattern(Some(iri.as_ref().into()), None, None, Some(graph_name()))
                .collect::<Result<Vec<_>, _>>()?;
            let old = measures_of(&held);
            let new = Measures {
                events: old.events + change.events,
                goldstein_milli: old.goldstein_milli + change.goldstein_milli,
            };
            if new.events < 0 {
                return Err(GraphError::Internal(format!(
                    "the event cube would count {} events in {iri}",
                    new.events
                )));
            }
            if held.is_empty() || new.events == 0 {
                for q in &held {
                    tx.remove(q);
                }
                written += held.len() as u64;
                if new.events > 0 {
                    written += write_cell(tx, &cell, iri.as_ref(), new);
                }
                continue;
            }
            for q in held
                .iter()
                .filter(|q| matches!(q.predicate.as_str(), EVENT_COUNT | GOLDSTEIN_SUM))
            {
                tx.remove(q);
                written += 1;
            }
            let g = graph_name();
            let count = Literal::new_typed_literal(new.events.to_string(), xsd::INTEGER);
            tx.insert(QuadRef::new(iri.as_ref(), node(EVENT_COUNT), &count, g));
            let sum = decimal(new.goldstein_milli);
            tx.insert(QuadRef::new(iri.as_ref(), node(GOLDSTEIN_SUM), &sum, g));
            written += 2;
        }
        Ok(written)
    }
}

impl Cells {
    /// Adds the changes to the cube and marks it complete, for large additions: the quads of
    /// cells the cube lacks go through the bulk loader (a transaction holding a million-event
    /// ingest's cells took 1.3 GB and as long as the ingest's data), the rest through
    /// [`Cells::apply`]. Not atomic: the caller takes the marker away first, so an interruption
    /// leaves the cube marked incomplete (rebuilt on the next open). Returns the quads written
    /// through the transaction.
    pub fn apply_bulk(self, store: &super::GraphStore) -> Result<u64, GraphError> {
        let mut existing = Cells::default();
        let mut failure = None;
        // The new cells' quads are made one cell at a time as the loader takes them: a
        // million-event ingest has ~100k cells, ~700k quads, which as one vector took more
        // memory than the whole rest of the ingest.
        let new_quads = self
            .0
            .into_iter()
            .filter_map(|(cell, change)| {
                // After a failed lookup the load is abandoned: stop looking.
                if failure.is_some() {
                    return None;
                }
                let iri = cell.iri();
                let held = store
                    .store()
                    .quads_for_pattern(Some(iri.as_ref().into()), None, None, Some(graph_name()))
                    .next()
                    .transpose();
                match held {
                    Err(e) => {
                        failure.get_or_insert(e);
                        None
                    }
                    Ok(Some(_)) => {
                        existing.0.insert(cell, change);
                        None
                    }
                    Ok(None) if change.events > 0 => Some(cell_quads(&cell, iri.as_ref(), change)),
                    Ok(None) => None,
                }
            })
            .flatten();
        let mut loader = store
            .store()
            .bulk_loader()
            .with_num_threads(1)
            .with_max_memory_size_in_megabytes(128);
        loader.load_quads(new_quads)?;
        if let Some(e) = failure {
            return Err(e.into());
        }
        loader.commit()?;
        let mut tx = store.store().start_transaction()?;
        let written = existing.apply(&mut tx)?;
        tx.insert(marker());
        tx.commit()?;
        Ok(written)
    }
}

/// What one event (in one graph) says about the cube.
#[derive(Default)]
struct EventFacts<'a> {
    actors: Vec<TermRef<'a>>,
    targets: Vec<TermRef<'a>>,
    months: Vec<String>,
    quad_classes: Vec<TermRef<'a>>,
    goldstein: Vec<i64>,
    negated: bool,
}

impl<'a> EventFacts<'a> {
    fn see(&mut self, predicate: &str, object: TermRef<'a>) {
        match predicate {
            ACTOR_COUNTRY => self.actors.push(object),
            TARGET_COUNTRY => self.targets.push(object),
            DATE_START => self.months.push(month_of(object)),
            QUAD_CLASS => self.quad_classes.push(object),
            GOLDSTEIN => self.goldstein.push(goldstein_milli(object)),
            NEGATED => {
                if let TermRef::Literal(l) = object {
                    self.negated |=
                        l.datatype() == xsd::BOOLEAN && matches!(l.value(), "true" | "1");
                }
            }
            _ => {}
        }
    }

    /// One count per combination of values, as a SPARQL join of the properties would give.
    fn count_into(&self, cells: &mut Cells, sign: i64) {
        if self.negated {
            return;
        }
        let months: Vec<Option<&String>> = optional(&self.months);
        let classes: Vec<Option<&TermRef<'a>>> = optional(&self.quad_classes);
        let scores: Vec<Option<&i64>> = optional(&self.goldstein);
        for ac in &self.actors {
            for tc in &self.targets {
                for month in &months {
                    for qc in &classes {
                        let cell = Cell {
                            actor_country: ac.into_owned(),
                            target_country: tc.into_owned(),
                            month: month.cloned(),
                            quad_class: qc.map(|q| q.into_owned()),
                        };
                        let m = cells.0.entry(cell).or_default();
                        for score in &scores {
                            m.events += sign;
                            m.goldstein_milli += sign * score.copied().unwrap_or(0);
                        }
                    }
                }
            }
        }
    }
}

/// The values as options, or one `None` when there are none (an OPTIONAL that did not match).
fn optional<T>(values: &[T]) -> Vec<Option<&T>> {
    if values.is_empty() {
        vec![None]
    } else {
        values.iter().map(Some).collect()
    }
}

/// `SUBSTR(STR(?start), 1, 7)`.
fn month_of(term: TermRef<'_>) -> String {
    let text = match term {
        TermRef::Literal(l) => l.value(),
        TermRef::NamedNode(n) => n.as_str(),
        _ => "",
    };
    text.chars().take(7).collect()
}

/// A Goldstein score in thousandths (0 when it is not a number).
fn goldstein_milli(term: TermRef<'_>) -> i64 {
    match term {
        TermRef::Literal(l) => l
            .value()
            .trim()
            .parse::<f64>()
            .map(|v| (v * 1000.0).round() as i64)
            .unwrap_or(0),
        _ => 0,
    }
}

/// Thousandths as an `xsd:decimal`.
fn decimal(milli: i64) -> Literal {
    let sign = if milli < 0 { "-" } else { "" };
    let abs = milli.unsigned_abs();
    Literal::new_typed_literal(
        format!("{sign}{}.{:03}", abs / 1000, abs % 1000),
        xsd::DECIMAL,
    )
}

/// The measures among a cell's quads.
fn measures_of(quads: &[Quad]) -> Measures {
    let mut m = Measures::default();
    for q in quads {
        if let Term::Literal(l) = &q.object {
            match q.predicate.as_str() {
                EVENT_COUNT => m.events = l.value().parse().unwrap_or(0),
                GOLDSTEIN_SUM => m.goldstein_milli = goldstein_milli(l.as_ref().into()),
                _ => {}
            }
        }
    }
    m
}

/// The quads of one cell.
fn cell_quads(cell: &Cell, iri: NamedNodeRef<'_>, m: Measures) -> Vec<Quad> {
    let g = graph_name();
    let count = Literal::new_typed_literal(m.events.to_string(), xsd::INTEGER);
    let sum = decimal(m.goldstein_milli);
    let mut quads = vec![
        QuadRef::new(iri, rdf::TYPE, node(CELL_CLASS), g).into_owned(),
        QuadRef::new(iri, node(CELL_ACTOR), &cell.actor_country, g).into_owned(),
        QuadRef::new(iri, node(CELL_TARGET), &cell.target_country, g).into_owned(),
        QuadRef::new(iri, node(EVENT_COUNT), &count, g).into_owned(),
        QuadRef::new(iri, node(GOLDSTEIN_SUM), &sum, g).into_owned(),
    ];
    if let Some(month) = &cell.month {
        let month = Literal::new_simple_literal(month);
        quads.push(QuadRef::new(iri, node(CELL_MONTH), &month, g).into_owned());
    }
    if let Some(qc) = &cell.quad_class {
        quads.push(QuadRef::new(iri, node(CELL_QUAD_CLASS), qc, g).into_owned());
    }
    quads
}

/// Whether a cell's quads as stored say exactly `cell` and `m` (numbers compared by value:
/// the store keeps decimals in canonical form).
fn holds(quads: &[Quad], cell: &Cell, m: Measures) -> bool {
    let expected = cell_quads(cell, node(ns::CUBE_GRAPH), m);
    quads.len() == expected.len()
        && quads.iter().all(|q| {
            expected.iter().any(|e| {
                e.predicate == q.predicate
                    && match (&e.object, &q.object) {
                        (Term::Literal(a), Term::Literal(b))
                            if e.predicate.as_str() == GOLDSTEIN_SUM
                                || e.predicate.as_str() == EVENT_COUNT =>
                        {
                            a.datatype() == b.datatype()
                                && goldstein_milli(a.as_ref().into())
                                    == goldstein_milli(b.as_ref().into())
                        }
                        (a, b) => a == b,
                    }
            })
        })
}

/// Writes one cell; returns the number of its quads.
fn write_cell(tx: &mut Transaction<'_>, cell: &Cell, iri: NamedNodeRef<'_>, m: Measures) -> u64 {
    let quads = cell_quads(cell, iri, m);
    for q in &quads {
        tx.insert(q);
    }
    quads.len() as u64
}

/// Rebuilds the cube from every graph inside `tx` and marks it complete. Only the cells that
/// differ from what the cube holds are written, and all reads come before the first write: a
/// RocksDB transaction's reads merge its pending writes, and rewriting a million-event store's
/// cells in one transaction took minutes where the difference is usually a handful of cells.
pub fn rebuild_in(tx: &mut Transaction<'_>) -> Result<(), GraphError> {
    let graphs = tx
        .named_graphs()
        .collect::<Result<Vec<NamedOrBlankNode>, _>>()?;
    let mut target = Cells::default();
    target.add_graph(tx, GraphNameRef::DefaultGraph, 1)?;
    for g in &graphs {
        target.add_graph(tx, g.as_ref().into(), 1)?;
    }
    target.0.retain(|_, m| m.events > 0);
    // The cube graph as it is, by subject.
    let mut held: HashMap<NamedOrBlankNode, Vec<Quad>> = HashMap::new();
    for q in tx.quads_for_pattern(None, None, None, Some(graph_name())) {
        let q = q?;
        held.entry(q.subject.clone()).or_default().push(q);
    }
    let marker_subject = NamedOrBlankNode::from(node(ns::CUBE_GRAPH).into_owned());
    let mut stale: Vec<Quad> = Vec::new();
    let mut fresh: Vec<(Cell, NamedNode, Measures)> = Vec::new();
    for (cell, m) in target.0 {
        let iri = cell.iri();
        let subject = NamedOrBlankNode::from(iri.clone());
        match held.remove(&subject) {
            Some(quads) if holds(&quads, &cell, m) => {}
            Some(quads) => {
                stale.extend(quads);
                fresh.push((cell, iri, m));
            }
            None => fresh.push((cell, iri, m)),
        }
    }
    for (subject, quads) in held {
        if subject != marker_subject {
            stale.extend(quads);
        }
    }
    for q in &stale {
        tx.remove(q);
    }
    for (cell, iri, m) in &fresh {
        write_cell(tx, cell, iri.as_ref(), *m);
    }
    tx.insert(marker());
    Ok(())
}

/// What a write does to the cube: the graphs it touches (their counts before the write are
/// subtracted, after it added), or a rebuild when that cannot be known.
#[derive(Debug, Default)]
pub struct CubeWatch {
    touched: HashSet<GraphName>,
    before: Cells,
    rebuild: bool,
}

impl CubeWatch {
    /// Notes that the write is about to change `graph`; call before changing it in `tx`.
    pub fn touch(
        &mut self,
        tx: &Transaction<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<(), GraphError> {
        if self.rebuild {
            return Ok(());
        }
        if is_cube_graph(graph) {
            self.rebuild = true;
            return Ok(());
        }
        if self.touched.insert(graph.into_owned()) {
            self.before.add_graph(tx, graph, -1)?;
        }
        Ok(())
    }

    /// Notes one quad the write is about to insert or delete (before doing so in `tx`); only
    /// quads of the source properties or of the cube graph matter.
    pub fn see(&mut self, tx: &Transaction<'_>, quad: QuadRef<'_>) -> Result<(), GraphError> {
        if is_cube_graph(quad.graph_name) || is_source_property(quad.predicate.as_str()) {
            self.touch(tx, quad.graph_name)?;
        }
        Ok(())
    }

    /// Asks for a rebuild.
    pub fn rebuild(&mut self) {
        self.rebuild = true;
    }

    /// Brings the cube up to date inside the write's transaction, after the write.
    pub fn apply(self, tx: &mut Transaction<'_>) -> Result<(), GraphError> {
        if self.rebuild {
            return rebuild_in(tx);
        }
        let mut cells = self.before;
        for g in &self.touched {
            cells.add_graph(tx, g.as_ref(), 1)?;
        }
        cells.apply(tx)?;
        Ok(())
    }
}

/// The event cube as a derived graph (marker and rebuild).
pub const CUBE: Derived = Derived {
    marker,
    rebuild: rebuild_in,
};
