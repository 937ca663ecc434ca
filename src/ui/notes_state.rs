//! The open case's instructor layer in the app: its annotations, where they anchor, undo, and
//! saving in the background.

use std::path::PathBuf;
use std::sync::mpsc;

use super::reader::marks::{Mark, Marks};
use crate::case::Case;
use crate::notes::layer::Answer;
use crate::notes::store::{self, Loaded, StoreError};
use crate::notes::{Annotation, Color, Layer, Resolved, TextIndex, resolve};
use crate::plan::{Plan, Question};
use crate::timeline::chronology::Chronology;
use crate::timeline::extract::{self, Mention};
use crate::timeline::{Era, Event, LayerEra, LayerEvent};

/// Changes are saved this long after the last one, so typing a note is one save, not fifty.
const SAVE_DELAY_SECS: f64 = 0.8;
/// Edits of one annotation closer together than this undo as one step.
const COALESCE_SECS: f64 = 1.5;

/// One undoable change to the layer.
#[derive(Clone, Debug, PartialEq)]
enum Change {
    Annotation {
        id: String,
        before: Option<Box<Annotation>>,
        after: Option<Box<Annotation>>,
    },
    ColorName {
        color: Color,
        before: Option<String>,
        after: Option<String>,
    },
    Event {
        id: String,
        before: Option<Box<LayerEvent>>,
        after: Option<Box<LayerEvent>>,
    },
    Era {
        id: String,
        before: Option<Box<LayerEra>>,
        after: Option<Box<LayerEra>>,
    },
    /// A suggestion dismissed (`dismissed`) or brought back.
    Dismiss {
        key: String,
        dismissed: bool,
    },
    Question {
        id: String,
        before: Option<Box<Question>>,
        after: Option<Box<Question>>,
    },
    /// The questions moved: a new order, and perhaps a new segment for one.
    Questions {
        before: Vec<Question>,
        after: Vec<Question>,
    },
    Plan {
        before: Box<Plan>,
        after: Box<Plan>,
    },
    Answer {
        id: String,
        before: Option<Answer>,
        after: Option<Answer>,
    },
}

impl Change {
    /// Folds `next` into this change when both edit the same thing (typing in a note or a
    /// question), so they undo as one step. False when they are different steps.
    fn absorb(&mut self, next: &Change) -> bool {
        match (self, next) {
            (
                Change::Annotation { id, before: Some(_), after: after @ Some(_) },
                Change::Annotation { id: next_id, before: Some(_), after: next_after @ Some(_) },
            ) if id == next_id => after.clone_from(next_after),
            (
                Change::Question { id, before: Some(_), after: after @ Some(_) },
                Change::Question { id: next_id, before: Some(_), after: next_after @ Some(_) },
            ) if id == next_id => after.clone_from(next_after),
            (Change::Plan { after, .. }, Change::Plan { after: next_after, .. }) => after.clone_from(next_after),
            (
                Change::Answer { id, before: Some(_), after: after @ Some(_) },
                Change::Answer { id: next_id, before: Some(_), after: next_after @ Some(_) },
            ) if id == next_id => after.clone_from(next_after),
            _ => return false,
        }
        true
    }
}

/// A change and when it was made, for folding quick edits together.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    change: Change,
    at_secs: f64,
}

/// Puts in, replaces or removes the item with `id` in a list.
fn set_item<T>(items: &mut Vec<T>, id: &str, value: Option<T>, id_of: impl Fn(&T) -> &str) {
    let at = items.iter().position(|x| id_of(x) == id);
    match (at, value) {
        (Some(i), Some(v)) => items[i] = v,
        (Some(i), None) => {
            items.remove(i);
        }
        (None, Some(v)) => items.push(v),
        (None, None) => {}
    }
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
    last_attempt_secs: f64,
    /// A save under way, and the layer it is writing.
    saving: Option<(mpsc::Receiver<Result<Loaded, StoreError>>, Layer)>,
    /// When the file was last written or read here, to notice changes made elsewhere.
    seen_modified: Option<std::time::SystemTime>,
    pub status: SaveStatus,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The case's own events and eras, from its front matter.
    authored: (Vec<Event>, Vec<Era>),
    /// The dates the text mentions, in order.
    pub mentions: Vec<Mention>,
    /// The timeline as shown: authored, edited, added and suggested events.
    pub chronology: Chronology,
    pub show_suggestions: bool,
    /// Counts changes to the chronology, so views can keep what they measured until it changes.
    pub chronology_rev: u64,
}

