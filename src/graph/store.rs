//! Opening the Oxigraph store (on disk or in memory), the ontology graph, and document writes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{Store, Transaction};
use sha2::{Digest, Sha256};

use super::error::GraphError;
use super::mapping::CodeIndex;
use super::ns;

/// The ontology files built into the binary, in load order.
pub const ONTOLOGY_FILES: &[(&str, &str)] = &[
    ("geokg.ttl", include_str!("../../ontology/geokg.ttl")),
    ("cameo.ttl", include_str!("../../ontology/cameo.ttl")),
    ("actors.ttl", include_str!("../../ontology/actors.ttl")),
];

/// The named graph holding user additions to the gazetteer (`--gazetteer`, `import --ontology`).
pub const USER_GAZETTEER_GRAPH: &str = "https://w3id.org/geokg/graph/gazetteer";

/// Where and how to open a store.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// On-disk store directory; `None` for an in-memory store.
    pub path: Option<PathBuf>,
    /// Open without the write lock (queries only; safe beside a writer).
    pub read_only: bool,
    /// Open a read-only snapshot when a writable open would change nothing and no other
    /// process holds the store (see [`super::disk::snapshot_if_current`]); writable otherwise.
    /// For commands that only read.
    pub prefer_read_only: bool,
}

/// A geokg store: an Oxigraph store with the ontology graph loaded.
pub struct GraphStore {
    store: Store,
    path: Option<PathBuf>,
    read_only: bool,
    /// Quads written since RocksDB's write buffers were last flushed.
    unflushed: AtomicU64,
    /// Held by every write transaction: writes that read before they write (the date index,
    /// the ontology guard) must not interleave.
    writer: Mutex<()>,
    /// What this process holds on the on-disk store: let go after `store` is closed.
    _hold: super::disk::Hold,
}

/// Oxigraph leaves RocksDB's write buffers at their defaults (64 MiB for each of its many
/// indexes), so an ingest's memory would grow past a GiB before RocksDB flushes on its own;
/// flushing after this many quads keeps it bounded.
const FLUSH_EVERY_QUADS: u64 = 100_000;

impl GraphStore {
    /// Opens (creating if needed) the store and makes sure the current ontology is loaded.
    pub fn open(options: &OpenOptions) -> Result<GraphStore, GraphError> {
        if let (Some(path), true, false) =
            (&options.path, options.prefer_read_only, options.read_only)
            && let Some(snapshot) = super::disk::snapshot_if_current(path)
        {
            return Ok(snapshot);
        }
        let (store, hold) = match &options.path {
            None => (Store::new()?, super::disk::Hold::Nothing),
            Some(path) => super::disk::open_disk(path, options.read_only)?,
        };
        let this = GraphStore::assemble(store, options.path.clone(), options.read_only, hold);
        if !this.read_only {
            this.ensure_ontology()?;
            this.ensure(&super::date_index::DATE_INDEX)?;
            this.ensure(&super::cube::CUBE)?;
        }
        Ok(this)
    }

    /// A read-only store over an opened snapshot (see [`super::disk::snapshot_if_current`]).
    #[cfg(feature = "rocksdb")]
    pub(crate) fn from_snapshot(store: Store, path: &Path, hold: super::disk::Hold) -> GraphStore {
        GraphStore::assemble(store, Some(path.to_path_buf()), true, hold)
    }

    fn assemble(
        store: Store,
        path: Option<PathBuf>,
        read_only: bool,
        hold: super::disk::Hold,
    ) -> GraphStore {
        GraphStore {
            store,
            path,
            read_only,
            unflushed: AtomicU64::new(0),
            writer: Mutex::new(()),
            _hold: hold,
        }
    }

    /// Whether a writable open would change nothing: the built-in ontology is loaded and the
    /// derived graphs are complete.
    pub fn is_current(&self) -> Result<bool, GraphError> {
        let hash = Literal::new_simple_literal(ontology_hash());
        Ok(self.holds(ontology_marker(&hash))?
            && self.is_complete(&super::date_index::DATE_INDEX)?
            && self.is_complete(&super::cube::CUBE)?)
    }

