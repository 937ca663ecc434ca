//! Casebook: a desktop app for teaching with case studies.
//!
//! The core (`case`, `timeline`, `check`) is plain Rust with no egui, so it can be tested
//! without a window and driven by the command line. `ui` holds every piece of egui code.

pub mod bundled;
pub mod case;
pub mod check;
pub mod notes;
pub mod plan;
pub mod timeline;
pub mod ui;

pub use ui::App;
