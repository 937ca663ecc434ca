//! The library: a folder of case folders, summarised for the library view.

use std::path::{Path, PathBuf};

use super::{CASE_FILE, Metadata, display_name, front_matter, read_source};

/// What a library card shows about a case, read without building its document.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseSummary {
    /// The case folder, or the Markdown file of a loose case.
    pub path: PathBuf,
    pub title: String,
    pub meta: Metadata,
    pub words: usize,
    pub events: usize,
    /// Why the case could not be read, if it could not.
    pub problem: Option<String>,
}

impl CaseSummary {
    pub fn read(path: &Path) -> Self {
        let file = if path.is_dir() { path.join(CASE_FILE) } else { path.to_owned() };
        let fallback = display_name(&file);
        let read = read_source(&file).map_err(|e| e.reason());
        match read {
            Ok(source) => {
                let (split, split_problem) = front_matter::split(&source);
                let (front, diagnostics) = front_matter::parse(&split);
                let problem = split_problem
                    .or_else(|| diagnostics.into_iter().find(|d| d.is_error()))
                    .map(|d| format!("line {}: {}", d.line, d.message));
                let title = front
                    .meta
                    .title
                    .clone()
                    .filter(|t| !t.trim().is_empty())
                    .or_else(|| first_heading(split.body))
                    .unwrap_or(fallback);
                Self {
                    path: path.to_owned(),
                    title,
                    words: split.body.split_whitespace().count(),
                    events: front.events.len(),
                    meta: front.meta,
                    problem,
                }
            }
            Err(problem) => Self {
                path: path.to_owned(),
                title: fallback,
                meta: Metadata::default(),
                words: 0,
                events: 0,
                problem: Some(problem),
            },
        }
    }

    /// Whether the card matches a filter typed in the library, over title, number, authors,
    /// tags and summary.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return true;
        }
        let m = &self.meta;
        let fields = [Some(&self.title), m.subtitle.as_ref(), m.case_number.as_ref(), m.summary.as_ref()];
        query.split_whitespace().all(|word| {
            fields.iter().flatten().any(|f| f.to_lowercase().contains(word))
                || m.authors.iter().chain(&m.tags).any(|f| f.to_lowercase().contains(word))
        })
    }
}

/// The text of the first heading, as the reader would show it, reading no further.
fn first_heading(body: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut events = Parser::new_ext(body, super::parse::markdown_options());
    events.find(|e| matches!(e, Event::Start(Tag::Heading { .. })))?;
    let mut title = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => title.push_str(&t),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
    }
    Some(title.trim().to_owned()).filter(|t| !t.is_empty())
}

