//! The timeline panel: the time view, and beside it the selected event with its editor, the
//! suggestions to accept or dismiss, and the eras.

pub mod canvas;
mod canvas_input;
mod frame;
pub mod view;

use std::collections::HashSet;

use egui::{RichText, Ui};

use super::command::Command;
use super::theme::Palette;
use canvas::{Canvas, CanvasInput};
use casebook_core::formats::export::Format;
use casebook_core::session::{Edit, ImportKind};
use casebook_core::timeline::chronology::{Chronology, Entry, Source};
use casebook_core::timeline::{Era, Event, PartialDate};

/// An event being written or changed, as the fields hold it.
#[derive(Clone, Debug, Default, PartialEq)]
struct Draft {
    /// Empty for a new event.
    id: String,
    date: String,
    end: String,
    title: String,
    lane: String,
    description: String,
    error: Option<String>,
}

impl Draft {
    fn of(event: &Event) -> Self {
        Self {
            id: event.id.clone(),
            date: event.date.to_iso(),
            end: event.end.map(|e| e.to_iso()).unwrap_or_default(),
            title: event.title.clone(),
            lane: event.lane.clone().unwrap_or_default(),
            description: event.description.clone(),
            error: None,
        }
    }

    /// The event the fields describe, keeping what the fields don't show (anchor, media).
    fn to_event(&self, original: Option<&Event>) -> Result<Event, String> {
        let date = PartialDate::parse(&self.date).map_err(|e| format!("Date: {e}"))?;
        let end = match self.end.trim() {
            "" => None,
            text => Some(PartialDate::parse(text).map_err(|e| format!("End: {e}"))?),
        };
        if end.is_some_and(|end| end < date) {
            return Err("The end is before the start.".to_owned());
        }
        if self.title.trim().is_empty() {
            return Err("Give the event a title.".to_owned());
        }
        let mut event = original.cloned().unwrap_or_else(|| Event::new(self.id.clone(), date, ""));
        event.date = date;
        event.end = end;
        event.title = self.title.trim().to_owned();
        event.lane = Some(self.lane.trim().to_owned()).filter(|l| !l.is_empty());
        event.description = self.description.trim().to_owned();
        Ok(event)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
struct EraDraft {
    id: Option<String>,
    title: String,
    start: String,
    end: String,
    error: Option<String>,
}

impl EraDraft {
    fn to_era(&self) -> Result<Era, String> {
        let start = PartialDate::parse(&self.start).map_err(|e| format!("Start: {e}"))?;
        let end = PartialDate::parse(&self.end).map_err(|e| format!("End: {e}"))?;
        if end < start {
            return Err("The end is before the start.".to_owned());
        }
        if self.title.trim().is_empty() {
            return Err("Give the era a title.".to_owned());
        }
        Ok(Era { title: self.title.trim().to_owned(), start, end })
    }
}

/// What the panel draws this frame.
pub struct PanelInput<'a> {
    pub chronology: &'a Chronology,
    pub rev: u64,
    pub palette: &'a Palette,
    pub beside: bool,
    pub show_suggestions: bool,
    pub editable: bool,
    pub selected: Option<&'a str>,
    pub in_view: &'a HashSet<usize>,
    pub reading: Option<PartialDate>,
    /// Text is selected in the reader, so an event can be anchored to it.
    pub has_selection: bool,
    pub dismissed: usize,
}

pub struct TimelinePanel {
    pub canvas: Canvas,
    draft: Option<Draft>,
    era_draft: Option<EraDraft>,
    /// The title typed for accepting the selected suggestion, by its key.
    accept_title: Option<(String, String)>,
}

impl Default for TimelinePanel {
    fn default() -> Self {
        Self {
            canvas: Canvas::new(egui::Id::unique("timeline-canvas")),
            draft: None,
            era_draft: None,
            accept_title: None,
        }
    }
}

impl TimelinePanel {
    pub fn ui(&mut self, ui: &mut Ui, input: &PanelInput<'_>) -> Vec<Command> {
        let mut commands = Vec::new();
        self.toolbar_ui(ui, input, &mut commands);
        ui.separator();
        let selected = input.selected.and_then(|id| input.chronology.get(id));
        if self.draft.as_ref().is_some_and(|d| !d.id.is_empty() && selected.is_none_or(|s| s.event.id != d.id)) {
            self.draft = None;
        }
        let canvas_input = CanvasInput {
            chronology: input.chronology,
            rev: input.rev,
            palette: input.palette,
            vertical: input.beside,
            selected: input.selected,
            in_view: input.in_view,
            reading: input.reading,
        };
        if input.beside {
            // Beside the text: the time view above, the details below it.
            let details_h = if selected.is_some() || self.draft.is_some() || self.era_draft.is_some() {
                (ui.available_height() * 0.42).clamp(150.0, 420.0)
            } else {
                0.0
            };
            let canvas_h = (ui.available_height() - details_h).max(160.0);
            ui.allocate_ui(egui::vec2(ui.available_width(), canvas_h), |ui| {
                commands.extend(self.canvas.ui(ui, &canvas_input));
            });
            if details_h > 0.0 {
                ui.separator();
                egui::ScrollArea::vertical().id_salt("timeline-details").show(ui, |ui| {
                    self.details_ui(ui, input, selected, &mut commands);
                });
            }
        } else {
            // Below the text: the details to the right of the time view, when there are any.
            let open = selected.is_some() || self.draft.is_some() || self.era_draft.is_some();
            if !open {
                commands.extend(self.canvas.ui(ui, &canvas_input));
                return commands;
            }
            let details_w = 340.0_f32.min(ui.available_width() * 0.4);
            let rect = ui.available_rect_before_wrap();
            let canvas_rect =
                egui::Rect::from_min_max(rect.min, egui::pos2(rect.right() - details_w - 12.0, rect.bottom()));
            let details_rect = egui::Rect::from_min_max(egui::pos2(rect.right() - details_w, rect.top()), rect.max);
            ui.scope_builder(egui::UiBuilder::new().max_rect(canvas_rect), |ui| {
                commands.extend(self.canvas.ui(ui, &canvas_input));
            });
            ui.scope_builder(egui::UiBuilder::new().max_rect(details_rect), |ui| {
                egui::ScrollArea::vertical().id_salt("timeline-details").show(ui, |ui| {
                    ui.set_max_width(details_w);
                    self.details_ui(ui, input, selected, &mut commands);
                });
            });
        }
        commands
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, input: &PanelInput<'_>, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Timeline").strong());
            let events = input.chronology.events().count();
            let suggested = input.chronology.entries.len() - events;
            ui.weak(format!("{events} events"));
            if ui.button("Fit all").on_hover_text("Show the whole timeline (Home)").clicked() {
                self.canvas.view = None;
            }
            if ui.button("−").accessible_name("Zoom out").on_hover_text("Zoom out (− or Ctrl+wheel)").clicked() {
                self.canvas.zoom(input.chronology, 1.0 / 1.5);
            }
            if ui.button("+").accessible_name("Zoom in").on_hover_text("Zoom in (+ or Ctrl+wheel)").clicked() {
                self.canvas.zoom(input.chronology, 1.5);
            }
            let label =
                if input.show_suggestions { format!("Suggested ({suggested})") } else { "Suggested".to_owned() };
            if ui
                .selectable_label(input.show_suggestions, label)
                .on_hover_text("Show the dates the text mentions that are not events yet")
                .clicked()
            {
                commands.push(Command::ToggleSuggestions);
            }
            if input.editable && ui.button("+ Event").on_hover_text("Add an event").clicked() {
                self.draft = Some(Draft::default());
                self.era_draft = None;
            }
            ui.menu_button("⋯", |ui| {
                if input.editable && ui.button("Add an era…").clicked() {
                    self.era_draft = Some(EraDraft::default());
                    self.draft = None;
                    ui.close();
                }
                let placement = if input.beside { "Move below the text" } else { "Move beside the text" };
                if ui.button(placement).clicked() {
                    commands.push(Command::ToggleTimelinePlacement);
                    ui.close();
                }
                ui.separator();
                if input.editable && ui.button("Import TimelineJS…").clicked() {
                    commands.push(Command::Import(ImportKind::Timeline));
                    ui.close();
                }
                if ui.button("Export TimelineJS…").clicked() {
                    commands.push(Command::Export(Format::Timelinejs));
                    ui.close();
                }
                if !input.chronology.eras.is_empty() {
                    ui.separator();
                    ui.weak("Eras");
                    for e in &input.chronology.eras {
                        ui.horizontal(|ui| {
                            ui.label(format!("{} ({} – {})", e.era.title, e.era.start, e.era.end));
                            if input.editable && ui.small_button("Edit").clicked() {
                                self.era_draft = Some(EraDraft {
                                    id: Some(e.id.clone()),
                                    title: e.era.title.clone(),
                                    start: e.era.start.to_iso(),
                                    end: e.era.end.to_iso(),
                                    error: None,
                                });
                                self.draft = None;
                                ui.close();
                            }
                            if input.editable && ui.small_button("Delete").clicked() {
                                commands.push(Command::Edit(Edit::DeleteEra(e.id.clone())));
                                ui.close();
                            }
                        });
                    }
                }
            })
            .response
            .accessible_name("More timeline actions")
            .on_hover_text("Eras, placement and more");
        });
    }

    fn details_ui(
        &mut self,
        ui: &mut Ui,
        input: &PanelInput<'_>,
        selected: Option<&Entry>,
        commands: &mut Vec<Command>,
    ) {
        if let Some(draft) = &mut self.era_draft {
            if era_editor_ui(ui, draft, commands) {
                self.era_draft = None;
            }
            return;
        }
        if let Some(draft) = &mut self.draft {
            let original = selected.map(|s| &s.event).filter(|e| e.id == draft.id);
            if event_editor_ui(ui, draft, original, input.chronology, commands) {
                self.draft = None;
            }
            return;
        }
        let Some(entry) = selected else {
            if input.dismissed > 0 {
                ui.weak(format!("{} dismissed suggestions are hidden.", input.dismissed));
            }
            return;
        };
        let event = &entry.event;
        ui.weak(event.when());
        if entry.is_suggestion() {
            ui.label(RichText::new("Suggested from the text").italics().color(input.palette.muted));
            ui.label(&event.description);
            let title = match &mut self.accept_title {
                Some((key, title)) if *key == event.id => title,
                slot => &mut slot.insert((event.id.clone(), event.title.clone())).1,
            };
            ui.add_space(4.0);
            let label = ui.label("Title");
            ui.add(egui::TextEdit::singleline(title).desired_width(f32::INFINITY)).labelled_by(label.id);
            ui.horizontal_wrapped(|ui| {
                let title = title.trim().to_owned();
                if ui.add_enabled(input.editable && !title.is_empty(), egui::Button::new("✔ Accept")).clicked() {
                    commands.push(Command::Edit(Edit::AcceptSuggestion { key: event.id.clone(), title }));
                }
                if ui
                    .add_enabled(input.editable, egui::Button::new("Dismiss"))
                    .on_hover_text("Never suggest this date again (undo brings it back)")
                    .clicked()
                {
                    commands.push(Command::Edit(Edit::DismissSuggestion(event.id.clone())));
                }
                if ui.button("Go to passage").clicked() {
                    commands.push(Command::RevealEvent(event.id.clone()));
                }
            });
            return;
        }
        ui.label(RichText::new(&event.title).strong().size(17.0));
        if let Some(lane) = &event.lane {
            ui.label(RichText::new(lane).color(input.palette.lane(entry.lane)));
        }
        if !event.description.is_empty() {
            ui.label(&event.description);
        }
        if let Some(media) = &event.media {
            ui.weak(format!("Media (not fetched): {}", media.url));
        }
        let origin = match entry.source {
            Source::Authored => "From the case file.",
            Source::Edited => "From the case file, changed in your notes; the case file is unchanged.",
            _ => "Added in your notes.",
        };
        ui.weak(origin);
        if entry.range.is_none() {
            ui.weak("Not linked to a passage yet: select one in the text and press “Link to selection”.");
        }
        ui.horizontal_wrapped(|ui| {
            if entry.range.is_some() && ui.button("Go to passage").clicked() {
                commands.push(Command::RevealEvent(event.id.clone()));
            }
            if !input.editable {
                return;
            }
            if ui.button("Edit").clicked() {
                self.draft = Some(Draft::of(event));
            }
            if ui
                .add_enabled(input.has_selection, egui::Button::new("Link to selection"))
                .on_hover_text("Anchor this event to the passage selected in the text")
                .on_disabled_hover_text("Select a passage in the text first")
                .clicked()
            {
                commands.push(Command::AnchorEventToSelection(event.id.clone()));
            }
            if entry.source == Source::Edited && ui.button("Restore original").clicked() {
                commands.push(Command::Edit(Edit::RestoreEvent(event.id.clone())));
            }
            let delete = if entry.source == Source::Added { "Delete" } else { "Hide" };
            if ui.button(delete).clicked() {
                commands.push(Command::Edit(Edit::DeleteEvent(event.id.clone())));
            }
        });
    }
}

