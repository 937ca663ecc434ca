//! The time view: a proportional axis with ticks, eras, lanes, events and their labels, zoom
//! and pan, and keyboard moves between events.
//!
//! Drawn once for both placements: positions along time are the "main" coordinate (x below
//! the text, y beside it) and everything across time the "cross" one.

use std::collections::HashSet;
use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align2, Color32, CornerRadius, FontId, Galley, Rect, Sense, Shape, Stroke, StrokeKind, TextFormat, Ui, WidgetInfo,
    pos2, vec2,
};

use casebook_core::timeline::PartialDate;
use casebook_core::timeline::axis::ticks;
use casebook_core::timeline::chronology::{Chronology, Entry, Source};
use casebook_core::timeline::packing::{Packing, Slot, Span, Taken};

use super::super::command::Command;
use super::super::theme::Palette;
use super::frame::Frame;
use super::view::{View, extent};

const LABEL_PT: f32 = 14.0;
const SMALL_PT: f32 = 12.0;
const AXIS_PX: f32 = 24.0;
const ERA_STRIP_PX: f32 = 22.0;
const MARKER_R: f32 = 5.0;
const LANE_COLUMN_PX: f32 = 16.0;
const BADGE_PX: f32 = 44.0;
const LABEL_MAX_PX: f32 = 240.0;
/// The smallest span the view zooms to: about a week.
/// Label galleys, laid out once per change of the timeline, of the text size or of the text
/// options (a theme's: egui then rebuilds the font atlas, and old galleys point into it).
#[derive(Default)]
pub struct Labels {
    key: Option<(u64, bool, u32, u32)>,
    text_options: Option<egui::epaint::text::TextOptions>,
    galleys: Vec<Arc<Galley>>,
}

impl Labels {
    fn update(&mut self, ui: &Ui, chronology: &Chronology, rev: u64, vertical: bool, max_px: f32, label_pt: f32) {
        let key = (rev, vertical, max_px.round() as u32, (label_pt * 10.0) as u32);
        let text_options = ui.visuals().text_options;
        if self.key == Some(key) && self.text_options == Some(text_options) {
            return;
        }
        self.key = Some(key);
        self.text_options = Some(text_options);
        self.galleys = chronology
            .entries
            .iter()
            .map(|e| {
                let format = TextFormat {
                    font_id: FontId::proportional(label_pt),
                    color: Color32::PLACEHOLDER,
                    italics: e.is_suggestion(),
                    ..Default::default()
                };
                let mut job = LayoutJob::single_section(e.event.title.clone(), format);
                job.wrap = TextWrapping {
                    max_width: max_px,
                    max_rows: 1,
                    break_anywhere: true,
                    overflow_character: Some('…'),
                };
                ui.fonts_mut(|f| f.layout_job(job))
            })
            .collect();
    }
}

/// What the time view shows besides the timeline itself.
pub struct CanvasInput<'a> {
    pub chronology: &'a Chronology,
    pub rev: u64,
    pub palette: &'a Palette,
    pub vertical: bool,
    pub selected: Option<&'a str>,
    /// Entries whose passages are in the reader's view.
    pub in_view: &'a HashSet<usize>,
    /// The reading position in time.
    pub reading: Option<PartialDate>,
}

/// Where a lane's marks and labels go across time.
struct LaneBand {
    marker: f32,
    labels_from: f32,
    rows: usize,
    row_px: f32,
    badge_at: f32,
}

/// Where each entry sits in time, and the extent of them all, computed once per change of the
/// timeline rather than every frame: with thousands of events it is most of a frame's work.
#[derive(Default)]
struct Spans {
    rev: Option<u64>,
    years: Vec<(f64, f64)>,
    extent: Option<View>,
}

impl Spans {
    fn update(&mut self, chronology: &Chronology, rev: u64) {
        if self.rev != Some(rev) {
            self.rev = Some(rev);
            self.years = chronology
                .entries
                .iter()
                .map(|e| (e.event.date.start_years(), e.event.end.unwrap_or(e.event.date).end_years()))
                .collect();
            self.extent = extent(chronology);
        }
    }
}

pub struct Canvas {
    pub view: Option<View>,
    labels: Labels,
    spans: Spans,
    pub id: egui::Id,
    /// Size of the text and marks; 1 beside the reader, larger on the projector.
    pub text_scale: f32,
}

