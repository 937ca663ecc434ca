//! The open case on screen: its session, the reader, and the panels around it (outline,
//! annotations, plan or questions, timeline), with what is selected in them.

use std::collections::HashSet;
use std::ops::Range;

use casebook_core::anchor::Selector;
use casebook_core::case::{Case, OutlineEntry};
use casebook_core::layer::Color;
use casebook_core::session::{Edit, Effect, ScrollPos, Selected, Session, Settings};
use casebook_core::shared::LayerView;
use casebook_core::views::search::CaseEntries;
use egui::{RichText, Ui};

use super::actions::Action;
use super::annotations_panel::AnnotationsPanel;
use super::command::Command;
use super::find::Find;
use super::outline;
use super::plan_panel::{PlanInput, PlanPanel, StudyInput};
use super::presentation::Presentation;
use super::reader::layout::Highlights;
use super::reader::{Reader, ReaderEvent, ReaderInput};
use super::theme::{Palette, palette};
use super::timeline::{PanelInput, TimelinePanel};

pub struct CaseView {
    pub session: Session,
    pub reader: Reader,
    outline: Vec<OutlineEntry>,
    pub find: Find,
    show_problems: bool,
    /// The annotation shown in the panel's editor.
    pub selected: Option<String>,
    pub timeline: TimelinePanel,
    /// The timeline entry selected: an event id, or a suggestion's key.
    pub selected_event: Option<String>,
    /// The date mentions that lead to an event, for the timeline revision they were found in.
    date_links: (u64, Vec<Range<usize>>),
    plan_panel: PlanPanel,
    annotations_panel: AnnotationsPanel,
    pub presentation: Option<Presentation>,
    /// The case's words, counted once: the status bar shows them every frame.
    pub words: usize,
    /// F7: the arrow keys move a caret in the reader's text, as in a browser.
    pub caret_browsing: bool,
}

impl CaseView {
    pub fn new(ctx: &egui::Context, session: Session, pos: ScrollPos) -> Self {
        let case = session.case();
        let (outline, show_problems, words) =
            (case.doc.outline(), case.errors().next().is_some(), case.doc.word_count());
        Self {
            reader: Reader::new(ctx, pos),
            outline,
            find: Find::default(),
            show_problems,
            session,
            selected: None,
            timeline: TimelinePanel::default(),
            selected_event: None,
            date_links: (u64::MAX, Vec::new()),
            plan_panel: PlanPanel::default(),
            annotations_panel: AnnotationsPanel::default(),
            presentation: None,
            words,
            caret_browsing: false,
        }
    }

    /// The case changed on disk: the new text where the reader was, everything anchored again.
    pub fn replace_case(&mut self, ctx: &egui::Context, case: Case) {
        self.outline = case.doc.outline();
        self.words = case.doc.word_count();
        self.session.replace_case(case);
        self.reader = Reader::new(ctx, self.reader.pos());
        self.find = Find::default();
    }

    /// Scrolls the reader to a passage and flashes it.
    pub fn reveal(&mut self, passage: &Selector, now_secs: f64) {
        if let Some(range) = self.session.resolve(passage).range {
            self.reader.reveal(&self.session.case().doc, range.start, now_secs);
        }
    }

    /// What an edit selected.
    pub fn select(&mut self, selected: Selected) {
        match selected {
            Selected::Annotation { id, note } => {
                self.selected = Some(id);
                self.annotations_panel.focus_note = note;
                self.reader.clear_selection();
            }
            Selected::Event(id) => self.selected_event = id,
            Selected::Question(id) => self.plan_panel.open_question = Some(id),
            Selected::None => self.selected = None,
        }
    }

    /// The notes of this case as search sees them, after a save.
    pub fn search_entries(&self) -> CaseEntries {
        let s = &self.session;
        let case = s.case();
        match s.student() {
            Some(student) => {
                CaseEntries::new(&case.path, &case.title(), LayerView::Shared(&student.shared), Some(s.layer()))
            }
            None => CaseEntries::new(&case.path, &case.title(), LayerView::Full(s.layer()), None),
        }
    }

    /// An edit that takes the passage selected in the reader, which is then cleared.
    fn with_selection(&mut self, edit: impl FnOnce(Range<usize>) -> Edit, now: f64) -> Vec<Effect> {
        let Some(range) = self.reader.selection() else { return Vec::new() };
        self.reader.clear_selection();
        self.session.apply(edit(range), now)
    }

