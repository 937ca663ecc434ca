//! The held-out scorer (`support/convert_score.rs`) scored on small bodies written by hand, so
//! that each of its parts is seen to fail when it should.
#![allow(clippy::unwrap_used, clippy::print_stdout)] // a panic is the failure report; the helper prints a score

#[path = "support/convert_score.rs"]
mod convert_score;

use convert_score::{Truth, TruthHeading, normalise, score, strip_page_marks};

fn truth() -> Truth {
    Truth {
        headings: vec![
            TruthHeading { level: 1, text: "The Report".into() },
            TruthHeading { level: 2, text: "Background".into() },
            TruthHeading { level: 3, text: "Early Years".into() },
        ],
        sentences: vec![
            "It was a well-known fact that the committee met on Tuesdays.".into(),
            "Nobody, however, could say why\u{2014}not even the chair.".into(),
            "The \u{201C}final\u{201D} report was filed in March.".into(),
        ],
        footnotes: vec!["The minutes of these meetings are kept in the archive at Albany.".into()],
        furniture: vec!["Annual Report 1923".into(), "Page 2".into()],
        tables: 1,
    }
}

const PERFECT: &str = "# The Report\n\n## Background\n\nIt was a well-known fact that the committee\nmet on \
Tuesdays.[^1] Nobody, however, could say why\u{2014}not even the chair.\n\n<!-- page 2 -->\n\n### Early Years\n\n\
The \"final\" report was filed in March.\n\n| Year | Meetings |\n| --- | --- |\n| 1922 | 40 |\n\n\
[^1]: The minutes of these meetings are kept in the archive at Albany.\n";

fn parts(body: &str) -> (f64, f64, f64, f64, f64, f64) {
    let s = score(body, &truth());
    (s.sentences.unwrap(), s.furniture.unwrap(), s.headings.unwrap(), s.footnotes.unwrap(), s.tables, s.total())
}

#[test]
fn a_perfect_body_scores_one() {
    let s = score(PERFECT, &truth());
    assert_eq!(s.total(), 1.0, "{s:?}");
    assert!(s.misses.is_empty(), "{:?}", s.misses);
}

#[test]
fn typographic_variants_and_escapes_do_not_count() {
    // Curly quotes for straight, "--" for the dash, a ligature, a soft hyphen, escaped
    // punctuation and a top heading at level 2 are all the same document.
    let body = PERFECT
        .replace("# The Report", "## The Report")
        .replace("## Background", "### Background")
        .replace("### Early Years", "#### Early Years")
        .replace("why\u{2014}not", "why -- not")
        .replace("\"final\"", "\u{201C}\u{FB01}nal\u{201D}")
        .replace("committee\nmet", "com\u{AD}mittee met")
        .replace("in March.", "in March\\.");
    let s = score(&body, &truth());
    assert_eq!(s.total(), 1.0, "{body}\n{s:?}");
}

#[test]
fn a_missing_or_broken_sentence_costs_its_share() {
    let body = PERFECT.replace("Nobody, however, could say why\u{2014}not even the chair.", "");
    let (sentences, .., total) = parts(&body);
    assert!((sentences - 2.0 / 3.0).abs() < 1e-9);
    assert!(total < 1.0);
    // Broken at a page: the two halves are two paragraphs, so the sentence is not whole.
    let body = PERFECT.replace("committee\nmet", "committee\n\n<!-- page 2 -->\n\nmet");
    assert!((parts(&body).0 - 2.0 / 3.0).abs() < 1e-9);
    // Hyphen from a line end left in, or a real hyphen lost.
    let body = PERFECT.replace("committee\nmet", "com- mittee met");
    assert!((parts(&body).0 - 2.0 / 3.0).abs() < 1e-9);
    let body = PERFECT.replace("well-known", "wellknown");
    assert!((parts(&body).0 - 2.0 / 3.0).abs() < 1e-9);
}