impl Canvas {
    pub fn new(id: egui::Id) -> Self {
        Self { view: None, labels: Labels::default(), spans: Spans::default(), id, text_scale: 1.0 }
    }

    pub fn has_focus(&self, ctx: &egui::Context) -> bool {
        ctx.memory(|m| m.has_focus(self.id))
    }

    /// Zooms in or out about the middle of the view.
    pub fn zoom(&mut self, chronology: &Chronology, factor: f64) {
        if let Some(limit) = extent(chronology) {
            let view = self.view.unwrap_or(limit);
            self.view = Some(view.zoomed(factor, (view.start + view.end) / 2.0, limit));
        }
    }

    /// Brings an entry into view, keeping the zoom.
    pub fn show_entry(&mut self, entry: &Entry) {
        let (start, end) = (entry.event.date.start_years(), entry.event.end.unwrap_or(entry.event.date).end_years());
        if let Some(view) = self.view
            && start >= view.start
            && end <= view.end
        {
            return;
        }
        if let Some(view) = self.view {
            let half = view.span() / 2.0;
            let mid = (start + end) / 2.0;
            self.view = Some(View { start: mid - half, end: mid + half });
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, input: &CanvasInput<'_>) -> Vec<Command> {
        let mut commands = Vec::new();
        let scale = self.text_scale;
        let (label_pt, small_pt) = (LABEL_PT * scale, SMALL_PT * scale);
        let chronology = input.chronology;
        let palette = input.palette;
        let rect = ui.available_rect_before_wrap();
        let response = ui.interact(rect, self.id, Sense::click_and_drag());
        // The arrow keys move the selection while the view has the keyboard: a screen
        // reader hears which event is selected as the view's value.
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Group, true, "Timeline"));
        let selected_words = input.selected.and_then(|id| chronology.get(id)).map(|e| {
            let suggested = if e.is_suggestion() { ", suggested date" } else { "" };
            format!("Selected: {} {}{suggested}", e.event.title, e.event.date)
        });
        if let Some(words) = selected_words {
            ui.ctx().accesskit_node_builder(self.id, |n| n.set_value(words));
        }
        // The view fills what it is given; the panel around it must know.
        ui.advance_cursor_after_rect(rect);
        ui.painter().rect_filled(rect, 0.0, palette.page);
        self.spans.update(chronology, input.rev);
        let Some(limit) = self.spans.extent else {
            let text = "No events yet. Add one with “+ Event”, or accept a suggested date.";
            ui.painter().text(
                rect.center(),
                Align2::CENTER_CENTER,
                text,
                FontId::proportional(label_pt),
                palette.muted,
            );
            return commands;
        };
        let view = self.view.unwrap_or(limit);
        let vertical = input.vertical;

        // Time runs along the inner rect; the axis and the era strip sit across its start.
        let legend_px = if vertical { legend(ui.painter(), rect, &chronology.lanes, palette, small_pt) } else { 0.0 };
        // Below the text, lane names sit in a gutter at the left, as in a Gantt chart.
        let gutter_px = if vertical {
            0.0
        } else {
            let widest = chronology.lanes.iter().map(|l| text_width(ui, l, small_pt)).fold(0.0, f32::max);
            (widest + 16.0).min(150.0)
        };
        let inner = if vertical {
            Rect::from_min_max(
                pos2(rect.left(), rect.top() + legend_px + 12.0),
                pos2(rect.right(), rect.bottom() - 10.0),
            )
        } else {
            Rect::from_min_max(pos2(rect.left() + gutter_px + 8.0, rect.top()), pos2(rect.right() - 8.0, rect.bottom()))
        };
        let clip = if vertical {
            Rect::from_min_max(pos2(rect.left(), inner.top() - 10.0), rect.max)
        } else {
            Rect::from_min_max(pos2(inner.left() - 8.0, rect.top()), rect.max)
        };
        let frame = Frame { rect: inner, vertical, view };

        self.handle_input(ui, &response, &frame, limit, chronology, input.selected, &mut commands);
        let view = self.view.unwrap_or(limit);
        let frame = Frame { rect: inner, vertical, view };
        let painter = ui.painter().with_clip_rect(clip);

