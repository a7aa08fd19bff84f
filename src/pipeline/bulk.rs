//! The bulk path of `ingest`: extracted documents go straight into Oxigraph's bulk loader,
//! which builds sorted table files in a background thread while the next batch is extracted,
//! and the files are committed together (atomically) at doubling intervals: after the first
//! chunk of quads, then each time as many quads wait as were committed before, up to
//! [`MAX_INTERVAL`].
//!
//! Each commit hands RocksDB a set of table files that overlap the whole store (terms are
//! encoded by hash), which it compacts into what is there: committing every fixed chunk made
//! that work grow with the store (953 s for 100,000 articles), doubling intervals keep the
//! number of commits small (538 s) and leave the same fully compacted store. The cap bounds the
//! table files waiting on disk (and what an interruption discards) for very large inputs.
//!
//! Memory stays bounded by one batch being extracted plus one being built: quads are moved
//! into the loader, never gathered into a chunk-sized vector, and the cube's cells are
//! streamed into the loader at the end instead of being turned into quads all at once.

use oxigraph::model::Quad;
use oxigraph::store::BulkLoader;

use super::ExtractedDocument;
use crate::graph::{GraphError, GraphStore, cube, date_index};

/// Quads of the first bulk-loader commit by default (whole documents; about 500 news
/// articles); later commits wait for as many quads as were committed before.
pub const BULK_CHUNK: usize = 250_000;

/// The longest interval between two commits, in quads (a few GB of waiting table files).
pub const MAX_INTERVAL: usize = 16_000_000;

/// The loader's memory budget in MB, with one building thread: Oxigraph turns it into batches
/// of up to 1,000 quads per MB, so a hand-over of a few hundred articles stays one batch.
const LOADER_MEGABYTES: usize = 256;

/// Writes documents through the bulk loader, committing whole documents at doubling
/// intervals (see the module documentation), and keeps the event cube's share for the end.
pub struct BulkWriter<'a> {
    store: &'a GraphStore,
    loader: Option<BulkLoader<'a>>,
    /// Quads handed to `loader` since its last commit.
    loaded: usize,
    /// Quads of the first commit.
    chunk: usize,
    /// Quads committed so far: the next commit waits for as many more (at least `chunk`, at
    /// most [`MAX_INTERVAL`]).
    committed: usize,
    cube: CubeUpdate,
}

impl<'a> BulkWriter<'a> {
    /// A writer into `store` committing first after `chunk` quads, then each time the quads
    /// waiting reach those committed (nothing is written before the first commit).
    pub fn new(store: &'a GraphStore, chunk: usize) -> BulkWriter<'a> {
        BulkWriter {
            store,
            loader: None,
            loaded: 0,
            chunk,
            committed: 0,
            cube: CubeUpdate::default(),
        }
    }

    /// Hands whole documents to the loader, with the date-index entries of their dates, and
    /// commits when enough quads wait. Returns whether it committed (documents handed over
    /// before are now in the store).
    pub fn add(&mut self, docs: Vec<ExtractedDocument>) -> Result<bool, GraphError> {
        let quads = || docs.iter().flat_map(|(_, quads, _)| quads);
        self.cube.cells.add_quads(quads().map(Quad::as_ref), 1);
        let index = date_index::entries(date_index::dates_in(quads()));
        let count = docs.iter().map(|(_, quads, _)| quads.len()).sum::<usize>() + index.len();
        let store = self.store;
        let loader = self.loader.get_or_insert_with(|| {
            store
                .store()
                .bulk_loader()
                .with_num_threads(1)
                .with_max_memory_size_in_megabytes(LOADER_MEGABYTES)
        });
        loader.load_quads(
            docs.into_iter()
                .flat_map(|(_, quads, _)| quads)
                .chain(index),
        )?;
        self.loaded += count;
        if self.loaded
            >= self
                .committed
                .clamp(self.chunk, MAX_INTERVAL.max(self.chunk))
        {
            self.commit()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Commits what the loader holds: all of it lands, or none. The cube is marked
    /// incomplete first, so an interruption before [`BulkWriter::finish`] makes the next open
    /// rebuild it.
    fn commit(&mut self) -> Result<(), GraphError> {
        let Some(loader) = self.loader.take().filter(|_| self.loaded > 0) else {
            return Ok(());
        };
        let _writing = self.store.write_lock();
        let complete = self.store.drop_marker(&cube::CUBE)?;
        self.cube.was_complete.get_or_insert(complete);
        loader.commit()?;
        self.committed += self.loaded;
        self.loaded = 0;
        Ok(())
    }

    /// Commits the rest and writes the cube's new cells.
    pub fn finish(mut self) -> Result<(), GraphError> {
        self.commit()?;
        self.cube.finish(self.store)
    }
}

/// The event cube's share of a bulk ingest. The documents are new, so the cube gains exactly
/// their cells: they are summed over the whole ingest and written once at the end (writing them
/// after every chunk rewrote the same cells again and again, and doubled the ingest time), with
/// the cube marked incomplete until then (an interrupted ingest rebuilds it on the next open).
#[derive(Default)]
struct CubeUpdate {
    cells: cube::Cells,
    /// Whether the cube was complete when the first chunk was loaded (`None`: nothing loaded).
    was_complete: Option<bool>,
}

impl CubeUpdate {
    /// Writes the summed cells; rebuilds instead if the cube was incomplete to begin with or
    /// another writer rebuilt it meanwhile (its rebuild counted these documents already).
    fn finish(self, store: &GraphStore) -> Result<(), GraphError> {
        let Some(was_complete) = self.was_complete else {
            return Ok(());
        };
        let _writing = store.write_lock();
        let rebuilt_meanwhile = store.is_complete(&cube::CUBE)?;
        let written = if was_complete && !rebuilt_meanwhile {
            self.cells.apply_bulk(store)?
        } else {
            let mut tx = store.store().start_transaction()?;
            cube::rebuild_in(&mut tx)?;
            tx.commit()?;
            0
        };
        store.flush_if_due(written)
    }
}
