//! SPARQL 1.1 Graph Store HTTP Protocol at `/store` (`?graph=IRI` or `?default`).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, QuadRef};
use tiny_http::{Method, Request};

use super::ServeOptions;
use super::protocol::{Reply, body, header, media_type, negotiate, param};
use super::sparql::rdf_format;
use crate::graph::{GraphStore, cube, date_index, ns};

const GRAPH_TYPES: &[&str] = &[
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "text/plain",
];
const DATASET_TYPES: &[&str] = &["application/n-quads", "application/trig"];

fn target(params: &[(String, String)]) -> Result<Option<GraphName>, Reply> {
    match (param(params, "graph"), param(params, "default")) {
        (Some(_), Some(_)) => Err(Reply::text(
            400,
            "give either ?graph=IRI or ?default, not both",
        )),
        (Some(g), None) => NamedNode::new(g)
            .map(|n| Some(GraphName::NamedNode(n)))
            .map_err(|e| Reply::text(400, format!("invalid graph IRI <{g}>: {e}"))),
        (None, Some(_)) => Ok(Some(GraphName::DefaultGraph)),
        (None, None) => Ok(None),
    }
}

/// Handles one Graph Store Protocol request.
pub fn handle_store(
    store: &GraphStore,
    options: &ServeOptions,
    request: &mut Request,
    params: &[(String, String)],
) -> Reply {
    let graph = match target(params) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let method = request.method().clone();
    if method == Method::Get || method == Method::Head {
        return get(store, request, graph.as_ref());
    }
    if !matches!(method, Method::Put | Method::Post | Method::Delete) {
        return Reply::text(405, format!("method {method} not allowed"))
            .with("Allow", "GET, HEAD, PUT, POST, DELETE, OPTIONS");
    }
    if options.read_only {
        return Reply::text(403, "this endpoint is read-only (started with --read-only)");
    }
    let Some(graph) = graph else {
        return Reply::text(400, "writes need ?graph=IRI or ?default");
    };
    if matches!(&graph, GraphName::NamedNode(n) if n.as_str() == ns::ONTOLOGY_GRAPH) {
        return Reply::text(
            403,
            format!(
                "the ontology graph <{}> is managed by geokg",
                ns::ONTOLOGY_GRAPH
            ),
        );
    }
    match write(store, options, request, &method, &graph) {
        Ok(r) | Err(r) => r,
    }
}