        // Eras, shaded across everything, with their titles in a strip of their own.
        let axis_end = frame.cross_origin() + if vertical { 58.0 } else { AXIS_PX * scale };
        let era_end = axis_end + if chronology.eras.is_empty() { 0.0 } else { ERA_STRIP_PX * scale };
        for (i, e) in chronology.eras.iter().enumerate() {
            let (m0, m1) = (frame.main(e.era.start.start_years()), frame.main(e.era.end.end_years()));
            let cross_end = frame.cross_origin() + frame.cross_len();
            painter.rect_filled(frame.rect(m0, m1, axis_end, cross_end), 0.0, palette.era(i));
            let strip = frame.rect(m0, m1, axis_end, era_end).shrink(1.0);
            let title_painter = painter.with_clip_rect(strip.intersect(rect));
            let galley = painter.layout_no_wrap(e.era.title.clone(), FontId::proportional(small_pt), palette.muted);
            if vertical {
                // Read bottom to top, as spines of books are.
                let at = pos2(strip.center().x - galley.size().y / 2.0, strip.top() + 4.0 + galley.size().x);
                title_painter.add(
                    egui::epaint::TextShape::new(at, galley, palette.muted).with_angle(-std::f32::consts::FRAC_PI_2),
                );
            } else {
                title_painter.galley(
                    pos2(strip.left() + 4.0, strip.center().y - galley.size().y / 2.0),
                    galley,
                    palette.muted,
                );
            }
            let hover = ui.interact(strip, self.id.with(("era", i)), Sense::hover());
            hover.on_hover_text(format!("{}\n{} – {}", e.era.title, e.era.start, e.era.end));
        }

        // Ticks, and a line under (or beside) them.
        let min_gap = if vertical { 34.0 } else { 86.0 };
        let tick_font = FontId::proportional(small_pt);
        let mut last_label_end = f32::NEG_INFINITY;
        for tick in ticks(view.start, view.end, frame.main_len(), min_gap) {
            let m = frame.main(tick.at_years);
            let color = if tick.major { palette.text } else { palette.muted };
            painter.line_segment(
                [frame.pos(m, axis_end - 6.0), frame.pos(m, frame.cross_origin() + frame.cross_len())],
                Stroke::new(1.0, palette.rule.gamma_multiply(if tick.major { 0.9 } else { 0.45 })),
            );
            let galley = painter.layout_no_wrap(tick.label, tick_font.clone(), color);
            let (extent, at) = if vertical {
                (galley.size().y, pos2(frame.cross_origin() + 4.0, m - galley.size().y / 2.0))
            } else {
                (galley.size().x, pos2(m + 3.0, frame.cross_origin() + 4.0))
            };
            let start = if vertical { at.y } else { at.x };
            if start > last_label_end + 4.0 {
                last_label_end = start + extent;
                painter.galley(at, galley, color);
            }
        }
        painter.line_segment(
            [frame.pos(frame.main(view.start), axis_end), frame.pos(frame.main(view.end), axis_end)],
            Stroke::new(1.0, palette.rule),
        );

        // Lanes.
        let lanes = chronology.lanes.len().max(1);
        let label_max = if vertical {
            (frame.cross_origin() + frame.cross_len()
                - (era_end + lanes as f32 * LANE_COLUMN_PX + (BADGE_PX * scale))
                - 8.0)
                .clamp(40.0, (LABEL_MAX_PX * scale) * 2.0)
        } else {
            LABEL_MAX_PX * scale
        };
        self.labels.update(ui, chronology, input.rev, vertical, label_max, label_pt);
        let row_px = label_pt * 1.5;
        let bands: Vec<LaneBand> = if vertical {
            let labels_from = era_end + lanes as f32 * LANE_COLUMN_PX + (BADGE_PX * scale) + 4.0;
            (0..lanes)
                .map(|i| LaneBand {
                    marker: era_end + (i as f32 + 0.5) * LANE_COLUMN_PX,
                    labels_from,
                    rows: 1,
                    row_px,
                    badge_at: era_end + lanes as f32 * LANE_COLUMN_PX + 2.0,
                })
                .collect()
        } else {
            let band_px = (frame.cross_origin() + frame.cross_len() - era_end - 4.0) / lanes as f32;
            (0..lanes)
                .map(|i| {
                    let top = era_end + 4.0 + i as f32 * band_px;
                    let rows = (((band_px - 18.0 - row_px) / row_px).floor() as usize).clamp(1, 8);
                    LaneBand {
                        marker: top + 9.0,
                        labels_from: top + 17.0,
                        rows,
                        row_px,
                        badge_at: top + 17.0 + rows as f32 * row_px,
                    }
                })
                .collect()
        };
        if !vertical {
            for (i, (band, name)) in bands.iter().zip(&chronology.lanes).enumerate() {
                let color = if name == casebook_core::timeline::chronology::SUGGESTED_LANE {
                    palette.muted
                } else {
                    palette.lane(i)
                };
                let galley = painter.layout_no_wrap(name.clone(), FontId::proportional(small_pt), color);
                ui.painter().galley(pos2(rect.left() + 6.0, band.marker - galley.size().y / 2.0), galley, color);
                painter.line_segment(
                    [frame.pos(frame.main(view.start), band.marker), frame.pos(frame.main(view.end), band.marker)],
                    Stroke::new(1.0, color.gamma_multiply(0.35)),
                );
            }
        }

