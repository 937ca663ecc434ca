//! The UN Security Council's voting rule (Charter, Article 27): fifteen members, five of them
//! permanent with a veto, and nine affirmative votes to adopt a substantive draft. An abstention
//! or absence of a permanent member is not a veto.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const PERMANENT: [&str; 5] = ["China", "France", "Russia", "United Kingdom", "United States"];
pub const VOTES_NEEDED: usize = 9;
pub const ELECTED_SEATS: usize = 10;

/// The elected members of May 2022, so a new UNSC vote starts with a real Council.
pub const ELECTED_2022: [&str; ELECTED_SEATS] =
    ["Albania", "Brazil", "Gabon", "Ghana", "India", "Ireland", "Kenya", "Mexico", "Norway", "United Arab Emirates"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ballot {
    Yes,
    No,
    Abstain,
    Absent,
}

impl Ballot {
    pub const ALL: [Self; 4] = [Self::Yes, Self::No, Self::Abstain, Self::Absent];

    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::No => "No",
            Self::Abstain => "Abstain",
            Self::Absent => "Absent",
        }
    }
}

/// A Council vote on one draft: the elected members sitting, and each member's ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilVote {
    pub elected: Vec<String>,
    /// By member name; a member with no entry has not voted yet.
    #[serde(default)]
    pub ballots: BTreeMap<String, Ballot>,
}

impl Default for CouncilVote {
    fn default() -> Self {
        Self { elected: ELECTED_2022.iter().map(|s| (*s).to_owned()).collect(), ballots: BTreeMap::new() }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub yes: usize,
    pub no: usize,
    pub abstain: usize,
    pub absent: usize,
    pub not_voted: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Adopted(Counts),
    /// Nine or more votes in favour, but a permanent member voted no.
    Vetoed {
        by: Vec<String>,
        counts: Counts,
    },
    /// Fewer than nine votes in favour (whatever the permanent members did).
    Failed(Counts),
    /// Some members have not voted yet.
    Pending(Counts),
}

impl CouncilVote {
    /// All fifteen members: the permanent five, then the elected ones.
    pub fn members(&self) -> impl Iterator<Item = (&str, bool)> {
        PERMANENT.iter().map(|m| (*m, true)).chain(self.elected.iter().map(|m| (m.as_str(), false)))
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for (member, _) in self.members() {
            match self.ballots.get(member) {
                Some(Ballot::Yes) => c.yes += 1,
                Some(Ballot::No) => c.no += 1,
                Some(Ballot::Abstain) => c.abstain += 1,
                Some(Ballot::Absent) => c.absent += 1,
                None => c.not_voted += 1,
            }
        }
        c
    }

    pub fn outcome(&self) -> Outcome {
        let counts = self.counts();
        if counts.not_voted > 0 {
            return Outcome::Pending(counts);
        }
        let vetoes: Vec<String> =
            PERMANENT.iter().filter(|m| self.ballots.get(**m) == Some(&Ballot::No)).map(|m| (*m).to_owned()).collect();
        if counts.yes < VOTES_NEEDED {
            Outcome::Failed(counts)
        } else if !vetoes.is_empty() {
            Outcome::Vetoed { by: vetoes, counts }
        } else {
            Outcome::Adopted(counts)
        }
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} in favour, {} against, {} abstaining", self.yes, self.no, self.abstain)?;
        if self.absent > 0 {
            write!(f, ", {} absent", self.absent)?;
        }
        if self.not_voted > 0 {
            write!(f, ", {} yet to vote", self.not_voted)?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Adopted(c) => write!(f, "Adopted ({c})"),
            Self::Vetoed { by, counts } => write!(f, "Vetoed by {} ({counts})", join_and(by)),
            Self::Failed(c) => write!(f, "Failed: fewer than {VOTES_NEEDED} votes in favour ({c})"),
            Self::Pending(c) => write!(f, "Voting ({c})"),
        }
    }
}

fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(no: &[&str], abstain: &[&str], yes_elected: usize) -> CouncilVote {
        let mut v = CouncilVote::default();
        let all: Vec<String> = v.members().map(|(m, _)| m.to_owned()).collect();
        let mut elected_yes = 0;
        for member in all {
            let ballot = if no.contains(&member.as_str()) {
                Ballot::No
            } else if abstain.contains(&member.as_str()) {
                Ballot::Abstain
            } else if PERMANENT.contains(&member.as_str()) {
                Ballot::Yes
            } else if elected_yes < yes_elected {
                elected_yes += 1;
                Ballot::Yes
            } else {
                Ballot::Abstain
            };
            v.ballots.insert(member, ballot);
        }
        v
    }

    #[test]
    fn may_2022_draft_was_vetoed_by_china_and_russia() {
        let v = vote(&["China", "Russia"], &[], 10);
        let outcome = v.outcome();
        assert_eq!(
            outcome,
            Outcome::Vetoed {
                by: vec!["China".into(), "Russia".into()],
                counts: Counts { yes: 13, no: 2, abstain: 0, absent: 0, not_voted: 0 }
            }
        );
        assert_eq!(outcome.to_string(), "Vetoed by China and Russia (13 in favour, 2 against, 0 abstaining)");
    }

    #[test]
    fn one_veto_is_enough() {
        assert!(matches!(vote(&["Russia"], &[], 10).outcome(), Outcome::Vetoed { by, .. } if by == ["Russia"]));
    }

    #[test]
    fn unanimous_and_nine_votes_adopt() {
        assert!(matches!(vote(&[], &[], 10).outcome(), Outcome::Adopted(c) if c.yes == 15));
        // The P5 and four elected members: exactly nine.
        assert!(matches!(vote(&[], &[], 4).outcome(), Outcome::Adopted(c) if c.yes == 9));
    }

    #[test]
    fn abstentions_of_permanent_members_are_not_vetoes() {
        let v = vote(&[], &["China", "Russia"], 10);
        assert!(matches!(v.outcome(), Outcome::Adopted(c) if c.yes == 13 && c.abstain == 2));
    }

    #[test]
    fn eight_votes_fail_even_without_a_veto() {
        let v = vote(&[], &[], 3);
        assert!(matches!(v.outcome(), Outcome::Failed(c) if c.yes == 8));
        // Fewer than nine in favour fails, whether or not a permanent member also voted no.
        assert!(matches!(vote(&["China"], &[], 3).outcome(), Outcome::Failed(_)));
    }

    #[test]
    fn missing_ballots_leave_the_vote_open() {
        let mut v = vote(&[], &[], 10);
        v.ballots.remove("Kenya");
        assert!(matches!(v.outcome(), Outcome::Pending(c) if c.not_voted == 1));
    }
}
