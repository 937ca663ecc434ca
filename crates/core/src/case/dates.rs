//! The dates a case's document mentions: the extractor, told what of the text is not prose.

use std::ops::Range;

use super::document::{BlockKind, Document, Style};
use crate::timeline::extract::{self, Mention, Structure};

/// Headings of sections that list sources or links rather than tell the case. Their dates are
/// when things were published or retrieved, not events. Compared without case and without a
/// trailing colon.
#[rustfmt::skip]
const REFERENCE_SECTIONS: &[&str] = &[
    "references", "notes", "notes and references", "footnotes", "citations", "bibliography", "sources",
    "works cited", "external links", "see also", "further reading",
];

/// Every date mention in `doc`, as [`extract::mentions_with`] finds them, leaving out code
/// blocks and spans, raw HTML (comments included), and reference sections (from a heading in
/// [`REFERENCE_SECTIONS`] to the next heading of its level or above). Link destinations are not
/// in the text at all; URLs written as text the extractor skips itself.
pub fn mentions_in(doc: &Document) -> Vec<Mention> {
    extract::mentions_with(&doc.text, &structure(doc))
}

/// What the extractor needs to know of the document's shape.
pub fn structure(doc: &Document) -> Structure {
    let mut skip: Vec<Range<usize>> = Vec::new();
    let mut headings = Vec::new();
    let mut reference_level: Option<u8> = None;
    for (b, block) in doc.blocks.iter().enumerate() {
        if let BlockKind::Heading { level, .. } = block.kind {
            headings.push(block.text.clone());
            if reference_level.is_some_and(|l| level <= l) {
                reference_level = None;
            }
            if reference_level.is_none() && is_reference_heading(doc.block_text(b)) {
                reference_level = Some(level);
            }
        }
        let whole = reference_level.is_some() || matches!(block.kind, BlockKind::Code { .. } | BlockKind::Html);
        if whole {
            push(&mut skip, block.text.clone());
            continue;
        }
        for run in doc.block_runs(b) {
            if run.style.contains(Style::CODE) {
                push(&mut skip, run.text.clone());
            }
        }
    }
    let mut emphasis = Vec::new();
    for run in doc.runs.iter().filter(|r| r.style.contains(Style::EMPHASIS)) {
        push(&mut emphasis, run.text.clone());
    }
    Structure { skip, emphasis, headings }
}

fn is_reference_heading(title: &str) -> bool {
    let title = title.trim().trim_end_matches(':').trim();
    REFERENCE_SECTIONS.iter().any(|r| r.eq_ignore_ascii_case(title))
}

/// Adds a range to a sorted list, joining it to the last when they touch.
fn push(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    match ranges.last_mut() {
        Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
        _ => ranges.push(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::parse::parse;

    /// Each mention of a Markdown body as "text: date" or "text: date..end".
    fn found(markdown: &str) -> Vec<String> {
        let doc = parse(markdown, 1);
        mentions_in(&doc)
            .into_iter()
            .map(|m| {
                let end = m.end.map(|e| format!("..{}", e.to_iso())).unwrap_or_default();
                format!("{}: {}{end}", &doc.text[m.range], m.date.to_iso())
            })
            .collect()
    }

    /// Issue 12 item 12: nothing from code spans, code blocks, raw HTML and its comments, or
    /// link destinations; a URL in the text is skipped by the extractor itself.
    #[test]
    fn code_html_and_links_are_not_read() {
        let markdown = "In 1962 the crisis began; `git log --since=2019-05-01` and <!-- revised 1988 -->.\n\n\
                        ```\nIn 1999 this was code.\n```\n\n<div>\nUpdated 2004.\n</div>\n\n\
                        See [the report](https://example.org/2017/05/report) or <https://example.org/2016/03/01>.\n\n\
                        It ended in 1963.\n";
        assert_eq!(found(markdown), ["1962: 1962", "1963: 1963"]);
    }

    /// Issue 12 item 12: a reference section is skipped to the next heading of its level or
    /// above, whatever its subsections; the story resumes after it.
    #[test]
    fn reference_sections_are_not_read() {
        let markdown = "# Crisis\n\nIt began in 1962.\n\n## See also\n\n- The 1961 invasion\n\n## References\n\n\
                        1. Smith (2004). *Thirteen Days*.\n\n### Further sources\n\nJones, 2010.\n\n\
                        ## Aftermath\n\nIn 1963 a hotline was set up.\n\n# Notes:\n\nWritten in 2024.\n";
        assert_eq!(found(markdown), ["1962: 1962", "1963: 1963"]);
    }

    /// Issue 12 item 13: the years that close a title in italics are the span its book
    /// covers, part of the title (Milestones, "Mahan's The Influence of Sea Power upon
    /// History"); a year after the comma of a caption is still a date.
    #[test]
    fn years_closing_an_italic_title_are_part_of_it() {
        let markdown = "In 1890 Mahan published *The Influence of Sea Power upon History, 1660–1783,* a \
                        revolutionary analysis.\n\n*Signing of the Alaska Treaty, 1867*\n\n\
                        *Book Cover of the 12th Edition of Thayer Mahan's The Influence of Sea Power upon History, 1660–1783*\n";
        assert_eq!(found(markdown), ["1890: 1890", "1867: 1867"]);
        // Outside italics, or not in title case, a range is a range.
        assert_eq!(found("Sea Power upon History, 1660–1783"), ["1660–1783: 1660..1783"]);
    }

    /// "The … of 1873" is a name in prose, but in a heading every word has a capital.
    #[test]
    fn headings_are_title_case() {
        assert_eq!(found("## The Events of 1962\n\nAfter the Panic of 1873, trade fell.\n"), ["1962: 1962"]);
    }
}
