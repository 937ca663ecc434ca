//! Real files from other tools (`tests/fixtures/interop/`, sources and licenses in
//! SOURCES.md), imported, exported and compared field by field. The `train/` files were used
//! while the importers were written; the `heldout/` ones, by other authors, only here.
#![allow(clippy::unwrap_used)] // a panic is the failure report

use std::path::{Path, PathBuf};

use casebook_core::formats::{hypothesis, timelinejs, w3c};
use casebook_core::layer::store;
use casebook_core::session::{Role, Session};
use casebook_core::testing::TempCase;
use serde_json::Value;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop").join(kind);
    let mut files: Vec<PathBuf> = ["train", "heldout"]
        .iter()
        .flat_map(|part| std::fs::read_dir(dir.join(part)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no {kind} fixtures");
    files
}

fn json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    serde_json::from_slice(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes)).unwrap()
}

/// The fields of a TimelineJS event that must come back as they went, after HTML is read as
/// a browser shows it.
fn comparable(event: &Value) -> Value {
    let mut e = event.clone();
    if let Some(text) = e.get_mut("text").and_then(Value::as_object_mut) {
        for (key, to) in
            [("headline", timelinejs::html_to_text as fn(&str) -> String), ("text", timelinejs::html_to_markdown)]
        {
            if let Some(Value::String(html)) = text.get(key).cloned() {
                text.insert(key.into(), Value::String(to(&html)));
            }
        }
        if text.get("text").is_some_and(|t| t == "") {
            text.remove("text");
        }
    }
    // A media with no address is no media.
    if e.pointer("/media/url").is_some_and(|u| u == "") && e["media"].as_object().is_some_and(|m| m.len() <= 3) {
        e.as_object_mut().unwrap().remove("media");
    }
    if let Some(media) = e.get_mut("media").and_then(Value::as_object_mut) {
        for key in ["caption", "credit"] {
            match media.get(key).cloned() {
                Some(Value::String(html)) if !html.trim().is_empty() => {
                    media.insert(key.into(), Value::String(timelinejs::html_to_markdown(&html)));
                }
                // An empty caption is no caption.
                Some(Value::String(_)) => {
                    media.remove(key);
                }
                _ => {}
            }
        }
    }
    e
}

#[test]
fn timelinejs_documents_come_back_field_by_field() {
    for path in fixtures("timelinejs") {
        let source = json(&path);
        let read = timelinejs::read(&source);
        let events = source["events"].as_array().unwrap();
        assert_eq!(read.timeline.events.len() + read.skipped.len(), events.len(), "{}", path.display());
        let out = timelinejs::export(&read.timeline);
        let exported = out["events"].as_array().unwrap();
        let mut k = 0;
        for (n, original) in events.iter().enumerate() {
            if read.skipped.iter().any(|s| s.starts_with(&format!("event {} ", n + 1))) {
                continue;
            }
            let (a, b) = (comparable(original), comparable(&exported[k]));
            for (key, value) in a.as_object().unwrap() {
                let gone_for_a_reason = read.not_carried.iter().any(|c| c.starts_with(&format!("event {} ", n + 1)));
                if key == "unique_id" || gone_for_a_reason {
                    continue;
                }
                assert_eq!(b.get(key), Some(value), "{}: event {} field {key}", path.display(), n + 1);
            }
            k += 1;
        }
        // The title slide and the document's other fields.
        for key in source.as_object().unwrap().keys().filter(|k| *k != "events" && *k != "eras") {
            assert!(out.get(key).is_some(), "{}: {key} is lost", path.display());
        }
        let again = timelinejs::read(&out);
        assert_eq!(again.timeline.title, read.timeline.title, "{}: the title", path.display());
        for (a, b) in again.timeline.events.iter().zip(&read.timeline.events) {
            assert_eq!(a, b, "{}: a second round trip changes nothing", path.display());
        }
        // Issue 11 item 8: every dated event is read, cosmological years and year 0 included.
        assert!(read.skipped.is_empty(), "{}: {:?}", path.display(), read.skipped);
    }
}

/// Issue 11 item 8: deep time and year 0 are read, and go back as they came. Source:
/// NUKnightLab/TimelineJS3 `compiled/examples/cosmological.json` (fixtures/interop/SOURCES.md).
#[test]
fn cosmological_years_are_read() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/timelinejs/train/nuknightlab_cosmological.json");
    let source = json(&path);
    let read = timelinejs::read(&source);
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    let first = read.timeline.events.iter().map(|e| e.date).min().unwrap();
    assert_eq!(first.year, -13_798_000_000, "the Big Bang");
    assert_eq!(first.to_string(), "13,798,000,000 BCE");
    let out = timelinejs::export(&read.timeline);
    assert_eq!(timelinejs::read(&out).timeline.events, read.timeline.events, "a round trip changes nothing");
}

#[test]
fn timelinejs_2_documents_are_read() {
    for path in fixtures("timelinejs2") {
        let source = json(&path);
        assert!(timelinejs::is_timelinejs(&source), "{}", path.display());
        let read = timelinejs::read(&source);
        let dates = source["timeline"]["date"].as_array().unwrap().len();
        assert_eq!(read.timeline.events.len() + read.skipped.len(), dates, "{}", path.display());
        assert!(read.timeline.events.len() * 2 > dates, "{}: most events read: {:?}", path.display(), read.skipped);
    }
}

