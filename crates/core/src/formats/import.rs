//! Imports: W3C annotations and TimelineJS3 timelines read from a file, and the changes they
//! make to a layer. The session applies those changes as one undoable step, for the GUI and
//! the CLI alike.

use std::path::{Path, PathBuf};

use super::{timelinejs, w3c};
use crate::layer::{Annotation, Key, Layer, Value, now_unix_ms};
use crate::timeline::{Era, Event, LayerEra, LayerEvent};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}:{line}:{col}: not valid JSON: {message}", path.display())]
    Json { path: PathBuf, line: usize, col: usize, message: String },
    #[error("{}: {source}", path.display())]
    NotAnnotations { path: PathBuf, source: w3c::ImportError },
}

/// What a file holds.
#[derive(Debug)]
pub enum Incoming {
    Annotations(Vec<Annotation>),
    Timeline(timelinejs::Timeline),
}

/// A file read for import: its items, and those that could not be read, with why.
#[derive(Debug)]
pub struct Read {
    pub incoming: Incoming,
    pub skipped: Vec<String>,
}

/// What an import did.
#[derive(Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// What was imported: "annotations" or "timeline events".
    pub what: &'static str,
    pub added: usize,
    pub updated: usize,
    /// Items that could not be read, and why.
    pub skipped: Vec<String>,
}

/// Reads a W3C annotation file or a TimelineJS3 document; the kind is recognised from it.
pub fn read(file: &Path) -> Result<Read, ImportError> {
    let bytes = std::fs::read(file).map_err(|source| ImportError::Read { path: file.to_owned(), source })?;
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| ImportError::Json {
        path: file.to_owned(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    if timelinejs::is_timelinejs(&value) {
        let (timeline, skipped) = timelinejs::import(&value);
        return Ok(Read { incoming: Incoming::Timeline(timeline), skipped });
    }
    let (annotations, skipped) =
        w3c::import(&value).map_err(|source| ImportError::NotAnnotations { path: file.to_owned(), source })?;
    Ok(Read { incoming: Incoming::Annotations(annotations), skipped })
}

/// The changes an import makes to `layer`, given the case's own events and eras, and what it
/// reports. An item whose id is already there replaces it, so importing twice adds nothing;
/// events that match the case's own (same id and content) are left as they are, so a case's
/// exported timeline imports back as no change.
pub fn changes(read: Read, layer: &Layer, authored: (&[Event], &[Era])) -> (Vec<(Key, Value)>, ImportReport) {
    let Read { incoming, skipped } = read;
    let mut changes = Vec::new();
    let (mut added, mut updated) = (0, 0);
    let now = now_unix_ms();
    let what = match incoming {
        Incoming::Annotations(annotations) => {
            for a in annotations {
                let a = match layer.annotations.get(&a.id) {
                    Some(existing) => {
                        updated += 1;
                        Annotation { created_unix_ms: existing.created_unix_ms, ..a }
                    }
                    None => {
                        added += 1;
                        a
                    }
                };
                changes.push((Key::Annotation(a.id.clone()), Value::Annotation(Box::new(a))));
            }
            "annotations"
        }
        Incoming::Timeline(timeline) => {
            let same = |a: &Event, b: &Event| {
                (&a.date, &a.end, &a.title, &a.lane, &a.description)
                    == (&b.date, &b.end, &b.title, &b.lane, &b.description)
            };
            let (authored_events, authored_eras) = authored;
            for event in timeline.events {
                let own = authored_events.iter().find(|a| a.id == event.id);
                let stamped = |event| LayerEvent { event, hidden: false, created_unix_ms: now, modified_unix_ms: now };
                let value = match layer.events.get(&event.id) {
                    Some(existing) if same(&existing.event, &event) => continue,
                    Some(existing) => {
                        updated += 1;
                        let anchor = existing.event.anchor.clone();
                        LayerEvent {
                            event: Event { anchor, ..event },
                            hidden: existing.hidden,
                            created_unix_ms: existing.created_unix_ms,
                            modified_unix_ms: now,
                        }
                    }
                    None if own.is_some_and(|a| same(a, &event)) => continue,
                    None => {
                        if own.is_some() {
                            updated += 1;
                        } else {
                            added += 1;
                        }
                        stamped(event)
                    }
                };
                changes.push((Key::Event(value.event.id.clone()), Value::Event(Box::new(value))));
            }
            for era in timeline.eras {
                let exists = authored_eras.iter().chain(layer.eras.iter().map(|e| &e.era)).any(|e| *e == era);
                if !exists {
                    let id = format!("imported-era-{}", crate::case::slugify(&era.title));
                    let era =
                        LayerEra { id: id.clone(), era, hidden: false, created_unix_ms: now, modified_unix_ms: now };
                    changes.push((Key::Era(id), Value::Era(Box::new(era))));
                }
            }
            if let Some(title) = timeline.title {
                changes.push((Key::TimelineTitle, Value::TimelineTitle(title)));
            }
            "timeline events"
        }
    };
    (changes, ImportReport { what, added, updated, skipped })
}
