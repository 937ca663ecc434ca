//! The `casebook` command line, run as a user would run it.
#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use std::path::{Path, PathBuf};
use std::process::Command;

fn casebook(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_casebook")).args(args).output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn cases() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn help_and_version() {
    let (code, out, _) = casebook(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("check") && out.contains("export") && out.contains("import"), "{out}");
    let (code, out, _) = casebook(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("casebook {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn check_passes_the_samples_and_prints_json() {
    let dprk = cases().join("dprk-unsc");
    let (code, out, _) = casebook(&["check", s(&dprk), s(&cases().join("cuban-missile-crisis"))]);
    assert_eq!(code, 0, "{out}");
    assert!(out.trim_end().ends_with("checked 2 cases: 0 errors, 0 warnings"), "{out}");
    let (code, out, _) = casebook(&["check", "--json", s(&dprk)]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let case = &json["cases"][0];
    assert_eq!(case["title"], "North Korea and the UN Security Council, 2006–2025");
    assert!(case["words"].as_u64().unwrap() >= 2_500);
    assert!(case["events"].as_u64().unwrap() >= 15);
    assert!(case["annotations"]["total"].is_u64());
}

#[test]
fn check_fails_on_errors_with_locations() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("case.md"),
        "---\ntimeline:\n  - date: \"2022-02-30\"\n    title: No such day\n---\nText.\n",
    )
    .unwrap();
    let (code, out, _) = casebook(&["check", s(dir.path())]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("case.md:3:0: error: timeline event 'event-1': day 30 does not exist in 2022-02"), "{out}");
    assert!(out.trim_end().ends_with("checked 1 case: 1 error, 0 warnings"), "{out}");
}

#[test]
fn w3c_export_and_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("case.md"), "# Votes\n\nThirteen members voted for the draft resolution in May.\n")
        .unwrap();
    let incoming = dir.path().join("in.json");
    std::fs::write(
        &incoming,
        r#"[{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", "id": "urn:x:one",
            "body": [{"type": "TextualBody", "value": "Count them.", "purpose": "commenting"},
                     {"type": "TextualBody", "value": "votes", "purpose": "tagging"}],
            "target": {"selector": {"type": "TextQuoteSelector", "exact": "Thirteen members voted"}}}]"#,
    )
    .unwrap();
    let (code, _, err) = casebook(&["import", s(dir.path()), s(&incoming)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 1 new, 0 updated and 0 unchanged"), "{err}");
    let (code, _, err) = casebook(&["import", s(dir.path()), s(&incoming)]);
    assert_eq!(code, 0);
    assert!(err.contains("imported 0 new, 0 updated and 1 unchanged"), "importing twice adds nothing: {err}");

    let exported = dir.path().join("out.json");
    let (code, _, err) = casebook(&["export", "--format", "w3c", s(dir.path()), "-o", s(&exported)]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let a = &json[0];
    assert_eq!(a["type"], "Annotation");
    assert_eq!(a["target"]["selector"][0]["exact"], "Thirteen members voted");
    assert!(a["body"].as_array().unwrap().iter().any(|b| b["value"] == "Count them."));

    let (code, out, _) = casebook(&["check", "--json", s(dir.path())]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["cases"][0]["annotations"]["total"], 1);
    assert_eq!(json["cases"][0]["annotations"]["exact"], 1, "a quote alone anchors, placed in this text on import");

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ nope").unwrap();
    let (code, _, err) = casebook(&["import", s(dir.path()), s(&bad)]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.json:1:3: not valid JSON"), "{err}");
}

#[test]
fn timelinejs_export_of_a_sample_case() {
    let (code, out, err) = casebook(&["export", "--format", "timelinejs", s(&cases().join("cuban-missile-crisis"))]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["title"]["text"]["headline"], "The Cuban Missile Crisis, October 1962");
    let events = json["events"].as_array().unwrap();
    assert!(events.len() >= 14);
    let (timeline, skipped) = casebook_core::formats::timelinejs::import(&json);
    assert!(skipped.is_empty());
    assert_eq!(timeline.events.len(), events.len());
    assert!(timeline.events.iter().any(|e| e.date == casebook_core::timeline::PartialDate::ymd(1962, 10, 16)));
}

#[test]
fn a_timelinejs_file_imports_into_the_layer_and_exports_with_the_case() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    std::fs::create_dir(&case).unwrap();
    std::fs::write(
        case.join("case.md"),
        "---\ntitle: Votes\ntimeline:\n  - id: veto\n    date: \"2022-05-26\"\n    title: Double veto\n---\nIn May 2022 two members vetoed the draft.\n",
    )
    .unwrap();
    let case_arg = case.to_str().unwrap();
    let export = dir.path().join("own.json");
    let (code, _, err) = casebook(&["export", "--format", "timelinejs", case_arg, "-o", export.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = casebook(&["import", case_arg, export.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("imported 0 new, 0 updated and 1 unchanged timeline events"),
        "the case's own timeline is no change: {err}"
    );

    let incoming = dir.path().join("more.json");
    std::fs::write(
        &incoming,
        r#"{"title":{"text":{"headline":"A <b>timeline</b>"}},
            "events":[{"start_date":{"year":"2024","month":6},"unique_id":"pact","group":"Diplomacy",
                       "text":{"headline":"Putin &amp; Kim sign a pact","text":"<p>A mutual defence treaty.</p>"},
                       "media":{"url":"https://example.org/photo.jpg"}},
                      {"start_date":{"year":-500},"text":{"headline":"Long ago"}}]}"#,
    )
    .unwrap();
    let (code, _, err) = casebook(&["import", case_arg, incoming.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 2 new, 0 updated and 0 unchanged timeline events"), "{err}");
    let (code, out, err) = casebook(&["export", "--format", "timelinejs", case_arg]);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let headlines: Vec<&str> =
        value["events"].as_array().unwrap().iter().map(|e| e["text"]["headline"].as_str().unwrap()).collect();
    assert_eq!(
        headlines,
        ["Long ago", "Double veto", "Putin &amp; Kim sign a pact"],
        "in order of time, HTML-escaped again"
    );
    assert_eq!(value["events"][0]["start_date"]["year"], -500, "500 BCE, written back as it came");
    assert_eq!(value["title"]["text"]["headline"], "A timeline", "the imported title slide is kept");
    assert_eq!(
        value["events"][2]["media"]["url"], "https://example.org/photo.jpg",
        "media links are kept, never fetched"
    );
}

#[test]
fn every_corpus_timeline_imports_into_a_case() {
    let Some(corpus) = casebook_core::testing::corpus_dir("timelinejs") else { return };
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("case.md"), "# Empty case\n").unwrap();
        let case_arg = dir.path().to_str().unwrap();
        let (code, _, err) = casebook(&["import", case_arg, file.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {err}", file.display());
        let source: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let (_, out, _) = casebook(&["export", "--format", "timelinejs", case_arg]);
        let exported: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            exported["events"].as_array().unwrap().len(),
            source["events"].as_array().unwrap().len(),
            "{}: every event came through the layer",
            file.display()
        );
    }
}

#[test]
fn teaching_note_and_handout_exports_of_the_sample() {
    let case = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases/dprk-unsc");
    let case_arg = case.to_str().unwrap();
    let (code, note, err) = casebook(&["export", "--format", "teaching-note-md", case_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(note.contains("## Learning objectives") && note.contains("Vetoed by China and Russia"), "{note}");
    let layer =
        casebook_core::layer::store::load(&case.join(casebook_core::layer::store::INSTRUCTOR_FILE)).unwrap().layer;
    let private: Vec<&str> = layer
        .questions
        .iter()
        .map(|q| q.teaching_note.as_str())
        .chain(layer.plan.segments.iter().map(|s| s.note.as_str()))
        .chain(layer.annotations.iter().filter(|a| a.private).map(|a| a.note.as_str()))
        .filter(|t| !t.is_empty())
        .collect();
    assert!(private.len() > 10, "the sample has private notes to keep back");
    for format in ["handout-md", "handout-html"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("handout");
        let (code, _, err) = casebook(&["export", "--format", format, case_arg, "-o", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let handout = std::fs::read_to_string(&out).unwrap();
        assert!(handout.contains("Questions to prepare"));
        for text in &private {
            // Any sentence of a private note is enough to leak it.
            let probe: String = text.chars().take(40).collect();
            assert!(!handout.contains(&probe), "{format} leaks private text: {probe}");
        }
    }
    let (_, html, _) = casebook(&["export", "--format", "teaching-note-html", case_arg]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@media print"));
}

#[test]
fn a_pack_and_a_students_notes_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cases/dprk-unsc");
    let pack = dir.path().join("pack");
    let (code, _, err) =
        casebook(&["export", "--format", "pack", sample.to_str().unwrap(), "-o", pack.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(pack.join("casebook-pack.json").is_file() && pack.join("resolutions-per-year.png").is_file());
    let (code, _, err) = casebook(&["export", "--format", "pack", sample.to_str().unwrap()]);
    assert_ne!(code, 0, "a pack needs a folder");
    assert!(err.contains("-o DIR"), "{err}");

    let shared = casebook_core::layer::store::load(&pack.join("instructor.casebook.json")).unwrap().layer;
    let question = &shared.questions.as_slice()[0];
    let mut mine = casebook_core::layer::Layer::default();
    mine.answers.insert(
        question.id.clone(),
        casebook_core::layer::Answer { text: "Thirteen yes, two vetoes.".into(), modified_unix_ms: 1 },
    );
    std::fs::write(pack.join("student.casebook.json"), mine.to_json()).unwrap();
    let (code, md, err) = casebook(&["export", "--format", "notes-md", pack.to_str().unwrap(), "--layer", "student"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.starts_with("# North Korea and the UN Security Council, 2006–2025 — my notes"), "{md}");
    assert!(md.contains("## Answers") && md.contains("Thirteen yes, two vetoes."), "{md}");
}
