//! The app shell: the library and the reader, the top bar and the status bar, and `apply`,
//! the one place where commands change the model.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::annotations_panel::AnnotationsPanel;
use super::command::{Command, PathPurpose};
use super::find::Find;
use super::library_view::{LibraryView, thousands};
use super::notes_state::{Notes, SaveStatus, modified};
use super::plan_panel::{PlanInput, PlanPanel};
use super::presentation::{self, Presentation};
use super::reader::layout::Highlights;
use super::reader::marks::{Mark, Marks};
use super::reader::{Reader, ReaderInput, ScrollPos};
use super::settings::Settings;
use super::theme::{ThemeChoice, size};
use super::timeline::{PanelInput, TimelinePanel};
use super::{fonts, help, outline};
use crate::bundled;
use crate::case::{self, Case, Library, LoadError, OutlineEntry};
use crate::notes::layer::{new_id, now_unix_ms};
use crate::notes::{Annotation, Color, Selector};
use crate::plan::Question;
use crate::timeline::Event;
use crate::timeline::chronology::Source;

const SETTINGS_KEY: &str = "casebook-settings";
/// Cases smaller than this open at once; larger ones are read on a worker thread.
const SYNC_LOAD_BYTES: u64 = 2 * 1024 * 1024;

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

impl Start {
    /// The user's data directory, e.g. `~/.local/share/casebook`.
    pub fn data_dir() -> PathBuf {
        directories::ProjectDirs::from("org", "Casebook", "casebook")
            .map_or_else(|| PathBuf::from(".casebook"), |d| d.data_dir().to_owned())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Library,
    Reader,
}

struct Notice {
    text: String,
    error: bool,
}

/// The case in the reader, with everything that belongs to it.
struct OpenCase {
    case: Case,
    reader: Reader,
    outline: Vec<OutlineEntry>,
    find: Find,
    show_problems: bool,
    notes: Notes,
    /// The annotation shown in the panel's editor.
    selected: Option<String>,
    /// When `case.md` was last changed on disk, to notice edits made elsewhere.
    modified: Option<std::time::SystemTime>,
    last_poll_secs: f64,
    timeline: TimelinePanel,
    /// The timeline entry selected: an event id, or a suggestion's key.
    selected_event: Option<String>,
    /// The date mentions that lead to an event, for the chronology revision they were found in.
    date_links: (u64, Vec<std::ops::Range<usize>>),
    plan_panel: PlanPanel,
    presentation: Option<Presentation>,
    /// Student mode: `notes` is the student's own layer, and this the instructor's, read-only.
    student: Option<Student>,
}

/// What a student sees of the instructor's layer.
struct Student {
    /// With everything private taken out; never written.
    shared: crate::notes::Layer,
    marks: Marks,
    /// Where the student's notes are kept when the case folder can't be written.
    notes_elsewhere: Option<PathBuf>,
}

impl Student {
    fn open(case: &Case, data_dir: &Path) -> (Notes, Self, Option<String>) {
        let (path, elsewhere) = crate::notes::store::student_path(&case.path, data_dir);
        let mut notes = Notes::open_at(case, path.clone());
        let (shared, problem) = match crate::notes::store::load(&crate::notes::store::instructor_path(&case.path)) {
            Ok(loaded) => (crate::notes::pack::strip_private(&loaded.layer), None),
            Err(e) => (crate::notes::Layer::default(), Some(format!("The instructor's notes could not be read: {e}"))),
        };
        let mut student = Self { shared, marks: Marks::default(), notes_elsewhere: elsewhere.then_some(path) };
        student.case_changed(case, &mut notes);
        (notes, student, problem)
    }

    /// Anchors the instructor's highlights in the case as it now reads, and gives the student's
    /// timeline the instructor's version of the events and eras.
    fn case_changed(&mut self, case: &Case, notes: &mut Notes) {
        let text = &case.doc.text;
        let anchored = crate::notes::anchor_all(text, &self.shared);
        let marks = self
            .shared
            .annotations
            .iter()
            .zip(anchored)
            .filter_map(|(a, r)| {
                Some(Mark { range: r.range?, color: a.color, id: a.id.clone(), status: r.status, note: a.note.clone() })
            })
            .collect();
        self.marks = Marks::new(marks);
        let authored = (case.front.events.as_slice(), case.front.eras.as_slice());
        let theirs =
            crate::timeline::chronology::Chronology::new(authored, &self.shared, text, notes.index(), &[], false);
        let events = theirs.entries.into_iter().map(|e| e.event).collect();
        notes.set_authored(events, theirs.eras.into_iter().map(|e| e.era).collect(), text);
    }

    /// Highlights tagged "actor", the student's own and the instructor's, by where they are.
    fn people(&self, mine: &crate::notes::Layer) -> Vec<(String, Selector)> {
        let mut people: Vec<(String, Selector)> = mine
            .annotations
            .iter()
            .chain(&self.shared.annotations)
            .filter(|a| a.tags.iter().any(|t| t.eq_ignore_ascii_case("actor")))
            .map(|a| (a.target.quote.exact.trim().to_owned(), a.target.clone()))
            .collect();
        people.sort_by_key(|p| p.0.to_lowercase());
        people.dedup_by(|a, b| a.0 == b.0);
        people
    }
}

struct Loading {
    path: PathBuf,
    rx: mpsc::Receiver<Result<Case, LoadError>>,
}

/// The search across notes, while its window is open.
#[derive(Default)]
struct NoteSearch {
    query: String,
    all_cases: bool,
    hits: Vec<crate::notes::search::Hit>,
}

pub struct App {
    settings: Settings,
    search: Option<NoteSearch>,
    /// A passage to show once the case being opened is there.
    pending_reveal: Option<Selector>,
    library: Library,
    library_view: LibraryView,
    view: View,
    open: Option<OpenCase>,
    loading: Option<Loading>,
    notice: Option<Notice>,
    show_help: bool,
    annotations_panel: AnnotationsPanel,
    window_title: String,
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
        ctx.global_style_mut(|style| {
            use egui::{FontFamily::Proportional, FontId, TextStyle};
            for (text_style, size_pt) in [
                (TextStyle::Body, size::UI_BODY_PT),
                (TextStyle::Button, size::UI_BODY_PT),
                (TextStyle::Small, size::UI_SMALL_PT),
                (TextStyle::Heading, size::UI_HEADING_PT),
            ] {
                style.text_styles.insert(text_style, FontId::new(size_pt, Proportional));
            }
            style.text_styles.insert(TextStyle::Monospace, FontId::monospace(size::UI_MONO_PT));
            style.spacing.button_padding = egui::vec2(8.0, 4.0);
        });
        let mut app = Self {
            settings,
            search: None,
            pending_reveal: None,
            library: Library::default(),
            library_view: LibraryView::default(),
            view: View::Library,
            open: None,
            loading: None,
            notice: None,
            show_help: false,
            annotations_panel: AnnotationsPanel::default(),
            window_title: String::new(),
            data_dir: start.data_dir.clone(),
            ctx: ctx.clone(),
        };
        app.apply_theme();
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

