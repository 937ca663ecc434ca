//! Reading a PDF document.

use super::{Converted, Failure, Limits, Progress};

pub(crate) fn convert(_bytes: &[u8], _limits: &Limits, _progress: Progress<'_>) -> Result<Converted, Failure> {
    Err(Failure::Invalid("this format is being built".into()))
}
