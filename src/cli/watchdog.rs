//! A last-resort timeout for one-shot `query` and `update` commands.
//!
//! Oxigraph checks its cancellation token only when it reads the store, so a join computed in
//! memory (a cross product) can outlive `--timeout` by hours. The watchdog ends the process
//! shortly after the timeout instead: an update's transaction is then never committed, and a
//! query has nothing to lose.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::query::QueryError;

/// Set by whichever comes first: the command finishing, or the watchdog firing.
static SETTLED: AtomicBool = AtomicBool::new(false);

/// Extra time given to Oxigraph's own cancellation before the watchdog fires.
const GRACE: Duration = Duration::from_secs(2);

/// Marks the command as finished when dropped (so the watchdog stands down).
pub struct Watchdog(());

/// Arms the watchdog for `timeout` (nothing without one).
pub fn arm(timeout: Option<Duration>) -> Watchdog {
    if let Some(timeout) = timeout {
        std::thread::spawn(move || {
            std::thread::sleep(timeout + GRACE);
            if !SETTLED.swap(true, Ordering::SeqCst) {
                eprintln!("error: {}", QueryError::Timeout(timeout));
                std::process::exit(1);
            }
        });
    }
    Watchdog(())
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if SETTLED.swap(true, Ordering::SeqCst) {
            // The watchdog fired and is ending the process with its own message.
            loop {
                std::thread::park();
            }
        }
    }
}
