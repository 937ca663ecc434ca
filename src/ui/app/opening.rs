//! Opening the library and cases: small cases at once, large ones on a worker thread; the
//! library's cards as they are read; a case's notes saved before another opens.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use casebook_core::case::{self, Case, Library, LoadError};
use casebook_core::convert::ConvertError;
use casebook_core::session::{Dialog, ImportKind, Notice, Role, Session};
use casebook_core::shared::Results;
use casebook_core::views::search::Hit;

use super::{App, View};
use crate::bundled;
use crate::ui::case_view::CaseView;
use crate::ui::command::Command;
use crate::ui::importing::{self, Importing};

/// Cases smaller than this open at once; larger ones are read on a worker thread.
const SYNC_LOAD_BYTES: u64 = 2 * 1024 * 1024;

pub struct Loading {
    pub path: PathBuf,
    rx: mpsc::Receiver<Result<Case, LoadError>>,
}

impl App {
    /// The library to show: the one named on the command line, else the one used last, else
    /// `./cases`, else the bundled samples in the data directory.
    pub(super) fn initial_library(&mut self, path: Option<&Path>) -> PathBuf {
        if let Some(path) = path {
            if path.is_dir() && !path.join(case::CASE_FILE).is_file() {
                return path.to_owned();
            }
            if let Some(parent) =
                path.parent().filter(|p| path.join(case::CASE_FILE).is_file() && !p.as_os_str().is_empty())
            {
                return parent.to_owned();
            }
        }
        if let Some(lib) = self.settings.library.clone().filter(|p| p.is_dir()) {
            return lib;
        }
        let local = PathBuf::from("cases");
        if case::case_dirs(&local).is_ok_and(|d| !d.is_empty()) {
            return std::path::absolute(&local).unwrap_or(local);
        }
        let samples = self.data_dir.join("cases");
        if let Err(e) = bundled::install(&samples) {
            self.notify(Notice::error(format!("Could not write the sample cases to {}: {e}", samples.display())));
        }
        samples
    }

    /// Starts reading a library; its cards appear as they are read.
    pub(super) fn load_library(&mut self, root: &Path) {
        let ctx = self.ctx.clone();
        let (library, scan) = Library::scan(root, move || ctx.request_repaint());
        self.library = library;
        self.scan = Some(scan);
        self.settings.library = Some(root.to_owned());
    }

    pub(super) fn poll_library(&mut self) {
        let Some(scan) = &mut self.scan else { return };
        let result = scan.poll(&mut self.library);
        let done = scan.is_done();
        if let Err(e) = result {
            let root = self.library.root.display().to_string();
            self.notify(Notice::error(format!("Cannot read the folder {root}: {e}")));
        }
        if done {
            self.scan = None;
            let cases =
                self.library.cases.iter().filter_map(|c| Some((case::case_file(&c.path).ok()?, c.title.clone())));
            self.search.index_library(cases.collect(), &self.data_dir, self.settings.role == Role::Student);
        }
    }

    pub(super) fn open_case(&mut self, path: PathBuf) {
        let file = match case::case_file(&path) {
            Ok(f) => f,
            Err(e) => return self.notify(Notice::error(e.to_string())),
        };
        let small = std::fs::metadata(&file).is_ok_and(|m| m.len() <= SYNC_LOAD_BYTES);
        if small {
            // A larger case still being read must not replace the one asked for last.
            self.loading = None;
            let result = case::load(&file);
            self.finish_open(result);
        } else {
            let (tx, rx) = mpsc::channel();
            let ctx = self.ctx.clone();
            let worker_file = file.clone();
            std::thread::spawn(move || {
                // The receiver is gone only if another case was opened meanwhile.
                let _ = tx.send(case::load(&worker_file));
                ctx.request_repaint();
            });
            self.loading = Some(Loading { path: file, rx });
        }
    }

    pub(super) fn poll_loading(&mut self) {
        let Some(loading) = &self.loading else { return };
        match loading.rx.try_recv() {
            Ok(result) => {
                self.loading = None;
                self.finish_open(result);
            }
            Err(mpsc::TryRecvError::Empty) => {
                self.ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                let path = loading.path.clone();
                self.loading = None;
                self.notify(Notice::error(format!("Reading {} stopped unexpectedly", path.display())));
            }
        }
    }

    fn finish_open(&mut self, result: Result<Case, LoadError>) {
        let case = match result {
            Ok(case) => case,
            Err(e) => {
                self.pending_reveal = None;
                return self.notify(Notice::error(format!("Could not open the case. {e}")));
            }
        };
        if let Some(open) = self.open.as_mut().filter(|o| o.session.case().path == case.path) {
            // The same case, changed on disk: its notes carry over.
            open.replace_case(&self.ctx, case);
            return;
        }
        if self.notice.as_ref().is_some_and(|n| n.error) {
            self.notice = None;
        }
        self.remember_position();
        if !self.save_notes_now() {
            // The notice says why; the case stays open so its notes stay in memory.
            return;
        }
        let pos = self.settings.positions.get(&case.path).copied().unwrap_or_default();
        self.settings.last_case = Some(case.path.clone());
        let card_path = if case.path.file_name().is_some_and(|n| n == case::CASE_FILE) {
            case.dir.clone()
        } else {
            case.path.clone()
        };
        self.settings.remember_recent(card_path);
        let (mut session, effects) = Session::open(case, self.settings.role, &self.data_dir);
        let ctx = self.ctx.clone();
        session.set_waker(std::sync::Arc::new(move || ctx.request_repaint()));
        session.set_show_suggestions(self.settings.show_suggestions);
        let mut view = CaseView::new(&self.ctx, session, pos);
        if let Some(passage) = self.pending_reveal.take() {
            let now = self.ctx.input(|i| i.time);
            view.reveal(&passage, now);
        }
        self.open = Some(view);
        self.view = View::Reader;
        self.carry_out(effects);
    }

