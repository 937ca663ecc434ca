//! Three-way merges of layers, item by item, for a file that another program (another window,
//! a sync tool, git, a second `casebook import`) changed since this one last read it.

use std::collections::BTreeSet;

use super::{Key, Layer};

/// Combines `ours` (a change made here) with `theirs` (the file as someone else left it), both
/// started from `base` (the file as this program last read or wrote it).
///
/// Item by item: what only one side changed is kept. Where both changed one item, the later
/// edit wins for items that record when they changed, and ours for the rest (the plan, colour
/// names, the timeline's title). An item deleted on one side stays deleted unless the other
/// side edited it meanwhile. A reordering of the questions here stands; questions only the
/// other side has keep their place at the end.
pub fn merge(base: &Layer, ours: &Layer, theirs: &Layer) -> Layer {
    let mut merged = theirs.clone();
    let keys: BTreeSet<Key> = base.keys().into_iter().chain(ours.keys()).collect();
    for key in keys {
        let mine = ours.value(&key);
        let before = base.value(&key);
        if mine == before {
            continue;
        }
        let there = merged.value(&key);
        match mine {
            Some(mine) => {
                let changed_there = there != before;
                let newer_there = match (there.as_ref().and_then(|t| t.modified_unix_ms()), mine.modified_unix_ms()) {
                    (Some(t), Some(m)) => t > m,
                    _ => false,
                };
                if !(changed_there && newer_there) {
                    merged.set(&key, Some(mine));
                }
            }
            // Deleted here: gone, unless edited there meanwhile.
            None if there == before => merged.set(&key, None),
            None => {}
        }
    }
    // Only a change in the order of the questions both sides had counts as a reordering here;
    // adding or deleting one does not.
    let common = |l: &Layer| {
        l.questions
            .iter()
            .filter(|q| base.questions.get(&q.id).is_some() && ours.questions.get(&q.id).is_some())
            .map(|q| q.id.clone())
            .collect::<Vec<_>>()
    };
    if common(ours) != common(base) {
        merged.questions.reorder(&ours.questions.ids());
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::Color;
    use crate::testing::{annotation, layer_event};

    fn layer(annotations: Vec<crate::layer::Annotation>) -> Layer {
        Layer { annotations: annotations.into(), ..Layer::default() }
    }

    #[test]
    fn merge_keeps_both_sides_additions() {
        let base = layer(vec![annotation("a", "", 1)]);
        let ours = layer(vec![annotation("a", "", 1), annotation("b", "ours", 2)]);
        let theirs = layer(vec![annotation("a", "", 1), annotation("c", "theirs", 3)]);
        let merged = merge(&base, &ours, &theirs);
        let mut ids = merged.annotations.ids();
        ids.sort();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn merge_later_edit_wins_and_deletes_stick() {
        let base = layer(vec![annotation("a", "old", 1), annotation("d", "doomed", 1)]);
        let ours = layer(vec![annotation("a", "ours", 5)]);
        let theirs = layer(vec![annotation("a", "theirs", 9), annotation("d", "doomed", 1)]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.annotations.len(), 1, "d was deleted here and untouched there");
        assert_eq!(merged.annotations.get("a").unwrap().note, "theirs");
        let theirs_edit_d = layer(vec![annotation("a", "old", 1), annotation("d", "kept", 7)]);
        let merged = merge(&base, &ours, &theirs_edit_d);
        assert!(merged.annotations.get("d").is_some(), "an edit there outlives a delete here");
        assert_eq!(merged.annotations.get("a").unwrap().note, "ours");
    }

    #[test]
    fn merge_keeps_a_colour_name_reset_here() {
        let mut base = layer(vec![]);
        base.color_names.insert(Color::Actor, "Person".into());
        let ours = layer(vec![]);
        let mut theirs = base.clone();
        theirs.color_names.insert(Color::Evidence, "Source".into());
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.color_name(Color::Actor), "Actor", "the reset stands");
        assert_eq!(merged.color_name(Color::Evidence), "Source", "their rename stays");
    }

    #[test]
    fn merge_takes_events_and_dismissals_from_both_sides() {
        let mut base = layer(vec![]);
        base.events.put(layer_event("veto", "Veto", 1));
        base.dismissed.insert("2006".into());
        let mut ours = base.clone();
        ours.events.put(layer_event("veto", "The double veto", 5));
        ours.dismissed.remove("2006");
        ours.dismissed.insert("2017".into());
        let mut theirs = base.clone();
        theirs.events.put(layer_event("test", "Test", 3));
        theirs.dismissed.insert("1990".into());
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.events.get("veto").unwrap().event.title, "The double veto");
        assert!(merged.events.get("test").is_some());
        let dismissed: Vec<&str> = merged.dismissed.iter().map(String::as_str).collect();
        assert_eq!(dismissed, ["1990", "2017"], "an undismissal here stands");
    }

    #[test]
    fn adding_a_question_here_keeps_a_reordering_there() {
        let q = |id: &str| crate::plan::Question::new(id, id, 1);
        let base = Layer { questions: vec![q("a"), q("b")].into(), ..Layer::default() };
        let ours = Layer { questions: vec![q("a"), q("b"), q("c")].into(), ..Layer::default() };
        let theirs = Layer { questions: vec![q("b"), q("a")].into(), ..Layer::default() };
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.questions.ids(), ["b", "a", "c"]);
        let reordered = Layer { questions: vec![q("b"), q("a")].into(), ..Layer::default() };
        let merged = merge(&base, &reordered, &base);
        assert_eq!(merged.questions.ids()[0], "b", "a reordering here stands");
    }

    #[test]
    fn answers_merge_like_items() {
        let answer = |text: &str, at| super::super::Answer { text: text.into(), modified_unix_ms: at };
        let base = Layer::default();
        let mut ours = base.clone();
        ours.answers.insert("q1".into(), answer("mine", 5));
        let mut theirs = base.clone();
        theirs.answers.insert("q1".into(), answer("theirs, later", 9));
        theirs.answers.insert("q2".into(), answer("other", 2));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.answers["q1"].text, "theirs, later");
        assert_eq!(merged.answers.len(), 2);
    }
}
