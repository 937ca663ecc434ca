//! Views derived from a case and its layers: the highlights the reader paints, the slides
//! shown in class, and search across notes. The chronology, also a derived view, lives with
//! the timeline it is made of.

pub mod marks;
pub mod search;
pub mod slides;

pub use marks::{Mark, Marks};
