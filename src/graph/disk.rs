//! Opening on-disk stores: checks on the directory, the write lock (and who holds it), and
//! read-only snapshots, which read commands use when the store needs no write.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
#[cfg(feature = "rocksdb")]
use std::sync::RwLock;

use oxigraph::store::Store;

use super::error::GraphError;
#[cfg(feature = "rocksdb")]
use super::store::GraphStore;

/// Opens (creating if needed and allowed) the store at `path`, with what this process then
/// holds on it.
#[cfg(feature = "rocksdb")]
pub fn open_disk(path: &Path, read_only: bool) -> Result<(Store, Hold), GraphError> {
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
        return Ok((open_read_only_retrying(path)?, Hold::Nothing));
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
    let canonical = canonical(path);
    held_here().push(canonical.clone());
    Ok((store, Hold::Writer(canonical)))
}

/// The pid of the process holding a lock on `lock_file`, from `/proc/locks`.
#[cfg(all(feature = "rocksdb", target_os = "linux"))]
fn lock_pid(lock_file: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let inode = format!(":{}", std::fs::metadata(lock_file).ok()?.ino());
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    locks
        .lines()
        .filter(|l| !l.contains("->"))
        .find_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let at = fields.iter().position(|f| f.ends_with(&inode))?;
            fields.get(at.checked_sub(1)?)?.parse::<u32>().ok()
        })
}

#[cfg(all(feature = "rocksdb", not(target_os = "linux")))]
fn lock_pid(_lock_file: &Path) -> Option<u32> {
    None
}

/// The pid and command line of the process holding a lock on `lock_file`.
#[cfg(feature = "rocksdb")]
fn lock_holder(lock_file: &Path) -> Option<String> {
    let pid = lock_pid(lock_file)?;
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
pub fn open_disk(_path: &Path, _read_only: bool) -> Result<(Store, Hold), GraphError> {
    Err(GraphError::NoDiskSupport)
}

/// A write-ahead log larger than this is replayed by every read-only open; a writable open
/// flushes the store on close, after which the newest log is (nearly) empty. Only the newest log
/// is measured: a heuristic for speed, never for correctness (older logs may still be live
/// after a crash, and a recycled log keeps its old length, which only turns snapshots off).
#[cfg(feature = "rocksdb")]
const SNAPSHOT_MAX_LOG_BYTES: u64 = 1 << 20;

/// The size of the newest write-ahead log (`NNNNNN.log`) in the store directory.
#[cfg(feature = "rocksdb")]
fn newest_log_bytes(path: &Path) -> std::io::Result<u64> {
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

/// A read-only snapshot of the store at `path` when a writable open would change nothing: no
/// process writes the store, its newest write-ahead log is small, and the snapshot shows the
/// current ontology and complete derived graphs. The snapshot holds a read lock on the store
/// (see [`Hold::Reader`]): writers of other processes are refused while it is read, as they were
/// when read commands opened the store writable. `None` otherwise, or when anything in the
/// attempt fails: then the caller opens the store writable, which refreshes what is missing,
/// names the process holding it, or reports the error. Skips RocksDB's lock, a new log and
/// manifest, and the flush on close: a third of a small query's time on a large store.
#[cfg(feature = "rocksdb")]
pub fn snapshot_if_current(path: &Path) -> Option<GraphStore> {
    if !path.join("CURRENT").is_file() {
        return None;
    }
    let lock = reader_lock(path)?;
    if newest_log_bytes(path).ok()? > SNAPSHOT_MAX_LOG_BYTES {
        return None;
    }
    let store = open_read_only_retrying(path).ok()?;
    let store = GraphStore::from_snapshot(store, path, Hold::Reader(lock));
    store.is_current().ok()?.then_some(store)
}

#[cfg(not(feature = "rocksdb"))]
pub fn snapshot_if_current(_path: &Path) -> Option<super::store::GraphStore> {
    None
}

/// What a process holds on an on-disk store besides RocksDB's handle. A [`GraphStore`] keeps it
/// in a field declared after the store, so it is let go only once the store is closed.
#[derive(Debug, Default)]
pub enum Hold {
    /// An in-memory store, or an explicit `--read-only` open (which works beside a writer).
    #[default]
    Nothing,
    /// Opened writable: the store's canonical path stays in [`HELD_HERE`] until dropped.
    Writer(PathBuf),
    /// A read snapshot: an open-file-description read lock on `LOCK`. It conflicts with the
    /// POSIX write lock RocksDB takes, whatever process (this one too) tries to take it, so no
    /// writer can start, and compact away files the snapshot still reads, until it is dropped.
    Reader(File),
}

impl Drop for Hold {
    fn drop(&mut self) {
        if let Hold::Writer(path) = self {
            let mut held = held_here();
            if let Some(at) = held.iter().position(|p| p == path) {
                held.swap_remove(at);
            }
        }
    }
}

/// Store directories this process holds open for writing. Their `LOCK` must not be opened
/// here: closing any descriptor of a file drops the process's POSIX locks on it, RocksDB's
/// among them.
static HELD_HERE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held for writing by writable opens until the store is in [`HELD_HERE`], and for reading
/// while a read lock is tried.
#[cfg(feature = "rocksdb")]
static OPENING: RwLock<()> = RwLock::new(());

fn held_here() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    HELD_HERE.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(feature = "rocksdb")]
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// A read lock on the store's `LOCK` file (`F_OFD_SETLK`), taken when no process holds
/// RocksDB's write lock there; `None` when one does, this process holds the store, or the lock
/// cannot be taken.
#[cfg(all(feature = "rocksdb", target_os = "linux"))]
fn reader_lock(path: &Path) -> Option<File> {
    use nix::fcntl::{FcntlArg, fcntl};
    use nix::libc;
    // Closing `file` (if the lock is refused) must not drop a lock this process holds.
    let _probing = OPENING.read().unwrap_or_else(|e| e.into_inner());
    if held_here().contains(&canonical(path)) {
        return None;
    }
    let file = File::open(path.join("LOCK")).ok()?;
    let lock = libc::flock {
        l_type: libc::F_RDLCK as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: 0,
        l_len: 0,
        l_pid: 0,
    };
    fcntl(&file, FcntlArg::F_OFD_SETLK(&lock)).ok()?;
    Some(file)
}

#[cfg(all(feature = "rocksdb", not(target_os = "linux")))]
fn reader_lock(_path: &Path) -> Option<File> {
    None
}
