//! The session without a window: every kind of edit, undo and redo, merges with a file changed
//! on disk, and the save schedule on a clock the tests set.

use std::ops::Range;

use super::*;
use crate::layer::Color;
use crate::plan::{Kind, Plan, Question, Segment};
use crate::testing::{TempCase, annotation_on};
use crate::timeline::{Era, Event, PartialDate};

const TEXT: &str = "---\ntitle: Votes\ntimeline:\n  - date: 2022-05-26\n    title: The vote\n---\n# Votes\n\nOn May 26, 2022, China and Russia voted no. Thirteen voted yes. In 2006 the Council was united.\n";

fn open(made: &TempCase) -> Session {
    Session::open(made.case.clone(), Role::Instructor, made.dir.path()).0
}

fn range_of(session: &Session, quote: &str) -> Range<usize> {
    let start = session.text().find(quote).unwrap();
    start..start + quote.len()
}

/// Applies an edit, checks that it changed the layer, that undo restores the layer as it was
/// and redo as it became.
fn round_trip(session: &mut Session, edit: Edit, now: &mut f64) {
    let before = session.layer().clone();
    *now += 10.0;
    session.apply(edit.clone(), *now);
    let after = session.layer().clone();
    assert_ne!(before, after, "{edit:?} changed nothing");
    *now += 10.0;
    session.apply(Edit::Undo, *now);
    assert_eq!(session.layer(), &before, "undoing {edit:?}");
    session.apply(Edit::Redo, *now);
    assert_eq!(session.layer(), &after, "redoing {edit:?}");
}

#[test]
fn every_kind_of_edit_undoes_and_redoes() {
    let made = TempCase::new(TEXT);
    let mut s = open(&made);
    let mut now = 0.0;
    let vote = range_of(&s, "China and Russia voted no");
    round_trip(
        &mut s,
        Edit::Annotate { range: vote.clone(), color: Color::Actor, note: true, tags: vec![], private: false },
        &mut now,
    );
    let id = s.layer().annotations.ids()[0].clone();
    let mut a = s.layer().annotations.get(&id).unwrap().clone();
    a.note = "The double veto".into();
    round_trip(&mut s, Edit::PutAnnotation(a), &mut now);
    let thirteen = range_of(&s, "Thirteen voted yes");
    round_trip(&mut s, Edit::ReattachAnnotation { id: id.clone(), range: thirteen }, &mut now);
    round_trip(&mut s, Edit::RenameColor(Color::Actor, "Person".into()), &mut now);
    round_trip(&mut s, Edit::SaveEvent(Event::new("", PartialDate::year(2017), "Sanctions")), &mut now);
    round_trip(&mut s, Edit::AcceptSuggestion { key: "2006".into(), title: "United".into() }, &mut now);
    let authored = s.chronology().entries.iter().find(|e| e.event.title == "The vote").unwrap().event.id.clone();
    round_trip(&mut s, Edit::DeleteEvent(authored.clone()), &mut now);
    round_trip(&mut s, Edit::RestoreEvent(authored.clone()), &mut now);
    round_trip(&mut s, Edit::AnchorEvent { id: authored, range: vote.clone() }, &mut now);
    round_trip(&mut s, Edit::DismissSuggestion("2006".into()), &mut now);
    let era = Era { title: "Unanimity".into(), start: PartialDate::year(2006), end: PartialDate::year(2017) };
    round_trip(&mut s, Edit::SaveEra { id: None, era }, &mut now);
    let era_id = s.layer().eras.ids()[0].clone();
    round_trip(&mut s, Edit::DeleteEra(era_id), &mut now);
    round_trip(&mut s, Edit::AddQuestion { segment: None }, &mut now);
    let q = s.layer().questions.as_slice()[0].clone();
    round_trip(
        &mut s,
        Edit::PutQuestion(Question { text: "Why?".into(), kind: Kind::RolePlay, ..q.clone() }),
        &mut now,
    );
    round_trip(&mut s, Edit::LinkQuestion { id: q.id.clone(), range: vote }, &mut now);
    let plan = Plan {
        segments: vec![Segment {
            id: "s1".into(),
            title: "Vote".into(),
            minutes: 20,
            note: "n".into(),
            closing: false,
        }],
        ..Plan::default()
    };
    round_trip(&mut s, Edit::SetPlan(plan), &mut now);
    round_trip(&mut s, Edit::MoveQuestion { id: q.id.clone(), before: None, segment: Some("s1".into()) }, &mut now);
    round_trip(&mut s, Edit::SetAnswer { question: q.id.clone(), text: "Because".into() }, &mut now);
    round_trip(&mut s, Edit::DeleteQuestion(q.id), &mut now);
    round_trip(&mut s, Edit::DeleteAnnotation(id), &mut now);
}

