//! Notes on a case: annotations anchored to passages, the layers that hold them, and their
//! files. No egui here.

pub mod anchor;
pub mod layer;
pub mod store;
pub mod text_index;
pub mod w3c;

pub use anchor::{AnchorStatus, Resolved, Selector, TextPosition, TextQuote, resolve};
pub use layer::{Annotation, Color, Layer};
pub use text_index::TextIndex;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: std::path::PathBuf, source: std::io::Error },
    #[error("{}:{line}:{col}: not valid JSON: {message}", path.display())]
    Json { path: std::path::PathBuf, line: usize, col: usize, message: String },
    #[error("{}: {source}", path.display())]
    NotAnnotations { path: std::path::PathBuf, source: w3c::ImportError },
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// What an import did.
#[derive(Debug, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    /// Annotations that could not be read, and why.
    pub skipped: Vec<String>,
}

/// Imports a W3C annotation file into the instructor layer of a case, saving atomically and
/// merging with the file as it is. An annotation whose id is already there replaces it, so
/// importing twice adds nothing.
pub fn import_w3c_file(case_file: &std::path::Path, file: &std::path::Path) -> Result<ImportReport, ImportError> {
    let bytes = std::fs::read(file).map_err(|source| ImportError::Read { path: file.to_owned(), source })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| ImportError::Json {
        path: file.to_owned(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    let (incoming, skipped) =
        w3c::import(&value).map_err(|source| ImportError::NotAnnotations { path: file.to_owned(), source })?;
    let path = store::instructor_path(case_file);
    let base = store::load(&path)?;
    let mut layer = base.layer.clone();
    let (mut added, mut updated) = (0, 0);
    for a in incoming {
        match layer.annotations.iter_mut().find(|x| x.id == a.id) {
            Some(existing) => {
                *existing = Annotation { created_unix_ms: existing.created_unix_ms, ..a };
                updated += 1;
            }
            None => {
                layer.annotations.push(a);
                added += 1;
            }
        }
    }
    store::save(&path, &base, &layer)?;
    Ok(ImportReport { added, updated, skipped })
}

/// Anchors every annotation of a layer in a text, in the layer's order.
pub fn anchor_all(text: &str, layer: &Layer) -> Vec<Resolved> {
    let index = TextIndex::new(text);
    layer.annotations.iter().map(|a| resolve(text, &index, &a.target)).collect()
}
