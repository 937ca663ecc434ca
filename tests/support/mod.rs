//! What the GUI tests share: the app in a harness, the pointer moved as a hand would, cases
//! in temporary folders, and a view of the open case.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of it; a panic is a failure report

use std::path::PathBuf;

use casebook::App;
use casebook::ui::Start;
use casebook::ui::presentation::Presentation;
use casebook_core::layer::{Annotation, Layer};
use casebook_core::session::ScrollPos;
use casebook_core::timeline::chronology::{Chronology, Entry};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

pub const DPRK_TITLE: &str = "North Korea and the UN Security Council, 2006–2025";

pub fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases")
}

pub fn harness(path: Option<PathBuf>, data_dir: &std::path::Path) -> Harness<'static, App> {
    let start = Start { path, data_dir: data_dir.to_owned(), fresh: true };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe(move |cc| App::new(cc, start));
    wait_for_library(&mut h);
    h
}

/// The library's cards are read on a worker thread, with a spinner while they are: wait for
/// them, as a user's eyes would, however slow the machine.
pub fn wait_for_library(h: &mut Harness<'static, App>) {
    for _ in 0..2_000 {
        h.step();
        if h.state().library_ready() {
            break;
        }
        std::thread::yield_now();
    }
    assert!(h.state().library_ready(), "the library was not read");
}

/// What the tests look at in the open case.
pub trait Look {
    fn reader_pos(&self) -> Option<ScrollPos>;
    fn find_status(&self) -> Option<String>;
    fn annotations(&self) -> Vec<Annotation>;
    fn layer(&self) -> Option<&Layer>;
    fn reader_selection(&self) -> Option<std::ops::Range<usize>>;
    fn reader_visible_text(&self) -> Option<std::ops::Range<usize>>;
    fn timeline(&self) -> Option<(&Chronology, Option<&str>)>;
    fn presentation(&self) -> Option<&Presentation>;
}

impl Look for App {
    fn reader_pos(&self) -> Option<ScrollPos> {
        self.case_view().map(|v| v.reader.pos())
    }
    fn find_status(&self) -> Option<String> {
        self.case_view().filter(|v| v.find.open).map(|v| v.find.status())
    }
    fn annotations(&self) -> Vec<Annotation> {
        self.layer().map(|l| l.annotations.iter().cloned().collect()).unwrap_or_default()
    }
    fn layer(&self) -> Option<&Layer> {
        self.case_view().map(|v| v.session.layer())
    }
    fn reader_selection(&self) -> Option<std::ops::Range<usize>> {
        self.case_view().and_then(|v| v.reader.selection())
    }
    fn reader_visible_text(&self) -> Option<std::ops::Range<usize>> {
        self.case_view().map(|v| v.reader.visible_text())
    }
    fn timeline(&self) -> Option<(&Chronology, Option<&str>)> {
        self.case_view().map(|v| (v.session.chronology(), v.selected_event.as_deref()))
    }
    fn presentation(&self) -> Option<&Presentation> {
        self.case_view().and_then(|v| v.presentation.as_ref())
    }
}

/// Moves the pointer right from `from` until it turns into a hand, as over a link.
pub fn hand_cursor_along(h: &mut Harness<'static, App>, from: egui::Pos2, width: f32) -> Option<egui::Pos2> {
    (0..(width as usize)).step_by(3).map(|dx| from + egui::vec2(dx as f32, 0.0)).find(|&p| {
        h.hover_at(p);
        h.run();
        h.output().platform_output.cursor_icon == egui::CursorIcon::PointingHand
    })
}

/// Clicks at a point; returns the addresses the app asked the system to open.
pub fn click_at(h: &mut Harness<'static, App>, pos: egui::Pos2) -> Vec<String> {
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    h.step();
    let opened = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::OpenUrl(u) => Some(u.url.clone()),
            _ => None,
        })
        .collect();
    h.run();
    opened
}

/// Steps the app until it has finished reading a case on its worker thread.
pub fn wait_for_load(h: &mut Harness<'static, App>) {
    for _ in 0..600 {
        h.step();
        if !h.state().is_loading() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the case did not load within 6 s");
}

/// Drags the pointer from one point to another, as a hand on a mouse would.
pub fn drag(h: &mut Harness<'static, App>, from: egui::Pos2, to: egui::Pos2) {
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    h.event(egui::Event::PointerMoved(from));
    h.event(button(from, true));
    h.step();
    for k in 1..=4 {
        h.event(egui::Event::PointerMoved(from + (to - from) * (k as f32 / 4.0)));
        h.step();
    }
    h.event(button(to, false));
    h.step();
    h.run();
}

/// A copy of a bundled case in a temporary folder, so a test may change its notes.
pub fn copy_of_case(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(name);
    std::fs::create_dir(&to).unwrap();
    for entry in std::fs::read_dir(cases_dir().join(name)).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    (dir, to)
}

/// The accessible label of a timeline entry's button: its title, its date, and its lane (or
/// that it is a suggestion).
pub fn entry_label(chronology: &Chronology, entry: &Entry) -> String {
    if entry.is_suggestion() {
        return format!("{} {}, suggested date", entry.event.title, entry.event.date);
    }
    let lane = chronology.lanes.get(entry.lane).map_or("", String::as_str);
    format!("{} {}, {lane}", entry.event.title, entry.event.date)
}

/// The first entry drawn with its label on the timeline that `pick` accepts.
pub fn labelled_entry(h: &Harness<'static, App>, pick: impl Fn(&Entry) -> bool) -> Entry {
    let (chronology, _) = h.state().timeline().unwrap();
    chronology
        .entries
        .iter()
        .find(|e| pick(e) && h.query_by_role_and_label(Role::Button, &entry_label(chronology, e)).is_some())
        .cloned()
        .expect("an entry with its label drawn")
}

/// A case with a two-paragraph text and, when given, an instructor layer.
pub fn case_with_layer(layer: Option<&Layer>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("votes");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(
        case.join("case.md"),
        "---\ntitle: Votes\n---\n# Votes\n\nThirteen members voted for the draft resolution.\n\nChina and Russia cast vetoes.\n",
    )
    .unwrap();
    if let Some(layer) = layer {
        std::fs::write(case.join(casebook_core::layer::store::INSTRUCTOR_FILE), layer.to_json()).unwrap();
    }
    (dir, case)
}

pub fn question_ids(h: &Harness<'static, App>) -> Vec<String> {
    h.state().layer().unwrap().questions.iter().map(|q| q.id.clone()).collect()
}

pub fn two_questions() -> Layer {
    let mut first = casebook_core::plan::Question::new("q1", "Why did the draft fail?", 1);
    first.teaching_note = "PRIVATE: push on the veto".into();
    let second = casebook_core::plan::Question::new("q2", "What should the Council do next?", 1);
    Layer { questions: vec![first, second].into(), ..Layer::default() }
}
