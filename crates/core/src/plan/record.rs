//! The class record: what the room answered to one question in one class, kept in the
//! instructor's layer as a dated item (the question as asked, the tallies, the Council's ballots
//! by seat, the text answers).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::unsc::{Ballot, CouncilVote, Outcome};

/// One round of answers from the room's phones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRecord {
    pub id: String,
    /// The question's id in the plan.
    pub question: String,
    /// The question as it was asked, in plain text (the plan may change later).
    pub text: String,
    /// The question's kind when asked: `choice`, `vote`, `council-vote`, `open` or `role-play`.
    pub kind: String,
    /// When the round started.
    pub held_unix_ms: u64,
    /// How many phones answered.
    pub answers: u32,
    /// For a forced choice or a vote: each option with its count, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionCount>,
    /// For a Security Council vote: the elected members sitting, and the ballots by seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<CouncilVote>,
    /// For an open question or a role-play: the answers. Private to the instructor, as are the
    /// names students gave.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<TextAnswer>,
    pub created_unix_ms: u64,
    pub modified_unix_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionCount {
    pub option: String,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextAnswer {
    pub text: String,
    /// The name the student gave, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The Council's verdict on ballots cast in class: a seat nobody voted for counts as absent,
/// which under Article 27 is not a veto.
pub fn verdict(vote: &CouncilVote) -> Outcome {
    let mut closed = vote.clone();
    let members: Vec<String> = vote.members().map(|(m, _)| m.to_owned()).collect();
    for member in members {
        closed.ballots.entry(member).or_insert(Ballot::Absent);
    }
    closed.outcome()
}

/// The verdict in the words of a class record: "13 in favour, 2 against: vetoed by China and
/// Russia".
pub fn verdict_summary(vote: &CouncilVote) -> String {
    let outcome = verdict(vote);
    let counts = vote.counts();
    let mut out = format!("{} in favour, {} against", counts.yes, counts.no);
    if counts.abstain > 0 {
        out.push_str(&format!(", {} abstaining", counts.abstain));
    }
    if counts.not_voted > 0 {
        out.push_str(&format!(", {} not voting", counts.not_voted));
    }
    let words = match outcome {
        Outcome::Adopted(_) => "adopted".to_owned(),
        Outcome::Vetoed { by, .. } => format!("vetoed by {}", join_and(&by)),
        Outcome::Failed(_) => format!("failed, fewer than {} in favour", super::unsc::VOTES_NEEDED),
        Outcome::Pending(_) => "pending".to_owned(),
    };
    format!("{out}: {words}")
}

fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl ClassRecord {
    /// The result in one line: the counts of a vote, the Council's verdict, or how many
    /// answered.
    pub fn summary(&self) -> String {
        if let Some(vote) = &self.council {
            return verdict_summary(vote);
        }
        if !self.options.is_empty() {
            let counts: Vec<String> = self.options.iter().map(|o| format!("{} {}", o.option, o.count)).collect();
            return format!("{} ({} answered)", counts.join(", "), self.answers);
        }
        match self.answers {
            1 => "1 answer".to_owned(),
            n => format!("{n} answers"),
        }
    }

    /// The day it was held, as "2 December 2026" (UTC).
    pub fn date(&self) -> String {
        let (y, m, d) = crate::timeline::civil_from_days((self.held_unix_ms / 86_400_000) as i64);
        format!("{d} {} {y}", crate::timeline::MONTHS[(m as usize).saturating_sub(1).min(11)])
    }

    /// The ballots by seat, for a Council vote.
    pub fn ballots(&self) -> BTreeMap<String, Ballot> {
        self.council.as_ref().map(|c| c.ballots.clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn council(no: &[&str], yes: usize) -> CouncilVote {
        let mut v = CouncilVote::default();
        let members: Vec<String> = v.members().map(|(m, _)| m.to_owned()).collect();
        let mut given = 0;
        for m in members {
            if no.contains(&m.as_str()) {
                v.ballots.insert(m, Ballot::No);
            } else if given < yes {
                given += 1;
                v.ballots.insert(m, Ballot::Yes);
            }
        }
        v
    }

    #[test]
    fn the_verdict_reads_as_a_record_line() {
        assert_eq!(
            verdict_summary(&council(&["China", "Russia"], 13)),
            "13 in favour, 2 against: vetoed by China and Russia"
        );
        assert_eq!(verdict_summary(&council(&[], 9)), "9 in favour, 0 against, 6 not voting: adopted");
        assert_eq!(
            verdict_summary(&council(&["France"], 3)),
            "3 in favour, 1 against, 11 not voting: failed, fewer than 9 in favour"
        );
    }

    #[test]
    fn dates_are_days() {
        let record = ClassRecord {
            id: "r".into(),
            question: "q".into(),
            text: "?".into(),
            kind: "vote".into(),
            held_unix_ms: 1_796_212_800_000, // 2 December 2026, 12:00 UTC
            answers: 3,
            options: vec![
                OptionCount { option: "Yes".into(), count: 2 },
                OptionCount { option: "No".into(), count: 1 },
            ],
            council: None,
            texts: Vec::new(),
            created_unix_ms: 1,
            modified_unix_ms: 1,
        };
        assert_eq!(record.date(), "2 December 2026");
        assert_eq!(record.summary(), "Yes 2, No 1 (3 answered)");
    }
}