    /// Whether the store holds `quad`, looked up by subject first. `Store::contains` reads the
    /// graph-first index, which most queries never touch: in a fresh process each lookup there
    /// opens another table file (~1 ms on a large store), where the subject-first index is
    /// opened by the query anyway.
    pub fn holds(&self, quad: QuadRef<'_>) -> Result<bool, GraphError> {
        for found in self.store.quads_for_pattern(
            Some(quad.subject),
            Some(quad.predicate),
            Some(quad.object),
            None,
        ) {
            if found?.graph_name.as_ref() == quad.graph_name {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The underlying Oxigraph store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The on-disk location, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The number of documents (an aggregate over one index scan; nothing is decoded).
    pub fn document_count(&self) -> Result<u64, GraphError> {
        self.count(&format!(
            "SELECT (COUNT(?d) AS ?n) WHERE {{ GRAPH ?d {{ ?d a <{}Document> }} }}",
            ns::GEOKG
        ))
    }

    /// The first value of the first row of a one-number query (0 when there is none).
    pub fn count(&self, query: &str) -> Result<u64, GraphError> {
        Ok(self
            .select_rows(query, 1)?
            .first()
            .and_then(|r| r.first())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0))
    }

    /// Compacts the on-disk store (RocksDB) after a bulk load that grew it by a quarter or more
    /// since it held `documents_before` documents: the loader leaves overlapping files that every
    /// lookup must merge (queries ran 2–5x slower), while a compaction rewrites the whole store,
    /// so it is only worth it for large loads (its cost stays proportional to the data loaded).
    /// A no-op in memory.
    pub fn compact_after_load(&self, documents_before: u64) -> Result<(), GraphError> {
        #[cfg(feature = "rocksdb")]
        if self.path.is_some() && self.document_count()? >= documents_before + documents_before / 4
        {
            self.store.optimize()?;
        }
        #[cfg(not(feature = "rocksdb"))]
        let _ = documents_before;
        Ok(())
    }

    /// Serialises writers within this process (the store's own lock keeps other processes
    /// out). Every write transaction holds it from start to commit.
    pub fn write_lock(&self) -> MutexGuard<'_, ()> {
        // A writer that panicked left nothing half-done: its transaction was never committed.
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Fails with [`GraphError::ReadOnly`] on a read-only store.
    pub fn check_writable(&self) -> Result<(), GraphError> {
        if self.read_only {
            Err(GraphError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Loads the built-in ontology into its graph when it is missing or differs from the
    /// binary's (compared by content hash); returns whether it was (re)loaded.
    pub fn ensure_ontology(&self) -> Result<bool, GraphError> {
        let graph = NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH);
        let hash_literal = Literal::new_simple_literal(ontology_hash());
        let marker = ontology_marker(&hash_literal);
        if self.store.contains(marker)? {
            return Ok(false);
        }
        self.write(|tx| {
            tx.clear_graph(graph)?;
            for (name, ttl) in ONTOLOGY_FILES {
                let parser = RdfParser::from_format(RdfFormat::Turtle)
                    .without_named_graphs()
                    .with_default_graph(graph);
                tx.load_from_reader(parser, ttl.as_bytes())
                    .map_err(|e| GraphError::Syntax(format!("ontology/{name}: {e}")))?;
            }
            tx.insert(marker);
            Ok(())
        })?;
        Ok(true)
    }

    /// Runs `write` in one transaction under the write lock and commits it (nothing lands if it
    /// fails). Fails with [`GraphError::ReadOnly`] on a read-only store.
    pub fn write<T>(
        &self,
        write: impl FnOnce(&mut Transaction<'_>) -> Result<T, GraphError>,
    ) -> Result<T, GraphError> {
        self.check_writable()?;
        let _writing = self.write_lock();
        let mut tx = self.store.start_transaction()?;
        let value = write(&mut tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Entity IRIs by gazetteer code, and Goldstein/quad class by CAMEO code, from the store.
    pub fn code_index(&self) -> Result<CodeIndex, GraphError> {
        let codes = self.select_pairs(&format!(
            "SELECT ?code ?e WHERE {{ GRAPH ?g {{ ?e <{}code> ?code }} FILTER(?g IN (<{}>, <{}>)) }}",
            ns::GEOKG,
            ns::ONTOLOGY_GRAPH,
            USER_GAZETTEER_GRAPH
        ))?;
        let actions = self.select_rows(
            &format!(
                "SELECT ?code ?g ?q WHERE {{ GRAPH <{}> {{ ?c <{}notation> ?code ; <{}goldstein> ?g ; <{}quadClass> ?q }} }}",
                ns::ONTOLOGY_GRAPH,
                ns::SKOS,
                ns::GEOKG,
                ns::GEOKG
            ),
            3,
        )?;
        Ok(
            CodeIndex::new(codes).with_actions(actions.into_iter().map(|mut r| {
                let q = r.pop().unwrap_or_default();
                let g = r.pop().unwrap_or_default();
                let c = r.pop().unwrap_or_default();
                (c, g, q)
            })),
        )
    }

    /// The user gazetteer additions stored in the store, as Turtle (empty if none).
    pub fn user_gazetteer_turtle(&self) -> Result<String, GraphError> {
        let graph = NamedNodeRef::new_unchecked(USER_GAZETTEER_GRAPH);
        let bytes = self
            .store
            .dump_graph_to_writer(graph, RdfFormat::Turtle, Vec::new())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Whether a document graph exists.
    pub fn has_document(&self, doc_iri: &str) -> Result<bool, GraphError> {
        let node = NamedNode::new_unchecked(doc_iri);
        Ok(self.store.contains_named_graph(&node)?)
    }

    /// Writes documents in one transaction: each `(document IRI, quads)` pair replaces that
    /// document's graph. Either all land or none.
    pub fn write_documents(&self, docs: &[(String, Vec<Quad>)]) -> Result<(), GraphError> {
        let cell_quads = self.write(|tx| {
            let mut cells = super::cube::Cells::default();
            for (doc, quads) in docs {
                let node = NamedNode::new_unchecked(doc.as_str());
                if tx.contains_named_graph(&node)? {
                    cells.add_graph(tx, GraphNameRef::NamedNode(node.as_ref()), -1)?;
                }
                tx.clear_graph(&node)?;
                tx.insert_named_graph(&node);
                for q in quads {
                    tx.insert(q);
                }
                super::date_index::add_in(tx, quads);
                cells.add_quads(quads.iter().map(Quad::as_ref), 1);
            }
            cells.apply(tx)
        })?;
        self.flush_if_due(cell_quads + docs.iter().map(|(_, q)| q.len() as u64).sum::<u64>())
    }

    /// Flushes RocksDB's write buffers to disk (a no-op in memory and on read-only stores).
    pub fn flush(&self) -> Result<(), GraphError> {
        #[cfg(feature = "rocksdb")]
        if self.path.is_some() && !self.read_only {
            self.store.flush()?;
        }
        Ok(())
    }

    /// Flushes RocksDB's write buffers once [`FLUSH_EVERY_QUADS`] quads were written (through
    /// transactions: the bulk loader writes files and needs no flush).
    pub fn flush_if_due(&self, written: u64) -> Result<(), GraphError> {
        let total = self.unflushed.fetch_add(written, Ordering::Relaxed) + written;
        if total >= FLUSH_EVERY_QUADS && self.path.is_some() {
            self.unflushed.store(0, Ordering::Relaxed);
            #[cfg(feature = "rocksdb")]
            self.store.flush()?;
        }
        Ok(())
    }

    /// Removes one document graph; returns whether it existed.
    pub fn remove_document(&self, doc_iri: &str) -> Result<bool, GraphError> {
        let node = NamedNode::new_unchecked(doc_iri);
        self.write(|tx| {
            let existed = tx.contains_named_graph(&node)?;
            let mut watch = super::cube::CubeWatch::default();
            watch.touch(tx, GraphNameRef::NamedNode(node.as_ref()))?;
            tx.remove_named_graph(&node)?;
            watch.apply(tx)?;
            Ok(existed)
        })
    }

    /// Runs a SELECT and returns the first two bindings of each row as strings.
    fn select_pairs(&self, query: &str) -> Result<Vec<(String, String)>, GraphError> {
        Ok(self
            .select_rows(query, 2)?
            .into_iter()
            .map(|mut r| {
                let b = r.pop().unwrap_or_default();
                let a = r.pop().unwrap_or_default();
                (a, b)
            })
            .collect())
    }

    /// Runs a SELECT and returns the first `width` bindings of each row as plain strings
    /// (IRIs without brackets, literal values).
    pub fn select_rows(&self, query: &str, width: usize) -> Result<Vec<Vec<String>>, GraphError> {
        let results = SparqlEvaluator::new()
            .parse_query(query)
            .map_err(|e| GraphError::Syntax(e.to_string()))?
            .on_store(&self.store)
            .execute()?;
        let mut rows = Vec::new();
        if let QueryResults::Solutions(solutions) = results {
            for solution in solutions {
                let solution = solution?;
                rows.push(
                    (0..width)
                        .map(|i| solution.get(i).map(term_value).unwrap_or_default())
                        .collect(),
                );
            }
        }
        Ok(rows)
    }
}

/// A writable on-disk store flushes RocksDB's write buffers when closed: otherwise the next
/// process to open it, even read-only, replays the write-ahead log first (0.3 s for the 18 MB
/// log an ontology reload leaves, on every `geokg query`).
impl Drop for GraphStore {
    fn drop(&mut self) {
        #[cfg(feature = "rocksdb")]
        if !self.read_only && self.path.is_some() {
            // Nothing to report to: the data is safe in the log either way.
            let _ = self.store.flush();
        }
    }
}

/// Count and order-independent hash of one graph's quads, as a transaction sees them.
pub fn graph_fingerprint(
    tx: &Transaction<'_>,
    graph: GraphNameRef<'_>,
) -> Result<(usize, u64), GraphError> {
    use std::hash::{Hash, Hasher};
    let mut count = 0;
    let mut acc = 0u64;
    for quad in tx.quads_for_pattern(None, None, None, Some(graph)) {
        let quad = quad?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        quad.hash(&mut h);
        acc ^= h.finish();
        count += 1;
    }
    Ok((count, acc))
}

/// The value of a term as a plain string: IRI, literal value, or blank node id.
pub fn term_value(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => b.as_str().to_string(),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        _ => term.to_string(),
    }
}

const HASH_PROPERTY: &str = "https://w3id.org/geokg/ns#ontologyHash";

/// The quad recording which ontology (by `hash`) the ontology graph holds.
fn ontology_marker(hash: &Literal) -> QuadRef<'_> {
    QuadRef::new(
        NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH),
        NamedNodeRef::new_unchecked(HASH_PROPERTY),
        hash,
        NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH),
    )
}

/// Hash of the built-in ontology files.
pub fn ontology_hash() -> String {
    let mut h = Sha256::new();
    for (name, ttl) in ONTOLOGY_FILES {
        h.update(name.as_bytes());
        h.update(ttl.as_bytes());
    }
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Graph name helper: the ontology graph.
pub fn ontology_graph() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH))
}
