//! Documents made by other tools (PDF, Word, saved web pages) turned into a case: a Markdown
//! body with front matter, the images beside it, and a report of what was found and what was
//! left out or uncertain.
//!
//! Each format has its own module that reads bytes and returns a [`Converted`]; this module
//! recognises the format, enforces the limits every format shares, counts what came out and
//! writes the case folder. Reading never touches anything but the one file, and writing never
//! touches anything but the new case folder.

mod docx;
mod html;
pub mod markdown;
mod pdf;
mod report;
mod write;

use std::path::{Path, PathBuf};

pub use report::{Note, NoteKind, Report};
pub use write::{write_case, write_new_case};

/// The formats Casebook converts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Html,
    Markdown,
}

impl Kind {
    /// The format of a file, from its first bytes where they say, else from its extension.
    pub fn of(path: &Path, head: &[u8]) -> Option<Kind> {
        if head.starts_with(b"%PDF-") {
            return Some(Kind::Pdf);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Kind::Pdf),
            "docx" => Some(Kind::Docx),
            "html" | "htm" | "xhtml" => Some(Kind::Html),
            "md" | "markdown" => Some(Kind::Markdown),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word document",
            Kind::Html => "web page",
            Kind::Markdown => "Markdown file",
        }
    }
}

/// The file extensions the import dialog offers.
pub const EXTENSIONS: &[&str] = &["pdf", "docx", "html", "htm", "xhtml", "md", "markdown"];

/// What the document says about itself, for the case's front matter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    /// Where a web page was saved from.
    pub url: Option<String>,
    /// The site a web page belongs to, as it names itself.
    pub site: Option<String>,
}

/// An image that goes beside `case.md`, referenced from the body as `images/{name}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// A plain file name: ASCII letters, digits, `-`, `_` and one `.` before the extension.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a converter made of a document.
#[derive(Clone, Debug, Default)]
pub struct Converted {
    pub meta: Meta,
    /// The body in CommonMark with footnotes and pipe tables, without front matter. PDF page
    /// starts are marked with [`markdown::page_mark`].
    pub body: String,
    pub images: Vec<Image>,
    /// The number of pages, for a format that has pages.
    pub pages: Option<u32>,
    /// What was left out or is uncertain, each with its page where there is one.
    pub notes: Vec<Note>,
}

/// Bounds on what a document may make Casebook do, whatever it claims.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The largest file read at all.
    pub max_file_bytes: u64,
    /// The most bytes all decompressed streams or zip entries of one document may inflate to.
    pub max_inflated_bytes: u64,
    /// The most pages of a PDF read.
    pub max_pages: u32,
    /// The deepest nesting of elements (HTML, XML) or objects (PDF) followed.
    pub max_depth: usize,
    /// The most images kept.
    pub max_images: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 200 * 1024 * 1024,
            max_inflated_bytes: 1024 * 1024 * 1024,
            max_pages: 5_000,
            max_depth: 256,
            max_images: 2_000,
        }
    }
}

/// Called as work goes on with (done, total), in pages for a PDF and in steps for the others.
/// Returning `false` cancels the conversion.
pub type Progress<'a> = &'a mut dyn FnMut(u32, u32) -> bool;

/// Why a document could not be turned into a case. Each names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    #[error("{}: could not read it: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: it is {} MB; Casebook converts files up to {} MB", path.display(), bytes / 1_048_576, limit / 1_048_576)]
    TooLarge { path: PathBuf, bytes: u64, limit: u64 },
    #[error("{}: not a PDF, Word (.docx), web page (.html) or Markdown file", path.display())]
    UnknownKind { path: PathBuf },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{}: {message}", path.display())]
    Empty { path: PathBuf, message: String },
    #[error("{}: the conversion was cancelled", path.display())]
    Cancelled { path: PathBuf },
    #[error("{}: could not write it: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("{}: already exists and is not an empty folder; choose another", path.display())]
    Exists { path: PathBuf },
    #[error(transparent)]
    Markdown(Box<crate::case::ImportError>),
}

