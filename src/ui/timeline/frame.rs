//! Where time falls on the screen: along the main axis (x below the text, y beside it) and
//! across it.

use egui::{Pos2, Rect, pos2};

use super::view::View;

/// Maps between time and the screen for one placement.
pub(super) struct Frame {
    pub rect: Rect,
    pub vertical: bool,
    pub view: View,
}

impl Frame {
    pub(super) fn main_len(&self) -> f32 {
        if self.vertical { self.rect.height() } else { self.rect.width() }
    }

    pub(super) fn main(&self, years: f64) -> f32 {
        let t = ((years - self.view.start) / self.view.span()) as f32;
        let origin = if self.vertical { self.rect.top() } else { self.rect.left() };
        origin + t * self.main_len()
    }

    pub(super) fn years(&self, main: f32) -> f64 {
        let origin = if self.vertical { self.rect.top() } else { self.rect.left() };
        self.view.start + f64::from((main - origin) / self.main_len()) * self.view.span()
    }

    pub(super) fn pos(&self, main: f32, cross: f32) -> Pos2 {
        if self.vertical { pos2(cross, main) } else { pos2(main, cross) }
    }

    /// The rectangle from `main0..main1` along time and `cross0..cross1` across it.
    pub(super) fn rect(&self, main0: f32, main1: f32, cross0: f32, cross1: f32) -> Rect {
        Rect::from_two_pos(self.pos(main0, cross0), self.pos(main1, cross1))
    }

    pub(super) fn cross_origin(&self) -> f32 {
        if self.vertical { self.rect.left() } else { self.rect.top() }
    }

    pub(super) fn cross_len(&self) -> f32 {
        if self.vertical { self.rect.width() } else { self.rect.height() }
    }

    /// Pixels along time of a pointer or scroll movement.
    pub(super) fn along(&self, v: egui::Vec2) -> f32 {
        if self.vertical { v.y } else { v.x }
    }
}
