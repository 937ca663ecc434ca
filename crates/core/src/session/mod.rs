//! The editing session: the open case, the layer being edited, one undo history, the
//! revisions of what changed, and the save schedule. Every change to a layer goes through
//! [`Session::apply`] or [`Session::import`], whether it comes from the window, the command
//! line or, later, the room's phones. The session returns what the shell must do as
//! [`Effect`]s.

mod edit;
mod effect;
mod history;
mod save;
mod settings;
mod student;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use edit::Edit;
pub use effect::{Dialog, Effect, ImportKind, Notice, Selected, open_link};
pub use history::{COALESCE_SECS, Change};
pub use save::{SAVE_DELAY_SECS, SaveStatus, Waker};
pub use settings::{MAX_RECENT, Role, ScrollPos, Settings, ThemeChoice};
pub use student::Student;

use self::history::History;
use self::save::Saver;
use crate::anchor::{Resolved, TextIndex, resolve};
use crate::case::Case;
use crate::case::dates::mentions_in;
use crate::layer::store::{self, Loaded, StoreError};
use crate::layer::{Annotation, Key, Layer, Part, Value};
use crate::timeline::chronology::Chronology;
use crate::timeline::extract::Mention;
use crate::views::{Mark, Marks};

/// Revisions of the parts of a session, so views rebuild only what a change touched. Every
/// revision comes from one counter for the whole program: a case opened anew never reuses a
/// number a view has cached against.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Revisions {
    pub annotations: u64,
    /// Where the annotations are and their colours: what the highlights and the list of
    /// annotations are sorted by. A keystroke in a note leaves it as it is.
    pub anchors: u64,
    /// The chronology: the layer's timeline part, the case's events, the suggestions shown.
    pub timeline: u64,
    pub plan: u64,
    pub answers: u64,
}

fn next_revision() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static REVISION: AtomicU64 = AtomicU64::new(1);
    REVISION.fetch_add(1, Ordering::Relaxed)
}

impl Revisions {
    fn new() -> Self {
        let rev = next_revision();
        Self { annotations: rev, anchors: rev, timeline: rev, plan: rev, answers: rev }
    }

    fn bump(&mut self, part: Part) {
        let rev = next_revision();
        match part {
            Part::Annotations => self.annotations = rev,
            Part::Timeline => self.timeline = rev,
            Part::Plan => self.plan = rev,
            Part::Answers => self.answers = rev,
        }
    }
}

/// The open case and the layer being edited.
pub struct Session {
    case: Case,
    index: TextIndex,
    mentions: Vec<Mention>,
    /// The layer file as last read or written here.
    base: Loaded,
    layer: Layer,
    /// Why the layer can't be changed: its file is damaged or from a newer Casebook, and is
    /// kept as it is.
    problem: Option<String>,
    /// Where each annotation anchors, in the order of `layer.annotations`.
    resolved: Vec<Resolved>,
    marks: Marks,
    history: History,
    revisions: Revisions,
    chronology: Chronology,
    show_suggestions: bool,
    saver: Saver,
    /// When the layer file and `case.md` were last seen changed, to notice other programs.
    layer_modified: Option<SystemTime>,
    case_modified: Option<SystemTime>,
    last_poll_secs: f64,
    /// In student mode, what the student sees of the instructor's layer.
    student: Option<Student>,
}