/// Why a format module gave up, without the path, which [`convert`] adds.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The file is damaged, hostile or past a limit: a sentence for the user.
    Invalid(String),
    /// The file was read but holds nothing to make a case of (a scanned PDF): a sentence
    /// for the user.
    Empty(String),
    Cancelled,
}

/// Converts one file. Markdown is not converted here: [`crate::case::import_markdown`] takes it
/// as it is.
pub fn convert(path: &Path, limits: &Limits, progress: Progress<'_>) -> Result<Converted, ConvertError> {
    convert_file(path, limits, progress).map(|(_, converted)| converted)
}

/// Converts one file and says what kind it was.
fn convert_file(path: &Path, limits: &Limits, progress: Progress<'_>) -> Result<(Kind, Converted), ConvertError> {
    let read_err = |source| ConvertError::Read { path: path.to_owned(), source };
    let bytes_len = std::fs::metadata(path).map_err(read_err)?.len();
    if bytes_len > limits.max_file_bytes {
        return Err(ConvertError::TooLarge { path: path.to_owned(), bytes: bytes_len, limit: limits.max_file_bytes });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    let kind = Kind::of(path, &bytes[..bytes.len().min(8)])
        .filter(|k| *k != Kind::Markdown)
        .ok_or_else(|| ConvertError::UnknownKind { path: path.to_owned() })?;
    let converted = convert_bytes(kind, &bytes, path.parent(), limits, progress).map_err(|failure| match failure {
        Failure::Invalid(message) => ConvertError::Invalid { path: path.to_owned(), message },
        Failure::Empty(message) => ConvertError::Empty { path: path.to_owned(), message },
        Failure::Cancelled => ConvertError::Cancelled { path: path.to_owned() },
    })?;
    Ok((kind, converted))
}

pub(crate) fn convert_bytes(
    kind: Kind,
    bytes: &[u8],
    base_dir: Option<&Path>,
    limits: &Limits,
    progress: Progress<'_>,
) -> Result<Converted, Failure> {
    let mut converted = match kind {
        Kind::Pdf => pdf::convert(bytes, limits, progress)?,
        Kind::Docx => docx::convert(bytes, limits, progress)?,
        Kind::Html => html::convert(bytes, base_dir, limits, progress)?,
        Kind::Markdown => return Err(Failure::Invalid("Markdown is imported as it is, not converted".into())),
    };
    converted.images.truncate(limits.max_images);
    lift_title(&mut converted);
    if converted.body.trim().is_empty() {
        return Err(Failure::Empty(format!("no text could be found in this {}", kind.name())));
    }
    Ok(converted)
}

/// The reader shows the case's title and authors above the text, so a document that opens with
/// its title as a heading, and its author's name under it, would show them twice: the heading
/// becomes the title (when the document names none, or the same one) and the name line goes.
fn lift_title(converted: &mut Converted) {
    let plain = |s: &str| s.replace('\\', "").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let body = &converted.body;
    let mut lines = body.split_inclusive('\n').peekable();
    let mut head = 0;
    // Page marks and blank lines before the heading stay where they are.
    while let Some(line) = lines.peek() {
        let t = line.trim();
        if t.is_empty() || crate::case::parse::is_comment(t) {
            head += line.len();
            lines.next();
        } else {
            break;
        }
    }
    let Some(first) = lines.next() else { return };
    let Some(text) = first.trim().strip_prefix("# ").map(str::trim) else { return };
    match converted.meta.title.as_deref() {
        Some(title) if plain(title) != plain(text) => return,
        Some(_) => {}
        None => converted.meta.title = Some(text.replace('\\', "")),
    }
    let mut cut = head + first.len();
    let mut rest = lines.clone();
    let mut blank = 0;
    while let Some(line) = rest.peek().filter(|l| l.trim().is_empty()) {
        blank += line.len();
        rest.next();
    }
    if let Some(line) = rest.next() {
        let name = plain(line.trim().trim_start_matches("By ").trim_start_matches("by "));
        let next_blank = rest.peek().is_none_or(|l| l.trim().is_empty());
        if next_blank && !name.is_empty() && converted.meta.authors.iter().any(|a| plain(a) == name) {
            cut += blank + line.len();
        }
    }
    converted.body.replace_range(head..cut, "");
}

/// Where an imported document's case goes.
#[derive(Clone, Copy, Debug)]
pub enum Destination<'a> {
    /// This folder, which must not exist or be empty (`casebook convert FILE -o DIR`).
    Folder(&'a Path),
    /// A new folder of this library, named after the document's title.
    Library(&'a Path),
}

/// A document made into a case.
#[derive(Clone, Debug)]
pub struct Imported {
    pub dir: PathBuf,
    pub report: Report,
}

/// Makes a case of a PDF, Word file, web page or Markdown file: what Library → Import
/// document… and `casebook convert` both do. Markdown is copied as it is, with its images.
pub fn import(
    path: &Path,
    to: Destination<'_>,
    limits: &Limits,
    progress: Progress<'_>,
) -> Result<Imported, ConvertError> {
    if sniff(path) == Some(Kind::Markdown) {
        let dir = match to {
            Destination::Folder(dir) => crate::case::import_markdown_into(path, dir).map(|()| dir.to_owned()),
            Destination::Library(library) => crate::case::import_markdown(path, library),
        }
        .map_err(|e| ConvertError::Markdown(Box::new(e)))?;
        let text = crate::case::read_source(&dir.join(crate::case::CASE_FILE)).unwrap_or_default();
        let (split, _) = crate::case::front_matter::split(&text);
        let converted = Converted { body: split.body.to_owned(), ..Converted::default() };
        return Ok(Imported { dir, report: Report::of(Kind::Markdown, &converted) });
    }
    let (kind, converted) = convert_file(path, limits, progress)?;
    let dir = match to {
        Destination::Folder(dir) => {
            write_case(&converted, path, dir)?;
            dir.to_owned()
        }
        Destination::Library(library) => write_new_case(&converted, path, library)?,
    };
    Ok(Imported { dir, report: Report::of(kind, &converted) })
}

/// The kind of a file from its first bytes and its name.
fn sniff(path: &Path) -> Option<Kind> {
    let head = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut head = [0u8; 8];
            std::io::Read::read(&mut f, &mut head).map(|n| head[..n].to_vec())
        })
        .unwrap_or_default();
    Kind::of(path, &head)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lifted(title: Option<&str>, authors: &[&str], body: &str) -> (Option<String>, String) {
        let mut converted = Converted {
            meta: Meta {
                title: title.map(str::to_owned),
                authors: authors.iter().map(|a| a.to_string()).collect(),
                ..Meta::default()
            },
            body: body.to_owned(),
            ..Converted::default()
        };
        lift_title(&mut converted);
        (converted.meta.title, converted.body)
    }

    #[test]
    fn a_title_heading_and_its_author_line_are_not_shown_twice() {
        let body = "<!-- page 1 -->\n# The Federalist No. 10\n\nJames Madison\n\n## 1 The Utility\n\nText.\n";
        let (title, rest) = lifted(Some("The Federalist No. 10"), &["James Madison"], body);
        assert_eq!(title.as_deref(), Some("The Federalist No. 10"));
        assert_eq!(rest, "<!-- page 1 -->\n\n## 1 The Utility\n\nText.\n");
        let (title, rest) = lifted(None, &[], "# A Title\n\nJames Madison wrote this.\n");
        assert_eq!(title.as_deref(), Some("A Title"));
        assert_eq!(rest, "\nJames Madison wrote this.\n");
        let other = "# Chapter One\n\nText.\n";
        assert_eq!(lifted(Some("A Book"), &[], other), (Some("A Book".into()), other.to_owned()));
        let no_heading = "Text first.\n\n# Later\n";
        assert_eq!(lifted(None, &[], no_heading), (None, no_heading.to_owned()));
    }
}
