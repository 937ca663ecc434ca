//! The span of time a timeline shows, zoomed and panned within limits.

use casebook_core::timeline::chronology::Chronology;

const MIN_SPAN_YEARS: f64 = 7.0 / 365.25;

/// The visible span of time, in years (see [`casebook_core::timeline::axis`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub start: f64,
    pub end: f64,
}

impl View {
    pub fn span(self) -> f64 {
        self.end - self.start
    }

    /// Zooms by `factor` (above 1 is closer) keeping the time at `at` where it is.
    pub fn zoomed(self, factor: f64, at: f64, limit: View) -> Self {
        let span = (self.span() / factor).clamp(MIN_SPAN_YEARS, limit.span() * 2.0);
        let t = if self.span() > 0.0 { (at - self.start) / self.span() } else { 0.5 };
        Self { start: at - span * t, end: at + span * (1.0 - t) }.within(limit)
    }

    pub fn panned(self, by_years: f64, limit: View) -> Self {
        Self { start: self.start + by_years, end: self.end + by_years }.within(limit)
    }

    /// Keeps some of the timeline in view: panning stops a half-view beyond either end.
    pub fn within(self, limit: View) -> Self {
        let half = self.span() / 2.0;
        let shift = if self.end < limit.start + half {
            limit.start + half - self.end
        } else if self.start > limit.end - half {
            limit.end - half - self.start
        } else {
            0.0
        };
        Self { start: self.start + shift, end: self.end + shift }
    }

    /// A view of `start..end` with a margin, so nothing sits on the edge.
    pub fn around(start: f64, end: f64) -> Self {
        let span = (end - start).max(MIN_SPAN_YEARS);
        let mid = (start + end) / 2.0;
        let half = span * 0.54;
        Self { start: mid - half, end: mid + half }
    }
}

/// The span every event and era fits in; suggestions count only when there is nothing else,
/// so a passing mention of 1945 does not shrink a timeline of 2006–2025.
pub fn extent(chronology: &Chronology) -> Option<View> {
    let only_suggestions = chronology.events().next().is_none() && chronology.eras.is_empty();
    let counted = || chronology.entries.iter().filter(move |e| only_suggestions || !e.is_suggestion());
    let starts = counted().map(|e| e.event.date.start_years());
    let ends = counted().map(|e| e.event.end.unwrap_or(e.event.date).end_years());
    let era_starts = chronology.eras.iter().map(|e| e.era.start.start_years());
    let era_ends = chronology.eras.iter().map(|e| e.era.end.end_years());
    let start = starts.chain(era_starts).reduce(f64::min)?;
    let end = ends.chain(era_ends).reduce(f64::max)?;
    Some(View::around(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_pointer_time_and_respects_limits() {
        let limit = View { start: 2000.0, end: 2020.0 };
        let zoomed = limit.zoomed(2.0, 2005.0, limit);
        assert!((zoomed.span() - 10.0).abs() < 1e-9);
        assert!((zoomed.start - 2002.5).abs() < 1e-9, "{zoomed:?}");
        let far = limit.zoomed(1e9, 2005.0, limit);
        assert!((far.span() - MIN_SPAN_YEARS).abs() < 1e-9);
        let out = limit.zoomed(1e-9, 2005.0, limit);
        assert!((out.span() - 40.0).abs() < 1e-9);
        let panned = limit.panned(1000.0, limit);
        assert!(panned.start <= limit.end, "some of the timeline stays in view: {panned:?}");
    }
}
