//! The reading font, Charis SIL, bundled with its licence in `assets/fonts/`.
//!
//! Scripts that Charis and egui's fonts lack (Korean, Chinese, Japanese, …) are found among the
//! system fonts on demand, by eframe's system font provider, the first time a glyph is missing:
//! nothing is scanned at start-up.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

pub const SERIF: &str = "serif";
pub const SERIF_BOLD: &str = "serif-bold";
pub const SERIF_ITALIC: &str = "serif-italic";
pub const SERIF_BOLD_ITALIC: &str = "serif-bold-italic";

const CHARIS: [(&str, &[u8]); 4] = [
    (SERIF, include_bytes!("../../assets/fonts/CharisSIL-Regular.ttf")),
    (SERIF_BOLD, include_bytes!("../../assets/fonts/CharisSIL-Bold.ttf")),
    (SERIF_ITALIC, include_bytes!("../../assets/fonts/CharisSIL-Italic.ttf")),
    (SERIF_BOLD_ITALIC, include_bytes!("../../assets/fonts/CharisSIL-BoldItalic.ttf")),
];

/// egui's default fonts plus one family per Charis face, each falling back to the defaults
/// for symbols Charis lacks.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    let fallbacks = defs.families.get(&FontFamily::Proportional).cloned().unwrap_or_default();
    // The interface font lacks arrows and some symbols that Charis and Hack have.
    if let Some(ui_fonts) = defs.families.get_mut(&FontFamily::Proportional) {
        ui_fonts.extend([SERIF.to_owned(), "Hack".to_owned()]);
    }
    for (name, bytes) in CHARIS {
        defs.font_data.insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        let mut chain = vec![name.to_owned()];
        chain.extend(fallbacks.iter().cloned());
        defs.families.insert(FontFamily::Name(name.into()), chain);
    }
    defs
}

pub fn family(bold: bool, italic: bool) -> FontFamily {
    let name = match (bold, italic) {
        (false, false) => SERIF,
        (true, false) => SERIF_BOLD,
        (false, true) => SERIF_ITALIC,
        (true, true) => SERIF_BOLD_ITALIC,
    };
    FontFamily::Name(name.into())
}
