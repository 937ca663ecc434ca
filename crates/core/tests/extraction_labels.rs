//! Date-mention extraction measured against hand labels: the two bundled sample cases, and a
//! public-domain history text that is not one of them (`fixtures/milestones-1866-1913.md`, the
//! Office of the Historian's "Milestones" for 1866–1913; source and license in
//! `fixtures/README.md`).
//!
//! The labels were made by reading each text's document text (the flattened Markdown body the
//! extractor sees), not by copying the extractor's output, so the scores say how close it comes
//! to what a reader would mark as a date. They are in `labels/`, one file per text.
#![allow(clippy::unwrap_used)] // a panic is the failure report

mod labels;

use std::ops::Range;
use std::path::PathBuf;

use casebook_core::case::dates::mentions_in;
use labels::{CUBAN_MISSILE_CRISIS, DPRK_UNSC, Label, MILESTONES_1866_1913};

/// The least precision and recall accepted, per case and overall.
const FLOOR: f64 = 0.95;

/// A mention as compared: where it is, its date and its end.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Spot {
    range: Range<usize>,
    date: String,
    end: Option<String>,
}

/// Where each label stands in `text`: the next whole-word occurrence of its text after the label
/// before it, so a string written several times is matched occurrence by occurrence.
fn locate(text: &str, labels: &[Label]) -> Vec<Spot> {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut from = 0;
    labels
        .iter()
        .map(|&(s, date, end)| {
            let start = text[from..]
                .match_indices(s)
                .map(|(at, _)| from + at)
                .find(|&at| !word(text[..at].chars().next_back()) && !word(text[at + s.len()..].chars().next()))
                .unwrap_or_else(|| panic!("label {s:?} is not in the text after byte {from}"));
            from = start + s.len();
            Spot { range: start..from, date: date.to_owned(), end: end.map(str::to_owned) }
        })
        .collect()
}

struct Score {
    found: usize,
    labelled: usize,
    correct: usize,
    report: String,
}

impl Score {
    fn precision(&self) -> f64 {
        if self.found == 0 { 1.0 } else { self.correct as f64 / self.found as f64 }
    }

    fn recall(&self) -> f64 {
        if self.labelled == 0 { 1.0 } else { self.correct as f64 / self.labelled as f64 }
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name}: precision {:.3} ({}/{}), recall {:.3} ({}/{})",
            self.precision(),
            self.correct,
            self.found,
            self.recall(),
            self.correct,
            self.labelled
        )
    }
}

/// Compares the extractor with the labels of one case (a case folder or a Markdown file); the
/// report lists what went wrong.
fn score(case: &str, path: PathBuf, labels: &[Label]) -> Score {
    let doc = casebook_core::case::load(&path).unwrap().doc;
    let text = doc.text.clone();
    let expected = locate(&text, labels);
    let found: Vec<Spot> = mentions_in(&doc)
        .into_iter()
        .map(|m| Spot { range: m.range, date: m.date.to_iso(), end: m.end.map(|e| e.to_iso()) })
        .collect();
    let show = |s: &Spot| {
        let end = s.end.as_ref().map(|e| format!("..{e}")).unwrap_or_default();
        let line = text[..s.range.start].matches('\n').count() + 1;
        format!("  line {line}: {:?} {}{end}\n", &text[s.range.clone()], s.date)
    };
    let mut report = String::new();
    for s in found.iter().filter(|s| !expected.contains(s)) {
        report.push_str(&format!("{case} false positive{}", show(s)));
    }
    for s in expected.iter().filter(|s| !found.contains(s)) {
        report.push_str(&format!("{case} missed{}", show(s)));
    }
    let correct = found.iter().filter(|s| expected.contains(s)).count();
    Score { found: found.len(), labelled: expected.len(), correct, report }
}

#[test]
fn extraction_matches_hand_labels() {
    let cases = casebook_core::testing::project_dir().join("cases");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/milestones-1866-1913.md");
    let scores = [
        ("dprk-unsc", cases.join("dprk-unsc"), DPRK_UNSC),
        ("cuban-missile-crisis", cases.join("cuban-missile-crisis"), CUBAN_MISSILE_CRISIS),
        ("milestones-1866-1913", fixture, MILESTONES_1866_1913),
    ]
    .map(|(case, path, labels)| (case, score(case, path, labels)));
    let overall = Score {
        found: scores.iter().map(|(_, s)| s.found).sum(),
        labelled: scores.iter().map(|(_, s)| s.labelled).sum(),
        correct: scores.iter().map(|(_, s)| s.correct).sum(),
        report: String::new(),
    };
    let mut summary: String = scores.iter().map(|(name, s)| s.line(name) + "\n").collect();
    summary.push_str(&overall.line("overall"));
    let details: String = scores.iter().map(|(_, s)| s.report.as_str()).collect();
    eprintln!("{summary}\n{details}");
    let low = scores.iter().map(|(_, s)| s).chain([&overall]).any(|s| s.precision() < FLOOR || s.recall() < FLOOR);
    assert!(!low, "precision and recall must both reach {FLOOR}:\n{summary}\n{details}");
}

/// Issue 12 item 12: an encyclopedia-style article (made up for this test, in Wikipedia's
/// style: `fixtures/made-up-encyclopedia-article.md`) has its story's dates suggested, and
/// none of those of its "See also", "References" and "External links", its citing footnotes,
/// its "Retrieved" and "Archived" dates, the URL in its text, its code span, its italic book
/// title's years or the name "the 3 March Movement".
#[test]
fn made_up_encyclopedia_article_suggests_only_its_story() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/made-up-encyclopedia-article.md");
    let doc = casebook_core::case::load(&path).unwrap().doc;
    let found: Vec<String> = mentions_in(&doc)
        .into_iter()
        .map(|m| {
            let end = m.end.map(|e| format!("..{}", e.to_iso())).unwrap_or_default();
            format!("{}: {}{end}", &doc.text[m.range], m.date.to_iso())
        })
        .collect();
    assert_eq!(
        found,
        [
            "3 March 1921: 1921-03-03",
            "August 1923: 1923-08",
            "the 1850s: 1850..1859",
            "14 November 1887: 1887-11-14",
            "19th century: 1801..1900",
            "1919: 1919",
            "3 March 1921: 1921-03-03",
            "April: 1921-04",
            "9: 1921-05-09",
            "10: 1921-05-10",
            "12 May: 1921-05-12",
            "between 2 July and 28 August 1923: 1923-07-02..1923-08-28",
            "2004: 2004",
            "1961: 1961",
        ]
    );
}
