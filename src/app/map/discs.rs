//! The practice circles drawn into one picture per scene, on the screen's own pixel grid.
//!
//! As triangles, England's 6,488 soft-edged circles were 123,000 vertices and 175,000 triangles
//! that every frame copied into the draw list, and that a software renderer (a laptop without a
//! graphics driver, or the test machine's llvmpipe) kept tens of megabytes of binning memory for.
//! Drawn once into a texture when the view or the document changes, each frame draws one
//! rectangle. Coverage is computed per pixel from the distance to the circle's edge, which gives
//! the same one-pixel soft edge the triangles had.

use egui::{Color32, ColorImage, Pos2, Rect};

/// One circle to draw, in points (the frame's own coordinates).
pub struct Disc {
    pub centre: Pos2,
    pub radius: f32,
    /// Premultiplied fill.
    pub fill: Color32,
    /// A ring on the circle's edge: colour and width in points.
    pub outline: Option<(Color32, f32)>,
    /// A ring just outside it (a practice moved from its PCN): colour and width in points.
    pub moved_ring: Option<(Color32, f32)>,
}

/// Gap in points between a circle and its moved ring.
pub const MOVED_RING_GAP: f32 = 2.0;

/// The pixel rectangle (whole pixels) that covers `frame` at `pixels_per_point`, as the points
/// rectangle to paint the picture in and its size in pixels.
pub fn pixel_frame(frame: Rect, pixels_per_point: f32) -> (Rect, [usize; 2]) {
    let min = (frame.min.to_vec2() * pixels_per_point).floor();
    let max = (frame.max.to_vec2() * pixels_per_point).ceil();
    let size = [
        (max.x - min.x).max(0.0) as usize,
        (max.y - min.y).max(0.0) as usize,
    ];
    let rect = Rect::from_min_max(
        (min / pixels_per_point).to_pos2(),
        (max / pixels_per_point).to_pos2(),
    );
    (rect, size)
}

/// How much of a pixel at `distance` from a centre lies inside `radius` (a one-pixel soft edge).
fn inside(distance: f32, radius: f32) -> f32 {
    (radius + 0.5 - distance).clamp(0.0, 1.0)
}

/// How much of a pixel at `distance` lies on a ring of `radius` and `width` (pixels).
fn on_ring(distance: f32, radius: f32, width: f32) -> f32 {
    (width.max(1.0) / 2.0 + 0.5 - (distance - radius).abs()).clamp(0.0, 1.0) * width.min(1.0)
}

/// `colour` (premultiplied) at `coverage` (0 to 1), laid over `below`, in integers.
fn over(below: Color32, colour: Color32, coverage: f32) -> Color32 {
    let part = (coverage * 255.0 + 0.5) as u16;
    let scaled = match part {
        0 => return below,
        255.. => colour,
        part => {
            let [r, g, b, a] = colour
                .to_array()
                .map(|c| ((u16::from(c) * part + 127) / 255) as u8);
            Color32::from_rgba_premultiplied(r, g, b, a)
        }
    };
    let mut out = below;
    Paint::of(scaled).over(&mut out);
    out
}

/// A premultiplied colour ready to lay wholly over others: its channels and what of the colour
/// under it shows through (the same for every pixel inside a circle).
#[derive(Clone, Copy)]
struct Paint {
    channels: [u16; 4],
    keep: u16,
}

impl Paint {
    fn of(colour: Color32) -> Self {
        Self {
            channels: colour.to_array().map(u16::from),
            keep: 255 - u16::from(colour.a()),
        }
    }

    fn over(self, below: &mut Color32) {
        let under = below.to_array();
        let channel =
            |i: usize| (self.channels[i] + (u16::from(under[i]) * self.keep + 127) / 255).min(255);
        *below = Color32::from_rgba_premultiplied(
            channel(0) as u8,
            channel(1) as u8,
            channel(2) as u8,
            channel(3) as u8,
        );
    }
}

/// Steps per pixel to which a plain circle's centre and radius are rounded for its stamp (an
/// eighth of a pixel off at most: not visible).
const STAMP_STEPS: f32 = 4.0;
/// Plain circles up to this radius (pixels) are drawn from stamps; larger ones pixel by pixel.
const MAX_STAMP_RADIUS: f32 = 24.0;

/// How much of each pixel around a circle it covers, worked out once for each radius and
/// position within a pixel (England's thousands of small circles share a few hundred).
struct Stamp {
    /// Pixels from the stamp's first column and row to the pixel holding the centre.
    reach: usize,
    side: usize,
    coverage: Vec<u8>,
}

