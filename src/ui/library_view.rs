//! The library: a card for each case, a filter, tags and the recently opened cases.

use std::path::PathBuf;

use egui::{Frame, Margin, RichText, Ui};

use casebook_core::session::Dialog;

use super::command::Command;
use super::theme::{Palette, size};
use casebook_core::case::{CaseSummary, Library};

#[derive(Default)]
pub struct LibraryView {
    pub filter: String,
    pub tag: Option<String>,
}

const CARD_MIN_WIDTH_PT: f32 = 380.0;

impl LibraryView {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        library: &Library,
        scanning: bool,
        recent: &[PathBuf],
        palette: &Palette,
    ) -> Option<Command> {
        let mut command = None;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.add_space(12.0);
            ui.horizontal_wrapped(|ui| {
                ui.heading(RichText::new("Library").size(size::LIBRARY_TITLE_PT).strong());
                ui.add_space(8.0);
                ui.weak(library.root.display().to_string());
                if scanning {
                    ui.spinner();
                }
            });
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                if ui.button("📂 Open folder…").on_hover_text("A case folder or a folder of cases (Ctrl+O)").clicked()
                {
                    command = Some(Command::Ask(Dialog::Open));
                }
                if ui
                    .button("📥 Import document…")
                    .on_hover_text("Make a new case of a PDF, Word file, saved web page or Markdown file; or drop one here")
                    .clicked()
                {
                    command = Some(Command::Ask(Dialog::ImportDocument));
                }
                if ui.button("⌨ Type a path…").clicked() {
                    command = Some(Command::PromptPath(Dialog::Open));
                }
            });
            ui.add_space(10.0);
            ui.horizontal_wrapped(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("Filter by title, author, tag, summary…")
                        .desired_width(340.0)
                        .id_salt("library-filter"),
                )
                .accessible_name("Filter the cases");
                if !self.filter.is_empty()
                    && ui
                        .small_button("×")
                        .accessible_name("Clear the filter")
                        .on_hover_text("Clear the filter")
                        .clicked()
                {
                    self.filter.clear();
                }
                ui.add_space(12.0);
                if ui.selectable_label(self.tag.is_none(), "All tags").clicked() {
                    self.tag = None;
                }
                for tag in library.tags() {
                    let selected = self.tag.as_deref() == Some(tag.as_str());
                    if ui.selectable_label(selected, format!("#{tag}")).clicked() {
                        self.tag = if selected { None } else { Some(tag) };
                    }
                }
            });
            let recent: Vec<&CaseSummary> =
                recent.iter().filter_map(|p| library.cases.iter().find(|c| &c.path == p)).collect();
            if !recent.is_empty() {
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new("Recent:").strong());
                    for case in recent {
                        if ui.link(&case.title).on_hover_text(case.path.display().to_string()).clicked() {
                            command = Some(Command::OpenCase(case.path.clone()));
                        }
                    }
                });
            }
            ui.add_space(12.0);
            let shown: Vec<&CaseSummary> = library
                .cases
                .iter()
                .filter(|c| c.matches(&self.filter))
                .filter(|c| self.tag.as_ref().is_none_or(|t| c.meta.tags.contains(t)))
                .collect();
            if library.cases.is_empty() {
                ui.label("There are no cases in this folder yet. Open another folder, or import a document: a PDF, a Word file, a saved web page or a Markdown file.");
            } else if shown.is_empty() {
                ui.label("No case matches the filter.");
            }
            let columns = ((ui.available_width() / CARD_MIN_WIDTH_PT).floor() as usize).clamp(1, 4);
            for row in shown.chunks(columns) {
                ui.columns(columns, |cols| {
                    for (col, case) in cols.iter_mut().zip(row) {
                        if let Some(c) = card_ui(col, case, palette) {
                            command = Some(c);
                        }
                    }
                });
                ui.add_space(12.0);
            }
        });
        command
    }
}

pub(super) fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest).display().to_string(),
        _ => path.to_owned(),
    }
}

fn card_ui(ui: &mut Ui, case: &CaseSummary, palette: &Palette) -> Option<Command> {
    let mut command = None;
    let frame = Frame::new()
        .fill(palette.page)
        .stroke(egui::Stroke::new(1.0, palette.rule))
        .corner_radius(8.0)
        .inner_margin(Margin::same(16));
    let response = frame
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title =
                egui::Button::new(RichText::new(&case.title).size(size::CARD_TITLE_PT).strong().color(palette.heading))
                    .frame(false)
                    .wrap();
            if ui.add(title).on_hover_text(format!("Open {}", case.path.display())).clicked() {
                command = Some(Command::OpenCase(case.path.clone()));
            }
            let m = &case.meta;
            if let Some(subtitle) = &m.subtitle {
                ui.label(RichText::new(subtitle).italics());
            }
            let mut facts: Vec<String> = Vec::new();
            facts.extend(m.case_number.clone());
            facts.extend(m.date.clone());
            facts.push(format!("{} words", thousands(case.words)));
            if case.events > 0 {
                facts.push(format!("{} events", case.events));
            }
            ui.label(RichText::new(facts.join("  ·  ")).color(palette.muted));
            if !m.authors.is_empty() {
                ui.label(m.authors.join(", "));
            }
            if let Some(summary) = &m.summary {
                ui.add_space(4.0);
                ui.label(summary);
            }
            if !m.tags.is_empty() {
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    for tag in &m.tags {
                        ui.label(RichText::new(format!("#{tag}")).small().color(palette.accent));
                    }
                });
            }
            if let Some(problem) = &case.problem {
                ui.colored_label(palette.error, format!("⚠ {problem}"));
            }
        })
        .response;
    if command.is_none() && response.interact(egui::Sense::click()).clicked() {
        command = Some(Command::OpenCase(case.path.clone()));
    }
    command
}

pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_separators() {
        assert_eq!(super::thousands(4441), "4,441");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
        assert_eq!(super::thousands(12), "12");
    }
}
