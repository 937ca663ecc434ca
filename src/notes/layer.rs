//! Annotations and the layer that holds them: the instructor's (or a student's) marks on one
//! case, saved as versioned JSON beside it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::anchor::Selector;

/// The layer format written by this version. Older versions are migrated on load; a newer one
/// is refused, never overwritten.
pub const FORMAT_VERSION: u32 = 1;
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
}

impl Default for Layer {
    fn default() -> Self {
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            color_names: BTreeMap::new(),
            annotations: Vec::new(),
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

    /// The layer as saved: pretty JSON, annotations in a stable order, so diffs read well.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.annotations.sort_by(|a, b| {
            let pos = |x: &Annotation| x.target.position.map_or(usize::MAX, |p| p.start);
            pos(a).cmp(&pos(b)).then_with(|| a.id.cmp(&b.id))
        });
        let mut json = serde_json::to_string_pretty(&sorted).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Combines a change made here with the file as someone else left it, by annotation id.
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
        for a in &ours.annotations {
            if base.get(&a.id) == Some(a) {
                continue;
            }
            match merged.annotations.iter_mut().find(|t| t.id == a.id) {
                Some(t) if t.modified_unix_ms > a.modified_unix_ms && base.get(&a.id) != Some(t) => {}
                Some(t) => *t = a.clone(),
                None => merged.annotations.push(a.clone()),
            }
        }
        for b in &base.annotations {
            if ours.get(&b.id).is_none() {
                merged.annotations.retain(|t| t.id != b.id || t != b);
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