    /// Carries out what concerns this case alone.
    pub fn apply(&mut self, command: Command, now: f64) -> Vec<Effect> {
        match command {
            Command::Action(Action::Find) => self.find.open(),
            Command::Action(action @ (Action::FindNext | Action::FindPrevious)) => {
                if let Some(offset) = self.find.step(action == Action::FindNext) {
                    self.reader.go_to_text(offset);
                }
            }
            Command::CloseFind => self.find.close(),
            Command::GoToBlock(block) => self.reader.go_to(block, now),
            Command::SelectAnnotation(id) => self.selected = id,
            Command::RevealAnnotation(id) => {
                if let Some(range) = self.session.annotation(&id).and_then(|(_, r)| r.range.clone()) {
                    self.reader.reveal(&self.session.case().doc, range.start, now);
                }
                self.selected = Some(id);
            }
            Command::ReattachToSelection(id) => {
                return self.with_selection(|range| Edit::ReattachAnnotation { id, range }, now);
            }
            Command::AnchorEventToSelection(id) => {
                return self.with_selection(|range| Edit::AnchorEvent { id, range }, now);
            }
            Command::LinkQuestionToSelection(id) => {
                return self.with_selection(|range| Edit::LinkQuestion { id, range }, now);
            }
            Command::SelectEvent(id) => {
                if let Some(entry) = id.as_deref().and_then(|id| self.session.chronology().get(id)) {
                    self.timeline.canvas.show_entry(entry);
                }
                self.selected_event = id;
            }
            Command::RevealEvent(id) => {
                if let Some(entry) = self.session.chronology().get(&id) {
                    self.timeline.canvas.show_entry(entry);
                    if let Some(range) = &entry.range {
                        self.reader.reveal(&self.session.case().doc, range.start, now);
                    }
                }
                self.selected_event = Some(id);
            }
            Command::EventAtText(offset) => {
                if let Some(entry) = self.session.chronology().event_for_mention(offset) {
                    self.timeline.canvas.show_entry(entry);
                    self.selected_event = Some(entry.event.id.clone());
                }
            }
            Command::RevealPassage(passage) => self.reveal(&passage, now),
            _ => {}
        }
        Vec::new()
    }

    /// The panels and the reader, in the space left by the bars.
    pub fn ui(&mut self, ui: &mut Ui, settings: &Settings) -> Vec<Command> {
        let mut commands = Vec::new();
        let palette = palette(settings.theme);
        let has_selection = self.reader.selection().is_some();
        // The outline keeps the full height; the timeline strip goes under the text only. It
        // comes first so Tab, which follows the order widgets are made in, meets it first.
        if settings.show_outline {
            egui::Panel::left("outline").resizable(true).default_size(260.0).size_range(160.0..=520.0).show(ui, |ui| {
                commands.extend(outline::ui(ui, &self.outline, self.reader.top_block()));
            });
        }
        if settings.show_plan {
            let id = if self.session.student().is_some() { "study" } else { "plan" };
            egui::Panel::right(id).resizable(true).default_size(420.0).size_range(300.0..=800.0).show(ui, |ui| {
                commands.extend(self.plan_ui(ui, &palette, has_selection, settings.pack_results));
            });
        }
        if settings.show_annotations {
            let panel = egui::Panel::right("annotations").resizable(true).default_size(340.0);
            panel.size_range(220.0..=640.0).show(ui, |ui| {
                let selected = self.selected.as_deref();
                commands.extend(self.annotations_panel.ui(ui, &self.session, selected, &palette, has_selection));
            });
        }
        if settings.show_timeline {
            commands.extend(self.timeline_ui(ui, settings, &palette, has_selection));
        }
        egui::CentralPanel::no_frame().show(ui, |ui| commands.extend(self.reader_ui(ui, settings, palette)));
        commands
    }

    fn plan_ui(&mut self, ui: &mut Ui, palette: &Palette, has_selection: bool, pack_results: bool) -> Vec<Command> {
        let s = &self.session;
        match s.student() {
            Some(student) => {
                let people = student.people(s.layer());
                let input = StudyInput {
                    shared: &student.shared,
                    answers: &s.layer().answers,
                    people: &people,
                    chronology: s.chronology(),
                    notes_elsewhere: student.notes_elsewhere.as_deref(),
                };
                super::plan_panel::study_ui(ui, &input)
            }
            None => {
                let input = PlanInput {
                    layer: s.layer(),
                    chronology: s.chronology(),
                    palette,
                    editable: s.editable(),
                    has_selection,
                    pack_results,
                };
                self.plan_panel.ui(ui, &input)
            }
        }
    }

