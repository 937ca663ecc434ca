//! The annotations panel: the selected annotation's editor, then every annotation in document
//! order (only the rows in view are drawn, so ten thousand cost what a screenful does), with
//! filters, and the orphans that lost their passage.

use std::collections::{BTreeMap, BTreeSet};

use casebook_core::anchor::AnchorStatus;
use casebook_core::layer::{Annotation, Color, now_unix_ms};
use casebook_core::session::{Edit, ImportKind, SaveStatus, Session};
use egui::{RichText, Ui};

use super::command::Command;
use super::theme::Palette;

/// The height of a row of the list: a quote and a line of note, tags or status.
const ROW_PT: f32 = 58.0;

#[derive(Default)]
pub struct AnnotationsPanel {
    filter: String,
    hidden_colors: BTreeSet<Color>,
    /// The selected annotation as being edited, and the stored value it was taken from.
    draft: Option<(Annotation, Annotation)>,
    tags_text: String,
    /// Colour names being typed; each is applied when its field loses focus.
    color_edits: BTreeMap<Color, String>,
    /// Put the cursor in the note editor on the next frame (after "Note…").
    pub focus_note: bool,
    /// Import the next file's annotations as private.
    import_private: bool,
    /// The rows shown, by index in the layer: placed ones in text order, then orphans. Kept
    /// while the annotations and the filters are as they were.
    rows: Option<(RowsKey, Vec<usize>, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    revision: u64,
    filter: String,
    hidden: BTreeSet<Color>,
}

fn shorten(text: &str, max_chars: usize) -> String {
    let mut s: String = text.chars().take(max_chars).collect();
    if text.chars().count() > max_chars {
        s.push('…');
    }
    s.replace('\n', " ")
}

/// A colour's name with a swatch, so colour never speaks alone.
/// Only the square is in the colour: a name in yellow on the panel would be unreadable.
fn swatch(color: Color, name: &str, palette: &Palette) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let format = |color| egui::TextFormat {
        font_id: egui::FontId::proportional(super::theme::size::UI_BODY_PT),
        color,
        ..Default::default()
    };
    job.append("■ ", 0.0, format(palette.mark_swatch(color)));
    job.append(name, 0.0, format(palette.text));
    job
}

impl AnnotationsPanel {
    fn matches(&self, a: &Annotation, query: &str) -> bool {
        !self.hidden_colors.contains(&a.color)
            && (query.is_empty()
                || a.target.quote.exact.to_lowercase().contains(query)
                || a.note.to_lowercase().contains(query)
                || a.tags.iter().any(|t| t.to_lowercase().contains(query)))
    }

