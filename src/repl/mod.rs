//! The interactive SPARQL shell.

use anyhow::Result;

use crate::graph::GraphStore;

/// Runs the REPL on a store until end of input.
pub fn run(_store: GraphStore, _quiet: bool) -> Result<()> {
    anyhow::bail!("the REPL is not built yet; use `geokg query`")
}
