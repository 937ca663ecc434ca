//! The sample cases, built into the binary so that it opens them from any folder.

use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/bundled_cases.rs"));

/// Writes the bundled cases into `dest`, once: a file that is already there is left alone, so
/// the user's edits and notes survive upgrades.
pub fn install(dest: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    for (relative, bytes) in FILES {
        let path = dest.join(relative);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installs_once_and_keeps_edits() {
        assert!(FILES.iter().any(|(p, _)| p.ends_with("case.md")), "samples are bundled");
        let dir = tempfile::tempdir().unwrap();
        let n = install(dir.path()).unwrap();
        assert_eq!(n, FILES.len());
        let (first, _) = FILES[0];
        std::fs::write(dir.path().join(first), "edited").unwrap();
        assert_eq!(install(dir.path()).unwrap(), 0);
        assert_eq!(std::fs::read_to_string(dir.path().join(first)).unwrap(), "edited");
    }
}
