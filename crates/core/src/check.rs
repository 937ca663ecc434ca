//! `casebook check`: lints cases for their authors, as text or JSON.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::anchor::{AnchorStatus, anchor_all};
use crate::case::{self, Diagnostic, Severity};
use crate::layer::store;

#[derive(Debug, Serialize)]
pub struct Report {
    pub cases: Vec<CaseReport>,
}

#[derive(Debug, Serialize)]
pub struct CaseReport {
    /// The `case.md` checked, or the path given when there is none.
    pub path: PathBuf,
    pub title: String,
    pub errors: Vec<Item>,
    pub warnings: Vec<Item>,
    pub words: usize,
    pub events: usize,
    pub annotations: AnnotationCounts,
    pub timeline: TimelineReport,
}

/// The case's timeline: authored events and eras, and the dates its text mentions, one entry a
/// mention, as the timeline panel offers them.
#[derive(Debug, Default, Serialize)]
pub struct TimelineReport {
    pub events: usize,
    pub eras: usize,
    pub suggested: Vec<Suggestion>,
}

#[derive(Debug, Serialize)]
pub struct Suggestion {
    /// The mention exactly as written.
    pub text: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`-YYYY` before the common era).
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The line of `case.md` it is on.
    pub line: usize,
}

/// How the annotations of the case's instructor layer anchor in its text.
#[derive(Debug, Default, Serialize)]
pub struct AnnotationCounts {
    pub total: usize,
    pub exact: usize,
    pub moved: usize,
    pub fuzzy: usize,
    pub orphaned: usize,
}

#[derive(Debug, Serialize)]
pub struct Item {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Text as a terminal may show it: control characters (escape sequences, carriage returns,
/// line breaks) spelled out, so a name in a case cannot rewrite what was printed before it.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

impl Report {
    pub fn error_count(&self) -> usize {
        self.cases.iter().map(|c| c.errors.len()).sum()
    }

    pub fn warning_count(&self) -> usize {
        self.cases.iter().map(|c| c.warnings.len()).sum()
    }

    /// Diagnostics as `path:line:col: error|warning: message`, one a line, then a summary.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for case in &self.cases {
            let path = case.path.display();
            let mut items: Vec<(&Item, Severity)> = case
                .errors
                .iter()
                .map(|i| (i, Severity::Error))
                .chain(case.warnings.iter().map(|i| (i, Severity::Warning)))
                .collect();
            items.sort_by_key(|(i, _)| (i.line, i.col));
            for (item, severity) in items {
                let (path, message) = (printable(&path.to_string()), printable(&item.message));
                out.push_str(&format!("{path}:{}:{}: {severity}: {message}\n", item.line, item.col));
            }
        }
        let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
        out.push_str(&format!(
            "checked {}: {}, {}\n",
            plural(self.cases.len(), "case"),
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning")
        ));
        out
    }
}

impl From<Diagnostic> for Item {
    fn from(d: Diagnostic) -> Self {
        Self { line: d.line, col: d.col, message: d.message }
    }
}

/// Checks every case named: a case folder, a Markdown file, or a folder of cases. Nothing is
/// written.
pub fn check(paths: &[PathBuf]) -> Report {
    let mut cases = Vec::new();
    for path in paths {
        match case::case_dirs(path) {
            Ok(dirs) if !dirs.is_empty() => cases.extend(dirs.iter().map(|d| check_case(d))),
            Ok(_) => {
                cases.push(failed(path, format!("no case found: neither a {} nor a folder of cases", case::CASE_FILE)))
            }
            Err(e) => cases.push(failed(path, format!("cannot read: {e}"))),
        }
    }
    Report { cases }
}

fn check_case(path: &Path) -> CaseReport {
    match case::load(path) {
        Ok(case) => {
            let title = case.title();
            let words = case.doc.word_count();
            let events = case.front.events.len();
            let timeline = timeline_report(&case);
            let mut diagnostics = case.diagnostics;
            let annotations = check_annotations(&case.path, &case.doc, &mut diagnostics);
            let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
                diagnostics.into_iter().partition(Diagnostic::is_error);
            CaseReport {
                path: case.path,
                title,
                errors: errors.into_iter().map(Item::from).collect(),
                warnings: warnings.into_iter().map(Item::from).collect(),
                words,
                events,
                annotations,
                timeline,
            }
        }
        Err(e) => {
            let mut report = failed(e.path(), e.reason());
            if let Some(item) = report.errors.first_mut() {
                (item.line, item.col) = e.location();
            }
            report
        }
    }
}

