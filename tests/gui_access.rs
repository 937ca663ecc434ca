//! The app as a screen reader finds it: the AccessKit tree egui and the reader build, read and
//! driven through the actions an assistive technology sends (Focus, ScrollIntoView,
//! SetTextSelection) and the keyboard alone.
#![allow(clippy::unwrap_used)] // a panic is the failure report

mod support;

use egui::accesskit::{Action, ActionData, ActionRequest, Role, TextPosition, TextSelection};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use support::*;

/// A case of `sections` sections of ten paragraphs, with a few of every kind of block.
fn long_case(dir: &std::path::Path, sections: usize) -> std::path::PathBuf {
    let case = dir.join("long");
    std::fs::create_dir(&case).unwrap();
    let mut text = String::from("# Long\n\n");
    for s in 1..=sections {
        text.push_str(&format!("## Section {s}\n\n"));
        for p in 1..=10 {
            text.push_str(&format!("Section {s} paragraph {p} says something worth reading aloud.\n\n"));
        }
    }
    std::fs::write(case.join("case.md"), text).unwrap();
    case
}

fn label(n: &egui_kittest::Node<'_>) -> String {
    n.accesskit_node().label().unwrap_or_default()
}

fn reader_top(h: &Harness<'static, casebook::App>) -> usize {
    h.state().reader_pos().unwrap().block
}

#[test]
fn every_heading_of_the_sample_is_a_heading_with_its_level_and_its_text_is_readable() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir().join("dprk-unsc")), data.path());
    h.run();
    let outline = h.state().case().unwrap().doc.outline();
    assert!(outline.len() >= 10);
    let document = h.get_by_role(Role::Document);
    let headings: Vec<(String, Option<usize>)> = document
        .children_recursive()
        .filter(|n| n.accesskit_node().role() == Role::Heading)
        .map(|n| (label(&n), n.accesskit_node().level()))
        .collect();
    let expected: Vec<(String, Option<usize>)> =
        outline.iter().map(|e| (e.title.clone(), Some(usize::from(e.level)))).collect();
    assert_eq!(headings, expected, "every heading, on screen or not, in order, with its level");

    // The first paragraph is a paragraph with its words, and the document's text reads on.
    let first = document
        .children_recursive()
        .find(|n| n.accesskit_node().role() == Role::Paragraph)
        .map(|n| label(&n))
        .unwrap();
    assert!(first.starts_with("On May 26, 2022"), "{first}");
    let node = document.accesskit_node();
    assert!(node.supports_text_ranges(), "the document has a text interface");
    let text = node.document_range().text();
    assert!(text.contains("On May 26, 2022"), "{:.200}", text);
    assert_eq!(node.label().as_deref(), Some(DPRK_TITLE));
}

#[test]
fn a_long_case_has_every_heading_and_the_text_near_the_reading_position() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(long_case(dir.path(), 40)), data.path());
    h.run();
    assert_eq!(h.query_all_by_role(Role::Heading).count(), 41, "the title and 40 sections");
    let far = "Section 35 paragraph 3 says something worth reading aloud.";
    assert!(h.query_by_role_and_label(Role::Paragraph, far).is_none(), "far text is not in the tree yet");
    let before = h.query_all_by_role(Role::Paragraph).count();
    assert!((20..=120).contains(&before), "a window of paragraphs, not all 400: {before}");

    // A screen reader jumps to a heading far below: the reader scrolls there, and the text
    // around it can be read.
    h.get_by_role_and_label(Role::Heading, "Section 35").scroll_to_me();
    h.run();
    let heading_block = h.state().case().unwrap().doc.outline().iter().find(|e| e.title == "Section 35").unwrap().block;
    let top = reader_top(&h);
    assert!(top <= heading_block && heading_block <= top + 1, "top {top}, heading {heading_block}");
    let bounds = h.get_by_role_and_label(Role::Heading, "Section 35").accesskit_node().bounding_box().unwrap();
    assert!(bounds.y0 >= 0.0 && bounds.y1 <= 800.0, "on screen: {bounds:?}");
    assert!(h.query_by_role_and_label(Role::Paragraph, far).is_some(), "the text there is readable");

    // Focus on a heading moves the caret there and gives the reader the keyboard.
    h.get_by_role_and_label(Role::Heading, "Section 12").focus();
    h.run();
    let doc = &h.state().case().unwrap().doc;
    let block = doc.outline().iter().find(|e| e.title == "Section 12").unwrap().block;
    assert_eq!(h.state().case_view().unwrap().reader.caret(), doc.blocks[block].text.start);
    let top = reader_top(&h);
    assert!(top <= block && block <= top + 1, "top {top}, heading {block}");
    assert!(h.get_by_role(Role::Document).is_focused());
}

