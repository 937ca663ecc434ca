//! Decoding the local images of a case, within limits, so a huge image cannot exhaust memory.

use std::path::Path;

/// Images larger than this in either direction are not decoded.
pub const MAX_SIDE_PX: u32 = 12_000;
/// Nor are images of more pixels than this (about 200 MB of RGBA).
pub const MAX_PIXELS: u64 = 50_000_000;

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: std::path::PathBuf, source: std::io::Error },
    #[error("{}: not an image Casebook can read ({message})", path.display())]
    Decode { path: std::path::PathBuf, message: String },
    #[error("{}: {width_px} × {height_px} pixels is too large to show (the limit is {MAX_SIDE_PX} px a side)", path.display())]
    TooLarge { path: std::path::PathBuf, width_px: u32, height_px: u32 },
    #[error("{}: the file is {size_mb} MB; images up to {} MB are shown", path.display(), super::MAX_IMAGE_BYTES >> 20)]
    FileTooLarge { path: std::path::PathBuf, size_mb: u64 },
}

/// A decoded image, RGBA, at most `max_width_px` wide.
pub struct Decoded {
    pub width_px: u32,
    pub height_px: u32,
    pub rgba: Vec<u8>,
    /// Size of the file's image before any scaling down.
    pub original_px: [u32; 2],
}

pub fn decode(path: &Path, max_width_px: u32) -> Result<Decoded, ImageError> {
    let size = std::fs::metadata(path).map_err(|source| ImageError::Io { path: path.to_owned(), source })?.len();
    if size > super::MAX_IMAGE_BYTES {
        return Err(ImageError::FileTooLarge { path: path.to_owned(), size_mb: size >> 20 });
    }
    let decode_err = |e: image::ImageError| ImageError::Decode { path: path.to_owned(), message: e.to_string() };
    let open = || {
        image::ImageReader::open(path)
            .map_err(|source| ImageError::Io { path: path.to_owned(), source })?
            .with_guessed_format()
            .map_err(|source| ImageError::Io { path: path.to_owned(), source })
    };
    let (width_px, height_px) = open()?.into_dimensions().map_err(decode_err)?;
    if width_px > MAX_SIDE_PX || height_px > MAX_SIDE_PX || u64::from(width_px) * u64::from(height_px) > MAX_PIXELS {
        return Err(ImageError::TooLarge { path: path.to_owned(), width_px, height_px });
    }
    let mut reader = open()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE_PX);
    limits.max_image_height = Some(MAX_SIDE_PX);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (16 << 20));
    reader.limits(limits);
    let mut img = reader.decode().map_err(decode_err)?;
    if img.width() > max_width_px {
        img = img.resize(max_width_px, u32::MAX, image::imageops::FilterType::Triangle);
    }
    let rgba = img.to_rgba8();
    Ok(Decoded {
        width_px: rgba.width(),
        height_px: rgba.height(),
        rgba: rgba.into_raw(),
        original_px: [width_px, height_px],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(path: &Path, w: u32, h: u32) {
        image::RgbaImage::from_pixel(w, h, image::Rgba([10, 20, 30, 255])).save(path).unwrap();
    }

    #[test]
    fn decodes_and_scales_down() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.png");
        png(&path, 400, 100);
        let d = decode(&path, 200).unwrap();
        assert_eq!((d.width_px, d.height_px), (200, 50));
        assert_eq!(d.rgba.len(), 200 * 50 * 4);
        assert_eq!(d.original_px, [400, 100]);
    }

    #[test]
    fn huge_image_is_refused_from_its_header() {
        // A 20,000 × 20,000 PNG compresses to little on disk but would need 1.6 GB decoded.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.png");
        let file = std::fs::File::create(&path).unwrap();
        let mut encoder = png_encoder(file, 20_000, 20_000);
        let row = vec![0u8; 20_000];
        let mut writer = encoder.stream_writer().unwrap();
        for _ in 0..20_000 {
            std::io::Write::write_all(&mut writer, &row).unwrap();
        }
        writer.finish().unwrap();
        let err = decode(&path, 1600).err().unwrap();
        assert!(matches!(err, ImageError::TooLarge { width_px: 20_000, .. }), "{err}");
    }

    fn png_encoder(file: std::fs::File, w: u32, h: u32) -> png::Writer<std::io::BufWriter<std::fs::File>> {
        let mut e = png::Encoder::new(std::io::BufWriter::new(file), w, h);
        e.set_color(png::ColorType::Grayscale);
        e.write_header().unwrap()
    }

    #[test]
    fn broken_file_is_a_decode_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("broken.png");
        std::fs::write(&path, b"\x89PNG\r\n\x1a\nnot really").unwrap();
        assert!(matches!(decode(&path, 100), Err(ImageError::Decode { .. })));
        assert!(matches!(decode(&dir.path().join("none.png"), 100), Err(ImageError::Io { .. })));
    }
}
