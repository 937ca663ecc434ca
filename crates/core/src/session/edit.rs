//! Edits: every change a user can make to a layer, as data, and how the session turns each into
//! changes of items. Also imports and exports, which the command line shares.

use std::ops::Range;
use std::path::Path;

use super::{Change, Dialog, Effect, ImportKind, Notice, Selected, Session};
use crate::anchor::Selector;
use crate::formats::export::{self, Format, Sources};
use crate::formats::import::{self, ImportError, ImportReport};
use crate::layer::{Annotation, Answer, Color, Key, Value, new_id, now_unix_ms};
use crate::plan::{ClassRecord, Plan, Question};
use crate::shared::{LayerView, Results};
use crate::timeline::chronology::Source;
use crate::timeline::{Era, Event, LayerEra, LayerEvent};

/// A change a user asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Highlight a passage (a byte range of the text) in a colour, with tags; `note` opens its
    /// note.
    Annotate {
        range: Range<usize>,
        color: Color,
        note: bool,
        tags: Vec<String>,
        private: bool,
    },
    /// Replace an annotation with an edited version (same id).
    PutAnnotation(Annotation),
    DeleteAnnotation(String),
    /// Accept a fuzzy match: the annotation takes the passage it was found at.
    ConfirmAnnotation(String),
    /// Attach an annotation (an orphan, say) to another passage.
    ReattachAnnotation {
        id: String,
        range: Range<usize>,
    },
    RenameColor(Color, String),
    /// Save an event: a new one when its id is empty, else a change to the event with that id
    /// (an authored one is changed in the layer only).
    SaveEvent(Event),
    /// Delete an added event, or hide an authored one.
    DeleteEvent(String),
    /// Undo the layer's changes to an authored event.
    RestoreEvent(String),
    AnchorEvent {
        id: String,
        range: Range<usize>,
    },
    /// Make a suggestion an event, with this title.
    AcceptSuggestion {
        key: String,
        title: String,
    },
    DismissSuggestion(String),
    /// Save an era: new when `id` is None.
    SaveEra {
        id: Option<String>,
        era: Era,
    },
    /// Delete an added era, or hide an authored one.
    DeleteEra(String),
    /// Add an open question, in this segment of the plan.
    AddQuestion {
        segment: Option<String>,
    },
    /// Replace a question with an edited version (same id).
    PutQuestion(Question),
    DeleteQuestion(String),
    /// Move a question before another one (or to the end of a segment), into that segment.
    MoveQuestion {
        id: String,
        before: Option<String>,
        segment: Option<String>,
    },
    /// Link a question to a passage.
    LinkQuestion {
        id: String,
        range: Range<usize>,
    },
    SetPlan(Plan),
    /// A student's answer to a question, as typed.
    SetAnswer {
        question: String,
        text: String,
    },
    /// Save what the room answered in a live round (a new record, or the same round again).
    PutRecord(ClassRecord),
    DeleteRecord(String),
    Undo,
    Redo,
    /// Set the damaged or unknown layer file aside and start an empty one.
    StartFresh,
}

/// A selection without the white space at its ends: a drag often starts or ends in the space
/// between blocks. Empty when the range is not on character boundaries of the text.
pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(selected) = text.get(range.clone()) else { return range.start..range.start };
    let start = range.start + (selected.len() - selected.trim_start().len());
    start..start + selected.trim().len()
}

impl Session {
    /// A selector for a range of the text, trimmed; `None` when nothing is left.
    fn selector(&self, range: Range<usize>) -> Option<Selector> {
        let range = trim_range(self.text(), range);
        (!range.is_empty()).then(|| Selector::from_range(self.text(), &self.index, range))
    }

    fn put(&mut self, key: Key, value: Option<Value>, now_secs: f64) {
        let changes = Change::to(&self.layer, key, value).into_iter().collect();
        self.commit(changes, now_secs);
    }