impl Notes {
    /// The instructor layer of a case.
    pub fn open(case: &Case) -> Self {
        Self::open_at(case, store::instructor_path(&case.path))
    }

    /// The layer in the file at `path` (a student's, for one).
    pub fn open_at(case: &Case, path: PathBuf) -> Self {
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
            last_attempt_secs: f64::NEG_INFINITY,
            saving: None,
            seen_modified: None,
            status: SaveStatus::Saved,
            undo: Vec::new(),
            redo: Vec::new(),
            authored: (case.front.events.clone(), case.front.eras.clone()),
            mentions: extract::mentions(&case.doc.text),
            chronology: Chronology::default(),
            show_suggestions: true,
            chronology_rev: 0,
        };
        notes.seen_modified = modified(&notes.path);
        notes.reanchor(&case.doc.text);
        notes
    }

    /// A save finished. The file may now also hold what another program added, merged in by
    /// the save; changes made here while it ran stay on top.
    fn adopt_saved(&mut self, loaded: Loaded, sent: &Layer, text: &str) {
        if loaded.layer != *sent {
            self.layer = Layer::merge(sent, &self.layer, &loaded.layer);
            self.reanchor(text);
        }
        self.base = loaded;
        self.seen_modified = modified(&self.path);
    }

    /// Takes in changes another program (another window, git, a sync tool) made to the file,
    /// merged with any made here. Checked about once a second by the app.
    pub fn poll_file(&mut self, text: &str) {
        let now = modified(&self.path);
        if now == self.seen_modified || self.saving.is_some() {
            return;
        }
        self.seen_modified = now;
        match store::load(&self.path) {
            Ok(theirs) => {
                self.problem = None;
                if theirs.bytes != self.base.bytes {
                    self.layer = Layer::merge(&self.base.layer, &self.layer, &theirs.layer);
                    self.base = theirs;
                    self.reanchor(text);
                }
            }
            // The file was damaged or replaced by a newer Casebook meanwhile: stop changing it.
            // What is in memory stays, and "Start a fresh layer" can still save it.
            Err(e) => {
                self.status = SaveStatus::Failed(e.to_string());
                self.problem = Some(e.to_string());
            }
        }
    }

    pub fn editable(&self) -> bool {
        self.problem.is_none()
    }

    /// The case changed on disk: anchor everything again.
    pub fn case_changed(&mut self, case: &Case) {
        let text = &case.doc.text;
        self.index = TextIndex::new(text);
        self.authored = (case.front.events.clone(), case.front.eras.clone());
        self.mentions = extract::mentions(text);
        self.reanchor(text);
    }

    fn reanchor(&mut self, text: &str) {
        self.resolved = self.layer.annotations.iter().map(|a| resolve(text, &self.index, &a.target)).collect();
        self.rebuild_marks();
        self.rebuild_chronology(text);
    }

    /// Replaces the events and eras shown as the case's own: in a student's timeline, the
    /// instructor's version of them.
    pub fn set_authored(&mut self, events: Vec<Event>, eras: Vec<Era>, text: &str) {
        self.authored = (events, eras);
        self.rebuild_chronology(text);
    }

    /// Shows or hides the suggested events.
    pub fn set_show_suggestions(&mut self, show: bool, text: &str) {
        if show != self.show_suggestions {
            self.show_suggestions = show;
            self.rebuild_chronology(text);
        }
    }

    fn rebuild_chronology(&mut self, text: &str) {
        // One counter for the whole app: a layer opened anew (after an import) must never reuse
        // a revision that views have cached against.
        static REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let authored = (self.authored.0.as_slice(), self.authored.1.as_slice());
        self.chronology =
            Chronology::new(authored, &self.layer, text, &self.index, &self.mentions, self.show_suggestions);
        self.chronology_rev = REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn rebuild_marks(&mut self) {
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

    /// Puts in, replaces or removes one annotation, anchoring only that one again: typing in
    /// a note must not re-anchor ten thousand others at every key.
    fn set_annotation(&mut self, id: &str, value: Option<Annotation>, text: &str) {
        let at = self.layer.annotations.iter().position(|a| a.id == id);
        match (at, value) {
            (Some(i), Some(a)) => {
                if a.target != self.layer.annotations[i].target {
                    self.resolved[i] = resolve(text, &self.index, &a.target);
                }
                self.layer.annotations[i] = a;
            }
            (Some(i), None) => {
                self.layer.annotations.remove(i);
                self.resolved.remove(i);
            }
            (None, Some(a)) => {
                self.resolved.push(resolve(text, &self.index, &a.target));
                self.layer.annotations.push(a);
            }
            (None, None) => {}
        }
    }

    fn apply_change(&mut self, change: &Change, forward: bool, text: &str) {
        match change {
            Change::Annotation { id, before, after, .. } => {
                let value = if forward { after } else { before };
                self.set_annotation(id, value.as_deref().cloned(), text);
            }
            Change::ColorName { color, before, after } => {
                match if forward { after } else { before } {
                    Some(name) => self.layer.color_names.insert(*color, name.clone()),
                    None => self.layer.color_names.remove(color),
                };
            }
            Change::Event { id, before, after } => {
                let value = if forward { after } else { before };
                set_item(&mut self.layer.events, id, value.as_deref().cloned(), |e| &e.event.id);
            }
            Change::Era { id, before, after } => {
                let value = if forward { after } else { before };
                set_item(&mut self.layer.eras, id, value.as_deref().cloned(), |e| &e.id);
            }
            Change::Question { id, before, after } => {
                let value = if forward { after } else { before };
                set_item(&mut self.layer.questions, id, value.as_deref().cloned(), |q| &q.id);
            }
            Change::Questions { before, after } => {
                self.layer.questions.clone_from(if forward { after } else { before });
            }
            Change::Plan { before, after } => {
                self.layer.plan = if forward { after } else { before }.as_ref().clone();
            }
            Change::Answer { id, before, after } => match if forward { after } else { before } {
                Some(answer) => {
                    self.layer.answers.insert(id.clone(), answer.clone());
                }
                None => {
                    self.layer.answers.remove(id);
                }
            },
            Change::Dismiss { key, dismissed } => {
                if *dismissed == forward {
                    self.layer.dismissed.insert(key.clone());
                } else {
                    self.layer.dismissed.remove(key);
                }
            }
        }
    }

    fn record(&mut self, change: Change, text: &str, now_secs: f64) {
        self.apply_change(&change, true, text);
        // Typing makes many edits of one thing: they undo together, apart from the step that
        // created it.
        let folded = self
            .undo
            .last_mut()
            .is_some_and(|last| now_secs - last.at_secs < COALESCE_SECS && last.change.absorb(&change));
        match self.undo.last_mut() {
            Some(last) if folded => last.at_secs = now_secs,
            _ => self.undo.push(Step { change, at_secs: now_secs }),
        }
        self.redo.clear();
        self.changed(now_secs, text);
    }

    fn changed(&mut self, now_secs: f64, text: &str) {
        self.dirty = true;
        self.last_change_secs = now_secs;
        self.status = SaveStatus::Unsaved;
        self.rebuild_marks();
        self.rebuild_chronology(text);
    }

    /// Adds or replaces an annotation (by id), as one undoable step.
    pub fn put(&mut self, annotation: Annotation, text: &str, now_secs: f64) {
        let before = self.layer.get(&annotation.id).cloned().map(Box::new);
        if before.as_deref() == Some(&annotation) || !self.editable() {
            return;
        }
        let id = annotation.id.clone();
        let change = Change::Annotation { id, before, after: Some(Box::new(annotation)) };
        self.record(change, text, now_secs);
    }

    pub fn delete(&mut self, id: &str, text: &str, now_secs: f64) {
        let Some(before) = self.layer.get(id).cloned() else { return };
        if !self.editable() {
            return;
        }
        let before = Some(Box::new(before));
        let change = Change::Annotation { id: id.to_owned(), before, after: None };
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

    /// Adds or replaces a timeline event in the layer (`hidden` hides an authored one), as one
    /// undoable step, stamped with now and keeping when it was first made.
    pub fn put_event(&mut self, event: Event, hidden: bool, text: &str, now_secs: f64) {
        let now_ms = crate::notes::layer::now_unix_ms();
        let created_unix_ms = self.layer.event(&event.id).map_or(now_ms, |e| e.created_unix_ms);
        let event = LayerEvent { event, hidden, created_unix_ms, modified_unix_ms: now_ms };
        let before = self.layer.event(&event.event.id).cloned().map(Box::new);
        let same = before.as_deref().is_some_and(|b| b.event == event.event && b.hidden == event.hidden);
        if same || !self.editable() {
            return;
        }
        let id = event.event.id.clone();
        self.record(Change::Event { id, before, after: Some(Box::new(event)) }, text, now_secs);
    }

    /// Takes an event out of the layer: an added one is gone, an edited authored one is back
    /// as written.
    pub fn remove_event(&mut self, id: &str, text: &str, now_secs: f64) {
        let Some(before) = self.layer.event(id).cloned() else { return };
        if self.editable() {
            self.record(
                Change::Event { id: id.to_owned(), before: Some(Box::new(before)), after: None },
                text,
                now_secs,
            );
        }
    }

    /// Adds or replaces an era, as `put_event` does an event.
    pub fn put_era(&mut self, id: String, era: Era, hidden: bool, text: &str, now_secs: f64) {
        let now_ms = crate::notes::layer::now_unix_ms();
        let created_unix_ms = self.layer.era(&id).map_or(now_ms, |e| e.created_unix_ms);
        let era = LayerEra { id, era, hidden, created_unix_ms, modified_unix_ms: now_ms };
        let before = self.layer.era(&era.id).cloned().map(Box::new);
        let same = before.as_deref().is_some_and(|b| b.era == era.era && b.hidden == era.hidden);
        if same || !self.editable() {
            return;
        }
        let id = era.id.clone();
        self.record(Change::Era { id, before, after: Some(Box::new(era)) }, text, now_secs);
    }

    pub fn remove_era(&mut self, id: &str, text: &str, now_secs: f64) {
        let Some(before) = self.layer.era(id).cloned() else { return };
        if self.editable() {
            self.record(Change::Era { id: id.to_owned(), before: Some(Box::new(before)), after: None }, text, now_secs);
        }
    }

    /// Dismisses a suggested event, or brings a dismissed one back.
    pub fn set_dismissed(&mut self, key: &str, dismissed: bool, text: &str, now_secs: f64) {
        if self.layer.dismissed.contains(key) != dismissed && self.editable() {
            self.record(Change::Dismiss { key: key.to_owned(), dismissed }, text, now_secs);
        }
    }

    /// Adds or replaces a question, as one undoable step (quick edits fold together).
    pub fn put_question(&mut self, question: Question, text: &str, now_secs: f64) {
        let before = self.layer.question(&question.id).cloned().map(Box::new);
        if before.as_deref() == Some(&question) || !self.editable() {
            return;
        }
        let id = question.id.clone();
        self.record(Change::Question { id, before, after: Some(Box::new(question)) }, text, now_secs);
    }

    /// Deletes a question; undo puts it back in its place.
    pub fn remove_question(&mut self, id: &str, text: &str, now_secs: f64) {
        if self.layer.question(id).is_none() || !self.editable() {
            return;
        }
        let before = self.layer.questions.clone();
        let after = before.iter().filter(|q| q.id != id).cloned().collect();
        self.record(Change::Questions { before, after }, text, now_secs);
    }

    /// Moves question `id` before question `before` (or to the end of `segment`'s questions),
    /// into `segment`: one undoable step.
    pub fn move_question(
        &mut self,
        id: &str,
        before: Option<&str>,
        segment: Option<String>,
        text: &str,
        now_secs: f64,
    ) {
        let old = self.layer.questions.clone();
        let mut questions = old.clone();
        let Some(from) = questions.iter().position(|q| q.id == id) else { return };
        let mut moving = questions.remove(from);
        if moving.segment != segment {
            moving.segment = segment;
            moving.modified_unix_ms = crate::notes::layer::now_unix_ms();
        }
        let at = match before.and_then(|b| questions.iter().position(|q| q.id == b)) {
            Some(i) => i,
            None => questions.iter().rposition(|q| q.segment == moving.segment).map_or(questions.len(), |i| i + 1),
        };
        questions.insert(at, moving);
        if questions != old && self.editable() {
            self.record(Change::Questions { before: old, after: questions }, text, now_secs);
        }
    }

    /// Sets the answer to a question (none when emptied), as one undoable step; typing folds.
    pub fn set_answer(&mut self, id: &str, answer: String, text: &str, now_secs: f64) {
        let before = self.layer.answers.get(id).cloned();
        let after = Some(answer)
            .filter(|a| !a.trim().is_empty())
            .map(|text| Answer { text, modified_unix_ms: crate::notes::layer::now_unix_ms() });
        if before.as_ref().map(|a| &a.text) != after.as_ref().map(|a| &a.text) && self.editable() {
            self.record(Change::Answer { id: id.to_owned(), before, after }, text, now_secs);
        }
    }

    pub fn set_plan(&mut self, plan: Plan, text: &str, now_secs: f64) {
        if plan != self.layer.plan && self.editable() {
            let change = Change::Plan { before: Box::new(self.layer.plan.clone()), after: Box::new(plan) };
            self.record(change, text, now_secs);
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self, text: &str, now_secs: f64) {
        if let Some(step) = self.undo.pop() {
            self.apply_change(&step.change, false, text);
            self.redo.push(step);
            self.changed(now_secs, text);
        }
    }

    pub fn redo(&mut self, text: &str, now_secs: f64) {
        if let Some(step) = self.redo.pop() {
            self.apply_change(&step.change, true, text);
            self.undo.push(step);
            self.changed(now_secs, text);
        }
    }

    /// Starts a save when changes have rested a moment, and takes in the result of the last
    /// one. Saving runs on a worker thread; the file is written atomically.
    pub fn poll_save(&mut self, ctx: &egui::Context, text: &str, now_secs: f64) {
        if let Some((rx, sent)) = &self.saving {
            match rx.try_recv() {
                Ok(Ok(loaded)) => {
                    let sent = sent.clone();
                    self.saving = None;
                    self.adopt_saved(loaded, &sent, text);
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
        if matches!(self.status, SaveStatus::Failed(_)) && now_secs - self.last_attempt_secs < 5.0 {
            // After a failure, try again every few seconds rather than every frame.
            ctx.request_repaint_after(std::time::Duration::from_secs(1));
            return;
        }
        let (tx, rx) = mpsc::channel();
        self.last_attempt_secs = now_secs;
        let (path, base, layer, ctx) = (self.path.clone(), self.base.clone(), self.layer.clone(), ctx.clone());
        self.saving = Some((rx, self.layer.clone()));
        std::thread::spawn(move || {
            // The receiver is gone only when the case was closed; the save itself is done.
            let _ = tx.send(store::save(&path, &base, &layer));
            ctx.request_repaint();
        });
        self.dirty = false;
        self.status = SaveStatus::Saving;
    }

    /// Saves at once, on this thread: for closing the case or the app.
    pub fn save_now(&mut self, text: &str) -> Result<(), StoreError> {
        if let Some((rx, sent)) = self.saving.take() {
            match rx.recv() {
                Ok(Ok(loaded)) => {
                    self.adopt_saved(loaded, &sent, text);
                    if !self.dirty {
                        self.status = SaveStatus::Saved;
                    }
                }
                // The save below tries again and reports the problem.
                Ok(Err(_)) | Err(_) => self.dirty = true,
            }
        }
        if self.dirty && self.editable() {
            let sent = self.layer.clone();
            let loaded = store::save(&self.path, &self.base, &sent)?;
            self.adopt_saved(loaded, &sent, text);
            self.dirty = false;
            self.status = SaveStatus::Saved;
        }
        Ok(())
    }

    /// Sets the damaged file aside (a copy, byte for byte) and starts an empty layer that will
    /// replace it on the next save. Returns where the copy is.
    /// The annotations in memory are kept and saved over the damaged file.
    pub fn start_fresh(&mut self, text: &str, now_secs: f64) -> Result<PathBuf, StoreError> {
        let (aside, bytes) = store::keep_aside(&self.path)?;
        self.base = Loaded { layer: Layer::default(), bytes };
        self.problem = None;
        self.status = SaveStatus::Unsaved;
        self.seen_modified = modified(&self.path);
        self.changed(now_secs, text);
        Ok(aside)
    }
}

/// When a file was last changed, if it exists.
pub fn modified(path: &std::path::Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::Selector;

    /// A case of `text` in a temporary folder, which lives as long as the returned guard.
    fn case_with(text: &str) -> (tempfile::TempDir, Case) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("case.md");
        std::fs::write(&file, text).unwrap();
        let case = crate::case::load(&file).unwrap();
        (dir, case)
    }

    fn annotation(id: &str, notes: &Notes, text: &str, quote: &str) -> Annotation {
        let start = text.find(quote).unwrap();
        Annotation::new(id, Selector::from_range(text, notes.index(), start..start + quote.len()), Color::Actor, 1)
    }

    #[test]
    fn two_windows_keep_each_others_annotations() {
        let (_dir, case) = case_with("# Votes\n\nChina and Russia voted no. Thirteen voted yes.\n");
        let text = &case.doc.text;
        let mut first = Notes::open(&case);
        let mut second = Notes::open(&case);
        let a = annotation("a", &first, text, "China and Russia");
        first.put(a, text, 0.0);
        first.save_now(text).unwrap();
        let b = annotation("b", &second, text, "Thirteen voted yes");
        second.put(b, text, 0.0);
        second.save_now(text).unwrap();
        assert_eq!(second.layer.annotations.len(), 2, "the second window now shows the first's too");
        let c = annotation("c", &second, text, "voted no");
        second.put(c, text, 1.0);
        second.save_now(text).unwrap();
        let on_disk = store::load(&second.path).unwrap().layer;
        let mut ids: Vec<&str> = on_disk.annotations.iter().map(|a| a.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["a", "b", "c"], "nothing is lost by saving again");
        first.poll_file(text);
        assert_eq!(first.layer.annotations.len(), 3, "the first window takes in the file's changes");
    }

    #[test]
    fn a_file_damaged_meanwhile_stops_edits_and_a_fresh_layer_keeps_them() {
        let (_dir, case) = case_with("Text to mark up.\n");
        let text = &case.doc.text;
        let mut notes = Notes::open(&case);
        let a = annotation("a", &notes, text, "mark up");
        notes.put(a, text, 0.0);
        notes.save_now(text).unwrap();
        let damaged = b"<<<<<<< HEAD\n{}\n=======\n";
        std::fs::write(&notes.path, damaged).unwrap();
        // A change of modification time is what the app watches for.
        notes.seen_modified = None;
        notes.poll_file(text);
        assert!(!notes.editable(), "a damaged file makes the layer read-only");
        assert_eq!(notes.layer.annotations.len(), 1, "what is in memory stays");
        assert!(notes.save_now(text).is_ok(), "nothing to save while read-only");
        assert_eq!(std::fs::read(&notes.path).unwrap(), damaged, "the damaged file is not overwritten");
        let aside = notes.start_fresh(text, 1.0).unwrap();
        assert_eq!(std::fs::read(&aside).unwrap(), damaged);
        notes.save_now(text).unwrap();
        assert_eq!(store::load(&notes.path).unwrap().layer.annotations.len(), 1, "the annotations survive");
    }

    #[test]
    fn undoing_a_deleted_question_puts_it_back_in_its_place() {
        let (_dir, case) = case_with("Text.\n");
        let text = &case.doc.text;
        let mut notes = Notes::open(&case);
        for id in ["q1", "q2", "q3"] {
            notes.put_question(Question::new(id, id, 1), text, 0.0);
        }
        notes.remove_question("q2", text, 10.0);
        assert_eq!(notes.layer.questions.len(), 2);
        notes.undo(text, 11.0);
        let ids: Vec<&str> = notes.layer.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["q1", "q2", "q3"]);
    }

    #[test]
    fn undo_and_redo_walk_the_changes() {
        let (_dir, case) = case_with("Text to mark up.\n");
        let text = &case.doc.text;
        let mut notes = Notes::open(&case);
        let a = annotation("a", &notes, text, "mark up");
        notes.put(a.clone(), text, 0.0);
        notes.put(Annotation { note: "one".into(), ..a.clone() }, text, 5.0);
        notes.put(Annotation { note: "one two".into(), ..a.clone() }, text, 5.5);
        notes.rename_color(Color::Actor, "Person".into(), text, 9.0);
        notes.undo(text, 10.0);
        assert_eq!(notes.layer.color_name(Color::Actor), "Actor");
        notes.undo(text, 10.0);
        assert_eq!(notes.layer.annotations[0].note, "", "typing within a moment undoes as one");
        notes.undo(text, 10.0);
        assert!(notes.layer.annotations.is_empty());
        notes.redo(text, 10.0);
        notes.redo(text, 10.0);
        assert_eq!(notes.layer.annotations[0].note, "one two");
        assert_eq!(notes.marks.len(), 1);
    }
}
