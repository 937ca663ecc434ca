//! The timeline as the user sees it: the authored events and eras, the layer's additions and
//! edits on top, and the dates the text mentions that no event covers yet, as suggestions.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use super::extract::Mention;
use super::{Era, Event, LayerEra, LayerEvent, PartialDate, authored_era_id};
use crate::anchor::{Selector, TextIndex, resolve};

/// Where an entry on the timeline comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Written in the case's front matter.
    Authored,
    /// Written in the front matter and changed in the layer.
    Edited,
    /// Added in the layer (by hand, from a suggestion, or imported).
    Added,
    /// A date the text mentions, offered as an event; its id is its suggestion key.
    Suggested,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub event: Event,
    pub source: Source,
    /// Its passage in the text: its anchor where it has one; else, for an authored event, the
    /// first mention of its date.
    pub range: Option<Range<usize>>,
    /// Index into [`Chronology::lanes`].
    pub lane: usize,
}

impl Entry {
    pub fn is_suggestion(&self) -> bool {
        self.source == Source::Suggested
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EraEntry {
    pub id: String,
    pub era: Era,
    /// Written in the front matter, possibly changed in the layer.
    pub authored: bool,
}

/// The name of the lane of events that have none.
pub const NO_LANE: &str = "Events";
/// The name of the lane that holds the suggestions.
pub const SUGGESTED_LANE: &str = "Suggested";

/// What a layer adds to the case's timeline: its events and eras (new ones, and edits or hides
/// of the authored ones) and the suggestions it dismissed.
#[derive(Clone, Copy, Debug, Default)]
pub struct LayerTimeline<'a> {
    pub events: &'a [LayerEvent],
    pub eras: &'a [LayerEra],
    pub dismissed: Option<&'a BTreeSet<String>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chronology {
    /// By date; equal dates keep the order they were written in, suggestions last.
    pub entries: Vec<Entry>,
    pub eras: Vec<EraEntry>,
    /// Lane names in order of first appearance; suggestions, if any, in the last one.
    pub lanes: Vec<String>,
    /// Each date mention in the text with the key of its date, in text order.
    mentions: Vec<(Range<usize>, String)>,
}

/// The key a suggestion and its dismissal are known by: the date (and end) as written in files.
pub fn suggestion_key(date: &PartialDate, end: Option<&PartialDate>) -> String {
    match end {
        Some(end) => format!("{}/{}", date.to_iso(), end.to_iso()),
        None => date.to_iso(),
    }
}

/// A short title for a suggestion: the start of its sentence.
pub fn suggested_title(sentence: &str) -> String {
    const WORDS: usize = 9;
    let sentence = sentence.trim().trim_end_matches(['.', ';', ':']);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{}…", words[..WORDS].join(" ").trim_end_matches([',', ';', ':']))
    }
}