#[test]
fn typing_in_a_note_is_one_step_and_touches_only_the_annotations() {
    let made = TempCase::new(TEXT);
    let mut s = open(&made);
    s.apply(
        Edit::Annotate {
            range: range_of(&s, "Thirteen"),
            color: Color::Evidence,
            note: true,
            tags: vec![],
            private: false,
        },
        0.0,
    );
    let mut a = s.layer().annotations.as_slice()[0].clone();
    let before = s.revisions();
    for (k, c) in "veto".chars().enumerate() {
        a.note.push(c);
        s.apply(Edit::PutAnnotation(a.clone()), 5.0 + k as f64 * 0.2);
    }
    let after = s.revisions();
    assert_ne!(after.annotations, before.annotations);
    assert_eq!((after.timeline, after.plan, after.answers), (before.timeline, before.plan, before.answers));
    assert_eq!(s.marks().at(a.target.position.map_or(0, |_| range_of(&s, "Thirteen").start)).unwrap().note, "veto");
    s.apply(Edit::Undo, 10.0);
    assert_eq!(s.layer().annotations.as_slice()[0].note, "", "the typing undoes as one step");
    s.apply(Edit::Undo, 10.0);
    assert!(s.layer().annotations.is_empty(), "then the highlight");
}

#[test]
fn undoing_a_deleted_question_puts_it_back_in_its_place() {
    let made = TempCase::new(TEXT);
    let mut s = open(&made);
    for id in ["q1", "q2", "q3"] {
        s.apply(Edit::PutQuestion(Question::new(id, id, 1)), 0.0);
    }
    s.apply(Edit::DeleteQuestion("q2".into()), 10.0);
    assert_eq!(s.layer().questions.ids(), ["q1", "q3"]);
    s.apply(Edit::Undo, 11.0);
    assert_eq!(s.layer().questions.ids(), ["q1", "q2", "q3"]);
}

#[test]
fn two_sessions_keep_each_others_annotations() {
    let made = TempCase::new(TEXT);
    let mut first = open(&made);
    let mut second = open(&made);
    first.apply(Edit::PutAnnotation(annotation_on("a", first.text(), "China and Russia")), 0.0);
    first.save_now().unwrap();
    second.apply(Edit::PutAnnotation(annotation_on("b", second.text(), "Thirteen voted yes")), 0.0);
    second.save_now().unwrap();
    assert_eq!(second.layer().annotations.len(), 2, "the second now has the first's too");
    second.apply(Edit::PutAnnotation(annotation_on("c", second.text(), "voted no")), 1.0);
    second.save_now().unwrap();
    let mut ids = store::load(second.layer_path()).unwrap().layer.annotations.ids();
    ids.sort();
    assert_eq!(ids, ["a", "b", "c"], "nothing is lost by saving again");
    // The file's modification time is what a session watches for.
    first.layer_modified = None;
    first.poll_files(100.0);
    assert_eq!(first.layer().annotations.len(), 3, "the first takes in the file's changes");
}

#[test]
fn a_file_damaged_meanwhile_stops_edits_and_a_fresh_layer_keeps_them() {
    let made = TempCase::new(TEXT);
    let mut s = open(&made);
    s.apply(Edit::PutAnnotation(annotation_on("a", s.text(), "voted no")), 0.0);
    s.save_now().unwrap();
    let damaged = b"<<<<<<< HEAD\n{}\n=======\n";
    std::fs::write(s.layer_path(), damaged).unwrap();
    s.layer_modified = None;
    s.poll_files(100.0);
    assert!(!s.editable(), "a damaged file makes the layer read-only");
    s.apply(Edit::PutAnnotation(annotation_on("b", s.text(), "Thirteen")), 101.0);
    assert_eq!(s.layer().annotations.len(), 1, "no edits while read-only; what is in memory stays");
    assert!(s.save_now().is_ok(), "nothing to save while read-only");
    assert_eq!(std::fs::read(s.layer_path()).unwrap(), damaged, "the damaged file is not overwritten");
    let effects = s.apply(Edit::StartFresh, 102.0);
    let Some(Effect::Notify(notice)) = effects.first() else { panic!("{effects:?}") };
    let aside = notice.text.rsplit(' ').next().unwrap();
    assert_eq!(std::fs::read(aside).unwrap(), damaged);
    s.save_now().unwrap();
    assert_eq!(store::load(s.layer_path()).unwrap().layer.annotations.len(), 1, "the annotations survive");
}

