//! Dates and events on a case's timeline.

mod date;
mod event;

pub use date::{DateError, PartialDate};
pub use event::{Era, Event};
