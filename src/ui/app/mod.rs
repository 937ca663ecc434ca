//! The app shell: routes what panels ask for to the session or to the views, and carries out
//! what the session returns. Opening cases is in `opening.rs`, the bars in `chrome.rs`,
//! presenting in `presenting.rs`.

mod chrome;
mod opening;
mod presenting;

use std::path::PathBuf;

use casebook_core::case::{Case, Library, Scan};
use casebook_core::convert::Report;
use casebook_core::session::{Dialog, Edit, Effect, Notice, Selected, Settings, open_link};
use egui::Ui;

use self::opening::Loading;
use crate::ui::actions::{self, Action};
use crate::ui::case_view::CaseView;
use crate::ui::command::Command;
use crate::ui::dialogs::Dialogs;
use crate::ui::importing::Importing;
use crate::ui::library_view::LibraryView;
use crate::ui::search_window::NoteSearch;
use crate::ui::text_scale::SystemTextScale;
use crate::ui::theme::{palette, size};
use crate::ui::{fonts, help};

const SETTINGS_KEY: &str = "casebook-settings";

/// How the app was started.
#[derive(Clone, Debug, Default)]
pub struct Start {
    /// A case, Markdown file or folder of cases named on the command line.
    pub path: Option<PathBuf>,
    /// Where the bundled samples are installed and personal data lives.
    pub data_dir: PathBuf,
    /// Ignore remembered settings (for tests and `--fresh`).
    pub fresh: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Library,
    Reader,
}

