//! Imports through a session, as the window and the command line run them: no import replaces
//! or drops what is there, and a re-import keeps the edits made here.

use serde_json::json;

use super::*;
use crate::layer::store;
use crate::session::{Edit, Role, Session};
use crate::testing::TempCase;

const TEXT: &str = "---\ntitle: Votes\ntimeline:\n  - id: event-1\n    date: 2022-05-26\n    title: The double veto\n---\n# Introduction\n\nThirteen members voted for the draft. China and Russia vetoed it.\n\n# Introduction\n\nThe Assembly met.\n";

fn session(made: &TempCase) -> Session {
    Session::open(made.case.clone(), Role::Instructor, made.dir.path()).0
}

/// Writes `value` as a file named `name` beside the case and imports it.
fn import(s: &mut Session, made: &TempCase, name: &str, value: &serde_json::Value, private: bool) -> ImportReport {
    let path = made.dir.path().join(name);
    std::fs::write(&path, value.to_string()).unwrap();
    s.import(&path, private, 0.0).unwrap()
}

fn timeline(headlines: &[&str]) -> serde_json::Value {
    let events: Vec<_> = headlines
        .iter()
        .enumerate()
        .map(|(i, h)| json!({"start_date": {"year": 2000 + i as i32}, "text": {"headline": h}}))
        .collect();
    json!({ "events": events })
}

#[test]
fn two_timelines_without_ids_keep_all_their_events_and_the_cases_own() {
    let made = TempCase::new(TEXT);
    let mut s = session(&made);
    let first = import(&mut s, &made, "a.json", &timeline(&["A1", "A2", "A3"]), false);
    let second = import(&mut s, &made, "b.json", &timeline(&["B1", "B2"]), false);
    assert_eq!((first.added, second.added), (3, 2));
    let titles: Vec<&str> = s.chronology().events().map(|e| e.event.title.as_str()).collect();
    for title in ["A1", "A2", "A3", "B1", "B2", "The double veto"] {
        assert!(titles.contains(&title), "{title} is missing from {titles:?}");
    }
    // A file whose ids are the case's own does not replace the case's events.
    let clash =
        json!({"events": [{"unique_id": "event-1", "start_date": {"year": 1990}, "text": {"headline": "Intruder"}}]});
    let report = import(&mut s, &made, "c.json", &clash, false);
    assert_eq!(report.added, 1);
    let titles: Vec<&str> = s.chronology().events().map(|e| e.event.title.as_str()).collect();
    assert!(titles.contains(&"The double veto") && titles.contains(&"Intruder"), "{titles:?}");
}

#[test]
fn a_reimport_keeps_edits_made_here_and_takes_the_sources_changes() {
    let made = TempCase::new(TEXT);
    let mut s = session(&made);
    let file = |note: &str, tags: &[&str]| {
        json!([{"id": "https://a.example/annotations/1", "type": "Annotation",
               "body": [{"type": "TextualBody", "value": note}, {"type": "TextualBody", "value": tags.first().copied().unwrap_or("t"), "purpose": "tagging"}],
               "target": {"selector": {"type": "TextQuoteSelector", "exact": "China and Russia vetoed it"}}}])
    };
    assert_eq!(import(&mut s, &made, "w3c.json", &file("Their note", &["veto"]), false).added, 1);
    let mut a = s.layer().annotations.as_slice()[0].clone();
    a.note = "My own reading".into();
    a.private = true;
    s.apply(Edit::PutAnnotation(a), 10.0);
    let again = import(&mut s, &made, "w3c.json", &file("Their note", &["veto"]), false);
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 1), "{again:?}");
    let changed = import(&mut s, &made, "w3c.json", &file("Their new note", &["council"]), false);
    assert_eq!(changed.updated, 1);
    let a = &s.layer().annotations.as_slice()[0];
    assert_eq!(a.note, "My own reading", "the edit here stands");
    assert!(a.private, "and the privacy set here");
    assert_eq!(a.tags, ["council"], "the source's change of tags comes in");
    assert!(changed.not_carried.iter().any(|n| n.contains("note as you edited it")), "{changed:?}");
}

