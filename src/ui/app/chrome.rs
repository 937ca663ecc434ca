//! The window around the views: the top bar, the status bar, the notice, and the library or
//! the open case between them.

use casebook_core::session::{Role, SaveStatus};
use egui::{RichText, Ui};

use super::{App, View};
use crate::ui::actions::{self, Action};
use crate::ui::command::Command;
use crate::ui::library_view::thousands;
use crate::ui::theme::{ThemeChoice, palette, size};

impl App {
    pub(super) fn chrome_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let palette = palette(self.settings.theme);
        egui::Panel::top("top-bar").frame(egui::Frame::new().fill(palette.chrome).inner_margin(8.0)).show(ui, |ui| {
            commands.extend(self.top_bar_ui(ui));
        });
        egui::Panel::bottom("status-bar")
            .frame(egui::Frame::new().fill(palette.chrome).inner_margin(egui::Margin::symmetric(8, 4)))
            .show(ui, |ui| self.status_bar_ui(ui));
        egui::CentralPanel::no_frame().frame(egui::Frame::new().fill(palette.chrome)).show(ui, |ui| {
            commands.extend(self.notice_ui(ui));
            commands.extend(self.prompt_ui(ui));
            commands.extend(self.confirm_ui(ui));
            match (self.view, &mut self.open) {
                (View::Reader, Some(open)) => commands.extend(open.ui(ui, &self.settings)),
                _ => {
                    let margin = egui::Margin::symmetric(24, 0);
                    egui::Frame::new().fill(palette.chrome).inner_margin(margin).show(ui, |ui| {
                        ui.set_min_size(ui.available_size());
                        let recent = &self.settings.recent;
                        commands.extend(self.library_view.ui(ui, &self.library, self.scan.is_some(), recent, &palette));
                    });
                }
            }
        });
        commands
    }

    /// A button for an action of the table, with its hint and keys on hover.
    fn action_button(ui: &mut Ui, action: Action, label: &str, enabled: bool) -> bool {
        let hint = actions::hint(ui.ctx(), action);
        ui.add_enabled(enabled, egui::Button::new(label)).on_hover_text(hint).clicked()
    }

    /// A toggle for a panel, named in words.
    fn toggle(ui: &mut Ui, action: Action, label: &str, on: bool) -> bool {
        let hint = actions::hint(ui.ctx(), action);
        ui.selectable_label(on, label).on_hover_text(hint).clicked()
    }

    fn top_bar_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let on = |c: &mut Vec<Command>, clicked: bool, action: Action| {
            if clicked {
                c.push(Command::Action(action));
            }
        };
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 8.0;
            let title_of = self.open.as_ref().map(|o| o.session.case().title());
            if self.view == View::Reader {
                on(&mut commands, Self::action_button(ui, Action::ShowLibrary, "◀ Library", true), Action::ShowLibrary);
                if let Some(title) = &title_of {
                    // The controls on the right keep their room; a long title is shortened.
                    let controls_id = egui::Id::unique("top-bar-controls");
                    let controls_w = ui.data(|d| d.get_temp::<f32>(controls_id)).unwrap_or(700.0);
                    let title_w = (ui.available_width() - controls_w - 16.0).max(0.0);
                    let label = egui::Label::new(RichText::new(title).strong().size(size::UI_TITLE_PT)).truncate();
                    let area = egui::vec2(title_w.min(ui.available_width()), ui.spacing().interact_size.y);
                    ui.allocate_ui_with_layout(area, egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(label);
                    });
                }
            } else {
                ui.label(RichText::new("Casebook").strong().size(size::UI_TITLE_PT));
                if let Some(title) = &title_of
                    && ui.button(format!("▶ Back to {title}")).clicked()
                {
                    commands.push(Command::ShowReader);
                }
            }
            let controls = ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                on(&mut commands, Self::action_button(ui, Action::Help, "Help", true), Action::Help);
                on(
                    &mut commands,
                    Self::action_button(ui, Action::SearchNotes, "Search notes", true),
                    Action::SearchNotes,
                );
                commands.extend(self.role_menu_ui(ui));
                // One menu for the themes keeps the bar short enough for the case's title.
                ui.menu_button(format!("{} theme ▾", self.settings.theme.label()), |ui| {
                    for theme in ThemeChoice::ALL {
                        if ui.radio(self.settings.theme == theme, theme.label()).clicked() {
                            commands.push(Command::SetTheme(theme));
                            ui.close();
                        }
                    }
                })
                .response
                .on_hover_text("Theme: light, sepia or dark");
                ui.separator();
                if self.view == View::Reader && self.open.is_some() {
                    commands.extend(self.reader_controls_ui(ui));
                }
                ui.min_rect().width()
            });
            ui.data_mut(|d| d.insert_temp(egui::Id::unique("top-bar-controls"), controls.inner));
        });
        commands
    }

    fn role_menu_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let role = self.settings.role;
        let pack = self.open.as_ref().is_some_and(|o| o.session.student().is_some()) && role == Role::Instructor;
        let role_label = match role {
            _ if pack => "Student (case pack)",
            Role::Instructor => "Instructor",
            Role::Student => "Student",
        };
        ui.menu_button(role_label, |ui| {
            for (r, label) in [(Role::Instructor, "Instructor"), (Role::Student, "Student")] {
                if ui.radio(role == r, label).clicked() {
                    commands.push(Command::SetRole(r));
                    ui.close();
                }
            }
            ui.separator();
            let mut name = self.settings.user_name.clone();
            let label = ui.label("Your name, for exported notes");
            if ui.text_edit_singleline(&mut name).labelled_by(label.id).changed() {
                commands.push(Command::SetUserName(name));
            }
        })
        .response
        .on_hover_text("Your role: students keep their own notes and see only what the instructor shared");
        commands
    }

    /// Zoom, find, the panels, undo and redo: for the open case.
    fn reader_controls_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(open) = &self.open else { return commands };
        let s = &self.settings;
        let mut act = |clicked: bool, action: Action| {
            if clicked {
                commands.push(Command::Action(action));
            }
        };
        // One menu for the text size keeps the bar short enough for the case's title.
        let size = ui.menu_button(format!("Text {:.0}% ▾", s.zoom * 100.0), |ui| {
            for (action, label) in [
                (Action::ZoomIn, "Bigger text"),
                (Action::ZoomOut, "Smaller text"),
                (Action::ZoomReset, "Default size"),
            ] {
                if Self::action_button(ui, action, label, true) {
                    act(true, action);
                    ui.close();
                }
            }
        });
        size.response.on_hover_text("The size of the reading text (Ctrl + and Ctrl −)");
        ui.separator();
        act(Self::action_button(ui, Action::Find, "Find", true), Action::Find);
        act(Self::toggle(ui, Action::ToggleOutline, "Outline", s.show_outline), Action::ToggleOutline);
        let student = open.session.student().is_some();
        let plan_label = if student { "Questions" } else { "Plan" };
        act(Self::toggle(ui, Action::TogglePlan, plan_label, s.show_plan), Action::TogglePlan);
        if student
            && ui
                .selectable_label(s.show_shared, "Instructor's highlights")
                .on_hover_text("Show or hide the passages your instructor highlighted")
                .clicked()
        {
            commands.push(Command::ToggleShared);
        }
        let mut act = |clicked: bool, action: Action| {
            if clicked {
                commands.push(Command::Action(action));
            }
        };
        act(Self::toggle(ui, Action::ToggleTimeline, "Timeline", s.show_timeline), Action::ToggleTimeline);
        act(Self::toggle(ui, Action::ToggleAnnotations, "Annotations", s.show_annotations), Action::ToggleAnnotations);
        ui.separator();
        act(Self::action_button(ui, Action::Redo, "Redo", open.session.can_redo()), Action::Redo);
        act(Self::action_button(ui, Action::Undo, "Undo", open.session.can_undo()), Action::Undo);
        commands
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(loading) = &self.loading {
                ui.spinner();
                ui.label(format!("Opening {}…", loading.path.display()));
            } else if let (View::Reader, Some(open)) = (self.view, &self.open) {
                let case = open.session.case();
                ui.weak(case.path.display().to_string());
                ui.separator();
                ui.label(format!("{} words", thousands(open.words)));
                if !case.front.events.is_empty() {
                    ui.label(format!("· {} timeline events", case.front.events.len()));
                }
                ui.separator();
                let palette = palette(self.settings.theme);
                let count = open.session.layer().annotations.len();
                match open.session.save_status() {
                    SaveStatus::Saved => ui.label(format!("{count} annotations · Saved")),
                    SaveStatus::Unsaved | SaveStatus::Saving => ui.label("Saving…"),
                    SaveStatus::Failed(e) => ui.colored_label(palette.error, format!("Not saved: {e}")),
                };
            } else if self.scan.is_some() {
                ui.spinner();
                ui.weak(format!("Reading the library: {} cases so far", self.library.cases.len()));
            } else {
                ui.weak(format!("{} cases", self.library.cases.len()));
            }
        });
    }

    /// A path being typed, for a desktop where the file chooser can't open.
    fn prompt_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let (dialog, text) = self.prompt.as_mut()?;
        let mut command = None;
        let mut close = false;
        egui::Frame::new().inner_margin(8.0).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(format!("{}: type a path", dialog.title()));
                let field = egui::TextEdit::singleline(text).desired_width(420.0).id_salt("path-prompt");
                let response = ui.add(field).labelled_by(label.id);
                let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Go").clicked() || entered) && !text.trim().is_empty() {
                    let path = std::path::PathBuf::from(crate::ui::library_view::expand_home(text.trim()));
                    command = Some(Command::Answer(dialog.clone(), path));
                    close = true;
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.prompt = None;
        }
        command
    }

    /// Asks before an export replaces a file.
    fn confirm_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let (dialog, path) = self.confirm_replace.clone()?;
        let palette = palette(self.settings.theme);
        let mut command = None;
        egui::Frame::new().fill(palette.warning_bg).inner_margin(8.0).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{} exists. Replace it?", path.display()));
                if ui.button("Replace").clicked() {
                    command = Some(Command::Replace(dialog.clone(), path.clone()));
                }
                if ui.button("Cancel").clicked() {
                    self.confirm_replace = None;
                }
            });
        });
        command
    }

    fn notice_ui(&self, ui: &mut Ui) -> Option<Command> {
        let notice = self.notice.as_ref()?;
        let palette = palette(self.settings.theme);
        let mut command = None;
        egui::Frame::new()
            .fill(if notice.error { palette.error_bg } else { palette.warning_bg })
            .inner_margin(8.0)
            .show(ui, |ui| {
                // The whole row, not just the text: the panel below has no background of its own.
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(if notice.error { "Problem:" } else { "Note:" }).strong());
                    ui.label(&notice.text);
                    if ui.small_button("Dismiss").on_hover_text("Hide this message").clicked() {
                        command = Some(Command::DismissNotice);
                    }
                });
            });
        command
    }

    /// Keys that are not shortcuts: ? for help, Esc to close what is open.
    pub(super) fn loose_keys(&self, ctx: &egui::Context, typing: bool) -> Vec<Command> {
        let find_open = self.open.as_ref().is_some_and(|o| o.find.open);
        ctx.input(|i| {
            let mut commands = Vec::new();
            if !typing && i.events.iter().any(|e| matches!(e, egui::Event::Text(t) if t == "?")) {
                commands.push(Command::Action(Action::Help));
            }
            if i.key_pressed(egui::Key::Escape) {
                if self.show_help {
                    commands.push(Command::CloseHelp);
                } else if find_open {
                    commands.push(Command::CloseFind);
                }
            }
            commands
        })
    }

    pub(super) fn update_title(&mut self) {
        let title = match (&self.view, &self.open) {
            (View::Reader, Some(open)) => format!("{} — Casebook", open.session.case().title()),
            _ => "Casebook".to_owned(),
        };
        if title != self.window_title {
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}
