//! The pointer and the keys over the time view: drag to pan, wheel or pinch to zoom, arrows
//! between events, Enter to the passage.

use casebook_core::timeline::chronology::Chronology;
use egui::Ui;

use super::canvas::{Canvas, by_time};
use super::frame::Frame;
use super::view::View;
use crate::ui::actions::{self, Action};
use crate::ui::command::Command;

impl Canvas {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn handle_input(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        frame: &Frame,
        limit: View,
        chronology: &Chronology,
        selected: Option<&str>,
        commands: &mut Vec<Command>,
    ) {
        let mut view = frame.view;
        if response.clicked() {
            response.request_focus();
        }
        if response.dragged() {
            let px = frame.along(response.drag_delta());
            view = view.panned(-f64::from(px) / f64::from(frame.main_len()) * view.span(), limit);
        }
        if response.hovered() {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
            if zoom != 1.0 {
                let at = ui
                    .input(|i| i.pointer.hover_pos())
                    .map_or((view.start + view.end) / 2.0, |p| frame.years(if frame.vertical { p.y } else { p.x }));
                view = view.zoomed(f64::from(zoom), at, limit);
            } else {
                let px = if frame.vertical { scroll.y } else { scroll.x + scroll.y };
                if px != 0.0 {
                    view = view.panned(-f64::from(px) / f64::from(frame.main_len()) * view.span(), limit);
                }
            }
        }
        if response.has_focus() {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    self.id,
                    egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() },
                );
            });
            let (next, prev, enter, zoom_in, zoom_out, fit) = ui.input(|i| {
                let on = |action| actions::pressed(i, action);
                (
                    on(Action::NextEvent),
                    on(Action::PreviousEvent),
                    on(Action::GoToPassage),
                    on(Action::TimelineZoomIn),
                    on(Action::TimelineZoomOut),
                    on(Action::FitAll),
                )
            });
            let current = selected.and_then(|id| chronology.entries.iter().position(|e| e.event.id == id));
            let order = by_time(chronology);
            let at = current.and_then(|c| order.iter().position(|&i| i == c));
            let step = match (next, prev) {
                (true, false) => Some(at.map_or(0, |a| (a + 1).min(order.len().saturating_sub(1)))),
                (false, true) => Some(at.map_or(0, |a| a.saturating_sub(1))),
                _ => None,
            };
            if let Some(&i) = step.and_then(|s| order.get(s)) {
                let entry = &chronology.entries[i];
                commands.push(Command::SelectEvent(Some(entry.event.id.clone())));
                let (start, end) =
                    (entry.event.date.start_years(), entry.event.end.unwrap_or(entry.event.date).end_years());
                if start < view.start || end > view.end {
                    let half = view.span() / 2.0;
                    view = View { start: start - half, end: start + half };
                }
            }
            if enter && let Some(id) = selected {
                commands.push(Command::RevealEvent(id.to_owned()));
            }
            if zoom_in || zoom_out {
                let at =
                    current.map_or((view.start + view.end) / 2.0, |c| chronology.entries[c].event.date.start_years());
                view = view.zoomed(if zoom_in { 1.5 } else { 1.0 / 1.5 }, at, limit);
            }
            if fit {
                self.view = None;
                return;
            }
        }
        if view != frame.view {
            self.view = Some(view);
        }
    }
}
