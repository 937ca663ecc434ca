//! One round of a question: each device's answer, the Council's seats, the tally, and the class
//! record it becomes. Every answer is checked against the question before it counts.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde_json::{Value, json};

use super::question::{LiveKind, LiveQuestion};
use crate::plan::record::{ClassRecord, OptionCount, TextAnswer, verdict};
use crate::plan::unsc::{Ballot, CouncilVote, Outcome};

pub const MAX_TEXT_CHARS: usize = 500;
pub const MAX_NAME_CHARS: usize = 40;

/// A phone, numbered in the order it first came.
pub type DeviceId = u32;

/// What one device answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Option(usize),
    /// A Council seat held, with its ballot once cast (a seat the instructor assigned has none
    /// yet).
    Seat {
        seat: usize,
        ballot: Option<Ballot>,
    },
    Text(String),
}

/// The body of `POST /{code}/answer`. Unknown fields are refused.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerIn {
    pub option: Option<usize>,
    pub seat: Option<String>,
    pub ballot: Option<Ballot>,
    pub text: Option<String>,
    pub name: Option<String>,
}

/// Why an answer was refused; nothing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reject {
    NoQuestion,
    Closed,
    WrongKind,
    UnknownOption,
    UnknownSeat,
    UnknownBallot,
    SeatTaken,
    TooLong,
    Empty,
    TooManyDevices,
}

impl Reject {
    /// The word in the error body, as docs/LIVE.md lists them.
    pub fn code(self) -> &'static str {
        match self {
            Self::NoQuestion => "no-question",
            Self::Closed => "closed",
            Self::WrongKind => "wrong-kind",
            Self::UnknownOption => "unknown-option",
            Self::UnknownSeat => "unknown-seat",
            Self::UnknownBallot => "unknown-ballot",
            Self::SeatTaken => "seat-taken",
            Self::TooLong => "too-long",
            Self::Empty => "empty",
            Self::TooManyDevices => "too-many-devices",
        }
    }
}

/// Control characters (but newlines) dropped, ends trimmed.
pub fn clean_text(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || *c == '\n').collect::<String>().trim().to_owned()
}

/// The tally of a round.
#[derive(Clone, Debug, PartialEq)]
pub enum Tally {
    Options { options: Vec<String>, counts: Vec<u32>, answers: usize },
    Council { vote: CouncilVote, answers: usize },
    Texts { answers: usize },
}

impl Tally {
    pub fn answers(&self) -> usize {
        match self {
            Tally::Options { answers, .. } | Tally::Council { answers, .. } | Tally::Texts { answers } => *answers,
        }
    }

    /// Label and count of each bar: the options, or Yes, No and Abstain.
    pub fn bars(&self) -> Vec<(String, u32)> {
        match self {
            Tally::Options { options, counts, .. } => options.iter().cloned().zip(counts.iter().copied()).collect(),
            Tally::Council { vote, .. } => {
                let c = vote.counts();
                vec![("Yes".into(), c.yes as u32), ("No".into(), c.no as u32), ("Abstain".into(), c.abstain as u32)]
            }
            Tally::Texts { .. } => Vec::new(),
        }
    }

    /// The Council's verdict so far, a seat with no ballot counting as absent.
    pub fn verdict(&self) -> Option<Outcome> {
        match self {
            Tally::Council { vote, .. } => Some(verdict(vote)),
            _ => None,
        }
    }

    /// As phones see it once revealed (docs/LIVE.md).
    pub fn to_json(&self) -> Value {
        match self {
            Tally::Options { counts, answers, .. } => json!({ "counts": counts, "answers": answers }),
            Tally::Council { vote, answers } => {
                let c = vote.counts();
                let (vetoed_by, outcome) = match verdict(vote) {
                    Outcome::Adopted(_) => (Vec::new(), "adopted"),
                    Outcome::Vetoed { by, .. } => (by, "vetoed"),
                    Outcome::Failed(_) => (Vec::new(), "failed"),
                    Outcome::Pending(_) => (Vec::new(), "pending"),
                };
                json!({ "yes": c.yes, "no": c.no, "abstain": c.abstain, "not_voted": c.not_voted,
                        "answers": answers, "vetoed_by": vetoed_by, "outcome": outcome })
            }
            Tally::Texts { answers } => json!({ "answers": answers }),
        }
    }
}

