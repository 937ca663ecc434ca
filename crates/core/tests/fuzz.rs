//! A fuzzing target run in every `cargo test` (issue 12, part C): arbitrary bytes, and soups of
//! the tokens each reader cares about, fed to the front matter, the Markdown body, the layer
//! store, the date extractor and each importer (W3C, Hypothesis, TimelineJS 3 and 2). Nothing may panic, and every call must finish: the readers are
//! linear and anchoring has a budget of work, so a case that hangs hangs the test.
//!
//! Bounded so that it runs in a few seconds: 128 cases a property, inputs of a few KB.
#![allow(clippy::unwrap_used)] // a panic is the failure report

use std::path::Path;

use casebook_core::case::{dates, from_source, parse};
use casebook_core::layer::store;
use casebook_core::timeline::extract::mentions;
use casebook_core::timeline::{MAX_YEAR, PartialDate};
use proptest::prelude::*;

/// Pieces of front matter, Markdown, JSON and dates that parsers branch on.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "---\n", "+++\n", "...\n", "\n", "\n\n", "  ", "    ", "\t", "- ", "? ", ": ", ":", "=", ",", "[", "]",
    "{", "}", "\"", "'", "!tag ", "!!str ", "&a ", "*a ", "<<: ", "|\n", ">\n", "#", "title", "timeline",
    "eras", "date", "id", "start", "end", "lane", "[[timeline]]", "123456789012345678901234567890", "-9223372036854775808",
    "0x7f", "1e400", "nan", "null", "true", "1962", "2006-10-09", "1962-13-45", "500 BCE", "c. 1520",
    "January", "October", "May", "Sept.", "the", "1990s", "1800s", "16th", "sixteenth", "twenty-", "first",
    "century", "centuries", "millennium", "BC", "B.C.", "AD", "between", "from", "to", "and", "–", "-", "/",
    "of", "Panic", "Movement", "Retrieved", "accessed", "Archived", "https://x.org/2019/", "www.", "`", "```\n",
    "*", "_", "**", "<!--", "-->", "<div>", "&#0;", "[^1]", "[^1]: ", "|", "|---|", "> ", "1. ", "## ",
    "References\n", "é", "한", "\u{0}", "\u{feff}", "\r\n", "31", "29", "8", "9,", "21,", "1987", "99999999th",
];

/// A soup of up to `n` tokens.
fn soup(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..n).prop_map(|t| t.concat())
}

/// Up to a few KB of anything, as text.
fn bytes() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), 0..4096).prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![soup(600), bytes(), "\\PC{0,2000}"]
}

/// Front matter shaped as authors write it, with odd values in its fields: it reaches the
/// events, eras and duplicate keys that a soup rarely does.
fn shaped_front_matter() -> impl Strategy<Value = String> {
    (prop::collection::vec((prop::sample::select(TOKENS), soup(6), soup(6)), 1..40), any::<bool>()).prop_map(
        |(fields, yaml)| {
            let mut out = String::new();
            for (i, (key, a, b)) in fields.iter().enumerate() {
                let key = key.trim();
                out.push_str(&match (yaml, i % 4) {
                    (true, 0) => format!("timeline:\n  - id: {a}\n    date: {b}\n    {key}: {a}\n"),
                    (true, 1) => format!("eras:\n  - title: {a}\n    start: {b}\n    end: {a}\n"),
                    (true, _) => format!("{key}: {a}\n  {b}\n"),
                    (false, 0) => format!("[[timeline]]\nid = \"{a}\"\ndate = {b}\n{key} = {a}\n"),
                    (false, 1) => format!("[[eras]]\ntitle = {a}\nstart = {b}\nend = {a}\n"),
                    (false, _) => format!("{key} = {a}\n"),
                });
            }
            let fence = if yaml { "---" } else { "+++" };
            format!("{fence}\n{out}{fence}\nIn 1962 it began.\n")
        },
    )
}

/// The field names and values the importers branch on.
#[rustfmt::skip]
const IMPORT_KEYS: &[&str] = &[
    "type", "id", "body", "bodyValue", "target", "selector", "exact", "prefix", "suffix", "start", "end",
    "refinedBy", "purpose", "value", "motivation", "creator", "created", "modified", "source", "items", "first",
    "rows", "total", "text", "tags", "user", "user_info", "display_name", "permissions", "read", "group",
    "references", "uri", "document", "title", "events", "eras", "unique_id", "start_date", "end_date", "year",
    "month", "day", "hour", "headline", "media", "url", "caption", "credit", "group", "display_date", "scale",
    "timeline", "date", "startDate", "endDate", "tag", "era", "background", "location",
];
#[rustfmt::skip]
const IMPORT_VALUES: &[&str] = &[
    "Annotation", "AnnotationCollection", "AnnotationPage", "TextQuoteSelector", "TextPositionSelector",
    "RangeSelector", "TextualBody", "replying", "describing", "tagging", "commenting", "__world__",
    "group:__world__", "acct:a@hypothes.is", "voted no", "China and Russia ", ". Thirteen", "", " ",
    "-13800000000", "0", "1962", "1962,10,16", "<p>x", "&lt;script&gt;", "<script>alert(1)</script>",
    "javascript:alert(1)", "https://a.example/anno/1", "cosmological", "\u{0}", "&#0;", "1e400",
];

