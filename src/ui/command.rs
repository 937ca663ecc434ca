//! Every change a user can make, as data. Panels return commands; `App::apply` carries them
//! out in one place.

use std::path::PathBuf;

use super::theme::ThemeChoice;
use crate::notes::{Annotation, Color, Selector};
use crate::plan::export::Document;
use crate::plan::{Plan, Question};
use crate::timeline::{Era, Event};

#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a case folder or Markdown file in the reader.
    OpenCase(PathBuf),
    /// Back to the library view.
    ShowLibrary,
    /// Back to the open case from the library.
    ShowReader,
    /// Use a folder of cases as the library.
    OpenLibrary(PathBuf),
    /// Open whatever a path names: a case, a Markdown file or a folder of cases.
    OpenPath(PathBuf),
    /// Copy a Markdown file into the library as a new case folder, and open it.
    ImportMarkdown(PathBuf),
    /// Ask the system for a folder, then open it.
    PickFolder,
    /// Ask the system for a Markdown file, then import it.
    PickMarkdownFile,
    /// Show the field for typing a path, for when no dialog can open.
    PromptPath(PathPurpose),
    SetTheme(ThemeChoice),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleOutline,
    ToggleHelp,
    /// Open the find bar and focus it.
    Find,
    FindNext,
    FindPrevious,
    CloseFind,
    /// Scroll the reader to a block.
    GoToBlock(usize),
    /// A link clicked in the case; opened only for http, https and mailto.
    OpenLink(String),
    ReloadCase,
    DismissNotice,
    /// Highlight a passage (a byte range of the text) in a colour, with tags; `note` opens its
    /// note.
    Annotate {
        range: std::ops::Range<usize>,
        color: Color,
        note: bool,
        tags: Vec<String>,
        private: bool,
    },
    /// Show an annotation in the panel, or none.
    SelectAnnotation(Option<String>),
    /// Select an annotation and scroll the reader to its passage.
    RevealAnnotation(String),
    /// Replace an annotation with an edited version (same id).
    EditAnnotation(Annotation),
    DeleteAnnotation(String),
    /// Accept a fuzzy match: the annotation takes the passage it was found at.
    ConfirmAnnotation(String),
    /// Attach an orphan to the passage selected in the reader.
    ReattachAnnotation(String),
    RenameColor(Color, String),
    /// Set the damaged or unknown layer file aside and start an empty one.
    StartFreshLayer,
    /// Ask for a W3C annotation file, then import it.
    PickAnnotationsToImport,
    Undo,
    Redo,
    ToggleAnnotations,
    ToggleTimeline,
    /// Move the timeline between beside the text and below it.
    ToggleTimelinePlacement,
    ToggleSuggestions,
    /// Select a timeline entry (an event, or a suggestion by its key), or none.
    SelectEvent(Option<String>),
    /// Select an entry and scroll the reader to its passage, flashing it.
    RevealEvent(String),
    /// Select the event a date mention at this byte offset of the text stands for.
    EventAtText(usize),
    /// Save an event in the layer: a new one when its id is empty, else a change to the event
    /// with that id (an authored one is changed in the layer only).
    SaveEvent(Event),
    /// Delete an added event, or hide an authored one.
    DeleteEvent(String),
    /// Undo the layer's changes to an authored event.
    RestoreEvent(String),
    /// Anchor an event to the passage selected in the reader.
    AnchorEvent(String),
    /// Make a suggestion an event, with this title.
    AcceptSuggestion {
        key: String,
        title: String,
    },
    DismissSuggestion(String),
    /// Save an era: new when `id` is None.
    SaveEra {
        id: Option<String>,
        era: Era,
    },
    DeleteEra(String),
    /// Ask for a TimelineJS3 file, then import its events and eras into the layer.
    PickTimelineToImport,
    /// Ask where to write the timeline as TimelineJS3, then write it.
    PickTimelineExport,
    TogglePlan,
    /// Add an open question, in this segment of the plan.
    AddQuestion {
        segment: Option<String>,
    },
    /// Replace a question with an edited version (same id).
    EditQuestion(Question),
    DeleteQuestion(String),
    /// Move a question before another one (or to the end of a segment), into that segment.
    MoveQuestion {
        id: String,
        before: Option<String>,
        segment: Option<String>,
    },
    /// Link a question to the passage selected in the reader.
    LinkQuestionToSelection(String),
    /// Scroll the reader to a passage and flash it.
    RevealPassage(Selector),
    SetPlan(Plan),
    /// Ask where to save a teaching note or handout, then write it.
    ExportDocument(Document),
    /// Show the slides full screen (F5); with `true`, on a second window, with the presenter
    /// console in this one.
    StartPresentation(bool),
    StopPresentation,
    /// A student's answer to a question, as typed.
    SetAnswer {
        question: String,
        text: String,
    },
    SetRole(super::settings::Role),
    SetUserName(String),
    /// Show or hide the instructor's shared highlights in student mode.
    ToggleShared,
    /// Ask where to save the student's notes as Markdown, then write them.
    ExportMyNotes,
    /// Ask for a folder, then write a case pack for students into it.
    ExportPack,
    /// Open or close the search across notes (Ctrl+Shift+F).
    ToggleSearchNotes,
    /// Search the notes of the open case, or of every case in the library.
    SearchNotes {
        query: String,
        all_cases: bool,
    },
    /// Open a search result: its case, scrolled to its passage.
    OpenHit(crate::notes::search::Hit),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    Import,
}
