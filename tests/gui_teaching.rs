//! Questions, the plan, presenting, student mode and search, driven headless as a user would.
#![allow(clippy::unwrap_used)] // a panic is the failure report

mod support;

use casebook::ui::View;
use egui_kittest::kittest::Queryable as _;
use support::*;

#[test]
fn add_a_question_reorder_it_and_undo() {
    let (_dir, case) = case_with_layer(None);
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    h.get_by_label("Plan").click();
    h.run();
    h.get_by_label("+ Question").click();
    h.run();
    h.get_by_label("+ Question").click();
    h.run();
    let added = question_ids(&h);
    assert_eq!(added.len(), 2, "two questions added");
    // The new question is open in the editor: move it before the first.
    h.get_by_label("↑ Earlier").click();
    h.run();
    assert_eq!(question_ids(&h), [added[1].clone(), added[0].clone()], "moved up");
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(question_ids(&h), added, "undo puts it back");
}

#[test]
fn presenting_steps_through_questions_blanks_and_returns() {
    let (_dir, case) = case_with_layer(Some(&two_questions()));
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let before = h.state().reader_pos();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.state().presentation().is_some(), "F5 starts the presentation");
    assert!(h.query_by_label("Votes").is_some(), "the title slide comes first");
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(h.query_by_label("What should the Council do next?").is_some(), "→ twice shows question 2");
    assert!(h.query_by_label_contains("PRIVATE").is_none(), "no teaching note on the wall");
    h.key_press(egui::Key::B);
    h.run();
    let blank = h.state().presentation().unwrap().blank;
    assert_eq!(blank, Some(casebook::ui::presentation::Blank::Black));
    assert!(h.query_by_label("What should the Council do next?").is_none(), "the screen is blank");
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().presentation().is_none(), "Esc ends the presentation");
    assert_eq!(h.state().view(), View::Reader);
    assert_eq!(h.state().reader_pos(), before, "back where you were");
}

#[test]
fn student_mode_keeps_its_own_notes_and_never_touches_the_instructors() {
    let (_dir, case) = case_with_layer(Some(&two_questions()));
    // A case pack opens in student mode.
    std::fs::write(case.join(casebook_core::formats::pack::PACK_FILE), "{}").unwrap();
    let instructor_file = case.join(casebook_core::layer::store::INSTRUCTOR_FILE);
    let instructor_bytes = std::fs::read(&instructor_file).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case.clone()), data.path());
    h.run();

    let first = h.get_by_label("Thirteen members voted for the draft resolution.").rect();
    drag(&mut h, first.left_center() + egui::vec2(1.0, 0.0), first.right_center() - egui::vec2(2.0, 0.0));
    h.get_by_label("Highlight and write a note").click();
    h.run();
    assert_eq!(h.state().annotations().len(), 1, "the student's highlight");
    h.get_by_label("Close").click();
    h.run();
    h.get_by_label("Questions").click();
    h.run();
    assert!(h.query_by_label_contains("0 of 2 answered").is_some());
    assert!(h.query_by_label_contains("PRIVATE").is_none(), "no teaching notes for students");
    let answers: Vec<_> = h.query_all_by_label("Your answer (Markdown)").collect();
    answers[0].focus();
    answers[0].type_text("The veto, cast by two members.");
    h.run();
    assert!(h.query_by_label_contains("1 of 2 answered").is_some());
    h.get_by_label("Undo").click();
    h.run();
    h.get_by_label("Redo").click();
    h.run();
    h.state_mut().save_now();
    assert_eq!(std::fs::read(&instructor_file).unwrap(), instructor_bytes, "the instructor's file is untouched");
    assert!(case.join(casebook_core::layer::store::STUDENT_FILE).is_file(), "the student's notes are beside the case");

    let mut again = harness(Some(case), data.path());
    again.run();
    let layer = again.state().layer().unwrap();
    assert_eq!(layer.annotations.len(), 1, "the highlight is there after a restart");
    assert_eq!(layer.answers["q1"].text, "The veto, cast by two members.", "and the answer");
}

#[test]
fn search_notes_across_the_library_and_jump_to_the_passage() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir()), data.path());
    h.run();
    assert_eq!(h.state().view(), View::Library);
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::F);
    h.run();
    let field = h.get_by_label("Words in highlights, notes, tags, answers and events");
    field.focus();
    field.type_text("Turkey");
    h.run();
    let hit = h.query_all_by_label_contains("The Cuban Missile Crisis, October 1962 · ").next();
    hit.expect("a note of the Cuban case mentions Turkey").click();
    h.run();
    assert_eq!(h.state().view(), View::Reader);
    assert_eq!(h.state().case().unwrap().title(), "The Cuban Missile Crisis, October 1962");
}
