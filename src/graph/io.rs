//! Export and import of RDF in the standard formats.

use std::io::{Read, Write};
use std::path::Path;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, QuadRef};

use super::cube;
use super::date_index;
use super::error::GraphError;
use super::ns;
use super::store::{GraphStore, USER_GAZETTEER_GRAPH};

/// The RDF formats geokg reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Turtle,
    Ntriples,
    Nquads,
    Trig,
    Rdfxml,
    Jsonld,
}

impl Format {
    /// The Oxigraph format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Format::Turtle => RdfFormat::Turtle,
            Format::Ntriples => RdfFormat::NTriples,
            Format::Nquads => RdfFormat::NQuads,
            Format::Trig => RdfFormat::TriG,
            Format::Rdfxml => RdfFormat::RdfXml,
            Format::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }

    /// The format of a file, from its extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "ttl" | "turtle" => Format::Turtle,
            "nt" | "ntriples" => Format::Ntriples,
            "nq" | "nquads" => Format::Nquads,
            "trig" => Format::Trig,
            "rdf" | "owl" | "xml" => Format::Rdfxml,
            "jsonld" | "json" => Format::Jsonld,
            _ => return None,
        })
    }

    /// Whether the format carries named graphs.
    pub fn is_dataset(self) -> bool {
        matches!(self, Format::Nquads | Format::Trig | Format::Jsonld)
    }
}

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Only this named graph (IRI); `None` for the whole store.
    pub graph: Option<String>,
    /// Leave out the ontology graph (vocabulary, CAMEO scheme, gazetteer) and the date index.
    pub without_ontology: bool,
}

/// A serializer for `format` declaring the geokg prefixes where the format has prefixes
/// (Turtle, TriG, RDF/XML).
pub fn serializer(format: RdfFormat) -> RdfSerializer {
    let plain = RdfSerializer::from_format(format);
    if !matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::RdfXml
    ) {
        return plain;
    }
    ns::PREFIXES
        .iter()
        .try_fold(plain, |ser, (prefix, iri)| ser.with_prefix(*prefix, *iri))
        .unwrap_or_else(|_| RdfSerializer::from_format(format))
}

/// Writes the store (or one graph) in `format`; returns the number of triples/quads written.
/// Graph formats (Turtle, N-Triples, RDF/XML) given the whole store get the union of its graphs.
/// JSON-LD is compacted with the geokg prefixes and pretty-printed (see [`super::jsonld`]).
pub fn export<W: Write>(
    store: &GraphStore,
    format: Format,
    options: &ExportOptions,
    writer: W,
) -> Result<u64, GraphError> {
    if format == Format::Jsonld {
        let mut raw = Vec::new();
        let n = write_quads(store, format, options, &mut raw)?;
        super::jsonld::compact(&raw, writer)?;
        return Ok(n);
    }
    write_quads(store, format, options, writer)
}

fn write_quads<W: Write>(
    store: &GraphStore,
    format: Format,
    options: &ExportOptions,
    writer: W,
) -> Result<u64, GraphError> {
    let mut out = serializer(format.rdf_format()).for_writer(writer);
    let ontology = NamedNodeRef::new_unchecked(ns::ONTOLOGY_GRAPH);
    let only = match &options.graph {
        Some(g) => Some(
            NamedNode::new(g.as_str())
                .map_err(|e| GraphError::Syntax(format!("invalid graph IRI <{g}>: {e}")))?,
        ),
        None => None,
    };
    if let Some(g) = &only
        && !store.store().contains_named_graph(g)?
    {
        return Err(GraphError::Syntax(format!("no graph <{g}> in the store")));
    }
    let mut count = 0u64;
    let quads = match &only {
        Some(g) => store.store().quads_for_pattern(
            None,
            None,
            None,
            Some(GraphNameRef::NamedNode(g.as_ref())),
        ),
        None => store.store().iter(),
    };
    for quad in quads {
        let quad = quad?;
        // Both graphs are geokg's own: a geokg store that imports the export rebuilds them.
        if options.without_ontology
            && only.is_none()
            && (quad.graph_name == GraphNameRef::NamedNode(ontology).into()
                || date_index::is_index_graph(quad.graph_name.as_ref())
                || cube::is_cube_graph(quad.graph_name.as_ref()))
        {
            continue;
        }
        let graph = if format.is_dataset() {
            quad.graph_name.as_ref()
        } else {
            GraphNameRef::DefaultGraph
        };
        out.serialize_quad(QuadRef::new(
            &quad.subject,
            &quad.predicate,
            &quad.object,
            graph,
        ))?;
        count += 1;
    }
    out.finish()?;
    Ok(count)
}

/// Where imported triples go.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Named graph for triples of graph formats (and the default graph of dataset formats).
    pub graph: Option<String>,
    /// Put the data into the user gazetteer graph (read by the extractor).
    pub gazetteer: bool,
    /// Allow writing into the built-in ontology graph.
    pub allow_ontology_update: bool,
    /// Base IRI for relative IRIs.
    pub base_iri: Option<String>,
}

impl ImportOptions {
    /// The named graph that receives triples of graph formats (and the default graph of
    /// dataset formats), if any.
    fn target_graph(&self) -> Option<String> {
        match (&self.graph, self.gazetteer) {
            (_, true) => Some(USER_GAZETTEER_GRAPH.to_string()),
            (Some(g), false) => Some(g.clone()),
            (None, false) => None,
        }
    }

