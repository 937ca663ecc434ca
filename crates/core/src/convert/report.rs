//! What an import found, and what it left out or is unsure of, for the user to read.

use std::fmt;

use pulldown_cmark::{Event, Parser, Tag};

use super::{Converted, Kind};

/// Something the user should know about a conversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    /// The page of the original it concerns, for a format with pages.
    pub page: Option<u32>,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Part of the document did not come into the case (an image that could not be decoded,
    /// a remote image that was not fetched).
    LeftOut,
    /// It came in, but perhaps not as it was meant (a table kept as text).
    Uncertain,
}

impl Note {
    pub fn left_out(page: Option<u32>, message: impl Into<String>) -> Self {
        Note { kind: NoteKind::LeftOut, page, message: message.into() }
    }

    pub fn uncertain(page: Option<u32>, message: impl Into<String>) -> Self {
        Note { kind: NoteKind::Uncertain, page, message: message.into() }
    }
}

/// The import report: counted from the Markdown that was written, so it says what the case
/// holds, not what a converter meant to put in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub kind: Kind,
    pub pages: Option<u32>,
    pub sections: usize,
    pub footnotes: usize,
    pub tables: usize,
    pub images: usize,
    pub words: usize,
    pub notes: Vec<Note>,
}

impl Report {
    pub fn of(kind: Kind, converted: &Converted) -> Self {
        let mut report = Report {
            kind,
            pages: converted.pages,
            sections: 0,
            footnotes: 0,
            tables: 0,
            images: 0,
            words: 0,
            notes: converted.notes.clone(),
        };
        for event in Parser::new_ext(&converted.body, crate::case::parse::markdown_options()) {
            match event {
                Event::Start(Tag::Heading { .. }) => report.sections += 1,
                Event::Start(Tag::FootnoteDefinition(_)) => report.footnotes += 1,
                Event::Start(Tag::Table(_)) => report.tables += 1,
                Event::Start(Tag::Image { .. }) => report.images += 1,
                Event::Text(text) => report.words += text.split_whitespace().count(),
                _ => {}
            }
        }
        report
    }

    /// One line saying what was found, such as "12 pages: 8 sections, 14 footnotes, 2 tables,
    /// 3 images, 5,210 words".
    pub fn summary(&self) -> String {
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let found = [
            count(self.sections, "section", "sections"),
            count(self.footnotes, "footnote", "footnotes"),
            count(self.tables, "table", "tables"),
            count(self.images, "image", "images"),
            count(self.words, "word", "words"),
        ]
        .join(", ");
        match self.pages {
            Some(pages) => format!("{} of {}: {found}", self.kind.name(), count(pages as usize, "page", "pages")),
            None => format!("{}: {found}", self.kind.name()),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            NoteKind::LeftOut => "left out",
            NoteKind::Uncertain => "uncertain",
        };
        match self.page {
            Some(page) => write!(f, "page {page}: {what}: {}", self.message),
            None => write!(f, "{what}: {}", self.message),
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary())?;
        for note in &self.notes {
            writeln!(f, "  {note}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_the_markdown_holds() {
        let converted = Converted {
            body: "# One\n\nText[^1] here.\n\n## Two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n![Map](images/map.png)\n\n[^1]: A note.\n".into(),
            pages: Some(3),
            notes: vec![Note::uncertain(Some(2), "a table kept as text")],
            ..Converted::default()
        };
        let report = Report::of(Kind::Pdf, &converted);
        assert_eq!((report.sections, report.footnotes, report.tables, report.images), (2, 1, 1, 1));
        assert_eq!(report.summary(), "PDF of 3 pages: 2 sections, 1 footnote, 1 table, 1 image, 11 words");
        assert_eq!(report.to_string().lines().nth(1), Some("  page 2: uncertain: a table kept as text"));
    }
}