        // Marks: dots for days and months, bars for ranges and years; hollow for suggestions.
        let mut last_dot: Vec<f32> = vec![f32::NEG_INFINITY; lanes];
        // Below the text each lane has its own rows of labels; beside it, all share one column.
        // Beside it, events are placed before the suggestions, which take the room that is left.
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); if vertical { 2 } else { lanes }];
        for (i, e) in chronology.entries.iter().enumerate() {
            let lane = e.lane.min(lanes - 1);
            groups[if vertical { usize::from(e.is_suggestion()) } else { lane }].push(i);
            let (start, end) = self.spans.years[i];
            if end < view.start || start > view.end {
                continue;
            }
            let (m0, m1) = (frame.main(start), frame.main(end));
            let color = if e.is_suggestion() { palette.muted } else { palette.lane(lane) };
            let band = &bands[lane];
            let selected = input.selected == Some(e.event.id.as_str());
            let highlighted = selected || input.in_view.contains(&i);
            if m1 - m0 > MARKER_R * 2.0 && (e.event.end.is_some() || e.event.date.month.is_none()) {
                let bar = frame.rect(m0, m1, band.marker - 3.5, band.marker + 3.5);
                if e.is_suggestion() {
                    painter.rect_stroke(bar, 3.0, Stroke::new(1.5, color), StrokeKind::Inside);
                } else {
                    painter.rect_filled(bar, 3.0, color.gamma_multiply(if highlighted { 1.0 } else { 0.75 }));
                }
                if selected {
                    painter.rect_stroke(bar.expand(3.0), 4.0, Stroke::new(2.0, palette.accent), StrokeKind::Outside);
                }
                continue;
            }
            // At a wide zoom many events share a pixel: one dot stands for them.
            if m0 - last_dot[lane] < 1.0 && !highlighted {
                continue;
            }
            last_dot[lane] = m0;
            let center = frame.pos(m0, band.marker);
            let r = if highlighted { MARKER_R + 1.5 } else { MARKER_R };
            if e.is_suggestion() {
                painter.circle_stroke(center, r - 1.0, Stroke::new(1.5, color));
            } else {
                painter.circle_filled(center, r, color);
            }
            if selected {
                painter.circle_stroke(center, r + 3.0, Stroke::new(2.0, palette.accent));
            }
        }

        // Labels: in rows with room, else in a cluster's count.
        let mut taken = Taken::default();
        for (g, members) in groups.iter_mut().enumerate() {
            members.sort_by_key(|&i| chronology.entries[i].event.date);
            let band = &bands[if vertical { 0 } else { g }];
            let visible: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| self.spans.years[i].1 >= view.start && self.spans.years[i].0 <= view.end)
                .collect();
            // A label that would run past the end of the view ends at the end instead, to the
            // left of (or above) its mark, so it is never cut off.
            let main_end = frame.main(view.end);
            let mut placed: Vec<(usize, Span)> = visible
                .iter()
                .map(|&i| {
                    let size = self.labels.galleys.get(i).map_or(vec2(40.0, row_px), |g| g.size());
                    let pos = frame.main(self.spans.years[i].0);
                    let span = if vertical {
                        Span { pos: pos - row_px / 2.0, extent: row_px }
                    } else {
                        Span { pos, extent: size.x }
                    };
                    (i, Span { pos: span.pos.min(main_end - span.extent), ..span })
                })
                .collect();
            placed.sort_by(|a, b| a.1.pos.total_cmp(&b.1.pos));
            let (visible, spans): (Vec<usize>, Vec<Span>) = placed.into_iter().unzip();
            let packing = Packing {
                rows: band.rows,
                max_shift: if vertical { row_px * 2.5 } else { 40.0 },
                gap: if vertical { 2.0 } else { 10.0 },
                badge_extent: if vertical { row_px } else { BADGE_PX * scale },
                end: main_end,
            };
            if !vertical {
                taken = Taken::default();
            }
            let placed = packing.place(&spans, &taken);
            let (slots, clusters) = (placed.0, placed.1);
            taken = placed.2;
            for (k, slot) in slots.iter().enumerate() {
                let Slot::Row { row, start } = *slot else { continue };
                let i = visible[k];
                let entry = &chronology.entries[i];
                let Some(galley) = self.labels.galleys.get(i).cloned() else { continue };
                let cross = band.labels_from + row as f32 * band.row_px;
                let at = if vertical {
                    pos2(band.labels_from, start + (row_px - galley.size().y) / 2.0)
                } else {
                    pos2(start, cross + (row_px - galley.size().y) / 2.0)
                };
                let label_rect = Rect::from_min_size(at, galley.size()).expand2(vec2(3.0, 1.0));
                let selected = input.selected == Some(entry.event.id.as_str());
                let lane = entry.lane.min(lanes - 1);
                let lane_color = if entry.is_suggestion() { palette.muted } else { palette.lane(lane) };
                if vertical {
                    let mark = frame.pos(frame.main(self.spans.years[i].0), bands[lane].marker);
                    let leader_end = pos2(band.labels_from - 3.0, at.y + galley.size().y / 2.0);
                    painter.line_segment([mark, leader_end], Stroke::new(1.0, lane_color.gamma_multiply(0.5)));
                } else {
                    let m = frame.main(self.spans.years[i].0);
                    painter.line_segment(
                        [pos2(m, band.marker + MARKER_R), pos2(m, label_rect.top())],
                        Stroke::new(1.0, lane_color.gamma_multiply(0.4)),
                    );
                }
                if selected {
                    painter.rect_filled(label_rect, 3.0, palette.accent.gamma_multiply(0.25));
                } else if input.in_view.contains(&i) {
                    painter.rect_filled(label_rect, 3.0, palette.find.gamma_multiply(0.6));
                }
                let text_color = if entry.is_suggestion() { palette.muted } else { palette.text };
                painter.galley(at, galley, text_color);
                let id = self.id.with(("entry", entry.event.id.as_str()));
                let r = ui.interact(label_rect, id, Sense::click());
                // Said with what its colour and its lane show the eye.
                let lane_name = chronology.lanes.get(lane).map_or("", String::as_str);
                let label = if entry.is_suggestion() {
                    format!("{} {}, suggested date", entry.event.title, entry.event.date)
                } else {
                    format!("{} {}, {lane_name}", entry.event.title, entry.event.date)
                };
                r.widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &label));
                if r.clicked() {
                    commands.push(Command::RevealEvent(entry.event.id.clone()));
                    ui.memory_mut(|m| m.request_focus(self.id));
                }
                r.on_hover_ui(|ui| entry_tooltip_ui(ui, entry));
            }
            for (c, cluster) in clusters.iter().enumerate() {
                let text = format!("+{}", cluster.members.len());
                let galley = painter.layout_no_wrap(text, FontId::proportional(small_pt), palette.text);
                let badge = if vertical {
                    Rect::from_min_size(
                        pos2(band.badge_at, cluster.start),
                        vec2((BADGE_PX * scale) - 4.0, row_px - 2.0),
                    )
                } else {
                    Rect::from_min_size(
                        pos2(cluster.start, band.badge_at),
                        vec2((BADGE_PX * scale) - 6.0, row_px - 2.0),
                    )
                };
                painter.rect_filled(badge, CornerRadius::same(9), palette.chrome);
                painter.rect_stroke(badge, CornerRadius::same(9), Stroke::new(1.0, palette.rule), StrokeKind::Inside);
                painter.galley(badge.center() - galley.size() / 2.0, galley, palette.text);
                let members: Vec<&Entry> = cluster.members.iter().map(|&k| &chronology.entries[visible[k]]).collect();
                let r = ui.interact(badge, self.id.with(("cluster", g, c)), Sense::click());
                let count = members.len();
                r.widget_info(|| {
                    WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        if count == 1 { "1 more event".to_owned() } else { format!("{count} more events") },
                    )
                });
                if r.clicked() {
                    let start = members.iter().map(|e| e.event.date.start_years()).fold(f64::INFINITY, f64::min);
                    let end = members
                        .iter()
                        .map(|e| e.event.end.unwrap_or(e.event.date).end_years())
                        .fold(f64::NEG_INFINITY, f64::max);
                    let closer = View::around(start, end).within(limit);
                    if closer.span() * 2.0 < view.span() {
                        self.view = Some(closer);
                    } else if let Some(first) = members.first() {
                        // Events this close never part by zooming: select the first, and the
                        // arrow keys walk the rest.
                        commands.push(Command::SelectEvent(Some(first.event.id.clone())));
                    }
                    ui.memory_mut(|m| m.request_focus(self.id));
                }
                r.on_hover_ui(|ui| {
                    ui.label(format!("{count} more events here. Click or zoom in to see them."));
                    for e in members.iter().take(8) {
                        ui.label(format!("{} — {}", e.event.date, e.event.title));
                    }
                    if count > 8 {
                        ui.weak(format!("and {} more", count - 8));
                    }
                });
            }
        }

        // The reading position in time.
        if let Some(date) = input.reading {
            let m = frame.main(date.start_years());
            if m >= frame.main(view.start) && m <= frame.main(view.end) {
                let cross_end = frame.cross_origin() + frame.cross_len();
                painter.line_segment(
                    [frame.pos(m, axis_end), frame.pos(m, cross_end)],
                    Stroke::new(2.0, palette.find_current),
                );
                let tip = frame.pos(m, axis_end);
                let (a, b) =
                    if vertical { (vec2(-7.0, -5.0), vec2(-7.0, 5.0)) } else { (vec2(-5.0, -7.0), vec2(5.0, -7.0)) };
                painter.add(Shape::convex_polygon(vec![tip, tip + a, tip + b], palette.find_current, Stroke::NONE));
                let hint =
                    ui.interact(Rect::from_center_size(tip, vec2(14.0, 14.0)), self.id.with("reading"), Sense::hover());
                hint.on_hover_text(format!("Where you are reading: {date}"));
            }
        }

        if response.has_focus() {
            painter.rect_stroke(rect.shrink(1.0), 2.0, Stroke::new(2.0, palette.accent), StrokeKind::Inside);
        }
        commands
    }
}

