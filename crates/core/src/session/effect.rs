//! What the session asks of the shell that runs it: show something, ask the user for a file,
//! open a link, look at the case file again. As data, so the session is tested without one.

use std::path::PathBuf;

use crate::formats::export::Format;

/// A message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self { text: text.into(), error: false }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self { text: text.into(), error: true }
    }
}

/// What kind of file an import takes, for the file chooser's title and filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// W3C or Hypothesis annotations; `private` marks them all private.
    Annotations {
        private: bool,
    },
    Timeline,
}

/// A question for the user's file chooser. The answer goes back to the session (or the app,
/// for the library's) with the same `Dialog`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dialog {
    /// Where to write an export: a file, or a folder for a pack.
    Export { format: Format, suggested: String },
    /// A file to import into the open case's layer.
    Import(ImportKind),
    /// A case, Markdown file or folder of cases to open.
    Open,
    /// A PDF, Word file, web page or Markdown file to make a new case of in the library.
    ImportDocument,
}

impl Dialog {
    pub fn title(&self) -> &'static str {
        match self {
            Dialog::Export { format, .. } if format.is_folder() => "Where to put the case pack",
            Dialog::Export { .. } => "Export",
            Dialog::Import(ImportKind::Annotations { .. }) => "Import annotations (W3C or Hypothesis JSON)",
            Dialog::Import(ImportKind::Timeline) => "Import a TimelineJS3 timeline",
            Dialog::Open => "Open a case or a folder of cases",
            Dialog::ImportDocument => "Import a document (PDF, Word, web page or Markdown)",
        }
    }

    /// The command that does the same from a terminal, for desktops with no file chooser.
    pub fn cli_hint(&self) -> String {
        match self {
            Dialog::Export { format, .. } => format!("casebook export --format {} CASE -o PATH", format.cli_name()),
            Dialog::Import(ImportKind::Annotations { private: true }) => {
                "casebook import --private CASE FILE.json".to_owned()
            }
            Dialog::Import(_) => "casebook import CASE FILE.json".to_owned(),
            Dialog::Open => "casebook PATH".to_owned(),
            Dialog::ImportDocument => "casebook convert FILE -o NEW-CASE-FOLDER".to_owned(),
        }
    }
}

/// Something selected by an edit, for the panels to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selected {
    /// A new highlight, with its note to be written.
    Annotation { id: String, note: bool },
    /// A timeline entry, or none.
    Event(Option<String>),
    /// A new question, open in its editor.
    Question(String),
    /// Nothing (the selected item was deleted).
    None,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Notify(Notice),
    Ask(Dialog),
    OpenUrl(String),
    Select(Selected),
    /// A save finished; the layers on disk are current.
    Saved,
    /// `case.md` was changed by another program: open it again.
    CaseChanged(PathBuf),
    /// Call `tick` again after this long.
    WakeAfter(f64),
}

/// What clicking a link does: a web or mail link opens in the browser; anything else (a
/// `javascript:`, `file:` or `data:` link in a case from someone else) is only shown.
pub fn open_link(url: &str) -> Effect {
    let lower = url.trim_start().to_ascii_lowercase();
    if ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
        Effect::OpenUrl(url.trim_start().to_owned())
    } else {
        Effect::Notify(Notice::info(format!("Casebook opens only web and mail links; this one was not opened: {url}")))
    }
}