pub struct App {
    settings: Settings,
    library: Library,
    scan: Option<Scan>,
    library_view: LibraryView,
    view: View,
    open: Option<CaseView>,
    loading: Option<Loading>,
    notice: Option<Notice>,
    show_help: bool,
    dialogs: Dialogs,
    search: NoteSearch,
    /// A passage to show once the case being opened is there.
    pending_reveal: Option<casebook_core::anchor::Selector>,
    /// A path being typed for a dialog, where no file chooser opens.
    prompt: Option<(Dialog, String)>,
    /// An export that would replace a file, waiting for the user to say yes.
    confirm_replace: Option<(Dialog, PathBuf)>,
    /// A document being made into a case.
    importing: Option<Importing>,
    /// The report of the last import, with its file, until the user closes it.
    import_report: Option<(PathBuf, Report)>,
    window_title: String,
    /// The desktop's text size, until it has answered.
    text_scale: Option<SystemTextScale>,
    data_dir: PathBuf,
    ctx: egui::Context,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, start: Start) -> Self {
        let settings =
            if start.fresh { None } else { cc.storage.and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY)) };
        Self::with_settings(&cc.egui_ctx, start, settings.unwrap_or_default())
    }

    pub fn with_settings(ctx: &egui::Context, start: Start, mut settings: Settings) -> Self {
        // Settings are a file on disk that anyone may edit: keep the zoom usable.
        settings.zoom =
            if settings.zoom.is_finite() { settings.zoom.clamp(size::ZOOM_MIN, size::ZOOM_MAX) } else { 1.0 };
        ctx.set_fonts(fonts::definitions());
        // Ctrl +/− zoom the reading text, not the whole interface.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.global_style_mut(size::apply_text_styles);
        let waker = ctx.clone();
        let mut app = Self {
            settings,
            library: Library::default(),
            scan: None,
            library_view: LibraryView::default(),
            view: View::Library,
            open: None,
            loading: None,
            notice: None,
            show_help: false,
            dialogs: Dialogs::default(),
            search: NoteSearch::new(move || waker.request_repaint()),
            pending_reveal: None,
            prompt: None,
            confirm_replace: None,
            importing: None,
            import_report: None,
            window_title: String::new(),
            text_scale: Some(SystemTextScale::ask({
                let ctx = ctx.clone();
                move || ctx.request_repaint()
            })),
            data_dir: start.data_dir.clone(),
            ctx: ctx.clone(),
        };
        ctx.set_visuals(palette(app.settings.theme).visuals());
        let library_root = app.initial_library(start.path.as_deref());
        app.load_library(&library_root);
        match start.path {
            Some(path) => app.apply(Command::OpenPath(path)),
            None => {
                if let Some(last) = app.settings.last_case.clone().filter(|p| p.exists()) {
                    app.apply(Command::OpenCase(last));
                }
            }
        }
        app
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Whether the library's cards are all read.
    pub fn library_ready(&self) -> bool {
        self.scan.is_none()
    }

    /// The open case, with its session, reader and panels.
    pub fn case_view(&self) -> Option<&CaseView> {
        self.open.as_ref()
    }

    pub fn case_view_mut(&mut self) -> Option<&mut CaseView> {
        self.open.as_mut()
    }

    pub fn case(&self) -> Option<&Case> {
        self.open.as_ref().map(|o| o.session.case())
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The search across notes: whether its window is open, and the hits shown.
    pub fn search_hits(&self) -> Option<&[casebook_core::views::search::Hit]> {
        self.search.is_open().then(|| self.search.hits())
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    pub(super) fn now(&self) -> f64 {
        self.ctx.input(|i| i.time)
    }

    /// Saves the open case's notes and returns the settings to persist, with the reader's
    /// position: what happens when the app closes.
    pub fn save_now(&mut self) -> Settings {
        self.save_notes_now();
        self.remember_position();
        self.settings.clone()
    }

    pub(super) fn notify(&mut self, notice: Notice) {
        if notice.error {
            log::warn!("{}", notice.text);
        }
        self.notice = Some(notice);
    }

    /// Carries out a command: a change goes to the session, the rest changes what is shown.
    pub fn apply(&mut self, command: Command) {
        let now = self.now();
        match command {
            Command::Edit(edit) => {
                if let Some(open) = &mut self.open {
                    let effects = open.session.apply(edit, now);
                    self.carry_out(effects);
                }
            }
            Command::Action(action) => self.act(action, now),
            Command::OpenCase(path) => self.open_case(path),
            Command::ShowReader => {
                if self.open.is_some() {
                    self.view = View::Reader;
                }
            }
            Command::OpenPath(path) => self.open_path(path),
            Command::ImportDocument(path) => self.start_import(&path),
            Command::CancelImport => {
                if let Some(importing) = &self.importing {
                    importing.cancel();
                }
            }
            Command::CloseImportReport => self.import_report = None,
            Command::Ask(dialog) => self.dialogs.ask(&self.ctx, dialog),
            Command::PromptPath(dialog) => self.prompt = Some((dialog, String::new())),
            Command::Answer(dialog, path) => self.answered(dialog, Some(path), false),
            Command::Replace(dialog, path) => {
                self.confirm_replace = None;
                self.answered(dialog, Some(path), true);
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.ctx.set_visuals(palette(theme).visuals());
            }
            Command::OpenLink(url) => self.carry_out(vec![open_link(&url)]),
            Command::DismissNotice => self.notice = None,
            Command::CloseHelp => self.show_help = false,
            Command::ToggleTimelinePlacement => self.settings.timeline_beside = !self.settings.timeline_beside,
            Command::ToggleSuggestions => {
                self.settings.show_suggestions = !self.settings.show_suggestions;
                if let Some(open) = &mut self.open {
                    open.session.set_show_suggestions(self.settings.show_suggestions);
                }
            }
            Command::ToggleShared => self.settings.show_shared = !self.settings.show_shared,
            Command::SetPackResults(include) => self.settings.pack_results = include,
            Command::SetRole(role) => self.set_role(role),
            Command::SetUserName(name) => self.settings.user_name = name,
            Command::SearchNotes { query, all_cases } => {
                let only = self.open.as_ref().filter(|_| !all_cases).map(|o| o.session.case().path.clone());
                self.search.ask(query, all_cases, only.as_deref());
            }
            Command::OpenHit(hit) => self.open_hit(hit, now),
            Command::Export(format) => {
                let effect = self.open.as_ref().map(|o| o.session.ask_export(format));
                self.carry_out(effect.into_iter().collect());
            }
            Command::Import(kind) => {
                let effect = self.open.as_ref().map(|o| o.session.ask_import(kind));
                self.carry_out(effect.into_iter().collect());
            }
            Command::StopPresentation => self.stop_presentation(),
            Command::EventAtText(_) | Command::RevealEvent(_) => {
                self.settings.show_timeline = true;
                self.pass_to_case(command, now);
            }
            command => self.pass_to_case(command, now),
        }
    }

    fn pass_to_case(&mut self, command: Command, now: f64) {
        if let Some(open) = &mut self.open {
            let effects = open.apply(command, now);
            self.carry_out(effects);
        }
    }

    /// The actions of the table: keys, buttons and menu items.
    fn act(&mut self, action: Action, now: f64) {
        let s = &mut self.settings;
        match action {
            Action::Undo => self.apply(Command::Edit(Edit::Undo)),
            Action::Redo => self.apply(Command::Edit(Edit::Redo)),
            Action::SearchNotes => self.search.toggle(),
            Action::ZoomIn => s.zoom = (s.zoom * size::ZOOM_STEP).min(size::ZOOM_MAX),
            Action::ZoomOut => s.zoom = (s.zoom / size::ZOOM_STEP).max(size::ZOOM_MIN),
            Action::ZoomReset => s.zoom = 1.0,
            Action::ToggleOutline => s.show_outline = !s.show_outline,
            // The annotations and the plan share the column at the right, so the text keeps its room.
            Action::ToggleAnnotations => {
                s.show_annotations = !s.show_annotations;
                s.show_plan &= !s.show_annotations;
            }
            Action::TogglePlan => {
                s.show_plan = !s.show_plan;
                s.show_annotations &= !s.show_plan;
            }
            Action::ToggleTimeline => s.show_timeline = !s.show_timeline,
            Action::Help => self.show_help = !self.show_help,
            Action::ShowLibrary => {
                self.remember_position();
                self.view = View::Library;
                if let Some(root) = self.settings.library.clone() {
                    self.load_library(&root);
                }
            }
            Action::OpenFolder => self.dialogs.ask(&self.ctx, Dialog::Open),
            Action::Reload => {
                if let Some(path) = self.open.as_ref().map(|o| o.session.case().path.clone()) {
                    self.open_case(path);
                }
            }
            Action::Present | Action::PresentWithConsole => self.start_presentation(action, now),
            other => self.pass_to_case(Command::Action(other), now),
        }
    }

    /// Carries out what the session asked for.
    pub(super) fn carry_out(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::Notify(notice) => self.notify(notice),
                Effect::Ask(dialog) => self.dialogs.ask(&self.ctx, dialog),
                Effect::OpenUrl(url) => self.ctx.open_url(egui::OpenUrl::new_tab(url)),
                Effect::Select(selected) => {
                    if let Selected::Annotation { note: true, .. } = selected {
                        self.settings.show_annotations = true;
                        self.settings.show_plan = false;
                    }
                    if let Some(open) = &mut self.open {
                        open.select(selected);
                    }
                }
                Effect::Saved => {
                    if let Some(open) = &self.open {
                        self.search.update(open.search_entries());
                    }
                }
                Effect::CaseChanged(path) => self.open_case(path),
                Effect::WakeAfter(secs) => self.ctx.request_repaint_after(std::time::Duration::from_secs_f64(secs)),
            }
        }
    }

    /// The whole window. Public so tests can drive the app without eframe.
    pub fn ui(&mut self, ui: &mut Ui) {
        let now = ui.input(|i| i.time);
        self.poll(now);
        if self.presentation_ui(ui, now) {
            return;
        }
        let typing = ui.ctx().text_edit_focused();
        let mut commands: Vec<Command> =
            ui.input_mut(|i| actions::app_shortcuts(i, typing)).into_iter().map(Command::Action).collect();
        commands.extend(self.loose_keys(ui.ctx(), typing));
        commands.extend(self.chrome_ui(ui));
        commands.extend(self.search.ui(ui.ctx(), self.open.is_some()));
        commands.extend(self.import_ui(ui.ctx()));
        if self.show_help && help::ui(ui.ctx()) {
            commands.push(Command::CloseHelp);
        }
        if !commands.is_empty() {
            // Commands change what is drawn after this frame: draw it again now, not at the next
            // mouse move.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command);
        }
        self.update_title();
    }

    /// Takes in what came from other threads and other programs since the last frame.
    fn poll(&mut self, now: f64) {
        self.poll_library();
        self.poll_loading();
        self.poll_import();
        if let Some(scale) = self.text_scale.as_ref().and_then(SystemTextScale::poll) {
            // The whole interface grows with the desktop's text, as a browser's zoom does; the
            // reader's own zoom (Ctrl +/−) multiplies it.
            self.ctx.set_zoom_factor(scale);
            self.text_scale = None;
        }
        for (dialog, path) in self.dialogs.poll() {
            // The system's chooser has asked before replacing a file.
            self.answered(dialog, path, true);
        }
        if let Some(open) = &mut self.open {
            let mut effects = open.session.tick(now);
            if self.loading.is_none() {
                effects.extend(open.session.poll_files(now));
            }
            self.carry_out(effects);
        }
    }

    pub fn save_settings(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.save_now());
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_settings(storage);
    }

    /// The room server stops with the app, and its rounds are kept.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.stop_live();
        self.save_notes_now();
    }
}
