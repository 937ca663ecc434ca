//! Notes on a case: annotations anchored to passages, the layers that hold them, and their
//! files. No egui here.

pub mod anchor;
pub mod layer;
pub mod pack;
pub mod search;
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
    Case(#[from] crate::case::LoadError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// What an import did.
#[derive(Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// What was imported: "annotations" or "timeline events".
    pub what: &'static str,
    pub added: usize,
    pub updated: usize,
    /// Annotations that could not be read, and why.
    pub skipped: Vec<String>,
}

/// Imports a W3C annotation file or a TimelineJS3 document into the instructor layer of a
/// case, saving atomically and merging with the file as it is. An item whose id is already
/// there replaces it, so importing twice adds nothing.
pub fn import_file(case_file: &std::path::Path, file: &std::path::Path) -> Result<ImportReport, ImportError> {
    let bytes = std::fs::read(file).map_err(|source| ImportError::Read { path: file.to_owned(), source })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| ImportError::Json {
        path: file.to_owned(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    if crate::timeline::timelinejs::is_timelinejs(&value) {
        return import_timeline(case_file, &value);
    }
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
    Ok(ImportReport { what: "annotations", added, updated, skipped })
}

/// Takes a TimelineJS document's events, eras and title slide into the layer. Events that
/// match the case's own (same id and content) are left as they are, so a case's exported
/// timeline imports back as no change.
fn import_timeline(case_file: &std::path::Path, value: &serde_json::Value) -> Result<ImportReport, ImportError> {
    use crate::timeline::{LayerEra, LayerEvent, timelinejs};
    let case = crate::case::load(case_file)?;
    let (incoming, skipped) = timelinejs::import(value);
    let path = store::instructor_path(case_file);
    let base = store::load(&path)?;
    let mut layer = base.layer.clone();
    let now = layer::now_unix_ms();
    let (mut added, mut updated) = (0, 0);
    let same = |a: &crate::timeline::Event, b: &crate::timeline::Event| {
        (&a.date, &a.end, &a.title, &a.lane, &a.description) == (&b.date, &b.end, &b.title, &b.lane, &b.description)
    };
    for event in incoming.events {
        let authored = case.front.events.iter().find(|a| a.id == event.id);
        match layer.events.iter_mut().find(|x| x.event.id == event.id) {
            Some(existing) if same(&existing.event, &event) => {}
            Some(existing) => {
                let anchor = existing.event.anchor.take();
                existing.event = crate::timeline::Event { anchor, ..event };
                existing.modified_unix_ms = now;
                updated += 1;
            }
            None if authored.is_some_and(|a| same(a, &event)) => {}
            None => {
                if authored.is_some() {
                    updated += 1;
                } else {
                    added += 1;
                }
                layer.events.push(LayerEvent { event, hidden: false, created_unix_ms: now, modified_unix_ms: now });
            }
        }
    }
    for era in incoming.eras {
        let exists = case.front.eras.iter().chain(layer.eras.iter().map(|e| &e.era)).any(|e| *e == era);
        if !exists {
            let id = format!("imported-era-{}", crate::case::slugify(&era.title));
            layer.eras.retain(|e| e.id != id);
            layer.eras.push(LayerEra { id, era, hidden: false, created_unix_ms: now, modified_unix_ms: now });
        }
    }
    if incoming.title.is_some() {
        layer.timeline_title = incoming.title;
    }
    store::save(&path, &base, &layer)?;
    Ok(ImportReport { what: "timeline events", added, updated, skipped })
}

/// Anchors every annotation of a layer in a text, in the layer's order.
pub fn anchor_all(text: &str, layer: &Layer) -> Vec<Resolved> {
    let index = TextIndex::new(text);
    layer.annotations.iter().map(|a| resolve(text, &index, &a.target)).collect()
}