fn get(store: &GraphStore, request: &Request, graph: Option<&GraphName>) -> Reply {
    let accept = header(request, "Accept");
    let s = store.store();
    let result = match graph {
        Some(g) => {
            if let GraphName::NamedNode(n) = g {
                match s.contains_named_graph(n) {
                    Ok(true) => {}
                    Ok(false) => return Reply::text(404, format!("no graph <{}>", n.as_str())),
                    Err(e) => return Reply::text(500, e.to_string()),
                }
            }
            let Some(mime) = negotiate(accept.as_deref(), GRAPH_TYPES) else {
                return Reply::text(406, format!("offered: {}", GRAPH_TYPES.join(", ")));
            };
            let (format, ct) = rdf_format(mime);
            let mut w = crate::graph::io::serializer(format).for_writer(Vec::new());
            let mut failed = None;
            for q in s.quads_for_pattern(None, None, None, Some(g.as_ref())) {
                match q
                    .map_err(|e| e.to_string())
                    .and_then(|q| w.serialize_triple(q.as_ref()).map_err(|e| e.to_string()))
                {
                    Ok(()) => {}
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            match failed {
                Some(e) => Err(e),
                None => w
                    .finish()
                    .map(|b| Reply::new(200, ct, b))
                    .map_err(|e| e.to_string()),
            }
        }
        None => {
            let Some(mime) = negotiate(accept.as_deref(), DATASET_TYPES) else {
                return Reply::text(406, format!("offered: {}", DATASET_TYPES.join(", ")));
            };
            let (format, ct) = if mime == "application/trig" {
                (RdfFormat::TriG, "application/trig; charset=utf-8")
            } else {
                (RdfFormat::NQuads, "application/n-quads; charset=utf-8")
            };
            s.dump_to_writer(format, Vec::new())
                .map(|b| Reply::new(200, ct, b))
                .map_err(|e| e.to_string())
        }
    };
    result.unwrap_or_else(|e| Reply::text(500, e))
}

fn write(
    store: &GraphStore,
    options: &ServeOptions,
    request: &mut Request,
    method: &Method,
    graph: &GraphName,
) -> Result<Reply, Reply> {
    let s = store.store();
    let internal = |e: &dyn std::fmt::Display| Reply::text(500, e.to_string());
    if *method == Method::Delete {
        let _writing = store.write_lock();
        let mut tx = s.start_transaction().map_err(|e| internal(&e))?;
        let existed = match graph {
            GraphName::NamedNode(n) => tx.contains_named_graph(n).map_err(|e| internal(&e))?,
            _ => true,
        };
        if !existed {
            return Err(Reply::text(404, format!("no graph {graph}")));
        }
        let mut cube = cube::CubeWatch::default();
        cube.touch(&tx, graph.as_ref()).map_err(|e| internal(&e))?;
        match graph {
            GraphName::NamedNode(n) => tx.remove_named_graph(n),
            _ => tx.clear_graph(GraphNameRef::DefaultGraph),
        }
        .map_err(|e| internal(&e))?;
        if date_index::is_index_graph(graph.as_ref()) {
            date_index::rebuild_in(&mut tx).map_err(|e| internal(&e))?;
        }
        cube.apply(&mut tx).map_err(|e| internal(&e))?;
        tx.commit().map_err(|e| internal(&e))?;
        return Ok(Reply::new(204, "text/plain; charset=utf-8", Vec::new()));
    }
    let content_type = header(request, "Content-Type")
        .map(|c| media_type(&c))
        .unwrap_or_default();
    let format = match content_type.as_str() {
        "text/turtle" | "application/x-turtle" => RdfFormat::Turtle,
        "application/n-triples" | "text/plain" => RdfFormat::NTriples,
        "application/rdf+xml" => RdfFormat::RdfXml,
        other => {
            return Err(Reply::text(
                415,
                format!(
                    "unsupported Content-Type '{other}': use text/turtle, application/n-triples or application/rdf+xml"
                ),
            ));
        }
    };
    let data = body(request, options.max_body)?;
    let parser = RdfParser::from_format(format)
        .without_named_graphs()
        .rename_blank_nodes();
    let _writing = store.write_lock();
    let mut tx = s.start_transaction().map_err(|e| internal(&e))?;
    let existed = match graph {
        GraphName::NamedNode(n) => tx.contains_named_graph(n).map_err(|e| internal(&e))?,
        _ => true,
    };
    let mut dates = date_index::DateWatch::default();
    let mut cube = cube::CubeWatch::default();
    cube.touch(&tx, graph.as_ref()).map_err(|e| internal(&e))?;
    if *method == Method::Put {
        tx.clear_graph(graph.as_ref()).map_err(|e| internal(&e))?;
        if date_index::is_index_graph(graph.as_ref()) {
            dates.rebuild();
        }
    }
    if let GraphName::NamedNode(n) = graph {
        tx.insert_named_graph(n);
    }
    for t in parser.for_slice(&data) {
        let t = t.map_err(|e| Reply::text(400, format!("invalid {content_type}: {e}")))?;
        let quad = QuadRef::new(&t.subject, &t.predicate, &t.object, graph.as_ref());
        dates.see(quad);
        tx.insert(quad);
    }
    dates.apply(&mut tx).map_err(|e| internal(&e))?;
    cube.apply(&mut tx).map_err(|e| internal(&e))?;
    tx.commit().map_err(|e| internal(&e))?;
    Ok(if existed {
        Reply::new(204, "text/plain; charset=utf-8", Vec::new())
    } else {
        Reply::text(201, "created")
    })
}
