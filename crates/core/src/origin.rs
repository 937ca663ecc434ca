//! Where an imported item came from. At the bottom of the core: annotations and timeline
//! events both carry one.

use serde::{Deserialize, Serialize};

/// Where an imported item came from: the file, the item's id there, and what the tool said
/// of it. An import updates only the items its own file made, and only where that file changed
/// them since: `imported` holds the item as it was last imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The name of the file it came from.
    pub file: String,
    /// Its id in that file, whole (W3C and Hypothesis ids are addresses).
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub creator: String,
    /// When the tool says it was made and last changed, as written there (ISO 8601).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub created: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified: String,
    /// The document it was made on (a W3C target's `source`, a Hypothesis `uri`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
    /// That document's title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The item's own fields as last imported.
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub imported: serde_json::Value,
}

impl Origin {
    /// An origin with only a file and an id.
    pub fn new(file: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            id: id.into(),
            creator: String::new(),
            created: String::new(),
            modified: String::new(),
            document: String::new(),
            title: String::new(),
            imported: serde_json::Value::Null,
        }
    }
}