#[test]
fn hypothesis_files_keep_notes_tags_creators_and_privacy() {
    for path in fixtures("hypothesis") {
        let source = json(&path);
        assert!(hypothesis::is_hypothesis(&source), "{}", path.display());
        let read = hypothesis::read(&source, "h.json");
        let rows = hypothesis::rows(&source);
        assert_eq!(
            read.annotations.len() + read.skipped.len() + count_replies(&read),
            rows.len(),
            "{}",
            path.display()
        );
        for (a, row) in read
            .annotations
            .iter()
            .zip(rows.iter().filter(|r| r.get("references").is_none_or(|r| r.as_array().is_some_and(Vec::is_empty))))
        {
            assert_eq!(a.note, row["text"].as_str().unwrap_or_default(), "{}", path.display());
            let tags: Vec<&str> =
                row["tags"].as_array().map(|t| t.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            assert_eq!(a.tags, tags, "{}", path.display());
            let public = row
                .pointer("/permissions/read")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|w| w == "group:__world__"));
            assert_eq!(a.private, !public, "{}", path.display());
            let origin = a.origin.as_ref().unwrap();
            assert_eq!(origin.id, row["id"].as_str().unwrap_or_default());
            assert_eq!(origin.created, row["created"].as_str().unwrap_or_default());
            assert_eq!(origin.document, row["uri"].as_str().unwrap_or_default());
            assert!(!origin.creator.is_empty(), "{}", path.display());
        }
    }
}

/// The replies that joined their annotations (those whose thread was missing are skipped).
fn count_replies(read: &w3c::Read) -> usize {
    read.annotations.iter().map(|a| a.replies.len()).sum()
}

#[test]
fn w3c_files_keep_ids_creators_times_and_documents() {
    for path in fixtures("w3c") {
        let source = json(&path);
        let read = w3c::read(&source, "w.jsonld", false).unwrap();
        let items = w3c::items(&source).unwrap();
        let replies: usize = read.annotations.iter().map(|a| a.replies.len()).sum();
        assert_eq!(read.annotations.len() + read.skipped.len() + replies, items.len(), "{}", path.display());
        let mut layer = casebook_core::layer::Layer::default();
        for (n, a) in read.annotations.iter().enumerate() {
            let mut a = a.clone();
            a.id = format!("a{n}");
            layer.annotations.put(a);
        }
        let out = w3c::export(&layer, "case.md");
        for a in &read.annotations {
            let origin = a.origin.as_ref().unwrap();
            let back = out.as_array().unwrap().iter().find(|o| o["id"] == origin.id.as_str());
            let Some(back) = back.or_else(|| origin.id.starts_with("quote:").then(|| &out[0])) else {
                panic!("{}: {} is not exported under its id", path.display(), origin.id);
            };
            let original = items.iter().find(|i| i["id"] == origin.id.as_str());
            if let Some(original) = original {
                assert_eq!(w3c::creator(back), w3c::creator(original), "{}: creator", path.display());
                if let Some(created) = original.get("created") {
                    assert_eq!(back.get("created"), Some(created), "{}: created", path.display());
                }
                if let Some(source) = original.pointer("/target/source") {
                    assert_eq!(back.pointer("/target/source"), Some(source), "{}: source", path.display());
                }
            }
        }
    }
}

#[test]
fn heldout_files_import_into_one_case_keep_everything_and_only_me_stays_out_of_the_pack() {
    let made = TempCase::new(
        "# A case\n\nTroy fell. death in battle or by shipwreck. information Hypermedia CERNDOC ENQUIRE Tim.\n",
    );
    let (mut s, _) = Session::open(made.case.clone(), Role::Instructor, made.dir.path());
    let mut total = 0;
    for kind in ["w3c", "hypothesis", "timelinejs", "timelinejs2"] {
        for path in fixtures(kind).into_iter().filter(|p| p.to_string_lossy().contains("heldout")) {
            match s.import(&path, false, 0.0) {
                Ok(report) => total += report.added,
                // A file of nothing readable says so, with its name.
                Err(e) => assert!(e.to_string().contains(&path.file_name().unwrap().to_string_lossy().into_owned())),
            }
        }
    }
    let layer = s.layer();
    assert_eq!(layer.annotations.len() + layer.events.len() + layer.eras.len(), total, "nothing imported was lost");
    let private = layer
        .annotations
        .iter()
        .find(|a| a.origin.as_ref().is_some_and(|o| o.id.contains("ajGEPtbaEeeY")) || a.private);
    assert!(private.is_some_and(|a| a.private), "the Only-me annotation is private");
    s.save_now().unwrap();
    let layer = store::load(s.layer_path()).unwrap().layer;
    let shared = casebook_core::shared::SharedLayer::new(&layer, casebook_core::shared::Results::Leave);
    let out = made.dir.path().join("pack");
    casebook_core::formats::pack::export_pack(made.file(), &shared, &out).unwrap();
    let packed = std::fs::read_to_string(out.join(store::INSTRUCTOR_FILE)).unwrap();
    for a in layer.annotations.iter().filter(|a| a.private) {
        assert!(!packed.contains(&a.id), "a private annotation is in the pack");
    }
}
