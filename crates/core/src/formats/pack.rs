//! Case packs: what an instructor hands to students. A folder with `case.md`, its images, and
//! the instructor layer with everything private taken out, marked so that Casebook opens it in
//! student mode.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::layer::store::{self, INSTRUCTOR_FILE};
use crate::shared::SharedLayer;

/// The file that marks a folder as a student case pack.
pub const PACK_FILE: &str = "casebook-pack.json";

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format: String,
    version: u32,
    title: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Case(#[from] crate::case::LoadError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}: the folder is not empty; choose a new or empty folder for the pack", path.display())]
    NotEmpty { path: PathBuf },
}

/// Whether a case folder is a student case pack.
pub fn is_pack(case_dir: &Path) -> bool {
    case_dir.join(PACK_FILE).is_file()
}

/// Writes a student case pack of the case into `out`, a new or empty folder: the case, its
/// images, and what `shared` holds of the instructor's layer. Returns the files written.
pub fn export_pack(case_file: &Path, shared: &SharedLayer, out: &Path) -> Result<Vec<PathBuf>, PackError> {
    let case = crate::case::load(case_file)?;
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| PackError::Write { path, source }
    };
    if out.read_dir().is_ok_and(|mut d| d.next().is_some()) {
        return Err(PackError::NotEmpty { path: out.to_owned() });
    }
    std::fs::create_dir_all(out).map_err(write_err(out))?;
    let mut written = Vec::new();
    let mut put = |name: &Path, bytes: &[u8]| -> Result<(), PackError> {
        let path = out.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(write_err(parent))?;
        }
        store::write_atomic(&path, bytes).map_err(write_err(&path))?;
        written.push(path);
        Ok(())
    };
    let source = crate::case::read_source(case_file)?;
    put(Path::new(crate::case::CASE_FILE), source.as_bytes())?;
    // Each file once, however often the case shows it, and only files inside the case folder.
    for (relative, bytes) in crate::case::local_images(&case) {
        put(&relative, &bytes)?;
    }
    put(Path::new(INSTRUCTOR_FILE), shared.to_layer().to_json().as_bytes())?;
    let marker = Marker { format: "casebook-pack".into(), version: 1, title: case.title() };
    let json = serde_json::to_string_pretty(&marker).unwrap_or_default() + "\n";
    put(Path::new(PACK_FILE), json.as_bytes())?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::Results;
    use crate::testing::{SECRETS, TEXT, TempCase, layer_with_secrets};

    #[test]
    fn a_pack_holds_no_private_text_anywhere() {
        let made = TempCase::with_layer(&format!("# Votes\n\n{TEXT}\n\n![Chart](chart.png)\n"), &layer_with_secrets());
        std::fs::write(made.folder().join("chart.png"), b"not really a png").unwrap();
        let layer = store::load(&made.instructor_path()).unwrap().layer;
        let out = made.dir.path().join("pack");
        let shared = SharedLayer::new(&layer, Results::Leave);
        let files = export_pack(made.file(), &shared, &out).unwrap();
        let names: Vec<String> = files.iter().map(|f| f.strip_prefix(&out).unwrap().display().to_string()).collect();
        assert_eq!(names, ["case.md", "chart.png", INSTRUCTOR_FILE, PACK_FILE]);
        assert!(is_pack(&out));
        for entry in std::fs::read_dir(&out).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            for secret in SECRETS {
                assert!(!text.contains(secret), "{secret} is in the pack");
            }
        }
        let in_pack = store::load(&out.join(INSTRUCTOR_FILE)).unwrap().layer;
        assert_eq!(in_pack.questions.len(), 2, "the questions go to students");
        assert_eq!(in_pack.annotations.len(), 1, "only the shared highlight");
        assert!(export_pack(made.file(), &shared, &out).is_err(), "a pack is never written over");
    }
}
