//! Hand labels of date mentions, one file per text.

mod cuban_missile_crisis;
mod dprk_unsc;
mod milestones_1866_1913;

pub use cuban_missile_crisis::CUBAN_MISSILE_CRISIS;
pub use dprk_unsc::DPRK_UNSC;
pub use milestones_1866_1913::MILESTONES_1866_1913;

/// A date mention exactly as written, its date and, for a range, its end (ISO, as `to_iso`).
pub type Label = (&'static str, &'static str, Option<&'static str>);
