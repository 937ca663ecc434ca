//! Casebook, the app: the window (`ui`) and the command line (`cli`), both thin shells over
//! `casebook-core`, which does everything that is not drawing.

pub mod bundled;
pub mod cli;
pub mod live;
pub mod ui;

pub use ui::App;

/// The user's data directory, e.g. `~/.local/share/casebook`: the bundled samples, and the
/// notes of students whose case folder can't be written.
pub fn data_dir() -> std::path::PathBuf {
    directories::ProjectDirs::from("org", "Casebook", "casebook")
        .map_or_else(|| std::path::PathBuf::from(".casebook"), |d| d.data_dir().to_owned())
}
