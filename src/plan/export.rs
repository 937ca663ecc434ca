//! The teaching note (everything, for the instructor) and the student handout (only what
//! students may see), as Markdown and as one self-contained HTML file that prints well.

use std::fmt::Write as _;

use crate::case::Case;
use crate::notes::{Layer, TextIndex, resolve};
use crate::timeline::chronology::Chronology;

use super::Question;

/// Text quoted in a Markdown blockquote: every line behind "> ".
fn quote(text: &str) -> String {
    text.lines().map(|l| format!("> {l}\n")).collect()
}

fn options_md(q: &Question) -> String {
    let mut out = String::new();
    for (option, tally) in q.options() {
        match tally {
            Some(n) => {
                let _ = writeln!(out, "   - {option}: {n}");
            }
            None => {
                let _ = writeln!(out, "   - {option}");
            }
        }
    }
    out
}

/// The passages of the case as quoted text with the annotations' notes; `private` includes the
/// instructor-only ones.
fn passages_md(case: &Case, layer: &Layer, index: &TextIndex, private: bool) -> String {
    let text = &case.doc.text;
    let mut found: Vec<(usize, String)> = layer
        .annotations
        .iter()
        .filter(|a| private || !a.private)
        .map(|a| {
            let range = resolve(text, index, &a.target).range;
            let at = range.as_ref().map_or(usize::MAX, |r| r.start);
            let passage = range.and_then(|r| text.get(r)).unwrap_or(&a.target.quote.exact).trim().to_owned();
            let mut out = quote(&passage);
            let mut meta = vec![layer.color_name(a.color).to_owned()];
            meta.extend(a.tags.iter().map(|t| format!("#{t}")));
            if a.private {
                meta.push("private".to_owned());
            }
            let _ = writeln!(out, "\n*{}*", meta.join(" · "));
            if !a.note.trim().is_empty() {
                let _ = writeln!(out, "\n{}", a.note.trim());
            }
            (at, out)
        })
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, md)| md).collect::<Vec<_>>().join("\n")
}

/// Everything the instructor prepared: objectives, the plan, the questions with their teaching
/// notes, the key passages with every note, and the timeline.
pub fn teaching_note_md(case: &Case, layer: &Layer) -> String {
    let mut md = format!("# {} — teaching note\n\n", case.title());
    if let Some(subtitle) = &case.front.meta.subtitle {
        let _ = writeln!(md, "*{subtitle}*\n");
    }
    let plan = &layer.plan;
    if !plan.objectives.is_empty() {
        md.push_str("## Learning objectives\n\n");
        for (i, o) in plan.objectives.iter().enumerate() {
            let _ = writeln!(md, "{}. {o}", i + 1);
        }
        md.push('\n');
    }
    if !plan.segments.is_empty() {
        let _ = writeln!(md, "## Class plan: {} of {} minutes\n", plan.total_minutes(), plan.class_minutes);
        if let Some(over) = plan.over_by() {
            let _ = writeln!(md, "**The plan is {over} minutes over the class length.**\n");
        }
        md.push_str("| Segment | Minutes | Starts at |\n|---|---:|---:|\n");
        for (segment, start) in plan.segments.iter().zip(plan.starts()) {
            let _ = writeln!(md, "| {} | {} | {start}′ |", segment.title.replace('|', "\\|"), segment.minutes);
        }
        md.push('\n');
    }
    let mut number = 0;
    let mut question_md = |q: &Question, md: &mut String| {
        number += 1;
        let _ = writeln!(md, "{number}. **{}** *({})*", q.text.trim(), q.kind.label());
        md.push_str(&options_md(q));
        if let super::Kind::CouncilVote(v) = &q.kind {
            let _ = writeln!(md, "   - Result: {}", v.outcome());
        }
        if !q.teaching_note.trim().is_empty() {
            let _ = writeln!(md, "\n   Teaching note: {}", q.teaching_note.trim().replace('\n', "\n   "));
        }
        md.push('\n');
    };
    for (i, segment) in plan.segments.iter().enumerate() {
        let closing = if segment.closing { ", closing" } else { "" };
        let _ = writeln!(md, "### {}. {} ({} min{closing})\n", i + 1, segment.title, segment.minutes);
        if !segment.note.trim().is_empty() {
            let _ = writeln!(md, "{}\n", segment.note.trim());
        }
        for q in layer.questions.iter().filter(|q| q.segment.as_deref() == Some(segment.id.as_str())) {
            question_md(q, &mut md);
        }
    }
    let unplanned: Vec<&Question> =
        layer.questions.iter().filter(|q| q.segment.as_deref().is_none_or(|id| plan.segment(id).is_none())).collect();
    if !unplanned.is_empty() {
        md.push_str(if plan.segments.is_empty() { "## Questions\n\n" } else { "### Other questions\n\n" });
        for q in unplanned {
            question_md(q, &mut md);
        }
    }
    let index = TextIndex::new(&case.doc.text);
    let passages = passages_md(case, layer, &index, true);
    if !passages.is_empty() {
        let _ = writeln!(md, "## Key passages\n\n{passages}");
    }
    let chronology = Chronology::new((&case.front.events, &case.front.eras), layer, &case.doc.text, &index, &[], false);
    if chronology.events().next().is_some() {
        md.push_str("## Timeline\n\n| Date | Event | Lane |\n|---|---|---|\n");
        for e in chronology.events() {
            let date = e.event.when();
            let lane = e.event.lane.as_deref().unwrap_or("");
            let _ = writeln!(md, "| {date} | {} | {lane} |", e.event.title.replace('|', "\\|"));
        }
    }
    md
}

