//! Reading and writing layers without ever losing one: atomic saves, merging with changes made
//! by someone else, and corrupt or unknown files kept byte for byte.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{FORMAT_NAME, FORMAT_VERSION, Layer};
use crate::case::confined;

/// The instructor layer of a case, beside its `case.md`.
pub const INSTRUCTOR_FILE: &str = "instructor.casebook.json";

/// Where the instructor layer of a case lives: beside `case.md`, or for a loose Markdown file
/// `brief.md`, as `brief.instructor.casebook.json`.
pub fn instructor_path(case_file: &Path) -> PathBuf {
    if case_file.file_name().is_some_and(|n| n == crate::case::CASE_FILE) {
        case_file.with_file_name(INSTRUCTOR_FILE)
    } else {
        case_file.with_extension(INSTRUCTOR_FILE)
    }
}

/// A student's own layer of a case.
pub const STUDENT_FILE: &str = "student.casebook.json";

/// Where a student's layer of a case lives: beside `case.md` when that folder can be written,
/// else under `data_dir/notes/`, named after the case folder. The flag says which.
pub fn student_path(case_file: &Path, data_dir: &Path) -> (PathBuf, bool) {
    let beside = if case_file.file_name().is_some_and(|n| n == crate::case::CASE_FILE) {
        case_file.with_file_name(STUDENT_FILE)
    } else {
        case_file.with_extension(STUDENT_FILE)
    };
    let dir = beside.parent().unwrap_or(Path::new("."));
    if beside.exists() || writable(dir) {
        return (beside, false);
    }
    (elsewhere(&beside, data_dir), true)
}

/// A student's layer of a case where it already is, looked up without writing anything: for
/// searching many cases.
pub fn existing_student_path(case_file: &Path, data_dir: &Path) -> Option<PathBuf> {
    let beside = if case_file.file_name().is_some_and(|n| n == crate::case::CASE_FILE) {
        case_file.with_file_name(STUDENT_FILE)
    } else {
        case_file.with_extension(STUDENT_FILE)
    };
    let other = elsewhere(&beside, data_dir);
    [beside, other].into_iter().find(|p| p.is_file())
}

/// The data-directory home of a layer that can't live beside its case: named after the case
/// folder and file, with a hash of the full path so that two cases never share it.
fn elsewhere(beside: &Path, data_dir: &Path) -> PathBuf {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    beside.hash(&mut hasher);
    let dir = beside.parent().and_then(Path::file_name).map_or_else(|| "case".into(), |n| n.to_string_lossy());
    let file = beside.file_name().map_or_else(|| STUDENT_FILE.into(), |n| n.to_string_lossy());
    data_dir.join("notes").join(format!("{dir}-{:016x}", hasher.finish())).join(file.as_ref())
}

/// Whether files can be made in a folder: tried, since permissions alone don't tell (a
/// read-only mount, a synced folder).
/// The probe is an unnamed temporary file where the system has them (`O_TMPFILE`), so nothing
/// shows in the folder, and is gone when dropped.
fn writable(dir: &Path) -> bool {
    tempfile::tempfile_in(dir).is_ok()
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot save: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}:{line}:{col}: the notes file is damaged ({message}); it is kept as it is and not overwritten", path.display())]
    Corrupt { path: PathBuf, line: usize, col: usize, message: String },
    #[error("{}: this notes file is version {found}, newer than this Casebook reads ({FORMAT_VERSION}); it is kept as it is", path.display())]
    NewerVersion { path: PathBuf, found: u32 },
    #[error("{reason}")]
    Refused { path: PathBuf, reason: String },
}

/// A layer as read from disk, with what is needed to notice later changes to the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub layer: Layer,
    /// The file's bytes when read, `None` when there was no file.
    pub bytes: Option<Vec<u8>>,
}

/// Reads a layer; a missing file is an empty layer.
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    let Some(bytes) = read_if_present(path)? else {
        return Ok(Loaded { layer: Layer::default(), bytes: None });
    };
    let layer = parse(path, &bytes)?;
    Ok(Loaded { layer, bytes: Some(bytes) })
}

