//! What students, the projector, handouts and phones may see of an instructor's layer.
//!
//! These types are built from a [`Layer`] by destructuring every struct with all of its
//! fields named and no `..`: a field added to a layer type does not compile until someone
//! writes down here whether it is shared. Packs, handouts, slides, a student's view and search,
//! and the room server take only these types.

use std::collections::BTreeMap;

use crate::anchor::Selector;
use crate::layer::{Annotation, Color, Items, Layer};
use crate::plan::record::{ClassRecord, OptionCount};
use crate::plan::unsc::CouncilVote;
use crate::plan::{Kind, Plan, Question, Segment};
use crate::timeline::{Era, Event, LayerEra, LayerEvent, Media, TimelineTitle};

/// Whether vote tallies and Council ballots are shared. Students get a pack before class, when
/// the results would tell them how the room voted; the projector shows them when asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Results {
    Include,
    Leave,
}

/// An instructor's layer as one viewer sees it: the instructor all of it, anyone else what is
/// shared.
#[derive(Clone, Copy, Debug)]
pub enum LayerView<'a> {
    Full(&'a Layer),
    Shared(&'a SharedLayer),
}

impl<'a> LayerView<'a> {
    /// What is shared of it.
    pub fn shared(self, results: Results) -> std::borrow::Cow<'a, SharedLayer> {
        match self {
            LayerView::Full(layer) => std::borrow::Cow::Owned(SharedLayer::new(layer, results)),
            LayerView::Shared(shared) => std::borrow::Cow::Borrowed(shared),
        }
    }
}

/// An instructor's layer as others may see it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SharedLayer {
    pub color_names: BTreeMap<Color, String>,
    /// The highlights not marked private.
    pub annotations: Vec<SharedAnnotation>,
    /// The instructor's timeline events (additions, edits and hides of authored ones).
    pub events: Vec<LayerEvent>,
    pub eras: Vec<LayerEra>,
    pub timeline_title: Option<TimelineTitle>,
    pub questions: Vec<SharedQuestion>,
    pub plan: SharedPlan,
    /// The class records of live rounds, without the text answers and names (the
    /// instructor's alone); only when results are shared.
    pub records: Vec<SharedRecord>,
}

/// A class record as others may see it: the question, the counts and the Council's ballots.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedRecord {
    pub id: String,
    pub question: String,
    pub text: String,
    pub kind: String,
    pub held_unix_ms: u64,
    pub answers: u32,
    pub options: Vec<OptionCount>,
    pub council: Option<CouncilVote>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SharedAnnotation {
    pub id: String,
    pub target: Selector,
    pub color: Color,
    pub note: String,
    pub tags: Vec<String>,
}

/// A question without its teaching note.
#[derive(Clone, Debug, PartialEq)]
pub struct SharedQuestion {
    pub id: String,
    pub text: String,
    pub kind: Kind,
    pub segment: Option<String>,
    pub passages: Vec<Selector>,
    pub events: Vec<String>,
}

/// The plan without the segments' private notes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SharedPlan {
    pub objectives: Vec<String>,
    pub class_minutes: u32,
    pub segments: Vec<SharedSegment>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SharedSegment {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub closing: bool,
}

impl SharedLayer {
    pub fn new(layer: &Layer, results: Results) -> Self {
        let Layer {
            format: _,
            version: _,
            color_names,
            annotations,
            events,
            eras,
            // The instructor's housekeeping: which suggestions they turned down.
            dismissed: _,
            timeline_title,
            questions,
            plan,
            // A student's own answers; an instructor's layer has none to share.
            answers: _,
            records,
        } = layer;
        Self {
            color_names: color_names.clone(),
            annotations: annotations.iter().filter_map(shared_annotation).collect(),
            events: events.iter().map(shared_event).collect(),
            eras: eras.iter().map(shared_era).collect(),
            timeline_title: timeline_title.as_ref().map(|TimelineTitle { headline, text, kept }| TimelineTitle {
                headline: headline.clone(),
                text: text.clone(),
                kept: kept.clone(),
            }),
            questions: questions.iter().map(|q| shared_question(q, results)).collect(),
            plan: shared_plan(plan),
            records: match results {
                Results::Include => records.iter().map(shared_record).collect(),
                Results::Leave => Vec::new(),
            },
        }
    }

    pub fn color_name(&self, color: Color) -> &str {
        self.color_names.get(&color).map_or(color.default_name(), String::as_str)
    }

    pub fn question(&self, id: &str) -> Option<&SharedQuestion> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn segment(&self, id: &str) -> Option<&SharedSegment> {
        self.plan.segments.iter().find(|s| s.id == id)
    }

