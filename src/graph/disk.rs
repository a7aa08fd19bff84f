//! Opening on-disk stores: checks on the directory, the write lock (and who holds it), and
//! read-only snapshots, which read commands use when the store needs no write.

use std::path::Path;
#[cfg(feature = "rocksdb")]
use std::path::PathBuf;
#[cfg(feature = "rocksdb")]
use std::sync::{Mutex, RwLock};

use oxigraph::store::Store;

use super::error::GraphError;
#[cfg(feature = "rocksdb")]
use super::store::GraphStore;

/// Opens (creating if needed and allowed) the store at `path`.
#[cfg(feature = "rocksdb")]
pub fn open_disk(path: &Path, read_only: bool) -> Result<Store, GraphError> {
    if path.is_file() {
        return Err(GraphError::NotAStore {
            path: path.to_path_buf(),
            reason: "it is a file".into(),
        });
    }
    if !path.exists() && !read_only {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() {
            let what = if parent.exists() {
                "is not a directory"
            } else {
                "does not exist"
            };
            return Err(GraphError::NotAStore {
                path: path.to_path_buf(),
                reason: format!("cannot create it: {} {what}", parent.display()),
            });
        }
    }
    if path.is_dir() && !path.join("CURRENT").exists() && std::fs::read_dir(path)?.next().is_some()
    {
        return Err(GraphError::NotAStore {
            path: path.to_path_buf(),
            reason: "a non-empty directory without a store in it".into(),
        });
    }
    if read_only {
        if !path.join("CURRENT").exists() {
            return Err(GraphError::NotAStore {
                path: path.to_path_buf(),
                reason: "no store exists there yet".into(),
            });
        }
        return open_read_only_retrying(path);
    }
    // No lock probe of this process may run between RocksDB taking the lock and the store being
    // noted as held here.
    let _opening = OPENING.write().unwrap_or_else(|e| e.into_inner());
    let store = Store::open(path).map_err(|e| {
        let text = e.to_string();
        if text.contains("LOCK")
            && (text.contains("temporarily unavailable") || text.contains("lock"))
        {
            GraphError::Locked {
                path: path.to_path_buf(),
                holder: lock_holder(&path.join("LOCK")),
            }
        } else {
            GraphError::Storage(e)
        }
    })?;
    held_here(path, true);
    Ok(store)
}

/// The pid of the process holding a lock on `lock_file`, from `/proc/locks`: `Some(None)` when
/// no process holds it, `None` when that cannot be told.
#[cfg(all(feature = "rocksdb", target_os = "linux"))]
fn lock_pid(lock_file: &Path) -> Option<Option<u32>> {
    use std::os::unix::fs::MetadataExt;
    let inode = format!(":{}", std::fs::metadata(lock_file).ok()?.ino());
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    Some(
        locks
            .lines()
            .filter(|l| !l.contains("->"))
            .find_map(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                let at = fields.iter().position(|f| f.ends_with(&inode))?;
                fields.get(at.checked_sub(1)?)?.parse::<u32>().ok()
            }),
    )
}

#[cfg(all(feature = "rocksdb", not(target_os = "linux")))]
fn lock_pid(_lock_file: &Path) -> Option<Option<u32>> {
    None
}

/// The pid and command line of the process holding a lock on `lock_file`.
#[cfg(feature = "rocksdb")]
fn lock_holder(lock_file: &Path) -> Option<String> {
    let pid = lock_pid(lock_file)??;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let command: String = String::from_utf8_lossy(&cmdline)
        .replace('\0', " ")
        .trim()
        .chars()
        .take(200)
        .collect();
    Some(if command.is_empty() {
        format!("pid {pid}")
    } else {
        format!("pid {pid}: {command}")
    })
}

