//! Dates and events on a case's timeline.

mod date;
mod event;
pub mod extract;
pub mod timelinejs;

pub use date::{DateError, PartialDate};
pub use event::{Era, Event, Media};