/// The event editor; true when it is done (saved or cancelled).
fn event_editor_ui(
    ui: &mut Ui,
    draft: &mut Draft,
    original: Option<&Event>,
    chronology: &Chronology,
    commands: &mut Vec<Command>,
) -> bool {
    let mut done = false;
    ui.strong(if draft.id.is_empty() { "New event" } else { "Edit event" });
    egui::Grid::new("event-editor").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let label = ui.label("Date");
        ui.add(egui::TextEdit::singleline(&mut draft.date).hint_text("2022-05-26").desired_width(140.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("End");
        ui.add(egui::TextEdit::singleline(&mut draft.end).hint_text("optional").desired_width(140.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Title");
        ui.add(egui::TextEdit::singleline(&mut draft.title).desired_width(f32::INFINITY)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Lane");
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut draft.lane).hint_text("optional").desired_width(120.0))
                .labelled_by(label.id);
            egui::ComboBox::from_id_salt("lanes")
                .selected_text("")
                .width(24.0)
                .show_ui(ui, |ui| {
                    for lane in chronology
                        .lanes
                        .iter()
                        .filter(|l| l.as_str() != casebook_core::timeline::chronology::SUGGESTED_LANE)
                    {
                        ui.selectable_value(&mut draft.lane, lane.clone(), lane);
                    }
                })
                .response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Pick a lane"));
        });
        ui.end_row();
    });
    let label = ui.label("Description");
    ui.add(egui::TextEdit::multiline(&mut draft.description).desired_rows(3).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.weak("Dates: YYYY, YYYY-MM or YYYY-MM-DD; “c. 1520” and “500 BCE” work too.");
    if let Some(error) = &draft.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            match draft.to_event(original) {
                Ok(event) => {
                    commands.push(Command::Edit(Edit::SaveEvent(event)));
                    done = true;
                }
                Err(e) => draft.error = Some(e),
            }
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    done
}

