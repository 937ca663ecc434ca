//! Find in case (Ctrl+F): the bar, its matches and the current one.

use std::ops::Range;

use egui::{Key, Ui};

use super::actions::Action;
use super::command::Command;
use casebook_core::case;

#[derive(Default)]
pub struct Find {
    pub open: bool,
    pub query: String,
    searched: String,
    pub matches: Vec<Range<usize>>,
    pub current: Option<usize>,
    /// Bumped whenever what is highlighted changes, so the reader lays out again.
    pub rev: u64,
    focus: bool,
}

impl Find {
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
    }

    pub fn close(&mut self) {
        self.open = false;
        self.matches.clear();
        self.current = None;
        self.searched.clear();
        self.rev += 1;
    }

    /// Searches again if the query changed; the first match at or after `from` becomes current.
    /// Returns the offset to show, if the current match moved.
    pub fn update(&mut self, text: &str, from: usize) -> Option<usize> {
        if !self.open || self.query == self.searched {
            return None;
        }
        self.searched = self.query.clone();
        self.matches = case::find_all(text, &self.query);
        self.rev += 1;
        self.current = if self.matches.is_empty() {
            None
        } else {
            Some(self.matches.partition_point(|m| m.start < from) % self.matches.len())
        };
        self.current.map(|c| self.matches[c].start)
    }

    /// Moves to the next (or previous) match, wrapping around; returns its offset.
    pub fn step(&mut self, forward: bool) -> Option<usize> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let c = self.current.unwrap_or(0);
        let next = if forward { (c + 1) % n } else { (c + n - 1) % n };
        self.current = Some(next);
        self.rev += 1;
        Some(self.matches[next].start)
    }

    pub fn status(&self) -> String {
        match (self.matches.len(), self.current) {
            (0, _) if self.query.trim().is_empty() => String::new(),
            (0, _) => "No matches".to_owned(),
            (n, Some(c)) if n >= case::find::MAX_MATCHES => format!("{} of {n}+ matches", c + 1),
            (n, Some(c)) => format!("{} of {n} {}", c + 1, if n == 1 { "match" } else { "matches" }),
            (n, None) => format!("{n} matches"),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let edit = egui::TextEdit::singleline(&mut self.query)
                .hint_text("word or phrase")
                .desired_width(260.0)
                .id_salt("find-query");
            let response = ui.add(edit).labelled_by(label.id);
            if self.focus {
                response.request_focus();
                self.focus = false;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                command =
                    Some(if back { Command::Action(Action::FindPrevious) } else { Command::Action(Action::FindNext) });
                response.request_focus();
            }
            if ui.button("⏶").accessible_name("Previous match").on_hover_text("Previous match (Shift+Enter)").clicked()
            {
                command = Some(Command::Action(Action::FindPrevious));
            }
            if ui.button("⏷").accessible_name("Next match").on_hover_text("Next match (Enter)").clicked() {
                command = Some(Command::Action(Action::FindNext));
            }
            ui.label(self.status());
            if ui.button("×").accessible_name("Close find").on_hover_text("Close (Esc)").clicked() {
                command = Some(Command::CloseFind);
            }
        });
        command
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_from_position_and_wraps() {
        let text = "veto a veto b veto";
        let mut f = Find::default();
        f.open();
        f.query = "veto".into();
        assert_eq!(f.update(text, 3), Some(7));
        assert_eq!(f.status(), "2 of 3 matches");
        assert_eq!(f.step(true), Some(14));
        assert_eq!(f.step(true), Some(0));
        assert_eq!(f.step(false), Some(14));
        assert_eq!(f.update(text, 0), None, "same query, no new search");
    }
}
