//! The library and the reader, driven headless as a user would: clicks and keys.
#![allow(clippy::unwrap_used)] // a panic is the failure report

mod support;

use std::path::PathBuf;

use casebook::ui::{Start, View};
use casebook::{App, ui::theme::ThemeChoice};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use support::*;

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
    assert!(h.query_all_by_label_contains("On May 26, 2022").count() >= 1, "the first paragraph is drawn");
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
    let field = h.query_all_by_role(Role::TextInput).find(|n| n.is_focused()).expect("Ctrl+F focuses the find field");
    field.type_text("veto");
    h.run();
    let status = h.state().find_status().unwrap();
    assert_eq!(status, format!("1 of {expected} matches"));
    assert!(h.query_by_label(&status).is_some(), "the count is shown");
    h.get_by_label("Next match").click();
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
    h.get_by_label("Light theme ▾").click();
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(h.state().settings().theme, ThemeChoice::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);
    h.get_by_label("Dark theme ▾").click();
    h.run();
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

#[test]
fn window_title_shows_the_case() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir().join("dprk-unsc")), data.path());
    h.run();
    assert_eq!(h.state().window_title(), format!("{DPRK_TITLE} — Casebook"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::L);
    // Back in the library, it is read again.
    wait_for_library(&mut h);
    assert_eq!(h.state().view(), View::Library);
    assert_eq!(h.state().window_title(), "Casebook");
}

#[test]
fn page_down_scrolls_and_a_restart_returns_to_the_same_place() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir().join("dprk-unsc")), data.path());
    h.run();
    let before = h.state().reader_pos().unwrap();
    for _ in 0..5 {
        h.key_press(egui::Key::PageDown);
        h.run();
    }
    let after = h.state().reader_pos().unwrap();
    assert!(after.block > before.block + 3, "PageDown moved from {before:?} to {after:?}");
    h.get_by_label("Light theme ▾").click();
    h.run();
    h.get_by_label("Dark").click();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    let saved = h.state_mut().save_now();
    drop(h);

    // A new run with the saved settings and no path reopens the case where it was left.
    let start = Start { path: None, data_dir: data.path().to_owned(), fresh: false };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(32)
        .build_eframe(move |cc| App::with_settings(&cc.egui_ctx, start, saved));
    h.run();
    assert_eq!(h.state().view(), View::Reader);
    assert_eq!(h.state().case().unwrap().title(), DPRK_TITLE);
    assert_eq!(h.state().reader_pos().unwrap().block, after.block);
    assert_eq!(h.state().settings().theme, ThemeChoice::Dark);
    assert!(h.state().settings().zoom > 1.0);
}

#[test]
fn footnote_reference_jumps_to_the_note_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("notes");
    std::fs::create_dir(&case).unwrap();
    let filler: String =
        (0..60).map(|i| format!("Filler paragraph {i} with enough words to take a line.\n\n")).collect();
    std::fs::write(
        case.join("case.md"),
        format!("# Notes\n\nA claim.[^src]\n\n{filler}[^src]: The source of the claim.\n"),
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let note_at = h.state().case().unwrap().doc.text.find("The source of the claim.").unwrap();
    assert!(!h.state().reader_visible_text().unwrap().contains(&note_at), "the note starts out of view");
    let claim = h.get_by_role_and_label(Role::Paragraph, "A claim.[1]").rect();
    let at =
        hand_cursor_along(&mut h, claim.left_center(), claim.width()).expect("the pointer becomes a hand over [1]");
    let _ = click_at(&mut h, at);
    assert!(h.state().reader_pos().unwrap().block > 10, "the reader moved down to the note");
    assert!(h.state().reader_visible_text().unwrap().contains(&note_at), "the note is in view");
    let note_rect = h.get_by_role_and_label(Role::DocFootnote, "Footnote 1: The source of the claim.").rect();
    // The note's number, left of its text, leads back to the reference.
    let at = hand_cursor_along(&mut h, note_rect.left_center(), 40.0).expect("a hand over the number");
    let _ = click_at(&mut h, at);
    let claim_at = h.state().case().unwrap().doc.text.find("A claim.").unwrap();
    assert!(h.state().reader_visible_text().unwrap().contains(&claim_at), "back at the reference");
}

#[test]
fn links_show_their_address_and_only_web_links_open() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("links");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(case.join("case.md"), "# Links\n\n[UN](https://un.org)\n\n[local](file:///etc/passwd)\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let web = h.get_by_role_and_label(Role::Link, "UN").rect();
    let at = hand_cursor_along(&mut h, web.left_center(), 60.0).expect("hand over the link");
    assert!(h.query_by_label_contains("https://un.org").is_some(), "hovering shows the address");
    assert_eq!(click_at(&mut h, at), ["https://un.org"]);
    let local = h.get_by_role_and_label(Role::Link, "local").rect();
    let at = hand_cursor_along(&mut h, local.left_center(), 60.0).expect("hand over the link");
    assert!(click_at(&mut h, at).is_empty(), "a file link is not opened");
    assert!(h.state().notice().unwrap().contains("file:///etc/passwd"));
}

#[test]
fn pathological_cases_open_and_draw() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let case = dir.path().join(name);
        std::fs::create_dir(&case).unwrap();
        std::fs::write(case.join("case.md"), text).unwrap();
        case
    };
    let nested_quotes = format!("{} deep quote\n\n", ">".repeat(10_000));
    // Deep enough to pass any nesting limit, small enough to build in a moment (2 MB).
    let nested_list: String = (0..1_500).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
    let deep = write("deep", &format!("# Deep\n\n{nested_quotes}{nested_list}"));
    let paragraph: String = (0..130_000).map(|i| format!("word{i} ")).collect();
    let long = write("long-paragraph", &format!("# One paragraph\n\n{paragraph}\n"));
    let image_case = write("huge-image", "# Image\n\n![A huge map](huge.png)\n");
    image::GrayImage::new(20_000, 1).save(image_case.join("huge.png")).unwrap();
    let big_paragraph = "The Council met again to weigh the draft, and the delegations spoke in turn. ".repeat(12);
    let big: String = (0..55_000).map(|i| format!("## Part {i}\n\n{big_paragraph}\n\n")).collect();
    assert!(big.len() > 50_000_000);
    let big_case = write("fifty-megabytes", &big);

    let data = tempfile::tempdir().unwrap();
    for (case, visible) in
        [(deep, "deep quote"), (long, "word0 word1 word2"), (image_case, "is too large to show"), (big_case, "Part 0")]
    {
        let mut h = harness(Some(case.clone()), data.path());
        wait_for_load(&mut h);
        assert_eq!(h.state().view(), View::Reader, "{}: {:?}", case.display(), h.state().notice());
        assert!(h.query_all_by_label_contains(visible).count() >= 1, "{}: {visible:?} is drawn", case.display());
        h.key_press(egui::Key::End);
        h.run();
        let last = h.state().case().unwrap().doc.blocks.len() - 1;
        let pos = h.state().reader_pos().unwrap();
        assert!(pos.block + 40 >= last, "{}: End reaches the end ({pos:?}, last {last})", case.display());
    }
}