/// Opens a read-only snapshot of the store. A writer in another process may delete files
/// (compaction) while the snapshot's file list is read; such a race shows up as a missing
/// file and is retried a few times before it is reported.
#[cfg(feature = "rocksdb")]
fn open_read_only_retrying(path: &Path) -> Result<Store, GraphError> {
    let mut attempt = 0;
    loop {
        match Store::open_read_only(path) {
            Ok(store) => return Ok(store),
            Err(e) if attempt < 10 && e.to_string().contains("No such file or directory") => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(50 * attempt));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

#[cfg(not(feature = "rocksdb"))]
pub fn open_disk(_path: &Path, _read_only: bool) -> Result<Store, GraphError> {
    Err(GraphError::NoDiskSupport)
}

/// A write-ahead log larger than this is replayed by every read-only open; a writable open
/// flushes it on close, once. Only the newest log counts: older ones are obsolete (their data
/// flushed) and kept by RocksDB for reuse, never replayed.
#[cfg(feature = "rocksdb")]
const SNAPSHOT_MAX_LOG_BYTES: u64 = 1 << 20;

/// The size of the newest write-ahead log (`NNNNNN.log`) in the store directory.
#[cfg(feature = "rocksdb")]
fn newest_log_bytes(path: &Path) -> Result<u64, GraphError> {
    let mut newest: Option<(u64, std::fs::DirEntry)> = None;
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(number) = name
            .to_str()
            .and_then(|n| n.strip_suffix(".log"))
            .and_then(|n| n.parse::<u64>().ok())
        else {
            continue;
        };
        if newest.as_ref().is_none_or(|(n, _)| number > *n) {
            newest = Some((number, entry));
        }
    }
    Ok(match newest {
        Some((_, entry)) => entry.metadata()?.len(),
        None => 0,
    })
}

/// A read-only snapshot of the store at `path` when a write is neither needed nor going on: no
/// process holds the store, its newest write-ahead log is small, and the snapshot shows the
/// current ontology and complete derived graphs (a writable open would change nothing). `None`
/// otherwise: then the caller opens it writable, which refreshes what is missing or reports
/// the process holding it. Skips the write lock, the log and the flush on close: a third of a
/// small query's time on a large store.
#[cfg(feature = "rocksdb")]
pub fn snapshot_if_current(path: &Path) -> Result<Option<GraphStore>, GraphError> {
    if !path.join("CURRENT").is_file() || !lock_is_free(path) {
        return Ok(None);
    }
    if newest_log_bytes(path)? > SNAPSHOT_MAX_LOG_BYTES {
        return Ok(None);
    }
    let store = GraphStore::from_snapshot(open_read_only_retrying(path)?, path);
    Ok(store.is_current()?.then_some(store))
}

#[cfg(not(feature = "rocksdb"))]
pub fn snapshot_if_current(_path: &Path) -> Result<Option<super::store::GraphStore>, GraphError> {
    Ok(None)
}

/// Store directories this process holds open for writing. Their lock must not be probed: closing
/// any descriptor of a file drops the process's POSIX locks on it, RocksDB's among them.
#[cfg(feature = "rocksdb")]
static HELD_HERE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held for writing by writable opens until the store is in [`HELD_HERE`], and for reading by
/// lock probes.
#[cfg(feature = "rocksdb")]
static OPENING: RwLock<()> = RwLock::new(());

/// Notes that this process opened (`true`) or closed (`false`) the store at `path` for writing.
#[cfg(feature = "rocksdb")]
pub(crate) fn held_here(path: &Path, open: bool) {
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut held = HELD_HERE.lock().unwrap_or_else(|e| e.into_inner());
    if open {
        held.push(path);
    } else if let Some(at) = held.iter().position(|p| *p == path) {
        held.swap_remove(at);
    }
}

/// Whether no process holds the store's write lock (RocksDB's POSIX lock on `LOCK`), asked of
/// the kernel with `F_GETLK`. `false` when this process holds it or it cannot be told.
#[cfg(all(feature = "rocksdb", target_os = "linux"))]
fn lock_is_free(path: &Path) -> bool {
    use nix::fcntl::{FcntlArg, fcntl};
    use nix::libc;
    let _probing = OPENING.read().unwrap_or_else(|e| e.into_inner());
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    if HELD_HERE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .contains(&canonical)
    {
        return false;
    }
    let Ok(file) = std::fs::File::open(path.join("LOCK")) else {
        return false;
    };
    let mut probe = libc::flock {
        l_type: libc::F_WRLCK as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: 0,
        l_len: 0,
        l_pid: 0,
    };
    fcntl(&file, FcntlArg::F_GETLK(&mut probe)).is_ok()
        && probe.l_type == libc::F_UNLCK as libc::c_short
}

#[cfg(all(feature = "rocksdb", not(target_os = "linux")))]
fn lock_is_free(_path: &Path) -> bool {
    false
}