/// When a file was last changed, if it exists.
pub fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl Session {
    /// Opens the layer of a case that `role` edits: the instructor's beside the case, or a
    /// student's own (always for a case pack). Effects say what the user should know.
    pub fn open(case: Case, role: Role, data_dir: &Path) -> (Self, Vec<Effect>) {
        let student_mode = role == Role::Student || crate::formats::pack::is_pack(&case.dir);
        let mut effects = Vec::new();
        let (path, student) = if student_mode {
            let (student, path, notices) = Student::open(&case, data_dir);
            effects.extend(notices.into_iter().map(Effect::Notify));
            (path, Some(student))
        } else {
            (store::instructor_path(&case.path), None)
        };
        (Self::open_at(case, path, student), effects)
    }

    /// The layer in the file at `path`.
    fn open_at(case: Case, path: PathBuf, student: Option<Student>) -> Self {
        let (base, problem) = match store::load(&path) {
            Ok(loaded) => (loaded, None),
            Err(e) => (Loaded { layer: Layer::default(), bytes: None }, Some(e.to_string())),
        };
        let mut session = Self {
            index: TextIndex::new(&case.doc.text),
            mentions: mentions_in(&case.doc),
            layer: base.layer.clone(),
            base,
            problem,
            resolved: Vec::new(),
            marks: Marks::default(),
            history: History::default(),
            revisions: Revisions::new(),
            chronology: Chronology::default(),
            show_suggestions: true,
            layer_modified: modified(&path),
            case_modified: modified(&case.path),
            saver: Saver::new(path),
            last_poll_secs: f64::NEG_INFINITY,
            student,
            case,
        };
        if let Some(student) = &mut session.student {
            student.anchor(&session.case, &session.index);
        }
        session.reanchor();
        session
    }

    /// Given a waker, saves finishing on the worker thread wake the caller.
    pub fn set_waker(&mut self, waker: Waker) {
        self.saver.set_waker(waker);
    }

    pub fn case(&self) -> &Case {
        &self.case
    }

    pub fn text(&self) -> &str {
        &self.case.doc.text
    }

    pub fn index(&self) -> &TextIndex {
        &self.index
    }

    /// The dates the text mentions, in order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    pub fn layer(&self) -> &Layer {
        &self.layer
    }

    pub fn layer_path(&self) -> &Path {
        &self.saver.path
    }

    pub fn revisions(&self) -> Revisions {
        self.revisions
    }

    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// The timeline as shown: authored, edited, added and suggested events.
    pub fn chronology(&self) -> &Chronology {
        &self.chronology
    }

    pub fn student(&self) -> Option<&Student> {
        self.student.as_ref()
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    pub fn editable(&self) -> bool {
        self.problem.is_none()
    }

    pub fn save_status(&self) -> &SaveStatus {
        &self.saver.status
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// An annotation and where it anchors.
    pub fn annotation(&self, id: &str) -> Option<(&Annotation, &Resolved)> {
        let i = self.layer.annotations.position(id)?;
        Some((&self.layer.annotations.as_slice()[i], self.resolved.get(i)?))
    }

    /// The annotations with where they anchor, in the layer's order.
    pub fn annotations(&self) -> impl Iterator<Item = (&Annotation, &Resolved)> {
        self.layer.annotations.iter().zip(&self.resolved)
    }

    /// Where a selector's passage is in the text now.
    pub fn resolve(&self, selector: &crate::anchor::Selector) -> Resolved {
        resolve(&self.case.doc.text, &self.index, selector)
    }

    /// Shows or hides the suggested events.
    pub fn set_show_suggestions(&mut self, show: bool) {
        if show != self.show_suggestions {
            self.show_suggestions = show;
            self.rebuild_chronology();
        }
    }

    /// Applies changes to the layer as one undoable step.
    fn commit(&mut self, changes: Vec<Change>, now_secs: f64) {
        if changes.is_empty() || !self.editable() {
            return;
        }
        self.apply_changes(&changes, now_secs);
        self.history.record(changes, now_secs);
    }

    /// Applies changes to the layer and to what is derived from it, part by part.
    fn apply_changes(&mut self, changes: &[Change], now_secs: f64) {
        let mut parts = Vec::new();
        for change in changes {
            self.set(&change.key, change.after.clone());
            if !parts.contains(&change.key.part()) {
                parts.push(change.key.part());
            }
        }
        let marks_moved = changes.iter().any(|c| c.key.part() == Part::Annotations && !only_words_changed(c));
        if marks_moved {
            self.rebuild_marks();
        } else {
            for change in changes {
                if let Some(Value::Annotation(a)) = &change.after {
                    self.marks.set_note(&a.id, &a.note);
                }
            }
        }
        for part in parts {
            self.revisions.bump(part);
            if part == Part::Timeline {
                self.rebuild_chronology();
            }
        }
        self.saver.changed(now_secs);
    }

    /// Sets one item, anchoring only that annotation again: typing in a note must not
    /// re-anchor ten thousand others at every key.
    fn set(&mut self, key: &Key, value: Option<Value>) {
        if let Key::Annotation(id) = key {
            let text = &self.case.doc.text;
            match (self.layer.annotations.position(id), &value) {
                (Some(i), Some(Value::Annotation(a))) if a.target != self.layer.annotations.as_slice()[i].target => {
                    self.resolved[i] = resolve(text, &self.index, &a.target);
                }
                (Some(i), None) => {
                    self.resolved.remove(i);
                }
                (None, Some(Value::Annotation(a))) => self.resolved.push(resolve(text, &self.index, &a.target)),
                _ => {}
            }
        }
        self.layer.set(key, value);
    }

    fn reanchor(&mut self) {
        let text = &self.case.doc.text;
        self.resolved = self.layer.annotations.iter().map(|a| resolve(text, &self.index, &a.target)).collect();
        self.rebuild_marks();
        self.rebuild_chronology();
        self.revisions = Revisions::new();
    }

    fn rebuild_marks(&mut self) {
        self.revisions.anchors = next_revision();
        self.marks =
            marks_of(self.layer.annotations.iter().map(|a| (a.id.as_str(), a.color, a.note.as_str())), &self.resolved);
    }

    fn rebuild_chronology(&mut self) {
        let authored = match &self.student {
            // A student's timeline shows the instructor's version of the case's events.
            Some(student) => (student.events.as_slice(), student.eras.as_slice()),
            None => (self.case.front.events.as_slice(), self.case.front.eras.as_slice()),
        };
        self.chronology = Chronology::new(
            authored,
            self.layer.timeline(),
            &self.case.doc.text,
            &self.index,
            &self.mentions,
            self.show_suggestions,
        );
        self.revisions.bump(Part::Timeline);
    }

    /// Takes in a finished save and starts the next one when due. Call it every frame (or
    /// when woken); time is the caller's clock in seconds.
    pub fn tick(&mut self, now_secs: f64) -> Vec<Effect> {
        let mut effects = Vec::new();
        // The finished save first: the next one starts from what it wrote.
        if let Some((result, sent)) = self.saver.finished() {
            match result {
                Ok(loaded) => {
                    self.adopt_saved(loaded, &sent);
                    effects.push(Effect::Saved);
                }
                Err(e) => log::warn!("{e}"),
            }
        }
        let editable = self.editable();
        let (base, layer) = (&self.base, &self.layer);
        let wait = self.saver.start_when_due(now_secs, editable, || (base.clone(), layer.clone()));
        effects.extend(wait.map(Effect::WakeAfter));
        effects
    }

    /// A save finished. The file may now also hold what another program added, merged in by
    /// the save; changes made here while it ran stay on top.
    fn adopt_saved(&mut self, loaded: Loaded, sent: &Layer) {
        if loaded.layer != *sent {
            self.layer = Layer::merge(sent, &self.layer, &loaded.layer);
            self.reanchor();
        }
        self.base = loaded;
        self.layer_modified = modified(&self.saver.path);
    }

    /// Saves at once, on this thread: for closing the case or the app, and for the command
    /// line.
    pub fn save_now(&mut self) -> Result<(), StoreError> {
        if let Some((result, sent)) = self.saver.wait()
            && let Ok(loaded) = result
        {
            self.adopt_saved(loaded, &sent);
        }
        if self.saver.is_dirty() && self.editable() {
            let sent = self.layer.clone();
            let loaded = store::save(&self.saver.path, &self.base, &sent)?;
            self.adopt_saved(loaded, &sent);
            self.saver.saved_now();
        }
        Ok(())
    }

    /// Looks, about once a second, for changes other programs made: to the layer file (another
    /// window, git, a sync tool), merged with those made here; and to `case.md`, which the
    /// shell then opens again and hands over with [`Session::replace_case`].
    pub fn poll_files(&mut self, now_secs: f64) -> Vec<Effect> {
        if now_secs - self.last_poll_secs < 1.0 {
            return Vec::new();
        }
        self.last_poll_secs = now_secs;
        let mut effects = vec![Effect::WakeAfter(1.0)];
        let now = modified(&self.saver.path);
        if now != self.layer_modified && !self.saver.is_saving() {
            self.layer_modified = now;
            match store::load(&self.saver.path) {
                Ok(theirs) => {
                    self.problem = None;
                    if theirs.bytes != self.base.bytes {
                        self.layer = Layer::merge(&self.base.layer, &self.layer, &theirs.layer);
                        self.base = theirs;
                        self.reanchor();
                    }
                }
                // The file was damaged or replaced by a newer Casebook meanwhile: stop changing
                // it. What is in memory stays, and "Start a fresh layer" can still save it.
                Err(e) => {
                    self.saver.fail(e.to_string());
                    self.problem = Some(e.to_string());
                }
            }
        }
        let case_now = modified(&self.case.path);
        if case_now.is_some() && case_now != self.case_modified {
            self.case_modified = case_now;
            effects.push(Effect::CaseChanged(self.case.path.clone()));
        }
        effects
    }

    /// The case's text changed on disk: anchor everything again in the new text. Undo history
    /// and unsaved changes carry over.
    pub fn replace_case(&mut self, case: Case) {
        self.index = TextIndex::new(&case.doc.text);
        self.mentions = mentions_in(&case.doc);
        self.case_modified = modified(&case.path);
        self.case = case;
        if let Some(student) = &mut self.student {
            student.anchor(&self.case, &self.index);
        }
        self.reanchor();
    }

    /// Sets the damaged file aside (a copy, byte for byte) and starts an empty layer that will
    /// replace it on the next save. The annotations in memory are kept and saved over it.
    fn start_fresh(&mut self, now_secs: f64) -> Effect {
        match store::keep_aside(&self.saver.path) {
            Ok((aside, bytes)) => {
                self.base = Loaded { layer: Layer::default(), bytes };
                self.problem = None;
                self.layer_modified = modified(&self.saver.path);
                self.saver.changed(now_secs);
                self.saver.status = SaveStatus::Unsaved;
                Effect::Notify(Notice::info(format!("The old notes file is kept as {}", aside.display())))
            }
            Err(e) => Effect::Notify(Notice::error(e.to_string())),
        }
    }
}

/// Whether a change to an annotation left its passage and colour as they were.
fn only_words_changed(change: &Change) -> bool {
    match (&change.before, &change.after) {
        (Some(Value::Annotation(a)), Some(Value::Annotation(b))) => a.target == b.target && a.color == b.color,
        (Some(Value::ColorName(_)), _) | (_, Some(Value::ColorName(_))) => true,
        _ => false,
    }
}

/// The highlights of annotations where they anchor; orphans have none.
fn marks_of<'a>(
    annotations: impl Iterator<Item = (&'a str, crate::layer::Color, &'a str)>,
    resolved: &[Resolved],
) -> Marks {
    Marks::new(
        annotations
            .zip(resolved)
            .filter_map(|((id, color, note), r)| {
                Some(Mark {
                    range: r.range.clone()?,
                    color,
                    id: id.to_owned(),
                    status: r.status,
                    note: note.to_owned(),
                })
            })
            .collect(),
    )
}