/// One round of one question.
#[derive(Clone, Debug)]
pub struct Round {
    pub question: LiveQuestion,
    pub open: bool,
    pub revealed: bool,
    /// The id of the class record this round is saved as.
    pub record_id: String,
    pub held_unix_ms: u64,
    answers: BTreeMap<DeviceId, Answer>,
    /// Who holds each Council seat.
    seat_holder: Vec<Option<DeviceId>>,
    /// Answers changed since the round was last recorded.
    pub unrecorded: bool,
}

impl Round {
    pub fn new(question: LiveQuestion, record_id: String, now_unix_ms: u64) -> Self {
        let seats = question.seats().len();
        Self {
            question,
            open: true,
            revealed: false,
            record_id,
            held_unix_ms: now_unix_ms,
            answers: BTreeMap::new(),
            seat_holder: vec![None; seats],
            unrecorded: false,
        }
    }

    pub fn answer(&self, device: DeviceId) -> Option<&Answer> {
        self.answers.get(&device)
    }

    pub fn answer_count(&self) -> usize {
        self.answers.len()
    }

    /// Whether another device than `device` holds seat `i`.
    pub fn taken_by_other(&self, i: usize, device: Option<DeviceId>) -> bool {
        self.seat_holder.get(i).copied().flatten().is_some_and(|holder| Some(holder) != device)
    }

    /// Who holds each seat.
    pub fn holders(&self) -> &[Option<DeviceId>] {
        &self.seat_holder
    }

    /// Checks an answer against the question and, if it stands, makes it this device's answer
    /// (replacing its last). Returns whether what other phones see changed (a seat taken).
    pub fn submit(&mut self, device: DeviceId, input: &AnswerIn) -> Result<bool, Reject> {
        if !self.open {
            return Err(Reject::Closed);
        }
        let answer = match (&self.question.kind, input) {
            (
                LiveKind::Choice(options) | LiveKind::Vote(options),
                AnswerIn { option: Some(i), seat: None, ballot: None, text: None, .. },
            ) => {
                if *i >= options.len() {
                    return Err(Reject::UnknownOption);
                }
                Answer::Option(*i)
            }
            (LiveKind::Council(_), AnswerIn { option: None, seat: Some(seat), ballot, text: None, .. }) => {
                let seat = self.question.seats().iter().position(|(s, _)| s == seat).ok_or(Reject::UnknownSeat)?;
                if ballot == &Some(Ballot::Absent) {
                    return Err(Reject::UnknownBallot);
                }
                if self.taken_by_other(seat, Some(device)) {
                    return Err(Reject::SeatTaken);
                }
                Answer::Seat { seat, ballot: *ballot }
            }
            (
                LiveKind::Open | LiveKind::RolePlay,
                AnswerIn { option: None, seat: None, ballot: None, text: Some(text), .. },
            ) => {
                let text = clean_text(text);
                if text.chars().count() > MAX_TEXT_CHARS {
                    return Err(Reject::TooLong);
                }
                if text.is_empty() {
                    return Err(Reject::Empty);
                }
                Answer::Text(text)
            }
            _ => return Err(Reject::WrongKind),
        };
        let seats_changed = self.place(device, answer);
        Ok(seats_changed)
    }

    /// Sets a device's answer, keeping one seat per device and one device per seat. Returns
    /// whether a seat changed hands.
    fn place(&mut self, device: DeviceId, answer: Answer) -> bool {
        let mut seats_changed = false;
        let old_seat = match self.answers.get(&device) {
            Some(Answer::Seat { seat, .. }) => Some(*seat),
            _ => None,
        };
        let new_seat = match &answer {
            Answer::Seat { seat, .. } => Some(*seat),
            _ => None,
        };
        if old_seat != new_seat {
            if let Some(old) = old_seat {
                self.seat_holder[old] = None;
            }
            if let Some(new) = new_seat {
                self.seat_holder[new] = Some(device);
            }
            seats_changed = true;
        }
        if self.answers.get(&device) != Some(&answer) {
            self.answers.insert(device, answer);
            self.unrecorded = true;
        }
        seats_changed
    }

