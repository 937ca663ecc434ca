//! The sample cases ship with an instructor layer that shows every teaching feature at once.
#![allow(clippy::unwrap_used)]

use casebook_core::anchor::{AnchorStatus, anchor_all};
use casebook_core::layer::store;
use casebook_core::plan::Kind;
use casebook_core::plan::unsc::Outcome;

fn load(name: &str) -> (casebook_core::case::Case, casebook_core::layer::Layer) {
    let dir = casebook_core::testing::project_dir().join("cases").join(name);
    let case = casebook_core::case::load(&dir.join("case.md")).unwrap();
    let layer = store::load(&store::instructor_path(&case.path)).unwrap().layer;
    (case, layer)
}

#[test]
fn the_dprk_case_has_a_complete_plan() {
    let (case, layer) = load("dprk-unsc");
    let plan = &layer.plan;
    assert_eq!(plan.objectives.len(), 2);
    assert!(plan.segments.len() >= 4);
    assert_eq!(plan.class_minutes, 80);
    assert!(plan.over_by().is_none(), "the plan fits the class");
    assert!(plan.segments.last().unwrap().closing, "it ends with a debrief");
    assert!(layer.questions.len() >= 8);
    assert!(layer.questions.iter().all(|q| !q.teaching_note.is_empty()), "every question has a teaching note");
    let council = layer.questions.iter().find_map(|q| match &q.kind {
        Kind::CouncilVote(v) => Some(v),
        _ => None,
    });
    match council.unwrap().outcome() {
        Outcome::Vetoed { by, counts } => {
            assert_eq!(by, ["China", "Russia"]);
            assert_eq!((counts.yes, counts.no), (13, 2));
        }
        other => panic!("the May 2022 draft was vetoed, not {other}"),
    }
    assert!(layer.annotations.len() >= 10);
    assert!(layer.annotations.iter().any(|a| a.private) && layer.annotations.iter().any(|a| !a.private));
    let anchored = anchor_all(&case.doc.text, layer.annotations.iter().map(|a| &a.target));
    assert!(anchored.iter().all(|r| r.status == AnchorStatus::Exact), "every sample annotation anchors exactly");
}

#[test]
fn the_cuban_case_has_a_smaller_plan() {
    let (_, layer) = load("cuban-missile-crisis");
    assert!(!layer.plan.objectives.is_empty() && layer.plan.segments.len() >= 3);
    assert!(layer.plan.over_by().is_none());
    assert!(layer.questions.len() >= 3);
}
