//! Graphs geokg derives from the events and keeps beside them: the date index
//! (`graph::date_index`) and the event cube (`graph::cube`).
//!
//! Each is complete when its marker quad is present. Writes that keep it up to date as they go
//! leave the marker; writes that cannot (bulk loads) remove it first, and a store whose marker
//! is missing rebuilds the graph on its next writable open.

use oxigraph::model::QuadRef;
use oxigraph::store::Transaction;

use super::error::GraphError;
use super::store::GraphStore;

/// A derived graph: the quad that marks it complete and how to rebuild it inside a transaction.
pub struct Derived {
    /// The marker quad (present only while the graph is complete).
    pub marker: fn() -> QuadRef<'static>,
    /// Rebuilds the whole graph from the events and marks it complete.
    pub rebuild: fn(&mut Transaction<'_>) -> Result<(), GraphError>,
}

impl Derived {
    /// Marks the graph complete inside a transaction.
    pub fn mark_complete(&self, tx: &mut Transaction<'_>) {
        tx.insert((self.marker)());
    }
}

impl GraphStore {
    /// Whether a derived graph is marked complete.
    pub fn is_complete(&self, derived: &Derived) -> Result<bool, GraphError> {
        self.holds((derived.marker)())
    }

    /// Rebuilds a derived graph in its own transaction.
    pub fn rebuild(&self, derived: &Derived) -> Result<(), GraphError> {
        self.write(|tx| (derived.rebuild)(tx))
    }

    /// Removes a derived graph's marker, before writes that update it only afterwards; returns
    /// whether it was there.
    pub fn drop_marker(&self, derived: &Derived) -> Result<bool, GraphError> {
        let present = self.is_complete(derived)?;
        self.store().remove((derived.marker)())?;
        Ok(present)
    }

    /// Rebuilds a derived graph that is not marked complete (stores made before it existed, or
    /// a bulk load interrupted before it updated the graph). Returns whether it was rebuilt.
    pub fn ensure(&self, derived: &Derived) -> Result<bool, GraphError> {
        if self.is_complete(derived)? {
            return Ok(false);
        }
        self.rebuild(derived)?;
        Ok(true)
    }
}