    /// The instructor gives a seat to a device (or frees it with `None`); its ballot, if the
    /// seat had one from another device, is withdrawn.
    pub fn assign(&mut self, seat: usize, device: Option<DeviceId>) {
        if seat >= self.seat_holder.len() {
            return;
        }
        if let Some(holder) = self.seat_holder[seat] {
            self.answers.remove(&holder);
            self.seat_holder[seat] = None;
            self.unrecorded = true;
        }
        if let Some(device) = device {
            self.place(device, Answer::Seat { seat, ballot: None });
        }
    }

    pub fn tally(&self) -> Tally {
        match &self.question.kind {
            LiveKind::Choice(options) | LiveKind::Vote(options) => {
                let mut counts = vec![0u32; options.len()];
                for a in self.answers.values() {
                    if let Answer::Option(i) = a
                        && let Some(c) = counts.get_mut(*i)
                    {
                        *c += 1;
                    }
                }
                Tally::Options { options: options.clone(), counts, answers: self.answers.len() }
            }
            LiveKind::Council(elected) => {
                let seats = self.question.seats();
                let mut vote = CouncilVote { elected: elected.clone(), ballots: BTreeMap::new() };
                let mut answers = 0;
                for a in self.answers.values() {
                    if let Answer::Seat { seat, ballot: Some(b) } = a
                        && let Some((name, _)) = seats.get(*seat)
                    {
                        vote.ballots.insert((*name).to_owned(), *b);
                        answers += 1;
                    }
                }
                Tally::Council { vote, answers }
            }
            LiveKind::Open | LiveKind::RolePlay => Tally::Texts { answers: self.answers.len() },
        }
    }

    /// The text answers in the order the devices came, with their names.
    pub fn texts(&self, names: &HashMap<DeviceId, String>) -> Vec<(DeviceId, TextAnswer)> {
        self.answers
            .iter()
            .filter_map(|(d, a)| match a {
                Answer::Text(text) => Some((*d, TextAnswer { text: text.clone(), name: names.get(d).cloned() })),
                _ => None,
            })
            .collect()
    }

    /// The round as a class record.
    pub fn record(&self, names: &HashMap<DeviceId, String>, now_unix_ms: u64) -> ClassRecord {
        let tally = self.tally();
        let (options, council) = match &tally {
            Tally::Options { options, counts, .. } => {
                (options.iter().zip(counts).map(|(o, c)| OptionCount { option: o.clone(), count: *c }).collect(), None)
            }
            Tally::Council { vote, .. } => (Vec::new(), Some(vote.clone())),
            Tally::Texts { .. } => (Vec::new(), None),
        };
        ClassRecord {
            id: self.record_id.clone(),
            question: self.question.id.clone(),
            text: self.question.text.clone(),
            kind: self.question.kind.tag().to_owned(),
            held_unix_ms: self.held_unix_ms,
            answers: tally.answers() as u32,
            options,
            council,
            texts: self.texts(names).into_iter().map(|(_, t)| t).collect(),
            created_unix_ms: self.held_unix_ms,
            modified_unix_ms: now_unix_ms,
        }
    }

    /// This device's answer as a phone sees it.
    pub fn answer_json(&self, device: DeviceId) -> Value {
        match self.answers.get(&device) {
            Some(Answer::Option(i)) => json!({ "option": i }),
            Some(Answer::Seat { seat, ballot }) => {
                let seats = self.question.seats();
                let name = seats.get(*seat).map(|(n, _)| *n);
                json!({ "seat": name, "ballot": ballot })
            }
            Some(Answer::Text(t)) => json!({ "text": t }),
            None => Value::Null,
        }
    }
}
