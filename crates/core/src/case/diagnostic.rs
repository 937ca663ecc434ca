use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A problem found while reading a case, located in its `case.md` so authors can fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based line in the file; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters; 0 when unknown.
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn error(line: usize, col: usize, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, line, col, message: message.into() }
    }

    pub fn warning(line: usize, col: usize, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, line, col, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}
