//! Everything the map paints for one document revision and one view, built once: a mesh under
//! the practices (sea, land, coastline, hub outlines), the practice circles and rings drawn into
//! one picture on the screen's pixel grid (`discs`), and a mesh over them (label backdrops). A
//! frame that shows the same revision and view (hovering, dragging on the board, any repaint)
//! adds the same meshes and picture again instead of re-tessellating thousands of shapes.

use super::discs::{self, Disc};
use super::labels::{self, PlacedLabel};
use super::parts::{Circle, SceneInput, radius_of};
use super::points::Points;
use super::theme;
use egui::epaint::{Mesh, Tessellator};
use egui::{Color32, Pos2, Rect, Shape};
use egui_plot::{PlotPoint, PlotTransform};
use std::sync::Arc;

/// Circles get an outline up to this many practices (a cost only whole-England views notice).
const MAX_OUTLINED_CIRCLES: usize = 1_000;

/// What a scene was built for: when any of it changes, the scene is built again.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SceneKey {
    revision: u64,
    region: usize,
    bounds: [u64; 4],
    frame: [u32; 4],
    dark: bool,
    pixels_per_point: u32,
}

impl SceneKey {
    pub fn new(
        revision: u64,
        points: &Points,
        transform: &PlotTransform,
        dark: bool,
        pixels_per_point: f32,
    ) -> Self {
        let bounds = transform.bounds();
        let frame = transform.frame();
        Self {
            revision,
            region: Arc::as_ptr(&points.region) as usize,
            bounds: [
                bounds.min()[0],
                bounds.min()[1],
                bounds.max()[0],
                bounds.max()[1],
            ]
            .map(f64::to_bits),
            frame: [frame.min.x, frame.min.y, frame.max.x, frame.max.y].map(f32::to_bits),
            dark,
            pixels_per_point: pixels_per_point.to_bits(),
        }
    }
}

/// One view's paint, ready to add to a frame.
pub struct Scene {
    pub key: SceneKey,
    /// Sea, land, coastline and hub outlines.
    pub below: Arc<Mesh>,
    /// The practice circles and rings, and the rectangle (points) to paint them in.
    pub discs: (egui::TextureHandle, Rect),
    /// Label backdrops, over the circles.
    pub above: Arc<Mesh>,
    /// Circles in view, for hovering, clicking and dragging.
    pub circles: Vec<Circle>,
    pub labels: Vec<PlacedLabel>,
    /// Where the key sits (names are placed clear of it).
    pub key_area: Option<Rect>,
}

impl Scene {
    /// The circle under (or within a few points of) a screen position, nearest first.
    pub fn practice_at(&self, pointer: Pos2) -> Option<&Circle> {
        self.circles
            .iter()
            .map(|circle| (circle, circle.centre.distance(pointer) - circle.radius))
            .filter(|(_, distance)| *distance < 4.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(circle, _)| circle)
    }
}

/// Builds the scene; `texture` is the previous scene's picture, whose texture is reused.
pub fn build(
    painter: &egui::Painter,
    key: SceneKey,
    input: &SceneInput<'_>,
    texture: Option<egui::TextureHandle>,
) -> Scene {
    let frame = input.transform.frame();
    let options = egui::epaint::TessellationOptions::default();
    let mut tessellator = Tessellator::new(input.pixels_per_point, options, [1, 1], Vec::new());
    tessellator.set_clip_rect(frame.expand(2.0));
    let mut below = Mesh::default();
    let ground = theme::map_ground(input.dark);
    tessellator.tessellate_shape(Shape::rect_filled(*frame, 0.0, ground.sea), &mut below);
    land_into(&mut below, input, &ground);
    outlines_into(&mut below, input);
    let (circles, to_draw) = circles_of(input);
    let (rect, size) = discs::pixel_frame(*frame, input.pixels_per_point);
    let picture = discs::draw(&to_draw, rect.min, size, input.pixels_per_point);
    let texture = match texture {
        Some(mut texture) => {
            texture.set(picture, egui::TextureOptions::NEAREST);
            texture
        }
        None => painter
            .ctx()
            .load_texture("map practices", picture, egui::TextureOptions::NEAREST),
    };
    let key_area = super::legend::area(painter, *frame, input.points.largest_list, &circles);
    let labels = labels::place(painter, *frame, input, &circles, key_area);
    let mut above = Mesh::default();
    for label in &labels {
        tessellator.tessellate_shape(
            Shape::rect_filled(label.backdrop, 4.0, label.backdrop_colour),
            &mut above,
        );
    }
    Scene {
        key,
        below: Arc::new(below),
        discs: (texture, rect),
        above: Arc::new(above),
        circles,
        labels,
        key_area,
    }
}

