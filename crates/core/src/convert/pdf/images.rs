//! Image XObjects as files: JPEG as it is stored, 8-bit RGB or grey Flate images as PNG.

use lopdf::{Document, Object, ObjectId};

/// Images narrower or shorter than this are rules, bullets or spacers, not figures.
pub(crate) const MIN_SIDE_PX: i64 = 32;

pub(crate) enum Decoded {
    File { bytes: Vec<u8>, extension: &'static str },
    Tiny,
    Unsupported(String),
}

/// The image as a file, decoding at most `max_bytes` of pixels.
pub(crate) fn decode(doc: &Document, id: ObjectId, max_bytes: usize) -> Decoded {
    let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
        return Decoded::Unsupported("an image that could not be read".into());
    };
    let dict = &stream.dict;
    let int = |key: &[u8]| dict.get(key).and_then(Object::as_i64).unwrap_or(0);
    let (width, height) = (int(b"Width"), int(b"Height"));
    if width < MIN_SIDE_PX || height < MIN_SIDE_PX {
        return Decoded::Tiny;
    }
    let filters: Vec<Vec<u8>> =
        stream.filters().map(|f| f.into_iter().map(<[u8]>::to_vec).collect()).unwrap_or_default();
    if filters.len() == 1 && filters[0] == b"DCTDecode" {
        if stream.content.starts_with(&[0xFF, 0xD8]) {
            return Decoded::File { bytes: stream.content.clone(), extension: "jpg" };
        }
        return Decoded::Unsupported("a JPEG image whose data is damaged".into());
    }
    if !(filters.is_empty() || filters.iter().all(|f| f == b"FlateDecode")) {
        let names: Vec<String> = filters.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
        return Decoded::Unsupported(format!("an image compressed as {}", names.join(", ")));
    }
    let space = match dict.get(b"ColorSpace") {
        Ok(Object::Name(n)) => n.clone(),
        Ok(Object::Reference(r)) => match doc.get_object(*r) {
            Ok(Object::Name(n)) => n.clone(),
            Ok(Object::Array(a)) => icc_space(doc, a),
            _ => Vec::new(),
        },
        Ok(Object::Array(a)) => icc_space(doc, a),
        _ => Vec::new(),
    };
    let channels: u64 = match space.as_slice() {
        b"DeviceRGB" => 3,
        b"DeviceGray" => 1,
        _ => return Decoded::Unsupported("an image in a colour space Casebook does not convert".into()),
    };
    if int(b"BitsPerComponent") != 8 {
        return Decoded::Unsupported("an image with other than 8 bits per colour".into());
    }
    let expected = width as u64 * height as u64 * channels;
    if expected > max_bytes as u64 {
        return Decoded::Unsupported("an image larger than Casebook decodes".into());
    }
    let Ok(pixels) = stream.decompressed_content_with_limit(expected as usize + 16) else {
        return Decoded::Unsupported("an image whose data could not be decompressed".into());
    };
    if (pixels.len() as u64) < expected {
        return Decoded::Unsupported("an image whose data is cut short".into());
    }
    let (w, h) = (width as u32, height as u32);
    let pixels = pixels[..expected as usize].to_vec();
    let image = if channels == 3 {
        image::RgbImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageRgb8)
    } else {
        image::GrayImage::from_raw(w, h, pixels).map(image::DynamicImage::ImageLuma8)
    };
    let Some(image) = image else {
        return Decoded::Unsupported("an image whose size does not match its data".into());
    };
    let mut bytes = Vec::new();
    match image.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png) {
        Ok(()) => Decoded::File { bytes, extension: "png" },
        Err(_) => Decoded::Unsupported("an image that could not be written as PNG".into()),
    }
}

/// An `[/ICCBased stream]` colour space read as the device space of as many components.
fn icc_space(doc: &Document, array: &[Object]) -> Vec<u8> {
    let is_icc = array.first().and_then(|o| o.as_name().ok()) == Some(b"ICCBased");
    let n = array
        .get(1)
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_stream().ok())
        .and_then(|s| s.dict.get(b"N").and_then(Object::as_i64).ok());
    match (is_icc, n) {
        (true, Some(3)) => b"DeviceRGB".to_vec(),
        (true, Some(1)) => b"DeviceGray".to_vec(),
        _ => Vec::new(),
    }
}