    /// The library to show: the one named on the command line, else the one used last, else
    /// `./cases`, else the bundled samples in the data directory.
    fn initial_library(&mut self, path: Option<&Path>) -> PathBuf {
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
            self.notify_error(format!("Could not write the sample cases to {}: {e}", samples.display()));
        }
        samples
    }

    fn load_library(&mut self, root: &Path) {
        match Library::open(root) {
            Ok(lib) => {
                self.library = lib;
                self.settings.library = Some(root.to_owned());
            }
            Err(e) => self.notify_error(format!("Cannot read the folder {}: {e}", root.display())),
        }
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

    /// The case in the reader, if one is open.
    pub fn case(&self) -> Option<&Case> {
        self.open.as_ref().map(|o| &o.case)
    }

    pub fn reader_pos(&self) -> Option<ScrollPos> {
        self.open.as_ref().map(|o| o.reader.pos())
    }

    pub fn find_status(&self) -> Option<String> {
        self.open.as_ref().filter(|o| o.find.open).map(|o| o.find.status())
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn reader_selection(&self) -> Option<std::ops::Range<usize>> {
        self.open.as_ref().and_then(|o| o.reader.selection())
    }

    /// The reader's text in view, as a byte range.
    pub fn reader_visible_text(&self) -> Option<std::ops::Range<usize>> {
        self.open.as_ref().map(|o| o.reader.visible_text())
    }

    /// The open case's timeline as shown, with the selected entry.
    pub fn timeline(&self) -> Option<(&crate::timeline::chronology::Chronology, Option<&str>)> {
        self.open.as_ref().map(|o| (&o.notes.chronology, o.selected_event.as_deref()))
    }

    /// The slide shown, and whether the wall is blank, while presenting.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.open.as_ref().and_then(|o| o.presentation.as_ref())
    }

    /// The open case's layer, as it is in memory.
    pub fn layer(&self) -> Option<&crate::notes::Layer> {
        self.open.as_ref().map(|o| &o.notes.layer)
    }

    /// The open case's annotations, as they are in memory.
    pub fn annotations(&self) -> &[Annotation] {
        self.open.as_ref().map_or(&[], |o| &o.notes.layer.annotations)
    }

    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    /// Saves the open case's notes and returns the settings to persist, with the reader's
    /// position: what happens when the app closes.
    pub fn save_now(&mut self) -> Settings {
        self.save_notes_now();
        self.remember_position();
        self.settings.clone()
    }

    fn notify_error(&mut self, text: String) {
        log::warn!("{text}");
        self.notice = Some(Notice { text, error: true });
    }

    fn notify(&mut self, text: String) {
        self.notice = Some(Notice { text, error: false });
    }

    fn apply_theme(&self) {
        self.ctx.set_visuals(self.settings.theme.palette().visuals());
    }

    /// Carries out a command: the one place where the model changes.
    pub fn apply(&mut self, command: Command) {
        let now = self.ctx.input(|i| i.time);
        match command {
            Command::OpenCase(path) => self.open_case(path),
            Command::ShowReader => {
                if self.open.is_some() {
                    self.view = View::Reader;
                }
            }
            Command::ShowLibrary => {
                self.remember_position();
                self.view = View::Library;
                if let Some(root) = self.settings.library.clone() {
                    self.load_library(&root);
                }
            }
            Command::OpenLibrary(path) => {
                self.load_library(&path);
                self.view = View::Library;
            }
            Command::OpenPath(path) => {
                if path.is_file() || path.join(case::CASE_FILE).is_file() {
                    self.open_case(path);
                } else if path.is_dir() {
                    self.apply(Command::OpenLibrary(path));
                } else {
                    self.notify_error(format!("Nothing to open at {}: no such file or folder", path.display()));
                }
            }
            Command::ImportMarkdown(path) => {
                let root = self.library.root.clone();
                match case::import_markdown(&path, &root) {
                    Ok(dir) => {
                        self.load_library(&root);
                        self.notify(format!("Imported {} as {}", path.display(), dir.display()));
                        self.open_case(dir);
                    }
                    Err(e) => self.notify_error(format!("Could not import: {e}")),
                }
            }
            Command::PickFolder => {
                match rfd::FileDialog::new().set_title("Open a case or a folder of cases").pick_folder() {
                    Some(path) => self.apply(Command::OpenPath(path)),
                    None => self.dialog_unavailable(PathPurpose::Open),
                }
            }
            Command::PickMarkdownFile => match rfd::FileDialog::new()
                .set_title("Import a Markdown file")
                .add_filter("Markdown", &["md", "markdown", "txt"])
                .pick_file()
            {
                Some(path) => self.apply(Command::ImportMarkdown(path)),
                None => self.dialog_unavailable(PathPurpose::Import),
            },
            Command::PromptPath(purpose) => {
                self.view = View::Library;
                self.library_view.prompt = Some((purpose, String::new()));
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.apply_theme();
            }
            Command::ZoomIn => self.settings.zoom = (self.settings.zoom * size::ZOOM_STEP).min(size::ZOOM_MAX),
            Command::ZoomOut => self.settings.zoom = (self.settings.zoom / size::ZOOM_STEP).max(size::ZOOM_MIN),
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::ToggleOutline => self.settings.show_outline = !self.settings.show_outline,
            Command::ToggleHelp => self.show_help = !self.show_help,
            Command::Find => {
                if let Some(open) = &mut self.open {
                    open.find.open();
                }
            }
            Command::FindNext | Command::FindPrevious => {
                if let Some(open) = &mut self.open
                    && let Some(offset) = open.find.step(command == Command::FindNext)
                {
                    open.reader.go_to_text(offset);
                }
            }
            Command::CloseFind => {
                if let Some(open) = &mut self.open {
                    open.find.close();
                }
            }
            Command::GoToBlock(block) => {
                if let Some(open) = &mut self.open {
                    open.reader.go_to(block, now);
                }
            }
            Command::OpenLink(url) => {
                let lower = url.to_ascii_lowercase();
                if ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
                    self.ctx.open_url(egui::OpenUrl::new_tab(url));
                } else {
                    self.notify(format!("Casebook opens only web and mail links; this one was not opened: {url}"));
                }
            }
            Command::ReloadCase => {
                if let Some(path) = self.open.as_ref().map(|o| o.case.path.clone()) {
                    self.open_case(path);
                }
            }
            Command::DismissNotice => self.notice = None,
            // The annotations and the plan share the column at the right, so the text keeps its room.
            Command::ToggleAnnotations => {
                self.settings.show_annotations = !self.settings.show_annotations;
                self.settings.show_plan &= !self.settings.show_annotations;
            }
            Command::ToggleTimeline => self.settings.show_timeline = !self.settings.show_timeline,
            Command::ToggleTimelinePlacement => self.settings.timeline_beside = !self.settings.timeline_beside,
            Command::ToggleSuggestions => {
                self.settings.show_suggestions = !self.settings.show_suggestions;
                if let Some(open) = &mut self.open {
                    open.notes.set_show_suggestions(self.settings.show_suggestions, &open.case.doc.text);
                }
            }
            Command::PickAnnotationsToImport | Command::PickTimelineToImport => {
                let title = if command == Command::PickTimelineToImport {
                    "Import a TimelineJS3 timeline"
                } else {
                    "Import W3C annotations"
                };
                let picked =
                    rfd::FileDialog::new().set_title(title).add_filter("JSON", &["json", "jsonld"]).pick_file();
                match picked {
                    Some(file) => self.import_file(&file),
                    None => self.notify(
                        "No file was chosen. `casebook import CASE FILE.json` does the same from a terminal."
                            .to_owned(),
                    ),
                }
            }
            Command::PickTimelineExport => self.export_timeline(),
            Command::TogglePlan => {
                self.settings.show_plan = !self.settings.show_plan;
                self.settings.show_annotations &= !self.settings.show_plan;
            }
            Command::ExportDocument(document) => self.export_document(document),
            Command::StartPresentation(console) => self.start_presentation(console, now),
            Command::SetRole(role) => {
                // The case opens again as the other role sees it, once its notes are safe.
                if role != self.settings.role && self.save_notes_now() {
                    self.remember_position();
                    self.settings.role = role;
                    if let Some(path) = self.open.take().map(|o| o.case.path) {
                        self.open_case(path);
                    }
                }
            }
            Command::SetUserName(name) => self.settings.user_name = name,
            Command::ToggleShared => self.settings.show_shared = !self.settings.show_shared,
            Command::ExportMyNotes => self.export_my_notes(),
            Command::ExportPack => self.export_pack(),
            Command::ToggleSearchNotes => {
                self.search = if self.search.is_some() { None } else { Some(NoteSearch::default()) };
            }
            Command::SearchNotes { query, all_cases } => {
                let cases: Vec<(PathBuf, String)> = if all_cases || self.open.is_none() {
                    self.library
                        .cases
                        .iter()
                        .filter_map(|c| Some((case::case_file(&c.path).ok()?, c.title.clone())))
                        .collect()
                } else {
                    self.open.iter().map(|o| (o.case.path.clone(), o.case.title())).collect()
                };
                let student = self.settings.role == super::Role::Student;
                let hits = crate::notes::search::search(&cases, &self.data_dir, student, &query);
                self.search = Some(NoteSearch { query, all_cases, hits });
            }
            Command::OpenHit(hit) => {
                self.pending_reveal = hit.target.clone();
                if self.open.as_ref().is_some_and(|o| o.case.path == hit.case_file) {
                    self.view = View::Reader;
                    self.reveal_pending(now);
                } else {
                    self.open_case(hit.case_file);
                }
            }
            Command::StopPresentation => {
                if let Some(open) = &mut self.open
                    && let Some(p) = open.presentation.take()
                    && !p.console
                {
                    self.ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                }
            }
            command => self.apply_to_notes(command, now),
        }
    }