    /// The rows to show: placed annotations in text order, then orphans; and how many are placed.
    fn rows(&mut self, session: &Session) -> (Vec<usize>, usize) {
        // Without a filter, the rows change only when passages or colours do, not at every
        // keystroke in a note.
        let revisions = session.revisions();
        let key = RowsKey {
            revision: if self.filter.trim().is_empty() { revisions.anchors } else { revisions.annotations },
            filter: self.filter.clone(),
            hidden: self.hidden_colors.clone(),
        };
        if let Some((k, rows, placed)) = &self.rows
            && *k == key
        {
            return (rows.clone(), *placed);
        }
        let query = self.filter.trim().to_lowercase();
        let mut order: Vec<(usize, usize)> = session
            .annotations()
            .enumerate()
            .filter(|(_, (a, _))| self.matches(a, &query))
            .map(|(i, (_, r))| {
                (r.range.as_ref().filter(|_| r.status != AnchorStatus::Orphaned).map_or(usize::MAX, |r| r.start), i)
            })
            .collect();
        order.sort_unstable();
        let placed = order.iter().filter(|(at, _)| *at != usize::MAX).count();
        let rows: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
        self.rows = Some((key, rows.clone(), placed));
        (rows, placed)
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        selected: Option<&str>,
        palette: &Palette,
        has_selection: bool,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let layer = session.layer();
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Annotations ({})", layer.annotations.len())).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (text, color) = match session.save_status() {
                    SaveStatus::Saved => ("Saved".to_owned(), palette.muted),
                    SaveStatus::Unsaved | SaveStatus::Saving => ("Saving…".to_owned(), palette.muted),
                    SaveStatus::Failed(e) => (format!("Not saved: {e}"), palette.error),
                };
                ui.label(RichText::new(text).small().color(color));
            });
        });
        if let Some(problem) = session.problem() {
            egui::Frame::new().fill(palette.error_bg).inner_margin(8.0).show(ui, |ui| {
                ui.label(RichText::new(problem).color(palette.error));
                ui.label("The file is kept as it is. Annotations can't be changed until you start a fresh layer; the damaged file is then set aside, not deleted.");
                if ui.button("Start a fresh layer").clicked() {
                    commands.push(Command::Edit(Edit::StartFresh));
                }
            });
        }
        ui.separator();
        commands.extend(self.filters_ui(ui, session, palette));
        ui.separator();
        if let Some((a, resolved)) = selected.and_then(|id| session.annotation(id)) {
            egui::Frame::new().fill(palette.page).inner_margin(6.0).corner_radius(4.0).show(ui, |ui| {
                ui.set_width(ui.available_width());
                commands.extend(self.entry_ui(ui, session, a, resolved.status, palette, has_selection, true));
                commands.extend(self.editor_ui(ui, session, a, palette));
            });
            ui.separator();
        }
        if layer.annotations.is_empty() {
            ui.weak("Select text in the case and pick a colour to highlight it.");
            return commands;
        }
        let (rows, placed) = self.rows(session);
        if placed < rows.len() {
            ui.weak(format!(
                "{} orphans at the end: their passages are no longer in the case. Select the passage anew, then re-attach.",
                rows.len() - placed
            ));
        }
        let list = egui::ScrollArea::vertical().auto_shrink([false, false]).id_salt("annotations");
        list.show_rows(ui, ROW_PT, rows.len(), |ui, shown| {
            for &i in &rows[shown] {
                let a = &layer.annotations.as_slice()[i];
                let status = session.annotation(&a.id).map_or(AnchorStatus::Orphaned, |(_, r)| r.status);
                let is_selected = selected == Some(a.id.as_str());
                let fill = if is_selected { palette.page } else { palette.chrome };
                egui::Frame::new().fill(fill).inner_margin(4.0).corner_radius(4.0).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.set_height(ROW_PT - 12.0);
                    commands.extend(self.entry_ui(ui, session, a, status, palette, has_selection, false));
                });
                ui.add_space(4.0);
            }
        });
        commands
    }

    fn filters_ui(&mut self, ui: &mut Ui, session: &Session, palette: &Palette) -> Vec<Command> {
        let mut commands = Vec::new();
        let layer = session.layer();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("text or tag")
                    .desired_width(150.0)
                    .id_salt("annotation-filter"),
            )
            .labelled_by(label.id);
        });
        ui.horizontal_wrapped(|ui| {
            for color in Color::ALL {
                let mut shown = !self.hidden_colors.contains(&color);
                let name = layer.color_name(color);
                let toggle = ui.checkbox(&mut shown, swatch(color, name, palette));
                if toggle.on_hover_text(format!("Show or hide the {name} highlights")).changed() {
                    if shown {
                        self.hidden_colors.remove(&color);
                    } else {
                        self.hidden_colors.insert(color);
                    }
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let import = ui.add_enabled(session.editable(), egui::Button::new("Import annotations…"));
            let hint = "Add annotations from a W3C Web Annotation or Hypothesis file";
            if import.on_hover_text(hint).clicked() {
                commands.push(Command::Import(ImportKind::Annotations { private: self.import_private }));
            }
            ui.checkbox(&mut self.import_private, "as private").on_hover_text(
                "Only for you: never for students or the projector. Hypothesis annotations that only you or a private group could read are always imported as private.",
            );
        });
        ui.collapsing("Colour names", |ui| {
            for color in Color::ALL {
                ui.horizontal(|ui| {
                    let label = ui.label(swatch(color, color.default_name(), palette));
                    let name = self.color_edits.entry(color).or_insert_with(|| layer.color_name(color).to_owned());
                    let edit = egui::TextEdit::singleline(name).desired_width(160.0).id_salt(("color-name", color));
                    let response = ui.add_enabled(session.editable(), edit).labelled_by(label.id);
                    if response.lost_focus() {
                        commands.push(Command::Edit(Edit::RenameColor(color, name.clone())));
                    }
                    if !response.has_focus() {
                        // Shown afresh from the layer, which undo may have changed.
                        self.color_edits.remove(&color);
                    }
                });
            }
        });
        commands
    }

    /// One annotation: its colour, quote, status and (unless open) note and tags.
    #[allow(clippy::too_many_arguments)]
    fn entry_ui(
        &self,
        ui: &mut Ui,
        session: &Session,
        a: &Annotation,
        status: AnchorStatus,
        palette: &Palette,
        has_selection: bool,
        open: bool,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal_top(|ui| {
            let name = session.layer().color_name(a.color);
            // A label's name is its text for a screen reader: say the colour, not the square.
            let said = format!("{name} highlight");
            ui.label(RichText::new("■").color(palette.mark_swatch(a.color)))
                .on_hover_text(name)
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &said));
            let shown = format!("“{}”", shorten(&a.target.quote.exact, 140));
            // Said with its colour's name and its status, which the eye gets from colour.
            let status = crate::ui::accessibility::status_words(status).map_or(String::new(), |s| format!(". {s}"));
            let spoken = format!("{name} highlight: {shown}{status}");
            let label = egui::Label::new(RichText::new(shown).italics()).sense(egui::Sense::click());
            let label = if open { label.wrap() } else { label.truncate() };
            let label = ui.add(label);
            label.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &spoken));
            if label.on_hover_text("Show in the case").clicked() {
                commands.push(Command::RevealAnnotation(a.id.clone()));
            }
        });
        ui.horizontal(|ui| match status {
            AnchorStatus::Fuzzy => {
                ui.colored_label(palette.error, "Check this: the passage changed");
                let confirm = ui.add_enabled(session.editable(), egui::Button::new("Confirm").small());
                if confirm.on_hover_text("It is the right passage: keep it").clicked() {
                    commands.push(Command::Edit(Edit::ConfirmAnnotation(a.id.clone())));
                }
            }
            AnchorStatus::Orphaned => {
                ui.colored_label(palette.error, "Orphaned: not found in the case");
                let reattach = egui::Button::new("Re-attach to selection").small();
                if ui.add_enabled(session.editable() && has_selection, reattach).clicked() {
                    commands.push(Command::ReattachToSelection(a.id.clone()));
                }
            }
            AnchorStatus::Exact | AnchorStatus::Moved if !open => {
                let mut facts: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
                if a.private {
                    facts.push("private".to_owned());
                }
                let note = shorten(&a.note, 120);
                let line = [note, facts.join("  ")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
                if !line.is_empty() {
                    ui.add(egui::Label::new(RichText::new(line.join(" · ")).small()).truncate());
                }
            }
            AnchorStatus::Exact | AnchorStatus::Moved => {}
        });
        commands
    }

    fn editor_ui(&mut self, ui: &mut Ui, session: &Session, stored: &Annotation, palette: &Palette) -> Vec<Command> {
        // Start editing afresh when another annotation is selected or it changed elsewhere
        // (undo, a merge).
        if self.draft.as_ref().is_none_or(|(_, from)| from != stored) {
            self.draft = Some((stored.clone(), stored.clone()));
            self.tags_text = stored.tags.join(", ");
        }
        let Some((draft, _)) = self.draft.as_mut() else { return Vec::new() };
        let enabled = session.editable();
        ui.add_enabled_ui(enabled, |ui| {
            let label = ui.label("Note");
            let note = egui::TextEdit::multiline(&mut draft.note)
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .hint_text("Markdown")
                .id_salt("annotation-note");
            let response = ui.add(note).labelled_by(label.id);
            if self.focus_note {
                response.request_focus();
                self.focus_note = false;
            }
            ui.horizontal(|ui| {
                let label = ui.label("Tags");
                let tags = egui::TextEdit::singleline(&mut self.tags_text)
                    .hint_text("comma, separated")
                    .id_salt("annotation-tags");
                if ui.add(tags).labelled_by(label.id).changed() {
                    draft.tags =
                        self.tags_text.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
                }
            });
            ui.horizontal_wrapped(|ui| {
                for color in Color::ALL {
                    let name = session.layer().color_name(color);
                    if ui.selectable_label(draft.color == color, swatch(color, name, palette)).clicked() {
                        draft.color = color;
                    }
                }
            });
            ui.checkbox(&mut draft.private, "Private: only for me, never for students or the projector");
        });
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            if ui.add_enabled(enabled, egui::Button::new("Delete")).clicked() {
                commands.push(Command::Edit(Edit::DeleteAnnotation(stored.id.clone())));
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
            commands.push(Command::Edit(Edit::PutAnnotation(edited)));
        }
        commands
    }
}
