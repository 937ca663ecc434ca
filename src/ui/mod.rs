//! Everything that draws. Panels and widgets return what the user asked for; [`App`] routes it
//! to the session (changes to a layer) or to the views, and carries out what comes back.

pub mod accessibility;
pub mod actions;
mod annotations_panel;
mod app;
mod case_view;
pub mod command;
pub mod contrast;
mod dialogs;
mod find;
pub mod fonts;
mod help;
mod importing;
mod library_view;
pub mod live_panel;
mod outline;
mod plan_panel;
pub mod presentation;
pub mod reader;
mod search_window;
mod text_scale;
pub mod theme;
pub mod timeline;

use std::path::PathBuf;

pub use app::{App, Start, View};
pub use case_view::CaseView;
pub use command::Command;

/// Opens the window on a case, a Markdown file or a folder of cases, or on the last one.
pub fn run(path: Option<PathBuf>, fresh: bool) -> anyhow::Result<()> {
    let start = Start { path, data_dir: crate::data_dir(), fresh };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Casebook")
            .with_app_id("casebook")
            .with_inner_size([1360.0, 880.0])
            .with_min_inner_size([640.0, 420.0]),
        ..Default::default()
    };
    eframe::run_native("Casebook", options, Box::new(|cc| Ok(Box::new(App::new(cc, start)))))
        .map_err(|e| anyhow::anyhow!("cannot open a window: {e}"))
}
