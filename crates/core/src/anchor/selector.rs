//! Selectors: how a passage is remembered (W3C TextQuoteSelector and TextPositionSelector).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::TextIndex;

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The quoted text and the text just before and after it (W3C `TextQuoteSelector`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuote {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// Where the quote was, in Unicode scalar values of `Document.text` (W3C
/// `TextPositionSelector`); `end` is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPosition {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selector {
    pub quote: TextQuote,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<TextPosition>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStatus {
    /// Found where it was.
    Exact,
    /// Found, word for word, somewhere else.
    Moved,
    /// Found approximately: the user should check it.
    Fuzzy,
    /// Not found: kept aside with its quote and note.
    Orphaned,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub status: AnchorStatus,
    /// Byte range in the text, unless orphaned.
    pub range: Option<Range<usize>>,
}

impl Resolved {
    pub(crate) fn orphan() -> Self {
        Self { status: AnchorStatus::Orphaned, range: None }
    }
}

impl Selector {
    /// Selectors for a byte range of `text` (which must fall on character boundaries).
    pub fn from_range(text: &str, index: &TextIndex, range: Range<usize>) -> Self {
        let before = &text[..range.start];
        let after = &text[range.end..];
        let prefix_start = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(b, _)| b);
        let suffix_end = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(b, _)| b);
        Self {
            quote: TextQuote {
                exact: text[range.clone()].to_owned(),
                prefix: before[prefix_start..].to_owned(),
                suffix: after[..suffix_end].to_owned(),
            },
            position: Some(TextPosition {
                start: index.char_of(text, range.start),
                end: index.char_of(text, range.end),
            }),
        }
    }
}