    /// Commands that change the open case's annotations: each is one undoable step.
    fn apply_to_notes(&mut self, command: Command, now_secs: f64) {
        let Some(open) = &mut self.open else { return };
        let text = &open.case.doc.text;
        let notes = &mut open.notes;
        let now_ms = now_unix_ms();
        match command {
            Command::Annotate { range, color, note, tags, private } => {
                let range = trim_range(text, range);
                if !notes.editable() || range.is_empty() {
                    return;
                }
                let target = Selector::from_range(text, notes.index(), range);
                let annotation = Annotation { tags, private, ..Annotation::new(new_id(now_ms), target, color, now_ms) };
                open.selected = Some(annotation.id.clone());
                notes.put(annotation, text, now_secs);
                self.annotations_panel.focus_note = note;
                self.settings.show_annotations |= note;
                self.settings.show_plan &= !note;
                open.reader.clear_selection();
            }
            Command::SelectAnnotation(id) => open.selected = id,
            Command::RevealAnnotation(id) => {
                if let Some(range) = notes.get(&id).and_then(|(_, r)| r.range.clone()) {
                    open.reader.reveal(&open.case.doc, range.start, now_secs);
                }
                open.selected = Some(id);
            }
            Command::EditAnnotation(annotation) => notes.put(annotation, text, now_secs),
            Command::DeleteAnnotation(id) => {
                notes.delete(&id, text, now_secs);
                if open.selected.as_deref() == Some(id.as_str()) {
                    open.selected = None;
                }
            }
            Command::ConfirmAnnotation(id) => {
                if let Some((a, range)) = notes.get(&id).and_then(|(a, r)| Some((a.clone(), r.range.clone()?))) {
                    let target = Selector::from_range(text, notes.index(), range);
                    notes.put(Annotation { target, modified_unix_ms: now_ms, ..a }, text, now_secs);
                }
            }
            Command::ReattachAnnotation(id) => {
                if let (Some((a, _)), Some(range)) = (notes.get(&id), open.reader.selection()) {
                    let target = Selector::from_range(text, notes.index(), trim_range(text, range));
                    notes.put(Annotation { target, modified_unix_ms: now_ms, ..a.clone() }, text, now_secs);
                    open.reader.clear_selection();
                }
            }
            Command::RenameColor(color, name) => notes.rename_color(color, name, text, now_secs),
            Command::SelectEvent(id) => {
                if let Some(entry) = id.as_deref().and_then(|id| notes.chronology.get(id)) {
                    open.timeline.canvas.show_entry(entry);
                }
                open.selected_event = id;
            }
            Command::RevealEvent(id) => {
                if let Some(entry) = notes.chronology.get(&id) {
                    open.timeline.canvas.show_entry(entry);
                    if let Some(range) = &entry.range {
                        open.reader.reveal(&open.case.doc, range.start, now_secs);
                    }
                }
                open.selected_event = Some(id);
            }
            Command::EventAtText(offset) => {
                if let Some(entry) = notes.chronology.event_for_mention(offset) {
                    open.timeline.canvas.show_entry(entry);
                    open.selected_event = Some(entry.event.id.clone());
                    self.settings.show_timeline = true;
                }
            }
            Command::SaveEvent(event) => {
                let id = if event.id.is_empty() { new_id(now_ms) } else { event.id.clone() };
                notes.put_event(Event { id: id.clone(), ..event }, false, text, now_secs);
                open.selected_event = Some(id);
            }
            Command::AnchorEvent(id) => {
                if let (Some(entry), Some(range)) = (notes.chronology.get(&id), open.reader.selection()) {
                    let anchor = Selector::from_range(text, notes.index(), trim_range(text, range));
                    let event = Event { anchor: Some(anchor), ..entry.event.clone() };
                    notes.put_event(event, false, text, now_secs);
                    open.reader.clear_selection();
                }
            }
            Command::DeleteEvent(id) => {
                let Some(entry) = notes.chronology.get(&id) else { return };
                if entry.source == Source::Added {
                    notes.remove_event(&id, text, now_secs);
                } else {
                    // The case file is never rewritten: an authored event is hidden in the layer.
                    notes.put_event(entry.event.clone(), true, text, now_secs);
                }
                open.selected_event = None;
            }
            Command::RestoreEvent(id) => notes.remove_event(&id, text, now_secs),
            Command::AddQuestion { segment } => {
                let mut question = Question::new(new_id(now_ms), "", now_ms);
                question.segment = segment;
                open.plan_panel.open_question = Some(question.id.clone());
                notes.put_question(question, text, now_secs);
            }
            Command::EditQuestion(question) => notes.put_question(question, text, now_secs),
            Command::DeleteQuestion(id) => notes.remove_question(&id, text, now_secs),
            Command::MoveQuestion { id, before, segment } => {
                notes.move_question(&id, before.as_deref(), segment, text, now_secs);
            }
            Command::LinkQuestionToSelection(id) => {
                if let (Some(q), Some(range)) = (notes.layer.question(&id), open.reader.selection()) {
                    let mut q = q.clone();
                    q.passages.push(Selector::from_range(text, notes.index(), trim_range(text, range)));
                    q.modified_unix_ms = now_ms;
                    notes.put_question(q, text, now_secs);
                    open.reader.clear_selection();
                }
            }
            Command::RevealPassage(selector) => {
                if let Some(range) = crate::notes::resolve(text, notes.index(), &selector).range {
                    open.reader.reveal(&open.case.doc, range.start, now_secs);
                }
            }
            Command::SetPlan(plan) => notes.set_plan(plan, text, now_secs),
            Command::SetAnswer { question, text: answer } => notes.set_answer(&question, answer, text, now_secs),
            Command::AcceptSuggestion { key, title } => {
                let Some(entry) = notes.chronology.get(&key).filter(|e| e.is_suggestion()) else { return };
                let id = new_id(now_ms);
                notes.put_event(Event { id: id.clone(), title, ..entry.event.clone() }, false, text, now_secs);
                open.selected_event = Some(id);
            }
            Command::DismissSuggestion(key) => {
                notes.set_dismissed(&key, true, text, now_secs);
                open.selected_event = None;
            }
            Command::SaveEra { id, era } => {
                notes.put_era(id.unwrap_or_else(|| new_id(now_ms)), era, false, text, now_secs);
            }
            Command::DeleteEra(id) => {
                let Some(entry) = notes.chronology.eras.iter().find(|e| e.id == id) else { return };
                if entry.authored {
                    notes.put_era(id.clone(), entry.era.clone(), true, text, now_secs);
                } else {
                    notes.remove_era(&id, text, now_secs);
                }
            }
            Command::Undo => notes.undo(text, now_secs),
            Command::Redo => notes.redo(text, now_secs),
            Command::StartFreshLayer => match notes.start_fresh(text, now_secs) {
                Ok(aside) => {
                    self.notice = Some(Notice {
                        text: format!("The old notes file is kept as {}", aside.display()),
                        error: false,
                    });
                }
                Err(e) => self.notice = Some(Notice { text: e.to_string(), error: true }),
            },
            _ => {}
        }
    }

