//! What the map's scene is built from and made of, shared by the scene and the parts it draws
//! (names, key): the input of one build, a practice circle as drawn, and circle sizes.

use super::outlines::Outlines;
use super::points::Points;
use crate::model::{HubId, PracticeId, Scenario};
use egui::{Color32, Pos2};
use egui_plot::PlotTransform;

/// Smallest and largest circle radius (points).
pub const MIN_RADIUS: f32 = 3.0;
pub const MAX_RADIUS: f32 = 13.0;

/// A practice circle as drawn in this view (screen points).
pub struct Circle {
    pub practice: PracticeId,
    pub hub: Option<HubId>,
    pub centre: Pos2,
    pub radius: f32,
    pub colour: Color32,
}

/// What building a scene reads.
pub struct SceneInput<'a> {
    pub scenario: &'a Scenario,
    pub points: &'a Points,
    pub outlines: &'a Outlines,
    pub transform: &'a PlotTransform,
    pub dark: bool,
    pub pixels_per_point: f32,
    pub text_colour: Color32,
}

/// A practice's circle radius (points) for its list, against the region's largest list: the
/// circle's area grows with the list.
pub fn radius_of(list: f64, largest: f64) -> f32 {
    MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * (list / largest).max(0.0).sqrt() as f32
}
