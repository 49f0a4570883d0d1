//! PNG pictures of the map and of the figures panel (table and chart), for slides and papers.
//!
//! The window is captured by the renderer at the end of a frame (`Context::request_screenshot`);
//! the part showing the map or the figures is cut out, encoded and written (atomically on the
//! desktop, as a download on the web) by a background job, so the frame never waits for the disk.

use super::jobs::{Job, Poll};
use super::platform::clock::Deadline;
use egui::{Color32, ColorImage, Rect};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

/// How long a closed window takes to fade out of the frame.
const DIALOG_FADE: Duration = Duration::from_millis(400);

/// What a picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    Map,
    /// The figures panel: hub table and chart.
    Figures,
}

/// A capture asked of the renderer: the part to cut out once the window's image arrives.
struct Capture {
    image: Receiver<Arc<ColorImage>>,
    rect: Rect,
    pixels_per_point: f32,
    path: PathBuf,
}

/// Pictures being taken or written.
#[derive(Default)]
pub struct PngExport {
    /// Where the map and the figures panel were drawn in the last frame (points).
    pub map_rect: Option<Rect>,
    pub figures_rect: Option<Rect>,
    /// A picture to take at the end of the next frame (once dialogs over it have closed).
    pending: Option<(Picture, PathBuf)>,
    /// Not before this moment: the dialog that asked is still fading out until then.
    not_before: Option<Deadline>,
    capturing: Option<Capture>,
    writing: Option<Job<Result<PathBuf, String>>>,
}

const NOT_CAPTURED: &str = "Picture not written: the window could not be captured";

impl PngExport {
    /// Asks for a picture; it is taken at the end of the next frame.
    pub fn request(&mut self, picture: Picture, path: PathBuf) {
        self.pending = Some((picture, path));
        self.not_before = Some(Deadline::after(DIALOG_FADE));
    }

    /// The picture asked for and not yet captured (a narrow window shows its panel first).
    pub fn pending_picture(&self) -> Option<Picture> {
        self.pending.as_ref().map(|(picture, _)| *picture)
    }

    pub fn is_busy(&self) -> bool {
        self.pending.is_some() || self.capturing.is_some() || self.writing.is_some()
    }

    /// Call once per frame after the panels are drawn; returns a message for the user when a
    /// picture has been written or has failed.
    pub fn tick(&mut self, ctx: &egui::Context) -> Option<String> {
        if let Some(job) = &mut self.writing {
            let result = match job.poll() {
                Poll::Pending => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    return None;
                }
                Poll::Done(result) => result,
                Poll::Lost => Err("the picture could not be made".to_string()),
            };
            self.writing = None;
            return Some(match result {
                Ok(path) => super::platform::output::wrote_text("Wrote", &path),
                Err(error) => format!("Picture not written: {error}"),
            });
        }
        if let Some(capture) = &self.capturing {
            let image = match capture.image.try_recv() {
                Ok(image) => image,
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    return None;
                }
                Err(TryRecvError::Disconnected) => {
                    self.capturing = None;
                    return Some(NOT_CAPTURED.into());
                }
            };
            let Capture {
                rect,
                pixels_per_point,
                path,
                ..
            } = self.capturing.take()?;
            self.writing = Job::spawn("picture", move |_| {
                let part = crop(&image, rect, pixels_per_point)
                    .ok_or_else(|| "the panel is outside the window".to_string())?;
                let bytes = encode_png(&part)?;
                super::platform::output::write_picture(&path, &bytes)?;
                Ok(path)
            });
            if self.writing.is_none() {
                return Some(NOT_CAPTURED.into());
            }
            ctx.request_repaint();
            return None;
        }
        if self.pending.is_some()
            && let Some(wait) = self.not_before.and_then(|at| at.remaining())
        {
            ctx.request_repaint_after(wait);
            return None;
        }
        let (picture, path) = self.pending.take()?;
        let rect = match picture {
            Picture::Map => self.map_rect,
            Picture::Figures => self.figures_rect,
        };
        let Some(rect) = rect else {
            return Some("Picture not written: that panel is hidden (View menu)".into());
        };
        let (sender, image) = channel();
        let repaint = ctx.clone();
        // A renderer that drops the request without an image disconnects the channel.
        ctx.request_screenshot(move |captured| {
            let _ = sender.send(captured);
            repaint.request_repaint();
        });
        self.capturing = Some(Capture {
            image,
            rect,
            pixels_per_point: ctx.pixels_per_point(),
            path,
        });
        None
    }
}

/// The part of a window capture under `rect` (in points); `None` if it does not overlap.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> Option<ColorImage> {
    let [width, height] = image.size;
    let to_px = |value: f32, limit: usize| {
        ((value * pixels_per_point).round().max(0.0) as usize).min(limit)
    };
    let (x0, x1) = (to_px(rect.min.x, width), to_px(rect.max.x, width));
    let (y0, y1) = (to_px(rect.min.y, height), to_px(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 || image.pixels.len() != width * height {
        return None;
    }
    let mut pixels: Vec<Color32> = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for row in y0..y1 {
        pixels.extend_from_slice(&image.pixels[row * width + x0..row * width + x1]);
    }
    Some(ColorImage::new([x1 - x0, y1 - y0], pixels))
}

/// An 8-bit RGBA PNG of an image.
pub fn encode_png(image: &ColorImage) -> Result<Vec<u8>, String> {
    let [width, height] = image.size;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width as u32, height as u32);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(|error| error.to_string())?;
        let rgba: Vec<u8> = image
            .pixels
            .iter()
            .flat_map(|pixel| pixel.to_srgba_unmultiplied())
            .collect();
        writer
            .write_image_data(&rgba)
            .map_err(|error| error.to_string())?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crop_and_encode_give_the_panel_pixels() {
        // A 4×3 window capture at 2 pixels per point: the right half is red.
        let mut pixels = vec![Color32::WHITE; 8 * 6];
        for row in 0..6 {
            for column in 4..8 {
                pixels[row * 8 + column] = Color32::RED;
            }
        }
        let image = ColorImage::new([8, 6], pixels);
        let right = Rect::from_min_max(egui::pos2(2.0, 0.0), egui::pos2(4.0, 3.0));
        let part = crop(&image, right, 2.0).expect("inside");
        assert_eq!(part.size, [4, 6]);
        assert!(part.pixels.iter().all(|pixel| *pixel == Color32::RED));
        // A rect past the window is clipped; one wholly outside gives nothing.
        let wide = Rect::from_min_max(egui::pos2(3.0, 1.0), egui::pos2(40.0, 40.0));
        assert_eq!(crop(&image, wide, 2.0).expect("overlaps").size, [2, 4]);
        let outside = Rect::from_min_max(egui::pos2(10.0, 10.0), egui::pos2(20.0, 20.0));
        assert!(crop(&image, outside, 2.0).is_none());

        let bytes = encode_png(&part).expect("encodes");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buffer = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buffer).expect("a frame");
        assert_eq!((info.width, info.height), (4, 6));
        assert_eq!(&buffer[..4], &[255, 0, 0, 255]);
    }
}
