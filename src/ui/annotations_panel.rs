//! The annotations panel: every annotation in document order, filters, the editor of the
//! selected one, and the orphans that lost their passage.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::command::Command;
use super::notes_state::{Notes, SaveStatus};
use super::theme::Palette;
use crate::notes::{AnchorStatus, Annotation, Color, layer::now_unix_ms};

#[derive(Default)]
pub struct AnnotationsPanel {
    filter: String,
    hidden_colors: BTreeSet<Color>,
    /// The selected annotation as being edited, and the stored value it was taken from.
    draft: Option<(Annotation, Annotation)>,
    tags_text: String,
    /// Colour names being typed; each is applied when its field loses focus.
    color_edits: std::collections::BTreeMap<Color, String>,
    /// Put the cursor in the note editor on the next frame (after "Note…").
    pub focus_note: bool,
}

fn shorten(text: &str, max_chars: usize) -> String {
    let mut s: String = text.chars().take(max_chars).collect();
    if text.chars().count() > max_chars {
        s.push('…');
    }
    s.replace('\n', " ")
}

impl AnnotationsPanel {
    fn matches(&self, a: &Annotation) -> bool {
        if self.hidden_colors.contains(&a.color) {
            return false;
        }
        let query = self.filter.trim().to_lowercase();
        query.is_empty()
            || a.target.quote.exact.to_lowercase().contains(&query)
            || a.note.to_lowercase().contains(&query)
            || a.tags.iter().any(|t| t.to_lowercase().contains(&query))
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        notes: &Notes,
        selected: Option<&str>,
        palette: &Palette,
        has_selection: bool,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Annotations ({})", notes.layer.annotations.len())).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (text, color) = match &notes.status {
                    SaveStatus::Saved => ("Saved".to_owned(), palette.muted),
                    SaveStatus::Unsaved | SaveStatus::Saving => ("Saving…".to_owned(), palette.muted),
                    SaveStatus::Failed(e) => (format!("Not saved: {e}"), palette.error),
                };
                ui.label(RichText::new(text).small().color(color));
            });
        });
        if let Some(problem) = &notes.problem {
            egui::Frame::new().fill(palette.error_bg).inner_margin(8.0).show(ui, |ui| {
                ui.label(RichText::new(problem).color(palette.error));
                ui.label("The file is kept as it is. Annotations can't be changed until you start a fresh layer; the damaged file is then set aside, not deleted.");
                if ui.button("Start a fresh layer").clicked() {
                    commands.push(Command::StartFreshLayer);
                }
            });
        }
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("Filter by text or tag")
                    .desired_width(150.0)
                    .id_salt("annotation-filter"),
            );
            for color in Color::ALL {
                let shown = !self.hidden_colors.contains(&color);
                let dot = RichText::new(if shown { "●" } else { "○" }).color(palette.mark_swatch(color)).size(18.0);
                if ui
                    .add(egui::Button::new(dot).frame(false))
                    .on_hover_text(format!("Show or hide {}", notes.layer.color_name(color)))
                    .clicked()
                {
                    if shown {
                        self.hidden_colors.insert(color);
                    } else {
                        self.hidden_colors.remove(&color);
                    }
                }
            }
        });
        ui.horizontal(|ui| {
            let import = ui.add_enabled(notes.editable(), egui::Button::new("Import W3C…"));
            if import.on_hover_text("Add annotations from a W3C Web Annotation file (Hypothesis and others)").clicked()
            {
                commands.push(Command::PickAnnotationsToImport);
            }
        });
        ui.collapsing("Colour names", |ui| {
            for color in Color::ALL {
                ui.horizontal(|ui| {
                    ui.label(RichText::new("●").color(palette.mark_swatch(color)));
                    let name =
                        self.color_edits.entry(color).or_insert_with(|| notes.layer.color_name(color).to_owned());
                    let edit = egui::TextEdit::singleline(name).desired_width(160.0).id_salt(("color-name", color));
                    let response = ui.add_enabled(notes.editable(), edit);
                    if response.lost_focus() {
                        commands.push(Command::RenameColor(color, name.clone()));
                    }
                    if !response.has_focus() {
                        // Shown afresh from the layer, which undo may have changed.
                        self.color_edits.remove(&color);
                    }
                });
            }
        });
        ui.separator();

        let mut order: Vec<usize> = (0..notes.layer.annotations.len()).collect();
        order.sort_by_key(|&i| notes.resolved.get(i).and_then(|r| r.range.as_ref()).map_or(usize::MAX, |r| r.start));
        let (placed, orphans): (Vec<usize>, Vec<usize>) = order
            .into_iter()
            .filter(|&i| self.matches(&notes.layer.annotations[i]))
            .partition(|&i| notes.resolved.get(i).is_some_and(|r| r.status != AnchorStatus::Orphaned));
        egui::ScrollArea::vertical().auto_shrink([false, false]).id_salt("annotations").show(ui, |ui| {
            if notes.layer.annotations.is_empty() {
                ui.weak("Select text in the case and pick a colour to highlight it.");
            }
            for i in placed {
                commands.extend(self.entry_ui(ui, notes, i, selected, palette, has_selection));
            }
            if !orphans.is_empty() {
                ui.add_space(8.0);
                ui.label(RichText::new(format!("Orphans ({})", orphans.len())).strong());
                ui.weak("Their passages are no longer in the case. Select the passage anew, then re-attach.");
                for i in orphans {
                    commands.extend(self.entry_ui(ui, notes, i, selected, palette, has_selection));
                }
            }
        });
        commands
    }

    fn entry_ui(
        &mut self,
        ui: &mut Ui,
        notes: &Notes,
        i: usize,
        selected: Option<&str>,
        palette: &Palette,
        has_selection: bool,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let a = &notes.layer.annotations[i];
        let status = notes.resolved.get(i).map_or(AnchorStatus::Orphaned, |r| r.status);
        let is_selected = selected == Some(a.id.as_str());
        let fill = if is_selected { palette.page } else { palette.chrome };
        egui::Frame::new().fill(fill).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                ui.label(RichText::new("●").color(palette.mark_swatch(a.color)).size(18.0));
                let quote = RichText::new(format!("“{}”", shorten(&a.target.quote.exact, 140))).italics();
                let response = ui.add(egui::Label::new(quote).wrap().sense(egui::Sense::click()));
                if response.on_hover_text("Show in the case").clicked() {
                    commands.push(Command::RevealAnnotation(a.id.clone()));
                }
            });
            if status == AnchorStatus::Fuzzy {
                ui.horizontal(|ui| {
                    ui.colored_label(palette.error, "⚠ Check this: the passage changed");
                    if ui
                        .add_enabled(notes.editable(), egui::Button::new("Confirm"))
                        .on_hover_text("It is the right passage: keep it")
                        .clicked()
                    {
                        commands.push(Command::ConfirmAnnotation(a.id.clone()));
                    }
                });
            }
            if status == AnchorStatus::Orphaned {
                let reattach = egui::Button::new("Re-attach to selection");
                if ui.add_enabled(notes.editable() && has_selection, reattach).clicked() {
                    commands.push(Command::ReattachAnnotation(a.id.clone()));
                }
            }
            if !is_selected {
                if !a.note.is_empty() {
                    ui.label(shorten(&a.note, 200));
                }
                let mut facts: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
                if a.private {
                    facts.push("🔒 private".to_owned());
                }
                if !facts.is_empty() {
                    ui.label(RichText::new(facts.join("  ")).small().color(palette.accent));
                }
                return;
            }
            commands.extend(self.editor_ui(ui, notes, a, palette));
        });
        ui.add_space(4.0);
        commands
    }

    fn editor_ui(&mut self, ui: &mut Ui, notes: &Notes, stored: &Annotation, palette: &Palette) -> Vec<Command> {
        // Start editing afresh when another annotation is selected or it changed elsewhere
        // (undo, a merge).
        if self.draft.as_ref().is_none_or(|(_, from)| from != stored) {
            self.draft = Some((stored.clone(), stored.clone()));
            self.tags_text = stored.tags.join(", ");
        }
        let Some((draft, _)) = self.draft.as_mut() else { return Vec::new() };
        let enabled = notes.editable();
        ui.add_enabled_ui(enabled, |ui| {
            ui.label("Note");
            let note = egui::TextEdit::multiline(&mut draft.note)
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .hint_text("Markdown")
                .id_salt("annotation-note");
            let response = ui.add(note);
            if self.focus_note {
                response.request_focus();
                self.focus_note = false;
            }
            ui.horizontal(|ui| {
                ui.label("Tags");
                let tags = egui::TextEdit::singleline(&mut self.tags_text)
                    .hint_text("comma, separated")
                    .id_salt("annotation-tags");
                if ui.add(tags).changed() {
                    draft.tags =
                        self.tags_text.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
                }
            });
            ui.horizontal_wrapped(|ui| {
                for color in Color::ALL {
                    let label =
                        RichText::new(format!("● {}", notes.layer.color_name(color))).color(palette.mark_swatch(color));
                    if ui.selectable_label(draft.color == color, label).clicked() {
                        draft.color = color;
                    }
                }
            });
            ui.checkbox(&mut draft.private, "Private: only for me, never for students or the projector");
        });
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            if ui.add_enabled(enabled, egui::Button::new("Delete")).clicked() {
                commands.push(Command::DeleteAnnotation(stored.id.clone()));
            }
            if ui.button("Close").clicked() {
                commands.push(Command::SelectAnnotation(None));
            }
        });
        let edited = Annotation { modified_unix_ms: stored.modified_unix_ms, ..draft.clone() };
        if edited != *stored {
            let edited = Annotation { modified_unix_ms: now_unix_ms(), ..edited };
            if let Some((_, from)) = self.draft.as_mut() {
                *from = edited.clone();
            }
            commands.push(Command::EditAnnotation(edited));
        }
        commands
    }
}
