//! Hub names on the map: written at each hub's centre wherever they fit without covering another
//! name, the selected and hovered hubs first, so that colour is never the only clue even when the
//! palette repeats (more hubs than colours). Zooming in makes room for more names.

use super::Outline;
use crate::model::HubId;
use egui::{Align2, Color32, FontId, Pos2, Rect};
use egui_plot::{PlotPoint, PlotTransform};

/// Most names tried per frame (England has 1,267 hubs; only those in view are tried).
const MAX_TRIED: usize = 400;
/// Text size of hub names (points).
const NAME_SIZE: f32 = 13.0;

/// The hub whose outline holds a plot position (the first one, if outlines overlap).
pub fn hub_at(outlines: &[Outline], point: [f64; 2]) -> Option<&Outline> {
    outlines
        .iter()
        .find(|outline| outline.hull.len() >= 3 && polygon_contains(&outline.hull, point))
}

/// Even-odd test of a point in a polygon.
fn polygon_contains(polygon: &[[f64; 2]], point: [f64; 2]) -> bool {
    let mut inside = false;
    let mut previous = polygon[polygon.len() - 1];
    for &current in polygon {
        if (current[1] > point[1]) != (previous[1] > point[1]) {
            let x = previous[0]
                + (point[1] - previous[1]) / (current[1] - previous[1])
                    * (current[0] - previous[0]);
            if point[0] < x {
                inside = !inside;
            }
        }
        previous = current;
    }
    inside
}

/// Paints hub names that fit; `first` are placed before all others (selected, hovered).
pub fn paint_hub_names(
    painter: &egui::Painter,
    transform: &PlotTransform,
    outlines: &[Outline],
    first: &[HubId],
    text_colour: Color32,
    backdrop: Color32,
) {
    let clip = painter.clip_rect();
    let mut order: Vec<&Outline> = outlines
        .iter()
        .filter(|outline| first.contains(&outline.hub))
        .collect();
    // Then the others, the hubs with the widest outline first (their names matter most).
    let mut others: Vec<(&Outline, f64)> = outlines
        .iter()
        .filter(|outline| !first.contains(&outline.hub))
        .map(|outline| (outline, spread(&outline.hull)))
        .collect();
    others.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    order.extend(others.into_iter().map(|(outline, _)| outline));
    let mut placed: Vec<Rect> = Vec::new();
    let mut tried = 0;
    for outline in order {
        let centre =
            transform.position_from_point(&PlotPoint::new(outline.centre[0], outline.centre[1]));
        if !clip.contains(centre) {
            continue;
        }
        tried += 1;
        if tried > MAX_TRIED {
            break;
        }
        let galley = painter.layout_no_wrap(
            outline.name.clone(),
            FontId::proportional(NAME_SIZE),
            text_colour,
        );
        let rect = Align2::CENTER_CENTER
            .anchor_size(centre, galley.size())
            .expand(3.0);
        let must = first.contains(&outline.hub);
        if !must && (!clip.contains_rect(rect) || placed.iter().any(|r| r.intersects(rect))) {
            continue;
        }
        placed.push(rect);
        painter.rect_filled(rect, 4.0, backdrop);
        painter.galley(
            Pos2::new(rect.min.x + 3.0, rect.min.y + 3.0),
            galley,
            text_colour,
        );
    }
}

/// Diagonal of a hull's bounding box (plot units).
fn spread(hull: &[[f64; 2]]) -> f64 {
    let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
    for point in hull {
        for axis in 0..2 {
            min[axis] = min[axis].min(point[axis]);
            max[axis] = max[axis].max(point[axis]);
        }
    }
    if hull.is_empty() {
        return 0.0;
    }
    (max[0] - min[0]).hypot(max[1] - min[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_in_a_square() {
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        assert!(polygon_contains(&square, [0.5, 0.5]));
        assert!(!polygon_contains(&square, [1.5, 0.5]));
        assert!(!polygon_contains(&square, [0.5, -0.1]));
    }
}