    /// Applies an edit: the one way a layer changes. Returns what the shell should show.
    pub fn apply(&mut self, edit: Edit, now_secs: f64) -> Vec<Effect> {
        let now_ms = now_unix_ms();
        let mut effects = Vec::new();
        match edit {
            Edit::Undo => {
                if let Some(changes) = self.history.undo() {
                    self.apply_changes(&changes, now_secs);
                }
                return effects;
            }
            Edit::Redo => {
                if let Some(changes) = self.history.redo() {
                    self.apply_changes(&changes, now_secs);
                }
                return effects;
            }
            Edit::StartFresh => return vec![self.start_fresh(now_secs)],
            _ if !self.editable() => return effects,
            _ => {}
        }
        match edit {
            Edit::Annotate { range, color, note, tags, private } => {
                let Some(target) = self.selector(range) else { return effects };
                let annotation = Annotation { tags, private, ..Annotation::new(new_id(now_ms), target, color, now_ms) };
                effects.push(Effect::Select(Selected::Annotation { id: annotation.id.clone(), note }));
                self.put(
                    Key::Annotation(annotation.id.clone()),
                    Some(Value::Annotation(Box::new(annotation))),
                    now_secs,
                );
            }
            Edit::PutAnnotation(a) => {
                self.put(Key::Annotation(a.id.clone()), Some(Value::Annotation(Box::new(a))), now_secs)
            }
            Edit::DeleteAnnotation(id) => {
                self.put(Key::Annotation(id), None, now_secs);
                effects.push(Effect::Select(Selected::None));
            }
            Edit::ConfirmAnnotation(id) => {
                if let Some((a, range)) = self.annotation(&id).and_then(|(a, r)| Some((a.clone(), r.range.clone()?)))
                    && let Some(target) = self.selector(range)
                {
                    let a = Annotation { target, modified_unix_ms: now_ms, ..a };
                    self.put(Key::Annotation(id), Some(Value::Annotation(Box::new(a))), now_secs);
                }
            }
            Edit::ReattachAnnotation { id, range } => {
                if let (Some(a), Some(target)) = (self.layer.annotations.get(&id).cloned(), self.selector(range)) {
                    let a = Annotation { target, modified_unix_ms: now_ms, ..a };
                    self.put(Key::Annotation(id), Some(Value::Annotation(Box::new(a))), now_secs);
                }
            }
            Edit::RenameColor(color, name) => {
                let name = name.trim();
                let value =
                    (!name.is_empty() && name != color.default_name()).then(|| Value::ColorName(name.to_owned()));
                self.put(Key::ColorName(color), value, now_secs);
            }
            Edit::SaveEvent(event) => {
                let id = if event.id.is_empty() { new_id(now_ms) } else { event.id.clone() };
                self.put_event(Event { id: id.clone(), ..event }, false, now_secs);
                effects.push(Effect::Select(Selected::Event(Some(id))));
            }
            Edit::AnchorEvent { id, range } => {
                if let (Some(entry), Some(anchor)) = (self.chronology.get(&id).cloned(), self.selector(range)) {
                    self.put_event(Event { anchor: Some(anchor), ..entry.event }, false, now_secs);
                }
            }
            Edit::DeleteEvent(id) => {
                let Some(entry) = self.chronology.get(&id).cloned() else { return effects };
                if entry.source == Source::Added {
                    self.put(Key::Event(id), None, now_secs);
                } else {
                    // The case file is never rewritten: an authored event is hidden in the layer.
                    self.put_event(entry.event, true, now_secs);
                }
                effects.push(Effect::Select(Selected::Event(None)));
            }
            Edit::RestoreEvent(id) => self.put(Key::Event(id), None, now_secs),
            Edit::AcceptSuggestion { key, title } => {
                let Some(entry) = self.chronology.get(&key).filter(|e| e.is_suggestion()).cloned() else {
                    return effects;
                };
                let id = new_id(now_ms);
                self.put_event(Event { id: id.clone(), title, ..entry.event }, false, now_secs);
                effects.push(Effect::Select(Selected::Event(Some(id))));
            }
            Edit::DismissSuggestion(key) => {
                self.put(Key::Dismissed(key), Some(Value::Dismissed), now_secs);
                effects.push(Effect::Select(Selected::Event(None)));
            }
            Edit::SaveEra { id, era } => self.put_era(id.unwrap_or_else(|| new_id(now_ms)), era, false, now_secs),
            Edit::DeleteEra(id) => {
                let Some(entry) = self.chronology.eras.iter().find(|e| e.id == id).cloned() else { return effects };
                if entry.authored {
                    self.put_era(id, entry.era, true, now_secs);
                } else {
                    self.put(Key::Era(id), None, now_secs);
                }
            }
            Edit::AddQuestion { segment } => {
                let mut question = Question::new(new_id(now_ms), "", now_ms);
                question.segment = segment;
                effects.push(Effect::Select(Selected::Question(question.id.clone())));
                self.put(Key::Question(question.id.clone()), Some(Value::Question(Box::new(question))), now_secs);
            }
            Edit::PutQuestion(q) => self.put(Key::Question(q.id.clone()), Some(Value::Question(Box::new(q))), now_secs),
            Edit::DeleteQuestion(id) => {
                // The order first, so that undoing puts the question back in its place.
                let order: Vec<String> = self.layer.questions.ids().into_iter().filter(|q| *q != id).collect();
                let changes = [
                    Change::to(&self.layer, Key::QuestionOrder, Some(Value::QuestionOrder(order))),
                    Change::to(&self.layer, Key::Question(id), None),
                ];
                self.commit(changes.into_iter().flatten().collect(), now_secs);
            }
            Edit::MoveQuestion { id, before, segment } => self.move_question(&id, before.as_deref(), segment, now_secs),
            Edit::LinkQuestion { id, range } => {
                if let (Some(mut q), Some(passage)) = (self.layer.questions.get(&id).cloned(), self.selector(range)) {
                    q.passages.push(passage);
                    q.modified_unix_ms = now_ms;
                    self.put(Key::Question(id), Some(Value::Question(Box::new(q))), now_secs);
                }
            }
            Edit::SetPlan(plan) => self.put(Key::Plan, Some(Value::Plan(Box::new(plan))), now_secs),
            Edit::SetAnswer { question, text } => {
                let before = self.layer.answers.get(&question).map(|a| a.text.as_str());
                let after = Some(text).filter(|a| !a.trim().is_empty());
                if before != after.as_deref() {
                    let value = after.map(|text| Value::Answer(Answer { text, modified_unix_ms: now_ms }));
                    self.put(Key::Answer(question), value, now_secs);
                }
            }
            Edit::PutRecord(record) => {
                if self.layer.records.get(&record.id) != Some(&record) {
                    self.put(Key::Record(record.id.clone()), Some(Value::Record(Box::new(record))), now_secs);
                }
            }
            Edit::DeleteRecord(id) => self.put(Key::Record(id), None, now_secs),
            Edit::Undo | Edit::Redo | Edit::StartFresh => {}
        }
        effects
    }

