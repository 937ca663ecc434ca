//! What the projector shows, in plan order. A slide is built only from what the class may
//! see: the types here have no room for teaching notes, private annotations or segment notes,
//! so they cannot leak onto the wall.

use crate::anchor::{Selector, TextIndex, resolve};
use crate::layer::{Color, Layer};
use crate::plan::unsc::Outcome;
use crate::plan::{Kind, plain_text};
use crate::shared::{SharedLayer, SharedQuestion};

#[derive(Clone, Debug, PartialEq)]
pub enum Slide {
    Title {
        title: String,
        subtitle: String,
    },
    /// The timeline, full width.
    Timeline,
    /// The start of a segment of the plan.
    Segment {
        title: String,
        minutes: u32,
    },
    Question {
        number: usize,
        text: String,
        kind: &'static str,
        options: Vec<(String, Option<u32>)>,
    },
    /// A passage of the case, large, with its highlight and its shared note.
    Passage {
        text: String,
        color: Color,
        note: String,
    },
    /// A vote's result as bars, with the Council's verdict for a Security Council vote.
    VoteResult {
        question: String,
        bars: Vec<(String, u32)>,
        outcome: Option<String>,
    },
}

/// A slide and the segment of the plan it belongs to (an index into `plan.segments`).
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub slide: Slide,
    pub segment: Option<usize>,
    /// The question the slide is about, for the presenter's notes.
    pub question: Option<String>,
}

/// The slides for a case, in the order of its plan: the title, the timeline, then each
/// segment with its questions, the passages they point to and vote results; questions outside
/// any segment come last.
pub fn deck(
    title: &str,
    subtitle: &str,
    layer: &SharedLayer,
    (text, index): (&str, &TextIndex),
    has_timeline: bool,
) -> Vec<Placed> {
    let mut slides = vec![Placed {
        slide: Slide::Title { title: title.to_owned(), subtitle: subtitle.to_owned() },
        segment: None,
        question: None,
    }];
    if has_timeline {
        slides.push(Placed { slide: Slide::Timeline, segment: None, question: None });
    }
    let question_slides = |q: &SharedQuestion, segment: Option<usize>, slides: &mut Vec<Placed>| {
        // Numbered as in the plan panel and the handout, so "question 3" means one thing.
        let number = layer.questions.iter().position(|x| x.id == q.id).map_or(0, |i| i + 1);
        let at = |slide| Placed { slide, segment, question: Some(q.id.clone()) };
        let asked = plain_text(&q.text);
        slides.push(at(Slide::Question {
            number,
            text: asked.clone(),
            kind: q.kind.label(),
            options: q.kind.options(),
        }));
        for passage in &q.passages {
            slides.push(at(spotlight(layer, text, index, passage)));
        }
        if q.kind.is_vote() {
            let bars = q.kind.options().into_iter().map(|(label, n)| (label, n.unwrap_or(0))).collect();
            let outcome = match &q.kind {
                Kind::CouncilVote(v) => Some(v.outcome()).filter(|o| !matches!(o, Outcome::Pending(_))),
                _ => None,
            };
            slides.push(at(Slide::VoteResult { question: asked, bars, outcome: outcome.map(|o| o.to_string()) }));
        }
    };
    for (i, segment) in layer.plan.segments.iter().enumerate() {
        slides.push(Placed {
            slide: Slide::Segment { title: segment.title.clone(), minutes: segment.minutes },
            segment: Some(i),
            question: None,
        });
        for q in layer.questions.iter().filter(|q| q.segment.as_deref() == Some(segment.id.as_str())) {
            question_slides(q, Some(i), &mut slides);
        }
    }
    let unplanned = |q: &&SharedQuestion| q.segment.as_deref().is_none_or(|id| layer.segment(id).is_none());
    for q in layer.questions.iter().filter(unplanned) {
        question_slides(q, None, &mut slides);
    }
    slides
}

/// A passage as the class sees it: in the colour of a shared highlight over it, with that
/// highlight's note; a private highlight lends neither.
fn spotlight(layer: &SharedLayer, text: &str, index: &TextIndex, passage: &Selector) -> Slide {
    let range = resolve(text, index, passage).range;
    let shown = range.as_ref().and_then(|r| text.get(r.clone())).unwrap_or(&passage.quote.exact);
    let shared = range.as_ref().and_then(|r| {
        layer
            .annotations
            .iter()
            .find(|a| resolve(text, index, &a.target).range.is_some_and(|ar| ar.start < r.end && r.start < ar.end))
    });
    Slide::Passage {
        text: shown.trim().to_owned(),
        color: shared.map_or(Color::KeyFact, |a| a.color),
        note: shared.map(|a| plain_text(&a.note)).unwrap_or_default(),
    }
}

/// The instructor's notes for a slide: the question's teaching note, or the segment's note.
pub fn speaker_notes(placed: &Placed, layer: &Layer) -> String {
    if let Some(q) = placed.question.as_deref().and_then(|id| layer.questions.get(id)) {
        return q.teaching_note.clone();
    }
    match (&placed.slide, placed.segment) {
        (Slide::Segment { .. }, Some(i)) => layer.plan.segments.get(i).map(|s| s.note.clone()).unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::Results;
    use crate::testing::{SECRETS, TEXT, layer_with_secrets};

    fn slides(layer: &Layer) -> Vec<Placed> {
        let shared = SharedLayer::new(layer, Results::Include);
        deck("Votes", "A sample", &shared, (TEXT, &TextIndex::new(TEXT)), true)
    }

    #[test]
    fn slides_follow_the_plan() {
        let layer = layer_with_secrets();
        let deck = slides(&layer);
        let kinds: Vec<&str> = deck
            .iter()
            .map(|p| match p.slide {
                Slide::Title { .. } => "title",
                Slide::Timeline => "timeline",
                Slide::Segment { .. } => "segment",
                Slide::Question { .. } => "question",
                Slide::Passage { .. } => "passage",
                Slide::VoteResult { .. } => "result",
            })
            .collect();
        assert_eq!(kinds, ["title", "timeline", "segment", "question", "passage", "question", "result"]);
        let Slide::VoteResult { outcome, bars, .. } = &deck[6].slide else { panic!() };
        assert_eq!(outcome.as_deref(), Some("Vetoed by China and Russia (13 in favour, 2 against, 0 abstaining)"));
        assert_eq!(bars[0], ("Yes".to_owned(), 13));
        assert_eq!(speaker_notes(&deck[3], &layer), "SECRET-TEACHING-NOTE", "the console shows the note");
        assert_eq!(speaker_notes(&deck[2], &layer), "SECRET-SEGMENT-NOTE");
    }

    #[test]
    fn nothing_private_reaches_a_slide() {
        let shown = format!("{:?}", slides(&layer_with_secrets()));
        for secret in SECRETS {
            assert!(!shown.contains(secret), "{secret} is on a slide: {shown}");
        }
        assert!(shown.contains("China and Russia vetoed it"), "the passage itself is shown");
    }
}
