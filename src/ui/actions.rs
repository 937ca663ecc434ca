//! One table of actions: each with its label, its keys and a hint. The keyboard handlers, the
//! hover texts of buttons and the help overlay all read it, so they cannot disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Where an action's keys work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window.
    App,
    /// In the reader, when no text field has the keys.
    Reader,
    /// In the timeline, when it has the keys (click it, or Tab to it).
    Timeline,
    /// While presenting.
    Presentation,
    /// In the reader with caret browsing on (F7).
    Caret,
}

impl Scope {
    pub const ALL: [Self; 5] = [Self::App, Self::Reader, Self::Caret, Self::Timeline, Self::Presentation];

    pub fn title(self) -> &'static str {
        match self {
            Scope::App => "Anywhere",
            Scope::Reader => "Reading",
            Scope::Timeline => "In the timeline",
            Scope::Presentation => "Presenting",
            Scope::Caret => "Reading with the caret (F7)",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Find,
    FindNext,
    FindPrevious,
    SearchNotes,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Undo,
    Redo,
    ToggleOutline,
    ToggleAnnotations,
    ToggleTimeline,
    TogglePlan,
    Present,
    PresentWithConsole,
    Help,
    ShowLibrary,
    OpenFolder,
    Reload,
    PageDown,
    PageUp,
    LineDown,
    LineUp,
    Top,
    Bottom,
    Copy,
    NextEvent,
    PreviousEvent,
    GoToPassage,
    TimelineZoomIn,
    TimelineZoomOut,
    FitAll,
    NextSlide,
    PreviousSlide,
    FirstSlide,
    LastSlide,
    BlankBlack,
    BlankWhite,
    EndPresentation,
    GoLive,
    ToggleVoting,
    ToggleResults,
    CaretBrowsing,
    CaretCharacter,
    CaretWord,
    CaretLine,
    CaretPage,
    CaretLineEnds,
    CaretDocumentEnds,
    ExtendSelection,
    AnnotateSelection,
    ClearSelection,
}

/// Keys with their modifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keys(pub Modifiers, pub Key);

const fn plain(key: Key) -> Keys {
    Keys(Modifiers::NONE, key)
}

const fn ctrl(key: Key) -> Keys {
    Keys(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> Keys {
    Keys(Modifiers { shift: true, ..Modifiers::COMMAND }, key)
}

const fn shift(key: Key) -> Keys {
    Keys(Modifiers::SHIFT, key)
}

pub struct ActionInfo {
    pub action: Action,
    pub scope: Scope,
    /// The words on its button or menu item.
    pub label: &'static str,
    pub keys: &'static [Keys],
    /// What it does, for hover texts and the help.
    pub hint: &'static str,
}

const fn info(
    action: Action,
    scope: Scope,
    label: &'static str,
    keys: &'static [Keys],
    hint: &'static str,
) -> ActionInfo {
    ActionInfo { action, scope, label, keys, hint }
}

use Action as A;
use Scope::{App, Caret, Presentation, Reader, Timeline};

pub const ACTIONS: &[ActionInfo] = &[
    info(A::Find, App, "Find", &[ctrl(Key::F)], "Find in the case"),
    info(A::FindNext, App, "Next match", &[plain(Key::F3)], "Next match of find (or Enter in the find bar)"),
    info(A::FindPrevious, App, "Previous match", &[shift(Key::F3)], "Previous match (or Shift+Enter in the find bar)"),
    info(
        A::SearchNotes,
        App,
        "Search notes",
        &[ctrl_shift(Key::F)],
        "Search notes and answers, in this case or the library",
    ),
    info(A::ZoomIn, App, "Bigger text", &[ctrl(Key::Plus), ctrl(Key::Equals)], "Make the reading text bigger"),
    info(A::ZoomOut, App, "Smaller text", &[ctrl(Key::Minus)], "Make the reading text smaller"),
    info(A::ZoomReset, App, "Default size", &[ctrl(Key::Num0)], "Reading text at its default size"),
    info(A::Undo, App, "Undo", &[ctrl(Key::Z)], "Undo the last change to your notes"),
    info(A::Redo, App, "Redo", &[ctrl_shift(Key::Z), ctrl(Key::Y)], "Redo what was undone"),
    info(A::ToggleOutline, App, "Outline", &[ctrl(Key::B)], "Show or hide the outline"),
    info(A::ToggleAnnotations, App, "Annotations", &[ctrl_shift(Key::A)], "Show or hide the annotations"),
    info(A::ToggleTimeline, App, "Timeline", &[ctrl(Key::T)], "Show or hide the timeline"),
    info(A::TogglePlan, App, "Plan", &[ctrl_shift(Key::P)], "Show or hide the class plan and questions"),
    info(A::Present, App, "Present", &[plain(Key::F5)], "Show the slides full screen"),
    info(
        A::PresentWithConsole,
        App,
        "Present with console",
        &[shift(Key::F5)],
        "Slides on a second window, the presenter console here",
    ),
    info(A::Help, App, "Keyboard shortcuts", &[plain(Key::F1)], "Show the keys (also ?)"),
    info(A::ShowLibrary, App, "Library", &[ctrl(Key::L)], "Back to the library"),
    info(A::OpenFolder, App, "Open folder…", &[ctrl(Key::O)], "Open a case or a folder of cases"),
    info(A::Reload, App, "Reload", &[ctrl(Key::R)], "Read the case again from disk"),
    info(A::PageDown, Reader, "Page down", &[plain(Key::PageDown), plain(Key::Space)], "Scroll a screen down"),
    info(A::PageUp, Reader, "Page up", &[plain(Key::PageUp), shift(Key::Space)], "Scroll a screen up"),
    info(A::LineDown, Reader, "Scroll down", &[plain(Key::ArrowDown)], "Scroll a little down"),
    info(A::LineUp, Reader, "Scroll up", &[plain(Key::ArrowUp)], "Scroll a little up"),
    info(A::Top, Reader, "Start", &[plain(Key::Home)], "Go to the start of the case"),
    info(A::Bottom, Reader, "End", &[plain(Key::End)], "Go to the end of the case"),
    info(
        A::Copy,
        Reader,
        "Copy",
        &[ctrl(Key::C)],
        "Copy the selected text (select by dragging, double-click, Shift+click, or Shift+arrows with the caret)",
    ),
    info(
        A::CaretBrowsing,
        Reader,
        "Caret browsing",
        &[plain(Key::F7)],
        "A caret in the text, moved by the arrow keys, to read and select without a mouse; again to turn it off",
    ),
    info(
        A::CaretCharacter,
        Caret,
        "Character",
        &[plain(Key::ArrowLeft), plain(Key::ArrowRight)],
        "Move the caret a character",
    ),
    info(A::CaretWord, Caret, "Word", &[ctrl(Key::ArrowLeft), ctrl(Key::ArrowRight)], "Move the caret a word"),
    info(A::CaretLine, Caret, "Line", &[plain(Key::ArrowUp), plain(Key::ArrowDown)], "Move the caret a line"),
    info(A::CaretPage, Caret, "Page", &[plain(Key::PageUp), plain(Key::PageDown)], "Move the caret a screen"),
    info(
        A::CaretLineEnds,
        Caret,
        "Line start / end",
        &[plain(Key::Home), plain(Key::End)],
        "To the start or end of the line",
    ),
    info(
        A::CaretDocumentEnds,
        Caret,
        "Case start / end",
        &[ctrl(Key::Home), ctrl(Key::End)],
        "To the start or end of the case",
    ),
    info(
        A::ExtendSelection,
        Caret,
        "Select",
        &[shift(Key::ArrowLeft), shift(Key::ArrowRight), shift(Key::ArrowUp), shift(Key::ArrowDown)],
        "Shift with any caret key selects the text it passes over",
    ),
    info(
        A::AnnotateSelection,
        Caret,
        "Highlight selection",
        &[plain(Key::Enter), shift(Key::F10)],
        "Open the highlight toolbar for the selection (Tab walks its choices, Esc goes back); on a link, follow it",
    ),
    info(A::ClearSelection, Caret, "Clear selection", &[plain(Key::Escape)], "Unselect, the caret stays"),
    info(
        A::NextEvent,
        Timeline,
        "Next event",
        &[plain(Key::ArrowRight), plain(Key::ArrowDown)],
        "Select the next event",
    ),
    info(
        A::PreviousEvent,
        Timeline,
        "Previous event",
        &[plain(Key::ArrowLeft), plain(Key::ArrowUp)],
        "Select the previous event",
    ),
    info(A::GoToPassage, Timeline, "Go to passage", &[plain(Key::Enter)], "Show the selected event's passage"),
    info(
        A::TimelineZoomIn,
        Timeline,
        "Zoom in",
        &[plain(Key::Plus), plain(Key::Equals)],
        "Zoom in on time (or Ctrl+wheel)",
    ),
    info(A::TimelineZoomOut, Timeline, "Zoom out", &[plain(Key::Minus)], "Zoom out of time"),
    info(A::FitAll, Timeline, "Fit all", &[plain(Key::Home)], "Show the whole timeline"),
    info(
        A::NextSlide,
        Presentation,
        "Next slide",
        &[plain(Key::ArrowRight), plain(Key::PageDown), plain(Key::Space), plain(Key::ArrowDown)],
        "Next slide (or click)",
    ),
    info(
        A::PreviousSlide,
        Presentation,
        "Previous slide",
        &[plain(Key::ArrowLeft), plain(Key::PageUp), plain(Key::ArrowUp)],
        "Previous slide (or right click)",
    ),
    info(A::FirstSlide, Presentation, "First slide", &[plain(Key::Home)], "Back to the title"),
    info(A::LastSlide, Presentation, "Last slide", &[plain(Key::End)], "The last slide"),
    info(A::BlankBlack, Presentation, "Black screen", &[plain(Key::B)], "Blank the wall, black; again to show it"),
    info(A::BlankWhite, Presentation, "White screen", &[plain(Key::W)], "Blank the wall, white; again to show it"),
    info(
        A::EndPresentation,
        Presentation,
        "End",
        &[plain(Key::Escape)],
        "End the presentation (1–9: segments, + − size, ? keys)",
    ),
    info(
        A::GoLive,
        Presentation,
        "Go live / Stop",
        &[plain(Key::L)],
        "Students answer from their phones on this network; again to stop",
    ),
    info(
        A::ToggleVoting,
        Presentation,
        "Close / reopen voting",
        &[plain(Key::V)],
        "Close or reopen voting on the phones",
    ),
    info(
        A::ToggleResults,
        Presentation,
        "Reveal / hide results",
        &[plain(Key::R)],
        "Show or hide the results, on the wall and phones",
    ),
];

pub fn info_of(action: Action) -> &'static ActionInfo {
    // Every action has a row: a test checks it.
    ACTIONS.iter().find(|i| i.action == action).unwrap_or(&ACTIONS[0])
}

/// An action's keys as the user reads them: "Ctrl+F", "PageDown / Space".
pub fn keys_text(ctx: &egui::Context, action: Action) -> String {
    info_of(action)
        .keys
        .iter()
        .map(|Keys(m, k)| ctx.format_shortcut(&KeyboardShortcut::new(*m, *k)))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The hover text of a button for an action: its hint and its first key.
pub fn hint(ctx: &egui::Context, action: Action) -> String {
    let info = info_of(action);
    match info.keys.first() {
        Some(Keys(m, k)) => format!("{} ({})", info.hint, ctx.format_shortcut(&KeyboardShortcut::new(*m, *k))),
        None => info.hint.to_owned(),
    }
}

/// Whether one of an action's keys was pressed this frame, with exactly its modifiers.
pub fn pressed(i: &egui::InputState, action: Action) -> bool {
    info_of(action).keys.iter().any(|Keys(m, k)| i.key_pressed(*k) && i.modifiers.matches_exact(*m))
}

/// Like [`pressed`], and takes the key so nothing else acts on it.
pub fn consume(i: &mut egui::InputState, action: Action) -> bool {
    info_of(action).keys.iter().any(|Keys(m, k)| i.consume_key(*m, *k))
}

/// The app-wide actions whose keys were pressed this frame, taking their keys. Shortcuts with
/// more modifiers go first: egui lets a shortcut without Shift match a key pressed with it.
pub fn app_shortcuts(i: &mut egui::InputState, typing: bool) -> Vec<Action> {
    let mut rows: Vec<(&ActionInfo, &Keys)> =
        ACTIONS.iter().filter(|a| a.scope == Scope::App).flat_map(|a| a.keys.iter().map(move |k| (a, k))).collect();
    rows.sort_by_key(|(_, Keys(m, _))| std::cmp::Reverse(u8::from(m.shift) + u8::from(m.command) + u8::from(m.alt)));
    let mut fired = Vec::new();
    for (info, Keys(m, k)) in rows {
        // While typing, undo and redo belong to the text field.
        if typing && matches!(info.action, A::Undo | A::Redo) {
            continue;
        }
        if i.consume_shortcut(&KeyboardShortcut::new(*m, *k)) && !fired.contains(&info.action) {
            fired.push(info.action);
        }
    }
    fired
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row_and_no_keys_clash_in_a_scope() {
        for (n, a) in ACTIONS.iter().enumerate() {
            assert_eq!(ACTIONS.iter().filter(|b| b.action == a.action).count(), 1, "{:?}", a.action);
            for b in &ACTIONS[n + 1..] {
                if a.scope == b.scope {
                    assert!(
                        !a.keys.iter().any(|k| b.keys.contains(k)),
                        "{:?} and {:?} share a key",
                        a.action,
                        b.action
                    );
                }
            }
        }
    }
}