impl Chronology {
    /// Builds the timeline. `mentions` are the text's date mentions, from the case's
    /// `dates::mentions_in` (the timeline does not know cases); `show_suggestions` leaves them
    /// out when false.
    pub fn new(
        authored: (&[Event], &[Era]),
        layer: LayerTimeline<'_>,
        text: &str,
        index: &TextIndex,
        mentions: &[Mention],
        show_suggestions: bool,
    ) -> Self {
        let (authored_events, authored_eras) = authored;
        // The first mention of each date, and of each date with its end, looked up in constant
        // time: a front matter of 50,000 events must not scan every mention for each.
        let mut by_date: HashMap<PartialDate, Range<usize>> = HashMap::new();
        let mut by_span: HashMap<(PartialDate, Option<PartialDate>), Range<usize>> = HashMap::new();
        for m in mentions {
            by_date.entry(m.date).or_insert_with(|| m.range.clone());
            by_span.entry((m.date, m.end)).or_insert_with(|| m.range.clone());
        }
        let first_mention = |e: &Event| match e.end {
            None => by_date.get(&e.date).cloned(),
            Some(_) => by_span.get(&(e.date, e.end)).cloned(),
        };
        let anchored = |e: &Event| e.anchor.as_ref().and_then(|a| resolve(text, index, a).range);
        let edits: HashMap<&str, _> = layer.events.iter().map(|e| (e.event.id.as_str(), e)).collect();
        let authored_ids: HashSet<&str> = authored_events.iter().map(|a| a.id.as_str()).collect();

        let mut events: Vec<(Event, Source, Option<Range<usize>>)> = Vec::new();
        for authored in authored_events {
            match edits.get(authored.id.as_str()) {
                Some(edit) if edit.hidden => {}
                Some(edit) => {
                    let event = Event { line: authored.line, ..edit.event.clone() };
                    let range = anchored(&event).or_else(|| first_mention(&event));
                    events.push((event, Source::Edited, range));
                }
                None => events.push((
                    authored.clone(),
                    Source::Authored,
                    anchored(authored).or_else(|| first_mention(authored)),
                )),
            }
        }
        for added in layer.events {
            if !added.hidden && !authored_ids.contains(added.event.id.as_str()) {
                let range = anchored(&added.event);
                events.push((added.event.clone(), Source::Added, range));
            }
        }
        events.sort_by_key(|(e, _, _)| e.date);

        let mut suggestions: Vec<(Event, Source, Option<Range<usize>>)> = Vec::new();
        if show_suggestions {
            let covered: HashSet<_> = events.iter().map(|(e, _, _)| (e.date, e.end)).collect();
            let mut seen = HashSet::new();
            for m in mentions {
                let key = suggestion_key(&m.date, m.end.as_ref());
                let dismissed = layer.dismissed.is_some_and(|d| d.contains(&key));
                if covered.contains(&(m.date, m.end)) || dismissed || !seen.insert(key.clone()) {
                    continue;
                }
                let sentence = text.get(m.sentence.clone()).unwrap_or_default().trim();
                let mut event = Event::new(key, m.date, suggested_title(sentence));
                event.end = m.end;
                event.description = sentence.to_owned();
                event.anchor = Some(Selector::from_range(text, index, m.sentence.clone()));
                suggestions.push((event, Source::Suggested, Some(m.sentence.clone())));
            }
            suggestions.sort_by_key(|(e, _, _)| e.date);
        }

        let mut lanes: Vec<String> = Vec::new();
        let mut lane_of = |name: &str| match lanes.iter().position(|l| l == name) {
            Some(i) => i,
            None => {
                lanes.push(name.to_owned());
                lanes.len() - 1
            }
        };
        let mut entries: Vec<Entry> = events
            .into_iter()
            .map(|(event, source, range)| {
                let lane = lane_of(event.lane.as_deref().unwrap_or(NO_LANE));
                Entry { event, source, range, lane }
            })
            .collect();
        if !suggestions.is_empty() {
            let lane = lane_of(SUGGESTED_LANE);
            entries.extend(suggestions.into_iter().map(|(event, source, range)| Entry { event, source, range, lane }));
        }

        let era_edits: HashMap<&str, _> = layer.eras.iter().map(|e| (e.id.as_str(), e)).collect();
        let mut eras: Vec<EraEntry> = Vec::new();
        for (i, era) in authored_eras.iter().enumerate() {
            let id = authored_era_id(i);
            match era_edits.get(id.as_str()) {
                Some(edit) if edit.hidden => {}
                Some(edit) => eras.push(EraEntry { id, era: edit.era.clone(), authored: true }),
                None => eras.push(EraEntry { id, era: era.clone(), authored: true }),
            }
        }
        let authored_era_ids: HashSet<String> = (0..authored_eras.len()).map(authored_era_id).collect();
        for era in layer.eras {
            if !era.hidden && !authored_era_ids.contains(&era.id) {
                eras.push(EraEntry { id: era.id.clone(), era: era.era.clone(), authored: false });
            }
        }
        eras.sort_by_key(|e| e.era.start);

        let mentions = mentions.iter().map(|m| (m.range.clone(), suggestion_key(&m.date, m.end.as_ref()))).collect();
        Self { entries, eras, lanes, mentions }
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.event.id == id)
    }

    /// The events that are not suggestions.
    pub fn events(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.is_suggestion())
    }

    /// The date mentions in the text that lead to an entry, for the reader to mark as links.
    pub fn linked_mentions(&self) -> impl Iterator<Item = &Range<usize>> {
        self.mentions.iter().filter(|(range, _)| self.event_for_mention(range.start).is_some()).map(|(r, _)| r)
    }

    /// The entry a date mention at `offset` in the text stands for: the one anchored around it,
    /// else the first with the same date.
    pub fn event_for_mention(&self, offset: usize) -> Option<&Entry> {
        let at = self.mentions.partition_point(|(r, _)| r.end <= offset);
        let (range, key) = self.mentions.get(at).filter(|(r, _)| r.start <= offset)?;
        let around = |e: &&Entry| e.range.as_ref().is_some_and(|r| r.start <= range.start && range.end <= r.end);
        let same_date = |e: &&Entry| suggestion_key(&e.event.date, e.event.end.as_ref()) == *key;
        self.entries
            .iter()
            .find(|e| around(e) && same_date(e))
            .or_else(|| self.entries.iter().find(same_date))
            .or_else(|| self.entries.iter().find(around))
    }

    /// The indices of the entries whose passages overlap `range` of the text (what the reader
    /// shows).
    pub fn in_passage(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.range.as_ref().is_some_and(|r| r.start < range.end && range.start < r.end))
            .map(|(i, _)| i)
    }

    /// Where the reading position is in time: the first date mentioned in `range` of the text,
    /// else the last one mentioned before it.
    pub fn date_at(&self, range: Range<usize>, mentions: &[Mention]) -> Option<PartialDate> {
        let at = mentions.partition_point(|m| m.range.start < range.start);
        mentions
            .get(at)
            .filter(|m| m.range.start < range.end)
            .or_else(|| at.checked_sub(1).and_then(|i| mentions.get(i)))
            .map(|m| m.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::extract;

    /// A layer's timeline part, owned, for tests.
    #[derive(Default)]
    struct Layer {
        events: Vec<LayerEvent>,
        dismissed: BTreeSet<String>,
    }

    const TEXT: &str = "The first test came on October 9, 2006. Sanctions followed in 2006 and again in \
                        March 2013. The vetoes of May 2022 ended the run.";

    fn build(authored: &[Event], layer: &Layer) -> Chronology {
        let index = TextIndex::new(TEXT);
        let part = LayerTimeline { events: &layer.events, eras: &[], dismissed: Some(&layer.dismissed) };
        Chronology::new((authored, &[]), part, TEXT, &index, &extract::mentions(TEXT), true)
    }

    #[test]
    fn authored_events_link_to_their_dates_and_the_rest_are_suggested() {
        let authored = [Event::new("test", PartialDate::ymd(2006, 10, 9), "First test")];
        let chronology = build(&authored, &Layer::default());
        let test = chronology.get("test").unwrap();
        assert_eq!(&TEXT[test.range.clone().unwrap()], "October 9, 2006");
        let suggested: Vec<&str> =
            chronology.entries.iter().filter(|e| e.is_suggestion()).map(|e| e.event.id.as_str()).collect();
        assert_eq!(suggested, ["2006", "2013-03", "2022-05"]);
        assert_eq!(chronology.lanes, [NO_LANE, SUGGESTED_LANE]);
        let vetoes = chronology.get("2022-05").unwrap();
        assert_eq!(vetoes.event.description, "The vetoes of May 2022 ended the run.");
        let at = TEXT.find("May 2022").unwrap();
        assert_eq!(chronology.event_for_mention(at + 2).unwrap().event.id, "2022-05");
        assert!(chronology.event_for_mention(2).is_none(), "plain words are not date links");
    }

    #[test]
    fn the_layer_edits_hides_adds_and_dismisses() {
        let authored = [
            Event::new("test", PartialDate::ymd(2006, 10, 9), "First test"),
            Event::new("gone", PartialDate::year(1990), "Hidden"),
        ];
        let mut layer = Layer::default();
        let stamp = |event: Event, hidden: bool| LayerEvent {
            event,
            hidden,
            created_unix_ms: 1,
            modified_unix_ms: 1,
            origin: None,
        };
        layer.events.push(stamp(Event::new("test", PartialDate::ymd(2006, 10, 9), "The first nuclear test"), false));
        layer.events.push(stamp(Event::new("gone", PartialDate::year(1990), "Hidden"), true));
        layer.events.push(stamp(Event::new("mine", PartialDate::year(2013), "Third test"), false));
        layer.dismissed.insert("2022-05".into());
        let chronology = build(&authored, &layer);
        let titles: Vec<(&str, Source)> =
            chronology.entries.iter().map(|e| (e.event.title.as_str(), e.source)).collect();
        assert_eq!(
            titles,
            [
                ("The first nuclear test", Source::Edited),
                ("Third test", Source::Added),
                ("Sanctions followed in 2006 and again in March 2013", Source::Suggested),
                ("Sanctions followed in 2006 and again in March 2013", Source::Suggested),
            ]
        );
        assert!(chronology.get("gone").is_none(), "a hidden authored event is not shown");
        assert!(chronology.get("2022-05").is_none(), "a dismissal is remembered");
    }

    #[test]
    fn the_reading_position_is_the_first_date_in_view_or_the_last_before() {
        let mentions = extract::mentions(TEXT);
        let chronology = build(&[], &Layer::default());
        let from = TEXT.find("Sanctions").unwrap();
        assert_eq!(chronology.date_at(from..from + 10, &mentions), Some(PartialDate::ymd(2006, 10, 9)));
        assert_eq!(chronology.date_at(from..TEXT.len(), &mentions), Some(PartialDate::year(2006)));
        assert_eq!(chronology.date_at(0..5, &mentions), None, "no date yet");
    }

    #[test]
    fn titles_are_the_start_of_the_sentence() {
        assert_eq!(suggested_title("The vetoes of May 2022 ended the run."), "The vetoes of May 2022 ended the run");
        assert_eq!(
            suggested_title(
                "On January 20, 2025, a new administration took office in Washington, facing a changed peninsula."
            ),
            "On January 20, 2025, a new administration took office…"
        );
    }
}
