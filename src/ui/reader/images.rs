//! Textures for the images of the open case, decoded the first time they come into view.

use std::collections::HashMap;

use egui::{ColorImage, TextureHandle, TextureOptions};

use casebook_core::case::{self, Case};

pub enum ImageState {
    Ready {
        texture: TextureHandle,
        /// The image's own size, before it was scaled down to fit the column.
        size_px: [usize; 2],
        /// The width of the texture, which may be smaller.
        decoded_width_px: u32,
    },
    /// Why the image can't be shown; the reader draws a placeholder with this and the path.
    Failed(String),
}

pub struct ImageCache {
    ctx: egui::Context,
    images: HashMap<u32, ImageState>,
}

/// Images are decoded at most this wide, whatever the zoom.
const MAX_DECODE_WIDTH_PX: u32 = 2400;

impl ImageCache {
    pub fn new(ctx: egui::Context) -> Self {
        Self { ctx, images: HashMap::new() }
    }

    /// The image, decoded at least `width_px` wide where the file allows: after zooming in,
    /// it is decoded again so it stays sharp.
    pub fn get(&mut self, case: &Case, image: u32, width_px: u32) -> &ImageState {
        let wanted_px = width_px.clamp(64, MAX_DECODE_WIDTH_PX);
        let blurry = matches!(
            self.images.get(&image),
            Some(ImageState::Ready { size_px, decoded_width_px, .. })
                if wanted_px > decoded_width_px + decoded_width_px / 4 && (*decoded_width_px as usize) < size_px[0]
        );
        if blurry {
            self.images.remove(&image);
        }
        let ctx = &self.ctx;
        self.images.entry(image).or_insert_with(|| load(ctx, case, image, wanted_px))
    }

    /// Why a block's image can't be shown, once it was tried.
    pub fn problem(&self, case: &Case, block: usize) -> Option<String> {
        let casebook_core::case::document::BlockKind::Image { image } = case.doc.blocks.get(block)?.kind else {
            return None;
        };
        match self.images.get(&image)? {
            ImageState::Failed(message) => Some(message.clone()),
            ImageState::Ready { .. } => None,
        }
    }
}

fn load(ctx: &egui::Context, case: &Case, image: u32, width_px: u32) -> ImageState {
    let Some(reference) = case.doc.images.get(image as usize) else {
        return ImageState::Failed("unknown image".to_owned());
    };
    let path = match case::resolve_image(&case.dir, &reference.src) {
        Ok(path) => path,
        Err(problem) => return ImageState::Failed(problem.to_string()),
    };
    match case::image::decode(&path, width_px) {
        Ok(decoded) => {
            let size_px = [decoded.width_px as usize, decoded.height_px as usize];
            let color = ColorImage::from_rgba_unmultiplied(size_px, &decoded.rgba);
            let texture = ctx.load_texture(format!("case-image-{image}"), color, TextureOptions::LINEAR);
            let [w, h] = decoded.original_px;
            ImageState::Ready { texture, size_px: [w as usize, h as usize], decoded_width_px: decoded.width_px }
        }
        Err(e) => ImageState::Failed(e.to_string()),
    }
}