/// Layer files larger than this are refused rather than read.
pub const MAX_LAYER_BYTES: u64 = 256 * 1024 * 1024;

/// The file's bytes, or `None` when there is no file yet. A layer is read only as a regular
/// file in its own folder: a link to a file elsewhere is refused, not followed.
fn read_if_present(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match confined::read(confined::folder_of(path), path, MAX_LAYER_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.is_missing() => Ok(None),
        Err(confined::ConfineError::Io { source, .. }) => Err(StoreError::Read { path: path.to_owned(), source }),
        Err(refused) => Err(StoreError::Refused { path: path.to_owned(), reason: refused.to_string() }),
    }
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Layer, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt {
        path: path.to_owned(),
        line: e.line(),
        col: e.column(),
        message: strip_position(&e.to_string()),
    };
    // Some editors on Windows start a UTF-8 file with a byte-order mark; case.md accepts one too.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(corrupt)?;
    let format = value.get("format").and_then(|f| f.as_str());
    let version = value.get("version").and_then(|v| v.as_u64());
    match (format, version) {
        (Some(FORMAT_NAME), Some(v)) if v > u64::from(FORMAT_VERSION) => {
            Err(StoreError::NewerVersion { path: path.to_owned(), found: u32::try_from(v).unwrap_or(u32::MAX) })
        }
        (Some(FORMAT_NAME), Some(_)) => serde_json::from_value(value).map_err(|e| StoreError::Corrupt {
            path: path.to_owned(),
            line: 0,
            col: 0,
            message: e.to_string(),
        }),
        _ => Err(StoreError::Corrupt {
            path: path.to_owned(),
            line: 1,
            col: 1,
            message: format!("not a Casebook layer (no \"format\": \"{FORMAT_NAME}\" with a version)"),
        }),
    }
}

fn strip_position(message: &str) -> String {
    message.find(" at line ").map_or(message, |i| &message[..i]).to_owned()
}

/// Writes bytes so that a crash at any moment leaves either the old file or the new one:
/// a temporary file beside it, flushed to disk, then renamed over it.
///
/// The temporary file is made with `tempfile`, which creates it exclusively (`O_EXCL`) under a
/// random name, so a link planted where it will be cannot redirect the write. Its name carries
/// this process's id, so temporaries of killed saves can be told apart and removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(|| "layer".into(), |n| n.to_string_lossy().into_owned());
    remove_stale_temporaries(dir, &name);
    let mut file =
        tempfile::Builder::new().prefix(&format!(".{name}.{}.", std::process::id())).suffix(".tmp").tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    // On failure the temporary file is removed when dropped.
    file.persist(path).map_err(|e| e.error)?;
    // The rename itself must reach the disk too.
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all()?;
    }
    Ok(())
}

/// Removes temporary files left by saves that were killed half-way: those of processes that no
/// longer run. Where that can't be known (no `/proc`), nothing is removed.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)).filter(|f| f.ends_with(".tmp")) else {
            continue;
        };
        let pid = rest.split('.').next().unwrap_or_default();
        if pid.parse::<u32>().is_ok() && !proc.join(pid).exists() {
            // Another process may have removed it first; either way it is gone.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Saves `layer` over the file last read as `base`. If someone else changed the file since,
/// their changes are merged in by id rather than overwritten. Returns what is now on disk.
pub fn save(path: &Path, base: &Loaded, layer: &Layer) -> Result<Loaded, StoreError> {
    let write_err = |source| StoreError::Write { path: path.to_owned(), source };
    // A student's layer may live in a folder of the data directory not made yet.
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        std::fs::create_dir_all(parent).map_err(write_err)?;
    }
    // Read, merge and replace under the lock, so that two writers take turns and neither
    // writes over what the other just added.
    let _lock = lock(path).map_err(write_err)?;
    let on_disk = read_if_present(path)?;
    let to_write = if on_disk == base.bytes {
        layer.clone()
    } else {
        let theirs = match &on_disk {
            Some(bytes) => parse(path, bytes)?,
            None => Layer::default(),
        };
        Layer::merge(&base.layer, layer, &theirs)
    };
    let json = to_write.to_json();
    write_atomic(path, json.as_bytes()).map_err(write_err)?;
    Ok(Loaded { layer: to_write, bytes: Some(json.into_bytes()) })
}

