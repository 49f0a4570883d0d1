//! Where a region's practices and land sit on the map's plane: x = longitude × cos(mean
//! latitude), y = latitude, so one unit is the same distance on both axes. Computed once per
//! region.

use super::coast::coast;
use crate::model::coast::LandRing;
use crate::model::{PracticeId, Region};
use std::sync::Arc;

/// Positions of a region's practices, computed once per region.
pub struct Points {
    pub region: Arc<Region>,
    pub located: Vec<(PracticeId, [f64; 2])>,
    /// Plane position by practice index (`None` when the practice has no coordinates).
    pub by_index: Vec<Option<[f64; 2]>>,
    pub unlocated: Vec<PracticeId>,
    pub largest_list: f64,
    pub bounds: Option<([f64; 2], [f64; 2])>,
    /// Longitude is multiplied by this (cos of the region's mean latitude).
    pub x_scale: f64,
}

impl Points {
    pub fn of(region: &Arc<Region>) -> Self {
        let located: Vec<(PracticeId, crate::model::LatLon)> = region
            .practice_ids()
            .filter_map(|id| Some((id, region.practice(id)?.location?)))
            .collect();
        let mean_lat = if located.is_empty() {
            52.0
        } else {
            located.iter().map(|(_, l)| l.lat).sum::<f64>() / located.len() as f64
        };
        let x_scale = mean_lat.to_radians().cos();
        let located: Vec<(PracticeId, [f64; 2])> = located
            .into_iter()
            .map(|(id, l)| (id, [l.lon * x_scale, l.lat]))
            .collect();
        let mut by_index = vec![None; region.len()];
        for (id, point) in &located {
            if let Some(slot) = by_index.get_mut(id.index()) {
                *slot = Some(*point);
            }
        }
        let unlocated = region
            .practice_ids()
            .filter(|id| region.practice(*id).is_some_and(|p| p.location.is_none()))
            .collect();
        let largest_list = region
            .practices()
            .iter()
            .map(|p| p.registered_patients.as_f64())
            .fold(1.0, f64::max);
        let bounds = located
            .iter()
            .fold(None, |acc: Option<([f64; 2], [f64; 2])>, (_, p)| {
                Some(match acc {
                    None => (*p, *p),
                    Some((min, max)) => (
                        [min[0].min(p[0]), min[1].min(p[1])],
                        [max[0].max(p[0]), max[1].max(p[1])],
                    ),
                })
            });
        Self {
            region: region.clone(),
            located,
            by_index,
            unlocated,
            largest_list,
            bounds,
            x_scale,
        }
    }

    /// The land rings, each with its plane bounds.
    pub fn land(&self) -> impl Iterator<Item = (&'static LandRing, [f64; 4])> + '_ {
        coast().rings.iter().map(|ring| {
            let (min, max) = ring.bounds;
            (
                ring,
                [min[0] * self.x_scale, min[1], max[0] * self.x_scale, max[1]],
            )
        })
    }

    /// A land point on the plane.
    pub fn plane(&self, lon_lat: [f64; 2]) -> [f64; 2] {
        [lon_lat[0] * self.x_scale, lon_lat[1]]
    }
}