#[test]
fn an_only_me_hypothesis_annotation_stays_private_and_out_of_a_pack() {
    let made = TempCase::new(TEXT);
    let mut s = session(&made);
    let row = |id: &str, read: serde_json::Value| {
        json!({"id": id, "uri": "https://example.org/case", "user": "acct:ada@hypothes.is", "text": format!("NOTE-{id}"),
               "tags": ["vote"], "created": "2024-01-01T00:00:00+00:00", "updated": "2024-01-02T00:00:00+00:00",
               "user_info": {"display_name": "Ada L."}, "document": {"title": ["The case"]}, "permissions": {"read": read},
               "target": [{"source": "https://example.org/case", "selector": [
                   {"type": "TextQuoteSelector", "exact": "Thirteen members voted", "prefix": "", "suffix": " for"}]}]})
    };
    let doc = json!({"total": 3, "rows": [
        row("only-me", json!(["acct:ada@hypothes.is"])),
        row("group", json!(["group:abc123"])),
        row("public", json!(["group:__world__"])),
    ]});
    let report = import(&mut s, &made, "search.json", &doc, false);
    assert_eq!(report.added, 3, "{report:?}");
    let by_note = |n: &str| s.layer().annotations.iter().find(|a| a.note == n).unwrap().clone();
    assert!(by_note("NOTE-only-me").private && by_note("NOTE-group").private && !by_note("NOTE-public").private);
    let public = by_note("NOTE-public");
    assert_eq!(public.tags, ["vote"]);
    let origin = public.origin.as_ref().unwrap();
    assert_eq!((origin.creator.as_str(), origin.title.as_str()), ("Ada L.", "The case"));
    s.save_now().unwrap();
    let out = made.dir.path().join("pack");
    let layer = store::load(s.layer_path()).unwrap().layer;
    let shared = crate::shared::SharedLayer::new(&layer, crate::shared::Results::Leave);
    crate::formats::pack::export_pack(made.file(), &shared, &out).unwrap();
    let packed = std::fs::read_to_string(out.join(store::INSTRUCTOR_FILE)).unwrap();
    assert!(!packed.contains("NOTE-only-me") && !packed.contains("NOTE-group") && packed.contains("NOTE-public"));
}

#[test]
fn foreign_positions_are_hints_and_a_repeated_heading_anchors_by_its_context() {
    let made = TempCase::new(TEXT);
    let mut s = session(&made);
    // Positions counted in a web page, not in this text; the second "Introduction" by context.
    let doc = json!([{"id": "x", "type": "Annotation", "target": {"selector": [
        {"type": "TextQuoteSelector", "exact": "Introduction", "prefix": "it.\n\n", "suffix": "\n\nThe Assembly"},
        {"type": "TextPositionSelector", "start": 5000, "end": 5012}]}}]);
    import(&mut s, &made, "page.json", &doc, false);
    let (a, resolved) = s.annotations().next().unwrap();
    let second = s.text().rfind("Introduction").unwrap();
    assert_eq!(resolved.range.as_ref().map(|r| r.start), Some(second), "{resolved:?}");
    let start = s.text()[..second].chars().count();
    assert_eq!(a.target.position.map(|p| p.start), Some(start), "positions are rewritten in this text");
}

#[test]
fn an_empty_or_unreadable_file_is_an_error_not_zero_imported() {
    let made = TempCase::new(TEXT);
    let mut s = session(&made);
    for (name, doc) in [
        ("empty.json", json!({"total": 0, "rows": []})),
        (
            "svg.json",
            json!([{"type": "Annotation", "target": {"selector": {"type": "SvgSelector", "value": "<svg/>"}}}]),
        ),
    ] {
        let path = made.dir.path().join(name);
        std::fs::write(&path, doc.to_string()).unwrap();
        let err = s.import(&path, false, 0.0).unwrap_err();
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn a_cases_own_timeline_export_imports_back_as_no_change() {
    let made = TempCase::new(TEXT);
    let mut s = session(&made);
    let exported = crate::formats::timelinejs::export_case(s.case(), s.layer().timeline(), None);
    let report = import(&mut s, &made, "own.json", &exported, false);
    assert_eq!((report.added, report.updated), (0, 0), "{report:?}");
    assert!(!s.can_undo(), "nothing changed");
}