/// What students receive: the questions (no teaching notes) and the shared passages only.
pub fn handout_md(case: &Case, layer: &Layer) -> String {
    let mut md = format!("# {}\n\n", case.title());
    if let Some(subtitle) = &case.front.meta.subtitle {
        let _ = writeln!(md, "*{subtitle}*\n");
    }
    if !layer.questions.is_empty() {
        md.push_str("## Questions to prepare\n\n");
        for (i, q) in layer.questions.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, q.text.trim());
            for (option, _) in q.options() {
                let _ = writeln!(md, "   - {option}");
            }
        }
        md.push('\n');
    }
    let passages = passages_md(case, layer, &TextIndex::new(&case.doc.text), false);
    if !passages.is_empty() {
        let _ = writeln!(md, "## Passages to read closely\n\n{passages}");
    }
    md
}

/// A student's notes on a case, to read on their own or paste into Obsidian or a word
/// processor: each section with the passages marked in it, the notes and tags; the answers
/// under their questions; and the student's own timeline events.
pub fn notes_md(case: &Case, mine: &Layer, shared: &Layer, author: &str) -> String {
    let text = &case.doc.text;
    let index = TextIndex::new(text);
    let mut md = format!("# {} — my notes\n\n", case.title());
    if !author.trim().is_empty() {
        let _ = writeln!(md, "*{}*\n", author.trim());
    }
    let outline = case.doc.outline();
    let section_of = |at: usize| {
        outline
            .iter()
            .rev()
            .find(|h| case.doc.blocks.get(h.block).is_some_and(|b| b.text.start <= at))
            .map(|h| h.title.clone())
    };
    let mut marked: Vec<(usize, &crate::notes::Annotation)> = mine
        .annotations
        .iter()
        .map(|a| (resolve(text, &index, &a.target).range.map_or(usize::MAX, |r| r.start), a))
        .collect();
    marked.sort_by_key(|(at, _)| *at);
    let mut section: Option<Option<String>> = None;
    for (at, a) in marked {
        let here = if at == usize::MAX { Some("Passages no longer in the case".to_owned()) } else { section_of(at) };
        if section.as_ref() != Some(&here) {
            let _ = writeln!(md, "## {}\n", here.as_deref().unwrap_or("Notes"));
            section = Some(here);
        }
        md.push_str(&quote(a.target.quote.exact.trim()));
        let mut meta = vec![mine.color_name(a.color).to_owned()];
        meta.extend(a.tags.iter().map(|t| format!("#{t}")));
        let _ = writeln!(md, "\n*{}*\n", meta.join(" · "));
        if !a.note.trim().is_empty() {
            let _ = writeln!(md, "{}\n", a.note.trim());
        }
    }
    let answered: Vec<(usize, &Question, &str)> = shared
        .questions
        .iter()
        .enumerate()
        .filter_map(|(i, q)| mine.answers.get(&q.id).map(|a| (i + 1, q, a.text.trim())))
        .filter(|(_, _, a)| !a.is_empty())
        .collect();
    if !answered.is_empty() {
        md.push_str("## Answers\n\n");
        for (n, q, answer) in answered {
            let _ = writeln!(md, "### {n}. {}\n\n{answer}\n", super::plain_text(&q.text));
        }
    }
    if !mine.events.is_empty() {
        md.push_str("## My timeline\n\n");
        let mut events: Vec<_> = mine.events.iter().filter(|e| !e.hidden).map(|e| &e.event).collect();
        events.sort_by_key(|e| e.date);
        for e in events {
            let _ = write!(md, "- **{}** — {}", e.date, e.title);
            if !e.description.trim().is_empty() {
                let _ = write!(md, ": {}", e.description.trim());
            }
            md.push('\n');
        }
    }
    md
}

