//! The layer: one person's marks on one case (annotations, timeline changes, questions, plan,
//! answers), saved as versioned JSON beside it. Every item is addressed by a [`Key`], so edits,
//! undo and merges work the same way for every kind of item.

mod annotation;
mod items;
mod key;
mod merge;
pub mod store;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use annotation::{Annotation, Color, Origin, Reply};
pub use items::{Item, Items};
pub use key::{Key, Part, Value};

use crate::plan::{ClassRecord, Plan, Question};
use crate::timeline::chronology::LayerTimeline;
use crate::timeline::{LayerEra, LayerEvent, TimelineTitle};

/// The layer format written by this version. Older versions are migrated on load; a newer one
/// is refused, never overwritten.
///
/// Version 2 added the timeline (`events`, `eras`, `dismissed`, `timeline_title`) and teaching
/// (`questions`, `plan`). Version 3 added where imported items came from (`origin`), replies,
/// the fields of other tools kept to be written back (`kept`), and `records`, the class records
/// of live rounds. An older file reads as a version 3 layer with none of them.
pub const FORMAT_VERSION: u32 = 3;
pub const FORMAT_NAME: &str = "casebook-layer";

/// One person's marks on one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    pub format: String,
    pub version: u32,
    /// The user's names for the highlight colours, where renamed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub color_names: BTreeMap<Color, String>,
    #[serde(default)]
    pub annotations: Items<Annotation>,
    /// Timeline events added here, and changes to the authored ones.
    #[serde(default, skip_serializing_if = "Items::is_empty")]
    pub events: Items<LayerEvent>,
    #[serde(default, skip_serializing_if = "Items::is_empty")]
    pub eras: Items<LayerEra>,
    /// Suggested events the user dismissed, by their key (the date as written in files).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub dismissed: BTreeSet<String>,
    /// The title slide of an imported TimelineJS document, written back on export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline_title: Option<TimelineTitle>,
    /// Discussion questions, in the order they are asked.
    #[serde(default, skip_serializing_if = "Items::is_empty")]
    pub questions: Items<Question>,
    #[serde(default, skip_serializing_if = "Plan::is_empty")]
    pub plan: Plan,
    /// A student's answers to the instructor's questions, by question id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Answer>,
    /// What the room answered in class, one record per round, in the order they were held.
    #[serde(default, skip_serializing_if = "Items::is_empty")]
    pub records: Items<ClassRecord>,
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
            annotations: Items::default(),
            events: Items::default(),
            eras: Items::default(),
            dismissed: BTreeSet::new(),
            timeline_title: None,
            questions: Items::default(),
            plan: Plan::default(),
            answers: BTreeMap::new(),
            records: Items::default(),
        }
    }
}

impl Layer {
    pub fn color_name(&self, color: Color) -> &str {
        self.color_names.get(&color).map_or(color.default_name(), String::as_str)
    }

    /// What this layer adds to the case's timeline.
    pub fn timeline(&self) -> LayerTimeline<'_> {
        LayerTimeline { events: self.events.as_slice(), eras: self.eras.as_slice(), dismissed: Some(&self.dismissed) }
    }

    /// The layer as saved: pretty JSON, items in a stable order, so diffs read well.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.version = FORMAT_VERSION;
        sorted.annotations.sort_by_key(|a| (a.target.position.map_or(usize::MAX, |p| p.start), a.id.clone()));
        // Serializing plain data into a string cannot fail; an empty file would be refused on
        // load rather than mistaken for an empty layer.
        let mut json = serde_json::to_string_pretty(&sorted).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Combines a change made here with the file as someone else left it; see [`merge::merge`].
    pub fn merge(base: &Layer, ours: &Layer, theirs: &Layer) -> Layer {
        merge::merge(base, ours, theirs)
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
    use crate::testing::{annotation, layer_event};

    #[test]
    fn a_version_1_layer_reads_and_saves_as_version_3() {
        let v1 = r#"{"format":"casebook-layer","version":1,"annotations":[]}"#;
        let layer: Layer = serde_json::from_str(v1).unwrap();
        assert!(layer.events.is_empty() && layer.dismissed.is_empty() && layer.records.is_empty());
        let json = layer.to_json();
        assert!(json.contains("\"version\": 3"), "{json}");
        let mut with_event = layer.clone();
        with_event.events.put(layer_event("e", "Event", 1));
        let back: Layer = serde_json::from_str(&with_event.to_json()).unwrap();
        assert_eq!(back.events, with_event.events, "dates and fields survive the file");
    }

    #[test]
    fn json_is_stable_and_round_trips() {
        let l =
            Layer { annotations: vec![annotation("b", "x", 2), annotation("a", "y", 1)].into(), ..Layer::default() };
        let json = l.to_json();
        assert!(json.find("\"id\": \"a\"").unwrap() < json.find("\"id\": \"b\"").unwrap());
        let back: Layer = serde_json::from_str(&json).unwrap();
        assert_eq!(back.annotations.len(), 2);
        assert_eq!(back.to_json(), json);
    }
}