    /// Adds or replaces an event in the layer, as one step; `hidden` hides an authored one.
    fn put_event(&mut self, event: Event, hidden: bool, now_secs: f64) {
        let now_ms = now_unix_ms();
        let before = self.layer.events.get(&event.id);
        if before.is_some_and(|b| b.event == event && b.hidden == hidden) {
            return;
        }
        let created_unix_ms = before.map_or(now_ms, |e| e.created_unix_ms);
        // An imported event edited here stays its file's, so a re-import keeps the edit.
        let origin = before.and_then(|e| e.origin.clone());
        let event = LayerEvent { event, hidden, created_unix_ms, modified_unix_ms: now_ms, origin };
        self.put(Key::Event(event.event.id.clone()), Some(Value::Event(Box::new(event))), now_secs);
    }

    fn put_era(&mut self, id: String, era: Era, hidden: bool, now_secs: f64) {
        let now_ms = now_unix_ms();
        let before = self.layer.eras.get(&id);
        if before.is_some_and(|b| b.era == era && b.hidden == hidden) {
            return;
        }
        let created_unix_ms = before.map_or(now_ms, |e| e.created_unix_ms);
        let era = LayerEra { id: id.clone(), era, hidden, created_unix_ms, modified_unix_ms: now_ms };
        self.put(Key::Era(id), Some(Value::Era(Box::new(era))), now_secs);
    }

    /// Moves question `id` before question `before` (or to the end of `segment`'s questions),
    /// into `segment`: one step.
    fn move_question(&mut self, id: &str, before: Option<&str>, segment: Option<String>, now_secs: f64) {
        let Some(mut moving) = self.layer.questions.get(id).cloned() else { return };
        let mut order: Vec<String> = self.layer.questions.ids().into_iter().filter(|q| q != id).collect();
        let segment_of = |qid: &str| self.layer.questions.get(qid).and_then(|q| q.segment.clone());
        let at = match before.and_then(|b| order.iter().position(|q| q == b)) {
            Some(i) => i,
            None => order.iter().rposition(|q| segment_of(q) == segment).map_or(order.len(), |i| i + 1),
        };
        order.insert(at, id.to_owned());
        let mut changes = Vec::new();
        if moving.segment != segment {
            moving.segment = segment;
            moving.modified_unix_ms = now_unix_ms();
            changes.extend(Change::to(
                &self.layer,
                Key::Question(id.to_owned()),
                Some(Value::Question(Box::new(moving))),
            ));
        }
        changes.extend(Change::to(&self.layer, Key::QuestionOrder, Some(Value::QuestionOrder(order))));
        self.commit(changes, now_secs);
    }

