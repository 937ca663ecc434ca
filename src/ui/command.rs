//! What panels ask the app to do, as data. Changes to a layer are [`Edit`]s for the session;
//! the rest (what is shown, what is open) the app carries out itself, after the frame.

use std::path::PathBuf;

use casebook_core::anchor::Selector;
use casebook_core::formats::export::Format;
use casebook_core::session::{Dialog, Edit, ImportKind, Role};
use casebook_core::views::search::Hit;

use super::actions::Action;
use super::theme::ThemeChoice;

#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A change to the open case's layer.
    Edit(Edit),
    /// An action of the table: a key, a button or a menu item.
    Action(Action),
    /// Open a case folder or Markdown file in the reader.
    OpenCase(PathBuf),
    /// Back to the open case from the library.
    ShowReader,
    /// Open whatever a path names: a case, a Markdown file or a folder of cases.
    OpenPath(PathBuf),
    /// Make a new case folder of the library from a document, and open it.
    ImportDocument(PathBuf),
    /// Stop the document being imported.
    CancelImport,
    /// Close the import report.
    CloseImportReport,
    /// Ask the user's file chooser.
    Ask(Dialog),
    /// Show the field for typing a path, for when no dialog can open.
    PromptPath(Dialog),
    /// A path for a dialog, typed or chosen.
    Answer(Dialog, PathBuf),
    /// Replace the file at the path with the export the dialog asked for: the user said yes.
    Replace(Dialog, PathBuf),
    SetTheme(ThemeChoice),
    CloseFind,
    CloseHelp,
    /// Scroll the reader to a block.
    GoToBlock(usize),
    /// A link clicked in the case; opened only for http, https and mailto.
    OpenLink(String),
    DismissNotice,
    /// Show an annotation in the panel, or none.
    SelectAnnotation(Option<String>),
    /// Select an annotation and scroll the reader to its passage.
    RevealAnnotation(String),
    /// Attach an annotation to the passage selected in the reader.
    ReattachToSelection(String),
    ToggleTimelinePlacement,
    ToggleSuggestions,
    /// Select a timeline entry (an event, or a suggestion by its key), or none.
    SelectEvent(Option<String>),
    /// Select an entry and scroll the reader to its passage, flashing it.
    RevealEvent(String),
    /// Select the event a date mention at this byte offset of the text stands for.
    EventAtText(usize),
    /// Anchor an event to the passage selected in the reader.
    AnchorEventToSelection(String),
    /// Link a question to the passage selected in the reader.
    LinkQuestionToSelection(String),
    /// Scroll the reader to a passage and flash it.
    RevealPassage(Selector),
    Export(Format),
    Import(ImportKind),
    StopPresentation,
    SetRole(Role),
    SetUserName(String),
    /// Show or hide the instructor's shared highlights in student mode.
    ToggleShared,
    /// Whether case packs carry vote tallies and ballots.
    SetPackResults(bool),
    /// Search the notes of the open case, or of every case in the library.
    SearchNotes {
        query: String,
        all_cases: bool,
    },
    /// Open a search result: its case, scrolled to its passage.
    OpenHit(Hit),
}

impl From<Edit> for Command {
    fn from(edit: Edit) -> Self {
        Command::Edit(edit)
    }
}

impl From<Action> for Command {
    fn from(action: Action) -> Self {
        Command::Action(action)
    }
}
