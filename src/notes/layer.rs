//! Annotations and the layer that holds them: the instructor's (or a student's) marks on one
//! case, saved as versioned JSON beside it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::anchor::Selector;
use crate::plan::{Plan, Question};
use crate::timeline::timelinejs::Slide;
use crate::timeline::{LayerEra, LayerEvent};

/// The layer format written by this version. Older versions are migrated on load; a newer one
/// is refused, never overwritten.
///
/// Version 2 added the timeline (`events`, `eras`, `dismissed`, `timeline_title`) and teaching
/// (`questions`, `plan`). A version 1 file reads as a version 2 layer with none of them.
pub const FORMAT_VERSION: u32 = 2;
pub const FORMAT_NAME: &str = "casebook-layer";

/// Highlight colours carry meanings, so a glance at the margin says what was marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Color {
    KeyFact,
    Actor,
    TurningPoint,
    Evidence,
    Question,
}

impl Color {
    pub const ALL: [Self; 5] = [Self::KeyFact, Self::Actor, Self::TurningPoint, Self::Evidence, Self::Question];

    /// The name shown until the user renames the colour.
    pub fn default_name(self) -> &'static str {
        match self {
            Self::KeyFact => "Key fact",
            Self::Actor => "Actor",
            Self::TurningPoint => "Turning point",
            Self::Evidence => "Evidence",
            Self::Question => "Question",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Unique within the layer and stable forever: merges and W3C ids rely on it.
    pub id: String,
    pub target: Selector,
    pub color: Color,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Instructor-private: never shown to students or on the projector.
    #[serde(default)]
    pub private: bool,
    pub created_unix_ms: u64,
    pub modified_unix_ms: u64,
}

impl Annotation {
    /// A highlight with no note, tags or privacy yet, made at `now_unix_ms`.
    pub fn new(id: impl Into<String>, target: Selector, color: Color, now_unix_ms: u64) -> Self {
        Self {
            id: id.into(),
            target,
            color,
            note: String::new(),
            tags: Vec::new(),
            private: false,
            created_unix_ms: now_unix_ms,
            modified_unix_ms: now_unix_ms,
        }
    }
}

/// One person's marks on one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    pub format: String,
    pub version: u32,
    /// The user's names for the highlight colours, where renamed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub color_names: BTreeMap<Color, String>,
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Timeline events added here, and changes to the authored ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<LayerEvent>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<LayerEra>,
    /// Suggested events the user dismissed, by their key (the date as written in files).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub dismissed: BTreeSet<String>,
    /// The title slide of an imported TimelineJS document, written back on export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline_title: Option<Slide>,
    /// Discussion questions, in the order they are asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    #[serde(default, skip_serializing_if = "Plan::is_empty")]
    pub plan: Plan,
    /// A student's answers to the instructor's questions, by question id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
}

/// A student's answer to one question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Markdown.
    pub text: String,
    pub modified_unix_ms: u64,
}

impl Default for Layer {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            color_names: BTreeMap::new(),
            annotations: Vec::new(),
            events: Vec::new(),
            eras: Vec::new(),
            dismissed: BTreeSet::new(),
            timeline_title: None,
            questions: Vec::new(),
            plan: Plan::default(),
            answers: BTreeMap::new(),
        }
    }
}

/// What a merge needs of a layer's items: a stable id and when it was last changed.
trait Stamped: Clone + PartialEq {
    fn id(&self) -> &str;
    fn modified_unix_ms(&self) -> u64;
}

