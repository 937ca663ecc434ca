//! Search across notes: the highlights, notes, tags, answers and events of one case or of a
//! whole library, in the instructor's layer (as its viewer may see it) and the student's own.
//!
//! Layers are read once into an [`Index`]; saves replace one case's entries, and queries run
//! on the index, on a worker thread ([`Service`]), so typing a query never reads files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::anchor::Selector;
use crate::formats::pack;
use crate::layer::{Layer, store};
use crate::shared::{LayerView, Results, SharedLayer};

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

/// One searchable text.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    what: &'static str,
    text: String,
    lower: String,
    target: Option<Selector>,
    /// For a highlight with a note or tags: its quote, found when the note is not.
    quote: Option<(String, String)>,
}

#[derive(Default)]
struct Entries(Vec<Entry>);

impl Entries {
    fn add(&mut self, what: &'static str, text: String, target: Option<&Selector>, quote: Option<&str>) {
        self.0.push(Entry {
            what,
            lower: text.to_lowercase(),
            text,
            target: target.cloned(),
            quote: quote.map(|q| (q.to_owned(), q.to_lowercase())),
        });
    }

    /// A highlight: found by its note and tags, or by its quote.
    fn annotation(&mut self, target: &Selector, note: &str, tags: &[String]) {
        let quote = &target.quote.exact;
        if note.trim().is_empty() && tags.is_empty() {
            self.add("Highlight", quote.clone(), Some(target), None);
        } else {
            let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
            self.add("Note", format!("{note} {}", tags.join(" ")), Some(target), Some(quote));
        }
    }

    fn events(&mut self, events: &[crate::timeline::LayerEvent]) {
        for e in events.iter().filter(|e| !e.hidden) {
            let text = format!("{} — {} {}", e.event.date, e.event.title, e.event.description);
            self.add("Event", text, e.event.anchor.as_ref(), None);
        }
    }
}

/// The searchable notes of one case, as one viewer may see them.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseEntries {
    pub case_file: PathBuf,
    pub title: String,
    entries: Vec<Entry>,
}

impl CaseEntries {
    /// From layers in memory: the instructor's as `view` shows it, and the student's own.
    pub fn new(case_file: &Path, title: &str, view: LayerView<'_>, mine: Option<&Layer>) -> Self {
        let mut entries = Entries::default();
        let passage_of: BTreeMap<String, Selector> = match view {
            LayerView::Full(layer) => {
                for a in &layer.annotations {
                    entries.annotation(&a.target, &a.note, &a.tags);
                }
                entries.events(layer.events.as_slice());
                layer.questions.iter().filter_map(|q| Some((q.id.clone(), q.passages.first()?.clone()))).collect()
            }
            LayerView::Shared(shared) => {
                for a in &shared.annotations {
                    entries.annotation(&a.target, &a.note, &a.tags);
                }
                entries.events(&shared.events);
                shared.questions.iter().filter_map(|q| Some((q.id.clone(), q.passages.first()?.clone()))).collect()
            }
        };
        if let Some(mine) = mine {
            for a in &mine.annotations {
                entries.annotation(&a.target, &a.note, &a.tags);
            }
            for (id, answer) in &mine.answers {
                entries.add("Answer", answer.text.clone(), passage_of.get(id), None);
            }
            entries.events(mine.events.as_slice());
        }
        Self { case_file: case_file.to_owned(), title: title.to_owned(), entries: entries.0 }
    }

    /// From the files: the instructor's layer (only what is shared for a student, or in a case
    /// pack) and the student's own, beside the case or under `data_dir`. A layer that can't be
    /// read is left out here; opening the case says why.
    pub fn read(case_file: &Path, title: &str, data_dir: &Path, student: bool) -> Self {
        let instructor = store::load(&store::instructor_path(case_file)).map(|l| l.layer).unwrap_or_default();
        let mine =
            store::existing_student_path(case_file, data_dir).and_then(|p| store::load(&p).ok()).map(|l| l.layer);
        if student || pack::is_pack(case_file.parent().unwrap_or(Path::new("."))) {
            let shared = SharedLayer::new(&instructor, Results::Include);
            Self::new(case_file, title, LayerView::Shared(&shared), mine.as_ref())
        } else {
            Self::new(case_file, title, LayerView::Full(&instructor), mine.as_ref())
        }
    }

    fn search(&self, query: &str, hits: &mut Vec<Hit>) {
        for e in &self.entries {
            let text = if e.lower.contains(query) {
                &e.text
            } else {
                match &e.quote {
                    Some((quote, lower)) if lower.contains(query) => quote,
                    _ => continue,
                }
            };
            let what = if text == &e.text { e.what } else { "Highlight" };
            hits.push(Hit {
                case_file: self.case_file.clone(),
                case_title: self.title.clone(),
                what,
                snippet: snippet(text, query),
                target: e.target.clone(),
            });
        }
    }
}

/// The searchable notes of many cases.
#[derive(Clone, Debug, Default)]
pub struct Index {
    cases: BTreeMap<PathBuf, CaseEntries>,
}

impl Index {
    /// Adds a case, or replaces its entries after a save.
    pub fn update(&mut self, case: CaseEntries) {
        self.cases.insert(case.case_file.clone(), case);
    }

