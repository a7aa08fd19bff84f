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
}

/// Oxigraph leaves RocksDB's write buffers at their defaults (64 MiB for each of its many
/// indexes), so an ingest's memory would grow past a GiB before RocksDB flushes on its own;
/// flushing after this many quads keeps it bounded.
const FLUSH_EVERY_QUADS: u64 = 100_000;

impl GraphStore {
    /// Opens (creating if needed) the store and makes sure the current ontology is loaded.
    pub fn open(options: &OpenOptions) -> Result<GraphStore, GraphError> {
        let store = match &options.path {
            None => Store::new()?,
            Some(path) => open_disk(path, options.read_only)?,
        };
        let this = GraphStore {
            store,
            path: options.path.clone(),
            read_only: options.read_only,
            unflushed: AtomicU64::new(0),
            writer: Mutex::new(()),
        };
        if !this.read_only {
            this.ensure_ontology()?;
            this.ensure_date_index()?;
            this.ensure_cube()?;
        }
        Ok(this)
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
        let hash = ontology_hash();
        let hash_literal = Literal::new_simple_literal(&hash);
        let marker = QuadRef::new(
            NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH),
            NamedNodeRef::new_unchecked(HASH_PROPERTY),
            &hash_literal,
            graph,
        );
        if self.store.contains(marker)? {
            return Ok(false);
        }
        let _writing = self.write_lock();
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(graph)?;
        for (name, ttl) in ONTOLOGY_FILES {
            let parser = RdfParser::from_format(RdfFormat::Turtle)
                .without_named_graphs()
                .with_default_graph(graph);
            tx.load_from_reader(parser, ttl.as_bytes())
                .map_err(|e| GraphError::Syntax(format!("ontology/{name}: {e}")))?;
        }
        tx.insert(marker);
        tx.commit()?;
        Ok(true)
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
        self.check_writable()?;
        let _writing = self.write_lock();
        let mut tx = self.store.start_transaction()?;
        let mut cells = super::cube::Cells::default();
        for (doc, quads) in docs {
            let node = NamedNode::new_unchecked(doc.as_str());
            if tx.contains_named_graph(&node)? {
                cells.add_graph(&tx, GraphNameRef::NamedNode(node.as_ref()), -1)?;
            }
            tx.clear_graph(&node)?;
            tx.insert_named_graph(&node);
            for q in quads {
                tx.insert(q);
            }
            super::date_index::add_in(&mut tx, quads);
            cells.add_quads(quads.iter().map(Quad::as_ref), 1);
        }
        let cell_quads = cells.apply(&mut tx)?;
        tx.commit()?;
        self.flush_if_due(cell_quads + docs.iter().map(|(_, q)| q.len() as u64).sum::<u64>())
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
        self.check_writable()?;
        let node = NamedNode::new_unchecked(doc_iri);
        let _writing = self.write_lock();
        let mut tx = self.store.start_transaction()?;
        let existed = tx.contains_named_graph(&node)?;
        let mut watch = super::cube::CubeWatch::default();
        watch.touch(&tx, GraphNameRef::NamedNode(node.as_ref()))?;
        tx.remove_named_graph(&node)?;
        watch.apply(&mut tx)?;
        tx.commit()?;
        Ok(existed)
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

#[cfg(feature = "rocksdb")]
fn open_disk(path: &Path, read_only: bool) -> Result<Store, GraphError> {
    if path.is_file() {
        return Err(GraphError::NotAStore {
            path: path.to_path_buf(),
            reason: "it is a file".into(),
        });
    }
    if !path.exists() && !read_only {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            let what = if parent.exists() {
                "is not a directory"
            } else {
                "does not exist"
            };
            return Err(GraphError::NotAStore {
                path: path.to_path_buf(),
                reason: format!("cannot create it: {} {what}", parent.display()),
            });
        }
    }
    if path.is_dir() && !path.join("CURRENT").exists() && std::fs::read_dir(path)?.next().is_some()
    {
        return Err(GraphError::NotAStore {
            path: path.to_path_buf(),
            reason: "a non-empty directory without a store in it".into(),
        });
    }
    if read_only {
        if !path.join("CURRENT").exists() {
            return Err(GraphError::NotAStore {
                path: path.to_path_buf(),
                reason: "no store exists there yet".into(),
            });
        }
        return open_read_only_retrying(path);
    }
    Store::open(path).map_err(|e| {
        let text = e.to_string();
        if text.contains("LOCK")
            && (text.contains("temporarily unavailable") || text.contains("lock"))
        {
            GraphError::Locked {
                path: path.to_path_buf(),
                holder: lock_holder(&path.join("LOCK")),
            }
        } else {
            GraphError::Storage(e)
        }
    })
}

/// The pid and command line of the process holding a lock on `lock_file`, from `/proc/locks`.
#[cfg(all(feature = "rocksdb", target_os = "linux"))]
fn lock_holder(lock_file: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let inode = format!(":{}", std::fs::metadata(lock_file).ok()?.ino());
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = locks
        .lines()
        .filter(|l| !l.contains("->"))
        .find_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let at = fields.iter().position(|f| f.ends_with(&inode))?;
            fields.get(at.checked_sub(1)?)?.parse::<u32>().ok()
        })?;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let command: String = String::from_utf8_lossy(&cmdline)
        .replace('\0', " ")
        .trim()
        .chars()
        .take(200)
        .collect();
    Some(if command.is_empty() {
        format!("pid {pid}")
    } else {
        format!("pid {pid}: {command}")
    })
}

#[cfg(all(feature = "rocksdb", not(target_os = "linux")))]
fn lock_holder(_lock_file: &Path) -> Option<String> {
    None
}

/// Opens a read-only snapshot of the store. A writer in another process may delete files
/// (compaction) while the snapshot's file list is read; such a race shows up as a missing
/// file and is retried a few times before it is reported.
#[cfg(feature = "rocksdb")]
fn open_read_only_retrying(path: &Path) -> Result<Store, GraphError> {
    let mut attempt = 0;
    loop {
        match Store::open_read_only(path) {
            Ok(store) => return Ok(store),
            Err(e) if attempt < 10 && e.to_string().contains("No such file or directory") => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(50 * attempt));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

#[cfg(not(feature = "rocksdb"))]
fn open_disk(_path: &Path, _read_only: bool) -> Result<Store, GraphError> {
    Err(GraphError::NoDiskSupport)
}

/// Graph name helper: the ontology graph.
pub fn ontology_graph() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH))
}
