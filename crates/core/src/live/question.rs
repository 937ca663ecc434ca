//! A question as the room's phones see it: made from a [`SharedQuestion`] only, so nothing that
//! is not shared (a teaching note, a segment note) can reach a phone.

use serde_json::{Value, json};

use crate::plan::plain_text;
use crate::plan::unsc::PERMANENT;
use crate::plan::{Kind, unsc::CouncilVote};
use crate::shared::{SharedLayer, SharedQuestion};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveKind {
    Choice(Vec<String>),
    Vote(Vec<String>),
    /// A Security Council vote, with the elected members sitting.
    Council(Vec<String>),
    Open,
    RolePlay,
}

impl LiveKind {
    /// The kind's name on the wire and in class records.
    pub fn tag(&self) -> &'static str {
        match self {
            Self::Choice(_) => "choice",
            Self::Vote(_) => "vote",
            Self::Council(_) => "council-vote",
            Self::Open => "open",
            Self::RolePlay => "role-play",
        }
    }

    /// The options of a choice or a vote.
    pub fn options(&self) -> &[String] {
        match self {
            Self::Choice(o) | Self::Vote(o) => o,
            _ => &[],
        }
    }
}

/// The question on show, in plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveQuestion {
    /// The question's id in the plan (never sent to phones).
    pub id: String,
    /// Its number as the slides and the plan show it.
    pub number: usize,
    pub text: String,
    pub kind: LiveKind,
}

impl LiveQuestion {
    /// The question `q` of `layer`, numbered as on the slides.
    pub fn new(layer: &SharedLayer, q: &SharedQuestion) -> Self {
        let SharedQuestion { id, text, kind, segment: _, passages: _, events: _ } = q;
        let number = layer.questions.iter().position(|x| x.id == *id).map_or(0, |i| i + 1);
        let kind = match kind {
            Kind::Open => LiveKind::Open,
            Kind::RolePlay => LiveKind::RolePlay,
            Kind::Choice { options } => LiveKind::Choice(options.clone()),
            // Tallies and ballots already in the plan are not the room's: never sent.
            Kind::Vote { options, tally: _ } => LiveKind::Vote(options.clone()),
            Kind::CouncilVote(CouncilVote { elected, ballots: _ }) => LiveKind::Council(elected.clone()),
        };
        Self { id: id.clone(), number, text: plain_text(text), kind }
    }

    /// The Council's fifteen seats, permanent five first, with whether each is permanent.
    pub fn seats(&self) -> Vec<(&str, bool)> {
        match &self.kind {
            LiveKind::Council(elected) => {
                PERMANENT.iter().map(|m| (*m, true)).chain(elected.iter().map(|m| (m.as_str(), false))).collect()
            }
            _ => Vec::new(),
        }
    }

    /// What a phone is sent, with the seats others hold marked taken.
    pub fn to_json(&self, taken: impl Fn(usize) -> bool) -> Value {
        let mut out = json!({ "number": self.number, "text": self.text, "kind": self.kind.tag() });
        match &self.kind {
            LiveKind::Choice(options) | LiveKind::Vote(options) => out["options"] = json!(options),
            LiveKind::Council(_) => {
                out["seats"] = self
                    .seats()
                    .iter()
                    .enumerate()
                    .map(|(i, (name, permanent))| json!({ "name": name, "permanent": permanent, "taken": taken(i) }))
                    .collect();
            }
            LiveKind::Open | LiveKind::RolePlay => {}
        }
        out
    }
}

/// The questions in the order the plan shows them: each segment's in turn, then those outside
/// any segment.
pub fn plan_order(layer: &SharedLayer) -> Vec<&SharedQuestion> {
    let mut out = Vec::new();
    for segment in &layer.plan.segments {
        out.extend(layer.questions.iter().filter(|q| q.segment.as_deref() == Some(segment.id.as_str())));
    }
    out.extend(layer.questions.iter().filter(|q| q.segment.as_deref().is_none_or(|id| layer.segment(id).is_none())));
    out
}
