//! Colours and sizes of the reader and the app, named in one place.

use egui::{Color32, Visuals};

pub use casebook_core::session::ThemeChoice;

/// The colours of a theme.
pub fn palette(theme: ThemeChoice) -> Palette {
    match theme {
        ThemeChoice::Light => Palette {
            page: Color32::from_rgb(0xfd, 0xfd, 0xfb),
            chrome: Color32::from_rgb(0xf0, 0xf0, 0xec),
            text: Color32::from_rgb(0x1f, 0x1f, 0x1f),
            muted: Color32::from_rgb(0x5f, 0x5f, 0x5f),
            heading: Color32::from_rgb(0x10, 0x10, 0x10),
            // Dark enough to read under every highlight, not only on the page.
            link: Color32::from_rgb(0x0a, 0x4f, 0xa0),
            code_bg: Color32::from_rgb(0xee, 0xee, 0xea),
            rule: Color32::from_rgb(0xc8, 0xc8, 0xc0),
            quote_bar: Color32::from_rgb(0xb8, 0xb8, 0xae),
            find: Color32::from_rgb(0xff, 0xe5, 0x8f),
            find_current: Color32::from_rgb(0xff, 0xa6, 0x3d),
            accent: Color32::from_rgb(0x1f, 0x5f, 0xbf),
            warning_bg: Color32::from_rgb(0xff, 0xf1, 0xc7),
            error_bg: Color32::from_rgb(0xfb, 0xdc, 0xd8),
            error: Color32::from_rgb(0xb0, 0x2a, 0x1c),
            dark: false,
            high_contrast: false,
        },
        ThemeChoice::Sepia => Palette {
            page: Color32::from_rgb(0xf6, 0xee, 0xdc),
            chrome: Color32::from_rgb(0xea, 0xe0, 0xc9),
            text: Color32::from_rgb(0x3b, 0x2e, 0x1e),
            muted: Color32::from_rgb(0x6e, 0x5c, 0x44),
            heading: Color32::from_rgb(0x2e, 0x22, 0x14),
            link: Color32::from_rgb(0x7a, 0x34, 0x10),
            code_bg: Color32::from_rgb(0xec, 0xe2, 0xcb),
            rule: Color32::from_rgb(0xcf, 0xbf, 0x9f),
            quote_bar: Color32::from_rgb(0xbf, 0xa9, 0x80),
            find: Color32::from_rgb(0xf5, 0xd3, 0x6b),
            find_current: Color32::from_rgb(0xe8, 0x8f, 0x2a),
            accent: Color32::from_rgb(0x7a, 0x34, 0x10),
            warning_bg: Color32::from_rgb(0xf7, 0xe3, 0xaa),
            error_bg: Color32::from_rgb(0xf0, 0xcc, 0xbc),
            error: Color32::from_rgb(0xa3, 0x28, 0x14),
            dark: false,
            high_contrast: false,
        },
        ThemeChoice::Dark => Palette {
            page: Color32::from_rgb(0x1b, 0x1d, 0x21),
            chrome: Color32::from_rgb(0x24, 0x27, 0x2c),
            text: Color32::from_rgb(0xdc, 0xdc, 0xd6),
            muted: Color32::from_rgb(0x9a, 0x9a, 0x94),
            heading: Color32::from_rgb(0xf2, 0xf2, 0xec),
            link: Color32::from_rgb(0x7d, 0xb7, 0xff),
            code_bg: Color32::from_rgb(0x2a, 0x2d, 0x33),
            rule: Color32::from_rgb(0x44, 0x48, 0x50),
            quote_bar: Color32::from_rgb(0x5a, 0x5f, 0x68),
            find: Color32::from_rgb(0x6b, 0x58, 0x12),
            // Light text on it must keep 4.5:1.
            find_current: Color32::from_rgb(0x8a, 0x4a, 0x0c),
            accent: Color32::from_rgb(0x7d, 0xb7, 0xff),
            warning_bg: Color32::from_rgb(0x4a, 0x3f, 0x16),
            error_bg: Color32::from_rgb(0x55, 0x24, 0x22),
            error: Color32::from_rgb(0xff, 0x8a, 0x7a),
            dark: true,
            high_contrast: false,
        },
        ThemeChoice::HighContrast => Palette {
            page: Color32::BLACK,
            chrome: Color32::from_rgb(0x0a, 0x0a, 0x0a),
            text: Color32::WHITE,
            muted: Color32::from_rgb(0xd0, 0xd0, 0xd0),
            heading: Color32::WHITE,
            link: Color32::from_rgb(0xff, 0xf2, 0x4a),
            code_bg: Color32::from_rgb(0x1a, 0x1a, 0x1a),
            rule: Color32::from_rgb(0xc0, 0xc0, 0xc0),
            quote_bar: Color32::from_rgb(0xc0, 0xc0, 0xc0),
            find: Color32::from_rgb(0x00, 0x3c, 0x78),
            find_current: Color32::from_rgb(0x70, 0x00, 0x70),
            accent: Color32::from_rgb(0x5c, 0xe1, 0xff),
            warning_bg: Color32::from_rgb(0x30, 0x26, 0x00),
            error_bg: Color32::from_rgb(0x3a, 0x00, 0x00),
            error: Color32::from_rgb(0xff, 0xa0, 0x90),
            dark: true,
            high_contrast: true,
        },
    }
}

