//! The teaching note (everything, for the instructor) and the student handout (only what
//! students may see), as Markdown; `html` makes either one self-contained HTML file.

use std::fmt::Write as _;

use crate::anchor::{Selector, TextIndex, resolve};
use crate::case::Case;
use crate::layer::Layer;
use crate::plan::Kind;
use crate::shared::SharedLayer;
use crate::timeline::chronology::Chronology;

use super::html::md_escape;

/// Text quoted in a Markdown blockquote: every line behind "> ", as the words it is (a passage
/// is text, never read as Markdown).
pub(crate) fn quote(text: &str) -> String {
    text.lines().map(|l| format!("> {}\n", md_escape(l))).collect()
}

fn options_md(kind: &Kind) -> String {
    let mut out = String::new();
    for (option, tally) in kind.options() {
        match tally {
            Some(n) => {
                let _ = writeln!(out, "   - {}: {n}", md_escape(&option));
            }
            None => {
                let _ = writeln!(out, "   - {}", md_escape(&option));
            }
        }
    }
    out
}

/// A highlighted passage as an export lists it.
struct Passage<'a> {
    target: &'a Selector,
    color: &'a str,
    tags: &'a [String],
    note: &'a str,
    private: bool,
}

/// The passages of the case as quoted text with their notes, in the order of the text.
fn passages_md<'a>(case: &Case, index: &TextIndex, passages: impl Iterator<Item = Passage<'a>>) -> String {
    let text = &case.doc.text;
    let mut found: Vec<(usize, String)> = passages
        .map(|a| {
            let range = resolve(text, index, a.target).range;
            let at = range.as_ref().map_or(usize::MAX, |r| r.start);
            let passage = range.and_then(|r| text.get(r)).unwrap_or(&a.target.quote.exact).trim().to_owned();
            let mut out = quote(&passage);
            let mut meta = vec![md_escape(a.color)];
            meta.extend(a.tags.iter().map(|t| md_escape(&format!("#{t}"))));
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
    let mut md = format!("# {} — teaching note\n\n", md_escape(&case.title()));
    if let Some(subtitle) = &case.front.meta.subtitle {
        let _ = writeln!(md, "*{}*\n", md_escape(subtitle));
    }
    let plan = &layer.plan;
    if !plan.objectives.is_empty() {
        md.push_str("## Learning objectives\n\n");
        for (i, o) in plan.objectives.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, md_escape(o));
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
            let _ = writeln!(md, "| {} | {} | {start}′ |", md_escape(&segment.title), segment.minutes);
        }
        md.push('\n');
    }
    let mut number = 0;
    let mut question_md = |q: &crate::plan::Question, md: &mut String| {
        number += 1;
        let _ = writeln!(md, "{number}. **{}** *({})*", q.text.trim(), q.kind.label());
        md.push_str(&options_md(&q.kind));
        if let Kind::CouncilVote(v) = &q.kind {
            let _ = writeln!(md, "   - Result: {}", v.outcome());
        }
        if !q.teaching_note.trim().is_empty() {
            let _ = writeln!(md, "\n   Teaching note: {}", q.teaching_note.trim().replace('\n', "\n   "));
        }
        md.push('\n');
    };
    for (i, segment) in plan.segments.iter().enumerate() {
        let closing = if segment.closing { ", closing" } else { "" };
        let _ = writeln!(md, "### {}. {} ({} min{closing})\n", i + 1, md_escape(&segment.title), segment.minutes);
        if !segment.note.trim().is_empty() {
            let _ = writeln!(md, "{}\n", segment.note.trim());
        }
        for q in layer.questions.iter().filter(|q| q.segment.as_deref() == Some(segment.id.as_str())) {
            question_md(q, &mut md);
        }
    }
    let unplanned: Vec<&crate::plan::Question> =
        layer.questions.iter().filter(|q| q.segment.as_deref().is_none_or(|id| plan.segment(id).is_none())).collect();
    if !unplanned.is_empty() {
        md.push_str(if plan.segments.is_empty() { "## Questions\n\n" } else { "### Other questions\n\n" });
        for q in unplanned {
            question_md(q, &mut md);
        }
    }
    md.push_str(&classes_md(layer));
    let index = TextIndex::new(&case.doc.text);
    let passages = passages_md(
        case,
        &index,
        layer.annotations.iter().map(|a| Passage {
            target: &a.target,
            color: layer.color_name(a.color),
            tags: &a.tags,
            note: &a.note,
            private: a.private,
        }),
    );
    if !passages.is_empty() {
        let _ = writeln!(md, "## Key passages\n\n{passages}");
    }
    let authored = (case.front.events.as_slice(), case.front.eras.as_slice());
    let chronology = Chronology::new(authored, layer.timeline(), &case.doc.text, &index, &[], false);
    if chronology.events().next().is_some() {
        md.push_str("## Timeline\n\n| Date | Event | Lane |\n|---|---|---|\n");
        for e in chronology.events() {
            let date = e.event.when();
            let lane = e.event.lane.as_deref().unwrap_or("");
            let _ = writeln!(md, "| {} | {} | {} |", md_escape(&date), md_escape(&e.event.title), md_escape(lane));
        }
    }
    md
}