    /// What this adds to the case's timeline, as a layer would.
    pub fn timeline(&self) -> crate::timeline::chronology::LayerTimeline<'_> {
        crate::timeline::chronology::LayerTimeline { events: &self.events, eras: &self.eras, dismissed: None }
    }

    /// A layer holding only what is shared, for a student's case pack: the file a student's
    /// Casebook reads as the instructor's.
    pub fn to_layer(&self) -> Layer {
        let now = 0;
        let annotations: Items<Annotation> = self
            .annotations
            .iter()
            .map(|a| Annotation {
                id: a.id.clone(),
                target: a.target.clone(),
                color: a.color,
                note: a.note.clone(),
                tags: a.tags.clone(),
                private: false,
                created_unix_ms: now,
                modified_unix_ms: now,
                replies: Vec::new(),
                origin: None,
            })
            .collect();
        let questions: Items<Question> = self
            .questions
            .iter()
            .map(|q| Question {
                id: q.id.clone(),
                text: q.text.clone(),
                kind: q.kind.clone(),
                teaching_note: String::new(),
                segment: q.segment.clone(),
                passages: q.passages.clone(),
                events: q.events.clone(),
                created_unix_ms: now,
                modified_unix_ms: now,
            })
            .collect();
        let plan = Plan {
            objectives: self.plan.objectives.clone(),
            class_minutes: self.plan.class_minutes,
            segments: self
                .plan
                .segments
                .iter()
                .map(|s| Segment {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    minutes: s.minutes,
                    note: String::new(),
                    closing: s.closing,
                })
                .collect(),
        };
        Layer {
            color_names: self.color_names.clone(),
            annotations,
            events: self.events.iter().cloned().collect(),
            eras: self.eras.iter().cloned().collect(),
            timeline_title: self.timeline_title.clone(),
            questions,
            plan,
            records: self
                .records
                .iter()
                .map(|r| ClassRecord {
                    id: r.id.clone(),
                    question: r.question.clone(),
                    text: r.text.clone(),
                    kind: r.kind.clone(),
                    held_unix_ms: r.held_unix_ms,
                    answers: r.answers,
                    options: r.options.clone(),
                    council: r.council.clone(),
                    texts: Vec::new(),
                    created_unix_ms: now,
                    modified_unix_ms: now,
                })
                .collect(),
            ..Layer::default()
        }
    }
}

fn shared_annotation(a: &Annotation) -> Option<SharedAnnotation> {
    let Annotation {
        id,
        target,
        color,
        note,
        tags,
        private,
        created_unix_ms: _,
        modified_unix_ms: _,
        // A thread from another tool, and where it came from: the instructor's sources.
        replies: _,
        origin: _,
    } = a;
    (!private).then(|| SharedAnnotation {
        id: id.clone(),
        target: target.clone(),
        color: *color,
        note: note.clone(),
        tags: tags.clone(),
    })
}

fn shared_event(e: &LayerEvent) -> LayerEvent {
    // Where an event was imported from is the instructor's business; the event is shared.
    let LayerEvent { event, hidden, created_unix_ms, modified_unix_ms, origin: _ } = e;
    let Event { id, date, end, title, lane, description, media, anchor, kept, line } = event;
    let media = media.as_ref().map(|Media { url, caption, credit }| Media {
        url: url.clone(),
        caption: caption.clone(),
        credit: credit.clone(),
    });
    LayerEvent {
        event: Event {
            id: id.clone(),
            date: *date,
            end: *end,
            title: title.clone(),
            lane: lane.clone(),
            description: description.clone(),
            media,
            anchor: anchor.clone(),
            kept: kept.clone(),
            line: *line,
        },
        hidden: *hidden,
        created_unix_ms: *created_unix_ms,
        modified_unix_ms: *modified_unix_ms,
        origin: None,
    }
}

fn shared_era(e: &LayerEra) -> LayerEra {
    let LayerEra { id, era, hidden, created_unix_ms, modified_unix_ms } = e;
    let Era { title, start, end } = era;
    LayerEra {
        id: id.clone(),
        era: Era { title: title.clone(), start: *start, end: *end },
        hidden: *hidden,
        created_unix_ms: *created_unix_ms,
        modified_unix_ms: *modified_unix_ms,
    }
}

fn shared_question(q: &Question, results: Results) -> SharedQuestion {
    let Question {
        id,
        text,
        kind,
        // Instructor-private.
        teaching_note: _,
        segment,
        passages,
        events,
        created_unix_ms: _,
        modified_unix_ms: _,
    } = q;
    let kind = match (kind, results) {
        (Kind::Vote { options, tally }, Results::Leave) => {
            Kind::Vote { options: options.clone(), tally: vec![0; tally.len()] }
        }
        (Kind::CouncilVote(CouncilVote { elected, ballots: _ }), Results::Leave) => {
            Kind::CouncilVote(CouncilVote { elected: elected.clone(), ballots: BTreeMap::new() })
        }
        (kind, _) => kind.clone(),
    };
    SharedQuestion {
        id: id.clone(),
        text: text.clone(),
        kind,
        segment: segment.clone(),
        passages: passages.clone(),
        events: events.clone(),
    }
}

fn shared_record(r: &ClassRecord) -> SharedRecord {
    let ClassRecord {
        id,
        question,
        text,
        kind,
        held_unix_ms,
        answers,
        options,
        council,
        // What students wrote, and their names: the instructor's alone.
        texts: _,
        created_unix_ms: _,
        modified_unix_ms: _,
    } = r;
    SharedRecord {
        id: id.clone(),
        question: question.clone(),
        text: text.clone(),
        kind: kind.clone(),
        held_unix_ms: *held_unix_ms,
        answers: *answers,
        options: options
            .iter()
            .map(|OptionCount { option, count }| OptionCount { option: option.clone(), count: *count })
            .collect(),
        council: council
            .as_ref()
            .map(|CouncilVote { elected, ballots }| CouncilVote { elected: elected.clone(), ballots: ballots.clone() }),
    }
}

fn shared_plan(plan: &Plan) -> SharedPlan {
    let Plan { objectives, class_minutes, segments } = plan;
    SharedPlan {
        objectives: objectives.clone(),
        class_minutes: *class_minutes,
        segments: segments
            .iter()
            .map(|s| {
                let Segment { id, title, minutes, note: _, closing } = s;
                SharedSegment { id: id.clone(), title: title.clone(), minutes: *minutes, closing: *closing }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