    /// Imports W3C annotations or a TimelineJS3 timeline into the open case's layer.
    fn import_file(&mut self, file: &Path) {
        if self.open.as_ref().is_some_and(|o| o.student.is_some()) {
            return self
                .notify("Importing goes into the instructor's notes; switch the role to Instructor first.".to_owned());
        }
        if !self.save_notes_now() {
            return;
        }
        let Some(open) = &mut self.open else { return };
        match crate::notes::import_file(&open.case.path, file) {
            Ok(report) => {
                open.notes = Notes::open(&open.case);
                open.notes.set_show_suggestions(self.settings.show_suggestions, &open.case.doc.text);
                let skipped = if report.skipped.is_empty() {
                    String::new()
                } else {
                    format!("; skipped: {}", report.skipped.join("; "))
                };
                self.notify(format!(
                    "Imported {} new and {} updated {}{skipped}",
                    report.added, report.updated, report.what
                ));
            }
            Err(e) => self.notify_error(format!("Could not import: {e}")),
        }
    }

    /// Asks where to save the student's notes as Markdown, and writes them there.
    fn export_my_notes(&mut self) {
        let Some(open) = &self.open else { return };
        let empty = crate::notes::Layer::default();
        let shared = open.student.as_ref().map_or(&empty, |s| &s.shared);
        let text = crate::plan::export::notes_md(&open.case, &open.notes.layer, shared, &self.settings.user_name);
        let name = format!("{}-my-notes.md", case::slugify(&open.case.title()));
        self.save_as("Export my notes", name, &text, "--format notes-md CASE --layer student");
    }

    /// Asks where to save `text`, offering `file_name`, and writes it there atomically. `cli`
    /// is the `casebook export` arguments that do the same, for desktops with no file chooser.
    fn save_as(&mut self, title: &str, file_name: String, text: &str, cli: &str) {
        let Some(file) = rfd::FileDialog::new().set_title(title).set_file_name(file_name).save_file() else {
            return self
                .notify(format!("No file was chosen. `casebook export {cli} -o FILE` does the same from a terminal."));
        };
        match crate::notes::store::write_atomic(&file, text.as_bytes()) {
            Ok(()) => self.notify(format!("Saved {}", file.display())),
            Err(e) => self.notify_error(format!("Could not write {}: {e}", file.display())),
        }
    }

    /// Asks for a folder and writes a case pack for students into a new folder inside it.
    fn export_pack(&mut self) {
        if !self.save_notes_now() {
            return;
        }
        let Some(open) = &self.open else { return };
        let Some(parent) = rfd::FileDialog::new().set_title("Where to put the case pack").pick_folder() else {
            return self.notify(
                "No folder was chosen. `casebook export --format pack CASE -o DIR` does the same from a terminal."
                    .to_owned(),
            );
        };
        let name = format!("{}-student-pack", case::slugify(&open.case.title()));
        let out = parent.join(name);
        match crate::notes::pack::export_pack(&open.case.path, &out) {
            Ok(files) => {
                self.notify(format!("The case pack is in {} ({} files, nothing private)", out.display(), files.len()))
            }
            Err(e) => self.notify_error(format!("Could not write the case pack: {e}")),
        }
    }

    /// Asks where to save a teaching note or handout, and writes it there.
    fn export_document(&mut self, document: crate::plan::export::Document) {
        let Some(open) = &self.open else { return };
        let text = document.render(&open.case, &open.notes.layer);
        let name = document.file_name(&open.case);
        self.save_as(
            document.label(),
            name,
            &text,
            "--format teaching-note-md|teaching-note-html|handout-md|handout-html CASE",
        );
    }