/// The case folders in a library folder, sorted by name. A folder that is itself a case, or a
/// Markdown file, is a library of one.
pub fn case_dirs(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() || path.join(CASE_FILE).is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(path)? {
        match entry {
            Ok(entry) if entry.path().join(CASE_FILE).is_file() => dirs.push(entry.path()),
            Ok(_) => {}
            // One unreadable entry should not hide the other cases.
            Err(e) => log::warn!("{}: skipping an entry that cannot be read: {e}", path.display()),
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// A folder of cases, read into summaries.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub root: PathBuf,
    pub cases: Vec<CaseSummary>,
}

impl Library {
    pub fn open(root: &Path) -> std::io::Result<Self> {
        let cases = case_dirs(root)?.iter().map(|p| CaseSummary::read(p)).collect();
        Ok(Self { root: root.to_owned(), cases })
    }

    /// Starts reading the library at `root` on a worker thread: the library comes back empty,
    /// and [`Scan::poll`] adds the cards as they are read, so a window opens at once whatever
    /// the library's size. `wake` is called as cards arrive, at most every few dozen.
    pub fn scan(root: &Path, wake: impl Fn() + Send + 'static) -> (Self, Scan) {
        let (tx, rx) = std::sync::mpsc::channel();
        let folder = root.to_owned();
        std::thread::spawn(move || {
            let dirs = match case_dirs(&folder) {
                Ok(dirs) => dirs,
                Err(e) => {
                    let _ = tx.send(Err(e));
                    wake();
                    return;
                }
            };
            for (n, dir) in dirs.iter().enumerate() {
                // The receiver is gone when another library was opened meanwhile.
                if tx.send(Ok(CaseSummary::read(dir))).is_err() {
                    return;
                }
                if n % 32 == 31 {
                    wake();
                }
            }
            wake();
        });
        (Self { root: root.to_owned(), cases: Vec::new() }, Scan { rx, done: false })
    }

    /// Every tag used in the library, sorted and without repeats.
    pub fn tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self.cases.iter().flat_map(|c| c.meta.tags.iter().cloned()).collect();
        tags.sort_by_key(|t| t.to_lowercase());
        tags.dedup();
        tags
    }
}

/// A library being read; see [`Library::scan`].
pub struct Scan {
    rx: std::sync::mpsc::Receiver<std::io::Result<CaseSummary>>,
    done: bool,
}

impl Scan {
    /// Adds the cards read since the last call, in folder order. An error reading the folder
    /// itself ends the scan and is returned.
    pub fn poll(&mut self, library: &mut Library) -> std::io::Result<()> {
        loop {
            match self.rx.try_recv() {
                Ok(Ok(card)) => library.cases.push(card),
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => return Ok(()),
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    self.done = true;
                    return Ok(());
                }
            }
        }
    }

    /// Whether every card has been read.
    pub fn is_done(&self) -> bool {
        self.done
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Load(#[from] super::LoadError),
    #[error("cannot create {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}: already exists and is not an empty folder; choose another", path.display())]
    Exists { path: PathBuf },
}

/// Copies a Markdown file into the library as a new case folder named after its title, with
/// the local images it uses, and returns the folder. The source file is left as it was.
pub fn import_markdown(source: &Path, library: &Path) -> Result<PathBuf, ImportError> {
    let text = read_source(source)?;
    let case = super::from_source(source, &text);
    let dir = new_case_dir(library, &case.title());
    write_markdown_case(&text, &case, &dir)?;
    Ok(dir)
}

/// Copies a Markdown file, with its local images, into `dir`, which must not exist or be an
/// empty folder.
pub fn import_markdown_into(source: &Path, dir: &Path) -> Result<(), ImportError> {
    if holds_something(dir) {
        return Err(ImportError::Exists { path: dir.to_owned() });
    }
    let text = read_source(source)?;
    let case = super::from_source(source, &text);
    write_markdown_case(&text, &case, dir)
}

fn write_markdown_case(text: &str, case: &super::Case, dir: &Path) -> Result<(), ImportError> {
    let write_err = |path: &Path| {
        let path = path.to_owned();
        move |source| ImportError::Write { path, source }
    };
    std::fs::create_dir_all(dir).map_err(write_err(dir))?;
    let target = dir.join(CASE_FILE);
    std::fs::write(&target, text.as_bytes()).map_err(write_err(&target))?;
    for (relative, bytes) in super::local_images(case) {
        let to = dir.join(relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(write_err(parent))?;
        }
        std::fs::write(&to, bytes).map_err(write_err(&to))?;
    }
    Ok(())
}

/// Whether a new case may not be written at `dir`: it exists and is not an empty folder (a
/// file, or a folder that cannot be read, counts as holding something).
pub fn holds_something(dir: &Path) -> bool {
    dir.exists() && !std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

/// A folder of `library` that does not exist yet, named after a title.
pub fn new_case_dir(library: &Path, title: &str) -> PathBuf {
    let base = slugify(title);
    let base = if base.is_empty() { "imported-case".to_owned() } else { base };
    let mut dir = library.join(&base);
    let mut n = 2;
    while dir.exists() {
        dir = library.join(format!("{base}-{n}"));
        n += 1;
    }
    dir
}

/// A folder name from a title: lower case ASCII letters and digits joined by dashes.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_brings_every_card_in_order() {
        let root = tempfile::tempdir().unwrap();
        for n in 0..70 {
            write_case(root.path(), &format!("case-{n:02}"), &format!("# Case {n}\n"));
        }
        let (mut library, mut scan) = Library::scan(root.path(), || {});
        while !scan.is_done() {
            scan.poll(&mut library).unwrap();
        }
        assert_eq!(library.cases.len(), 70);
        assert_eq!(library.cases[69].title, "Case 69");
        let (_, mut missing) = Library::scan(&root.path().join("nowhere"), || {});
        let mut empty = Library::default();
        let error = loop {
            if let Err(e) = missing.poll(&mut empty) {
                break e;
            }
        };
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
    }

    fn write_case(root: &Path, name: &str, text: &str) -> PathBuf {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(CASE_FILE), text).unwrap();
        dir
    }

    #[test]
    fn reads_cases_and_filters() {
        let root = tempfile::tempdir().unwrap();
        write_case(
            root.path(),
            "b",
            "---\ntitle: Cuban Missile Crisis\ntags: [cold war]\nauthors: [Ann Lee]\n---\nOne two three.\n",
        );
        write_case(root.path(), "a", "# Korea and the UN\n\nText.\n");
        std::fs::create_dir(root.path().join("not-a-case")).unwrap();
        let lib = Library::open(root.path()).unwrap();
        assert_eq!(lib.cases.len(), 2);
        assert_eq!(lib.cases[0].title, "Korea and the UN");
        let cuba = &lib.cases[1];
        assert_eq!(cuba.words, 3);
        assert!(cuba.matches("cold"));
        assert!(cuba.matches("missile lee"));
        assert!(!cuba.matches("korea"));
        assert_eq!(lib.tags(), ["cold war"]);
    }

    #[test]
    fn import_makes_a_case_folder_with_images() {
        let src = tempfile::tempdir().unwrap();
        let lib = tempfile::tempdir().unwrap();
        std::fs::create_dir(src.path().join("img")).unwrap();
        std::fs::write(src.path().join("img/map.png"), b"png").unwrap();
        let md = src.path().join("notes.md");
        std::fs::write(&md, "---\ntitle: The Suez Crisis, 1956\n---\n![map](img/map.png)\n").unwrap();
        let dir = import_markdown(&md, lib.path()).unwrap();
        assert_eq!(dir, lib.path().join("the-suez-crisis-1956"));
        assert!(dir.join("img/map.png").is_file());
        assert_eq!(std::fs::read_to_string(dir.join(CASE_FILE)).unwrap(), std::fs::read_to_string(&md).unwrap());
        let again = import_markdown(&md, lib.path()).unwrap();
        assert_eq!(again, lib.path().join("the-suez-crisis-1956-2"));
        let bad = src.path().join("bad.md");
        std::fs::write(&bad, b"\xff").unwrap();
        assert!(matches!(import_markdown(&bad, lib.path()), Err(ImportError::Load(_))));
    }

    #[test]
    fn unreadable_case_is_listed_with_its_problem() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("bad");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join(CASE_FILE), b"\xff\xfe").unwrap();
        let lib = Library::open(root.path()).unwrap();
        assert_eq!(lib.cases[0].title, "bad");
        assert!(lib.cases[0].problem.as_deref().unwrap().contains("UTF-8"));
    }
}
