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
    /// Line in `case.md` where the event is written, for messages.
    pub line: usize,
}

/// A shaded span of time, such as "Unanimous sanctions, 2006–2017".
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    pub title: String,
    pub start: PartialDate,
    pub end: PartialDate,
}