/// The design tokens of one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub page: Color32,
    pub chrome: Color32,
    pub text: Color32,
    pub muted: Color32,
    pub heading: Color32,
    pub link: Color32,
    pub code_bg: Color32,
    pub rule: Color32,
    pub quote_bar: Color32,
    pub find: Color32,
    pub find_current: Color32,
    pub accent: Color32,
    pub warning_bg: Color32,
    pub error_bg: Color32,
    /// Text of problems, on the page or the chrome.
    pub error: Color32,
    pub dark: bool,
    /// Every colour at 7:1: highlights are fainter and lanes brighter.
    pub high_contrast: bool,
}

impl Palette {
    /// The highlight colour for a kind of mark, translucent so overlaps stay readable.
    pub fn mark(&self, color: casebook_core::layer::Color) -> Color32 {
        let [r, g, b, _] = self.mark_swatch(color).to_array();
        // Faint enough in the dark theme that links keep 4.5:1 over the yellow.
        let alpha = match (self.high_contrast, self.dark) {
            (true, _) => 40,
            (false, true) => 56,
            (false, false) => 105,
        };
        Color32::from_rgba_unmultiplied(r, g, b, alpha)
    }

    /// The same colour, opaque, for swatches and buttons.
    pub fn mark_swatch(&self, color: casebook_core::layer::Color) -> Color32 {
        use casebook_core::layer::Color::*;
        match color {
            KeyFact => Color32::from_rgb(0xf2, 0xc1, 0x1d),
            Actor => Color32::from_rgb(0x4a, 0x90, 0xe2),
            TurningPoint => Color32::from_rgb(0xe8, 0x5d, 0x3f),
            Evidence => Color32::from_rgb(0x3f, 0xae, 0x6a),
            Question => Color32::from_rgb(0xa0, 0x6c, 0xe0),
        }
    }

    /// The colour of a timeline lane, distinct from its neighbours and readable as text on
    /// the page.
    pub fn lane(&self, index: usize) -> Color32 {
        const LIGHT: [Color32; 6] = [
            Color32::from_rgb(0x1f, 0x5f, 0xbf),
            Color32::from_rgb(0xb0, 0x3a, 0x2e),
            Color32::from_rgb(0x23, 0x66, 0x28),
            Color32::from_rgb(0x7b, 0x3f, 0xa8),
            Color32::from_rgb(0x7f, 0x4a, 0x00),
            Color32::from_rgb(0x00, 0x68, 0x6a),
        ];
        const DARK: [Color32; 6] = [
            Color32::from_rgb(0x7d, 0xb7, 0xff),
            Color32::from_rgb(0xff, 0x8a, 0x7a),
            Color32::from_rgb(0x8b, 0xd9, 0x8f),
            Color32::from_rgb(0xcf, 0xa6, 0xff),
            Color32::from_rgb(0xff, 0xc0, 0x60),
            Color32::from_rgb(0x6f, 0xd8, 0xd8),
        ];
        const HIGH: [Color32; 6] = [
            Color32::from_rgb(0x9c, 0xcc, 0xff),
            Color32::from_rgb(0xff, 0xb0, 0xa4),
            Color32::from_rgb(0xa8, 0xec, 0xac),
            Color32::from_rgb(0xe0, 0xc4, 0xff),
            Color32::from_rgb(0xff, 0xd5, 0x8a),
            Color32::from_rgb(0x90, 0xee, 0xee),
        ];
        let colors = match (self.high_contrast, self.dark) {
            (true, _) => &HIGH,
            (false, true) => &DARK,
            (false, false) => &LIGHT,
        };
        colors[index % colors.len()]
    }

