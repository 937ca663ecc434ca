//! WCAG 2 contrast, and a test that every theme's colours meet it: text must stay legible on
//! a laptop and on a wall.
//!
//! The thresholds: 4.5:1 for body text (1.4.3, AA), 3:1 for large text (24 pt, or 18.7 pt
//! bold) and for what shows a control or its state (1.4.11: the focus ring, the caret), 7:1
//! for the slides (1.4.6, AAA), which are read from the back of a room.

use egui::Color32;

/// AA for body text.
pub const BODY: f64 = 4.5;
/// AA for large text and for the parts of controls.
pub const LARGE_OR_CONTROL: f64 = 3.0;
/// AAA for body text: the slides.
pub const ENHANCED: f64 = 7.0;

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

/// The relative luminance of an opaque colour, 0 for black to 1 for white.
pub fn relative_luminance(c: Color32) -> f64 {
    0.2126 * linear(c.r()) + 0.7152 * linear(c.g()) + 0.0722 * linear(c.b())
}

/// The contrast of two opaque colours, from 1:1 to 21:1.
pub fn contrast_ratio(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// A translucent colour painted over an opaque one: what the eye sees.
pub fn over(top: Color32, under: Color32) -> Color32 {
    // egui's colours are premultiplied: the channels already carry the alpha.
    let a = f32::from(top.a()) / 255.0;
    let mix = |t: u8, u: u8| (f32::from(t) + f32::from(u) * (1.0 - a)).round().clamp(0.0, 255.0) as u8;
    Color32::from_rgb(mix(top.r(), under.r()), mix(top.g(), under.g()), mix(top.b(), under.b()))
}

#[cfg(test)]
mod tests {
    use casebook_core::layer::Color;

    use super::*;
    use crate::ui::theme::{Palette, ThemeChoice, palette};

    fn hex(c: Color32) -> String {
        format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
    }

    /// Every pair below its threshold, said so a failure names them all.
    /// `floor` raises every pair's threshold (7:1 for the high-contrast theme).
    fn failures(name: &str, p: &Palette, text_on_page_min: f64, floor: f64) -> Vec<String> {
        let mut pairs: Vec<(String, Color32, Color32, f64)> = Vec::new();
        for (what, fg, min) in [
            ("text", p.text, text_on_page_min),
            ("heading", p.heading, text_on_page_min),
            ("muted", p.muted, BODY),
            ("link", p.link, BODY),
            ("error", p.error, BODY),
            ("accent", p.accent, BODY),
        ] {
            pairs.push((format!("{what} on page"), fg, p.page, min));
            pairs.push((format!("{what} on chrome"), fg, p.chrome, BODY));
        }
        for (what, bg) in
            [("find", p.find), ("find_current", p.find_current), ("code_bg", p.code_bg), ("warning_bg", p.warning_bg)]
        {
            pairs.push((format!("text on {what}"), p.text, bg, BODY));
        }
        pairs.push(("error on error_bg".into(), p.error, p.error_bg, BODY));
        pairs.push(("error on warning_bg".into(), p.error, p.warning_bg, BODY));
        // Highlights are painted under the text; the text must still read.
        for color in Color::ALL {
            let under = over(p.mark(color), p.page);
            pairs.push((format!("text on the {} highlight", color.default_name()), p.text, under, BODY));
            pairs.push((format!("link on the {} highlight", color.default_name()), p.link, under, BODY));
        }
        // The selection, under text.
        let selection = over(p.visuals().selection.bg_fill, p.page);
        pairs.push(("text on the selection".into(), p.text, selection, BODY));
        // The focus ring and the caret show where the keyboard is.
        pairs.push(("focus ring on page".into(), p.accent, p.page, LARGE_OR_CONTROL));
        pairs.push(("focus ring on chrome".into(), p.accent, p.chrome, LARGE_OR_CONTROL));
        // The timeline's lanes colour the events' titles, on the page and the chrome.
        for lane in 0..6 {
            pairs.push((format!("lane {lane} on page"), p.lane(lane), p.page, BODY));
            pairs.push((format!("lane {lane} on chrome"), p.lane(lane), p.chrome, BODY));
        }
        pairs
            .into_iter()
            .filter_map(|(what, fg, bg, min)| {
                let min = min.max(floor);
                let ratio = contrast_ratio(fg, bg);
                (ratio < min).then(|| format!("{name}: {what}: {} on {} is {ratio:.2}, needs {min}", hex(fg), hex(bg)))
            })
            .collect()
    }

    #[test]
    fn the_formula_matches_wcag() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!(contrast_ratio(Color32::from_gray(0x76), Color32::WHITE) >= 4.5);
        assert!(contrast_ratio(Color32::from_gray(0x77), Color32::WHITE) < 4.5);
        let half_black = Color32::from_black_alpha(128);
        assert_eq!(over(half_black, Color32::WHITE), Color32::from_gray(127));
    }

    #[test]
    fn every_theme_meets_wcag_contrast() {
        let mut bad = Vec::new();
        for theme in [ThemeChoice::Light, ThemeChoice::Sepia, ThemeChoice::Dark] {
            bad.extend(failures(&format!("{theme:?}"), &palette(theme), BODY, 0.0));
        }
        // The high-contrast theme: 7:1 for everything, not only the body text.
        bad.extend(failures("HighContrast", &palette(ThemeChoice::HighContrast), ENHANCED, ENHANCED));
        // The slides: 7:1 for what is read from the back of the room.
        let slides = crate::ui::presentation::high_contrast();
        bad.extend(failures("Slides", &slides, ENHANCED, 0.0));
        for (what, fg) in [("muted", slides.muted), ("error", slides.error)] {
            let ratio = contrast_ratio(fg, slides.page);
            if ratio < ENHANCED {
                bad.push(format!("Slides: {what} is {ratio:.2}, needs {ENHANCED}"));
            }
        }
        assert!(bad.is_empty(), "{} pairs below WCAG contrast:\n{}", bad.len(), bad.join("\n"));
    }
}