    /// The matches of `query` (any case), in one case or in all.
    pub fn search(&self, query: &str, only: Option<&Path>) -> Vec<Hit> {
        let query = query.trim().to_lowercase();
        let mut hits = Vec::new();
        if query.is_empty() {
            return hits;
        }
        match only {
            Some(case_file) => {
                if let Some(case) = self.cases.get(case_file) {
                    case.search(&query, &mut hits);
                }
            }
            None => self.cases.values().for_each(|c| c.search(&query, &mut hits)),
        }
        hits
    }
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

enum Request {
    /// Read these cases' layers (case file and title) into the index, replacing it.
    Library {
        cases: Vec<(PathBuf, String)>,
        data_dir: PathBuf,
        student: bool,
    },
    Update(Box<CaseEntries>),
    Query {
        serial: u64,
        query: String,
        only: Option<PathBuf>,
    },
}

/// The index on a worker thread: reading a library's layers and answering queries never
/// holds up the window. Answers come back through [`Service::poll`], newest query only.
pub struct Service {
    requests: mpsc::Sender<Request>,
    answers: mpsc::Receiver<(u64, Vec<Hit>)>,
    serial: u64,
}

impl Service {
    /// Starts the worker; `wake` is called when an answer is ready (to repaint the window).
    pub fn start(wake: impl Fn() + Send + 'static) -> Self {
        let (requests, incoming) = mpsc::channel::<Request>();
        let (reply, answers) = mpsc::channel();
        std::thread::spawn(move || {
            let mut index = Index::default();
            while let Ok(first) = incoming.recv() {
                // Of queries waiting, only the newest matters; index changes all apply.
                let mut query = None;
                for request in std::iter::once(first).chain(incoming.try_iter()) {
                    match request {
                        Request::Library { cases, data_dir, student } => {
                            index = Index::default();
                            for (file, title) in cases {
                                index.update(CaseEntries::read(&file, &title, &data_dir, student));
                            }
                        }
                        Request::Update(case) => index.update(*case),
                        Request::Query { serial, query: q, only } => query = Some((serial, q, only)),
                    }
                }
                if let Some((serial, q, only)) = query {
                    if reply.send((serial, index.search(&q, only.as_deref()))).is_err() {
                        return;
                    }
                    wake();
                }
            }
        });
        Self { requests, answers, serial: 0 }
    }

    pub fn index_library(&self, cases: Vec<(PathBuf, String)>, data_dir: &Path, student: bool) {
        self.send(Request::Library { cases, data_dir: data_dir.to_owned(), student });
    }

    pub fn update(&self, case: CaseEntries) {
        self.send(Request::Update(Box::new(case)));
    }

    /// Asks for the matches of `query`, in one case or all; returns the query's serial.
    pub fn query(&mut self, query: &str, only: Option<&Path>) -> u64 {
        self.serial += 1;
        self.send(Request::Query { serial: self.serial, query: query.to_owned(), only: only.map(Path::to_owned) });
        self.serial
    }

    /// The answer to the latest query, when it has come.
    pub fn poll(&self) -> Option<Vec<Hit>> {
        self.answers.try_iter().filter(|(serial, _)| *serial == self.serial).last().map(|(_, hits)| hits)
    }

    fn send(&self, request: Request) {
        // The worker ends only when this service is dropped.
        let _ = self.requests.send(request);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::Answer;
    use crate::testing::layer_with_secrets;

    #[test]
    fn finds_notes_and_answers_but_not_private_ones_for_students() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("case.md");
        std::fs::write(&case, "# Votes\n").unwrap();
        std::fs::write(store::instructor_path(&case), layer_with_secrets().to_json()).unwrap();
        let mut mine = Layer::default();
        mine.answers.insert("q1".into(), Answer { text: "Because of the Veto, mostly.".into(), modified_unix_ms: 1 });
        std::fs::write(dir.path().join(store::STUDENT_FILE), mine.to_json()).unwrap();
        let index = |student| {
            let mut index = Index::default();
            index.update(CaseEntries::read(&case, "Votes", dir.path(), student));
            index
        };
        let hits = index(false).search("veto", None);
        let whats: Vec<&str> = hits.iter().map(|h| h.what).collect();
        assert!(whats.contains(&"Answer") && whats.contains(&"Highlight"), "{hits:?}");
        let answer = hits.iter().find(|h| h.what == "Answer").unwrap();
        assert!(answer.target.is_some(), "an answer leads to its question's passage");
        assert_eq!(index(false).search("SECRET-ANNOTATION", None).len(), 1, "the instructor finds private notes");
        assert!(index(true).search("SECRET-ANNOTATION", None).is_empty(), "a student does not");
        assert!(index(true).search("  ", Some(&case)).is_empty());
    }

    #[test]
    fn the_service_answers_the_latest_query() {
        let dir = tempfile::tempdir().unwrap();
        let case = dir.path().join("case.md");
        std::fs::write(&case, "# Votes\n").unwrap();
        std::fs::write(store::instructor_path(&case), layer_with_secrets().to_json()).unwrap();
        let (woke, wait) = mpsc::channel();
        let mut service = Service::start(move || {
            let _ = woke.send(());
        });
        service.index_library(vec![(case.clone(), "Votes".into())], dir.path(), false);
        service.query("zzz", None);
        let serial = service.query("count the", None);
        let hits = loop {
            wait.recv().unwrap();
            if let Some(hits) = service.poll() {
                break hits;
            }
        };
        assert_eq!(serial, 2);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].what, "Note");
    }

    #[test]
    fn snippets_are_one_line_around_the_match() {
        let long = format!("{} needle\nin a haystack", "hay ".repeat(60));
        let s = snippet(&long, "needle");
        assert!(s.starts_with('…') && s.contains("needle in a haystack") && !s.contains('\n'), "{s}");
    }
}
