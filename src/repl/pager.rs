//! `.pager on`: query results shown through a pager on the terminal.

use std::process::{Child, Command, Stdio};

/// The pager command: `$GEOKG_PAGER`, else `$PAGER`, else `less -FRSX` (quit when the output fits
/// one screen, keep colours, scroll wide rows sideways instead of wrapping them).
pub fn command() -> Vec<String> {
    let configured = ["GEOKG_PAGER", "PAGER"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty());
    configured
        .unwrap_or_else(|| "less -FRSX".to_string())
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Starts the pager with a pipe for its input; `None` if it cannot be started.
pub fn spawn() -> Option<Child> {
    let cmd = command();
    let (program, args) = cmd.split_first()?;
    Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .spawn()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_a_default() {
        assert!(!command().is_empty());
    }
}
