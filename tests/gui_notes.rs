//! Highlights, notes and the timeline, driven headless as a user would: drags, clicks and keys.
#![allow(clippy::unwrap_used)] // a panic is the failure report

mod support;

use casebook::App;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use support::*;

#[test]
fn select_two_paragraphs_highlight_note_undo_redo() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("votes");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(
        case.join("case.md"),
        "# Votes\n\nThirteen members voted for the draft resolution in May.\n\nChina and Russia cast vetoes against it that afternoon.\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case.clone()), data.path());
    h.run();
    let first = h.get_by_label("Thirteen members voted for the draft resolution in May.").rect();
    let second = h.get_by_label("China and Russia cast vetoes against it that afternoon.").rect();
    drag(&mut h, first.left_center() + egui::vec2(1.0, 0.0), second.left_center() + egui::vec2(120.0, 0.0));
    assert!(h.state().reader_selection().is_some(), "dragging selects");
    h.get_by_label("Highlight and write a note").click();
    h.run();
    let note =
        h.query_all_by_role(Role::MultilineTextInput).find(|n| n.is_focused()).expect("the note field has the cursor");
    note.type_text("Both halves of the story.");
    h.run();

    let layer = || casebook_core::layer::store::load(&case.join("instructor.casebook.json")).unwrap().layer;
    let quote = h.state().annotations().to_vec();
    assert_eq!(quote.len(), 1);
    let a = &quote[0];
    assert!(a.target.quote.exact.starts_with("Thirteen members voted"), "{:?}", a.target.quote.exact);
    assert!(a.target.quote.exact.contains("\nChina and"), "{:?}", a.target.quote.exact);
    assert_eq!(a.note, "Both halves of the story.");

    // Saving starts by itself, shortly after the last change, on the harness's clock.
    let saving = |h: &Harness<'static, App>| {
        h.state().case_view().unwrap().session.save_status() != &casebook_core::session::SaveStatus::Unsaved
    };
    for _ in 0..60 {
        if saving(&h) {
            break;
        }
        h.step();
    }
    let status = h.state().case_view().unwrap().session.save_status().clone();
    assert!(saving(&h), "a save started by itself: {status:?}");
    h.state_mut().case_view_mut().unwrap().session.save_now().unwrap();
    assert_eq!(layer().annotations.as_slice()[0].note, "Both halves of the story.", "saved to disk");

    h.get_by_label("Close").click();
    h.run();
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().annotations()[0].note, "", "undo takes the note back, typed as one step");
    h.get_by_label("Undo").click();
    h.run();
    assert!(h.state().annotations().is_empty(), "undo takes the highlight back");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    assert_eq!(h.state().annotations().len(), 1, "Ctrl+Shift+Z redoes");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().annotations().is_empty(), "Ctrl+Z undoes");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    let _ = h.state_mut().save_now();
    drop(h);

    // Closing the app saves; a new run finds the highlight where it was.
    let mut h = harness(Some(case.clone()), data.path());
    h.run();
    let again = h.state().annotations();
    assert_eq!(again.len(), 1);
    assert!(again[0].target.quote.exact.starts_with("Thirteen members voted"));
    assert_eq!(again[0].note, "", "the redone step is the highlight, without the undone note");
}

#[test]
fn clicking_an_event_scrolls_the_reader_to_its_passage() {
    let (_dir, case) = copy_of_case("dprk-unsc");
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let visible = h.state().reader_visible_text().unwrap();
    let event = labelled_entry(&h, |e| !e.is_suggestion() && e.range.as_ref().is_some_and(|r| r.start > visible.end));
    let passage = event.range.clone().unwrap();
    h.get_by_role_and_label(Role::Button, &entry_label(h.state().timeline().unwrap().0, &event)).click();
    h.run();
    let visible = h.state().reader_visible_text().unwrap();
    assert!(visible.contains(&passage.start), "{:?} is not in view ({visible:?})", event.event.title);
    assert_eq!(h.state().timeline().unwrap().1, Some(event.event.id.as_str()), "the event is selected");
}

#[test]
fn arrow_keys_walk_the_events_and_enter_jumps_to_the_passage() {
    let (_dir, case) = copy_of_case("cuban-missile-crisis");
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let first = labelled_entry(&h, |_| true);
    h.get_by_role_and_label(Role::Button, &entry_label(h.state().timeline().unwrap().0, &first)).click();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let (chronology, selected) = h.state().timeline().unwrap();
    let mut by_time: Vec<_> = chronology.entries.iter().collect();
    by_time.sort_by_key(|e| e.event.date);
    let at = by_time.iter().position(|e| e.event.id == first.event.id).unwrap();
    let next = by_time[at + 1].clone();
    assert_eq!(selected, Some(next.event.id.as_str()), "→ selects the next event in time");
    h.key_press(egui::Key::Enter);
    h.run();
    if let Some(range) = &next.range {
        assert!(h.state().reader_visible_text().unwrap().contains(&range.start), "Enter shows its passage");
    }
}

#[test]
fn accepting_a_suggestion_makes_an_event_and_undo_takes_it_back() {
    let (_dir, case) = copy_of_case("dprk-unsc");
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case.clone()), data.path());
    h.run();
    let suggestion = labelled_entry(&h, |e| e.is_suggestion());
    let key = suggestion.event.id.clone();
    h.get_by_role_and_label(Role::Button, &entry_label(h.state().timeline().unwrap().0, &suggestion)).click();
    h.run();
    h.get_by_label("✔ Accept").click();
    h.run();
    let layer = h.state().layer().unwrap();
    assert_eq!(layer.events.len(), 1);
    assert_eq!(layer.events.as_slice()[0].event.date, suggestion.event.date);
    assert!(layer.events.as_slice()[0].event.anchor.is_some(), "the event is anchored to its sentence");
    let (chronology, _) = h.state().timeline().unwrap();
    assert!(chronology.get(&key).is_none(), "no longer suggested");
    assert!(chronology.events().any(|e| e.event.date == suggestion.event.date));

    h.get_by_label("Undo").click();
    h.run();
    assert!(h.state().layer().unwrap().events.is_empty(), "undo takes the event back");
    assert!(h.state().timeline().unwrap().0.get(&key).is_some(), "and the suggestion returns");

    // Dismissing is remembered across a restart.
    let suggestion = h.state().timeline().unwrap().0.get(&key).cloned().unwrap();
    h.get_by_role_and_label(Role::Button, &entry_label(h.state().timeline().unwrap().0, &suggestion)).click();
    h.run();
    h.get_by_label("Dismiss").click();
    h.run();
    h.state_mut().save_now();
    let mut again = harness(Some(case), data.path());
    again.run();
    let (chronology, _) = again.state().timeline().unwrap();
    assert!(chronology.get(&key).is_none(), "a dismissed suggestion stays dismissed");
}

#[test]
fn clicking_a_date_in_the_text_selects_its_event() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("dates");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(
        case.join("case.md"),
        "---\ntimeline:\n  - id: veto\n    date: \"2022-05-26\"\n    title: Double veto\n---\n# Dates\n\nOn May 26, 2022 two members vetoed the draft.\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    assert_eq!(h.state().timeline().unwrap().1, None);
    let paragraph = h.get_by_label("On May 26, 2022 two members vetoed the draft.").rect();
    let at = hand_cursor_along(&mut h, paragraph.left_center(), 200.0).expect("a hand over the date");
    click_at(&mut h, at);
    assert_eq!(h.state().timeline().unwrap().1, Some("veto"), "the date's event is selected");
}