#[test]
fn furniture_left_as_a_line_or_block_is_found() {
    // As its own paragraph.
    let body = PERFECT.replace("<!-- page 2 -->", "Annual Report 1923\n\nPage 2");
    let (_, furniture, .., total) = parts(&body);
    assert_eq!(furniture, 0.0);
    assert!(total < 1.0);
    // As a line inside a paragraph, with the page number beside it.
    let body = PERFECT.replace("committee\nmet", "committee\nAnnual Report 1923 \u{2014} 7\nmet");
    assert_eq!(parts(&body).1, 0.5);
    // Mentioned inside a sentence it is text, not furniture.
    let body = PERFECT.replace("in March.", "in March. See the Annual Report 1923 for more.");
    assert_eq!(parts(&body).1, 1.0);
}

#[test]
fn a_heading_at_the_wrong_level_or_as_text_is_missed() {
    let body = PERFECT.replace("### Early Years", "## Early Years");
    let (_, _, headings, ..) = parts(&body);
    assert!((headings - 2.0 / 3.0).abs() < 1e-9);
    let body = PERFECT.replace("## Background", "**Background**");
    assert!((parts(&body).2 - 2.0 / 3.0).abs() < 1e-9);
    // Text glued to the heading (an "[edit]" link) is not the heading.
    let body = PERFECT.replace("## Background", "## Background[edit]");
    assert!((parts(&body).2 - 2.0 / 3.0).abs() < 1e-9);
}

#[test]
fn a_footnote_must_be_a_definition_with_its_reference() {
    // Inline in the text instead of attached.
    let body = PERFECT.replace("[^1]: The minutes", "1 The minutes").replace("Tuesdays.[^1]", "Tuesdays.1");
    let (sentences, _, _, footnotes, ..) = parts(&body);
    assert_eq!(footnotes, 0.0);
    assert!(sentences < 1.0, "the marker left as a digit breaks the sentence");
    // A definition nothing refers to.
    let body = PERFECT.replace("Tuesdays.[^1]", "Tuesdays.");
    assert_eq!(parts(&body).3, 0.0);
    // A definition with most of its words wrong.
    let body = PERFECT.replace("kept in the archive at Albany", "lost");
    assert_eq!(parts(&body).3, 0.0);
    // One word in ten different still matches.
    let body = PERFECT.replace("kept in the archive", "held in the archive");
    assert_eq!(parts(&body).3, 1.0);
}

#[test]
fn a_table_must_be_a_table() {
    let body = PERFECT.replace("| --- | --- |\n", "");
    let (.., tables, total) = parts(&body);
    assert_eq!(tables, 0.0);
    assert!(total <= 0.8 + 1e-9);
}

#[test]
fn parts_that_do_not_apply_are_left_out_of_the_mean() {
    let mut t = truth();
    t.footnotes.clear();
    t.furniture.clear();
    let s = score("# The Report\n\nNothing else.\n", &t);
    assert!(s.footnotes.is_none() && s.furniture.is_none());
    // Headings 1/3, sentences 0, tables 0.
    assert!((s.total() - (1.0 / 3.0) / 3.0).abs() < 1e-9, "{s:?}");
}

#[test]
fn page_marks_are_stripped_and_text_normalised() {
    assert_eq!(strip_page_marks("a\n<!-- page 3 -->\nb <!-- page 4 -->c\n"), "a\n\nb c\n");
    assert_eq!(normalise("  \u{2018}A\u{2019} \u{2014} b\u{00A0}c\u{2026} "), "'A'\u{2014}b c...");
    assert_eq!(normalise("x[^note-1] y"), "x y");
}

/// Scores one Markdown file against one truth file, for checking a truth by hand:
/// `SCORE_MD=body.md SCORE_TRUTH=x.truth.json cargo test -p casebook-core --test convert_score -- --ignored --nocapture`
#[test]
#[ignore]
fn score_a_file() {
    let (Ok(md), Ok(truth)) = (std::env::var("SCORE_MD"), std::env::var("SCORE_TRUTH")) else {
        panic!("set SCORE_MD and SCORE_TRUTH");
    };
    let body = std::fs::read_to_string(&md).unwrap();
    let truth = convert_score::load_truth(std::path::Path::new(&truth)).unwrap();
    let s = score(&body, &truth);
    println!("{s:#?}\ntotal {:.3}", s.total());
}
