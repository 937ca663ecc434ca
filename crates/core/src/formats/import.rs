//! Imports: W3C annotations, Hypothesis annotations and TimelineJS timelines read from a file,
//! and the changes they make to a layer. The session applies those changes as one undoable
//! step, for the GUI and the CLI alike.
//!
//! The rules: an import never replaces or drops what the user already has. Imported items get
//! ids derived from their file and their id there, so two files never collide, and an import
//! updates only the items its own file made, and only the fields that file changed since it
//! was last imported: edits made here stand. Every import ends with a report of what was new,
//! updated, unchanged and skipped, and of what could not be carried.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{hypothesis, timelinejs, w3c};
use crate::layer::{Annotation, Key, Layer, Origin, Value as Item, now_unix_ms};
use crate::timeline::{Era, Event, LayerEra, LayerEvent};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {source}")]
    Read { path: PathBuf, source: crate::case::confined::ConfineError },
    #[error("{}:{line}:{col}: not valid JSON: {message}", path.display())]
    Json { path: PathBuf, line: usize, col: usize, message: String },
    #[error("{}: {source}", path.display())]
    NotAnnotations { path: PathBuf, source: w3c::ImportError },
    #[error("{}: the file holds no {what}; nothing was imported", path.display())]
    Empty { path: PathBuf, what: &'static str },
    #[error("{}: none of its {count} items could be imported: {first}", path.display())]
    NothingReadable { path: PathBuf, count: usize, first: String },
}

/// Import files larger than this are refused rather than read.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

/// What a file holds.
#[derive(Debug)]
pub enum Incoming {
    Annotations(Vec<Annotation>),
    Timeline(timelinejs::Timeline),
}

/// A file read for import: its items, those skipped (with why), and what could not be carried.
#[derive(Debug)]
pub struct Read {
    /// The file's name, which marks the items it makes.
    pub file: String,
    /// What it is: "W3C annotations", "Hypothesis annotations" or "a TimelineJS timeline".
    pub kind: &'static str,
    pub incoming: Incoming,
    pub skipped: Vec<String>,
    pub not_carried: Vec<String>,
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// What was imported: "annotations" or "timeline events".
    pub what: &'static str,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Items that could not be read, and why.
    pub skipped: Vec<String>,
    /// What of the items read could not be carried, or was kept as edited here.
    pub not_carried: Vec<String>,
}

impl ImportReport {
    /// The report in a sentence, for the window and the terminal.
    pub fn summary(&self) -> String {
        let mut text =
            format!("{} new, {} updated, {} unchanged {}", self.added, self.updated, self.unchanged, self.what);
        if !self.skipped.is_empty() {
            text.push_str(&format!("; skipped {}: {}", self.skipped.len(), self.skipped.join("; ")));
        }
        if !self.not_carried.is_empty() {
            text.push_str(&format!("; not carried: {}", self.not_carried.join("; ")));
        }
        text
    }
}

/// Reads a W3C or Hypothesis annotation file or a TimelineJS document; the kind is recognised
/// from it. `private` marks imported annotations private (W3C files say nothing of audience).
pub fn read(file: &Path, private: bool) -> Result<Read, ImportError> {
    let bytes = crate::case::confined::read(crate::case::confined::folder_of(file), file, MAX_IMPORT_BYTES)
        .map_err(|source| ImportError::Read { path: file.to_owned(), source })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| ImportError::Json {
        path: file.to_owned(),
        line: e.line(),
        col: e.column(),
        message: e.to_string(),
    })?;
    let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let read = if timelinejs::is_timelinejs(&value) {
        let r = timelinejs::read(&value);
        let incoming = Incoming::Timeline(r.timeline);
        Read { file: name, kind: "a TimelineJS timeline", incoming, skipped: r.skipped, not_carried: r.not_carried }
    } else if hypothesis::is_hypothesis(&value) {
        let mut r = hypothesis::read(&value, &name);
        if private {
            r.annotations.iter_mut().for_each(|a| a.private = true);
        }
        let incoming = Incoming::Annotations(r.annotations);
        Read { file: name, kind: "Hypothesis annotations", incoming, skipped: r.skipped, not_carried: r.not_carried }
    } else {
        let r = w3c::read(&value, &name, private)
            .map_err(|source| ImportError::NotAnnotations { path: file.to_owned(), source })?;
        let incoming = Incoming::Annotations(r.annotations);
        Read { file: name, kind: "W3C annotations", incoming, skipped: r.skipped, not_carried: r.not_carried }
    };
    let found = match &read.incoming {
        Incoming::Annotations(a) => a.len(),
        Incoming::Timeline(t) => t.events.len() + t.eras.len(),
    };
    if found == 0 {
        return Err(match read.skipped.first() {
            Some(first) => {
                ImportError::NothingReadable { path: file.to_owned(), count: read.skipped.len(), first: first.clone() }
            }
            None => ImportError::Empty { path: file.to_owned(), what: read.kind },
        });
    }
    Ok(read)
}

