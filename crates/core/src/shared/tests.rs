//! Tests of the shared types. The generator test fills every string of a layer with a marker
//! that names where it is, builds what is shared, and checks that each marker found there comes
//! from a place written down as shared: a field added to a layer type and not decided on fails.

use proptest::prelude::*;
use serde_json::Value;

use super::*;
use crate::anchor::{TextPosition, TextQuote};
use crate::layer::Answer;
use crate::plan::record::TextAnswer;
use crate::plan::unsc::Ballot;
use crate::testing::{SECRETS, layer_with_secrets};
use crate::timeline::PartialDate;

#[test]
fn nothing_private_is_shared() {
    let layer = layer_with_secrets();
    let shared = SharedLayer::new(&layer, Results::Include);
    let shown = format!("{shared:?} {}", shared.to_layer().to_json());
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{secret} is shared: {shown}");
    }
    assert_eq!(shared.annotations.len(), 1, "only the shared highlight");
    assert_eq!(shared.questions.len(), 2, "the questions are shared");
}

#[test]
fn results_are_left_out_unless_asked_for() {
    let layer = layer_with_secrets();
    let council = |s: &SharedLayer| match &s.questions[1].kind {
        Kind::CouncilVote(v) => v.ballots.len(),
        _ => 0,
    };
    assert_eq!(council(&SharedLayer::new(&layer, Results::Include)), 15);
    assert_eq!(council(&SharedLayer::new(&layer, Results::Leave)), 0);
}

/// Where a shared string may come from, as paths with the indices taken out. Everything else
/// in a layer is private.
const SHARED_PATHS: &[&str] = &[
    "color_names.*",
    "annotations[].id",
    "annotations[].target.quote.exact",
    "annotations[].target.quote.prefix",
    "annotations[].target.quote.suffix",
    "annotations[].note",
    "annotations[].tags[]",
    "events[].id",
    "events[].title",
    "events[].lane",
    "events[].description",
    "events[].media.url",
    "events[].media.caption",
    "events[].media.credit",
    "events[].anchor.quote.exact",
    "events[].anchor.quote.prefix",
    "events[].anchor.quote.suffix",
    "events[].kept.*",
    "eras[].id",
    "eras[].title",
    "timeline_title.headline",
    "timeline_title.text",
    "timeline_title.kept.*",
    "questions[].id",
    "questions[].text",
    "questions[].options[]",
    "questions[].elected[]",
    "questions[].segment",
    "questions[].passages[].quote.exact",
    "questions[].passages[].quote.prefix",
    "questions[].passages[].quote.suffix",
    "questions[].events[]",
    "plan.objectives[]",
    "plan.segments[].id",
    "plan.segments[].title",
    "records[].id",
    "records[].question",
    "records[].text",
    "records[].kind",
    "records[].options[].option",
    "records[].council.elected[]",
];

fn text() -> impl Strategy<Value = String> {
    "[a-z]{1,6}"
}

fn selector() -> impl Strategy<Value = Selector> {
    (text(), text(), text(), any::<bool>()).prop_map(|(exact, prefix, suffix, at)| Selector {
        quote: TextQuote { exact, prefix, suffix },
        position: at.then_some(TextPosition { start: 1, end: 4 }),
    })
}

/// Where an imported item came from, with every field set.
fn origin() -> impl Strategy<Value = Option<Box<crate::layer::Origin>>> {
    (text(), text(), text(), text(), text()).prop_map(|(file, id, creator, document, title)| {
        Some(Box::new(crate::layer::Origin {
            file,
            id,
            creator,
            created: "2020-01-01T00:00:00Z".into(),
            modified: "2020-01-02T00:00:00Z".into(),
            document,
            title: title.clone(),
            imported: serde_json::json!({ "note": title }),
        }))
    })
}

/// Fields another tool wrote, kept.
fn kept() -> impl Strategy<Value = serde_json::Map<String, Value>> {
    text().prop_map(|t| [("background".to_owned(), serde_json::json!({ "url": t }))].into_iter().collect())
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Open),
        Just(Kind::RolePlay),
        proptest::collection::vec(text(), 1..3).prop_map(|options| Kind::Choice { options }),
        proptest::collection::vec(text(), 1..3)
            .prop_map(|options| Kind::Vote { tally: vec![3; options.len()], options }),
        proptest::collection::vec(text(), 1..3).prop_map(|elected| {
            let ballots = [("China".to_owned(), Ballot::No)].into_iter().collect();
            Kind::CouncilVote(CouncilVote { elected, ballots })
        }),
    ]
}