#[test]
fn saves_wait_for_typing_to_rest_then_run_once() {
    let made = TempCase::new(TEXT);
    let mut s = open(&made);
    let (woke, wait) = std::sync::mpsc::channel();
    s.set_waker(std::sync::Arc::new(move || {
        let _ = woke.send(());
    }));
    s.apply(Edit::PutAnnotation(annotation_on("a", s.text(), "voted no")), 10.0);
    assert_eq!(s.save_status(), &SaveStatus::Unsaved);
    let effects = s.tick(10.3);
    assert!(matches!(effects.as_slice(), [Effect::WakeAfter(w)] if (*w - 0.5).abs() < 1e-9), "{effects:?}");
    assert!(!s.layer_path().exists(), "nothing written while changes come");
    assert!(s.tick(10.0 + SAVE_DELAY_SECS).is_empty());
    assert_eq!(s.save_status(), &SaveStatus::Saving);
    wait.recv().unwrap();
    assert_eq!(s.tick(20.0), [Effect::Saved]);
    assert_eq!(s.save_status(), &SaveStatus::Saved);
    assert_eq!(store::load(s.layer_path()).unwrap().layer.annotations.len(), 1);
    assert!(s.tick(30.0).is_empty(), "nothing more to save");
}

#[test]
fn a_student_edits_their_own_layer_and_sees_only_what_is_shared() {
    let made = TempCase::with_layer(TEXT, &crate::testing::layer_with_secrets());
    let (mut s, _) = Session::open(made.case.clone(), Role::Student, made.dir.path());
    let shared = &s.student().unwrap().shared;
    assert_eq!(shared.annotations.len(), 1);
    assert!(format!("{shared:?}").find("SECRET").is_none());
    s.apply(Edit::SetAnswer { question: "q1".into(), text: "Because of the veto".into() }, 0.0);
    s.save_now().unwrap();
    assert_eq!(s.layer_path().file_name().unwrap(), store::STUDENT_FILE);
    let instructor = std::fs::read_to_string(made.instructor_path()).unwrap();
    assert_eq!(instructor, crate::testing::layer_with_secrets().to_json(), "the instructor's file is untouched");
    assert!(
        matches!(s.ask_import(ImportKind::Annotations { private: false }), Effect::Notify(_)),
        "students don't import"
    );
}

#[test]
fn a_save_that_finishes_while_changes_wait_is_the_base_of_the_next() {
    let made = TempCase::new(TEXT);
    let mut s = open(&made);
    let (woke, wait) = std::sync::mpsc::channel();
    s.set_waker(std::sync::Arc::new(move || {
        let _ = woke.send(());
    }));
    s.apply(Edit::PutAnnotation(annotation_on("a", s.text(), "voted no")), 0.0);
    assert!(s.tick(1.0).is_empty(), "the first save starts");
    s.apply(Edit::Undo, 1.1);
    wait.recv().unwrap();
    // The first save is taken in and the second starts in the same tick.
    assert_eq!(s.tick(3.0), [Effect::Saved]);
    wait.recv().unwrap();
    assert_eq!(s.tick(4.0), [Effect::Saved]);
    assert!(s.layer().annotations.is_empty(), "the undone highlight does not come back");
    assert!(store::load(s.layer_path()).unwrap().layer.annotations.is_empty(), "nor on disk");
}

/// Issue 12 item 9: a passage imported from another tool is capped as one read from a layer.
#[test]
fn imported_passages_are_capped() {
    let made = TempCase::new(TEXT);
    let mut s = open(&made);
    let file = made.dir.path().join("w3c.json");
    let selector = serde_json::json!([{"type": "TextQuoteSelector", "exact": "China and Russia voted no",
        "prefix": "x".repeat(100_000), "suffix": " Thirteen"}]);
    let w3c = serde_json::json!([{"type": "Annotation", "id": "imported", "target": {"selector": selector}}]);
    std::fs::write(&file, w3c.to_string()).unwrap();
    s.import(&file, false, 1.0).unwrap();
    // The import names the annotation itself; the one it made is the only one.
    assert_eq!(s.layer().annotations.len(), 1);
    let a = &s.layer().annotations.as_slice()[0];
    assert!(a.target.quote.prefix.chars().count() <= crate::anchor::MAX_CONTEXT_CHARS);
    assert_eq!(a.target.quote.exact, "China and Russia voted no");
}
