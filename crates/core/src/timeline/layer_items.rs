//! Events and eras as a layer holds them: the instructor's additions, and their edits of the
//! authored ones, which stay in the layer so `case.md` is never rewritten.

use serde::{Deserialize, Serialize};

use super::{Era, Event};

/// An event added in the layer, or a change to the authored event with the same id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerEvent {
    #[serde(flatten)]
    pub event: Event,
    /// Hides the authored event with this id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    pub created_unix_ms: u64,
    pub modified_unix_ms: u64,
    /// Where it was imported from, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Box<crate::origin::Origin>>,
}

/// An era added in the layer, or a change to the authored era with the same id (`era-N`, by
/// its place in the front matter).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerEra {
    pub id: String,
    #[serde(flatten)]
    pub era: Era,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    pub created_unix_ms: u64,
    pub modified_unix_ms: u64,
}

/// The id of the authored era at `index` in the front matter.
pub fn authored_era_id(index: usize) -> String {
    format!("era-{}", index + 1)
}

/// The title of a timeline, as TimelineJS shows it on its first slide: kept in the layer when
/// a timeline is imported, and written back on export.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineTitle {
    pub headline: String,
    /// Markdown.
    pub text: String,
    /// What the tool wrote of its title and timeline that Casebook does not use (the title
    /// slide's media and background, the timeline's scale, unknown fields), written back.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub kept: serde_json::Map<String, serde_json::Value>,
}