/// The era editor; true when it is done (saved or cancelled).
fn era_editor_ui(ui: &mut Ui, draft: &mut EraDraft, commands: &mut Vec<Command>) -> bool {
    let mut done = false;
    ui.strong(if draft.id.is_none() { "New era" } else { "Edit era" });
    egui::Grid::new("era-editor").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let label = ui.label("Title");
        ui.add(egui::TextEdit::singleline(&mut draft.title).desired_width(f32::INFINITY)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("Start");
        ui.add(egui::TextEdit::singleline(&mut draft.start).hint_text("2006-10").desired_width(140.0))
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label("End");
        ui.add(egui::TextEdit::singleline(&mut draft.end).hint_text("2017-12").desired_width(140.0))
            .labelled_by(label.id);
        ui.end_row();
    });
    if let Some(error) = &draft.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            match draft.to_era() {
                Ok(era) => {
                    commands.push(Command::Edit(Edit::SaveEra { id: draft.id.clone(), era }));
                    done = true;
                }
                Err(e) => draft.error = Some(e),
            }
        }
        if ui.button("Cancel").clicked() {
            done = true;
        }
    });
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_checks_its_dates_and_keeps_the_anchor() {
        let mut original = Event::new("e", PartialDate::year(2006), "Test");
        original.anchor = Some(casebook_core::anchor::Selector { quote: Default::default(), position: None });
        let mut draft = Draft::of(&original);
        draft.date = "2006-13".into();
        assert!(draft.to_event(Some(&original)).unwrap_err().starts_with("Date:"));
        draft.date = "2006-10-09".into();
        draft.end = "2005".into();
        assert_eq!(draft.to_event(Some(&original)).unwrap_err(), "The end is before the start.");
        draft.end = String::new();
        draft.lane = " DPRK ".into();
        let event = draft.to_event(Some(&original)).unwrap();
        assert_eq!(event.date, PartialDate::ymd(2006, 10, 9));
        assert_eq!(event.lane.as_deref(), Some("DPRK"));
        assert!(event.anchor.is_some(), "editing keeps the link to the passage");
    }
}
