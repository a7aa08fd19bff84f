//! Ctrl-C while a query runs: SIGINT fires the query's cancellation token.
//!
//! rustyline reads keys in raw mode, so Ctrl-C at the prompt never becomes a signal; while a
//! query runs the terminal is in cooked mode and Ctrl-C sends SIGINT, which this watch turns into
//! a cancellation instead of the default exit.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use oxigraph::sparql::CancellationToken;
use signal_hook::consts::SIGINT;
use signal_hook::iterator::{Handle, Signals};

/// Cancels a token on SIGINT until dropped.
pub struct SigintWatch {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
    fired: Arc<AtomicBool>,
}

impl SigintWatch {
    /// Starts watching; `None` if the handler cannot be installed (the query then runs without).
    pub fn start(token: CancellationToken) -> Option<SigintWatch> {
        let mut signals = Signals::new([SIGINT]).ok()?;
        let handle = signals.handle();
        let fired = Arc::new(AtomicBool::new(false));
        let flag = fired.clone();
        let thread = std::thread::spawn(move || {
            for _ in signals.forever() {
                flag.store(true, Ordering::SeqCst);
                token.cancel();
            }
        });
        Some(SigintWatch {
            handle,
            thread: Some(thread),
            fired,
        })
    }

    /// Whether Ctrl-C was pressed.
    pub fn fired(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }
}

impl Drop for SigintWatch {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