/// A section per class held with live voting: each round's question and result, with the text
/// answers the room sent.
fn classes_md(layer: &Layer) -> String {
    let mut md = String::new();
    let mut records: Vec<&crate::plan::ClassRecord> = layer.records.iter().collect();
    records.sort_by_key(|r| r.held_unix_ms);
    let mut day = String::new();
    for r in records {
        if r.date() != day {
            day = r.date();
            let _ = writeln!(md, "## In class, {day}\n");
        }
        let asked = r.text.trim().replace('\n', " ");
        let _ = writeln!(md, "- **{asked}**: {}: {}", day, r.summary());
        if let Some(vote) = &r.council {
            let ballots: Vec<String> = vote
                .members()
                .filter_map(|(m, _)| vote.ballots.get(m).map(|b| format!("{m} {}", b.label().to_lowercase())))
                .collect();
            if !ballots.is_empty() {
                let _ = writeln!(md, "  - Ballots: {}", ballots.join(", "));
            }
        }
        for t in &r.texts {
            let who = t.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(md, "  - “{}”{who}", t.text.trim().replace('\n', " "));
        }
        md.push('\n');
    }
    md
}

/// What students receive: the questions (no teaching notes) and the shared passages only.
pub fn handout_md(case: &Case, layer: &SharedLayer) -> String {
    let mut md = format!("# {}\n\n", md_escape(&case.title()));
    if let Some(subtitle) = &case.front.meta.subtitle {
        let _ = writeln!(md, "*{}*\n", md_escape(subtitle));
    }
    if !layer.questions.is_empty() {
        md.push_str("## Questions to prepare\n\n");
        for (i, q) in layer.questions.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, q.text.trim());
            for (option, _) in q.kind.options() {
                let _ = writeln!(md, "   - {option}");
            }
        }
        md.push('\n');
    }
    let passages = passages_md(
        case,
        &TextIndex::new(&case.doc.text),
        layer.annotations.iter().map(|a| Passage {
            target: &a.target,
            color: layer.color_name(a.color),
            tags: &a.tags,
            note: &a.note,
            private: false,
        }),
    );
    if !passages.is_empty() {
        let _ = writeln!(md, "## Passages to read closely\n\n{passages}");
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::Results;
    use crate::testing::{SECRETS, TEXT, TempCase, layer_with_secrets};

    fn case() -> TempCase {
        TempCase::new(&format!("---\ntitle: Votes\n---\n{TEXT}\n"))
    }

    #[test]
    fn the_teaching_note_has_everything() {
        let md = teaching_note_md(&case().case, &layer_with_secrets());
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
            "## In class, 2 December 2026",
            "- **Why did the draft fail?**: 2 December 2026: 1 answer",
            "“SECRET-TEXT-ANSWER” (SECRET-STUDENT-NAME)",
        ] {
            assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
        }
    }

    #[test]
    fn nothing_private_reaches_a_handout() {
        let (case, layer) = (case(), layer_with_secrets());
        let md = handout_md(&case.case, &SharedLayer::new(&layer, Results::Leave));
        let html = super::super::html::to_html("Votes", &md);
        for secret in SECRETS {
            assert!(!md.contains(secret) && !html.contains(secret), "{secret} is in the handout:\n{md}");
        }
        assert!(md.contains("1. Why did the draft fail?"));
        assert!(md.contains("> Thirteen members voted") && md.contains("Count the votes."), "shared passages: {md}");
        assert!(!md.contains("The Assembly met"), "a private highlight is not pointed out to students");
    }
}
