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
    h.get_by_label("Light ▾").click();
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(h.state().settings().theme, ThemeChoice::Dark);
    assert!(h.ctx.global_style().visuals.dark_mode);
    h.get_by_label("Dark ▾").click();
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
    h.run();
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
    h.get_by_label("Light ▾").click();
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
    assert!(h.query_by_label("The source of the claim.").is_none(), "the note starts out of view");
    let claim = h.get_by_label("A claim.[1]").rect();
    let at =
        hand_cursor_along(&mut h, claim.left_center(), claim.width()).expect("the pointer becomes a hand over [1]");
    let _ = click_at(&mut h, at);
    assert!(h.state().reader_pos().unwrap().block > 10, "the reader moved down to the note");
    let note_rect = h.get_by_label("The source of the claim.").rect();
    // The note's number, left of its text, leads back to the reference.
    let at = hand_cursor_along(&mut h, note_rect.left_center(), 40.0).expect("a hand over the number");
    let _ = click_at(&mut h, at);
    assert!(h.query_by_label("A claim.[1]").is_some(), "back at the reference");
}

/// Moves the pointer right from `from` until it turns into a hand, as over a link.
fn hand_cursor_along(h: &mut Harness<'static, App>, from: egui::Pos2, width: f32) -> Option<egui::Pos2> {
    (0..(width as usize)).step_by(3).map(|dx| from + egui::vec2(dx as f32, 0.0)).find(|&p| {
        h.hover_at(p);
        h.run();
        h.output().platform_output.cursor_icon == egui::CursorIcon::PointingHand
    })
}

/// Clicks at a point; returns the addresses the app asked the system to open.
fn click_at(h: &mut Harness<'static, App>, pos: egui::Pos2) -> Vec<String> {
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

#[test]
fn links_show_their_address_and_only_web_links_open() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("links");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(case.join("case.md"), "# Links\n\n[UN](https://un.org)\n\n[local](file:///etc/passwd)\n").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let web = h.get_by_label("UN").rect();
    let at = hand_cursor_along(&mut h, web.left_center(), 60.0).expect("hand over the link");
    assert!(h.query_by_label_contains("https://un.org").is_some(), "hovering shows the address");
    assert_eq!(click_at(&mut h, at), ["https://un.org"]);
    let local = h.get_by_label("local").rect();
    let at = hand_cursor_along(&mut h, local.left_center(), 60.0).expect("hand over the link");
    assert!(click_at(&mut h, at).is_empty(), "a file link is not opened");
    assert!(h.state().notice().unwrap().contains("file:///etc/passwd"));
}

