//! Hostile inputs of issue 12, part B, at the sizes the issue names, each timed against a plain
//! input of the same size that the same code handles in linear time. One line per input:
//!
//! `hostile_bench item=N what=... hostile_ms=X linear_ms=Y ratio=R`
//!
//! Run with `cargo run --release -p casebook-core --example hostile_bench` (add `-- --quick` for
//! smaller sizes). `tests/hostile.rs` checks the same ratios at smaller sizes in every
//! `cargo test`.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use casebook_core::anchor::{TextIndex, resolve};
use casebook_core::case::{dates, from_source};
use casebook_core::testing::hostile;
use casebook_core::timeline::extract::mentions;

/// The least time of three runs, in milliseconds.
fn best_ms(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn line(item: u32, what: &str, hostile: impl FnMut(), linear: impl FnMut()) {
    let (h, l) = (best_ms(hostile), best_ms(linear));
    println!("hostile_bench item={item} what={what} hostile_ms={h:.1} linear_ms={l:.1} ratio={:.2}", h / l.max(0.001));
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let scale = |n: usize| if quick { n / 10 } else { n };
    let file = Path::new("case.md");

    let events = scale(50_000);
    let (timeline, ignored) =
        (hostile::front_matter_events(events, "timeline"), hostile::front_matter_events(events, "ignored"));
    line(
        7,
        &format!("front-matter-{events}-events"),
        || _ = black_box(from_source(file, &timeline)),
        || _ = black_box(from_source(file, &ignored)),
    );

    for bytes in [scale(400_000), scale(10_000_000)] {
        let (paragraph, sentences) = (hostile::paragraph_of_years(bytes), hostile::sentences_with_years(bytes));
        line(
            8,
            &format!("paragraph-of-years-{}KB", bytes / 1000),
            || _ = black_box(mentions(&paragraph)),
            || _ = black_box(mentions(&sentences)),
        );
    }
    let case = from_source(file, &format!("# Years\n\n{}\n", hostile::paragraph_of_years(scale(400_000))));
    let plain = from_source(file, &format!("# Years\n\n{}\n", hostile::sentences_with_years(scale(400_000))));
    line(
        8,
        "document-of-years-400KB",
        || _ = black_box(dates::mentions_in(&case.doc)),
        || _ = black_box(dates::mentions_in(&plain.doc)),
    );

    let text_bytes = scale(600_000).max(60_000);
    let (repetitive, varied) = (hostile::repetitive_text(text_bytes), hostile::varied_text(text_bytes));
    for quote in [12_000, 30_000] {
        let (hard, hard_text) = hostile::quote_and_edited(&repetitive, quote);
        let (easy, easy_text) = hostile::quote_and_edited(&varied, quote);
        let (hard_index, easy_index) = (TextIndex::new(&hard_text), TextIndex::new(&easy_text));
        let what = format!("reanchor-{}KB-quote-2pct-edits-repetitive", quote / 1000);
        line(
            9,
            &what,
            || _ = black_box(resolve(&hard_text, &hard_index, &hard)),
            || _ = black_box(resolve(&easy_text, &easy_index, &easy)),
        );
    }
    let text = hostile::varied_text(1_000_000);
    let index = TextIndex::new(&text);
    let (huge, short) = (hostile::letter_with_prefix(&text, 1_000_000), hostile::letter_with_prefix(&text, 32));
    line(
        9,
        "one-letter-quote-1MB-prefix",
        || _ = black_box(resolve(&text, &index, &huge)),
        || _ = black_box(resolve(&text, &index, &short)),
    );

    let fields = scale(50_000);
    let (odd, plain) =
        (hostile::front_matter_unknown_fields(fields, true), hostile::front_matter_unknown_fields(fields, false));
    line(
        13,
        &format!("front-matter-{fields}-odd-unknown-fields"),
        || _ = black_box(from_source(file, &odd)),
        || _ = black_box(from_source(file, &plain)),
    );

    let items = scale(100_000);
    let dir = tempfile::tempdir().unwrap();
    // The linear input: the same items in four files of a quarter, into four fresh cases.
    for files in hostile::import_files(dir.path(), items) {
        line(
            10,
            &format!("import-{items}-{}", files.kind),
            || hostile::import_each(&files.whole, items),
            || hostile::import_each(&files.quarters, items / 4),
        );
    }

    let bytes = scale(1_000_000);
    let (absurd, ordinary) = (hostile::absurd_years(bytes, true), hostile::absurd_years(bytes, false));
    line(
        14,
        &format!("absurd-years-{}KB", bytes / 1000),
        || _ = black_box(mentions(&absurd)),
        || _ = black_box(mentions(&ordinary)),
    );
}
