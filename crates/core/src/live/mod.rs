//! The room in session, with no network: the phones (devices, their names), the question on
//! show, a round of answers per question, what each phone is sent, and the class records the
//! rounds become. The room server (in the app) and the window both call it under one lock,
//! briefly; nothing here waits or does I/O.

mod question;
mod round;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde_json::{Value, json};

pub use question::{LiveKind, LiveQuestion, plan_order};
pub use round::{Answer, AnswerIn, DeviceId, MAX_NAME_CHARS, MAX_TEXT_CHARS, Reject, Round, Tally, clean_text};

use crate::plan::ClassRecord;
use crate::plan::record::TextAnswer;

/// What the window and the command line show of the room, taken under the lock in one go and
/// drawn from without it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// The question on show: its id, number and text.
    pub question: Option<(String, usize, String)>,
    pub open: bool,
    pub revealed: bool,
    pub tally: Option<Tally>,
    /// Text answers, with the device and the name given.
    pub texts: Vec<(DeviceId, TextAnswer)>,
    pub connected: usize,
    /// Every device that came, with how the console names it.
    pub devices: Vec<(DeviceId, String)>,
    /// The Council's seats: name, permanent, and who holds it.
    pub seats: Vec<(String, bool, Option<DeviceId>)>,
}

/// Devices remembered at most in one session (a class is far fewer; this bounds memory).
pub const MAX_DEVICES: usize = 2000;
/// A phone counts as connected while it asked for the state this recently (its long poll
/// comes back at least every 20 s).
pub const CONNECTED_MS: u64 = 45_000;

/// The room: devices, the question on show and the rounds held.
#[derive(Debug, Default)]
pub struct Room {
    devices: HashMap<[u8; 16], DeviceId>,
    names: HashMap<DeviceId, String>,
    last_seen: HashMap<DeviceId, u64>,
    /// One round per question shown, by question id: going back to a question finds its
    /// answers.
    rounds: HashMap<String, Round>,
    current: Option<String>,
    /// What phones see changed since the last `take_public_change`.
    public_dirty: bool,
    /// The tally (or the phones connected) changed since the last `take_tally_change`.
    tally_dirty: bool,
}

impl Room {
    /// Shows a question (or, with `None`, "Waiting for the next question"). A question shown
    /// before comes back with its round as it was; a new one opens for answers.
    pub fn show(&mut self, question: Option<LiveQuestion>, now_unix_ms: u64) {
        let id = question.as_ref().map(|q| q.id.clone());
        if id == self.current {
            // The same question, perhaps with its text edited meanwhile.
            if let (Some(q), Some(round)) = (question, self.round_mut())
                && round.question != q
            {
                *round = Round::new(q, crate::layer::new_id(now_unix_ms), now_unix_ms);
                self.public_dirty = true;
            }
            return;
        }
        if let Some(q) = question {
            self.rounds
                .entry(q.id.clone())
                .or_insert_with(|| Round::new(q, crate::layer::new_id(now_unix_ms), now_unix_ms));
        }
        self.current = id;
        self.public_dirty = true;
        self.tally_dirty = true;
    }

    /// The round of the question on show.
    pub fn round(&self) -> Option<&Round> {
        self.current.as_ref().and_then(|id| self.rounds.get(id))
    }

    fn round_mut(&mut self) -> Option<&mut Round> {
        self.current.as_ref().and_then(|id| self.rounds.get_mut(id))
    }

    /// Opens or closes voting on the question on show.
    pub fn set_open(&mut self, open: bool) {
        if let Some(round) = self.round_mut() {
            round.open = open;
            self.public_dirty = true;
        }
    }

    /// Shows or hides the results on the phones (and the wall).
    pub fn set_revealed(&mut self, revealed: bool) {
        if let Some(round) = self.round_mut() {
            round.revealed = revealed;
            self.public_dirty = true;
        }
    }

    /// Starts the question on show afresh: a new round, with no answers, open. The round it
    /// replaces is returned, to be recorded if it had answers.
    pub fn clear(&mut self, now_unix_ms: u64) -> Option<Round> {
        let round = self.round_mut()?;
        let fresh = Round::new(round.question.clone(), crate::layer::new_id(now_unix_ms), now_unix_ms);
        let old = std::mem::replace(round, fresh);
        self.public_dirty = true;
        self.tally_dirty = true;
        Some(old)
    }

    /// Gives a Council seat of the question on show to a device, or frees it.
    pub fn assign_seat(&mut self, seat: usize, device: Option<DeviceId>) {
        if let Some(round) = self.round_mut() {
            round.assign(seat, device);
            self.public_dirty = true;
            self.tally_dirty = true;
        }
    }

    /// The device a token stands for.
    pub fn device(&self, token: &[u8; 16]) -> Option<DeviceId> {
        self.devices.get(token).copied()
    }

    /// A new device for a new token.
    pub fn new_device(&mut self, token: [u8; 16]) -> Result<DeviceId, Reject> {
        if self.devices.len() >= MAX_DEVICES {
            return Err(Reject::TooManyDevices);
        }
        let id = self.devices.len() as DeviceId + 1;
        self.devices.insert(token, id);
        self.tally_dirty = true;
        Ok(id)
    }