#[test]
fn lists_quotes_tables_images_links_and_footnotes_have_their_roles() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("kinds");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(
        case.join("case.md"),
        "# Kinds\n\n- First item\n- Second item\n\n1. Ordered\n\n> A quoted line.\n\n\
         | Year | Vote |\n|---|---|\n| 2006 | 15–0 |\n\n![A map of the peninsula](map.png)\n\n\
         See [the UN](https://un.org) and a note.[^n]\n\n[^n]: The note's text.\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let list = h.query_all_by_role(Role::List).next().expect("a list");
    let items: Vec<String> = list.children().map(|n| label(&n)).collect();
    assert_eq!(items, ["First item", "Second item"]);
    h.get_by_role_and_label(Role::ListItem, "1. Ordered");
    let quote = h.get_by_role(Role::Blockquote);
    assert_eq!(quote.children().map(|n| label(&n)).collect::<Vec<_>>(), ["A quoted line."]);
    let table = h.get_by_role(Role::Table);
    assert_eq!(table.accesskit_node().data().row_count(), Some(2));
    assert_eq!(table.accesskit_node().data().column_count(), Some(2));
    h.get_by_role_and_label(Role::ColumnHeader, "Year");
    h.get_by_role_and_label(Role::Cell, "15–0");
    let image = label(&h.get_by_role(Role::Image));
    assert!(image.starts_with("A map of the peninsula"), "the alt text: {image}");
    let link = h.get_by_role_and_label(Role::Link, "the UN");
    assert_eq!(link.accesskit_node().url(), Some("https://un.org"));
    h.get_by_role_and_label(Role::Link, "Footnote 1");
    h.get_by_role_and_label(Role::DocFootnote, "Footnote 1: The note's text.");
}

fn votes_case(dir: &std::path::Path) -> std::path::PathBuf {
    let case = dir.join("votes");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(
        case.join("case.md"),
        "# Votes\n\nThirteen members voted for the draft resolution in May.\n\nChina and Russia cast vetoes.\n",
    )
    .unwrap();
    case
}

#[test]
fn caret_browsing_selects_from_the_keyboard_and_highlights_with_the_toolbar() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(votes_case(dir.path())), data.path());
    h.run();
    h.key_press(Key::F7);
    h.run();
    assert!(h.state().case_view().unwrap().caret_browsing, "F7 turns caret browsing on");
    assert!(h.get_by_role(Role::Document).is_focused(), "and gives the reader the keyboard");
    h.key_press(Key::ArrowDown);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.run();
    let text = h.state().case().unwrap().doc.text.clone();
    let selected = h.state().reader_selection().expect("Shift selects");
    assert_eq!(&text[selected], "Thirteen members");
    assert!(h.get_by_role(Role::Document).is_focused(), "arrows don't move the focus away");
    let doc = h.get_by_role(Role::Document);
    let node = doc.accesskit_node();
    assert_eq!(node.text_selection().expect("the selection is exposed").text(), "Thirteen members");

    // Enter puts the keyboard on the toolbar's first colour; Enter again highlights.
    h.key_press(Key::Enter);
    h.run();
    let focused = h.root().children_recursive().find(|n| n.is_focused()).map(|n| label(&n));
    assert_eq!(focused.as_deref(), Some("Key fact highlight"));
    h.key_press(Key::Enter);
    h.run();
    let annotations = h.state().annotations();
    assert_eq!(annotations.len(), 1);
    assert_eq!(annotations[0].target.quote.exact, "Thirteen members");
    assert!(h.get_by_role(Role::Document).is_focused(), "reading goes on where it was");

    // The highlight is said in words on its paragraph.
    let para = h.get_by_role_and_label(Role::Paragraph, "Thirteen members voted for the draft resolution in May.");
    let words = para.accesskit_node().description().unwrap_or_default();
    assert!(words.starts_with("Key fact highlight"), "{words}");

    // End and Home move by line; Ctrl+End to the end of the case.
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.run();
    assert_eq!(h.state().case_view().unwrap().reader.caret(), text.len());
}

