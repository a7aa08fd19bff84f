//! `geokg serve`: the store over HTTP. SPARQL 1.1 Protocol (`/query`, `/update`), Graph Store
//! Protocol (`/store`), content negotiation, CORS, timeouts and result limits.
//!
//! A small synchronous server (tiny_http) with a few worker threads sharing the store; it stops
//! gracefully (finishing the requests in flight) when [`Server::shutdown_handle`] fires, which
//! the command line wires to SIGINT/SIGTERM.

mod protocol;
mod sparql;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tiny_http::Method;

use crate::graph::GraphStore;
use protocol::{Reply, split_url};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Refuse updates and Graph Store writes.
    pub read_only: bool,
    /// Cancel queries and updates after this long.
    pub timeout: Option<Duration>,
    /// Return at most this many solutions (or triples) per query; the response says so in
    /// `X-SPARQL-MaxRows` and `X-GeoKG-Truncated`.
    pub max_results: Option<usize>,
    /// Largest accepted request body, in bytes.
    pub max_body: usize,
    /// Worker threads.
    pub threads: usize,
    /// Log one line per request on stderr.
    pub log: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            read_only: false,
            timeout: None,
            max_results: None,
            max_body: 256 << 20,
            threads: 4,
            log: true,
        }
    }
}

/// An error starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {message}")]
    Bind { addr: String, message: String },
}

/// A bound server, not yet answering.
pub struct Server {
    http: Arc<tiny_http::Server>,
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Binds `addr` (`127.0.0.1:0` picks a free port).
    pub fn bind(addr: &str) -> Result<Server, ServeError> {
        let listener = std::net::TcpListener::bind(addr).map_err(|e| ServeError::Bind {
            addr: addr.to_string(),
            message: e.to_string(),
        })?;
        let local = listener.local_addr().map_err(|e| ServeError::Bind {
            addr: addr.to_string(),
            message: e.to_string(),
        })?;
        let http =
            tiny_http::Server::from_listener(listener, None).map_err(|e| ServeError::Bind {
                addr: addr.to_string(),
                message: e.to_string(),
            })?;
        Ok(Server {
            http: Arc::new(http),
            addr: local,
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Setting this flag stops [`Server::run`] after the requests in flight.
    pub fn shutdown_handle(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// Answers requests until the shutdown flag is set.
    pub fn run(self, store: Arc<GraphStore>, options: &ServeOptions) {
        let workers: Vec<_> = (0..options.threads.max(1))
            .map(|_| {
                let (http, stop, store, options) = (
                    self.http.clone(),
                    self.stop.clone(),
                    store.clone(),
                    options.clone(),
                );
                std::thread::spawn(move || {
                    while !stop.load(Ordering::SeqCst) {
                        match http.recv_timeout(Duration::from_millis(200)) {
                            Ok(Some(request)) => handle(&store, &options, request),
                            Ok(None) => {}
                            Err(_) => std::thread::sleep(Duration::from_millis(50)),
                        }
                    }
                })
            })
            .collect();
        for w in workers {
            let _ = w.join();
        }
    }
}

fn handle(store: &GraphStore, options: &ServeOptions, mut request: tiny_http::Request) {
    let start = Instant::now();
    let (path, params) = split_url(request.url());
    let method = request.method().clone();
    let reply = if method == Method::Options {
        Reply::new(204, "text/plain; charset=utf-8", Vec::new())
            .with(
                "Access-Control-Allow-Methods",
                "GET, HEAD, POST, PUT, DELETE, OPTIONS",
            )
            .with(
                "Access-Control-Allow-Headers",
                "Content-Type, Accept, Authorization",
            )
            .with("Access-Control-Max-Age", "86400")
            .with("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS")
    } else {
        match path.as_str() {
            "/query" | "/sparql" => sparql::handle_query(store, options, &mut request, &params),
            "/update" => sparql::handle_update(store, options, &mut request, &params),
            "/store" => store::handle_store(store, options, &mut request, &params),
            "/" => Reply::text(
                200,
                format!(
                    "geokg SPARQL endpoint ({})\n  /query   SPARQL 1.1 query (GET ?query=, POST application/sparql-query or form)\n  /update  SPARQL 1.1 update (POST){}\n  /store   Graph Store Protocol (?graph=IRI or ?default)\n",
                    if options.read_only {
                        "read-only"
                    } else {
                        "read-write"
                    },
                    if options.read_only {
                        " — disabled"
                    } else {
                        ""
                    }
                ),
            ),
            _ => Reply::text(
                404,
                format!("no such endpoint {path}; try /query, /update or /store"),
            ),
        }
    };
    let status = reply.status;
    if options.log {
        eprintln!(
            "{method} {path} {status} {:.1}ms",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    let _ = request.respond(reply.into_response());
}