    /// A device asked for the state.
    pub fn seen(&mut self, device: DeviceId, now_unix_ms: u64) {
        if self.last_seen.insert(device, now_unix_ms).is_none_or(|t| now_unix_ms.saturating_sub(t) > CONNECTED_MS) {
            self.tally_dirty = true;
        }
    }

    /// How many phones are connected.
    pub fn connected(&self, now_unix_ms: u64) -> usize {
        self.last_seen.values().filter(|t| now_unix_ms.saturating_sub(**t) <= CONNECTED_MS).count()
    }

    /// The names devices gave.
    pub fn names(&self) -> &HashMap<DeviceId, String> {
        &self.names
    }

    /// How the console names a phone: its name, or "Phone N".
    pub fn label(&self, device: DeviceId) -> String {
        self.names.get(&device).cloned().unwrap_or_else(|| format!("Phone {device}"))
    }

    /// The devices known, in the order they came.
    pub fn devices(&self) -> Vec<DeviceId> {
        let mut ids: Vec<DeviceId> = self.devices.values().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// An answer (or a name alone) from a device. Nothing changes when it is refused.
    pub fn submit(&mut self, device: DeviceId, input: &AnswerIn) -> Result<(), Reject> {
        let name = match &input.name {
            Some(name) if name.chars().count() > MAX_NAME_CHARS => return Err(Reject::TooLong),
            Some(name) => Some(clean_text(name)),
            None => None,
        };
        let only_name =
            input.option.is_none() && input.seat.is_none() && input.ballot.is_none() && input.text.is_none();
        if !only_name {
            let round = self.round_mut().ok_or(Reject::NoQuestion)?;
            let seats_changed = round.submit(device, input)?;
            let revealed = round.revealed;
            self.public_dirty |= seats_changed || revealed;
            self.tally_dirty = true;
        }
        match name {
            Some(name) if name.is_empty() => {
                self.names.remove(&device);
            }
            Some(name) => {
                self.names.insert(device, name);
            }
            None => {}
        }
        if input.name.is_some() {
            self.tally_dirty = true;
        }
        Ok(())
    }

    /// Whether what phones see changed since the last call.
    pub fn take_public_change(&mut self) -> bool {
        std::mem::take(&mut self.public_dirty)
    }

    /// Whether the tally, the texts or the phones connected changed since the last call.
    pub fn take_tally_change(&mut self) -> bool {
        std::mem::take(&mut self.tally_dirty)
    }

    /// The rounds with answers not yet recorded, as class records; they count as recorded
    /// from now on.
    pub fn unrecorded(&mut self, now_unix_ms: u64) -> Vec<ClassRecord> {
        let names = &self.names;
        let mut records: Vec<ClassRecord> = self
            .rounds
            .values_mut()
            .filter(|r| r.unrecorded && r.answer_count() > 0)
            .map(|r| {
                r.unrecorded = false;
                r.record(names, now_unix_ms)
            })
            .collect();
        records.sort_by_key(|r| r.held_unix_ms);
        records
    }

    /// The record of a round taken out of the room (by `clear`), if it had answers.
    pub fn record_of(&self, round: &Round, now_unix_ms: u64) -> Option<ClassRecord> {
        (round.answer_count() > 0 && round.unrecorded).then(|| round.record(&self.names, now_unix_ms))
    }

    /// What the window shows of the room now.
    pub fn snapshot(&self, now_unix_ms: u64) -> Snapshot {
        let round = self.round();
        Snapshot {
            question: round.map(|r| (r.question.id.clone(), r.question.number, r.question.text.clone())),
            open: round.is_some_and(|r| r.open),
            revealed: round.is_some_and(|r| r.revealed),
            tally: round.map(Round::tally),
            texts: round.map(|r| r.texts(&self.names)).unwrap_or_default(),
            connected: self.connected(now_unix_ms),
            devices: self.devices().into_iter().map(|d| (d, self.label(d))).collect(),
            seats: round
                .map(|r| {
                    r.question
                        .seats()
                        .iter()
                        .zip(r.holders())
                        .map(|((name, permanent), holder)| ((*name).to_owned(), *permanent, *holder))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// `GET /{code}/state` for one device (or none): the question on show, the phase, this
    /// device's answer and name, and the tally once revealed. Only shared fields.
    pub fn state_json(&self, version: u64, device: Option<DeviceId>) -> Value {
        let round = self.round();
        let phase = match round {
            None => "waiting",
            Some(r) if r.open => "open",
            Some(_) => "closed",
        };
        let question = round.map(|r| r.question.to_json(|i| r.taken_by_other(i, device)));
        let you = match (round, device) {
            (Some(r), Some(d)) => r.answer_json(d),
            _ => Value::Null,
        };
        let name = device.and_then(|d| self.names.get(&d));
        let tally = round.filter(|r| r.revealed).map_or(Value::Null, |r| r.tally().to_json());
        json!({ "v": version, "phase": phase, "question": question, "you": you, "name": name, "tally": tally })
    }
}