    /// A parser for `format` with the base IRI and the target graph applied.
    fn parser(&self, format: Format, target: Option<&str>) -> Result<RdfParser, GraphError> {
        let mut parser = RdfParser::from_format(format.rdf_format());
        if let Some(base) = &self.base_iri {
            parser = parser
                .with_base_iri(base)
                .map_err(|e| GraphError::Syntax(format!("invalid base IRI: {e}")))?;
        }
        if let Some(g) = target {
            let node = NamedNode::new(g)
                .map_err(|e| GraphError::Syntax(format!("invalid graph IRI <{g}>: {e}")))?;
            parser = parser.with_default_graph(node);
        }
        Ok(parser)
    }
}

/// Whether a quad belongs to the (geokg-managed) ontology graph.
fn in_ontology_graph(quad: &oxigraph::model::Quad) -> bool {
    matches!(&quad.graph_name, oxigraph::model::GraphName::NamedNode(g) if g.as_str() == ns::ONTOLOGY_GRAPH)
}

/// The outcome of an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSummary {
    /// Quads in the store afterwards.
    pub quads_in_store: usize,
    /// Quads of the (geokg-managed) ontology graph that were left out.
    pub skipped_ontology: usize,
}

/// Imports one RDF document atomically: on a syntax error nothing is written and the error
/// names the file, line and column. Quads in the ontology graph are left out unless
/// `allow_ontology_update` is set (the ontology graph is managed by geokg).
pub fn import<R: Read>(
    store: &GraphStore,
    name: &str,
    format: Format,
    reader: R,
    options: &ImportOptions,
) -> Result<ImportSummary, GraphError> {
    store.check_writable()?;
    let target = options.target_graph();
    if target.as_deref() == Some(ns::ONTOLOGY_GRAPH) && !options.allow_ontology_update {
        return Err(GraphError::Refused(format!(
            "{name}: refusing to write into the ontology graph <{}>; use --gazetteer to add entities, or --allow-ontology-update",
            ns::ONTOLOGY_GRAPH
        )));
    }
    let parser = options.parser(format, target.as_deref())?;
    let _writing = store.write_lock();
    let mut tx = store.store().start_transaction()?;
    let mut skipped_ontology = 0usize;
    let mut dates = date_index::DateWatch::default();
    let mut cube = cube::CubeWatch::default();
    for quad in parser.rename_blank_nodes().for_reader(reader) {
        let quad = quad.map_err(|e| GraphError::Syntax(format!("{name}: {e}")))?;
        // The ontology graph is managed by geokg: a full export brings it along, and
        // re-importing it must neither duplicate nor change it.
        if in_ontology_graph(&quad) && !options.allow_ontology_update {
            skipped_ontology += 1;
            continue;
        }
        // The cube is derived data: a store counts its own events (an export's cells are
        // left out).
        if cube::is_cube_graph(quad.graph_name.as_ref()) {
            continue;
        }
        dates.see(quad.as_ref());
        cube.see(&tx, quad.as_ref())?;
        tx.insert(&quad);
    }
    dates.apply(&mut tx)?;
    cube.apply(&mut tx)?;
    tx.commit()?;
    Ok(ImportSummary {
        quads_in_store: store.store().len()?,
        skipped_ontology,
    })
}

/// Imports RDF documents through Oxigraph's bulk loader: several times faster than
/// [`import`] on large files, memory-bounded, and atomic over all of `inputs` (nothing is
/// visible before the final commit; on an error nothing is written). Same graph rules as
/// [`import`]. Each input is `(name, format, reader)`.
pub fn bulk_import<R: Read>(
    store: &GraphStore,
    inputs: impl IntoIterator<Item = (String, Format, R)>,
    options: &ImportOptions,
) -> Result<ImportSummary, GraphError> {
    store.check_writable()?;
    let target = options.target_graph();
    if target.as_deref() == Some(ns::ONTOLOGY_GRAPH) && !options.allow_ontology_update {
        return Err(GraphError::Refused(format!(
            "refusing to bulk-load into the ontology graph <{}>",
            ns::ONTOLOGY_GRAPH
        )));
    }
    let documents_before = store.document_count()?;
    let _writing = store.write_lock();
    // The loader's writes become visible in several steps: without its marker the index counts
    // as missing (queries do without it) until the new dates are added below.
    let mut dates = date_index::DateWatch::default();
    if !store.drop_marker(&date_index::DATE_INDEX)? {
        dates.rebuild();
    }
    // The loaded quads may join events already in the store: the cube is rebuilt afterwards.
    store.drop_marker(&cube::CUBE)?;
    let mut loader = store
        .store()
        .bulk_loader()
        .with_max_memory_size_in_megabytes(512);
    let mut skipped_ontology = 0usize;
    for (name, format, reader) in inputs {
        let parser = options.parser(format, target.as_deref())?;
        let quads = parser
            .rename_blank_nodes()
            .for_reader(reader)
            .filter_map(|quad| match quad {
                Err(e) => Some(Err(GraphError::Syntax(format!("{name}: {e}")))),
                Ok(q) if !options.allow_ontology_update && in_ontology_graph(&q) => {
                    skipped_ontology += 1;
                    None
                }
                // The date index is derived data: a store keeps its own (an export's is left out).
                Ok(q) if date_index::is_index_graph(q.graph_name.as_ref()) => None,
                Ok(q) if cube::is_cube_graph(q.graph_name.as_ref()) => None,
                Ok(q) => {
                    dates.see(q.as_ref());
                    Some(Ok(q))
                }
            });
        loader.load_ok_quads::<GraphError, GraphError>(quads)?;
    }
    loader.commit()?;
    let mut tx = store.store().start_transaction()?;
    dates.apply(&mut tx)?;
    date_index::DATE_INDEX.mark_complete(&mut tx);
    cube::rebuild_in(&mut tx)?;
    tx.commit()?;
    store.compact_after_load(documents_before)?;
    Ok(ImportSummary {
        quads_in_store: store.store().len()?,
        skipped_ontology,
    })
}
