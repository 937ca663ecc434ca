//! Date-mention extraction measured against hand labels for the two bundled sample cases.
//!
//! The labels were made by reading each case's document text (the flattened Markdown body the
//! extractor sees), not by copying the extractor's output, so the scores say how close it comes
//! to what a reader would mark as a date.
#![allow(clippy::unwrap_used)] // a panic is the failure report

use std::ops::Range;

use casebook_core::timeline::extract::mentions;

/// A date mention exactly as written, its date and, for a range, its end (ISO, as `to_iso`).
type Label = (&'static str, &'static str, Option<&'static str>);

// Not labelled, because a reader would not call them dates: resolution numbers ("Resolution
// 1718", the first column of the table of resolutions) and the committee named after one
// ("the 1718 Committee"); relative times ("five days later", "that month", "the following
// spring"); seasons without a year ("the late summer"). A season or "early"/"late" with a year
// is labelled as the year alone ("the spring of 1962" as "1962"), since a date has no finer part
// to hold it; a range keeps its words ("between late August and mid-September").
#[rustfmt::skip]
const DPRK_UNSC: &[Label] = &[
    ("May 26, 2022", "2022-05-26", None),
    ("2006", "2006", None),
    ("October 2006", "2006-10", None),
    ("2025", "2025", None),
    ("1945", "1945", None),
    ("1950", "1950", None),
    ("1953", "1953", None),
    ("1985", "1985", None),
    ("1993–94", "1993", Some("1994")),
    ("2002", "2002", None),
    ("2003", "2003", None),
    ("September 2005", "2005-09", None),
    ("July 2006", "2006-07", None),
    ("2006–2017", "2006", Some("2017")),
    ("October 9, 2006", "2006-10-09", None),
    ("2006", "2006", None),
    ("April 2009", "2009-04", None),
    ("May 25, 2009", "2009-05-25", None),
    ("December 2011", "2011-12", None),
    ("December 2012", "2012-12", None),
    ("January 2013", "2013-01", None),
    ("February 12, 2013", "2013-02-12", None),
    ("2016", "2016", None),
    ("January 6, 2016", "2016-01-06", None),
    ("March", "2016-03", None),
    ("September 2016", "2016-09", None),
    ("2017", "2017", None),
    ("June", "2017-06", None),
    ("July", "2017-07", None),
    ("August", "2017-08", None),
    ("between late August and mid-September", "2017-08", Some("2017-09")),
    ("September 3", "2017-09-03", None),
    ("November", "2017-11", None),
    ("December", "2017-12", None),
    // The table of resolutions: the dates in its "Adopted" and "Trigger" columns.
    ("14 Oct 2006", "2006-10-14", None),
    ("12 Jun 2009", "2009-06-12", None),
    ("22 Jan 2013", "2013-01-22", None),
    ("December 2012", "2012-12", None),
    ("7 Mar 2013", "2013-03-07", None),
    ("2 Mar 2016", "2016-03-02", None),
    ("30 Nov 2016", "2016-11-30", None),
    ("2 Jun 2017", "2017-06-02", None),
    ("5 Aug 2017", "2017-08-05", None),
    ("11 Sep 2017", "2017-09-11", None),
    ("22 Dec 2017", "2017-12-22", None),
    ("the 1970s", "1970", Some("1979")),
    ("1980s", "1980", Some("1989")),
    ("2018–2019", "2018", Some("2019")),
    ("2018", "2018", None),
    ("February", "2018-02", None),
    ("April", "2018-04", None),
    ("June 12, 2018", "2018-06-12", None),
    ("February 27–28, 2019", "2019-02-27", Some("2019-02-28")),
    ("2016", "2016", None),
    ("2017", "2017", None),
    ("2006", "2006", None),
    ("June 30, 2019", "2019-06-30", None),
    ("October", "2019-10", None),
    ("2019", "2019", None),
    ("2020–2022", "2020", Some("2022")),
    ("2020", "2020", None),
    ("2021", "2021", None),
    ("2022", "2022", None),
    ("March 24", "2022-03-24", None),
    ("2017", "2017", None),
    ("2018", "2018", None),
    // The vote of the introduction, in 2022, though the last year written before it is 2018.
    ("May 26", "2022-05-26", None),
    ("2018–2019", "2018", Some("2019")),
    ("June 8, 2022", "2022-06-08", None),
    ("2023–2024", "2023", Some("2024")),
    ("September 2023", "2023-09", None),
    ("2006", "2006", None),
    ("2009", "2009", None),
    ("March 2024", "2024-03", None),
    ("March 28, 2024", "2024-03-28", None),
    ("April 30, 2024", "2024-04-30", None),
    ("October 2024", "2024-10", None),
    ("2025", "2025", None),
    ("June 19, 2024", "2024-06-19", None),
    ("2024", "2024", None),
    ("October 2024", "2024-10", None),
    ("April 2025", "2025-04", None),
    ("2024", "2024", None),
    ("December 3, 2024", "2024-12-03", None),
    ("1987", "1987", None),
    ("April 2025", "2025-04", None),
    ("June", "2025-06", None),
    ("January 20, 2025", "2025-01-20", None),
    ("September 2025", "2025-09", None),
    ("2025", "2025", None),
    ("2006–2017", "2006", Some("2017")),
    // The notes.
    ("July 2006", "2006-07", None),
    ("between 2013 and 2017", "2013", Some("2017")),
    ("1994", "1994", None),
    ("2009", "2009", None),
    ("April 26, 2022", "2022-04-26", None),
];

// Not labelled: "two days earlier", "the next day", "that day", "that evening" and the like,
// "the late summer", "the following spring", the time "7 p.m.", and names with numbers in them
// ("U-2", "DEFCON 2", "IL-28", "B-59").
#[rustfmt::skip]
const CUBAN_MISSILE_CRISIS: &[Label] = &[
    ("October 16, 1962", "1962-10-16", None),
    ("1959", "1959", None),
    ("January 1959", "1959-01", None),
    ("17 April 1961", "1961-04-17", None),
    ("October 1962", "1962-10", None),
    ("1960", "1960", None),
    ("1961", "1961", None),
    ("1962", "1962", None),
    ("May", "1962-05", None),
    ("4 September", "1962-09-04", None),
    ("14 October", "1962-10-14", None),
    ("16 October", "1962-10-16", None),
    ("September", "1962-09", None),
    ("18 October", "1962-10-18", None),
    ("September", "1962-09", None),
    ("20 October", "1962-10-20", None),
    ("22–25 October", "1962-10-22", Some("1962-10-25")),
    ("22 October", "1962-10-22", None),
    ("22 October", "1962-10-22", None),
    ("23 October", "1962-10-23", None),
    ("24 October", "1962-10-24", None),
    ("26 October", "1962-10-26", None),
    ("23 October", "1962-10-23", None),
    ("25 October", "1962-10-25", None),
    ("24 October", "1962-10-24", None),
    ("25 October", "1962-10-25", None),
    ("26–28 October", "1962-10-26", Some("1962-10-28")),
    ("26 October", "1962-10-26", None),
    ("27 October", "1962-10-27", None),
    ("27 October", "1962-10-27", None),
    ("28 October", "1962-10-28", None),
    ("28 October", "1962-10-28", None),
    ("30 and 31 October", "1962-10-30", Some("1962-10-31")),
    ("20 November", "1962-11-20", None),
    ("June 1963", "1963-06", None),
    ("5 August 1963", "1963-08-05", None),
    ("October 1964", "1964-10", None),
    ("27 October 1962", "1962-10-27", None),
    // The notes, whose year is the one last written in the body.
    ("27 October", "1962-10-27", None),
];

/// The least precision and recall accepted, per case and overall.
const FLOOR: f64 = 0.9;

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

/// Compares the extractor with the labels of one case; the report lists what went wrong.
fn score(case: &str, labels: &[Label]) -> Score {
    let path = casebook_core::testing::project_dir().join("cases").join(case);
    let text = casebook_core::case::load(&path).unwrap().doc.text;
    let expected = locate(&text, labels);
    let found: Vec<Spot> = mentions(&text)
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
    let scores = [("dprk-unsc", DPRK_UNSC), ("cuban-missile-crisis", CUBAN_MISSILE_CRISIS)]
        .map(|(case, labels)| (case, score(case, labels)));
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