impl Stamp {
    fn new(radius: f32, offset: [f32; 2]) -> Self {
        let reach = (radius + 1.5).ceil() as usize;
        let side = 2 * reach + 1;
        let mut coverage = Vec::with_capacity(side * side);
        for j in 0..side {
            for i in 0..side {
                let dx = i as f32 - reach as f32 + 0.5 - offset[0];
                let dy = j as f32 - reach as f32 + 0.5 - offset[1];
                let covered = inside((dx * dx + dy * dy).sqrt(), radius);
                coverage.push((covered * 255.0 + 0.5) as u8);
            }
        }
        Self {
            reach,
            side,
            coverage,
        }
    }
}

/// Draws `discs` in order (later ones on top) into a transparent picture of `size` pixels whose
/// top-left pixel is at `origin` (points). Plain circles are laid down from stamps (no distance
/// measured per pixel); circles with rings, and large ones, pixel by pixel.
pub fn draw(discs: &[Disc], origin: Pos2, size: [usize; 2], pixels_per_point: f32) -> ColorImage {
    let [width, height] = size;
    let mut pixels = vec![Color32::TRANSPARENT; width * height];
    let mut stamps: std::collections::HashMap<[u16; 3], Stamp> = Default::default();
    for disc in discs {
        let centre = (disc.centre - origin) * pixels_per_point;
        let radius = disc.radius * pixels_per_point;
        let plain = disc.outline.is_none() && disc.moved_ring.is_none();
        if !plain || radius > MAX_STAMP_RADIUS || !centre.x.is_finite() || !centre.y.is_finite() {
            draw_exactly(&mut pixels, size, disc, centre, pixels_per_point);
            continue;
        }
        let steps = |v: f32| (v * STAMP_STEPS).round();
        let (x, y) = (steps(centre.x), steps(centre.y));
        let (cell_x, cell_y) = ((x / STAMP_STEPS).floor(), (y / STAMP_STEPS).floor());
        let key = [
            steps(radius) as u16,
            (x - cell_x * STAMP_STEPS) as u16,
            (y - cell_y * STAMP_STEPS) as u16,
        ];
        let stamp = stamps.entry(key).or_insert_with(|| {
            Stamp::new(
                f32::from(key[0]) / STAMP_STEPS,
                [
                    f32::from(key[1]) / STAMP_STEPS,
                    f32::from(key[2]) / STAMP_STEPS,
                ],
            )
        });
        let fill = Paint::of(disc.fill);
        let left = cell_x as i64 - stamp.reach as i64;
        let top = cell_y as i64 - stamp.reach as i64;
        for j in 0..stamp.side {
            let Ok(y) = usize::try_from(top + j as i64) else {
                continue;
            };
            if y >= height {
                break;
            }
            let row = &mut pixels[y * width..(y + 1) * width];
            let covers = &stamp.coverage[j * stamp.side..(j + 1) * stamp.side];
            for (i, &covered) in covers.iter().enumerate() {
                let Ok(x) = usize::try_from(left + i as i64) else {
                    continue;
                };
                if x >= width {
                    break;
                }
                match covered {
                    0 => {}
                    255 => fill.over(&mut row[x]),
                    part => row[x] = over(row[x], disc.fill, f32::from(part) / 255.0),
                }
            }
        }
    }
    ColorImage::new(size, pixels)
}

