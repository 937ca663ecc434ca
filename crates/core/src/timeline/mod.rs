//! Dates and events on a case's timeline.

pub mod axis;
pub mod chronology;
mod date;
mod event;
pub mod extract;
mod layer_items;
pub mod packing;

pub use date::{DateError, MAX_YEAR, PartialDate};
pub(crate) use date::{MONTHS, civil_from_days};
pub use event::{Era, Event, Media};
pub use layer_items::{LayerEra, LayerEvent, TimelineTitle, authored_era_id};
