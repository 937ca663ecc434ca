//! Search across notes: the highlights, notes, tags and answers of one case or of a whole
//! library, in the instructor's layer and the student's.

use std::path::{Path, PathBuf};

use super::anchor::Selector;
use super::layer::Layer;
use super::{pack, store};

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The case's `case.md` (or loose Markdown file).
    pub case_file: PathBuf,
    pub case_title: String,
    /// What matched: "Highlight", "Note", "Answer" or "Event".
    pub what: &'static str,
    /// The matching text, cut to a line.
    pub snippet: String,
    /// The passage to go to, where there is one.
    pub target: Option<Selector>,
}

const SNIPPET_CHARS: usize = 140;

/// The words around the first match, on one line.
fn snippet(text: &str, query: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // Found char by char, so the place is a count of the original's chars even where
    // lowercasing changes lengths.
    let chars: Vec<char> = flat.chars().collect();
    let wanted: Vec<char> = query.chars().collect();
    let lower = |c: &char| c.to_lowercase().next().unwrap_or(*c);
    let before = (0..chars.len())
        .find(|&i| {
            chars.len() - i >= wanted.len() && chars[i..i + wanted.len()].iter().map(lower).eq(wanted.iter().copied())
        })
        .unwrap_or(0);
    let start = before.saturating_sub(40);
    let mut out: String = flat.chars().skip(start).take(SNIPPET_CHARS).collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if flat.chars().count() > start + SNIPPET_CHARS {
        out.push('…');
    }
    out
}

/// The matches of `query` (any case) in one layer of a case.
fn search_layer(case_file: &Path, title: &str, layer: &Layer, questions: &Layer, query: &str, hits: &mut Vec<Hit>) {
    let mut hit = |what, text: &str, target: Option<&Selector>| {
        if text.to_lowercase().contains(query) {
            hits.push(Hit {
                case_file: case_file.to_owned(),
                case_title: title.to_owned(),
                what,
                snippet: snippet(text, query),
                target: target.cloned(),
            });
        }
    };
    for a in &layer.annotations {
        if a.note.to_lowercase().contains(query) || a.tags.iter().any(|t| t.to_lowercase().contains(query)) {
            let tags: Vec<String> = a.tags.iter().map(|t| format!("#{t}")).collect();
            hit("Note", &format!("{} {}", a.note, tags.join(" ")), Some(&a.target));
        } else {
            hit("Highlight", &a.target.quote.exact, Some(&a.target));
        }
    }
    for (id, answer) in &layer.answers {
        let passage = questions.question(id).and_then(|q| q.passages.first());
        hit("Answer", &answer.text, passage);
    }
    for e in layer.events.iter().filter(|e| !e.hidden) {
        hit("Event", &format!("{} — {} {}", e.event.date, e.event.title, e.event.description), e.event.anchor.as_ref());
    }
}

/// Searches the notes of the given cases. A student sees only what the instructor shared, and
/// their own layer (kept beside the case or under `data_dir`).
pub fn search(cases: &[(PathBuf, String)], data_dir: &Path, student: bool, query: &str) -> Vec<Hit> {
    let query = query.trim().to_lowercase();
    let mut hits = Vec::new();
    if query.is_empty() {
        return hits;
    }
    for (case_file, title) in cases {
        // A layer that can't be read is left out here; opening the case says why.
        let instructor = store::load(&store::instructor_path(case_file)).map(|l| l.layer).unwrap_or_default();
        let shown = if student || pack::is_pack(case_file.parent().unwrap_or(Path::new("."))) {
            pack::strip_private(&instructor)
        } else {
            instructor
        };
        search_layer(case_file, title, &shown, &shown, &query, &mut hits);
        if let Some(mine) = store::existing_student_path(case_file, data_dir).and_then(|p| store::load(&p).ok()) {
            search_layer(case_file, title, &mine.layer, &shown, &query, &mut hits);
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::layer::Answer;
    use crate::plan::slides::tests::layer_with_secrets;

    #[test]
    fn finds_notes_and_answers_but_not_private_ones_for_students() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("case.md");
        std::fs::write(&case, "# Votes\n").unwrap();
        std::fs::write(store::instructor_path(&case), layer_with_secrets().to_json()).unwrap();
        let mut mine = Layer::default();
        mine.answers.insert("q1".into(), Answer { text: "Because of the Veto, mostly.".into(), modified_unix_ms: 1 });
        std::fs::write(dir.path().join(store::STUDENT_FILE), mine.to_json()).unwrap();
        let cases = [(case.clone(), "Votes".to_owned())];

        let hits = search(&cases, dir.path(), false, "veto");
        let whats: Vec<&str> = hits.iter().map(|h| h.what).collect();
        assert!(whats.contains(&"Answer") && whats.contains(&"Highlight"), "{hits:?}");
        let answer = hits.iter().find(|h| h.what == "Answer").unwrap();
        assert!(answer.target.is_some(), "an answer leads to its question's passage");
        assert_eq!(
            search(&cases, dir.path(), false, "SECRET-ANNOTATION").len(),
            1,
            "the instructor finds private notes"
        );
        assert!(search(&cases, dir.path(), true, "SECRET-ANNOTATION").is_empty(), "a student does not");
        assert!(search(&cases, dir.path(), true, "  ").is_empty());
    }

    #[test]
    fn snippets_are_one_line_around_the_match() {
        let long = format!("{} needle\nin a haystack", "hay ".repeat(60));
        let s = snippet(&long, "needle");
        assert!(s.starts_with('…') && s.contains("needle in a haystack") && !s.contains('\n'), "{s}");
    }
}
