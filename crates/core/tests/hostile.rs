//! Hostile inputs, made linear (issue 12, part B). Each test times a hostile input against a
//! plain input of the same size that the same code handles in linear time, and bounds the
//! RATIO of the two: a wall-clock limit would pass or fail with the machine, a ratio does not.
//! Quadratic code gives ratios in the hundreds at these sizes; linear code stays near 1. The
//! inputs are built in `casebook_core::testing::hostile`, shared with
//! `examples/hostile_bench.rs`, which prints the same figures at larger sizes.
#![allow(clippy::unwrap_used)] // a panic is the failure report

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use casebook_core::anchor::{AnchorStatus, TextIndex, resolve};
use casebook_core::testing::hostile;

/// The least of a few runs: other work on the machine only ever adds time.
fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// How many times longer the hostile input takes than the linear one, with a floor of 1 ms
/// under both so that timer noise on tiny times cannot make a ratio.
fn ratio(hostile: impl FnMut(), linear: impl FnMut()) -> f64 {
    let h = best_of(3, hostile).as_secs_f64().max(0.001);
    let l = best_of(3, linear).as_secs_f64().max(0.001);
    eprintln!("hostile {:.1} ms, linear {:.1} ms", h * 1e3, l * 1e3);
    h / l
}

/// Item 7: front matter with 20,000 events took 7 s (a line search per event from the top of
/// the front matter). The linear input is the same list under a field Casebook does not read,
/// so both parse the same YAML.
#[test]
fn front_matter_with_many_events_is_linear() {
    let events = hostile::front_matter_events(20_000, "timeline");
    let ignored = hostile::front_matter_events(20_000, "ignored");
    assert_eq!(events.len(), ignored.len() + "timeline".len() - "ignored".len());
    let file = Path::new("case.md");
    let r = ratio(
        || assert_eq!(black_box(casebook_core::case::from_source(file, &events)).front.events.len(), 20_000),
        || assert!(black_box(casebook_core::case::from_source(file, &ignored)).front.events.is_empty()),
    );
    assert!(r < 6.0, "20,000 events take {r:.1} times as long as the same bytes ignored");
}

/// Item 8: a 400 KB paragraph of years took 20 s (each mention looked for its sentence across
/// the whole paragraph). The linear input has as many years, in short sentences.
#[test]
fn a_paragraph_full_of_years_is_linear() {
    let paragraph = hostile::paragraph_of_years(200_000);
    let sentences = hostile::sentences_with_years(200_000);
    let mentions = casebook_core::timeline::extract::mentions;
    let r = ratio(
        || assert!(!black_box(mentions(&paragraph)).is_empty()),
        || assert!(!black_box(mentions(&sentences)).is_empty()),
    );
    assert!(r < 4.0, "a paragraph of years takes {r:.1} times as long as sentences of years");
}

/// Item 9: re-anchoring a 12 KB quote with 2% edits in repetitive text took 24 s (a full
/// alignment at each of 64 candidates). The linear input is the same quote, edited the same
/// way, in text whose words vary, so the quote's ends match in one place.
#[test]
fn reanchoring_a_long_quote_in_repetitive_text_is_bounded() {
    let repetitive = hostile::repetitive_text(60_000);
    let varied = hostile::varied_text(60_000);
    let (hard, hard_text) = hostile::quote_and_edited(&repetitive, 12_000);
    let (easy, easy_text) = hostile::quote_and_edited(&varied, 12_000);
    let (hard_index, easy_index) = (TextIndex::new(&hard_text), TextIndex::new(&easy_text));
    let mut hard_status = AnchorStatus::Exact;
    let mut easy_status = AnchorStatus::Exact;
    let r = ratio(
        || hard_status = black_box(resolve(&hard_text, &hard_index, &hard)).status,
        || easy_status = black_box(resolve(&easy_text, &easy_index, &easy)).status,
    );
    assert_eq!(easy_status, AnchorStatus::Fuzzy);
    assert!(matches!(hard_status, AnchorStatus::Fuzzy | AnchorStatus::Orphaned), "{hard_status:?}");
    assert!(r < 6.0, "the quote in repetitive text takes {r:.1} times as long as in varied text");
}

/// Item 9: a one-letter quote with a 1 MB prefix took 20 s (the whole prefix compared at each
/// of the letter's places). The linear input is the same letter with a prefix of 32
/// characters, as Casebook writes.
#[test]
fn a_one_letter_quote_with_a_huge_prefix_is_bounded() {
    let text = hostile::varied_text(1_000_000);
    let index = TextIndex::new(&text);
    let huge = hostile::letter_with_prefix(&text, 1_000_000);
    let short = hostile::letter_with_prefix(&text, 32);
    let r = ratio(|| _ = black_box(resolve(&text, &index, &huge)), || _ = black_box(resolve(&text, &index, &short)));
    assert!(r < 4.0, "a 1 MB prefix takes {r:.1} times as long as a 32-character one");
}

/// Item 13: unknown fields holding what serde_json could not hold are ignored, and cost no more
/// than plain unknown fields of the same size.
#[test]
fn odd_unknown_fields_are_ignored_in_linear_time() {
    let odd = hostile::front_matter_unknown_fields(5_000, true);
    let plain = hostile::front_matter_unknown_fields(5_000, false);
    let file = Path::new("case.md");
    let title = |source: &str| casebook_core::case::from_source(file, source).front.meta.title;
    assert_eq!(title(&odd).as_deref(), Some("Many fields"), "the metadata is kept");
    let r = ratio(|| _ = black_box(title(&odd)), || _ = black_box(title(&plain)));
    assert!(r < 5.0, "odd unknown fields take {r:.1} times as long as plain ones");
}

/// Item 14: absurd years and centuries are refused, not wrapped, at the cost of ordinary ones.
#[test]
fn absurd_years_are_refused_in_linear_time() {
    let absurd = hostile::absurd_years(200_000, true);
    let ordinary = hostile::absurd_years(200_000, false);
    let mentions = casebook_core::timeline::extract::mentions;
    assert!(mentions(&absurd).is_empty(), "{:?}", mentions(&absurd).first());
    let r = ratio(|| _ = black_box(mentions(&absurd)), || _ = black_box(mentions(&ordinary)));
    assert!(r < 4.0, "absurd years take {r:.1} times as long as ordinary ones");
}

/// Item 10: importing 100,000 W3C annotations or TimelineJS events took 18 s (each new item
/// was checked against every item before it). The linear input is the same items in four files
/// of a quarter each, imported into four fresh cases: linear code takes as long for both.
#[test]
fn importing_many_items_is_linear() {
    const ITEMS: usize = 20_000;
    let dir = tempfile::tempdir().unwrap();
    for files in hostile::import_files(dir.path(), ITEMS) {
        let r =
            ratio(|| hostile::import_each(&files.whole, ITEMS), || hostile::import_each(&files.quarters, ITEMS / 4));
        assert!(r < 2.5, "{}: importing {ITEMS} at once takes {r:.1} times as long as in quarters", files.kind);
    }
}