fn failed(path: &Path, message: String) -> CaseReport {
    CaseReport {
        path: path.to_owned(),
        title: case::display_name(path),
        errors: vec![Item { line: 0, col: 0, message }],
        warnings: Vec::new(),
        words: 0,
        events: 0,
        annotations: AnnotationCounts::default(),
        timeline: TimelineReport::default(),
    }
}

fn timeline_report(case: &case::Case) -> TimelineReport {
    // Lines come from the file itself: the document text has lost the line breaks inside
    // paragraphs. The file was just read, so this only fails if it vanished meanwhile.
    let source = case::read_source(&case.path).unwrap_or_default();
    let line_starts: Vec<usize> = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let doc = &case.doc;
    let mut search_from = 0;
    let suggested = case::dates::mentions_in(doc)
        .into_iter()
        .map(|m| {
            let text = doc.text[m.range.clone()].to_owned();
            let block_line = doc.block_at(m.range.start).map_or(1, |b| doc.blocks[b].line);
            let block_start = line_starts.get(block_line.saturating_sub(1)).copied().unwrap_or(0).max(search_from);
            let line = match source.get(block_start..).and_then(|rest| rest.find(&text)) {
                Some(at) => {
                    search_from = block_start + at;
                    line_of(block_start + at)
                }
                None => block_line,
            };
            Suggestion { text, date: iso(&m.date), end: m.end.as_ref().map(iso), line }
        })
        .collect();
    TimelineReport { events: case.front.events.len(), eras: case.front.eras.len(), suggested }
}

/// The date without its "c." prefix: `check --json` gives it as `YYYY[-MM[-DD]]`.
fn iso(date: &crate::timeline::PartialDate) -> String {
    crate::timeline::PartialDate { circa: false, ..*date }.to_iso()
}

