//! Textures for the images of the open case, decoded the first time they come into view.

use std::collections::HashMap;

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::case::{self, Case};

pub enum ImageState {
    Ready {
        texture: TextureHandle,
        size_px: [usize; 2],
    },
    /// Why the image can't be shown; the reader draws a placeholder with this and the path.
    Failed(String),
}

pub struct ImageCache {
    ctx: egui::Context,
    images: HashMap<u32, ImageState>,
}

impl ImageCache {
    pub fn new(ctx: egui::Context) -> Self {
        Self { ctx, images: HashMap::new() }
    }

    pub fn clear(&mut self) {
        self.images.clear();
    }

    pub fn get(&mut self, case: &Case, image: u32, max_width_px: u32) -> &ImageState {
        self.images.entry(image).or_insert_with(|| {
            let Some(reference) = case.doc.images.get(image as usize) else {
                return ImageState::Failed("unknown image".to_owned());
            };
            let path = match case::resolve_image(&case.dir, &reference.src) {
                Ok(path) => path,
                Err(case::ImageProblem::Remote(src)) => {
                    return ImageState::Failed(format!("Remote image not loaded (Casebook works offline): {src}"));
                }
                Err(case::ImageProblem::OutsideCase(src)) => {
                    return ImageState::Failed(format!("Image outside the case folder: {src}"));
                }
                Err(case::ImageProblem::Missing(src)) => return ImageState::Failed(format!("Image not found: {src}")),
            };
            match case::image::decode(&path, max_width_px.clamp(64, 2400)) {
                Ok(decoded) => {
                    let size_px = [decoded.width_px as usize, decoded.height_px as usize];
                    let color = ColorImage::from_rgba_unmultiplied(size_px, &decoded.rgba);
                    let texture = self.ctx.load_texture(format!("case-image-{image}"), color, TextureOptions::LINEAR);
                    ImageState::Ready {
                        texture,
                        size_px: [decoded.original_px[0] as usize, decoded.original_px[1] as usize],
                    }
                }
                Err(e) => {
                    log::warn!("{e}");
                    ImageState::Failed(e.to_string())
                }
            }
        })
    }
}