    /// Opens a search result: its case, scrolled to its passage.
    pub(super) fn open_hit(&mut self, hit: Hit, now: f64) {
        match self.open.as_mut().filter(|o| o.session.case().path == hit.case_file) {
            Some(open) => {
                if let Some(passage) = &hit.target {
                    open.reveal(passage, now);
                }
                self.view = View::Reader;
            }
            None => {
                // Shown once the case is open, which may take a moment for a large one.
                self.pending_reveal = hit.target;
                self.open_case(hit.case_file);
            }
        }
    }

    /// Switches the role: the case opens again as the other role sees it, once its notes are
    /// safe.
    pub(super) fn set_role(&mut self, role: Role) {
        if role != self.settings.role && self.save_notes_now() {
            self.remember_position();
            self.settings.role = role;
            if let Some(path) = self.open.take().map(|o| o.session.case().path.clone()) {
                self.open_case(path);
            }
            if let Some(root) = self.settings.library.clone() {
                self.load_library(&root);
            }
        }
    }

    pub(super) fn remember_position(&mut self) {
        if let Some(open) = &self.open {
            self.settings.positions.insert(open.session.case().path.clone(), open.reader.pos());
        }
    }

    /// Saves the open case's notes at once; false, with a notice, when they could not be.
    pub(super) fn save_notes_now(&mut self) -> bool {
        let Some(open) = &mut self.open else { return true };
        match open.session.save_now() {
            Ok(()) => true,
            Err(e) => {
                self.notify(Notice::error(format!("Your notes could not be saved, so this case stays open: {e}")));
                false
            }
        }
    }

    /// The user answered a file chooser (or it could not open). `replace` when they agreed to
    /// replace a file that is there: the system's chooser asks that itself.
    pub(super) fn answered(&mut self, dialog: Dialog, path: Option<PathBuf>, replace: bool) {
        let now = self.now();
        let Some(path) = path else {
            let hint = dialog.cli_hint();
            self.notify(Notice::info(format!(
                "No file was chosen. If no dialog appeared, this desktop has no file chooser: type the path, or use `{hint}`."
            )));
            return self.apply(Command::PromptPath(dialog));
        };
        let results = if self.settings.pack_results { Results::Include } else { Results::Leave };
        let effect = match (&dialog, &mut self.open) {
            (Dialog::Open, _) => return self.open_path(path),
            (Dialog::ImportDocument, _) => return self.start_import(&path),
            (Dialog::Export { .. }, Some(_)) if path.is_file() && !replace => {
                self.confirm_replace = Some((dialog.clone(), path));
                return;
            }
            (Dialog::Export { format, .. }, Some(open)) => {
                open.session.export_to(*format, &path, &self.settings.user_name, results, replace)
            }
            (Dialog::Import(kind), Some(open)) => {
                let private = matches!(kind, ImportKind::Annotations { private: true });
                open.session.import_chosen(&path, private, now)
            }
            (_, None) => return,
        };
        self.carry_out(vec![effect]);
    }

    pub(super) fn open_path(&mut self, path: PathBuf) {
        if path.is_file() || path.join(casebook_core::case::CASE_FILE).is_file() {
            self.open_case(path);
        } else if path.is_dir() {
            self.load_library(&path);
            self.view = View::Library;
        } else {
            self.notify(Notice::error(format!("Nothing to open at {}: no such file or folder", path.display())));
        }
    }
}

impl App {
    /// Starts making a case of a document, on a worker thread.
    pub(super) fn start_import(&mut self, path: &Path) {
        if self.importing.is_some() {
            return self.notify(Notice::info("Another document is being imported: wait for it, or cancel it"));
        }
        self.importing = Some(Importing::start(&self.ctx, path, &self.library.root));
    }

    pub(super) fn poll_import(&mut self) {
        let Some(result) = self.importing.as_ref().and_then(Importing::poll) else { return };
        let Some(importing) = self.importing.take() else { return };
        match result {
            Ok(imported) => {
                let root = self.library.root.clone();
                self.load_library(&root);
                self.notify(Notice::info(format!(
                    "Imported {} as {}",
                    importing.file.display(),
                    imported.dir.display()
                )));
                self.import_report = Some((importing.file, imported.report));
                self.open_case(imported.dir);
            }
            Err(ConvertError::Cancelled { .. }) => {
                self.notify(Notice::info("The import was cancelled; nothing was written"))
            }
            Err(e) => self.notify(Notice::error(format!("Could not import: {e}"))),
        }
    }

    /// The import's progress, the report of the last one, and files dropped on the window.
    pub(super) fn import_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw.dropped_files.iter().map(|f| f.path().to_owned()).filter(|p| !p.as_os_str().is_empty()).collect()
        });
        for path in dropped {
            commands.push(if path.is_dir() { Command::OpenPath(path) } else { Command::ImportDocument(path) });
        }
        if let Some(importing) = &self.importing {
            commands.extend(importing.ui(ctx));
        }
        if let (Some((file, report)), View::Reader) = (&self.import_report, self.view) {
            commands.extend(importing::report_ui(ctx, file, report));
        }
        commands
    }
}