/// JSON shaped like the files the importers read: objects keyed by their field names, holding
/// their values, numbers at the edges and nesting.
fn import_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        prop::sample::select(IMPORT_VALUES).prop_map(|s| Value::String(s.to_owned())),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<bool>().prop_map(Value::Bool),
        Just(Value::Null),
    ];
    leaf.prop_recursive(5, 200, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(IMPORT_KEYS), inner), 0..10)
                .prop_map(|fields| Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Every importer, through the session as the app and the CLI import: JSON shaped like
    /// each format with odd values, and arbitrary bytes. An error is fine; a panic is not.
    #[test]
    fn importers_never_panic(value in import_json(), bytes in prop::collection::vec(any::<u8>(), 0..2048), private in any::<bool>()) {
        let made = casebook_core::testing::TempCase::new(casebook_core::testing::hostile::IMPORT_CASE);
        let data = tempfile::tempdir().unwrap();
        let (mut session, _) = casebook_core::session::Session::open(
            made.case.clone(), casebook_core::session::Role::Instructor, data.path());
        let file = made.dir.path().join("import.json");
        // Each shape at the top: a bare value, the W3C collection, the Hypothesis search
        // response, TimelineJS 3 and 2.
        for wrapped in [
            value.clone(),
            serde_json::json!({"type": "AnnotationCollection", "first": {"items": [value.clone()]}}),
            serde_json::json!({"total": 1, "rows": [value.clone()]}),
            serde_json::json!({"events": [value.clone()], "title": value.clone()}),
            serde_json::json!({"timeline": {"date": [value.clone()]}}),
        ] {
            std::fs::write(&file, wrapped.to_string()).unwrap();
            let _ = session.import(&file, private, 1.0);
        }
        std::fs::write(&file, &bytes).unwrap();
        let _ = session.import(&file, private, 1.0);
    }

    /// Front matter in both syntaxes, then the whole case: split, parse, document, dates.
    #[test]
    fn front_matter_never_panics(body in text(), yaml in any::<bool>()) {
        let fence = if yaml { "---" } else { "+++" };
        let source = format!("{fence}\n{body}\n{fence}\nIn 1962 it began.\n");
        let case = from_source(Path::new("case.md"), &source);
        for event in &case.front.events {
            prop_assert!(event.line >= 1);
        }
        from_source(Path::new("case.md"), &body);
    }

    /// Front matter shaped as authors write it, with odd values.
    #[test]
    fn shaped_front_matter_never_panics(source in shaped_front_matter()) {
        let case = from_source(Path::new("case.md"), &source);
        let lines = source.lines().count();
        for event in &case.front.events {
            prop_assert!(event.line >= 1 && event.line <= lines, "line {} of {lines}", event.line);
        }
    }

    /// The Markdown body, and the dates of its document.
    #[test]
    fn markdown_never_panics(body in text()) {
        let doc = parse::parse(&body, 1);
        for m in dates::mentions_in(&doc) {
            prop_assert!(doc.text.get(m.range.clone()).is_some());
            prop_assert!(doc.text.get(m.sentence.clone()).is_some());
            prop_assert!(m.end.is_none_or(|end| end > m.date));
        }
    }

    /// Date extraction on plain text, and date parsing.
    #[test]
    fn date_extraction_never_panics(text in text()) {
        let found = mentions(&text);
        for pair in found.windows(2) {
            prop_assert!(pair[0].range.end <= pair[1].range.start, "in order, not overlapping");
        }
        for m in &found {
            prop_assert!(text.get(m.range.clone()).is_some() && text.get(m.sentence.clone()).is_some());
        }
        for line in text.lines() {
            if let Ok(date) = PartialDate::parse(line) {
                // Deep time: a written date may name any year to MAX_YEAR (only years found in
                // prose keep a six-digit cap).
                prop_assert!(date.year != 0 && date.year.unsigned_abs() <= MAX_YEAR.unsigned_abs());
            }
        }
    }

    /// The layer store: arbitrary bytes, and JSON shaped like a layer with odd values in it.
    #[test]
    fn layer_store_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..4096), inner in soup(200)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(store::INSTRUCTOR_FILE);
        std::fs::write(&path, &bytes).unwrap();
        let _ = store::load(&path);
        let json = format!(
            r#"{{"format": "casebook-layer", "version": 2, "annotations": [{{"id": "a", "color": "actor",
            "target": {{"quote": {{"exact": {exact:?}, "prefix": {inner:?}}}, "position": {{"start": 3, "end": 99999999}}}},
            "created_unix_ms": 1, "modified_unix_ms": 2}}], "events": [{{"event": {{"id": "e", "date": {date:?},
            "title": "t"}}, "hidden": false, "created_unix_ms": 1, "modified_unix_ms": 1}}]}}"#,
            exact = inner.chars().take(50).collect::<String>(),
            date = inner.chars().take(12).collect::<String>(),
        );
        std::fs::write(&path, json).unwrap();
        if let Ok(loaded) = store::load(&path) {
            for a in loaded.layer.annotations.iter() {
                prop_assert!(a.target.quote.prefix.chars().count() <= casebook_core::anchor::MAX_CONTEXT_CHARS);
                casebook_core::anchor::anchor_all(&inner, [&a.target]);
            }
        }
    }
}
