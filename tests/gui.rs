//! Drives the whole app headless with egui_kittest, as a user would: clicks and keys.

use std::path::PathBuf;

use casebook::ui::{Start, View};
use casebook::{App, ui::theme::ThemeChoice};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

const DPRK_TITLE: &str = "North Korea and the UN Security Council, 2006–2025";

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases")
}

fn harness(path: Option<PathBuf>, data_dir: &std::path::Path) -> Harness<'static, App> {
    let start = Start { path, data_dir: data_dir.to_owned(), fresh: true };
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe(move |cc| App::new(cc, start))
}

#[test]
fn library_opens_a_case_by_clicking_its_card() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir()), data.path());
    h.run();
    assert_eq!(h.state().view(), View::Library);
    h.get_by_label(DPRK_TITLE).click();
    h.run();
    assert_eq!(h.state().view(), View::Reader);
    assert_eq!(h.state().case().unwrap().title(), DPRK_TITLE);
    // The title is shown in the top bar, and the case's first heading in the reader.
    assert!(h.query_all_by_label(DPRK_TITLE).count() >= 1);
    assert!(h.query_by_label_contains("On May 26, 2022").is_some(), "the first paragraph is drawn");
}

#[test]
fn library_filter_hides_cases_that_do_not_match() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir()), data.path());
    h.run();
    let filter = h.get_by_role(Role::TextInput);
    filter.focus();
    filter.type_text("cuban");
    h.run();
    assert!(h.query_by_label(DPRK_TITLE).is_none());
    assert!(h.query_by_label("The Cuban Missile Crisis, October 1962").is_some());
}

#[test]
fn outline_scrolls_the_reader_to_a_heading() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir().join("dprk-unsc")), data.path());
    h.run();
    let heading = "The decision ahead";
    let target = h.state().case().unwrap().doc.outline().into_iter().find(|e| e.title == heading).unwrap().block;
    assert!(h.state().reader_pos().unwrap().block < target);
    h.query_all_by_label(heading).next().unwrap().click();
    h.run();
    let pos = h.state().reader_pos().unwrap();
    assert!(
        pos.block <= target && target <= pos.block + 1,
        "top block {} should be at the heading {target}",
        pos.block
    );
    assert!(h.query_all_by_label(heading).count() >= 2, "the heading is now drawn in the reader too");
}

#[test]
fn ctrl_f_finds_and_counts_matches() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir().join("dprk-unsc")), data.path());
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    let text = &h.state().case().unwrap().doc.text;
    let expected = text.to_lowercase().matches("veto").count();
    assert!(expected > 3);
    h.get_by_role(Role::TextInput).type_text("veto");
    h.run();
    let status = h.state().find_status().unwrap();
    assert_eq!(status, format!("1 of {expected} matches"));
    assert!(h.query_by_label(&status).is_some(), "the count is shown");
    h.get_by_label("⏷").click();
    h.run();
    assert_eq!(h.state().find_status().unwrap(), format!("2 of {expected} matches"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().find_status().is_none(), "Esc closes the find bar");
}

#[test]
fn theme_buttons_switch_the_theme() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir()), data.path());
    h.run();
    assert_eq!(h.state().settings().theme, ThemeChoice::Light);
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(h.state().settings().theme, ThemeChoice::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);
    h.get_by_label("Sepia").click();
    h.run();
    assert_eq!(h.state().settings().theme, ThemeChoice::Sepia);
    assert!(!h.ctx.global_style().visuals.dark_mode);
}

#[test]
fn zoom_keys_change_the_text_size() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir().join("cuban-missile-crisis")), data.path());
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    assert!(h.state().settings().zoom > 1.05);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run();
    assert_eq!(h.state().settings().zoom, 1.0);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Minus);
    h.run();
    assert!(h.state().settings().zoom < 0.95);
}

#[test]
fn without_a_path_the_bundled_samples_are_installed_and_listed() {
    let data = tempfile::tempdir().unwrap();
    let cwd_has_cases = PathBuf::from("cases").is_dir();
    let mut h = harness(None, data.path());
    h.run();
    assert_eq!(h.state().library().cases.len(), 2);
    if !cwd_has_cases {
        assert!(data.path().join("cases/dprk-unsc/case.md").is_file());
    }
}

#[test]
fn a_broken_case_opens_with_a_banner() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("broken");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(case.join("case.md"), "---\ntitle: [unclosed\n---\n# Still readable\n\nBody text.\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    assert_eq!(h.state().view(), View::Reader);
    assert!(h.query_by_label_contains("front matter is not valid YAML").is_some());
    assert!(h.query_by_label("Body text.").is_some());
}

#[test]
fn invalid_utf8_shows_a_message_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("binary");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(case.join("case.md"), b"# Title\n\nok\n\xff\xfe\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case.clone()), data.path());
    h.run();
    assert_eq!(h.state().view(), View::Library);
    let notice = h.state().notice().unwrap().to_owned();
    assert!(notice.contains(&format!("{}:4:1", case.join("case.md").display())), "{notice}");
    assert!(h.query_all_by_label_contains("not valid UTF-8").count() >= 1);
}
