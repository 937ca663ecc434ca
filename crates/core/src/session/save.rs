//! The save schedule: a layer is saved a moment after the last change, on a worker thread,
//! atomically and merged with whatever another program wrote meanwhile. Time comes from the
//! caller's clock, so the schedule is tested without waiting.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use crate::layer::Layer;
use crate::layer::store::{self, Loaded, StoreError};

/// Changes are saved this long after the last one, so typing a note is one save, not fifty.
pub const SAVE_DELAY_SECS: f64 = 0.8;
/// After a failed save, the next try waits this long.
pub const RETRY_SECS: f64 = 5.0;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Saved,
    Unsaved,
    Saving,
    Failed(String),
}

/// Called from the worker thread when a save is done, so the window wakes to take it in.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

pub struct Saver {
    pub path: PathBuf,
    dirty: bool,
    last_change_secs: f64,
    last_attempt_secs: f64,
    in_flight: Option<(mpsc::Receiver<Result<Loaded, StoreError>>, Layer)>,
    pub status: SaveStatus,
    waker: Option<Waker>,
}

impl Saver {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            dirty: false,
            last_change_secs: 0.0,
            last_attempt_secs: f64::NEG_INFINITY,
            in_flight: None,
            status: SaveStatus::Saved,
            waker: None,
        }
    }

    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = Some(waker);
    }

    /// The layer changed at `now_secs`.
    pub fn changed(&mut self, now_secs: f64) {
        self.dirty = true;
        self.last_change_secs = now_secs;
        if !matches!(self.status, SaveStatus::Failed(_)) {
            self.status = SaveStatus::Unsaved;
        }
    }

    pub fn is_saving(&self) -> bool {
        self.in_flight.is_some()
    }

    /// The result of the save under way, once it is done: what is on disk now, and the layer
    /// that was sent. Take it in before starting the next save, which must start from it.
    pub fn finished(&mut self) -> Option<(Result<Loaded, StoreError>, Layer)> {
        let (rx, _) = self.in_flight.as_ref()?;
        let result = match rx.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Err(StoreError::Write { path: self.path.clone(), source: std::io::Error::other("the save stopped") })
            }
        };
        let (_, sent) = self.in_flight.take()?;
        self.finish(&result);
        Some((result, sent))
    }

    /// Starts a save on a worker thread when the changes have rested for [`SAVE_DELAY_SECS`]
    /// and none is under way. `snapshot` gives the base and layer to write. Returns how long
    /// to wait before asking again, when a save is still to come.
    pub fn start_when_due(
        &mut self,
        now_secs: f64,
        editable: bool,
        snapshot: impl FnOnce() -> (Loaded, Layer),
    ) -> Option<f64> {
        if !self.dirty || !editable || self.in_flight.is_some() {
            return None;
        }
        let wait = self.last_change_secs + SAVE_DELAY_SECS - now_secs;
        if wait > 0.0 {
            return Some(wait);
        }
        let retry = self.last_attempt_secs + RETRY_SECS - now_secs;
        if matches!(self.status, SaveStatus::Failed(_)) && retry > 0.0 {
            return Some(retry);
        }
        let (base, layer) = snapshot();
        let (tx, rx) = mpsc::channel();
        let (path, waker, sent) = (self.path.clone(), self.waker.clone(), layer.clone());
        std::thread::spawn(move || {
            // The receiver is gone only when the case was closed; the save itself is done.
            let _ = tx.send(store::save(&path, &base, &layer));
            if let Some(wake) = waker {
                wake();
            }
        });
        self.in_flight = Some((rx, sent));
        self.last_attempt_secs = now_secs;
        self.dirty = false;
        self.status = SaveStatus::Saving;
        None
    }

    /// Waits for a save under way, if any: for closing.
    pub fn wait(&mut self) -> Option<(Result<Loaded, StoreError>, Layer)> {
        let (rx, sent) = self.in_flight.take()?;
        let result = rx.recv().unwrap_or_else(|_| {
            Err(StoreError::Write { path: self.path.clone(), source: std::io::Error::other("the save stopped") })
        });
        self.finish(&result);
        Some((result, sent))
    }

    fn finish(&mut self, result: &Result<Loaded, StoreError>) {
        match result {
            Ok(_) if !self.dirty => self.status = SaveStatus::Saved,
            Ok(_) => self.status = SaveStatus::Unsaved,
            Err(e) => {
                self.dirty = true;
                self.status = SaveStatus::Failed(e.to_string());
            }
        }
    }

    /// Whether changes wait to be saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// A save made on the caller's thread succeeded.
    pub fn saved_now(&mut self) {
        self.dirty = false;
        self.status = SaveStatus::Saved;
    }

    /// Saving stopped for good (the file is damaged or newer): say why.
    pub fn fail(&mut self, why: String) {
        self.status = SaveStatus::Failed(why);
    }
}
