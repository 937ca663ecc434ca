//! The three journeys of a class, with the keyboard alone: no pointer event at all. Tab walks
//! the controls, Enter presses them, and the reader's caret selects (issue 15, item 3).
#![allow(clippy::unwrap_used)] // a panic is the failure report

mod support;

use casebook::App;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use support::*;

/// The control that has the keyboard: its role and name.
fn focused(h: &Harness<'static, App>) -> Option<(Role, String)> {
    h.root().children_recursive().find(|n| n.is_focused()).map(|n| {
        let node = n.accesskit_node();
        (node.role(), node.label().unwrap_or_default())
    })
}

/// Presses Tab until the control `role` named `name` has the keyboard, as a person would,
/// and fails if a full round never reaches it.
fn tab_to(h: &mut Harness<'static, App>, role: Role, name: &str) {
    let mut seen = Vec::new();
    for _ in 0..400 {
        match focused(h) {
            Some((r, label)) if r == role && label == name => return,
            Some(now) => {
                if seen.first() == Some(&now) && seen.len() > 1 {
                    break;
                }
                seen.push(now);
            }
            None => {}
        }
        h.key_press(Key::Tab);
        h.run();
    }
    panic!("Tab never reached {name:?}; it went through {seen:?}");
}

#[test]
fn annotate_a_passage_with_a_note_from_the_keyboard() {
    let (_dir, case) = case_with_layer(None);
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    // Tab reaches the text, and a ring shows it.
    tab_to(&mut h, Role::Document, "Votes");
    let accent = casebook::ui::theme::palette(h.state().settings().theme).accent;
    let ring = h.output().shapes.iter().any(|c| match &c.shape {
        egui::Shape::Rect(r) => r.stroke.color == accent && r.stroke.width >= 2.0,
        _ => false,
    });
    assert!(ring, "a focus ring around the reader");

    h.key_press(Key::F7);
    h.key_press(Key::ArrowDown);
    h.key_press(Key::ArrowDown);
    h.key_press_modifiers(Modifiers::SHIFT, Key::End);
    h.run();
    let text = h.state().case().unwrap().doc.text.clone();
    assert_eq!(&text[h.state().reader_selection().unwrap()], "China and Russia cast vetoes.");
    h.key_press(Key::Enter);
    h.run();
    tab_to(&mut h, Role::Button, "Highlight and write a note");
    h.key_press(Key::Enter);
    h.run();
    let (role, _) = focused(&h).unwrap();
    assert_eq!(role, Role::MultilineTextInput, "the note has the keyboard");
    h.event(egui::Event::Text("Both vetoes in one sentence.".into()));
    h.run();
    let notes = h.state().annotations();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].target.quote.exact, "China and Russia cast vetoes.");
    assert_eq!(notes[0].note, "Both vetoes in one sentence.");
}

#[test]
fn build_a_plan_from_the_keyboard() {
    let (_dir, case) = case_with_layer(None);
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    tab_to(&mut h, Role::Button, "+ Segment");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().layer().unwrap().plan.segments.len(), 1, "Enter on + Segment adds one");
    tab_to(&mut h, Role::TextInput, "Segment title");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Opening".into()));
    h.run();
    assert_eq!(h.state().layer().unwrap().plan.segments[0].title, "Opening");
    tab_to(&mut h, Role::Button, "+ Question");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(question_ids(&h).len(), 1, "Enter on + Question adds one");
}

#[test]
fn present_from_the_keyboard() {
    let (_dir, case) = case_with_layer(Some(&two_questions()));
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().presentation().is_some(), "F5 presents");
    h.key_press(Key::ArrowRight);
    h.key_press(Key::ArrowRight);
    h.run();
    assert!(h.query_by_label("What should the Council do next?").is_some(), "→ twice shows question 2");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().presentation().is_none(), "Esc ends");
}

#[test]
fn a_full_round_of_tab_stops_only_at_named_controls_and_reaches_the_text() {
    let data = tempfile::tempdir().unwrap();
    let (_dir, case) = copy_of_case("dprk-unsc");
    let mut h = harness(Some(case), data.path());
    h.run();
    let mut stops: Vec<(Role, String)> = Vec::new();
    for _ in 0..200 {
        h.key_press(Key::Tab);
        h.run();
        let Some(n) = h.root().children_recursive().find(|n| n.is_focused()) else { continue };
        let node = n.accesskit_node();
        let name = node.label().or_else(|| node.value()).unwrap_or_default();
        if stops.first().is_some_and(|first| *first == (node.role(), name.clone())) {
            break;
        }
        stops.push((node.role(), name));
    }
    let unnamed: Vec<_> = stops.iter().filter(|(_, name)| !casebook::ui::accessibility::named_in_words(name)).collect();
    assert!(unnamed.is_empty(), "Tab stops without a name in words: {unnamed:?}");
    assert!(stops.iter().any(|(role, _)| *role == Role::Document), "Tab reaches the text");
    assert!(stops.iter().any(|(role, name)| *role == Role::Group && name == "Timeline"), "and the timeline");
    assert!(stops.len() > 30, "a full round: {}", stops.len());
}
