//! Highlights as the reader paints them: the annotations' passages where they anchored,
//! sorted, with what finds those in a range of the text quickly.

use std::ops::Range;

use crate::anchor::AnchorStatus;
use crate::layer::Color;

/// A highlight: an annotation's passage, where it anchored.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Byte range in `Document::text`.
    pub range: Range<usize>,
    pub color: Color,
    pub id: String,
    pub status: AnchorStatus,
    /// Shown when the pointer rests on the highlight.
    pub note: String,
}

/// The highlights of a case, sorted, with what finds those in a range quickly.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    items: Vec<Mark>,
    /// `max_end[i]` is the largest end among `items[..=i]`: it grows, so a binary search on it
    /// skips every mark that ends before a range.
    max_end: Vec<usize>,
}

impl Marks {
    pub fn new(mut items: Vec<Mark>) -> Self {
        items.sort_by_key(|m| (m.range.start, m.range.end));
        let mut end = 0;
        let max_end = items
            .iter()
            .map(|m| {
                end = end.max(m.range.end);
                end
            })
            .collect();
        Self { items, max_end }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The marks that overlap `range`.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Mark> {
        let first = self.max_end.partition_point(|&end| end <= range.start);
        let last = self.items.partition_point(|m| m.range.start < range.end);
        self.items[first..last.max(first)].iter().filter(move |m| m.range.end > range.start)
    }

    /// Changes the note shown with one mark: typing a note must not sort ten thousand marks.
    pub fn set_note(&mut self, id: &str, note: &str) {
        if let Some(m) = self.items.iter_mut().find(|m| m.id == id) {
            note.clone_into(&mut m.note);
        }
    }

    /// The innermost mark under a text offset: the shortest of those containing it.
    pub fn at(&self, offset: usize) -> Option<&Mark> {
        self.overlapping(offset..offset + 1).min_by_key(|m| m.range.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(range: Range<usize>, id: &str) -> Mark {
        Mark { range, color: Color::Actor, id: id.into(), status: AnchorStatus::Exact, note: String::new() }
    }

    #[test]
    fn finds_overlapping_marks_including_long_ones() {
        let marks = Marks::new(vec![mark(0..1000, "long"), mark(10..20, "a"), mark(30..40, "b"), mark(500..510, "c")]);
        let ids = |r| marks.overlapping(r).map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(15..35), ["long", "a", "b"]);
        assert_eq!(ids(2000..3000), Vec::<String>::new());
        assert_eq!(ids(505..506), ["long", "c"]);
        assert_eq!(marks.at(35).unwrap().id, "b", "the innermost wins");
    }
}