/// The documents a case's teaching material can be exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    TeachingNoteMd,
    TeachingNoteHtml,
    HandoutMd,
    HandoutHtml,
}

impl Document {
    pub const ALL: [Self; 4] = [Self::TeachingNoteMd, Self::TeachingNoteHtml, Self::HandoutMd, Self::HandoutHtml];

    pub fn label(self) -> &'static str {
        match self {
            Self::TeachingNoteMd => "Teaching note (Markdown)",
            Self::TeachingNoteHtml => "Teaching note (HTML, prints to PDF)",
            Self::HandoutMd => "Student handout (Markdown)",
            Self::HandoutHtml => "Student handout (HTML, prints to PDF)",
        }
    }

    pub fn render(self, case: &Case, layer: &Layer) -> String {
        match self {
            Self::TeachingNoteMd => teaching_note_md(case, layer),
            Self::TeachingNoteHtml => {
                to_html(&format!("{} — teaching note", case.title()), &teaching_note_md(case, layer))
            }
            Self::HandoutMd => handout_md(case, layer),
            Self::HandoutHtml => to_html(&case.title(), &handout_md(case, layer)),
        }
    }

    /// A file name to offer when saving it.
    pub fn file_name(self, case: &Case) -> String {
        let slug = crate::case::slugify(&case.title());
        match self {
            Self::TeachingNoteMd => format!("{slug}-teaching-note.md"),
            Self::TeachingNoteHtml => format!("{slug}-teaching-note.html"),
            Self::HandoutMd => format!("{slug}-handout.md"),
            Self::HandoutHtml => format!("{slug}-handout.html"),
        }
    }
}

const PRINT_CSS: &str = "body{font-family:Charis SIL,Georgia,serif;max-width:42em;margin:2em auto;padding:0 1em;\
line-height:1.5;color:#1f1f1f}h1,h2,h3{line-height:1.2}blockquote{margin:1em 0;padding:.2em 1em;\
border-left:4px solid #c8b560;background:#fbf7e6}table{border-collapse:collapse}td,th{border:1px solid #ccc;\
padding:.3em .6em}@media print{body{margin:0;max-width:none;font-size:11pt}h2,h3{break-after:avoid}\
blockquote,tr{break-inside:avoid}a{color:inherit}}";

/// One self-contained HTML file: the Markdown rendered, raw HTML in notes shown as text, and a
/// style sheet that prints well to PDF.
pub fn to_html(title: &str, markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
        e => e,
    });
    let mut body = String::new();
    html::push_html(&mut body, parser);
    let title = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <style>{PRINT_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::slides::tests::{SECRETS, TEXT, layer_with_secrets};

    fn case() -> Case {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("case.md");
        std::fs::write(&file, format!("---\ntitle: Votes\n---\n{TEXT}\n")).unwrap();
        crate::case::load(&file).unwrap()
    }

    #[test]
    fn the_teaching_note_has_everything() {
        let md = teaching_note_md(&case(), &layer_with_secrets());
        for expected in [
            "# Votes — teaching note",
            "1. Explain the veto",
            "## Class plan: 30 of 80 minutes",
            "### 1. The vote (30 min)",
            "SECRET-SEGMENT-NOTE",
            "Teaching note: SECRET-TEACHING-NOTE",
            "Result: Vetoed by China and Russia",
            "> China and Russia vetoed it",
            "SECRET-ANNOTATION",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
        }
    }

    #[test]
    fn nothing_private_reaches_a_handout() {
        let (case, layer) = (case(), layer_with_secrets());
        let md = handout_md(&case, &layer);
        let html = to_html("Votes", &md);
        for secret in SECRETS {
            assert!(!md.contains(secret) && !html.contains(secret), "{secret} is in the handout:\n{md}");
        }
        assert!(md.contains("1. Why did the draft fail?"));
        assert!(md.contains("> Thirteen members voted") && md.contains("Count the votes."), "shared passages: {md}");
        assert!(!md.contains("The Assembly met"), "a private highlight is not pointed out to students");
    }

    #[test]
    fn html_is_one_file_and_shows_raw_html_as_text() {
        let html = to_html("A <b>case</b>", "Note with <script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("@media print"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("<table>"));
        assert!(html.contains("<title>A &lt;b&gt;case&lt;/b&gt;</title>"));
    }
}
