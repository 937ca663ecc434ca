//! The class plan: learning objectives, and segments with a time budget that must fit the
//! class.

use serde::{Deserialize, Serialize};

pub const DEFAULT_CLASS_MINUTES: u32 = 80;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    /// Instructor-private notes for running this segment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The closing or debrief segment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closing: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default = "default_minutes")]
    pub class_minutes: u32,
    #[serde(default)]
    pub segments: Vec<Segment>,
}

fn default_minutes() -> u32 {
    DEFAULT_CLASS_MINUTES
}

impl Default for Plan {
    fn default() -> Self {
        Self { objectives: Vec::new(), class_minutes: DEFAULT_CLASS_MINUTES, segments: Vec::new() }
    }
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.objectives.is_empty() && self.segments.is_empty() && self.class_minutes == DEFAULT_CLASS_MINUTES
    }

    pub fn total_minutes(&self) -> u32 {
        // Saturating: the minutes come from a file anyone may edit.
        self.segments.iter().fold(0u32, |sum, s| sum.saturating_add(s.minutes))
    }

    /// Minutes over the class length, if the plan does not fit.
    pub fn over_by(&self) -> Option<u32> {
        self.total_minutes().checked_sub(self.class_minutes).filter(|m| *m > 0)
    }

    /// When each segment starts, in minutes from the start of class.
    pub fn starts(&self) -> Vec<u32> {
        let mut at = 0u32;
        self.segments
            .iter()
            .map(|s| {
                let start = at;
                at = at.saturating_add(s.minutes);
                start
            })
            .collect()
    }

    pub fn segment(&self, id: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(id: &str, minutes: u32) -> Segment {
        Segment { id: id.into(), title: id.into(), minutes, note: String::new(), closing: false }
    }

    #[test]
    fn the_plan_adds_up_and_warns_when_over() {
        let mut plan = Plan { segments: vec![segment("a", 20), segment("b", 35), segment("c", 25)], ..Plan::default() };
        assert_eq!(plan.total_minutes(), 80);
        assert_eq!(plan.over_by(), None, "exactly the class length fits");
        assert_eq!(plan.starts(), [0, 20, 55]);
        plan.segments.push(segment("d", 10));
        assert_eq!(plan.over_by(), Some(10));
        plan.class_minutes = 90;
        assert_eq!(plan.over_by(), None);
    }

    #[test]
    fn a_missing_class_length_reads_as_eighty_minutes() {
        let plan: Plan = serde_json::from_str(r#"{"objectives":["Explain the veto"]}"#).unwrap();
        assert_eq!(plan.class_minutes, 80);
        assert!(!plan.is_empty());
    }
}
