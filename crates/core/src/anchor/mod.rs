//! Anchoring: finding an annotated passage again after the text changed.
//!
//! A passage is remembered as W3C selectors: the quoted text with some context around it, and
//! its position as a hint. It is found again, in order: at its position; as an exact quote whose
//! context matches, nearest the hint; as an approximate quote (Myers' bit-parallel matching),
//! scored on quote, context and distance, with a floor below which nothing matches. Below the
//! floor the passage is an orphan: a note is never silently attached to an unrelated passage.
//!
//! What anchoring may cost is bounded: quotes and their context are capped when read
//! ([`MAX_EXACT_BYTES`], [`MAX_CONTEXT_CHARS`]), and the approximate search of one passage does
//! at most [`ALIGN_BUDGET_STEPS`] steps of alignment, counted, not timed, so that the same
//! files always anchor the same way.

mod align;
mod resolve;
mod selector;
mod text_index;

pub use align::ALIGN_BUDGET_STEPS;
pub use resolve::resolve;
pub use selector::{
    AnchorStatus, CONTEXT_CHARS, MAX_CONTEXT_CHARS, MAX_EXACT_BYTES, Resolved, Selector, TextPosition, TextQuote,
};
pub use text_index::TextIndex;

/// Anchors many selectors in one text, in order, sharing one index of it.
pub fn anchor_all<'a>(text: &str, selectors: impl IntoIterator<Item = &'a Selector>) -> Vec<Resolved> {
    let index = TextIndex::new(text);
    selectors.into_iter().map(|s| resolve(text, &index, s)).collect()
}
