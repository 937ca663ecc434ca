//! Tests of the W3C reader and writer.

use serde_json::json;

use super::*;
use crate::layer::Items;

fn sample() -> Layer {
    let a = Annotation {
        target: Selector {
            quote: TextQuote {
                exact: "vetoed the draft".into(),
                prefix: "Russia ".into(),
                suffix: " resolution".into(),
            },
            position: Some(TextPosition { start: 40, end: 56 }),
        },
        note: "The **first** vetoes.".into(),
        tags: vec!["veto".into(), "2022".into()],
        private: true,
        ..Annotation::new(
            "a-1",
            Selector { quote: TextQuote::default(), position: None },
            Color::TurningPoint,
            1_700_000_000_000,
        )
    };
    Layer { annotations: vec![a].into(), ..Layer::default() }
}

fn read_one(v: Value) -> Annotation {
    let mut read = read(&v, "file.json", false).unwrap();
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    read.annotations.remove(0)
}

#[test]
fn export_has_w3c_shape() {
    let v = export(&sample(), "case.md");
    let a = &v[0];
    assert_eq!(a["type"], "Annotation");
    assert_eq!(a["@context"], CONTEXT);
    assert_eq!(a["motivation"], "commenting");
    assert_eq!(a["created"], "2023-11-14T22:13:20.000Z");
    assert_eq!(a["target"]["selector"][0]["type"], "TextQuoteSelector");
    assert_eq!(a["target"]["selector"][1]["start"], 40);
    assert!(a["body"].as_array().unwrap().iter().any(|b| b["purpose"] == "tagging" && b["value"] == "veto"));
}

#[test]
fn our_own_export_reads_back_as_the_same_annotations() {
    let layer = sample();
    let a = read_one(export(&layer, "case.md"));
    let b = &layer.annotations.as_slice()[0];
    assert_eq!(
        (&a.id, &a.target, a.color, &a.note, &a.tags, a.private),
        (&b.id, &b.target, b.color, &b.note, &b.tags, b.private)
    );
    assert!(a.origin.is_none(), "it is this layer's own");
}

#[test]
fn full_ids_never_collide_and_go_back_as_they_came() {
    let quote = |id: &str| json!({"id": id, "type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": "Council"}}});
    let read = read(&json!([quote("https://a.example/annotations/1"), quote("https://b.example/anno/1")]), "f", false)
        .unwrap();
    let ids: Vec<&str> = read.annotations.iter().map(|a| a.origin.as_ref().unwrap().id.as_str()).collect();
    assert_eq!(ids, ["https://a.example/annotations/1", "https://b.example/anno/1"]);
    let mut a = read.annotations[0].clone();
    a.id = "x".into();
    let out = export(&Layer { annotations: Items::from(vec![a]), ..Layer::default() }, "case.md");
    assert_eq!(out[0]["id"], "https://a.example/annotations/1");
}

#[test]
fn bodies_quotes_in_refinements_replies_and_provenance_are_read() {
    let doc = json!([
        {"id": "http://example.org/anno1", "type": "Annotation", "bodyValue": "A plain note",
         "creator": {"type": "Person", "name": "Ada"}, "created": "2015-01-28T12:00:00Z", "modified": "2015-02-01T09:00:00Z",
         "body": [{"type": "TextualBody", "value": "<p>An <b>HTML</b> note</p>", "format": "text/html", "purpose": "describing"},
                  "http://example.org/comment1",
                  {"type": "TextualBody", "value": "treaty", "purpose": "tagging"}],
         "target": {"source": "http://example.org/page1", "selector": {"type": "FragmentSelector", "value": "para5",
             "refinedBy": {"type": "TextQuoteSelector", "exact": "the Council", "prefix": "And ", "suffix": " met"}}}},
        {"id": "http://example.org/reply1", "type": "Annotation", "motivation": "replying",
         "creator": "Grace", "bodyValue": "I agree", "target": "http://example.org/anno1"}
    ]);
    let a = read_one(doc);
    assert_eq!(a.target.quote.exact, "the Council");
    assert_eq!(a.note, "A plain note\n\nAn **HTML** note\n\n<http://example.org/comment1>");
    assert_eq!(a.tags, ["treaty"]);
    let origin = a.origin.as_ref().unwrap();
    assert_eq!(
        (origin.creator.as_str(), origin.created.as_str(), origin.document.as_str()),
        ("Ada", "2015-01-28T12:00:00Z", "http://example.org/page1")
    );
    assert_eq!(a.replies, [Reply { creator: "Grace".into(), created: String::new(), text: "I agree".into() }]);
    let out = export(
        &Layer { annotations: Items::from(vec![Annotation { id: "x".into(), ..a }]), ..Layer::default() },
        "case.md",
    );
    assert_eq!(out[0]["creator"], "Ada");
    assert_eq!(out[0]["created"], "2015-01-28T12:00:00Z");
    assert_eq!(out[0]["target"]["source"], "http://example.org/page1");
    assert_eq!(out[1]["motivation"], "replying");
    assert_eq!(out[1]["target"], "http://example.org/anno1");
}

#[test]
fn items_without_a_quote_are_named_and_private_is_offered() {
    let v = json!([
        {"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": "Security Council"}}},
        {"type": "Annotation", "target": {"selector": {"type": "CssSelector", "value": "p"}}}
    ]);
    let got = read(&v, "f", true).unwrap();
    assert_eq!(got.annotations.len(), 1);
    assert!(got.annotations[0].private, "--private marks them private");
    assert_eq!(got.annotations[0].target.position, None);
    assert!(got.skipped[0].starts_with("annotation 2: it has no TextQuoteSelector"), "{:?}", got.skipped);
    assert!(read(&json!("text"), "f", false).is_err());
}
