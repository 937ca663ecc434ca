//! A case on disk: `case.md` with its front matter, read into a [`Document`].

pub mod confined;
pub mod dates;
mod diagnostic;
pub mod document;
pub mod find;
pub mod front_matter;
pub mod image;
mod library;
pub mod parse;

use std::path::{Component, Path, PathBuf};

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Block, BlockKind, Document, ListMarker, OutlineEntry, PageStart, Run, Style};
pub use find::find_all;
pub use front_matter::{FrontMatter, Metadata};
pub use library::{
    CaseSummary, ImportError, Library, Scan, case_dirs, holds_something, import_markdown, import_markdown_into,
    new_case_dir, slugify,
};

/// The file name of a case's text inside its folder.
pub const CASE_FILE: &str = "case.md";

/// Files larger than this are refused rather than read into memory.
pub const MAX_CASE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a case could not be read. Shown as `path:line:col: reason`, as compilers do.
#[derive(Debug)]
pub enum LoadError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NotACase {
        path: PathBuf,
    },
    Utf8 {
        path: PathBuf,
        line: usize,
        col: usize,
    },
    Binary {
        path: PathBuf,
        line: usize,
    },
    TooLarge {
        path: PathBuf,
        size_mb: u64,
    },
    /// A link out of the case folder, or not a regular file.
    Refused {
        path: PathBuf,
        reason: String,
    },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::NotACase { path }
            | Self::Utf8 { path, .. }
            | Self::Binary { path, .. }
            | Self::TooLarge { path, .. }
            | Self::Refused { path, .. } => path,
        }
    }

    /// The line and column the problem is at, where it has them (0 when unknown).
    pub fn location(&self) -> (usize, usize) {
        match self {
            Self::Utf8 { line, col, .. } => (*line, *col),
            Self::Binary { line, .. } => (*line, 0),
            _ => (0, 0),
        }
    }

    /// What is wrong, without the path and location.
    pub fn reason(&self) -> String {
        match self {
            Self::Io { source, .. } => format!("cannot read: {source}"),
            Self::NotACase { .. } => format!("there is no {CASE_FILE} in this folder"),
            Self::Utf8 { .. } => "the file is not valid UTF-8 text; save it as UTF-8 and open it again".to_owned(),
            Self::Binary { .. } => "this looks like a binary file, not Markdown (it holds a NUL byte)".to_owned(),
            Self::TooLarge { size_mb, .. } => {
                format!("the file is {size_mb} MB; cases up to {} MB can be opened", MAX_CASE_BYTES / (1024 * 1024))
            }
            Self::Refused { reason, .. } => reason.clone(),
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path().display())?;
        match self.location() {
            (0, _) => {}
            (line, 0) => write!(f, ":{line}")?,
            (line, col) => write!(f, ":{line}:{col}")?,
        }
        write!(f, ": {}", self.reason())
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A case read into memory.
#[derive(Clone, Debug)]
pub struct Case {
    /// The `case.md` file.
    pub path: PathBuf,
    /// The folder holding `case.md` and its images.
    pub dir: PathBuf,
    pub front: FrontMatter,
    pub doc: Document,
    /// Problems found while reading, sorted by line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Case {
    /// The title from the front matter, else the first heading, else the folder's name.
    pub fn title(&self) -> String {
        if let Some(t) = self.front.meta.title.as_ref().filter(|t| !t.trim().is_empty()) {
            return t.trim().to_owned();
        }
        if let Some(h) = self.doc.outline().first() {
            return h.title.clone();
        }
        display_name(&self.path)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// The name a case goes by when it has no title: its folder, or its file for a loose `.md`.
pub fn display_name(case_file: &Path) -> String {
    let named = if case_file.file_name().is_some_and(|n| n == CASE_FILE) {
        case_file.parent().unwrap_or(case_file)
    } else {
        case_file
    };
    named.file_stem().map_or_else(|| case_file.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The `case.md` of a case folder, or the file itself for a Markdown file.
pub fn case_file(path: &Path) -> Result<PathBuf, LoadError> {
    if path.is_dir() {
        let file = path.join(CASE_FILE);
        if file.is_file() { Ok(file) } else { Err(LoadError::NotACase { path: path.to_owned() }) }
    } else {
        Ok(path.to_owned())
    }
}

/// Reads a case folder or a Markdown file.
pub fn load(path: &Path) -> Result<Case, LoadError> {
    let file = case_file(path)?;
    let source = read_source(&file)?;
    Ok(from_source(&file, &source))
}

/// Reads a Markdown file as text, refusing what is too large, binary or not UTF-8, and a link
/// that leads out of its folder.
pub fn read_source(file: &Path) -> Result<String, LoadError> {
    let bytes = confined::read(confined::folder_of(file), file, MAX_CASE_BYTES).map_err(|e| match e {
        confined::ConfineError::Io { source, .. } => LoadError::Io { path: file.to_owned(), source },
        confined::ConfineError::TooLarge { size_mb, .. } => LoadError::TooLarge { path: file.to_owned(), size_mb },
        refused => LoadError::Refused { path: file.to_owned(), reason: refused.to_string() },
    })?;
    decode(file, bytes)
}

/// Checks that the bytes are UTF-8 text, naming the line of the first bad byte.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..nul].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(LoadError::Binary { path: path.to_owned(), line });
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            // Everything before the first bad byte is valid text.
            let before = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
            let (line, col) = front_matter::line_col(before, valid);
            Err(LoadError::Utf8 { path: path.to_owned(), line, col })
        }
    }
}

/// Builds a case from its text; `file` is where it lives, for images and messages.
pub fn from_source(file: &Path, source: &str) -> Case {
    let (split, split_problem) = front_matter::split(source);
    let (front, mut diagnostics) = front_matter::parse(&split);
    diagnostics.extend(split_problem);
    let doc = parse::parse(split.body, split.body_line);
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    for image in &doc.images {
        if let Err(problem) = resolve_image(&dir, &image.src) {
            diagnostics.push(problem.into_diagnostic(image.line));
        }
    }
    diagnostics.sort_by_key(|d| d.line);
    Case { path: file.to_owned(), dir, front, doc, diagnostics }
}

/// Why an image cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    #[error("remote image '{0}' is not fetched; Casebook works offline")]
    Remote(String),
    #[error("image '{0}' is outside the case folder; put it beside case.md")]
    OutsideCase(String),
    #[error("image '{0}' not found")]
    Missing(String),
    #[error("image '{0}' is not a file that can be shown: {1}")]
    Refused(String, String),
}

impl ImageProblem {
    fn into_diagnostic(self, line: usize) -> Diagnostic {
        let message = self.to_string();
        match self {
            Self::Remote(_) => Diagnostic::warning(line, 0, message),
            Self::OutsideCase(_) | Self::Missing(_) | Self::Refused(..) => Diagnostic::error(line, 0, message),
        }
    }
}

/// Where a local image of a case really lives (inside the case folder, through any links), or
/// why it can't be shown.
pub fn resolve_image(dir: &Path, src: &str) -> Result<PathBuf, ImageProblem> {
    if src.contains("://") || src.starts_with("data:") {
        return Err(ImageProblem::Remote(src.to_owned()));
    }
    let decoded = percent_decode(src);
    let relative = Path::new(&decoded);
    let escapes = relative.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        return Err(ImageProblem::OutsideCase(src.to_owned()));
    }
    match confined::inside(dir, &dir.join(relative)) {
        Ok(real) => Ok(real),
        Err(e) if e.is_missing() => Err(ImageProblem::Missing(src.to_owned())),
        Err(confined::ConfineError::Outside { .. }) => Err(ImageProblem::OutsideCase(src.to_owned())),
        Err(e) => Err(ImageProblem::Refused(src.to_owned(), e.to_string())),
    }
}