/// One circle with its rings, each pixel's coverage from its distance to the centre (`centre`
/// and the radius in pixels of the picture).
fn draw_exactly(
    pixels: &mut [Color32],
    [width, height]: [usize; 2],
    disc: &Disc,
    centre: egui::Vec2,
    pixels_per_point: f32,
) {
    let radius = disc.radius * pixels_per_point;
    let outline = disc.outline.map(|(c, w)| (c, w * pixels_per_point));
    let ring = disc.moved_ring.map(|(c, w)| {
        let w = w * pixels_per_point;
        (c, w, radius + MOVED_RING_GAP * pixels_per_point)
    });
    let reach = ring
        .map_or(radius, |(_, w, r)| r + w.max(1.0) / 2.0)
        .max(radius + outline.map_or(0.0, |(_, w)| w.max(1.0) / 2.0))
        + 0.5;
    // Pixels whose whole square lies closer than this to the centre are inside the fill and
    // clear of its rings.
    let solid = radius - 1.25 - outline.map_or(0.0, |(_, w)| w.max(1.0) / 2.0);
    let fill = Paint::of(disc.fill);
    let y0 = ((centre.y - reach).floor().max(0.0) as usize).min(height);
    let y1 = ((centre.y + reach).ceil().max(0.0) as usize).clamp(y0, height);
    for y in y0..y1 {
        let dy = y as f32 + 0.5 - centre.y;
        let across = reach * reach - dy * dy;
        if across <= 0.0 {
            continue;
        }
        let half = across.sqrt();
        let x0 = ((centre.x - half - 0.5).floor().max(0.0) as usize).min(width);
        let x1 = ((centre.x + half + 0.5).ceil().max(0.0) as usize).clamp(x0, width);
        // The solid span of this row (empty near the top and bottom of the circle).
        let (s0, s1) = if solid > 0.0 && solid * solid > dy * dy {
            let solid_half = (solid * solid - dy * dy).sqrt();
            let s0 = ((centre.x - solid_half).ceil().max(x0 as f32) as usize).min(x1);
            let s1 = ((centre.x + solid_half).floor().max(0.0) as usize).clamp(s0, x1);
            (s0, s1)
        } else {
            (x1, x1)
        };
        let row = &mut pixels[y * width..(y + 1) * width];
        for pixel in &mut row[s0..s1] {
            fill.over(pixel);
        }
        for x in (x0..s0).chain(s1..x1) {
            let dx = x as f32 + 0.5 - centre.x;
            let distance = (dx * dx + dy * dy).sqrt();
            let pixel = &mut row[x];
            let mut colour = over(*pixel, disc.fill, inside(distance, radius));
            if let Some((stroke, w)) = outline {
                colour = over(colour, stroke, on_ring(distance, radius, w));
            }
            if let Some((stroke, w, r)) = ring {
                colour = over(colour, stroke, on_ring(distance, r, w));
            }
            *pixel = colour;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(image: &ColorImage, x: usize, y: usize) -> Color32 {
        image.pixels[y * image.size[0] + x]
    }

    #[test]
    fn a_disc_is_solid_inside_soft_at_its_edge_and_clear_outside() {
        let red = Color32::from_rgb(200, 0, 0);
        let disc = Disc {
            centre: Pos2::new(10.5, 10.5),
            radius: 5.0,
            fill: red,
            outline: None,
            moved_ring: None,
        };
        let image = draw(&[disc], Pos2::ZERO, [20, 20], 1.0);
        assert_eq!(at(&image, 10, 10), red, "centre");
        assert_eq!(at(&image, 12, 12), red, "inside");
        assert_eq!(at(&image, 17, 10), Color32::TRANSPARENT, "outside");
        // The pixel whose centre (15.5, 10.5) is exactly 5 from the centre: half covered.
        let edge = at(&image, 15, 10);
        assert!(edge.a() > 110 && edge.a() < 150, "{edge:?}");
    }

    #[test]
    fn later_discs_lie_over_earlier_ones_and_rings_sit_outside() {
        let blue = Color32::from_rgb(0, 0, 200);
        let half_green = Color32::from_rgb(0, 200, 0).gamma_multiply(0.5);
        let white = Color32::WHITE;
        let discs = [
            Disc {
                centre: Pos2::new(10.0, 10.0),
                radius: 6.0,
                fill: blue,
                outline: None,
                moved_ring: None,
            },
            Disc {
                centre: Pos2::new(10.0, 10.0),
                radius: 3.0,
                fill: half_green,
                outline: None,
                moved_ring: Some((white, 1.0)),
            },
        ];
        let image = draw(&discs, Pos2::ZERO, [20, 20], 1.0);
        let middle = at(&image, 10, 10);
        assert_eq!(middle.a(), 255, "opaque blue under half green");
        assert!(middle.g() > 90 && middle.b() > 90, "both show: {middle:?}");
        // The ring at radius 5 (3 + the 2 point gap), one pixel wide, lies over the blue: the
        // pixel centred 4.53 from the middle is about half white.
        let ring = at(&image, 14, 10);
        assert!(ring.r() > 100, "white ring at x = 14: {ring:?}");
        assert_eq!(
            at(&image, 12, 10).r(),
            0,
            "no ring between the circle and its ring"
        );
    }

    /// Premultiplied "over" worked in floating point, to check the integer blending against.
    fn over_exactly(below: Color32, colour: Color32, coverage: f32) -> [u8; 4] {
        let alpha = f32::from(colour.a()) * coverage / 255.0;
        let mut out = [0; 4];
        for (i, (top, under)) in colour
            .to_array()
            .into_iter()
            .zip(below.to_array())
            .enumerate()
        {
            out[i] = (f32::from(top) * coverage + f32::from(under) * (1.0 - alpha)).round() as u8;
        }
        out
    }

    #[test]
    fn integer_blending_matches_the_exact_blend_within_two_steps() {
        let fill = Color32::from_rgb(30, 140, 220).gamma_multiply(0.85);
        for below in [
            Color32::TRANSPARENT,
            Color32::from_rgb(200, 40, 10),
            Color32::from_rgb(10, 200, 40).gamma_multiply(0.5),
        ] {
            for coverage in [1.0, 0.75, 0.5, 0.2] {
                let quick = over(below, fill, coverage).to_array();
                let exact = over_exactly(below, fill, coverage);
                for (a, b) in quick.into_iter().zip(exact) {
                    assert!(
                        a.abs_diff(b) <= 2,
                        "{coverage}: {quick:?} against {exact:?}"
                    );
                }
            }
            assert_eq!(over(below, fill, 0.0), below);
        }
    }

    #[test]
    fn circles_partly_or_wholly_outside_the_picture_are_cut_at_its_edges() {
        let at_centre = |x: f32, y: f32| Disc {
            centre: Pos2::new(x, y),
            radius: 6.0,
            fill: Color32::RED,
            outline: Some((Color32::WHITE, 1.0)),
            moved_ring: Some((Color32::WHITE, 1.5)),
        };
        let discs: Vec<Disc> = [
            (0.0, 0.0),
            (20.0, 10.0),
            (10.0, 20.0),
            (-3.0, 10.0),
            (23.0, 23.0),
            (-50.0, -50.0),
            (70.0, 5.0),
        ]
        .into_iter()
        .map(|(x, y)| at_centre(x, y))
        .collect();
        let image = draw(&discs, Pos2::ZERO, [20, 20], 1.0);
        assert_eq!(image.pixels.len(), 400);
        assert_eq!(at(&image, 0, 0), Color32::RED, "the corner circle's middle");
        assert_eq!(at(&image, 19, 10), Color32::RED, "the right edge's circle");
        assert_eq!(at(&image, 10, 10), Color32::TRANSPARENT, "between them");
    }

    /// A stamped circle and the same circle drawn pixel by pixel differ by little: the stamp's
    /// centre and radius are rounded to a quarter of a pixel.
    #[test]
    fn stamped_circles_match_circles_drawn_pixel_by_pixel() {
        let fill = Color32::from_rgb(30, 140, 220).gamma_multiply(0.85);
        for (x, y, radius) in [(10.3, 9.8, 3.0), (12.6, 11.1, 5.7), (9.0, 10.0, 7.25)] {
            let disc = Disc {
                centre: Pos2::new(x, y),
                radius,
                fill,
                outline: None,
                moved_ring: None,
            };
            let stamped = draw(std::slice::from_ref(&disc), Pos2::ZERO, [24, 24], 1.0);
            let mut exact = vec![Color32::TRANSPARENT; 24 * 24];
            draw_exactly(&mut exact, [24, 24], &disc, disc.centre.to_vec2(), 1.0);
            let worst = stamped
                .pixels
                .iter()
                .zip(&exact)
                .map(|(a, b)| a.a().abs_diff(b.a()))
                .max()
                .unwrap_or(0);
            assert!(
                worst <= 64,
                "({x}, {y}) r {radius}: alpha differs by {worst}"
            );
            let inside = |image: &[Color32]| image.iter().filter(|p| p.a() > 0).count();
            assert!(
                inside(&stamped.pixels).abs_diff(inside(&exact)) <= 8,
                "({x}, {y}) r {radius}: the same pixels are touched"
            );
        }
    }

    #[test]
    fn the_picture_is_on_whole_pixels_and_scales_with_the_screen() {
        let frame = Rect::from_min_max(Pos2::new(10.3, 20.0), Pos2::new(110.2, 70.5));
        let (rect, size) = pixel_frame(frame, 2.0);
        assert_eq!(size, [201, 101]);
        assert_eq!(rect.min, Pos2::new(10.0, 20.0));
        assert_eq!(rect.max, Pos2::new(110.5, 70.5));
        let disc = Disc {
            centre: Pos2::new(20.0, 30.0),
            radius: 2.0,
            fill: Color32::RED,
            outline: None,
            moved_ring: None,
        };
        let image = draw(&[disc], rect.min, size, 2.0);
        // (20, 30) points is pixel (20, 20) at two pixels a point; radius 4 pixels.
        assert_eq!(at(&image, 20, 20), Color32::RED);
        assert_eq!(at(&image, 26, 20), Color32::TRANSPARENT);
    }
}
