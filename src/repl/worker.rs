//! Statements run on a worker thread so that Ctrl-C and timeouts always give the prompt back.
//!
//! Oxigraph checks its cancellation token only when it reads the store, so a query busy in
//! memory (a cross product, a big sort) can run on long after the token fired. The shell fires
//! the token, stops waiting and drops the channel; the worker ends at its next check. Results
//! stream back in chunks, so large outputs are not held in memory.

use std::io::{self, Write};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;

use super::cancel::SigintWatch;
use crate::query::QueryError;

/// How often the waiting shell looks at Ctrl-C and the clock.
const POLL: Duration = Duration::from_millis(20);
/// Bytes per output chunk.
const CHUNK: usize = 64 * 1024;

/// What a worker reports.
enum Event<T> {
    Output(Vec<u8>),
    Done(T),
}

/// Why the shell stopped waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// The timeout passed.
    TimedOut(Duration),
    /// The results could not be written (a closed pipe).
    OutputFailed(io::ErrorKind),
    /// The worker ended without an answer (a panic).
    Crashed,
}

/// A writer sending its bytes to the waiting shell in chunks.
pub struct ChunkWriter<T> {
    tx: SyncSender<Event<T>>,
    buf: Vec<u8>,
}

impl<T> Write for ChunkWriter<T> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.buf);
        self.tx
            .send(Event::Output(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the shell stopped waiting"))
    }
}

/// Runs `job` on a worker thread, copying its output to `out` as it comes.
/// Stops waiting on Ctrl-C (when `watch` is set) or after `timeout`, firing `token`; with
/// `wait_after_cancel` (updates, which must not commit behind the prompt's back) it still waits
/// for the worker to finish.
pub fn run<T: Send + 'static>(
    job: impl FnOnce(&mut ChunkWriter<T>) -> T + Send + 'static,
    out: &mut dyn Write,
    watch: Option<&SigintWatch>,
    token: &CancellationToken,
    timeout: Option<Duration>,
    wait_after_cancel: bool,
) -> Result<T, Stop> {
    let (tx, rx) = mpsc::sync_channel::<Event<T>>(8);
    std::thread::spawn(move || {
        let mut writer = ChunkWriter {
            tx: tx.clone(),
            buf: Vec::new(),
        };
        let result = job(&mut writer);
        let _ = writer.flush();
        let _ = tx.send(Event::Done(result));
    });
    let started = Instant::now();
    let mut stopped: Option<Stop> = None;
    loop {
        match rx.recv_timeout(POLL) {
            Ok(Event::Output(bytes)) => {
                if stopped.is_none()
                    && let Err(e) = out.write_all(&bytes)
                {
                    // The reader went away (closed pipe): stop the query.
                    token.cancel();
                    return Err(Stop::OutputFailed(e.kind()));
                }
            }
            Ok(Event::Done(result)) => return stopped.map_or(Ok(result), Err),
            Err(RecvTimeoutError::Disconnected) => return Err(stopped.unwrap_or(Stop::Crashed)),
            Err(RecvTimeoutError::Timeout) => {
                if stopped.is_none() {
                    if watch.is_some_and(SigintWatch::fired) {
                        stopped = Some(Stop::Interrupted);
                    } else if let Some(t) = timeout.filter(|t| started.elapsed() >= *t) {
                        stopped = Some(Stop::TimedOut(t));
                    }
                    if stopped.is_some() {
                        token.cancel();
                    }
                }
                if let Some(s) = stopped.filter(|_| !wait_after_cancel) {
                    return Err(s);
                }
            }
        }
    }
}

/// The error for a stop.
pub fn stop_error(stop: Stop) -> QueryError {
    match stop {
        Stop::Interrupted => QueryError::Cancelled,
        Stop::TimedOut(t) => QueryError::Timeout(t),
        Stop::OutputFailed(io::ErrorKind::BrokenPipe) => {
            QueryError::Other("writing results: Broken pipe".into())
        }
        Stop::OutputFailed(kind) => {
            QueryError::Other(format!("writing results: {}", io::Error::from(kind)))
        }
        Stop::Crashed => QueryError::Other("the statement failed with an internal error".into()),
    }
}

/// Collects output sent by `job` without a shell (for tests).
#[cfg(test)]
fn collect<T: Send + 'static>(
    job: impl FnOnce(&mut ChunkWriter<T>) -> T + Send + 'static,
    timeout: Option<Duration>,
) -> (Result<T, Stop>, Vec<u8>) {
    let mut out = Vec::new();
    let r = run(
        job,
        &mut out,
        None,
        &CancellationToken::new(),
        timeout,
        false,
    );
    (r, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_output_and_returns_the_result() {
        let (r, out) = collect(
            |w| {
                for i in 0..20_000 {
                    writeln!(w, "line {i}").unwrap();
                }
                42
            },
            None,
        );
        assert_eq!(r, Ok(42));
        assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 20_000);
    }

    #[test]
    fn gives_up_on_a_busy_worker_after_the_timeout() {
        let started = Instant::now();
        let (r, _) = collect(
            |_| {
                std::thread::sleep(Duration::from_secs(3));
                1
            },
            Some(Duration::from_millis(100)),
        );
        assert_eq!(r, Err(Stop::TimedOut(Duration::from_millis(100))));
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