/// The largest image file Casebook reads or copies.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;

/// A local image of a case, read once whatever links lead to it: where it goes relative to the
/// case folder, and its bytes. Images that can't be shown are left out (`check` reports them).
pub fn local_images(case: &Case) -> Vec<(PathBuf, Vec<u8>)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut images = Vec::new();
    for image in &case.doc.images {
        let relative = PathBuf::from(percent_decode(&image.src));
        if !seen.insert(relative.clone()) {
            continue;
        }
        if let Ok(real) = resolve_image(&case.dir, &image.src)
            && let Ok(bytes) = confined::read(&case.dir, &real, MAX_IMAGE_BYTES)
        {
            images.push((relative, bytes));
        }
    }
    images
}

/// Markdown image paths may percent-encode spaces and other characters.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let bytes = b"line one\nline \xff two\n".to_vec();
        let err = decode(Path::new("x/case.md"), bytes).unwrap_err();
        assert!(matches!(err, LoadError::Utf8 { line: 2, col: 6, .. }), "{err:?}");
        assert!(err.to_string().starts_with("x/case.md:2:6:"));
    }

    #[test]
    fn binary_file_is_refused() {
        let err = decode(Path::new("a.md"), b"PK\x03\x04\n\x00\x00".to_vec()).unwrap_err();
        assert!(matches!(err, LoadError::Binary { line: 2, .. }));
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode(Path::new("a.md"), b"\xef\xbb\xbf# T".to_vec()).unwrap(), "# T");
    }

    #[test]
    fn title_falls_back_to_heading_then_name() {
        let case = from_source(Path::new("cases/x/case.md"), "# From heading\n");
        assert_eq!(case.title(), "From heading");
        let case = from_source(Path::new("cases/x/case.md"), "text only\n");
        assert_eq!(case.title(), "x");
        let case = from_source(Path::new("notes/brief.md"), "text only\n");
        assert_eq!(case.title(), "brief");
    }

    #[test]
    fn body_lines_count_from_the_file() {
        let case = from_source(Path::new("c/case.md"), "---\ntitle: T\n---\n\n# Heading\n");
        assert_eq!(case.doc.blocks[0].line, 5);
    }

    #[test]
    fn image_paths_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a b.png"), b"x").unwrap();
        assert!(resolve_image(dir.path(), "a%20b.png").is_ok());
        assert_eq!(resolve_image(dir.path(), "../secret.png"), Err(ImageProblem::OutsideCase("../secret.png".into())));
        assert_eq!(resolve_image(dir.path(), "/etc/x.png"), Err(ImageProblem::OutsideCase("/etc/x.png".into())));
        assert!(matches!(resolve_image(dir.path(), "https://x.org/a.png"), Err(ImageProblem::Remote(_))));
        let case = from_source(&dir.path().join("case.md"), "Intro.\n\n![gone](missing.png)\n");
        let d = &case.diagnostics[0];
        assert_eq!((d.line, d.is_error()), (3, true));
        assert!(d.message.contains("missing.png"));
    }
}
