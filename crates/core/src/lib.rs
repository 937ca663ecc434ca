//! Casebook's core: everything that is not drawing. The case and its document model,
//! anchoring, the timeline, the class plan, the layer and its store, the views derived from
//! them, the file formats, `check`, and the editing session that every change goes through.
//!
//! Its `Cargo.toml` names no egui, so the compiler keeps it that way. Modules depend on each
//! other in one direction only, from `anchor` at the bottom to `session` at the top; see
//! `docs/ARCHITECTURE.md`.

pub mod anchor;
pub mod case;
pub mod check;
pub mod convert;
pub mod formats;
pub mod layer;
pub mod live;
pub mod origin;
pub mod plan;
pub mod session;
pub mod shared;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod timeline;
pub mod views;
