use super::PartialDate;

/// A dated event on the timeline, as authored in a case's front matter.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub lane: Option<String>,
    pub description: String,
    /// A picture or video for the event, as a link; kept as data, never fetched.
    pub media: Option<Media>,
    /// Line in `case.md` where the event is written, for messages; 0 when not from the case.
    pub line: usize,
}

/// Media attached to an event by other tools (TimelineJS slides). Casebook works offline and
/// shows only the link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Media {
    pub url: String,
    pub caption: String,
    pub credit: String,
}

/// A shaded span of time, such as "Unanimous sanctions, 2006–2017".
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    pub title: String,
    pub start: PartialDate,
    pub end: PartialDate,
}
