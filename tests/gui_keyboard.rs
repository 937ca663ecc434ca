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

/// Every stop of a full round of Tab, and fails if one has no name in words.
fn tab_round(h: &mut Harness<'static, App>) -> Vec<(Role, String)> {
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
    stops
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
    // The question's own editor: its text, then its kind from the list, then its first option.
    tab_to(&mut h, Role::MultilineTextInput, "Question");
    h.event(egui::Event::Text("Adopt or veto?".into()));
    h.run();
    tab_to(&mut h, Role::ComboBox, "Kind");
    h.key_press(Key::Enter);
    h.run();
    tab_to(&mut h, Role::Button, "Vote");
    h.key_press(Key::Enter);
    h.run();
    let layer = h.state().layer().unwrap();
    let question = &layer.questions.as_slice()[0];
    assert!(question.text.ends_with("Adopt or veto?"), "{:?}", question.text);
    assert!(question.is_vote(), "the kind chosen from the keyboard: {:?}", question.kind);
    tab_to(&mut h, Role::TextInput, "Option 1");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("Adopt".into()));
    h.run();
    let layer = h.state().layer().unwrap();
    assert_eq!(layer.questions.as_slice()[0].kind.options()[0].0, "Adopt");
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
    let stops = tab_round(&mut h);
    assert!(stops.iter().any(|(role, _)| *role == Role::Document), "Tab reaches the text");
    assert!(stops.iter().any(|(role, name)| *role == Role::Group && name == "Timeline"), "and the timeline");
    assert!(stops.len() > 30, "a full round: {}", stops.len());
}

/// The timeline with the keys alone: Tab reaches it, the arrows walk its events, including those
/// folded into a "+N" cluster and the suggested dates, and Tab then reaches the suggestion's
/// own buttons: "Accept" adds it to the timeline.
#[test]
fn accept_a_suggested_date_from_the_keyboard() {
    let data = tempfile::tempdir().unwrap();
    let (_dir, case) = copy_of_case("dprk-unsc");
    let mut h = harness(Some(case), data.path());
    h.run();
    tab_to(&mut h, Role::Group, "Timeline");
    let (chronology, _) = h.state().timeline().unwrap();
    let total = chronology.entries.len();
    let suggestions = chronology.entries.iter().filter(|e| e.is_suggestion()).count();
    assert!(suggestions > 0, "the sample has suggested dates");
    // Every entry is reached, one arrow press at a time, clusters and suggestions included.
    let mut reached = std::collections::BTreeSet::new();
    for _ in 0..total {
        h.key_press(Key::ArrowRight);
        h.run();
        let (_, selected) = h.state().timeline().unwrap();
        reached.insert(selected.expect("an arrow selects an event").to_owned());
    }
    assert_eq!(reached.len(), total, "the arrows reach every event and suggestion");
    // Back to a suggestion, then Tab to its Accept button.
    let mut suggestion = None;
    for _ in 0..total {
        h.key_press(Key::ArrowLeft);
        h.run();
        let (chronology, selected) = h.state().timeline().unwrap();
        if let Some(entry) = selected.and_then(|id| chronology.get(id)).filter(|e| e.is_suggestion()) {
            suggestion = Some(entry.event.date);
            break;
        }
    }
    let date = suggestion.expect("the arrows reach a suggested date");
    let accepted_before = h.state().timeline().unwrap().0.entries.iter().filter(|e| !e.is_suggestion()).count();
    tab_to(&mut h, Role::Button, "✔ Accept");
    h.key_press(Key::Enter);
    h.run();
    let (chronology, _) = h.state().timeline().unwrap();
    let accepted = chronology.entries.iter().filter(|e| !e.is_suggestion()).count();
    assert_eq!(accepted, accepted_before + 1, "Enter on Accept adds the suggestion dated {date}");
}

/// The presenter console with the keys alone: Shift+F5 opens it, the arrows move the slides,
/// and Tab reaches its controls, each named in words (going live is one of them).
#[test]
fn the_presenter_console_from_the_keyboard() {
    let (_dir, case) = case_with_layer(Some(&two_questions()));
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::F5);
    h.run();
    assert!(h.state().presentation().is_some(), "Shift+F5 opens the console");
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().presentation().unwrap().index, 1, "→ moves on");
    let stops = tab_round(&mut h);
    assert!(stops.contains(&(Role::Button, "Go live".to_owned())), "Tab reaches Go live: {stops:?}");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().presentation().is_none(), "Esc ends");
}
