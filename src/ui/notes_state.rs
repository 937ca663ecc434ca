//! The open case's instructor layer in the app: its annotations, where they anchor, undo, and
//! saving in the background.

use std::path::PathBuf;
use std::sync::mpsc;

use super::reader::marks::{Mark, Marks};
use crate::case::Case;
use crate::notes::store::{self, Loaded, StoreError};
use crate::notes::{Annotation, Color, Layer, Resolved, TextIndex, resolve};

/// Changes are saved this long after the last one, so typing a note is one save, not fifty.
const SAVE_DELAY_SECS: f64 = 0.8;
/// Edits of one annotation closer together than this undo as one step.
const COALESCE_SECS: f64 = 1.5;

/// One undoable change to the layer.
#[derive(Clone, Debug, PartialEq)]
enum Change {
    Annotation { id: String, before: Option<Box<Annotation>>, after: Option<Box<Annotation>>, at_secs: f64 },
    ColorName { color: Color, before: Option<String>, after: Option<String> },
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    Unsaved,
    Saving,
    Failed(String),
}

pub struct Notes {
    pub path: PathBuf,
    base: Loaded,
    pub layer: Layer,
    /// Where each annotation anchors, in the order of `layer.annotations`.
    pub resolved: Vec<Resolved>,
    pub marks: Marks,
    index: TextIndex,
    /// Why the layer can't be changed: its file is damaged or from a newer Casebook, and is
    /// kept as it is.
    pub problem: Option<String>,
    dirty: bool,
    last_change_secs: f64,
    saving: Option<mpsc::Receiver<Result<Loaded, StoreError>>>,
    pub status: SaveStatus,
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl Notes {
    pub fn open(case: &Case) -> Self {
        let path = store::instructor_path(&case.path);
        let (base, problem) = match store::load(&path) {
            Ok(loaded) => (loaded, None),
            Err(e) => (Loaded { layer: Layer::default(), bytes: None }, Some(e.to_string())),
        };
        let mut notes = Self {
            path,
            layer: base.layer.clone(),
            base,
            resolved: Vec::new(),
            marks: Marks::default(),
            index: TextIndex::new(&case.doc.text),
            problem,
            dirty: false,
            last_change_secs: 0.0,
            saving: None,
            status: SaveStatus::Saved,
            undo: Vec::new(),
            redo: Vec::new(),
        };
        notes.reanchor(&case.doc.text);
        notes
    }

    pub fn editable(&self) -> bool {
        self.problem.is_none()
    }

    /// The case's text changed: anchor everything again.
    pub fn text_changed(&mut self, text: &str) {
        self.index = TextIndex::new(text);
        self.reanchor(text);
    }

    fn reanchor(&mut self, text: &str) {
        self.resolved = self.layer.annotations.iter().map(|a| resolve(text, &self.index, &a.target)).collect();
        let marks = self
            .layer
            .annotations
            .iter()
            .zip(&self.resolved)
            .filter_map(|(a, r)| {
                Some(Mark {
                    range: r.range.clone()?,
                    color: a.color,
                    id: a.id.clone(),
                    status: r.status,
                    note: a.note.clone(),
                })
            })
            .collect();
        self.marks = Marks::new(marks);
    }

    pub fn index(&self) -> &TextIndex {
        &self.index
    }

    pub fn get(&self, id: &str) -> Option<(&Annotation, &Resolved)> {
        let i = self.layer.annotations.iter().position(|a| a.id == id)?;
        Some((&self.layer.annotations[i], self.resolved.get(i)?))
    }

    fn set_annotation(&mut self, id: &str, value: Option<Annotation>) {
        let at = self.layer.annotations.iter().position(|a| a.id == id);
        match (at, value) {
            (Some(i), Some(a)) => self.layer.annotations[i] = a,
            (Some(i), None) => {
                self.layer.annotations.remove(i);
            }
            (None, Some(a)) => self.layer.annotations.push(a),
            (None, None) => {}
        }
    }

    fn apply_change(&mut self, change: &Change, forward: bool) {
        match change {
            Change::Annotation { id, before, after, .. } => {
                let value = if forward { after } else { before };
                self.set_annotation(id, value.as_deref().cloned());
            }
            Change::ColorName { color, before, after } => {
                match if forward { after } else { before } {
                    Some(name) => self.layer.color_names.insert(*color, name.clone()),
                    None => self.layer.color_names.remove(color),
                };
            }
        }
    }

    fn record(&mut self, change: Change, text: &str, now_secs: f64) {
        self.apply_change(&change, true);
        // Typing in a note makes many edits of one annotation: they undo together, apart from
        // the step that created it.
        let merged = match (self.undo.last_mut(), &change) {
            (
                Some(Change::Annotation { id: last_id, before: Some(_), after: last_after, at_secs }),
                Change::Annotation { id, after, at_secs: now, before: Some(_) },
            ) if last_id == id && now - *at_secs < COALESCE_SECS && last_after.is_some() && after.is_some() => {
                last_after.clone_from(after);
                *at_secs = *now;
                true
            }
            _ => false,
        };
        if !merged {
            self.undo.push(change);
        }
        self.redo.clear();
        self.changed(text, now_secs);
    }

    fn changed(&mut self, text: &str, now_secs: f64) {
        self.dirty = true;
        self.last_change_secs = now_secs;
        self.status = SaveStatus::Unsaved;
        self.reanchor(text);
    }

    /// Adds or replaces an annotation (by id), as one undoable step.
    pub fn put(&mut self, annotation: Annotation, text: &str, now_secs: f64) {
        let before = self.layer.get(&annotation.id).cloned().map(Box::new);
        if before.as_deref() == Some(&annotation) || !self.editable() {
            return;
        }
        let id = annotation.id.clone();
        let change = Change::Annotation { id, before, after: Some(Box::new(annotation)), at_secs: now_secs };
        self.record(change, text, now_secs);
    }

    pub fn delete(&mut self, id: &str, text: &str, now_secs: f64) {
        let Some(before) = self.layer.get(id).cloned() else { return };
        if !self.editable() {
            return;
        }
        let before = Some(Box::new(before));
        let change = Change::Annotation { id: id.to_owned(), before, after: None, at_secs: now_secs };
        self.record(change, text, now_secs);
    }

    pub fn rename_color(&mut self, color: Color, name: String, text: &str, now_secs: f64) {
        let before = self.layer.color_names.get(&color).cloned();
        let after = Some(name).filter(|n| !n.trim().is_empty() && n != color.default_name());
        if before == after || !self.editable() {
            return;
        }
        self.record(Change::ColorName { color, before, after }, text, now_secs);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self, text: &str, now_secs: f64) {
        if let Some(change) = self.undo.pop() {
            self.apply_change(&change, false);
            self.redo.push(change);
            self.changed(text, now_secs);
        }
    }

    pub fn redo(&mut self, text: &str, now_secs: f64) {
        if let Some(change) = self.redo.pop() {
            self.apply_change(&change, true);
            self.undo.push(change);
            self.changed(text, now_secs);
        }
    }

    /// Starts a save when changes have rested a moment, and takes in the result of the last
    /// one. Saving runs on a worker thread; the file is written atomically.
    pub fn poll_save(&mut self, ctx: &egui::Context, now_secs: f64) {
        if let Some(rx) = &self.saving {
            match rx.try_recv() {
                Ok(Ok(loaded)) => {
                    self.saving = None;
                    self.base = loaded;
                    if !self.dirty {
                        self.status = SaveStatus::Saved;
                    }
                }
                Ok(Err(e)) => {
                    self.saving = None;
                    self.dirty = true;
                    self.status = SaveStatus::Failed(e.to_string());
                }
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.saving = None;
                    self.dirty = true;
                    self.status = SaveStatus::Failed("the save stopped unexpectedly".to_owned());
                }
            }
        }
        if !self.dirty || !self.editable() {
            return;
        }
        let wait = self.last_change_secs + SAVE_DELAY_SECS - now_secs;
        if wait > 0.0 {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            return;
        }
        if matches!(self.status, SaveStatus::Failed(_)) && now_secs - self.last_change_secs < 5.0 {
            // After a failure, try again every few seconds rather than every frame.
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
            return;
        }
        let (tx, rx) = mpsc::channel();
        let (path, base, layer, ctx) = (self.path.clone(), self.base.clone(), self.layer.clone(), ctx.clone());
        std::thread::spawn(move || {
            // The receiver is gone only when the case was closed; the save itself is done.
            let _ = tx.send(store::save(&path, &base, &layer));
            ctx.request_repaint();
        });
        self.saving = Some(rx);
        self.dirty = false;
        self.status = SaveStatus::Saving;
    }

    /// Saves at once, on this thread: for closing the case or the app.
    pub fn save_now(&mut self) -> Result<(), StoreError> {
        if let Some(rx) = self.saving.take()
            && let Ok(Ok(loaded)) = rx.recv()
        {
            self.base = loaded;
        }
        if self.dirty && self.editable() {
            self.base = store::save(&self.path, &self.base, &self.layer)?;
            self.dirty = false;
            self.status = SaveStatus::Saved;
        }
        Ok(())
    }

    /// Sets the damaged file aside (a copy, byte for byte) and starts an empty layer that will
    /// replace it on the next save. Returns where the copy is.
    pub fn start_fresh(&mut self, text: &str) -> Result<PathBuf, StoreError> {
        let aside = store::keep_aside(&self.path)?;
        let bytes = std::fs::read(&self.path).ok();
        self.base = Loaded { layer: Layer::default(), bytes };
        self.layer = Layer::default();
        self.problem = None;
        self.undo.clear();
        self.redo.clear();
        self.reanchor(text);
        Ok(aside)
    }
}
