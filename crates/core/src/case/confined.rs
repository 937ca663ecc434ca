//! Files of a case, confined to its folder. Case folders come from other people: a link named
//! `map.png` may point at `~/.ssh/id_rsa`, a folder at `/etc`, a file at `/proc/self/environ`
//! or at a disk image of a gigabyte. Every file Casebook reads or copies for a case must be a
//! regular file whose real path is inside the case folder, and it is size-checked before it is
//! read.

use std::io::Read as _;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ConfineError {
    #[error("{}: it leads outside the case folder (to {}); only files inside it are read", path.display(), target.display())]
    Outside { path: PathBuf, target: PathBuf },
    #[error("{}: not a regular file", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: {size_mb} MB is more than the {limit_mb} MB Casebook reads for it", path.display())]
    TooLarge { path: PathBuf, size_mb: u64, limit_mb: u64 },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

impl ConfineError {
    /// Whether the file is simply not there, as opposed to refused.
    pub fn is_missing(&self) -> bool {
        matches!(self, ConfineError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// The real path of `path`, checked to be a regular file inside `folder` (both through any
/// links).
pub fn inside(folder: &Path, path: &Path) -> Result<PathBuf, ConfineError> {
    let io = |source| ConfineError::Io { path: path.to_owned(), source };
    let real_folder = folder.canonicalize().map_err(io)?;
    let real = path.canonicalize().map_err(io)?;
    if !real.starts_with(&real_folder) {
        return Err(ConfineError::Outside { path: path.to_owned(), target: real });
    }
    if !std::fs::metadata(&real).map_err(io)?.is_file() {
        return Err(ConfineError::NotAFile { path: path.to_owned() });
    }
    Ok(real)
}

/// Reads a file that must be a regular file inside `folder`, of at most `max_bytes`. The size
/// is checked on the opened file before reading, and reading stops at the limit whatever the
/// file claims.
pub fn read(folder: &Path, path: &Path, max_bytes: u64) -> Result<Vec<u8>, ConfineError> {
    let real = inside(folder, path)?;
    let io = |source| ConfineError::Io { path: path.to_owned(), source };
    let file = std::fs::File::open(&real).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ConfineError::NotAFile { path: path.to_owned() });
    }
    let too_large =
        |size: u64| ConfineError::TooLarge { path: path.to_owned(), size_mb: size >> 20, limit_mb: max_bytes >> 20 };
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The folder a file is confined to: the one holding it.
pub fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_and_special_files_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let case = root.path().join("case");
        std::fs::create_dir(&case).unwrap();
        let secret = root.path().join("id_rsa");
        std::fs::write(&secret, "PRIVATE KEY").unwrap();
        std::os::unix::fs::symlink(&secret, case.join("k.png")).unwrap();
        std::os::unix::fs::symlink("/etc", case.join("etc")).unwrap();
        std::fs::write(case.join("inside.png"), "fine").unwrap();
        std::os::unix::fs::symlink("inside.png", case.join("alias.png")).unwrap();
        assert!(matches!(read(&case, &case.join("k.png"), 1 << 20), Err(ConfineError::Outside { .. })));
        assert!(matches!(read(&case, &case.join("etc/passwd"), 1 << 20), Err(ConfineError::Outside { .. })));
        assert!(matches!(read(&case, &case.join("etc"), 1 << 20), Err(ConfineError::Outside { .. })));
        assert_eq!(read(&case, &case.join("alias.png"), 1 << 20).unwrap(), b"fine", "a link inside is fine");
        assert!(matches!(read(&case, &case.join("inside.png"), 2), Err(ConfineError::TooLarge { .. })));
        std::fs::create_dir(case.join("folder.png")).unwrap();
        assert!(matches!(read(&case, &case.join("folder.png"), 1 << 20), Err(ConfineError::NotAFile { .. })));
        assert!(read(&case, &case.join("gone.png"), 1 << 20).unwrap_err().is_missing());
    }
}
