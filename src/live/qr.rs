//! The join address as a QR code: a matrix of modules, and its dark runs to draw as rectangles.

use qrcode::{Color, EcLevel, QrCode};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Qr {
    /// Modules per side, without the quiet zone.
    pub width: usize,
    /// Horizontal runs of dark modules: (row, first column, length). One rectangle a run
    /// rather than one a module.
    pub runs: Vec<(usize, usize, usize)>,
}

impl Qr {
    /// Made once when the room goes live, not every frame. Level M recovers about 15 % of
    /// the code: enough for a projector.
    pub fn new(text: &str) -> Result<Self, qrcode::types::QrError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
        let width = code.width();
        let colors = code.to_colors();
        let mut runs = Vec::new();
        for y in 0..width {
            let row = &colors[y * width..(y + 1) * width];
            let mut x = 0;
            while x < width {
                if row[x] == Color::Dark {
                    let start = x;
                    while x < width && row[x] == Color::Dark {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        Ok(Self { width, runs })
    }

    /// Whether the module at (x, y) is dark.
    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.runs.iter().any(|&(row, start, len)| row == y && (start..start + len).contains(&x))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_join_address_fits_a_small_code_with_its_finder_patterns() {
        let qr = super::Qr::new("http://192.168.1.20:7420/K7M4QXZ").unwrap();
        assert!(qr.width <= 33, "version 4 or less: {}", qr.width);
        // The finder pattern's corner modules are dark, the ring inside it light.
        assert!(qr.dark(0, 0) && qr.dark(6, 6) && !qr.dark(1, 1) && qr.dark(2, 2));
    }
}