/// A layer with every kind of item, each with all of its fields set. Struct literals name
/// every field, so a new field must be given a value here before this compiles.
fn layer() -> impl Strategy<Value = Layer> {
    let annotation = (
        text(),
        selector(),
        text(),
        proptest::collection::vec(text(), 0..2),
        any::<bool>(),
        (text(), text(), origin()),
    )
        .prop_map(|(id, target, note, tags, private, (creator, reply, origin))| Annotation {
            id,
            target,
            color: Color::Actor,
            note,
            tags,
            private,
            created_unix_ms: 1,
            modified_unix_ms: 2,
            replies: vec![crate::layer::Reply { creator, created: "2020-01-01".into(), text: reply }],
            origin,
        });
    let event = (text(), text(), text(), text(), text(), text(), selector(), any::<bool>(), (kept(), origin()))
        .prop_map(|(id, title, lane, description, url, caption, anchor, hidden, (kept, origin))| LayerEvent {
            event: Event {
                id,
                date: PartialDate::ymd(2022, 5, 26),
                end: Some(PartialDate::year(2023)),
                title,
                lane: Some(lane),
                description,
                media: Some(Media { url, credit: caption.clone(), caption }),
                anchor: Some(anchor),
                kept,
                line: 0,
            },
            hidden,
            created_unix_ms: 1,
            modified_unix_ms: 2,
            origin,
        });
    let era = (text(), text()).prop_map(|(id, title)| LayerEra {
        id,
        era: Era { title, start: PartialDate::year(2006), end: PartialDate::year(2017) },
        hidden: false,
        created_unix_ms: 1,
        modified_unix_ms: 2,
    });
    let question = (text(), text(), kind(), text(), text(), proptest::collection::vec(selector(), 0..2), text())
        .prop_map(|(id, text, kind, teaching_note, segment, passages, event)| Question {
            id,
            text,
            kind,
            teaching_note,
            segment: Some(segment),
            passages,
            events: vec![event],
            created_unix_ms: 1,
            modified_unix_ms: 2,
        });
    let segment =
        (text(), text(), text()).prop_map(|(id, title, note)| Segment { id, title, minutes: 10, note, closing: false });
    let record = (text(), text(), text(), text(), text(), text(), text(), text()).prop_map(
        |(id, question, asked, kind, option, elected, answer, name)| ClassRecord {
            id,
            question,
            text: asked,
            kind,
            held_unix_ms: 1_796_212_800_000,
            answers: 2,
            options: vec![OptionCount { option, count: 2 }],
            council: Some(CouncilVote {
                elected: vec![elected],
                ballots: [("China".to_owned(), Ballot::No)].into_iter().collect(),
            }),
            texts: vec![TextAnswer { text: answer, name: Some(name) }],
            created_unix_ms: 1,
            modified_unix_ms: 2,
        },
    );
    (
        proptest::collection::vec(annotation, 1..4),
        proptest::collection::vec(event, 0..3),
        proptest::collection::vec(era, 0..2),
        proptest::collection::vec(question, 1..4),
        proptest::collection::vec(segment, 0..3),
        (text(), text(), text(), text(), text(), kept()),
        proptest::collection::vec(record, 1..3),
    )
        .prop_map(
            |(
                annotations,
                events,
                eras,
                questions,
                segments,
                (name, dismissed, headline, answer, objective, kept),
                records,
            )| Layer {
                format: crate::layer::FORMAT_NAME.to_owned(),
                version: crate::layer::FORMAT_VERSION,
                color_names: [(Color::Evidence, name)].into_iter().collect(),
                annotations: annotations.into(),
                events: events.into(),
                eras: eras.into(),
                dismissed: [dismissed].into_iter().collect(),
                timeline_title: Some(TimelineTitle { headline, text: objective.clone(), kept }),
                questions: questions.into(),
                plan: Plan { objectives: vec![objective], class_minutes: 80, segments },
                answers: [("q".to_owned(), Answer { text: answer, modified_unix_ms: 1 })].into_iter().collect(),
                records: records.into(),
            },
        )
}

/// Replaces every string in the layer that can take any text with a marker naming its path,
/// such as `⟪annotations[2].note⟫`. Strings that must be a date, a colour or a kind stay.
fn mark_every_string(layer: &Layer) -> Layer {
    fn walk(value: &mut Value, path: &str, root: &mut dyn FnMut(&mut Value, &str) -> bool) {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    walk(child, &format!("{path}{}{key}", if path.is_empty() { "" } else { "." }), root);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter_mut().enumerate() {
                    walk(child, &format!("{path}[{i}]"), root);
                }
            }
            Value::String(_) => {
                let _ = root(value, path);
            }
            _ => {}
        }
    }
    let original = serde_json::to_value(layer).unwrap();
    let mut marked = original.clone();
    let mut paths = Vec::new();
    walk(&mut marked, "", &mut |_, path| {
        paths.push(path.to_owned());
        true
    });
    for path in paths {
        let mut attempt = marked.clone();
        walk(&mut attempt, "", &mut |leaf, at| {
            if at == path {
                *leaf = Value::String(format!("⟪{path}⟫"));
            }
            true
        });
        if serde_json::from_value::<Layer>(attempt.clone()).is_ok() {
            marked = attempt;
        }
    }
    serde_json::from_value(marked).unwrap()
}

/// A path without its indices: `annotations[2].tags[0]` as `annotations[].tags[]`.
fn normalized(path: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for c in path.chars() {
        match c {
            '[' => {
                skipping = true;
                out.push('[');
            }
            ']' => {
                skipping = false;
                out.push(']');
            }
            _ if skipping => {}
            c => out.push(c),
        }
    }
    out
}

fn allowed(path: &str, layer: &Layer) -> bool {
    let plain = normalized(path);
    let listed = SHARED_PATHS.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => plain.starts_with(prefix),
        None => plain == *p,
    });
    // A private highlight shares nothing, not even its quote.
    let private_annotation = path
        .strip_prefix("annotations[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|i| i.parse::<usize>().ok())
        .is_some_and(|i| layer.annotations.as_slice()[i].private);
    listed && !private_annotation
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_shared_string_comes_from_a_shared_field(layer in layer()) {
        let marked = mark_every_string(&layer);
        let placed = serde_json::to_string(&marked).unwrap().matches('⟪').count();
        // The smallest layer drawn (one annotation, one question, the fixed fields) has 16
        // strings that take a marker; 20, as this said before, failed one run in two.
        prop_assert!(placed >= 16, "the markers are in place: {placed}");
        let shared = SharedLayer::new(&marked, Results::Include);
        let shown = format!("{shared:?}\n{}", shared.to_layer().to_json());
        for found in shown.split('⟪').skip(1) {
            let path = found.split('⟫').next().unwrap_or_default();
            prop_assert!(
                allowed(path, &marked),
                "`{path}` reaches what students see: decide in shared.rs whether it is shared"
            );
        }
    }
}
