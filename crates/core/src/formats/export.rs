//! Every export, one function for the command line and the window alike.

use std::path::{Path, PathBuf};

use super::{html, notes_md, pack, teaching, timelinejs, w3c};
use crate::case::Case;
use crate::layer::Layer;
use crate::shared::{LayerView, Results};

/// What a case can be exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// W3C Web Annotation JSON-LD, with TextQuote and TextPosition selectors.
    W3c,
    /// The case's timeline as a TimelineJS3 document.
    Timelinejs,
    /// Objectives, plan, questions with teaching notes, key passages and timeline, as Markdown.
    TeachingNoteMd,
    /// The teaching note as one HTML file that prints well.
    TeachingNoteHtml,
    /// The questions and shared passages only, for students, as Markdown.
    HandoutMd,
    /// The student handout as one HTML file that prints well.
    HandoutHtml,
    /// Notes as Markdown: passages with notes by section, answers, and timeline events.
    NotesMd,
    /// A case pack for students: a new or empty folder with the case, its images and the
    /// instructor layer without anything private.
    Pack,
}

impl Format {
    pub const ALL: [Self; 8] = [
        Self::W3c,
        Self::Timelinejs,
        Self::TeachingNoteMd,
        Self::TeachingNoteHtml,
        Self::HandoutMd,
        Self::HandoutHtml,
        Self::NotesMd,
        Self::Pack,
    ];

    /// The menu item that exports it.
    pub fn label(self) -> &'static str {
        match self {
            Self::W3c => "Annotations for other tools (W3C JSON-LD)",
            Self::Timelinejs => "Timeline for TimelineJS3",
            Self::TeachingNoteMd => "Teaching note (Markdown)",
            Self::TeachingNoteHtml => "Teaching note (HTML, prints to PDF)",
            Self::HandoutMd => "Student handout (Markdown)",
            Self::HandoutHtml => "Student handout (HTML, prints to PDF)",
            Self::NotesMd => "My notes (Markdown)",
            Self::Pack => "Case pack for students",
        }
    }

    /// Its name on the command line, `--format NAME`.
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::W3c => "w3c",
            Self::Timelinejs => "timelinejs",
            Self::TeachingNoteMd => "teaching-note-md",
            Self::TeachingNoteHtml => "teaching-note-html",
            Self::HandoutMd => "handout-md",
            Self::HandoutHtml => "handout-html",
            Self::NotesMd => "notes-md",
            Self::Pack => "pack",
        }
    }

    /// A pack is a folder; every other export is one file.
    pub fn is_folder(self) -> bool {
        self == Self::Pack
    }

    /// Whether it holds the instructor's private notes: only the instructor may make it.
    pub fn is_private(self) -> bool {
        matches!(self, Self::W3c | Self::TeachingNoteMd | Self::TeachingNoteHtml)
    }

    /// The file or folder name offered when saving it.
    pub fn file_name(self, case: &Case) -> String {
        let slug = crate::case::slugify(&case.title());
        match self {
            Self::W3c => format!("{slug}-annotations.jsonld"),
            Self::Timelinejs => format!("{slug}-timeline.json"),
            Self::TeachingNoteMd => format!("{slug}-teaching-note.md"),
            Self::TeachingNoteHtml => format!("{slug}-teaching-note.html"),
            Self::HandoutMd => format!("{slug}-handout.md"),
            Self::HandoutHtml => format!("{slug}-handout.html"),
            Self::NotesMd => format!("{slug}-my-notes.md"),
            Self::Pack => format!("{slug}-student-pack"),
        }
    }
}

/// What an export is made of.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    pub case: &'a Case,
    /// The instructor's layer as the one exporting sees it.
    pub instructor: LayerView<'a>,
    /// The notes of whoever exports them, for `NotesMd`: a student's own layer, or the
    /// instructor's.
    pub mine: &'a Layer,
    /// Put on exported notes.
    pub author: &'a str,
    /// Whether a pack carries vote tallies and ballots.
    pub results: Results,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("only the instructor can export {what}: it holds their private notes")]
    Private { what: &'static str },
    #[error("a case pack is a folder: name it with -o DIR")]
    PackNeedsFolder,
    #[error(transparent)]
    Pack(#[from] pack::PackError),
    #[error("{}: cannot write: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}: the file exists; choose another name, or replace it (--force)", path.display())]
    Exists { path: PathBuf },
    #[error("{}: it is a symbolic link; Casebook does not write through links", path.display())]
    Link { path: PathBuf },
}

/// An export as text; `None` for a pack, which is a folder.
pub fn render(format: Format, sources: Sources<'_>) -> Result<Option<String>, ExportError> {
    let case = sources.case;
    let full = match sources.instructor {
        LayerView::Full(layer) => Some(layer),
        LayerView::Shared(_) => None,
    };
    let full = || full.ok_or(ExportError::Private { what: format.label() });
    let shared = || sources.instructor.shared(Results::Include);
    let json = |value: serde_json::Value| serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
    let text = match format {
        Format::W3c => {
            let source = case.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            json(w3c::export(full()?, &source))
        }
        Format::Timelinejs => {
            let shared = shared();
            json(timelinejs::export_case(case, shared.timeline(), shared.timeline_title.as_ref()))
        }
        Format::TeachingNoteMd => teaching::teaching_note_md(case, full()?),
        Format::TeachingNoteHtml => {
            html::to_html(&format!("{} — teaching note", case.title()), &teaching::teaching_note_md(case, full()?))
        }
        Format::HandoutMd => teaching::handout_md(case, &shared()),
        Format::HandoutHtml => html::to_html(&case.title(), &teaching::handout_md(case, &shared())),
        Format::NotesMd => notes_md::notes_md(case, sources.mine, &shared(), sources.author),
        Format::Pack => return Ok(None),
    };
    Ok(Some(text))
}

/// Writes an export to `out` (a folder for a pack). An existing file is replaced only when
/// `replace` says so; a link at `out` is never written through. Returns what to tell the user.
pub fn write(format: Format, sources: Sources<'_>, out: &Path, replace: bool) -> Result<String, ExportError> {
    if let Ok(meta) = out.symlink_metadata() {
        if meta.file_type().is_symlink() {
            return Err(ExportError::Link { path: out.to_owned() });
        }
        if meta.is_file() && !replace {
            return Err(ExportError::Exists { path: out.to_owned() });
        }
    }
    match render(format, sources)? {
        Some(text) => {
            crate::layer::store::write_atomic(out, text.as_bytes())
                .map_err(|source| ExportError::Write { path: out.to_owned(), source })?;
            Ok(format!("Saved {}", out.display()))
        }
        None => {
            let shared = sources.instructor.shared(sources.results);
            let files = pack::export_pack(&sources.case.path, &shared, out)?;
            Ok(format!("The case pack is in {} ({} files, nothing private)", out.display(), files.len()))
        }
    }
}