#[test]
fn an_assistive_technology_sets_the_caret_and_selection() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(votes_case(dir.path())), data.path());
    h.run();
    let doc = h.get_by_role(Role::Document);
    let para = h.get_by_role_and_label(Role::Paragraph, "China and Russia cast vetoes.");
    let run = para.children().next().unwrap().accesskit_node();
    assert_eq!(run.role(), Role::TextRun);
    let (run_id, _) = run.locate();
    let (doc_id, tree) = doc.accesskit_node().locate();
    let at = |i| TextPosition { node: run_id, character_index: i };
    h.event(egui::Event::AccessKitActionRequest(ActionRequest {
        action: Action::SetTextSelection,
        target_node: doc_id,
        target_tree: tree,
        data: Some(ActionData::SetTextSelection(TextSelection { anchor: at(0), focus: at(5) })),
    }));
    h.run();
    let text = &h.state().case().unwrap().doc.text;
    assert_eq!(&text[h.state().reader_selection().unwrap()], "China");
}

/// The controls in the tree whose name is missing or not words ("●", "?", "⏷").
fn controls_not_named_in_words(h: &Harness<'static, casebook::App>) -> Vec<String> {
    h.root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .filter(|n| egui::accessibility::is_input(n.role()) || n.role() == Role::Link)
        .filter(|n| !n.label().or_else(|| n.value()).is_some_and(|l| casebook::ui::accessibility::named_in_words(&l)))
        .map(|n| format!("{:?} {:?} {:?}", n.role(), n.label(), n.value()))
        .collect()
}

#[test]
fn no_control_is_nameless_or_named_by_a_symbol() {
    // A copy: the test highlights a passage, and must not write into the repository's sample.
    let (dir, _) = copy_of_case("dprk-unsc");
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(dir.path().to_owned()), data.path());
    h.run();
    let mut bad = controls_not_named_in_words(&h);
    bad.iter_mut().for_each(|b| b.insert_str(0, "library: "));
    h.get_by_label(DPRK_TITLE).click();
    h.run();
    let mut seen = |h: &Harness<'static, casebook::App>, view: &str| {
        bad.extend(controls_not_named_in_words(h).into_iter().map(|b| format!("{view}: {b}")));
    };
    seen(&h, "reader");
    // A highlight made from the keys, with the toolbar open on the way.
    let before = h.state().annotations().len();
    h.key_press(Key::F7);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.key_press(Key::Enter);
    h.run();
    seen(&h, "toolbar");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().annotations().len(), before + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    seen(&h, "find");
    for (keys, view) in [
        (Modifiers::COMMAND | Modifiers::SHIFT, "annotations"),
        (Modifiers::COMMAND, "timeline"),
        (Modifiers::COMMAND | Modifiers::SHIFT, "plan"),
    ] {
        let key = match view {
            "annotations" => Key::A,
            "timeline" => Key::T,
            _ => Key::P,
        };
        h.key_press_modifiers(keys, key);
        h.run();
        seen(&h, view);
    }
    h.key_press(Key::F1);
    h.run();
    seen(&h, "help");
    h.key_press(Key::Escape);
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().presentation().is_some());
    seen(&h, "presenting");
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{} controls not named in words:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn the_timeline_says_its_selected_event_and_each_event_its_lane() {
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(cases_dir().join("dprk-unsc")), data.path());
    h.run();
    let lanes = h.state().timeline().unwrap().0.lanes.clone();
    let events: Vec<String> = h
        .query_all_by_role(Role::Button)
        .map(|n| label(&n))
        .filter(|l| lanes.iter().any(|lane| l.ends_with(&format!(", {lane}"))) || l.ends_with(", suggested date"))
        .collect();
    assert!(events.len() >= 5, "events said with their lane: {events:?}");
    h.get_by_role_and_label(Role::Group, "Timeline").focus();
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    let selected = h.state().timeline().unwrap().1.map(str::to_owned).expect("an event is selected");
    let value = h.get_by_role_and_label(Role::Group, "Timeline").accesskit_node().value().unwrap_or_default();
    let title = &h.state().timeline().unwrap().0.get(&selected).unwrap().event.title;
    assert!(value.starts_with("Selected: ") && value.contains(title.as_str()), "{value}");
}

