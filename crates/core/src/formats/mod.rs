//! File formats that other tools and people read and write: W3C Web Annotation, Hypothesis,
//! TimelineJS (versions 2 and 3),
//! the teaching note and handout (Markdown and HTML), a student's notes, and case packs.
//! `export` is the one entry point the CLI and the GUI share.

pub mod export;
pub mod html;
pub mod hypothesis;
pub mod import;
pub mod notes_md;
pub mod pack;
pub mod teaching;
pub mod timelinejs;
pub mod w3c;
