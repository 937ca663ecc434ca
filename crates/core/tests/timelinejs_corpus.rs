//! Every TimelineJS3 example in `../shared/corpus/timelinejs/` imports, and exports again with
//! the same events, dates and headlines, in order. The files are not copied into the
//! repository; where they are absent the test says so and checks nothing, unless CI requires
//! them (`CASEBOOK_REQUIRE_CORPUS`).
#![allow(clippy::unwrap_used)] // test helpers, where a panic is the failure report

use casebook_core::formats::timelinejs;

#[test]
fn corpus_timelines_round_trip() {
    let Some(dir) = casebook_core::testing::corpus_dir("timelinejs") else { return };
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(timelinejs::is_timelinejs(&value), "{} is recognised", path.display());
        let (timeline, skipped) = timelinejs::import(&value);
        let source_events = value["events"].as_array().unwrap().len();
        assert_eq!(timeline.events.len() + skipped.len(), source_events, "{}", path.display());
        assert!(skipped.is_empty(), "{}: {skipped:?}", path.display());
        assert!(timeline.events.iter().filter(|e| !e.title.is_empty()).count() * 2 > timeline.events.len());

        let exported = timelinejs::export(&timeline);
        let (again, skipped) = timelinejs::import(&exported);
        assert!(skipped.is_empty(), "{}: {skipped:?}", path.display());
        let summary = |t: &timelinejs::Timeline| -> Vec<(String, Option<String>, String)> {
            t.events.iter().map(|e| (e.date.to_iso(), e.end.map(|d| d.to_iso()), e.title.clone())).collect()
        };
        assert_eq!(summary(&again), summary(&timeline), "{}", path.display());
        files += 1;
    }
    eprintln!("checked {files} TimelineJS files");
    assert_eq!(files, 3);
}