#[test]
fn selecting_with_the_keys_highlights_nothing_by_itself() {
    let (_dir, case) = copy_of_case("dprk-unsc");
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let before = h.state().annotations().len();
    h.key_press(Key::F7);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
        h.run();
    }
    assert!(h.state().reader_selection().is_some());
    assert_eq!(h.state().annotations().len(), before, "only Enter or a click highlights");
}

#[test]
fn a_click_in_the_text_gives_the_reader_the_keyboard_and_f7_shows_a_caret() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(votes_case(dir.path())), data.path());
    h.run();
    let at = h.get_by_role_and_label(Role::Paragraph, "China and Russia cast vetoes.").rect().left_center();
    h.event(egui::Event::PointerMoved(at + egui::vec2(30.0, 0.0)));
    h.run();
    let _ = click_at(&mut h, at + egui::vec2(30.0, 0.0));
    assert!(h.get_by_role(Role::Document).is_focused(), "a click gives the reader the keyboard");
    let text = h.state().case().unwrap().doc.text.clone();
    let caret = h.state().case_view().unwrap().reader.caret();
    assert!(caret > text.find("China").unwrap(), "the caret is where the click was: {caret}");
    let caret_line = |h: &Harness<'static, casebook::App>| {
        let ink = casebook::ui::theme::palette(h.state().settings().theme).text;
        h.output().shapes.iter().any(|c| {
            matches!(&c.shape, egui::Shape::LineSegment { stroke, .. } if stroke.color == ink && stroke.width >= 2.0)
        })
    };
    assert!(!caret_line(&h), "no caret before F7");
    h.key_press(Key::F7);
    h.run();
    assert!(caret_line(&h), "F7 draws the caret");
}

#[test]
fn changed_and_lost_passages_are_said_in_words() {
    use casebook_core::anchor::{Selector, TextIndex};
    use casebook_core::layer::{Annotation, Color, Layer, store::INSTRUCTOR_FILE};
    let dir = tempfile::tempdir().unwrap();
    let case = votes_case(dir.path());
    let text = casebook_core::case::load(&case.join("case.md")).unwrap().doc.text;
    let index = TextIndex::new(&text);
    let at = |s: &str| {
        let start = text.find(s).unwrap();
        Selector::from_range(&text, &index, start..start + s.len())
    };
    let mut changed =
        Annotation::new("a1", at("Thirteen members voted for the draft resolution in May."), Color::Evidence, 0);
    changed.note = "Count the votes".into();
    let lost = Annotation::new("a2", at("China and Russia cast vetoes."), Color::Question, 0);
    let layer = Layer { annotations: vec![changed, lost].into(), ..Layer::default() };
    std::fs::write(case.join(INSTRUCTOR_FILE), layer.to_json()).unwrap();
    // The case is edited after the highlights were made.
    std::fs::write(
        case.join("case.md"),
        "# Votes\n\nThirteen members had voted for the draft resolution in May.\n\nNothing else happened that day at all.\n",
    )
    .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut h = harness(Some(case), data.path());
    h.run();
    let para = h.get_by_role_and_label(Role::Paragraph, "Thirteen members had voted for the draft resolution in May.");
    let words = para.accesskit_node().description().unwrap_or_default();
    assert_eq!(words, "Evidence highlight, note: Count the votes, check this: the passage changed");
    if h.query_by_label("Annotations (2)").is_none() {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
        h.run();
    }
    let rows: Vec<String> = h
        .root()
        .children_recursive()
        .map(|n| n.accesskit_node().label().or_else(|| n.accesskit_node().value()).unwrap_or_default())
        .filter(|l| l.contains(" highlight: “"))
        .collect();
    assert!(
        rows.iter().any(|r| r.starts_with("Question highlight: ") && r.ends_with("Orphaned: not found in the case")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.starts_with("Evidence highlight: ") && r.ends_with("Check this: the passage changed")),
        "{rows:?}"
    );
}