fn screen(transform: &PlotTransform, point: [f64; 2]) -> Pos2 {
    transform.position_from_point(&PlotPoint::new(point[0], point[1]))
}

/// Land as triangles (cut once when the outline was read), then its coastline.
fn land_into(mesh: &mut Mesh, input: &SceneInput<'_>, ground: &theme::MapGround) {
    let view = input.transform.bounds();
    let (min, max) = (view.min(), view.max());
    for (ring, bounds) in input.points.land() {
        if bounds[2] < min[0] || bounds[0] > max[0] || bounds[3] < min[1] || bounds[1] > max[1] {
            continue;
        }
        let outline: Vec<Pos2> = ring
            .points
            .iter()
            .map(|p| screen(input.transform, input.points.plane(*p)))
            .collect();
        let base = mesh.vertices.len() as u32;
        for position in &outline {
            mesh.colored_vertex(*position, ground.land);
        }
        mesh.indices.extend(ring.triangles.iter().map(|i| base + i));
        let line = thinned(&outline, 0.75);
        if line.len() >= 2 {
            ring_into(mesh, &line, ground.coast, 1.0);
        }
    }
}

fn outlines_into(mesh: &mut Mesh, input: &SceneInput<'_>) {
    for outline in &input.outlines.outlines {
        if outline.hull.len() < 3 || !outline.drawn() {
            continue;
        }
        let hull: Vec<Pos2> = outline
            .hull
            .iter()
            .map(|p| screen(input.transform, *p))
            .collect();
        hull_into(
            mesh,
            &hull,
            outline.colour.gamma_multiply(0.14),
            outline.colour,
            1.5,
        );
    }
}

/// A convex outline: its fill as a fan, and each edge as its own soft-edged band of `width`
/// points. Edges are not mitred: a hub whose practices lie almost in a line is a sliver at
/// England's scale, and mitred joins at its needle-sharp corners (egui's polygon stroke) shot
/// spikes in the hub's colour across the whole map.
pub fn hull_into(mesh: &mut Mesh, hull: &[Pos2], fill: Color32, stroke: Color32, width: f32) {
    let base = mesh.vertices.len() as u32;
    for point in hull {
        mesh.colored_vertex(*point, fill);
    }
    for i in 1..hull.len().saturating_sub(1) as u32 {
        mesh.add_triangle(base, base + i, base + i + 1);
    }
    ring_into(mesh, hull, stroke, width);
}

/// A closed line through `points`, each edge its own soft-edged band of `width` points (no
/// mitred joins, which shoot spikes from needle-sharp corners: hub slivers, and coastline
/// hairpins at England's scale).
pub fn ring_into(mesh: &mut Mesh, points: &[Pos2], stroke: Color32, width: f32) {
    let (core, feather) = (width / 2.0, 0.5);
    for (i, a) in points.iter().enumerate() {
        let b = points[(i + 1) % points.len()];
        let along = b - *a;
        if along.length() < 0.01 {
            continue;
        }
        let across = along.normalized().rot90();
        let start = mesh.vertices.len() as u32;
        // Four lines along the edge: clear, solid, solid, clear.
        for (offset, colour) in [
            (core + feather, Color32::TRANSPARENT),
            (core, stroke),
            (-core, stroke),
            (-core - feather, Color32::TRANSPARENT),
        ] {
            mesh.colored_vertex(*a + across * offset, colour);
            mesh.colored_vertex(b + across * offset, colour);
        }
        for band in 0..3 {
            let (p, q) = (start + 2 * band, start + 2 * band + 2);
            mesh.add_triangle(p, p + 1, q + 1);
            mesh.add_triangle(p, q + 1, q);
        }
    }
}

/// The points of a line on screen less those within `apart` points of the last one kept (a
/// coastline at England's scale has many to a pixel).
fn thinned(points: &[Pos2], apart: f32) -> Vec<Pos2> {
    let mut kept: Vec<Pos2> = Vec::with_capacity(points.len() / 4 + 1);
    for point in points {
        if kept
            .last()
            .is_none_or(|last| last.distance(*point) >= apart)
        {
            kept.push(*point);
        }
    }
    kept
}