impl Stamped for Annotation {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

impl Stamped for LayerEvent {
    fn id(&self) -> &str {
        &self.event.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

impl Stamped for Question {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

impl Stamped for LayerEra {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

/// Merges one list of items by id; see [`Layer::merge`].
fn merge_items<T: Stamped>(base: &[T], ours: &[T], merged: &mut Vec<T>) {
    let find = |items: &[T], id: &str| items.iter().position(|x| x.id() == id);
    for a in ours {
        let in_base = find(base, a.id()).map(|i| &base[i]);
        if in_base == Some(a) {
            continue;
        }
        match find(merged, a.id()) {
            Some(i) if merged[i].modified_unix_ms() > a.modified_unix_ms() && in_base != Some(&merged[i]) => {}
            Some(i) => merged[i] = a.clone(),
            None => merged.push(a.clone()),
        }
    }
    for b in base {
        if find(ours, b.id()).is_none() {
            merged.retain(|t| t.id() != b.id() || t != b);
        }
    }
}

impl Layer {
    pub fn color_name(&self, color: Color) -> &str {
        self.color_names.get(&color).map_or(color.default_name(), String::as_str)
    }

    pub fn get(&self, id: &str) -> Option<&Annotation> {
        self.annotations.iter().find(|a| a.id == id)
    }

    pub fn event(&self, id: &str) -> Option<&LayerEvent> {
        self.events.iter().find(|e| e.event.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn era(&self, id: &str) -> Option<&LayerEra> {
        self.eras.iter().find(|e| e.id == id)
    }

    /// The layer as saved: pretty JSON, items in a stable order, so diffs read well.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.version = FORMAT_VERSION;
        sorted.annotations.sort_by(|a, b| {
            let pos = |x: &Annotation| x.target.position.map_or(usize::MAX, |p| p.start);
            pos(a).cmp(&pos(b)).then_with(|| a.id.cmp(&b.id))
        });
        let mut json = serde_json::to_string_pretty(&sorted).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Combines a change made here with the file as someone else left it, item by item (by id),
    /// and the plan as a whole (a change here wins).
    /// `base` is the file as this app last read or wrote it; `ours` and `theirs` started from
    /// it. What only one side changed is kept; where both changed one annotation, the later
    /// edit wins; an annotation deleted on one side stays deleted unless the other side edited
    /// it meanwhile.
    pub fn merge(base: &Layer, ours: &Layer, theirs: &Layer) -> Layer {
        let mut merged = theirs.clone();
        for color in Color::ALL {
            let mine = ours.color_names.get(&color);
            if mine != base.color_names.get(&color) {
                match mine {
                    Some(name) => merged.color_names.insert(color, name.clone()),
                    None => merged.color_names.remove(&color),
                };
            }
        }
        merge_items(&base.annotations, &ours.annotations, &mut merged.annotations);
        merge_items(&base.events, &ours.events, &mut merged.events);
        merge_items(&base.eras, &ours.eras, &mut merged.eras);
        for key in ours.dismissed.difference(&base.dismissed) {
            merged.dismissed.insert(key.clone());
        }
        for key in base.dismissed.difference(&ours.dismissed) {
            merged.dismissed.remove(key);
        }
        if ours.timeline_title != base.timeline_title {
            merged.timeline_title.clone_from(&ours.timeline_title);
        }
        merge_items(&base.questions, &ours.questions, &mut merged.questions);
        // Only a change in the order of the questions both sides had counts as a reordering here;
        // adding or deleting one does not.
        let common = |l: &Layer| {
            l.questions
                .iter()
                .filter(|q| base.question(&q.id).is_some() && ours.question(&q.id).is_some())
                .map(|q| q.id.clone())
                .collect::<Vec<_>>()
        };
        if common(ours) != common(base) {
            // A reordering here stands; questions only the other side has keep their place at the end.
            let rank = |id: &str| ours.questions.iter().position(|q| q.id == id).unwrap_or(usize::MAX);
            merged.questions.sort_by_key(|q| rank(&q.id));
        }
        if ours.plan != base.plan {
            merged.plan = ours.plan.clone();
        }
        for (id, answer) in &ours.answers {
            let before = base.answers.get(id);
            let there = merged.answers.get(id);
            let newer_there = there.is_some_and(|t| Some(t) != before && t.modified_unix_ms > answer.modified_unix_ms);
            if before != Some(answer) && !newer_there {
                merged.answers.insert(id.clone(), answer.clone());
            }
        }
        for (id, answer) in &base.answers {
            if !ours.answers.contains_key(id) && merged.answers.get(id) == Some(answer) {
                merged.answers.remove(id);
            }
        }
        merged
    }
}

/// A new id, unique in practice: time and a counter, so ids sort by creation.
pub fn new_id(now_unix_ms: u64) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("a-{now_unix_ms:x}-{:x}-{n:x}", std::process::id())
}

pub fn now_unix_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::anchor::TextQuote;

    pub fn annotation(id: &str, note: &str, modified: u64) -> Annotation {
        Annotation {
            id: id.into(),
            target: Selector {
                quote: TextQuote { exact: format!("quote {id}"), ..Default::default() },
                position: None,
            },
            color: Color::KeyFact,
            note: note.into(),
            tags: Vec::new(),
            private: false,
            created_unix_ms: 1,
            modified_unix_ms: modified,
        }
    }

    fn layer(annotations: Vec<Annotation>) -> Layer {
        Layer { annotations, ..Layer::default() }
    }

    #[test]
    fn merge_keeps_both_sides_additions() {
        let base = layer(vec![annotation("a", "", 1)]);
        let ours = layer(vec![annotation("a", "", 1), annotation("b", "ours", 2)]);
        let theirs = layer(vec![annotation("a", "", 1), annotation("c", "theirs", 3)]);
        let merged = Layer::merge(&base, &ours, &theirs);
        let mut ids: Vec<&str> = merged.annotations.iter().map(|a| a.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn merge_later_edit_wins_and_deletes_stick() {
        let base = layer(vec![annotation("a", "old", 1), annotation("d", "doomed", 1)]);
        let ours = layer(vec![annotation("a", "ours", 5)]);
        let theirs = layer(vec![annotation("a", "theirs", 9), annotation("d", "doomed", 1)]);
        let merged = Layer::merge(&base, &ours, &theirs);
        assert_eq!(merged.annotations.len(), 1, "d was deleted here and untouched there");
        assert_eq!(merged.annotations[0].note, "theirs");
        let theirs_edit_d = layer(vec![annotation("a", "old", 1), annotation("d", "kept", 7)]);
        let merged = Layer::merge(&base, &ours, &theirs_edit_d);
        assert!(merged.get("d").is_some(), "an edit there outlives a delete here");
        assert_eq!(merged.get("a").unwrap().note, "ours");
    }

    #[test]
    fn merge_keeps_a_colour_name_reset_here() {
        let mut base = layer(vec![]);
        base.color_names.insert(Color::Actor, "Person".into());
        let ours = layer(vec![]);
        let mut theirs = base.clone();
        theirs.color_names.insert(Color::Evidence, "Source".into());
        let merged = Layer::merge(&base, &ours, &theirs);
        assert_eq!(merged.color_name(Color::Actor), "Actor", "the reset stands");
        assert_eq!(merged.color_name(Color::Evidence), "Source", "their rename stays");
    }

    fn layer_event(id: &str, title: &str, modified: u64) -> LayerEvent {
        let date = crate::timeline::PartialDate::ymd(2022, 5, 26);
        LayerEvent {
            event: crate::timeline::Event::new(id, date, title),
            hidden: false,
            created_unix_ms: 1,
            modified_unix_ms: modified,
        }
    }

    #[test]
    fn merge_takes_events_and_dismissals_from_both_sides() {
        let mut base = layer(vec![]);
        base.events.push(layer_event("veto", "Veto", 1));
        base.dismissed.insert("2006".into());
        let mut ours = base.clone();
        ours.events[0] = layer_event("veto", "The double veto", 5);
        ours.dismissed.remove("2006");
        ours.dismissed.insert("2017".into());
        let mut theirs = base.clone();
        theirs.events.push(layer_event("test", "Test", 3));
        theirs.dismissed.insert("1990".into());
        let merged = Layer::merge(&base, &ours, &theirs);
        assert_eq!(merged.event("veto").unwrap().event.title, "The double veto");
        assert!(merged.event("test").is_some());
        let dismissed: Vec<&str> = merged.dismissed.iter().map(String::as_str).collect();
        assert_eq!(dismissed, ["1990", "2017"], "an undismissal here stands");
    }

    #[test]
    fn adding_a_question_here_keeps_a_reordering_there() {
        let q = |id: &str| crate::plan::Question::new(id, id, 1);
        let base = Layer { questions: vec![q("a"), q("b")], ..Layer::default() };
        let ours = Layer { questions: vec![q("a"), q("b"), q("c")], ..Layer::default() };
        let theirs = Layer { questions: vec![q("b"), q("a")], ..Layer::default() };
        let merged = Layer::merge(&base, &ours, &theirs);
        let ids: Vec<&str> = merged.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c"]);
        let reordered = Layer { questions: vec![q("b"), q("a")], ..Layer::default() };
        let merged = Layer::merge(&base, &reordered, &base);
        assert_eq!(merged.questions[0].id, "b", "a reordering here stands");
    }

    #[test]
    fn a_version_1_layer_reads_and_saves_as_version_2() {
        let v1 = r#"{"format":"casebook-layer","version":1,"annotations":[]}"#;
        let layer: Layer = serde_json::from_str(v1).unwrap();
        assert!(layer.events.is_empty() && layer.dismissed.is_empty());
        let json = layer.to_json();
        assert!(json.contains("\"version\": 2"), "{json}");
        let mut with_event = layer.clone();
        with_event.events.push(layer_event("e", "Event", 1));
        let back: Layer = serde_json::from_str(&with_event.to_json()).unwrap();
        assert_eq!(back.events, with_event.events, "dates and fields survive the file");
    }

    #[test]
    fn json_is_stable_and_round_trips() {
        let l = layer(vec![annotation("b", "x", 2), annotation("a", "y", 1)]);
        let json = l.to_json();
        assert!(json.find("\"id\": \"a\"").unwrap() < json.find("\"id\": \"b\"").unwrap());
        let back: Layer = serde_json::from_str(&json).unwrap();
        assert_eq!(back.annotations.len(), 2);
        assert_eq!(back.to_json(), json);
    }
}