    /// Imports a W3C or Hypothesis annotation file or a TimelineJS document into this
    /// (instructor's) layer, as one undoable step. `private` marks the annotations private.
    /// Imported passages are found in this case's text, and their positions are rewritten as
    /// positions in it: a position from another document is only a hint.
    pub fn import(&mut self, file: &Path, private: bool, now_secs: f64) -> Result<ImportReport, ImportError> {
        let mut read = import::read(file, private)?;
        // Imported passages are capped as those read from a layer are, so what another tool
        // wrote costs no more to anchor than what Casebook wrote.
        if let import::Incoming::Annotations(annotations) = &mut read.incoming {
            annotations.iter_mut().for_each(|a| a.target.cap());
        }
        let authored = (self.case.front.events.as_slice(), self.case.front.eras.as_slice());
        let (values, report) = import::changes(read, &self.layer, authored);
        // A case's own timeline exported and brought back carries the case's title, which is
        // no change.
        let own_title = crate::timeline::TimelineTitle {
            headline: self.case.title(),
            text: self.case.front.meta.summary.clone().unwrap_or_default(),
            kept: serde_json::Map::new(),
        };
        let changes = values
            .into_iter()
            .filter(|(_, value)| !matches!(value, Value::TimelineTitle(t) if *t == own_title && self.layer.timeline_title.is_none()))
            .map(|(key, value)| match value {
                Value::Annotation(mut a) => {
                    a.target = self.placed(&a.target);
                    (key, Value::Annotation(a))
                }
                value => (key, value),
            })
            .filter_map(|(key, value)| Change::to(&self.layer, key, Some(value)))
            .collect();
        self.commit(changes, now_secs);
        Ok(report)
    }

    /// A selector from elsewhere as one of this text: where its quote is found word for word,
    /// its position here and its context; otherwise its quote and context with no position.
    fn placed(&self, target: &Selector) -> Selector {
        let found = self.resolve(target);
        match (found.status, found.range) {
            (crate::anchor::AnchorStatus::Exact | crate::anchor::AnchorStatus::Moved, Some(range)) => {
                Selector::from_range(self.text(), &self.index, range)
            }
            _ => Selector { quote: target.quote.clone(), position: None },
        }
    }

    /// Asks for the file to import into this layer, or says why it can't be.
    pub fn ask_import(&self, kind: ImportKind) -> Effect {
        if self.student.is_some() {
            return Effect::Notify(Notice::info(
                "Importing goes into the instructor's notes; switch the role to Instructor first.",
            ));
        }
        Effect::Ask(Dialog::Import(kind))
    }

    /// Imports the file the user chose and says how it went.
    pub fn import_chosen(&mut self, file: &Path, private: bool, now_secs: f64) -> Effect {
        match self.import(file, private, now_secs) {
            Ok(report) => Effect::Notify(Notice::info(format!("Imported {}", report.summary()))),
            Err(e) => Effect::Notify(Notice::error(format!("Could not import: {e}"))),
        }
    }

    /// What exports see of the layers: the instructor's (all of it, or what a student sees)
    /// and the notes of whoever exports.
    pub fn export_sources<'a>(&'a self, author: &'a str, results: Results) -> Sources<'a> {
        let instructor = match &self.student {
            Some(student) => LayerView::Shared(&student.shared),
            None => LayerView::Full(&self.layer),
        };
        Sources { case: &self.case, instructor, mine: &self.layer, author, results }
    }

    /// Asks where to write an export, or says why it can't be made here.
    pub fn ask_export(&self, format: Format) -> Effect {
        if self.student.is_some() && format.is_private() {
            return Effect::Notify(Notice::info(format!(
                "{} holds the instructor's private notes; switch the role to Instructor first.",
                format.label()
            )));
        }
        Effect::Ask(Dialog::Export { format, suggested: format.file_name(&self.case) })
    }

    /// Writes an export of what is in memory to the place the user chose; `replace` once they
    /// agreed to replace a file that is there.
    pub fn export_to(&self, format: Format, out: &Path, author: &str, results: Results, replace: bool) -> Effect {
        match export::write(format, self.export_sources(author, results), out, replace) {
            Ok(message) => Effect::Notify(Notice::info(message)),
            Err(e) => Effect::Notify(Notice::error(format!("Could not export: {e}"))),
        }
    }
}