/// The advisory lock every writer of a layer holds while it reads, merges and replaces it: the
/// app's autosave, `casebook import`, another window. It is taken on a lock file beside the
/// layer (`.NAME.lock`), since the layer itself is replaced by a rename at each save, and is
/// released when the returned file is dropped.
fn lock(path: &Path) -> std::io::Result<std::fs::File> {
    let name = path.file_name().map_or_else(|| "layer".into(), |n| n.to_string_lossy().into_owned());
    let lock_path = confined::folder_of(path).join(format!(".{name}.lock"));
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        // A link planted at the lock's name is not followed.
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(lock_path)?;
    file.lock()?;
    Ok(file)
}

/// Copies a damaged or unknown file aside, so that starting a fresh layer loses nothing.
/// Returns the copy's path and the bytes copied, read once so that what is set aside is exactly
/// what a later save will replace. The original is left in place.
pub fn keep_aside(path: &Path) -> Result<(PathBuf, Option<Vec<u8>>), StoreError> {
    let Some(bytes) = read_if_present(path)? else { return Ok((path.to_owned(), None)) };
    let stamp = super::now_unix_ms();
    let aside = path.with_extension(format!("json.kept-{stamp}"));
    write_atomic(&aside, &bytes).map_err(|source| StoreError::Write { path: aside.clone(), source })?;
    Ok((aside, Some(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{Selector, TextQuote};
    use crate::layer::{Annotation, Color};

    fn annotation(id: &str, modified: u64) -> Annotation {
        let target = Selector { quote: TextQuote { exact: format!("q{id}"), ..Default::default() }, position: None };
        Annotation::new(id, target, Color::Actor, modified)
    }

    #[test]
    fn missing_file_is_an_empty_layer_and_saves_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(INSTRUCTOR_FILE);
        let base = load(&path).unwrap();
        assert!(base.layer.annotations.is_empty() && base.bytes.is_none());
        let mut layer = base.layer.clone();
        layer.annotations.put(annotation("a", 1));
        let saved = save(&path, &base, &layer).unwrap();
        assert_eq!(load(&path).unwrap(), saved);
        assert!(
            std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        );
    }

    #[test]
    fn two_writers_both_keep_their_annotations() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(INSTRUCTOR_FILE);
        let first = load(&path).unwrap();
        let second = load(&path).unwrap();
        let mut a = first.layer.clone();
        a.annotations.put(annotation("from-first", 1));
        save(&path, &first, &a).unwrap();
        let mut b = second.layer.clone();
        b.annotations.put(annotation("from-second", 2));
        let merged = save(&path, &second, &b).unwrap();
        assert_eq!(merged.layer.annotations.len(), 2);
        assert_eq!(load(&path).unwrap().layer.annotations.len(), 2);
    }

    #[test]
    fn corrupt_file_is_reported_with_line_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(INSTRUCTOR_FILE);
        let bad = b"{\n  \"format\": \"casebook-layer\",\n  \"version\": 1,\n  \"annotations\": [ oops ]\n}\n";
        std::fs::write(&path, bad).unwrap();
        let err = load(&path).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { line: 4, .. }), "{err}");
        let (aside, copied) = keep_aside(&path).unwrap();
        assert_eq!(std::fs::read(&aside).unwrap(), bad);
        assert_eq!(copied.as_deref(), Some(&bad[..]));
        assert_eq!(std::fs::read(&path).unwrap(), bad, "the original is untouched");
    }

    #[test]
    fn newer_version_is_refused_and_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(INSTRUCTOR_FILE);
        let newer = b"{\"format\": \"casebook-layer\", \"version\": 99, \"annotations\": []}";
        std::fs::write(&path, newer).unwrap();
        assert!(matches!(load(&path), Err(StoreError::NewerVersion { found: 99, .. })));
        // A save based on an empty layer does not silently replace it either: merging needs
        // to read it, and that fails the same way.
        let empty = Loaded { layer: Layer::default(), bytes: None };
        assert!(save(&path, &empty, &Layer::default()).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), newer);
    }
}