    /// The shading of a timeline era; neighbouring eras alternate.
    pub fn era(&self, index: usize) -> Color32 {
        let base = if self.dark { Color32::WHITE } else { Color32::from_rgb(0x60, 0x50, 0x20) };
        base.gamma_multiply(if index.is_multiple_of(2) { 0.07 } else { 0.13 })
    }

    pub fn visuals(&self) -> Visuals {
        let mut v = if self.dark { Visuals::dark() } else { Visuals::light() };
        v.panel_fill = self.chrome;
        v.window_fill = self.chrome;
        v.extreme_bg_color = self.page;
        v.hyperlink_color = self.link;
        v.selection.bg_fill = self.accent.gamma_multiply(if self.high_contrast { 0.25 } else { 0.35 });
        if self.high_contrast {
            // Controls and their outlines in full white, not egui's greys. (Not
            // `override_text_color`: the timeline draws its labels' halo in the page colour.)
            v.widgets.noninteractive.bg_stroke.color = self.rule;
            v.widgets.inactive.fg_stroke.color = self.text;
            v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, self.rule);
        }
        v
    }
}

/// Sizes of the reading column, in points at zoom 1.
pub mod size {
    pub const BODY_PT: f32 = 19.0;
    pub const CODE_PT: f32 = 15.5;
    pub const LINE_HEIGHT: f32 = 1.55;
    /// About seventy characters of the body font.
    pub const MEASURE_EM: f32 = 34.0;
    pub const INDENT_EM: f32 = 1.6;
    /// Nested lists and quotes stop indenting after this depth, so text never runs out of room.
    pub const MAX_VISUAL_DEPTH: u32 = 8;
    pub const ZOOM_MIN: f32 = 0.5;
    pub const ZOOM_MAX: f32 = 3.0;
    pub const ZOOM_STEP: f32 = 1.1;
    /// The interface around the text, a little larger than egui's defaults: the app is read
    /// from across a room too.
    pub const UI_BODY_PT: f32 = 15.0;
    pub const UI_SMALL_PT: f32 = 12.0;
    pub const UI_HEADING_PT: f32 = 22.0;
    pub const UI_MONO_PT: f32 = 14.0;
    pub const UI_TITLE_PT: f32 = 16.0;
    pub const CARD_TITLE_PT: f32 = 21.0;
    pub const LIBRARY_TITLE_PT: f32 = 28.0;

    /// The interface's text sizes, set once on the context.
    pub fn apply_text_styles(style: &mut egui::Style) {
        use egui::{FontFamily::Proportional, FontId, TextStyle};
        for (text_style, size_pt) in [
            (TextStyle::Body, UI_BODY_PT),
            (TextStyle::Button, UI_BODY_PT),
            (TextStyle::Small, UI_SMALL_PT),
            (TextStyle::Heading, UI_HEADING_PT),
        ] {
            style.text_styles.insert(text_style, FontId::new(size_pt, Proportional));
        }
        style.text_styles.insert(TextStyle::Monospace, FontId::monospace(UI_MONO_PT));
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    }

    pub fn heading_scale(level: u8) -> f32 {
        match level {
            1 => 1.65,
            2 => 1.35,
            3 => 1.15,
            _ => 1.0,
        }
    }
}
