//! A student's notes as Markdown: what they bring to class.

use std::fmt::Write as _;

use super::html::md_escape;
use super::teaching::quote;
use crate::anchor::{TextIndex, resolve};
use crate::case::Case;
use crate::layer::Layer;
use crate::plan::plain_text;
use crate::shared::{SharedLayer, SharedQuestion};

/// A student's notes on a case, to read on their own or paste into Obsidian or a word
/// processor: each section with the passages marked in it, the notes and tags; the answers
/// under their questions; and the student's own timeline events.
pub fn notes_md(case: &Case, mine: &Layer, shared: &SharedLayer, author: &str) -> String {
    let text = &case.doc.text;
    let index = TextIndex::new(text);
    let mut md = format!("# {} — my notes\n\n", md_escape(&case.title()));
    if !author.trim().is_empty() {
        let _ = writeln!(md, "*{}*\n", md_escape(author.trim()));
    }
    let outline = case.doc.outline();
    let section_of = |at: usize| {
        outline
            .iter()
            .rev()
            .find(|h| case.doc.blocks.get(h.block).is_some_and(|b| b.text.start <= at))
            .map(|h| h.title.clone())
    };
    let mut marked: Vec<(usize, &crate::layer::Annotation)> = mine
        .annotations
        .iter()
        .map(|a| (resolve(text, &index, &a.target).range.map_or(usize::MAX, |r| r.start), a))
        .collect();
    marked.sort_by_key(|(at, _)| *at);
    let mut section: Option<Option<String>> = None;
    for (at, a) in marked {
        let here = if at == usize::MAX { Some("Passages no longer in the case".to_owned()) } else { section_of(at) };
        if section.as_ref() != Some(&here) {
            let _ = writeln!(md, "## {}\n", md_escape(here.as_deref().unwrap_or("Notes")));
            section = Some(here);
        }
        md.push_str(&quote(a.target.quote.exact.trim()));
        let mut meta = vec![md_escape(mine.color_name(a.color))];
        meta.extend(a.tags.iter().map(|t| md_escape(&format!("#{t}"))));
        let _ = writeln!(md, "\n*{}*\n", meta.join(" · "));
        if !a.note.trim().is_empty() {
            let _ = writeln!(md, "{}\n", a.note.trim());
        }
    }
    let answered: Vec<(usize, &SharedQuestion, &str)> = shared
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| mine.answers.get(&q.id).map(|a| (i + 1, q, a.text.trim())))
        .filter(|(_, _, a)| !a.is_empty())
        .collect();
    if !answered.is_empty() {
        md.push_str("## Answers\n\n");
        for (n, q, answer) in answered {
            let _ = writeln!(md, "### {n}. {}\n\n{answer}\n", md_escape(&plain_text(&q.text)));
        }
    }
    if !mine.events.is_empty() {
        md.push_str("## My timeline\n\n");
        let mut events: Vec<_> = mine.events.iter().filter(|e| !e.hidden).map(|e| &e.event).collect();
        events.sort_by_key(|e| e.date);
        for e in events {
            let _ = write!(md, "- **{}** — {}", md_escape(&e.date.to_string()), md_escape(&e.title));
            if !e.description.trim().is_empty() {
                let _ = write!(md, ": {}", e.description.trim());
            }
            md.push('\n');
        }
    }
    md
}
