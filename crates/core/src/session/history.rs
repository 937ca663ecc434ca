//! Undo and redo: one history for every kind of layer item. A step is a list of changes, each
//! an item's value before and after; undoing applies the befores in reverse order.

use crate::layer::{Key, Layer, Value};

/// Edits of one item closer together than this undo as one step (typing a note).
pub const COALESCE_SECS: f64 = 1.5;

/// One item changed: its value before and after (`None`: absent).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub key: Key,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    /// The change that sets `key` to `after` in `layer`, or none when it is already so.
    pub fn to(layer: &Layer, key: Key, after: Option<Value>) -> Option<Self> {
        let before = layer.value(&key);
        (before != after).then_some(Self { key, before, after })
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Step {
    changes: Vec<Change>,
    at_secs: f64,
}

impl Step {
    /// Folds `next` into this step when both edit the same existing item (typing in a note, a
    /// question, an answer or the plan), so they undo together.
    fn absorb(&mut self, next: &[Change], now_secs: f64) -> bool {
        let [mine] = self.changes.as_mut_slice() else { return false };
        let [theirs] = next else { return false };
        let edits = |c: &Change| c.before.is_some() && c.after.is_some();
        if now_secs - self.at_secs >= COALESCE_SECS || mine.key != theirs.key || !edits(mine) || !edits(theirs) {
            return false;
        }
        mine.after.clone_from(&theirs.after);
        self.at_secs = now_secs;
        true
    }
}

#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records changes already applied, as one step (or as part of the last one, when they
    /// continue it). A new step clears what could be redone.
    pub fn record(&mut self, changes: Vec<Change>, now_secs: f64) {
        if changes.is_empty() {
            return;
        }
        let folded = self.undo.last_mut().is_some_and(|last| last.absorb(&changes, now_secs));
        if !folded {
            self.undo.push(Step { changes, at_secs: now_secs });
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The changes that undo the last step, in the order to apply them.
    pub fn undo(&mut self) -> Option<Vec<Change>> {
        let step = self.undo.pop()?;
        let back = step
            .changes
            .iter()
            .rev()
            .map(|c| Change { key: c.key.clone(), before: c.after.clone(), after: c.before.clone() })
            .collect();
        self.redo.push(step);
        Some(back)
    }

    /// The changes that redo the last undone step.
    pub fn redo(&mut self) -> Option<Vec<Change>> {
        let step = self.redo.pop()?;
        let again = step.changes.clone();
        self.undo.push(step);
        Some(again)
    }
}