    fn timeline_ui(
        &mut self,
        ui: &mut Ui,
        settings: &Settings,
        palette: &Palette,
        has_selection: bool,
    ) -> Vec<Command> {
        let s = &self.session;
        let visible = self.reader.visible_text();
        let chronology = s.chronology();
        let in_view: HashSet<usize> = chronology.in_passage(visible.clone()).collect();
        let input = PanelInput {
            chronology,
            rev: s.revisions().timeline,
            palette,
            beside: settings.timeline_beside,
            show_suggestions: settings.show_suggestions,
            editable: s.editable(),
            selected: self.selected_event.as_deref(),
            in_view: &in_view,
            reading: chronology.date_at(visible, s.mentions()),
            has_selection,
            dismissed: s.layer().dismissed.len(),
        };
        let panel = if settings.timeline_beside {
            egui::Panel::right("timeline").default_size(380.0).size_range(260.0..=900.0)
        } else {
            egui::Panel::bottom("timeline-strip").default_size(360.0).size_range(180.0..=800.0)
        };
        let mut commands = Vec::new();
        panel.resizable(true).show(ui, |ui| commands.extend(self.timeline.ui(ui, &input)));
        commands
    }

    fn reader_ui(&mut self, ui: &mut Ui, settings: &Settings, palette: Palette) -> Vec<Command> {
        let mut commands = Vec::new();
        if self.find.open {
            egui::Frame::new().fill(palette.chrome).inner_margin(6.0).show(ui, |ui| {
                ui.set_width(ui.available_width());
                commands.extend(self.find.ui(ui));
            });
        }
        let s = &self.session;
        let case = s.case();
        let from = case.doc.blocks.get(self.reader.top_block()).map_or(0, |b| b.text.start);
        if let Some(offset) = self.find.update(&case.doc.text, from) {
            self.reader.go_to_text(offset);
        }
        problems_ui(ui, case, &mut self.show_problems, &palette);
        let rev = s.revisions().timeline;
        if self.date_links.0 != rev {
            self.date_links = (rev, s.chronology().linked_mentions().cloned().collect());
        }
        // Named even when the layer can't be changed: highlights are said with their names.
        let colors: Vec<(Color, String)> =
            Color::ALL.iter().map(|c| (*c, s.layer().color_name(*c).to_owned())).collect();
        let input = ReaderInput {
            case,
            palette,
            zoom: settings.zoom,
            highlights: Highlights { matches: &self.find.matches, current: self.find.current },
            highlight_rev: self.find.rev,
            marks: s.marks(),
            selected_mark: self.selected.as_deref(),
            colors: &colors,
            editable: s.editable(),
            caret_browsing: self.caret_browsing,
            date_links: &self.date_links.1,
            keys: !self.timeline.canvas.has_focus(ui.ctx()),
            shared_marks: s.student().filter(|_| settings.show_shared).map(|st| &st.marks),
        };
        for event in self.reader.ui(ui, &input) {
            commands.push(match event {
                ReaderEvent::CaretBrowsing(on) => {
                    self.caret_browsing = on;
                    continue;
                }
                ReaderEvent::Annotate { range, color, note, tags, private } => {
                    Command::Edit(Edit::Annotate { range, color, note, tags, private })
                }
                ReaderEvent::SelectMark(id) => Command::SelectAnnotation(Some(id)),
                ReaderEvent::DateClicked(offset) => Command::EventAtText(offset),
                ReaderEvent::OpenLink(url) => Command::OpenLink(url),
                ReaderEvent::GoToBlock(block) => Command::GoToBlock(block),
            });
        }
        commands
    }
}

/// The problems found in `case.md`, above the text: the first one, or all of them.
fn problems_ui(ui: &mut Ui, case: &Case, show_all: &mut bool, palette: &Palette) {
    let problems = &case.diagnostics;
    if problems.is_empty() {
        return;
    }
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let fill = if errors > 0 { palette.warning_bg } else { palette.chrome };
    egui::Frame::new().fill(fill).inner_margin(6.0).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            let file = case.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let first = &problems[0];
            let count =
                if problems.len() == 1 { "1 problem".to_owned() } else { format!("{} problems", problems.len()) };
            ui.label(RichText::new(format!("⚠ {count} in {file}")).strong());
            if !*show_all {
                ui.label(format!("line {}: {}", first.line, first.message));
            }
            let toggle = if *show_all { "Hide" } else { "Show all" };
            if ui.small_button(toggle).clicked() {
                *show_all = !*show_all;
            }
        });
        if *show_all {
            egui::ScrollArea::vertical().max_height(160.0).id_salt("problems").show(ui, |ui| {
                for d in problems {
                    ui.label(format!("{}:{}: {}: {}", case.path.display(), d.line, d.severity, d.message));
                }
            });
        }
    });
}
