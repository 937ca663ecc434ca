use serde::{Deserialize, Serialize};

use super::PartialDate;
use crate::anchor::Selector;

/// A dated event on the timeline: authored in a case's front matter, added in a layer, or
/// imported from TimelineJS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<String>,
    /// Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// A picture or video for the event, as a link; kept as data, never fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Media>,
    /// The passage the event is about, anchored like an annotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Selector>,
    /// What another tool wrote of it that Casebook does not use (a TimelineJS event's time of
    /// day, display date, background, location, media details and unknown fields), kept as it
    /// came so that an export writes it back.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub kept: serde_json::Map<String, serde_json::Value>,
    /// Line in `case.md` where the event is written, for messages; 0 when not from the case.
    #[serde(skip)]
    pub line: usize,
}

impl Event {
    /// An event with only a date and a title.
    pub fn new(id: impl Into<String>, date: PartialDate, title: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            date,
            end: None,
            title: title.into(),
            lane: None,
            description: String::new(),
            media: None,
            anchor: None,
            kept: serde_json::Map::new(),
            line: 0,
        }
    }

    /// When it happened, as people read it: "9 October 2006", or "2006 – 2017" for a range.
    pub fn when(&self) -> String {
        match self.end {
            Some(end) => format!("{} – {end}", self.date),
            None => self.date.to_string(),
        }
    }
}

/// Media attached to an event by other tools (TimelineJS slides). Casebook works offline and
/// shows only the link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub credit: String,
}

/// A shaded span of time, such as "Unanimous sanctions, 2006–2017".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Era {
    pub title: String,
    pub start: PartialDate,
    pub end: PartialDate,
}