    /// Starts showing the slides: in this window, full screen, or on a second window with the
    /// console here. Where a second window can't be made, it says so and uses this one.
    fn start_presentation(&mut self, console: bool, now_secs: f64) {
        let Some(open) = &mut self.open else { return };
        if open.student.is_some() {
            return self
                .notify("Presenting shows the instructor's plan; switch the role to Instructor first.".to_owned());
        }
        let (deck, public) = slides_of(open);
        let second_window = console && !self.ctx.embed_viewports();
        let mut show = Presentation::new(deck, public, now_secs, second_window);
        show.built_rev = open.notes.chronology_rev;
        open.presentation = Some(show);
        if console && !second_window {
            self.notify(
                "A second window cannot be opened here, so the slides are shown in this window. Esc ends.".to_owned(),
            );
        }
        if !second_window {
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
    }

    /// Asks where to save the open case's timeline as TimelineJS3, and writes it there.
    fn export_timeline(&mut self) {
        let Some(open) = &self.open else { return };
        let name = format!("{}-timeline.json", case::slugify(&open.case.title()));
        let value = crate::timeline::timelinejs::export_case(&open.case, &open.notes.layer);
        let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
        self.save_as("Export the timeline for TimelineJS3", name, &text, "--format timelinejs CASE");
    }

    fn dialog_unavailable(&mut self, purpose: PathPurpose) {
        self.notify(
            "No file was chosen. If no dialog appeared, this desktop has no file chooser: type the path below."
                .to_owned(),
        );
        self.apply(Command::PromptPath(purpose));
    }

    fn remember_position(&mut self) {
        if let Some(open) = &self.open {
            self.settings.positions.insert(open.case.path.clone(), open.reader.pos());
        }
    }

    fn open_case(&mut self, path: PathBuf) {
        let file = match case::case_file(&path) {
            Ok(f) => f,
            Err(e) => return self.notify_error(e.to_string()),
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

    fn finish_open(&mut self, result: Result<Case, LoadError>) {
        match result {
            Ok(case) if self.open.as_ref().is_some_and(|o| o.case.path == case.path) => self.replace_text(case),
            Ok(case) => {
                if self.notice.as_ref().is_some_and(|n| n.error) {
                    self.notice = None;
                }
                self.remember_position();
                if !self.save_notes_now() {
                    // The notice says why; the case stays open so its notes stay in memory.
                    return;
                }
                let pos = self.settings.positions.get(&case.path).copied().unwrap_or_default();
                let show_problems = case.errors().next().is_some();
                self.settings.last_case = Some(case.path.clone());
                let card_path = if case.path.file_name().is_some_and(|n| n == case::CASE_FILE) {
                    case.dir.clone()
                } else {
                    case.path.clone()
                };
                self.settings.remember_recent(card_path);
                let outline = case.doc.outline();
                let student_mode = self.settings.role == super::Role::Student || crate::notes::pack::is_pack(&case.dir);
                let (mut notes, student) = if student_mode {
                    let (notes, student, problem) = Student::open(&case, &self.data_dir);
                    if let Some(problem) = problem {
                        self.notify_error(problem);
                    }
                    if let Some(path) = &student.notes_elsewhere {
                        self.notify(format!(
                            "This case's folder can't be written, so your notes are kept in {}",
                            path.display()
                        ));
                    }
                    (notes, Some(student))
                } else {
                    (Notes::open(&case), None)
                };
                notes.set_show_suggestions(self.settings.show_suggestions, &case.doc.text);
                let modified = modified(&case.path);
                self.open = Some(OpenCase {
                    reader: Reader::new(&self.ctx, pos),
                    case,
                    outline,
                    find: Find::default(),
                    show_problems,
                    notes,
                    selected: None,
                    modified,
                    last_poll_secs: 0.0,
                    timeline: TimelinePanel::default(),
                    selected_event: None,
                    date_links: (u64::MAX, Vec::new()),
                    plan_panel: PlanPanel::default(),
                    presentation: None,
                    student,
                });
                self.view = View::Reader;
                let now = self.ctx.input(|i| i.time);
                self.reveal_pending(now);
            }
            Err(e) => {
                self.pending_reveal = None;
                self.notify_error(format!("Could not open the case. {e}"));
            }
        }
    }

    /// Shows the passage a search result asked for, once its case is open.
    fn reveal_pending(&mut self, now_secs: f64) {
        if let Some(target) = self.pending_reveal.take() {
            self.apply_to_notes(Command::RevealPassage(target), now_secs);
        }
    }

    /// The open case's text changed on disk: show the new text where the reader was, and
    /// anchor the annotations again. Undo history and unsaved notes carry over.
    fn replace_text(&mut self, case: Case) {
        let Some(open) = &mut self.open else { return };
        open.notes.case_changed(&case);
        if let Some(student) = &mut open.student {
            student.case_changed(&case, &mut open.notes);
        }
        open.outline = case.doc.outline();
        open.modified = modified(&case.path);
        open.reader = Reader::new(&self.ctx, open.reader.pos());
        open.find = Find::default();
        open.case = case;
    }

    /// Reloads the case when `case.md` was changed by another program, checking about once a
    /// second.
    fn poll_case_file(&mut self, now_secs: f64) {
        let Some(open) = &mut self.open else { return };
        if now_secs - open.last_poll_secs < 1.0 || self.loading.is_some() {
            return;
        }
        open.last_poll_secs = now_secs;
        self.ctx.request_repaint_after(std::time::Duration::from_secs(1));
        open.notes.poll_file(&open.case.doc.text);
        let modified = modified(&open.case.path);
        if modified.is_some() && modified != open.modified {
            let path = open.case.path.clone();
            self.open_case(path);
        }
    }

    /// Saves the open case's notes at once; false, with a notice, when they could not be.
    fn save_notes_now(&mut self) -> bool {
        let Some(open) = &mut self.open else { return true };
        match open.notes.save_now(&open.case.doc.text) {
            Ok(()) => true,
            Err(e) => {
                let text = format!("Your annotations could not be saved, so this case stays open: {e}");
                self.notice = Some(Notice { text, error: true });
                false
            }
        }
    }

    fn poll_loading(&mut self) {
        let Some(loading) = &self.loading else { return };
        match loading.rx.try_recv() {
            Ok(result) => {
                self.loading = None;
                self.finish_open(result);
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => {
                let path = loading.path.clone();
                self.loading = None;
                self.notify_error(format!("Reading {} stopped unexpectedly", path.display()));
            }
        }
    }

    fn shortcuts(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        ctx.input_mut(|i| {
            let mut on = |shortcut: KeyboardShortcut, c: Command| {
                if i.consume_shortcut(&shortcut) {
                    commands.push(c);
                }
            };
            // Before Ctrl+F, which would also take Ctrl+Shift+F.
            on(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::F), Command::ToggleSearchNotes);
            on(command(Key::F), Command::Find);
            on(command(Key::Plus), Command::ZoomIn);
            on(command(Key::Equals), Command::ZoomIn);
            on(command(Key::Minus), Command::ZoomOut);
            on(command(Key::Num0), Command::ZoomReset);
            on(command(Key::B), Command::ToggleOutline);
            on(command(Key::L), Command::ShowLibrary);
            on(command(Key::O), Command::PickFolder);
            on(command(Key::R), Command::ReloadCase);
            on(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::A), Command::ToggleAnnotations);
            on(command(Key::T), Command::ToggleTimeline);
            // Shifted first: a shortcut without Shift also takes the key with it.
            on(KeyboardShortcut::new(Modifiers::SHIFT, Key::F5), Command::StartPresentation(true));
            on(KeyboardShortcut::new(Modifiers::NONE, Key::F5), Command::StartPresentation(false));
            on(KeyboardShortcut::new(Modifiers::NONE, Key::F1), Command::ToggleHelp);
            on(KeyboardShortcut::new(Modifiers::SHIFT, Key::F3), Command::FindPrevious);
            on(KeyboardShortcut::new(Modifiers::NONE, Key::F3), Command::FindNext);
        });
        let typing = ctx.text_edit_focused();
        if !typing {
            // While typing, Ctrl+Z belongs to the text field.
            ctx.input_mut(|i| {
                if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z))
                    || i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y))
                {
                    commands.push(Command::Redo);
                }
                if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Z)) {
                    commands.push(Command::Undo);
                }
            });
        }
        let find_open = self.open.as_ref().is_some_and(|o| o.find.open);
        ctx.input(|i| {
            if !typing && i.events.iter().any(|e| matches!(e, egui::Event::Text(t) if t == "?")) {
                commands.push(Command::ToggleHelp);
            }
            if i.key_pressed(Key::Escape) {
                if self.show_help {
                    commands.push(Command::ToggleHelp);
                } else if find_open {
                    commands.push(Command::CloseFind);
                }
            }
        });
        commands
    }

    fn top_bar_ui(&self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 8.0;
            if self.view == View::Reader {
                if ui.button("◀ Library").on_hover_text("Back to the library (Ctrl+L)").clicked() {
                    commands.push(Command::ShowLibrary);
                }
                if let Some(open) = &self.open {
                    // The controls on the right keep their room; a long title is shortened.
                    let controls_id = egui::Id::unique("top-bar-controls");
                    let controls_w = ui.data(|d| d.get_temp::<f32>(controls_id)).unwrap_or(700.0);
                    let title_w = (ui.available_width() - controls_w - 16.0).max(0.0);
                    let title =
                        egui::Label::new(RichText::new(open.case.title()).strong().size(size::UI_TITLE_PT)).truncate();
                    let size = egui::vec2(title_w.min(ui.available_width()), ui.spacing().interact_size.y);
                    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(title);
                    });
                }
            } else {
                ui.label(RichText::new("Casebook").strong().size(size::UI_TITLE_PT));
                if let Some(open) = &self.open
                    && ui.button(format!("▶ Back to {}", open.case.title())).clicked()
                {
                    commands.push(Command::ShowReader);
                }
            }
            let controls = ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("?").on_hover_text("Keyboard shortcuts (F1)").clicked() {
                    commands.push(Command::ToggleHelp);
                }
                if ui
                    .button("Search notes")
                    .on_hover_text("Search the notes and answers of this case or the library (Ctrl+Shift+F)")
                    .clicked()
                {
                    commands.push(Command::ToggleSearchNotes);
                }
                let role = self.settings.role;
                let pack = self.open.as_ref().is_some_and(|o| o.student.is_some()) && role == super::Role::Instructor;
                let role_label = match role {
                    _ if pack => "Student (case pack)",
                    super::Role::Instructor => "Instructor",
                    super::Role::Student => "Student",
                };
                ui.menu_button(role_label, |ui| {
                    for (r, label) in [(super::Role::Instructor, "Instructor"), (super::Role::Student, "Student")] {
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
                // One menu for the themes keeps the bar short enough for the case's title.
                ui.menu_button(format!("{} ▾", self.settings.theme.label()), |ui| {
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
                if self.view == View::Reader {
                    if ui.button("A+").on_hover_text("Bigger text (Ctrl +)").clicked() {
                        commands.push(Command::ZoomIn);
                    }
                    if ui
                        .button(format!("{:.0}%", self.settings.zoom * 100.0))
                        .on_hover_text("Default size (Ctrl 0)")
                        .clicked()
                    {
                        commands.push(Command::ZoomReset);
                    }
                    if ui.button("A−").on_hover_text("Smaller text (Ctrl −)").clicked() {
                        commands.push(Command::ZoomOut);
                    }
                    ui.separator();
                    if ui.button("🔍 Find").on_hover_text("Find in case (Ctrl+F)").clicked() {
                        commands.push(Command::Find);
                    }
                    if ui
                        .selectable_label(self.settings.show_outline, "☰ Outline")
                        .on_hover_text("Show or hide the outline (Ctrl+B)")
                        .clicked()
                    {
                        commands.push(Command::ToggleOutline);
                    }
                    let student = self.open.as_ref().is_some_and(|o| o.student.is_some());
                    let (plan_label, plan_hint) = if student {
                        ("Questions", "Show or hide the questions to answer, and the people of the case")
                    } else {
                        ("Plan", "Show or hide the class plan and questions")
                    };
                    if ui.selectable_label(self.settings.show_plan, plan_label).on_hover_text(plan_hint).clicked() {
                        commands.push(Command::TogglePlan);
                    }
                    if student
                        && ui
                            .selectable_label(self.settings.show_shared, "Instructor's highlights")
                            .on_hover_text("Show or hide the passages your instructor highlighted")
                            .clicked()
                    {
                        commands.push(Command::ToggleShared);
                    }
                    if ui
                        .selectable_label(self.settings.show_timeline, "Timeline")
                        .on_hover_text("Show or hide the timeline (Ctrl+T)")
                        .clicked()
                    {
                        commands.push(Command::ToggleTimeline);
                    }
                    if ui
                        .selectable_label(self.settings.show_annotations, "Annotations")
                        .on_hover_text("Show or hide the annotations (Ctrl+Shift+A)")
                        .clicked()
                    {
                        commands.push(Command::ToggleAnnotations);
                    }
                    if let Some(open) = &self.open {
                        ui.separator();
                        let redo = ui.add_enabled(open.notes.can_redo(), egui::Button::new("Redo"));
                        if redo.on_hover_text("Redo (Ctrl+Shift+Z)").clicked() {
                            commands.push(Command::Redo);
                        }
                        let undo = ui.add_enabled(open.notes.can_undo(), egui::Button::new("Undo"));
                        if undo.on_hover_text("Undo (Ctrl+Z)").clicked() {
                            commands.push(Command::Undo);
                        }
                    }
                }
                ui.min_rect().width()
            });
            ui.data_mut(|d| d.insert_temp(egui::Id::unique("top-bar-controls"), controls.inner));
        });
        commands
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(loading) = &self.loading {
                ui.spinner();
                ui.label(format!("Opening {}…", loading.path.display()));
            } else if let (View::Reader, Some(open)) = (self.view, &self.open) {
                let case = &open.case;
                ui.weak(case.path.display().to_string());
                ui.separator();
                ui.label(format!("{} words", thousands(case.doc.word_count())));
                if !case.front.events.is_empty() {
                    ui.label(format!("· {} timeline events", case.front.events.len()));
                }
                ui.separator();
                let palette = self.settings.theme.palette();
                match &open.notes.status {
                    SaveStatus::Saved => {
                        ui.label(format!("{} annotations · Saved", open.notes.layer.annotations.len()))
                    }
                    SaveStatus::Unsaved | SaveStatus::Saving => ui.label("Saving…"),
                    SaveStatus::Failed(e) => ui.colored_label(palette.error, format!("Not saved: {e}")),
                };
            } else {
                ui.weak(format!("{} cases", self.library.cases.len()));
            }
        });
    }

    fn notice_ui(&self, ui: &mut Ui) -> Option<Command> {
        let notice = self.notice.as_ref()?;
        let palette = self.settings.theme.palette();
        let mut command = None;
        egui::Frame::new()
            .fill(if notice.error { palette.error_bg } else { palette.warning_bg })
            .inner_margin(8.0)
            .show(ui, |ui| {
                // The whole row, not just the text: the panel below has no background of its own.
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(if notice.error { "⚠" } else { "ℹ" }).strong());
                    ui.label(&notice.text);
                    if ui.small_button("×").on_hover_text("Dismiss").clicked() {
                        command = Some(Command::DismissNotice);
                    }
                });
            });
        command
    }

    fn reader_ui(&mut self, ui: &mut Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        let palette = self.settings.theme.palette();
        let zoom = self.settings.zoom;
        let show_outline = self.settings.show_outline;
        let show_annotations = self.settings.show_annotations;
        let (show_timeline, beside) = (self.settings.show_timeline, self.settings.timeline_beside);
        let show_suggestions = self.settings.show_suggestions;
        let show_plan = self.settings.show_plan;
        let show_shared = self.settings.show_shared;
        let Some(open) = &mut self.open else { return commands };
        if show_plan && let Some(student) = &open.student {
            egui::Panel::right("study").resizable(true).default_size(420.0).size_range(300.0..=800.0).show(ui, |ui| {
                let people = student.people(&open.notes.layer);
                let input = super::plan_panel::StudyInput {
                    shared: &student.shared,
                    answers: &open.notes.layer.answers,
                    people: &people,
                    chronology: &open.notes.chronology,
                    notes_elsewhere: student.notes_elsewhere.as_deref(),
                };
                commands.extend(super::plan_panel::study_ui(ui, &input));
            });
        } else if show_plan {
            egui::Panel::right("plan").resizable(true).default_size(420.0).size_range(300.0..=800.0).show(ui, |ui| {
                let input = PlanInput {
                    layer: &open.notes.layer,
                    chronology: &open.notes.chronology,
                    palette: &palette,
                    editable: open.notes.editable(),
                    has_selection: open.reader.selection().is_some(),
                };
                commands.extend(open.plan_panel.ui(ui, &input));
            });
        }
        if show_annotations {
            egui::Panel::right("annotations").resizable(true).default_size(340.0).size_range(220.0..=640.0).show(
                ui,
                |ui| {
                    let has_selection = open.reader.selection().is_some();
                    commands.extend(self.annotations_panel.ui(
                        ui,
                        &open.notes,
                        open.selected.as_deref(),
                        &palette,
                        has_selection,
                    ));
                },
            );
        }
        // The outline keeps the full height; the timeline strip goes under the text only.
        if show_outline {
            egui::Panel::left("outline").resizable(true).default_size(260.0).size_range(160.0..=520.0).show(ui, |ui| {
                commands.extend(outline::ui(ui, &open.outline, open.reader.top_block()));
            });
        }
        if show_timeline {
            let visible = open.reader.visible_text();
            let in_view: std::collections::HashSet<usize> = open.notes.chronology.in_passage(visible.clone()).collect();
            let input = PanelInput {
                chronology: &open.notes.chronology,
                rev: open.notes.chronology_rev,
                palette: &palette,
                beside,
                show_suggestions,
                editable: open.notes.editable(),
                selected: open.selected_event.as_deref(),
                in_view: &in_view,
                reading: open.notes.chronology.date_at(visible, &open.notes.mentions),
                has_selection: open.reader.selection().is_some(),
                dismissed: open.notes.layer.dismissed.len(),
            };
            let panel = if beside {
                egui::Panel::right("timeline").default_size(380.0).size_range(260.0..=900.0)
            } else {
                egui::Panel::bottom("timeline-strip").default_size(360.0).size_range(180.0..=800.0)
            };
            panel.resizable(true).show(ui, |ui| commands.extend(open.timeline.ui(ui, &input)));
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            if open.find.open {
                egui::Frame::new().fill(palette.chrome).inner_margin(6.0).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    commands.extend(open.find.ui(ui));
                });
            }
            let from = open.case.doc.blocks.get(open.reader.top_block()).map_or(0, |b| b.text.start);
            if let Some(offset) = open.find.update(&open.case.doc.text, from) {
                open.reader.go_to_text(offset);
            }
            problems_ui(ui, open, &palette);
            if open.date_links.0 != open.notes.chronology_rev {
                let links = open.notes.chronology.linked_mentions().cloned().collect();
                open.date_links = (open.notes.chronology_rev, links);
            }
            let colors: Vec<(Color, String)> = if open.notes.editable() {
                Color::ALL.iter().map(|c| (*c, open.notes.layer.color_name(*c).to_owned())).collect()
            } else {
                Vec::new()
            };
            let input = ReaderInput {
                case: &open.case,
                palette,
                zoom,
                highlights: Highlights { matches: &open.find.matches, current: open.find.current },
                highlight_rev: open.find.rev,
                marks: &open.notes.marks,
                selected_mark: open.selected.as_deref(),
                colors: &colors,
                date_links: &open.date_links.1,
                keys: !open.timeline.canvas.has_focus(ui.ctx()),
                shared_marks: open.student.as_ref().filter(|_| show_shared).map(|s| &s.marks),
            };
            commands.extend(open.reader.ui(ui, &input));
        });
        commands
    }

    fn update_title(&mut self) {
        let title = match (&self.view, &self.open) {
            (View::Reader, Some(open)) => format!("{} — Casebook", open.case.title()),
            _ => "Casebook".to_owned(),
        };
        if title != self.window_title {
            self.ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The whole window. Public so tests can drive the app without eframe.
    pub fn ui(&mut self, ui: &mut Ui) {
        self.poll_loading();
        let now = ui.input(|i| i.time);
        self.poll_case_file(now);
        if let Some(open) = &mut self.open {
            open.notes.poll_save(ui.ctx(), &open.case.doc.text, now);
        }
        if self.presentation_ui(ui, now) {
            return;
        }
        let mut commands = self.shortcuts(&ui.ctx().clone());
        let palette = self.settings.theme.palette();
        egui::Panel::top("top-bar").frame(egui::Frame::new().fill(palette.chrome).inner_margin(8.0)).show(ui, |ui| {
            commands.extend(self.top_bar_ui(ui));
        });
        egui::Panel::bottom("status-bar")
            .frame(egui::Frame::new().fill(palette.chrome).inner_margin(egui::Margin::symmetric(8, 4)))
            .show(ui, |ui| {
                self.status_bar_ui(ui);
            });
        egui::CentralPanel::no_frame().frame(egui::Frame::new().fill(palette.chrome)).show(ui, |ui| {
            commands.extend(self.notice_ui(ui));
            match self.view {
                View::Library => {
                    egui::Frame::new().fill(palette.chrome).inner_margin(egui::Margin::symmetric(24, 0)).show(
                        ui,
                        |ui| {
                            ui.set_min_size(ui.available_size());
                            commands.extend(self.library_view.ui(ui, &self.library, &self.settings.recent, &palette));
                        },
                    );
                }
                View::Reader => commands.extend(self.reader_ui(ui)),
            }
        });
        commands.extend(self.search_ui(ui.ctx()));
        if self.show_help {
            let mut open = true;
            egui::Window::new("Keyboard shortcuts")
                .open(&mut open)
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                .show(ui.ctx(), help::ui);
            if !open {
                commands.push(Command::ToggleHelp);
            }
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
        if self.loading.is_some() {
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// The search across notes, as a window over the app.
    fn search_ui(&self, ctx: &egui::Context) -> Vec<Command> {
        let mut commands = Vec::new();
        let Some(search) = &self.search else { return commands };
        let mut open = true;
        egui::Window::new("Search notes")
            .open(&mut open)
            .anchor(egui::Align2::RIGHT_TOP, [-16.0, 56.0])
            .default_width(460.0)
            .collapsible(false)
            .show(ctx, |ui| {
                let mut query = search.query.clone();
                let mut all_cases = search.all_cases || self.open.is_none();
                let label = ui.label("Words in highlights, notes, tags, answers and events");
                let field =
                    ui.add(egui::TextEdit::singleline(&mut query).desired_width(f32::INFINITY)).labelled_by(label.id);
                if search.query.is_empty() && !field.has_focus() && search.hits.is_empty() {
                    field.request_focus();
                }
                ui.horizontal(|ui| {
                    ui.add_enabled_ui(self.open.is_some(), |ui| {
                        ui.radio_value(&mut all_cases, false, "This case");
                    });
                    ui.radio_value(&mut all_cases, true, "All cases in the library");
                });
                if query != search.query || all_cases != search.all_cases {
                    commands.push(Command::SearchNotes { query: query.clone(), all_cases });
                }
                ui.separator();
                if !query.trim().is_empty() && search.hits.is_empty() {
                    ui.weak("Nothing found.");
                }
                egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                    for hit in &search.hits {
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
            commands.push(Command::ToggleSearchNotes);
        }
        commands
    }

    /// Draws the presentation while one is running: the slide full screen, or the console here
    /// and the slide in a second window. False when there is none.
    fn presentation_ui(&mut self, ui: &mut Ui, now_secs: f64) -> bool {
        let Some(open) = &mut self.open else { return false };
        if open.presentation.as_ref().is_some_and(|p| p.built_rev != open.notes.chronology_rev) {
            // A tally entered on the console shows on the wall at once.
            let (deck, public) = slides_of(open);
            if let Some(show) = &mut open.presentation {
                show.refresh(deck, public, open.notes.chronology_rev);
            }
        }
        let Some(show) = &mut open.presentation else { return false };
        let ctx = ui.ctx().clone();
        let mut commands = Vec::new();
        let (layer, rev) = (&open.notes.layer, open.notes.chronology_rev);
        // Typing a tally or an option on the console must not move the slides.
        let mut exit = !ctx.text_edit_focused() && show.keys(&ctx, now_secs) == presentation::Outcome::Exit;
        if show.console {
            let audience = egui::ViewportId::from_hash_of("casebook-audience");
            let builder =
                egui::ViewportBuilder::default().with_title("Casebook — slides").with_inner_size([1280.0, 720.0]);
            ctx.show_viewport_immediate(audience, builder, |ui, _class| {
                if show.keys(ui.ctx(), now_secs) == presentation::Outcome::Exit
                    || ui.input(|i| i.viewport().close_requested())
                {
                    exit = true;
                }
                egui::CentralPanel::no_frame().show(ui, |ui| show.audience_ui(ui, rev, now_secs, &layer.plan));
            });
            egui::CentralPanel::default().show(ui, |ui| {
                commands = show.console_ui(ui, layer, rev, now_secs);
                if ui.button("End presentation (Esc)").clicked() {
                    exit = true;
                }
            });
        } else {
            egui::CentralPanel::no_frame().show(ui, |ui| show.audience_ui(ui, rev, now_secs, &layer.plan));
        }
        // The timer moves on its own.
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
        for command in commands {
            self.apply(command);
        }
        if exit {
            self.apply(Command::StopPresentation);
        }
        true
    }

    pub fn save_settings(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.save_now());
    }
}

/// The slides of the open case, and its timeline as the class sees it (no suggestions).
fn slides_of(open: &OpenCase) -> (Vec<crate::plan::slides::Placed>, crate::timeline::chronology::Chronology) {
    let case = &open.case;
    let subtitle = case.front.meta.subtitle.clone().unwrap_or_default();
    // The notes' index of the text: slides are made again at every tally, so none is built here.
    let (text, index) = (&case.doc.text, open.notes.index());
    let authored = (case.front.events.as_slice(), case.front.eras.as_slice());
    let layer = &open.notes.layer;
    let public = crate::timeline::chronology::Chronology::new(authored, layer, text, index, &[], false);
    let has_timeline = !public.entries.is_empty();
    let deck = crate::plan::slides::deck(&case.title(), &subtitle, layer, (text, index), has_timeline);
    (deck, public)
}

fn problems_ui(ui: &mut Ui, open: &mut OpenCase, palette: &super::theme::Palette) {
    let problems = &open.case.diagnostics;
    if problems.is_empty() {
        return;
    }
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let fill = if errors > 0 { palette.warning_bg } else { palette.chrome };
    egui::Frame::new().fill(fill).inner_margin(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let file = open.case.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let first = &problems[0];
            let count =
                if problems.len() == 1 { "1 problem".to_owned() } else { format!("{} problems", problems.len()) };
            ui.label(RichText::new(format!("⚠ {count} in {file}")).strong());
            if !open.show_problems {
                ui.label(format!("line {}: {}", first.line, first.message));
            }
            let toggle = if open.show_problems { "Hide" } else { "Show all" };
            if ui.small_button(toggle).clicked() {
                open.show_problems = !open.show_problems;
            }
        });
        if open.show_problems {
            egui::ScrollArea::vertical().max_height(160.0).id_salt("problems").show(ui, |ui| {
                for d in problems {
                    ui.label(format!("{}:{}: {}: {}", open.case.path.display(), d.line, d.severity, d.message));
                }
            });
        }
    });
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_settings(storage);
    }
}

/// A selection without the white space at its ends: a drag often starts or ends in the space
/// between blocks.
fn trim_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let selected = &text[range.clone()];
    let start = range.start + (selected.len() - selected.trim_start().len());
    start..start + selected.trim().len()
}
