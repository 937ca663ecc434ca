//! Student mode: the student edits a layer of their own, and sees what the instructor shared,
//! read-only.

use std::path::{Path, PathBuf};

use super::{Notice, marks_of};
use crate::anchor::{Resolved, TextIndex, resolve};
use crate::case::Case;
use crate::layer::store;
use crate::shared::{Results, SharedLayer};
use crate::timeline::chronology::Chronology;
use crate::timeline::{Era, Event};
use crate::views::Marks;

/// What a student sees of the instructor's layer.
pub struct Student {
    /// Only what is shared; never written.
    pub shared: SharedLayer,
    /// The instructor's highlights, drawn apart from the student's own.
    pub marks: Marks,
    /// The instructor's version of the case's events and eras, shown as the case's own.
    pub events: Vec<Event>,
    pub eras: Vec<Era>,
    /// Where the student's notes are kept when the case folder can't be written.
    pub notes_elsewhere: Option<PathBuf>,
}

impl Student {
    /// The instructor's shared layer of a case, and where the student's own layer is.
    pub(super) fn open(case: &Case, data_dir: &Path) -> (Self, PathBuf, Vec<Notice>) {
        let (path, elsewhere) = store::student_path(&case.path, data_dir);
        let mut notices = Vec::new();
        let shared = match store::load(&store::instructor_path(&case.path)) {
            Ok(loaded) => SharedLayer::new(&loaded.layer, Results::Include),
            Err(e) => {
                notices.push(Notice::error(format!("The instructor's notes could not be read: {e}")));
                SharedLayer::default()
            }
        };
        if elsewhere {
            notices.push(Notice::info(format!(
                "This case's folder can't be written, so your notes are kept in {}",
                path.display()
            )));
        }
        let student = Self {
            shared,
            marks: Marks::default(),
            events: Vec::new(),
            eras: Vec::new(),
            notes_elsewhere: elsewhere.then(|| path.clone()),
        };
        (student, path, notices)
    }

    /// Anchors the instructor's highlights in the case as it now reads, and takes the
    /// instructor's version of its events and eras.
    pub(super) fn anchor(&mut self, case: &Case, index: &TextIndex) {
        let text = &case.doc.text;
        let resolved: Vec<Resolved> = self.shared.annotations.iter().map(|a| resolve(text, index, &a.target)).collect();
        self.marks =
            marks_of(self.shared.annotations.iter().map(|a| (a.id.as_str(), a.color, a.note.as_str())), &resolved);
        let authored = (case.front.events.as_slice(), case.front.eras.as_slice());
        let theirs = Chronology::new(authored, self.shared.timeline(), text, index, &[], false);
        self.events = theirs.entries.into_iter().map(|e| e.event).collect();
        self.eras = theirs.eras.into_iter().map(|e| e.era).collect();
    }

    /// Highlights tagged "actor", the student's own and the instructor's, by name.
    pub fn people(&self, mine: &crate::layer::Layer) -> Vec<(String, crate::anchor::Selector)> {
        let tagged = |tags: &[String]| tags.iter().any(|t| t.eq_ignore_ascii_case("actor"));
        let mut people: Vec<(String, crate::anchor::Selector)> = mine
            .annotations
            .iter()
            .filter(|a| tagged(&a.tags))
            .map(|a| (a.target.quote.exact.trim().to_owned(), a.target.clone()))
            .chain(
                self.shared
                    .annotations
                    .iter()
                    .filter(|a| tagged(&a.tags))
                    .map(|a| (a.target.quote.exact.trim().to_owned(), a.target.clone())),
            )
            .collect();
        people.sort_by_key(|p| p.0.to_lowercase());
        people.dedup_by(|a, b| a.0 == b.0);
        people
    }
}