/// Anchors the instructor layer, if there is one, and warns of annotations to check. Reads only.
fn check_annotations(case_file: &Path, doc: &case::Document, diagnostics: &mut Vec<Diagnostic>) -> AnnotationCounts {
    let path = store::instructor_path(case_file);
    let layer = match store::load(&path) {
        Ok(loaded) => loaded.layer,
        Err(e) => {
            diagnostics.push(Diagnostic::error(0, 0, e.to_string()));
            return AnnotationCounts::default();
        }
    };
    let mut counts = AnnotationCounts { total: layer.annotations.len(), ..AnnotationCounts::default() };
    for (annotation, resolved) in
        layer.annotations.iter().zip(anchor_all(&doc.text, layer.annotations.iter().map(|a| &a.target)))
    {
        let quote: String = annotation.target.quote.exact.chars().take(60).collect();
        match resolved.status {
            AnchorStatus::Exact => counts.exact += 1,
            AnchorStatus::Moved => counts.moved += 1,
            AnchorStatus::Fuzzy => {
                counts.fuzzy += 1;
                let line = resolved.range.and_then(|r| doc.block_at(r.start)).map_or(0, |b| doc.blocks[b].line);
                diagnostics.push(Diagnostic::warning(
                    line,
                    0,
                    format!("annotation '{}' matches only approximately; check it: \"{quote}\"", annotation.id),
                ));
            }
            AnchorStatus::Orphaned => {
                counts.orphaned += 1;
                diagnostics.push(Diagnostic::warning(
                    0,
                    0,
                    format!("annotation '{}' no longer matches the text (orphaned): \"{quote}\"", annotation.id),
                ));
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_errors_with_lines_and_summary() {
        let root = tempfile::tempdir().unwrap();
        let good = root.path().join("good");
        std::fs::create_dir(&good).unwrap();
        std::fs::write(good.join("case.md"), "---\ntitle: Good\ntimeline:\n  - id: a\n    date: \"2006-10-09\"\n    title: Test\n---\nFour words of text.\n").unwrap();
        let bad = root.path().join("bad");
        std::fs::create_dir(&bad).unwrap();
        std::fs::write(bad.join("case.md"), "---\ntimeline:\n  - id: a\n    date: \"2006-13\"\n---\n![x](nope.png)\n")
            .unwrap();
        let binary = root.path().join("binary");
        std::fs::create_dir(&binary).unwrap();
        std::fs::write(binary.join("case.md"), b"ok\n\xc3\x28\n").unwrap();

        let report = check(&[root.path().to_owned()]);
        assert_eq!(report.cases.len(), 3);
        let good_report = report.cases.iter().find(|c| c.title == "Good").unwrap();
        assert_eq!((good_report.words, good_report.events, good_report.errors.len()), (4, 1, 0));
        let text = report.to_text();
        let bad_md = bad.join("case.md");
        assert!(text.contains(&format!("{}:4:0: error: timeline event 'a': month 13", bad_md.display())), "{text}");
        assert!(text.contains(&format!("{}:6:0: error: image 'nope.png' not found", bad_md.display())), "{text}");
        assert!(
            text.contains(&format!("{}:2:1: error: the file is not valid UTF-8", binary.join("case.md").display())),
            "{text}"
        );
        assert!(text.ends_with("checked 3 cases: 3 errors, 0 warnings\n"), "{text}");
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["cases"][0]["errors"][0]["line"], 4);
        assert_eq!(json["cases"][1]["timeline"]["events"], 0);
    }

    #[test]
    fn annotations_are_counted_by_how_they_anchor() {
        use crate::anchor::{Selector, TextIndex};
        use crate::layer::{Annotation, Color, Layer};
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("c");
        std::fs::create_dir(&dir).unwrap();
        let original = "# Votes\n\nThirteen members voted for the draft resolution in May.\n\nChina and Russia cast their vetoes against it that afternoon.\n\nThe Assembly debated the vetoes within ten days.\n";
        let case = case::from_source(&dir.join("case.md"), original);
        let text = &case.doc.text;
        let index = TextIndex::new(text);
        let select = |quote: &str| {
            let start = text.find(quote).unwrap();
            Selector::from_range(text, &index, start..start + quote.len())
        };
        let annotation = |id: &str, quote: &str| Annotation::new(id, select(quote), Color::Evidence, 0);
        let layer = Layer {
            annotations: vec![
                annotation("same", "Thirteen members voted for the draft resolution"),
                annotation("edited", "China and Russia cast their vetoes against it"),
                annotation("gone", "The Assembly debated the vetoes within ten days."),
            ]
            .into(),
            ..Layer::default()
        };
        std::fs::write(dir.join(store::INSTRUCTOR_FILE), layer.to_json()).unwrap();
        let edited = original
            .replace("cast their vetoes", "cast its vetoes")
            .replace("The Assembly debated the vetoes within ten days.\n", "");
        std::fs::write(dir.join("case.md"), edited).unwrap();

        let report = check(std::slice::from_ref(&dir));
        let counts = &report.cases[0].annotations;
        assert_eq!((counts.total, counts.exact, counts.fuzzy, counts.orphaned), (3, 1, 1, 1));
        let text = report.to_text();
        assert!(text.contains(":5:0: warning: annotation 'edited' matches only approximately"), "{text}");
        assert!(text.contains("warning: annotation 'gone' no longer matches"), "{text}");
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["cases"][0]["annotations"]["fuzzy"], 1);
    }

    #[test]
    fn timeline_suggestions_name_their_lines() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("t");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(
            dir.join("case.md"),
            "---\ntitle: T\n---\n# Dates\n\nThe first test came\nin 2006. Sanctions ran\nfrom 2013 to 2017.\n\nOn January 20, 2025, and again in 2006.\n",
        )
        .unwrap();
        let report = check(std::slice::from_ref(&dir));
        let s = &report.cases[0].timeline.suggested;
        let found: Vec<(&str, &str, Option<&str>, usize)> =
            s.iter().map(|m| (m.text.as_str(), m.date.as_str(), m.end.as_deref(), m.line)).collect();
        assert_eq!(
            found,
            [
                ("2006", "2006", None, 7),
                ("from 2013 to 2017", "2013", Some("2017"), 8),
                ("January 20, 2025", "2025-01-20", None, 10),
                ("2006", "2006", None, 10),
            ]
        );
    }

    #[test]
    fn missing_path_is_an_error() {
        let report = check(&[PathBuf::from("/no/such/place")]);
        assert_eq!(report.error_count(), 1);
    }
}
