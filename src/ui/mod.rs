//! Everything that draws. Panels read the model and return [`Command`]s; [`App::apply`] is
//! the one place that changes it.

mod annotations_panel;
mod app;
pub mod command;
mod find;
pub mod fonts;
mod help;
mod library_view;
mod notes_state;
mod outline;
mod plan_panel;
pub mod presentation;
pub mod reader;
mod settings;
pub mod theme;
pub mod timeline;

pub use app::{App, Start, View};
pub use command::Command;
pub use settings::{Role, Settings};
