//! Where the history lives, and keeping it free of duplicates.

use std::path::{Path, PathBuf};

use rustyline::history::{FileHistory, History};

/// The history file: `--history`/`GEOKG_HISTORY` if given (empty or `off` disables it), else
/// `$XDG_DATA_HOME/geokg/history`, else `~/.local/share/geokg/history`.
pub fn history_path(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        let s = p.as_os_str();
        return (!s.is_empty() && s != "off").then(|| p.to_path_buf());
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty() && Path::new(d).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(data.join("geokg").join("history"))
}

/// Removes earlier copies of entries that occur again later, keeping the order of last use.
pub fn dedupe(history: &mut FileHistory) -> rustyline::Result<()> {
    let entries: Vec<String> = history.iter().cloned().collect();
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<String> = entries
        .into_iter()
        .rev()
        .filter(|e| seen.insert(e.clone()))
        .collect();
    kept.reverse();
    if kept.len() == history.len() {
        return Ok(());
    }
    history.clear()?;
    for e in kept {
        history.add_owned(e)?;
    }
    Ok(())
}

/// Adds `entry`, moving an earlier copy to the end; returns whether an earlier copy existed
/// (the file then needs a full rewrite rather than an append).
pub fn add_unique(history: &mut FileHistory, entry: &str) -> rustyline::Result<bool> {
    let existed = history.iter().any(|e| e == entry);
    history.add(entry)?;
    if existed {
        dedupe(history)?;
    }
    Ok(existed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_path_wins_and_can_disable() {
        assert_eq!(
            history_path(Some(Path::new("/tmp/h"))),
            Some(PathBuf::from("/tmp/h"))
        );
        assert_eq!(history_path(Some(Path::new(""))), None);
        assert_eq!(history_path(Some(Path::new("off"))), None);
    }

    #[test]
    fn dedupes_keeping_the_latest() {
        let mut h = FileHistory::new();
        h.ignore_dups(false).unwrap();
        for e in ["a", "b", "a", "c"] {
            h.add(e).unwrap();
        }
        dedupe(&mut h).unwrap();
        assert_eq!(h.iter().cloned().collect::<Vec<_>>(), vec!["b", "a", "c"]);
        assert!(add_unique(&mut h, "b").unwrap());
        assert_eq!(h.iter().cloned().collect::<Vec<_>>(), vec!["a", "c", "b"]);
        assert!(!add_unique(&mut h, "d").unwrap());
    }
}
