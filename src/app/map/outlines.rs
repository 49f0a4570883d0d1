//! What the map derives from one document revision: each hub's outline, centre and colour, and
//! which practices have moved from the PCN they are in today.

use super::points::Points;
use super::theme;
use crate::model::geo::convex_hull;
use crate::model::practice::title_case;
use crate::model::{HubId, Scenario};
use egui::Color32;

/// One hub's outline.
pub struct Outline {
    pub hub: HubId,
    pub name: String,
    pub colour: Color32,
    pub hull: Vec<[f64; 2]>,
    pub centre: [f64; 2],
    /// Diagonal of the hull's bounding box (plane units): wide hubs are named first.
    pub spread: f64,
}

/// A hull wider than this (plane units are degrees of latitude: about 110 km) is not drawn,
/// named or dropped onto: no network spans that, so its members' coordinates are wrong (all
/// England has a few such hubs) and its outline would be a line across the country, over the
/// areas of other hubs. Its practices still show in its colour.
pub const MAX_DRAWN_SPREAD: f64 = 1.0;

impl Outline {
    /// Whether the outline is drawn, named and dropped onto (see [`MAX_DRAWN_SPREAD`]).
    pub fn drawn(&self) -> bool {
        self.spread <= MAX_DRAWN_SPREAD
    }
}

/// Outlines for one document revision.
pub struct Outlines {
    pub revision: u64,
    pub outlines: Vec<Outline>,
    /// By practice index: whether the practice is in another hub than its baseline PCN.
    pub moved: Vec<bool>,
}

pub fn outlines_of(scenario: &Scenario, points: &Points, revision: u64) -> Outlines {
    let outlines = scenario
        .hubs()
        .iter()
        .filter_map(|(id, hub)| {
            let member_points: Vec<[f64; 2]> = scenario
                .members(*id)
                .filter_map(|p| points.by_index.get(p.index()).copied().flatten())
                .collect();
            if member_points.is_empty() {
                return None;
            }
            let n = member_points.len() as f64;
            let centre = [
                member_points.iter().map(|p| p[0]).sum::<f64>() / n,
                member_points.iter().map(|p| p[1]).sum::<f64>() / n,
            ];
            let hull = convex_hull(&member_points);
            Some(Outline {
                hub: *id,
                name: title_case(&hub.name),
                colour: theme::hub_colour(hub.colour),
                spread: spread(&hull),
                hull,
                centre,
            })
        })
        .collect();
    let moved = scenario
        .region()
        .practice_ids()
        .map(|id| {
            let now = scenario
                .hub_of(id)
                .and_then(|hub| scenario.hub(hub))
                .map(|hub| hub.code.as_str());
            let then = scenario
                .region()
                .practice(id)
                .and_then(|p| p.baseline_hub.as_deref());
            now != then
        })
        .collect();
    Outlines {
        revision,
        outlines,
        moved,
    }
}

/// Diagonal of a hull's bounding box (plane units).
fn spread(hull: &[[f64; 2]]) -> f64 {
    if hull.is_empty() {
        return 0.0;
    }
    let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
    for point in hull {
        for axis in 0..2 {
            min[axis] = min[axis].min(point[axis]);
            max[axis] = max[axis].max(point[axis]);
        }
    }
    (max[0] - min[0]).hypot(max[1] - min[1])
}

/// The hub whose outline holds a plane position (the first one, if outlines overlap).
pub fn hub_at(outlines: &[Outline], point: [f64; 2]) -> Option<&Outline> {
    outlines.iter().find(|outline| {
        outline.drawn() && outline.hull.len() >= 3 && polygon_contains(&outline.hull, point)
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_in_a_square() {
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        assert!(polygon_contains(&square, [0.5, 0.5]));
        assert!(!polygon_contains(&square, [1.5, 0.5]));
        assert!(!polygon_contains(&square, [0.5, -0.1]));
        assert!((spread(&square) - 2f64.sqrt()).abs() < 1e-12);
    }

    fn outline(hub: u32, hull: Vec<[f64; 2]>) -> Outline {
        Outline {
            hub: HubId(hub),
            name: format!("Hub {hub}"),
            colour: Color32::RED,
            spread: spread(&hull),
            centre: [0.0, 0.0],
            hull,
        }
    }

    /// A hub whose members sit hundreds of km apart (wrong coordinates) covers other hubs'
    /// areas: it is neither drawn nor dropped onto, and the hub under the pointer is found.
    #[test]
    fn a_far_flung_hub_is_not_drawn_or_dropped_onto() {
        let far = outline(
            1,
            vec![[-3.0, 50.0], [1.0, 50.0], [1.0, 54.0], [-3.0, 54.0]],
        );
        let near = outline(2, vec![[0.0, 52.0], [0.2, 52.0], [0.2, 52.2], [0.0, 52.2]]);
        assert!(!far.drawn());
        assert!(near.drawn());
        let outlines = [far, near];
        assert_eq!(
            hub_at(&outlines, [0.1, 52.1]).map(|o| o.hub),
            Some(HubId(2))
        );
        assert!(
            hub_at(&outlines, [-2.0, 51.0]).is_none(),
            "only the far-flung hub is there"
        );
    }
}