/// The circles in view (for hovering and dragging) and how to draw each.
fn circles_of(input: &SceneInput<'_>) -> (Vec<Circle>, Vec<Disc>) {
    let frame = input.transform.frame();
    let scenario = input.scenario;
    let outlined = input.points.located.len() <= MAX_OUTLINED_CIRCLES;
    let mut circles = Vec::new();
    let mut to_draw = Vec::new();
    for (id, point) in &input.points.located {
        let Some(practice) = scenario.region().practice(*id) else {
            continue;
        };
        let centre = screen(input.transform, *point);
        let radius = radius_of(
            practice.registered_patients.as_f64(),
            input.points.largest_list,
        );
        if !frame.expand(radius).contains(centre) {
            continue;
        }
        let hub = scenario.hub_of(*id);
        let colour = hub
            .and_then(|h| scenario.hub(h))
            .map_or(theme::UNASSIGNED_COLOUR, |h| theme::hub_colour(h.colour));
        let moved = input
            .outlines
            .moved
            .get(id.index())
            .copied()
            .unwrap_or(false);
        to_draw.push(Disc {
            centre,
            radius,
            fill: colour.gamma_multiply(0.85),
            outline: outlined.then_some((colour, 1.0)),
            moved_ring: moved.then_some((input.text_colour, 1.5)),
        });
        circles.push(Circle {
            practice: *id,
            hub,
            centre,
            radius,
            colour,
        });
    }
    (circles, to_draw)
}

/// A filled disc with a one-pixel soft edge, with as few vertices as its size allows (England
/// draws 6,488 of them).
pub fn disc(mesh: &mut Mesh, centre: Pos2, radius: f32, colour: Color32, feather: f32) {
    let segments = ((radius * 1.6) as u32).clamp(8, 40);
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(centre, colour);
    let (inner, outer) = ((radius - feather / 2.0).max(0.5), radius + feather / 2.0);
    for step in 0..segments {
        let angle = std::f32::consts::TAU * step as f32 / segments as f32;
        let direction = egui::vec2(angle.cos(), angle.sin());
        mesh.colored_vertex(centre + direction * inner, colour);
        mesh.colored_vertex(centre + direction * outer, Color32::TRANSPARENT);
    }
    for step in 0..segments {
        let (a, b) = (base + 1 + 2 * step, base + 1 + 2 * ((step + 1) % segments));
        mesh.add_triangle(base, a, b);
        mesh.add_triangle(a, a + 1, b + 1);
        mesh.add_triangle(a, b + 1, b);
    }
}

/// The frame a scene fills (screen points).
pub fn frame_of(scene: &Scene) -> Rect {
    Rect {
        min: Pos2::new(
            f32::from_bits(scene.key.frame[0]),
            f32::from_bits(scene.key.frame[1]),
        ),
        max: Pos2::new(
            f32::from_bits(scene.key.frame[2]),
            f32::from_bits(scene.key.frame[3]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How far the mesh's farthest vertex lies outside `points`' bounding box.
    fn reach_beyond(mesh: &Mesh, points: &[Pos2]) -> f32 {
        let bounds = Rect::from_points(points);
        mesh.vertices
            .iter()
            .map(|v| bounds.distance_to_pos(v.pos))
            .fold(0.0_f32, f32::max)
    }

    /// A coastline hairpin (a narrow inlet at England's scale) stays a line: no spike.
    #[test]
    fn a_coastline_hairpin_draws_no_spike() {
        let hairpin = [
            Pos2::new(100.0, 100.0),
            Pos2::new(160.0, 100.2),
            Pos2::new(100.0, 100.4),
            Pos2::new(100.0, 140.0),
        ];
        let mut mesh = Mesh::default();
        ring_into(&mut mesh, &thinned(&hairpin, 0.75), Color32::WHITE, 1.0);
        let far = reach_beyond(&mesh, &hairpin);
        assert!(far <= 1.1, "a vertex {far} points away");
        // Points closer than the limit to the last one kept are dropped.
        let dense: Vec<Pos2> = (0..100).map(|i| Pos2::new(i as f32 * 0.1, 0.0)).collect();
        assert_eq!(thinned(&dense, 0.75).len(), 13);
    }

    /// A sliver (three practices almost in a line at England's scale) stays where it is: its
    /// mesh keeps within its stroke of the hull; the polygon stroke had spikes 190 points long.
    #[test]
    fn a_sliver_outline_draws_no_spike() {
        let slivers = [
            vec![
                Pos2::new(638.4, 335.4),
                Pos2::new(638.4, 336.5),
                Pos2::new(638.4, 334.6),
            ],
            vec![
                Pos2::new(716.5, 405.2),
                Pos2::new(718.3, 401.1),
                Pos2::new(716.5, 405.0),
            ],
            vec![
                Pos2::new(654.1, 383.5),
                Pos2::new(664.0, 384.6),
                Pos2::new(664.0, 384.5),
                Pos2::new(663.9, 384.4),
            ],
        ];
        for hull in slivers {
            let mut mesh = Mesh::default();
            hull_into(&mut mesh, &hull, Color32::RED, Color32::RED, 1.5);
            let far = reach_beyond(&mesh, &hull);
            assert!(far <= 1.3, "{hull:?}: a vertex {far} points away");
            assert!(mesh.is_valid());
            assert!(!mesh.indices.is_empty());
        }
    }
}