/// A short, stable hash (FNV-1a) for ids made from a file and an item: the same every run and
/// every version, unlike the standard library's.
fn stable_hash(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Merges what a file says of an item with the item here, field by field (as JSON objects):
/// a field the file changed since the last import (`before`) takes the file's value unless it
/// was edited here too, where the edit here stands. Returns the fields, whether the file
/// changed anything, and the fields kept as edited here.
fn three_way(here: &Value, theirs: &Value, before: &Value) -> (Value, bool, Vec<String>) {
    let mut merged = here.clone();
    let mut changed = false;
    let mut kept = Vec::new();
    if let (Value::Object(out), Value::Object(theirs)) = (&mut merged, theirs) {
        for (field, value) in theirs {
            let was = before.get(field).unwrap_or(&Value::Null);
            if value == was {
                continue;
            }
            changed = true;
            match out.get(field) {
                Some(mine) if mine != was && mine != value => kept.push(field.clone()),
                _ => {
                    out.insert(field.clone(), value.clone());
                }
            }
        }
    }
    (merged, changed, kept)
}

/// The fields of an annotation a file can change.
fn annotation_fields(a: &Annotation) -> Value {
    serde_json::json!({
        "quote": a.target.quote.exact, "prefix": a.target.quote.prefix, "suffix": a.target.quote.suffix,
        "note": a.note, "tags": a.tags, "color": a.color, "private": a.private, "replies": a.replies,
    })
}

fn with_annotation_fields(mut a: Annotation, fields: &Value) -> Annotation {
    let text = |k: &str| fields.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    a.target.quote.exact = text("quote");
    a.target.quote.prefix = text("prefix");
    a.target.quote.suffix = text("suffix");
    a.note = text("note");
    a.tags = serde_json::from_value(fields["tags"].clone()).unwrap_or_default();
    a.color = serde_json::from_value(fields["color"].clone()).unwrap_or(a.color);
    a.private = fields["private"].as_bool().unwrap_or(a.private);
    a.replies = serde_json::from_value(fields["replies"].clone()).unwrap_or_default();
    a
}

/// The fields of an event a file can change: all but its id and passage.
fn event_fields(e: &Event) -> Value {
    let mut v = serde_json::to_value(Event { id: String::new(), anchor: None, ..e.clone() }).unwrap_or(Value::Null);
    if let Value::Object(o) = &mut v {
        o.remove("id");
    }
    v
}

fn with_event_fields(e: &Event, fields: &Value) -> Event {
    let mut fields = fields.clone();
    fields["id"] = Value::String(e.id.clone());
    let merged: Option<Event> = serde_json::from_value(fields).ok();
    merged.map_or_else(|| e.clone(), |m| Event { anchor: e.anchor.clone(), line: e.line, ..m })
}

/// The changes an import makes to `layer`, given the case's own events and eras, and what it
/// reports.
pub fn changes(read: Read, layer: &Layer, authored: (&[Event], &[Era])) -> (Vec<(Key, Item)>, ImportReport) {
    let Read { file, incoming, skipped, not_carried, .. } = read;
    let mut report = ImportReport { skipped, not_carried, ..ImportReport::default() };
    let mut changes = Vec::new();
    let now = now_unix_ms();
    match incoming {
        Incoming::Annotations(annotations) => {
            report.what = "annotations";
            let mine: std::collections::HashMap<(&str, &str), &Annotation> = layer
                .annotations
                .iter()
                .filter_map(|a| a.origin.as_deref().map(|o| ((o.file.as_str(), o.id.as_str()), a)))
                .collect();
            for mut a in annotations {
                let Some(origin) = a.origin.take() else {
                    // One of this layer's own, exported and brought back: it never overwrites
                    // the annotation here, and comes back if it was deleted.
                    if layer.annotations.get(&a.id).is_some() {
                        report.unchanged += 1;
                    } else {
                        report.added += 1;
                        changes.push((Key::Annotation(a.id.clone()), Item::Annotation(Box::new(a))));
                    }
                    continue;
                };
                let fields = annotation_fields(&a);
                match mine.get(&(origin.file.as_str(), origin.id.as_str())) {
                    Some(here) => {
                        let before = here.origin.as_ref().map(|o| o.imported.clone()).unwrap_or(Value::Null);
                        let (merged, changed, kept) = three_way(&annotation_fields(here), &fields, &before);
                        if !changed {
                            report.unchanged += 1;
                            continue;
                        }
                        for field in kept {
                            report
                                .not_carried
                                .push(format!("“{}”: its {field} as you edited it", here.target.quote.exact));
                        }
                        let mut updated = with_annotation_fields((*here).clone(), &merged);
                        updated.origin = Some(Box::new(Origin { imported: fields, ..*origin }));
                        updated.modified_unix_ms = now;
                        report.updated += 1;
                        changes.push((Key::Annotation(updated.id.clone()), Item::Annotation(Box::new(updated))));
                    }
                    None => {
                        a.id = format!("imp-{}", stable_hash(&[&origin.file, &origin.id]));
                        a.origin = Some(Box::new(Origin { imported: fields, ..*origin }));
                        report.added += 1;
                        changes.push((Key::Annotation(a.id.clone()), Item::Annotation(Box::new(a))));
                    }
                }
            }
        }
        Incoming::Timeline(timeline) => {
            report.what = "timeline events and eras";
            // Events without ids are known by their date and headline, and the second of two
            // alike by its place among them.
            let mut seen = std::collections::HashMap::new();
            for (n, event) in timeline.events.into_iter().enumerate() {
                let source_id = if event.id.is_empty() {
                    let key = format!("{}|{}", event.date.to_iso(), event.title);
                    let count = seen.entry(key.clone()).or_insert(0);
                    *count += 1;
                    if *count == 1 { key } else { format!("{key}#{count}") }
                } else {
                    event.id.clone()
                };
                if let Some((key, value)) =
                    event_change(event, source_id, &file, n, layer, authored.0, now, &mut report)
                {
                    changes.push((key, value));
                }
            }
            for era in timeline.eras {
                let exists = authored.1.iter().chain(layer.eras.iter().map(|e| &e.era)).any(|e| *e == era);
                if exists {
                    report.unchanged += 1;
                } else {
                    report.added += 1;
                    let id = format!("imp-era-{}", stable_hash(&[&file, &era.title, &era.start.to_iso()]));
                    let era =
                        LayerEra { id: id.clone(), era, hidden: false, created_unix_ms: now, modified_unix_ms: now };
                    changes.push((Key::Era(id), Item::Era(Box::new(era))));
                }
            }
            if let Some(title) = timeline.title.filter(|t| layer.timeline_title.as_ref() != Some(t)) {
                changes.push((Key::TimelineTitle, Item::TimelineTitle(title)));
            }
        }
    }
    (changes, report)
}

/// What one event of a timeline file changes: a new event, an update of one the same file
/// made, or nothing.
#[allow(clippy::too_many_arguments)]
fn event_change(
    event: Event,
    source_id: String,
    file: &str,
    n: usize,
    layer: &Layer,
    authored: &[Event],
    now: u64,
    report: &mut ImportReport,
) -> Option<(Key, Item)> {
    let same_content = |a: &Event, b: &Event| {
        (&a.date, &a.end, &a.title, &a.lane, &a.description) == (&b.date, &b.end, &b.title, &b.lane, &b.description)
    };
    let fields = event_fields(&event);
    let from_here =
        layer.events.iter().find(|e| e.origin.as_deref().is_some_and(|o| o.file == file && o.id == source_id));
    if let Some(here) = from_here {
        let before = here.origin.as_ref().map(|o| o.imported.clone()).unwrap_or(Value::Null);
        let (merged, changed, kept) = three_way(&event_fields(&here.event), &fields, &before);
        if !changed {
            report.unchanged += 1;
            return None;
        }
        for field in kept {
            report.not_carried.push(format!("event {} ({}): its {field} as you edited it", n + 1, here.event.title));
        }
        let mut origin = here.origin.clone().unwrap_or_else(|| Box::new(Origin::new(file, &source_id)));
        origin.imported = fields;
        let updated = LayerEvent {
            event: with_event_fields(&here.event, &merged),
            modified_unix_ms: now,
            origin: Some(origin),
            ..here.clone()
        };
        report.updated += 1;
        return Some((Key::Event(updated.event.id.clone()), Item::Event(Box::new(updated))));
    }
    // The case's own events, exported and brought back, change nothing.
    let own = authored.iter().chain(layer.events.iter().map(|e| &e.event)).find(|e| e.id == event.id);
    if own.is_some_and(|o| same_content(o, &event)) {
        report.unchanged += 1;
        return None;
    }
    let taken = |id: &str| layer.events.get(id).is_some() || authored.iter().any(|a| a.id == id);
    let id = if event.id.is_empty() || taken(&event.id) {
        let stem = if event.id.is_empty() { "tl" } else { event.id.as_str() };
        format!("{stem}-{}", &stable_hash(&[file, &source_id])[..8])
    } else {
        event.id.clone()
    };
    let mut origin = Origin::new(file, source_id);
    origin.imported = fields;
    let event = LayerEvent {
        event: Event { id: id.clone(), ..event },
        hidden: false,
        created_unix_ms: now,
        modified_unix_ms: now,
        origin: Some(Box::new(origin)),
    };
    report.added += 1;
    Some((Key::Event(id), Item::Event(Box::new(event))))
}

#[cfg(test)]
mod tests;
