//! Session settings: output mode, table limits, timer, timeout, prefixes, output redirection.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Duration;

use crate::graph::ns;
use crate::query::format::ResultFormat;
use crate::query::table::TableOptions;

/// Where results go.
#[derive(Default)]
pub enum Target {
    /// Standard output.
    #[default]
    Stdout,
    /// A file set with `.output FILE`.
    File(PathBuf, BufWriter<File>),
}

/// The settings of one shell session.
pub struct Settings {
    /// Result format (`.mode`).
    pub mode: ResultFormat,
    /// Header rows in tables, CSV and TSV (`.headers`).
    pub headers: bool,
    /// Rows shown in tables (`.maxrows`; `None`: all).
    pub max_rows: Option<usize>,
    /// Widest column in tables (`.maxwidth`).
    pub max_width: usize,
    /// Print the elapsed time after each statement (`.timer`).
    pub timer: bool,
    /// Cancel statements after this long (`.timeout`).
    pub timeout: Option<Duration>,
    /// Prefixes for queries and result display: the geokg ones plus the session's.
    pub prefixes: Vec<(String, String)>,
    /// Where results go (`.output`).
    pub target: Target,
    /// Where the next result goes (`.once`).
    pub once: Option<PathBuf>,
    /// Stop a script at the first error (`.bail`).
    pub bail: bool,
    /// Show query results on a terminal through a pager (`.pager`).
    pub pager: bool,
}

impl Settings {
    /// Defaults for a terminal session (`interactive`) or a script.
    pub fn new(interactive: bool, timeout: Option<Duration>) -> Settings {
        Settings {
            mode: ResultFormat::Table,
            headers: true,
            max_rows: interactive.then_some(100),
            max_width: 60,
            timer: interactive,
            timeout,
            prefixes: ns::default_prefixes(),
            target: Target::Stdout,
            once: None,
            bail: true,
            pager: false,
        }
    }

    /// Table rendering options from the settings.
    pub fn table(&self) -> TableOptions {
        TableOptions {
            prefixes: self.prefixes.clone(),
            max_width: self.max_width,
            max_rows: self.max_rows,
            headers: self.headers,
        }
    }

    /// Declares (or redefines) a session prefix.
    pub fn add_prefix(&mut self, name: &str, iri: &str) {
        match self.prefixes.iter_mut().find(|(p, _)| p == name) {
            Some(entry) => entry.1 = iri.to_string(),
            None => self.prefixes.push((name.to_string(), iri.to_string())),
        }
    }

    /// Whether results currently go to the terminal's standard output.
    pub fn to_stdout(&self) -> bool {
        self.once.is_none() && matches!(self.target, Target::Stdout)
    }

    /// Runs `f` with the writer for the next result (the `.once` file, the `.output` file or
    /// standard output), dropping a CSV/TSV header line when headers are off.
    pub fn with_writer<T>(&mut self, f: impl FnOnce(&mut dyn Write) -> T) -> io::Result<T> {
        let skip = !self.headers && matches!(self.mode, ResultFormat::Csv | ResultFormat::Tsv);
        let run = |w: &mut dyn Write| -> io::Result<T> {
            let mut w = SkipFirstLine {
                inner: w,
                skipping: skip,
                last: None,
            };
            let r = f(&mut w);
            if w.last.is_some_and(|b| b != b'\n') {
                // A boolean in CSV/TSV/JSON ends without a line break; the prompt needs one.
                w.inner.write_all(b"\n")?;
            }
            w.flush()?;
            Ok(r)
        };
        if let Some(path) = self.once.take() {
            let mut file = BufWriter::new(
                File::create(&path)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?,
            );
            return run(&mut file);
        }
        match &mut self.target {
            Target::Stdout => {
                let stdout = io::stdout();
                let mut lock = stdout.lock();
                run(&mut lock)
            }
            Target::File(_, file) => run(file),
        }
    }
}

/// A writer that drops everything up to the first line break (a CSV/TSV header) when
/// `skipping`, and remembers the last byte written.
struct SkipFirstLine<'a> {
    inner: &'a mut dyn Write,
    skipping: bool,
    last: Option<u8>,
}

impl Write for SkipFirstLine<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.skipping {
            let n = self.inner.write(buf)?;
            if n > 0 {
                self.last = Some(buf[n - 1]);
            }
            return Ok(n);
        }
        match buf.iter().position(|b| *b == b'\n') {
            None => Ok(buf.len()),
            Some(i) => {
                self.skipping = false;
                self.inner.write_all(&buf[i + 1..])?;
                if i + 1 < buf.len() {
                    self.last = buf.last().copied();
                }
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_the_header_line() {
        let mut out = Vec::new();
        {
            let mut w = SkipFirstLine {
                inner: &mut out,
                skipping: true,
                last: None,
            };
            w.write_all(b"a,b\r").unwrap();
            w.write_all(b"\n1,2\r\n3,4\r\n").unwrap();
        }
        assert_eq!(out, b"1,2\r\n3,4\r\n");
    }

    #[test]
    fn session_prefixes_replace_or_add() {
        let mut s = Settings::new(false, None);
        s.add_prefix("ex", "http://ex/");
        s.add_prefix("ex", "http://ex2/");
        assert_eq!(s.prefixes.iter().filter(|(p, _)| p == "ex").count(), 1);
        assert!(s.prefixes.contains(&("ex".into(), "http://ex2/".into())));
        assert!(s.prefixes.iter().any(|(p, _)| p == "cameo"));
    }
}
