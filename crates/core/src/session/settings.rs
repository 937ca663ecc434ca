//! What the app remembers between runs: the theme, the panels shown, the role, the library
//! and where each case was last read.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Where the reader is scrolled to: the block at the top of the view and how far into it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScrollPos {
    pub block: usize,
    pub offset_pt: f32,
}

/// The colour themes; the app gives each its palette.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Sepia,
    Dark,
    /// White on black with yellow links, every colour at 7:1 or more (WCAG AAA), for low
    /// vision and washed-out projectors.
    HighContrast,
}

impl ThemeChoice {
    pub const ALL: [Self; 4] = [Self::Light, Self::Sepia, Self::Dark, Self::HighContrast];

    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Sepia => "Sepia",
            Self::Dark => "Dark",
            Self::HighContrast => "High contrast",
        }
    }
}

/// Who is using the app: an instructor prepares and presents; a student takes notes in a layer
/// of their own and sees only what the instructor shared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    #[default]
    Instructor,
    Student,
}

/// What the app remembers between runs, saved by eframe.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// Scale of the reading text; 1 is the default size.
    pub zoom: f32,
    pub show_outline: bool,
    pub show_annotations: bool,
    pub show_timeline: bool,
    pub show_plan: bool,
    pub role: Role,
    /// Put on exported notes.
    pub user_name: String,
    /// In student mode, the instructor's shared highlights.
    pub show_shared: bool,
    /// The timeline beside the text (true) or in a strip below it.
    pub timeline_beside: bool,
    /// Dates the text mentions, offered as events.
    pub show_suggestions: bool,
    /// The folder of cases shown in the library.
    pub library: Option<PathBuf>,
    pub last_case: Option<PathBuf>,
    /// Recently opened cases, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether case packs carry vote tallies and Council ballots.
    pub pack_results: bool,
    /// Where each case was last read.
    pub positions: BTreeMap<PathBuf, ScrollPos>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::default(),
            zoom: 1.0,
            show_outline: true,
            show_annotations: true,
            show_timeline: true,
            show_plan: false,
            role: Role::Instructor,
            user_name: String::new(),
            show_shared: true,
            timeline_beside: false,
            show_suggestions: true,
            library: None,
            last_case: None,
            recent: Vec::new(),
            pack_results: false,
            positions: BTreeMap::new(),
        }
    }
}

pub const MAX_RECENT: usize = 8;

impl Settings {
    pub fn remember_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