/// Steps the app until it has finished reading a case on its worker thread.
fn wait_for_load(h: &mut Harness<'static, App>) {
    for _ in 0..600 {
        h.step();
        if !h.state().is_loading() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the case did not load within 30 s");
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
    let nested_list: String = (0..10_000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect();
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

/// Drags the pointer from one point to another, as a hand on a mouse would.
fn drag(h: &mut Harness<'static, App>, from: egui::Pos2, to: egui::Pos2) {
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
    h.get_by_label("Note…").click();
    h.run();
    let note =
        h.query_all_by_role(Role::MultilineTextInput).find(|n| n.is_focused()).expect("the note field has the cursor");
    note.type_text("Both halves of the story.");
    h.run();

    let layer = || casebook::notes::store::load(&case.join("instructor.casebook.json")).unwrap().layer;
    let quote = h.state().annotations().to_vec();
    assert_eq!(quote.len(), 1);
    let a = &quote[0];
    assert!(a.target.quote.exact.starts_with("Thirteen members voted"), "{:?}", a.target.quote.exact);
    assert!(a.target.quote.exact.contains("\nChina and"), "{:?}", a.target.quote.exact);
    assert_eq!(a.note, "Both halves of the story.");

    // Saving happens by itself, shortly after the last change.
    for _ in 0..40 {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(50));
        if layer().annotations.first().is_some_and(|saved| saved.note == a.note) {
            break;
        }
    }
    assert_eq!(layer().annotations[0].note, "Both halves of the story.", "saved to disk");

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

/// A copy of a bundled case in a temporary folder, so a test may change its notes.
#[allow(clippy::unwrap_used)]
fn copy_of_case(name: &str) -> (tempfile::TempDir, PathBuf) {
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

/// The accessible label of a timeline entry's button: its title, then its date.
fn entry_label(entry: &casebook::timeline::chronology::Entry) -> String {
    format!("{} {}", entry.event.title, entry.event.date)
}

/// The first entry drawn with its label on the timeline that `pick` accepts.
#[allow(clippy::unwrap_used)]
fn labelled_entry(
    h: &Harness<'static, App>,
    pick: impl Fn(&casebook::timeline::chronology::Entry) -> bool,
) -> casebook::timeline::chronology::Entry {
    let (chronology, _) = h.state().timeline().unwrap();
    chronology
        .entries
        .iter()
        .find(|e| pick(e) && h.query_by_role_and_label(Role::Button, &entry_label(e)).is_some())
        .cloned()
        .expect("an entry with its label drawn")
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
    h.get_by_role_and_label(Role::Button, &entry_label(&event)).click();
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
    h.get_by_role_and_label(Role::Button, &entry_label(&first)).click();
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
    h.get_by_role_and_label(Role::Button, &entry_label(&suggestion)).click();
    h.run();
    h.get_by_label("✔ Accept").click();
    h.run();
    let layer = h.state().layer().unwrap();
    assert_eq!(layer.events.len(), 1);
    assert_eq!(layer.events[0].event.date, suggestion.event.date);
    assert!(layer.events[0].event.anchor.is_some(), "the event is anchored to its sentence");
    let (chronology, _) = h.state().timeline().unwrap();
    assert!(chronology.get(&key).is_none(), "no longer suggested");
    assert!(chronology.events().any(|e| e.event.date == suggestion.event.date));

    h.get_by_label("Undo").click();
    h.run();
    assert!(h.state().layer().unwrap().events.is_empty(), "undo takes the event back");
    assert!(h.state().timeline().unwrap().0.get(&key).is_some(), "and the suggestion returns");

    // Dismissing is remembered across a restart.
    let suggestion = h.state().timeline().unwrap().0.get(&key).cloned().unwrap();
    h.get_by_role_and_label(Role::Button, &entry_label(&suggestion)).click();
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

/// A case with a two-paragraph text and, when given, an instructor layer.
#[allow(clippy::unwrap_used)]
fn case_with_layer(layer: Option<&casebook::notes::Layer>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("votes");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(
        case.join("case.md"),
        "---\ntitle: Votes\n---\n# Votes\n\nThirteen members voted for the draft resolution.\n\nChina and Russia cast vetoes.\n",
    )
    .unwrap();
    if let Some(layer) = layer {
        std::fs::write(case.join(casebook::notes::store::INSTRUCTOR_FILE), layer.to_json()).unwrap();
    }
    (dir, case)
}

#[allow(clippy::unwrap_used)]
fn question_ids(h: &Harness<'static, App>) -> Vec<String> {
    h.state().layer().unwrap().questions.iter().map(|q| q.id.clone()).collect()
}

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

fn two_questions() -> casebook::notes::Layer {
    let mut layer = casebook::notes::Layer::default();
    let mut first = casebook::plan::Question::new("q1", "Why did the draft fail?", 1);
    first.teaching_note = "PRIVATE: push on the veto".into();
    layer.questions = vec![first, casebook::plan::Question::new("q2", "What should the Council do next?", 1)];
    layer
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
    std::fs::write(case.join(casebook::notes::pack::PACK_FILE), "{}").unwrap();
    let instructor_file = case.join(casebook::notes::store::INSTRUCTOR_FILE);
    let instructor_bytes = std::fs::read(&instructor_file).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case.clone()), data.path());
    h.run();

    let first = h.get_by_label("Thirteen members voted for the draft resolution.").rect();
    drag(&mut h, first.left_center() + egui::vec2(1.0, 0.0), first.right_center() - egui::vec2(2.0, 0.0));
    h.get_by_label("Note…").click();
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
    assert!(case.join(casebook::notes::store::STUDENT_FILE).is_file(), "the student's notes are beside the case");

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
