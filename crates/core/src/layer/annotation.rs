//! Annotations: a highlighted passage in a colour, with a note and tags.

use serde::{Deserialize, Serialize};

use super::items::Item;
use crate::anchor::Selector;
pub use crate::origin::Origin;

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
    /// Replies to it, as the tool it came from held them (W3C `replying`, Hypothesis threads).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
    /// Where it was imported from, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Box<Origin>>,
}

/// A reply in a thread on an annotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub creator: String,
    /// When it was written, as the tool wrote it (ISO 8601).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    /// Markdown.
    pub text: String,
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
            replies: Vec::new(),
            origin: None,
        }
    }
}

impl Item for Annotation {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

impl Item for crate::timeline::LayerEvent {
    fn id(&self) -> &str {
        &self.event.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

impl Item for crate::timeline::LayerEra {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

impl Item for crate::plan::Question {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}

impl Item for crate::plan::ClassRecord {
    fn id(&self) -> &str {
        &self.id
    }
    fn modified_unix_ms(&self) -> u64 {
        self.modified_unix_ms
    }
}
