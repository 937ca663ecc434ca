//! Importing a document as a new case: the conversion runs on a worker thread while a window
//! shows its progress, and its report is shown beside the new case when it opens.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc;

use casebook_core::convert::{self, ConvertError, Destination, Imported, Limits, NoteKind, Report};
use egui::RichText;

use super::command::Command;

/// A conversion in progress.
pub struct Importing {
    pub file: PathBuf,
    done: Arc<AtomicU32>,
    total: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<Result<Imported, ConvertError>>,
}

impl Importing {
    /// Starts converting `file` into a new case of `library`.
    pub fn start(ctx: &egui::Context, file: &Path, library: &Path) -> Self {
        let (done, total) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let (worker_done, worker_total, worker_cancel) = (Arc::clone(&done), Arc::clone(&total), Arc::clone(&cancel));
        let (file_owned, library) = (file.to_owned(), library.to_owned());
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let mut progress = |d: u32, t: u32| {
                worker_done.store(d, Ordering::Relaxed);
                worker_total.store(t, Ordering::Relaxed);
                ctx.request_repaint();
                !worker_cancel.load(Ordering::Relaxed)
            };
            let result =
                convert::import(&file_owned, Destination::Library(&library), &Limits::default(), &mut progress);
            // The app may have closed: then nobody waits for the result.
            let _ = tx.send(result);
            ctx.request_repaint();
        });
        Importing { file: file.to_owned(), done, total, cancel, rx }
    }

    /// The result, once the worker has one.
    pub fn poll(&self) -> Option<Result<Imported, ConvertError>> {
        match self.rx.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            // The worker ended without an answer: only a fault in a converter does that.
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(ConvertError::Invalid {
                path: self.file.clone(),
                message: "the conversion stopped before it finished; nothing was written".to_owned(),
            })),
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The progress window, with its Cancel button.
    pub fn ui(&self, ctx: &egui::Context) -> Option<Command> {
        let (done, total) = (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed));
        let name = self.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut command = None;
        egui::Modal::new(egui::Id::unique("importing")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(format!("Importing {name}"));
            ui.add_space(8.0);
            let (fraction, text) = if total == 0 {
                (0.0, "Reading the file…".to_owned())
            } else {
                (done as f32 / total as f32, format!("{done} of {total}"))
            };
            ui.add(egui::ProgressBar::new(fraction).text(text).animate(total == 0));
            ui.add_space(8.0);
            if self.cancel.load(Ordering::Relaxed) {
                ui.label("Cancelling…");
            } else if ui.button("Cancel").clicked() {
                command = Some(Command::CancelImport);
            }
        });
        command
    }
}

/// The import report, in a window beside the new case until the user closes it.
pub fn report_ui(ctx: &egui::Context, file: &Path, report: &Report) -> Option<Command> {
    let mut open = true;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    egui::Window::new("Import report")
        .open(&mut open)
        .default_width(460.0)
        .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0])
        .collapsible(true)
        .show(ctx, |ui| {
            ui.label(RichText::new(name).strong());
            ui.label(report.summary());
            if report.notes.is_empty() {
                ui.label("Nothing was left out.");
                return;
            }
            ui.add_space(6.0);
            let left = report.notes.iter().filter(|n| n.kind == NoteKind::LeftOut).count();
            let unsure = report.notes.len() - left;
            ui.label(format!("{left} left out, {unsure} uncertain:"));
            egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                for note in &report.notes {
                    ui.label(note.to_string());
                }
            });
        });
    (!open).then_some(Command::CloseImportReport)
}