/// Beside the text the lanes are narrow columns, so their names are a key at the top, in as
/// many lines as it takes. Returns its height.
fn legend(painter: &egui::Painter, rect: Rect, lanes: &[String], palette: &Palette, small_pt: f32) -> f32 {
    let line_px = small_pt * 1.5;
    let (mut x, mut y) = (rect.left() + 6.0, rect.top() + 4.0);
    for (i, name) in lanes.iter().enumerate() {
        let color =
            if name == casebook_core::timeline::chronology::SUGGESTED_LANE { palette.muted } else { palette.lane(i) };
        let galley = painter.layout_no_wrap(name.clone(), FontId::proportional(small_pt), color);
        let width = 14.0 + galley.size().x;
        if x + width > rect.right() - 4.0 && x > rect.left() + 6.0 {
            x = rect.left() + 6.0;
            y += line_px;
        }
        painter.circle_filled(pos2(x + 5.0, y + line_px / 2.0), 4.0, color);
        painter.galley(pos2(x + 14.0, y + (line_px - galley.size().y) / 2.0), galley, color);
        x += width + 12.0;
    }
    y + line_px - rect.top()
}

fn text_width(ui: &Ui, text: &str, size_pt: f32) -> f32 {
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), FontId::proportional(size_pt), Color32::PLACEHOLDER).size().x)
}

/// Every entry in the order of time across all lanes, for moving with the arrow keys.
pub(super) fn by_time(chronology: &Chronology) -> Vec<usize> {
    let mut order: Vec<usize> = (0..chronology.entries.len()).collect();
    order.sort_by_key(|&i| chronology.entries[i].event.date);
    order
}

pub fn entry_tooltip_ui(ui: &mut Ui, entry: &Entry) {
    ui.set_max_width(360.0);
    ui.weak(entry.event.when());
    ui.strong(&entry.event.title);
    if !entry.event.description.is_empty() {
        ui.label(&entry.event.description);
    }
    match entry.source {
        Source::Suggested => ui.weak("Suggested from the text. Select it to accept or dismiss."),
        _ if entry.range.is_some() => ui.weak("Click to go to its passage."),
        _ => ui.weak("Not linked to a passage."),
    };
}
