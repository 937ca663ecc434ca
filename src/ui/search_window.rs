//! The search across notes (Ctrl+Shift+F): a window over the app, answered by the search
//! service on its worker thread, so typing never waits for files.

use std::path::{Path, PathBuf};

use casebook_core::views::search::{CaseEntries, Hit, Service};

use super::command::Command;

pub struct NoteSearch {
    open: bool,
    query: String,
    all_cases: bool,
    hits: Vec<Hit>,
    /// The case searched, or none for the whole library.
    scope: Option<PathBuf>,
    /// A query was sent and its answer has not come yet.
    waiting: bool,
    service: Service,
}

impl NoteSearch {
    pub fn new(wake: impl Fn() + Send + 'static) -> Self {
        Self {
            open: false,
            query: String::new(),
            all_cases: false,
            hits: Vec::new(),
            scope: None,
            waiting: false,
            service: Service::start(wake),
        }
    }

    pub fn toggle(&mut self) {
        self.open = !self.open;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Reads a library's notes into the index, for the viewer's role.
    pub fn index_library(&self, cases: Vec<(PathBuf, String)>, data_dir: &Path, student: bool) {
        self.service.index_library(cases, data_dir, student);
    }

    /// A case's notes changed (they were saved).
    pub fn update(&mut self, case: CaseEntries) {
        self.service.update(case);
        if self.open && !self.query.trim().is_empty() {
            self.waiting = true;
            self.service.query(&self.query, self.scope.as_deref());
        }
    }

    /// Sends a query: in one case, or in all.
    pub fn ask(&mut self, query: String, all_cases: bool, only: Option<&Path>) {
        self.service.query(&query, only);
        self.scope = only.map(Path::to_owned);
        self.query = query;
        self.all_cases = all_cases;
        self.waiting = true;
    }

    /// The window, while open.
    pub fn ui(&mut self, ctx: &egui::Context, case_open: bool) -> Vec<Command> {
        if let Some(hits) = self.service.poll() {
            self.hits = hits;
            self.waiting = false;
        }
        let mut commands = Vec::new();
        if !self.open {
            return commands;
        }
        let mut open = true;
        egui::Window::new("Search notes")
            .open(&mut open)
            .anchor(egui::Align2::RIGHT_TOP, [-16.0, 56.0])
            .default_width(460.0)
            .collapsible(false)
            .show(ctx, |ui| {
                let mut query = self.query.clone();
                let mut all_cases = self.all_cases || !case_open;
                let label = ui.label("Words in highlights, notes, tags, answers and events");
                let field =
                    ui.add(egui::TextEdit::singleline(&mut query).desired_width(f32::INFINITY)).labelled_by(label.id);
                if self.query.is_empty() && !field.has_focus() && self.hits.is_empty() {
                    field.request_focus();
                }
                ui.horizontal(|ui| {
                    ui.add_enabled_ui(case_open, |ui| {
                        ui.radio_value(&mut all_cases, false, "This case");
                    });
                    ui.radio_value(&mut all_cases, true, "All cases in the library");
                });
                if query != self.query || all_cases != self.all_cases {
                    commands.push(Command::SearchNotes { query: query.clone(), all_cases });
                }
                ui.separator();
                if self.waiting {
                    ui.spinner();
                } else if !query.trim().is_empty() && self.hits.is_empty() {
                    ui.weak("Nothing found.");
                }
                egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                    for hit in &self.hits {
                        let case = if all_cases { format!("{} · ", hit.case_title) } else { String::new() };
                        let text = format!("{case}{}: {}", hit.what, hit.snippet);
                        if ui
                            .add(egui::Button::new(text).wrap().frame(false))
                            .on_hover_text("Go to the passage")
                            .clicked()
                        {
                            commands.push(Command::OpenHit(hit.clone()));
                        }
                        ui.separator();
                    }
                });
            });
        if !open {
            self.open = false;
        }
        commands
    }
}
