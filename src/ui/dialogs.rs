//! The system's file chooser, on a thread of its own: the window keeps painting while one is
//! open, and the answer comes back as the dialog it answers.

use std::path::PathBuf;
use std::sync::mpsc;

use casebook_core::session::{Dialog, ImportKind};

/// Dialogs that are open, and their answers as they come.
pub struct Dialogs {
    tx: mpsc::Sender<(Dialog, Option<PathBuf>)>,
    rx: mpsc::Receiver<(Dialog, Option<PathBuf>)>,
}

impl Default for Dialogs {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Self { tx, rx }
    }
}

impl Dialogs {
    /// Opens the file chooser for `dialog`; the answer comes from [`Dialogs::poll`].
    pub fn ask(&self, ctx: &egui::Context, dialog: Dialog) {
        let (tx, ctx) = (self.tx.clone(), ctx.clone());
        std::thread::spawn(move || {
            let answer = choose(&dialog);
            // The receiver lives as long as the app.
            let _ = tx.send((dialog, answer));
            ctx.request_repaint();
        });
    }

    /// Answers that came since the last frame: a path, or `None` when none was chosen (or the
    /// desktop has no file chooser).
    pub fn poll(&self) -> Vec<(Dialog, Option<PathBuf>)> {
        self.rx.try_iter().collect()
    }
}

fn choose(dialog: &Dialog) -> Option<PathBuf> {
    let chooser = rfd::FileDialog::new().set_title(dialog.title());
    match dialog {
        Dialog::Export { format, suggested } if format.is_folder() => {
            // A pack goes in a new folder inside the one chosen.
            chooser.pick_folder().map(|parent| parent.join(suggested))
        }
        Dialog::Export { suggested, .. } => chooser.set_file_name(suggested).save_file(),
        Dialog::Import(ImportKind::Annotations { .. } | ImportKind::Timeline) => {
            chooser.add_filter("JSON", &["json", "jsonld"]).pick_file()
        }
        Dialog::Open => chooser.pick_folder(),
        Dialog::ImportDocument => {
            chooser.add_filter("PDF, Word, web page or Markdown", casebook_core::convert::EXTENSIONS).pick_file()
        }
    }
}
