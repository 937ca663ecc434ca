//! Discussion questions: what the instructor asks, with the passages and events it is about and
//! a private teaching note.

use serde::{Deserialize, Serialize};

use super::unsc::CouncilVote;
use crate::anchor::Selector;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Kind {
    /// Open discussion.
    Open,
    /// The class picks one of the options (a cold call, a show of hands).
    Choice { options: Vec<String> },
    /// A vote with a tally per option.
    Vote { options: Vec<String>, tally: Vec<u32> },
    /// A vote under the UN Security Council's rule, one ballot per member.
    CouncilVote(CouncilVote),
    /// Students speak for an actor in the case.
    RolePlay,
}

impl Kind {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Open => "Open discussion",
            Self::Choice { .. } => "Forced choice",
            Self::Vote { .. } => "Vote",
            Self::CouncilVote(_) => "Security Council vote",
            Self::RolePlay => "Role-play",
        }
    }

    /// The options shown with a question of this kind, if any, with their tallies for a vote.
    pub fn options(&self) -> Vec<(String, Option<u32>)> {
        match self {
            Kind::Choice { options } => options.iter().map(|o| (o.clone(), None)).collect(),
            Kind::Vote { options, tally } => {
                options.iter().enumerate().map(|(i, o)| (o.clone(), Some(tally.get(i).copied().unwrap_or(0)))).collect()
            }
            Kind::CouncilVote(v) => {
                let c = v.counts();
                vec![
                    ("Yes".into(), Some(c.yes as u32)),
                    ("No".into(), Some(c.no as u32)),
                    ("Abstain".into(), Some(c.abstain as u32)),
                ]
            }
            Kind::Open | Kind::RolePlay => Vec::new(),
        }
    }

    pub fn is_vote(&self) -> bool {
        matches!(self, Kind::Vote { .. } | Kind::CouncilVote(_))
    }

    /// A kind of each sort, empty, for the editor's menu.
    pub fn blank_kinds() -> [Self; 5] {
        [
            Self::Open,
            Self::Choice { options: vec!["Yes".into(), "No".into()] },
            Self::Vote { options: vec!["For".into(), "Against".into(), "Abstain".into()], tally: vec![0; 3] },
            Self::CouncilVote(CouncilVote::default()),
            Self::RolePlay,
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    /// Markdown.
    pub text: String,
    #[serde(flatten)]
    pub kind: Kind,
    /// Instructor-private: never in a handout, a student pack or on a slide.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub teaching_note: String,
    /// The segment of the class plan it is asked in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// Passages it is about, anchored like annotations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Selector>,
    /// Timeline events it is about, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    pub created_unix_ms: u64,
    pub modified_unix_ms: u64,
}

impl Question {
    pub fn new(id: impl Into<String>, text: impl Into<String>, now_unix_ms: u64) -> Self {
        Self {
            id: id.into(),
            text: text.into(),
            kind: Kind::Open,
            teaching_note: String::new(),
            segment: None,
            passages: Vec::new(),
            events: Vec::new(),
            created_unix_ms: now_unix_ms,
            modified_unix_ms: now_unix_ms,
        }
    }

    /// The options shown with the question, if any, with their tallies for a vote.
    pub fn options(&self) -> Vec<(String, Option<u32>)> {
        self.kind.options()
    }

    pub fn is_vote(&self) -> bool {
        self.kind.is_vote()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_tagged_in_files() {
        let mut q = Question::new("q1", "Should the Council act?", 1);
        q.kind = Kind::Vote { options: vec!["For".into(), "Against".into()], tally: vec![12, 3] };
        let json = serde_json::to_value(&q).unwrap();
        assert_eq!(json["kind"], "vote");
        assert_eq!(json["tally"], serde_json::json!([12, 3]));
        let back: Question = serde_json::from_value(json).unwrap();
        assert_eq!(back, q);
        assert_eq!(back.options()[1], ("Against".to_owned(), Some(3)));
        let mut council = Question::new("q2", "Vote on the draft", 1);
        council.kind = Kind::CouncilVote(CouncilVote::default());
        let json = serde_json::to_value(&council).unwrap();
        assert_eq!(json["kind"], "council-vote");
        assert_eq!(serde_json::from_value::<Question>(json).unwrap(), council);
    }
}
