//! Dragging a practice on the map onto another hub's area moves it: the same `MovePractice`
//! intent the board's chips emit, once, on release (one undo step). While held, the practice is
//! also the egui drag payload, so it can be dropped on a hub card of the board as well.

use super::Intent;
use super::outlines::{Outline, hub_at};
use super::scene::{Scene, disc, ring_into};
use crate::model::{Action, HubId, PracticeId, Scenario};
use egui::{Align2, Color32, FontId, Pos2, Stroke};
use egui_plot::PlotTransform;

/// A practice picked up on the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MapDrag {
    pub practice: PracticeId,
    /// Whether the pointer has gone past the drag threshold (else the press is a click).
    pub moved: bool,
}

/// A press on a practice circle starts a drag (the map then does not pan).
pub fn pick_up(ui: &egui::Ui, scene: Option<&Scene>) -> Option<MapDrag> {
    let scene = scene?;
    let origin = ui.input(|i| {
        i.pointer
            .primary_pressed()
            .then(|| i.pointer.press_origin())
    })??;
    if !super::scene::frame_of(scene).contains(origin) {
        return None;
    }
    scene.practice_at(origin).map(|circle| MapDrag {
        practice: circle.practice,
        moved: false,
    })
}

/// The hub under a screen position: the hub of a circle there, else the hub whose outline holds it.
pub fn hub_under(
    scene: &Scene,
    outlines: &[Outline],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<HubId> {
    if let Some(circle) = scene.practice_at(pointer) {
        return circle.hub;
    }
    let value = transform.value_from_position(pointer);
    hub_at(outlines, [value.x, value.y]).map(|outline| outline.hub)
}

/// What happens while and when the held practice is let go. Returns whether it is still held.
pub struct DragFrame<'a> {
    pub scenario: &'a Scenario,
    pub scene: &'a Scene,
    pub outlines: &'a [Outline],
    pub transform: &'a PlotTransform,
}

impl DragFrame<'_> {
    /// Paints the held practice at the pointer and the hub it would join; on release over the
    /// map emits the move. Returns `false` once the button is up.
    pub fn update(&self, ui: &egui::Ui, drag: &mut MapDrag, intents: &mut Vec<Intent>) -> bool {
        let (down, released, pointer, dragging) = ui.input(|i| {
            (
                i.pointer.primary_down(),
                i.pointer.primary_released(),
                i.pointer.latest_pos(),
                i.pointer.is_decidedly_dragging(),
            )
        });
        let frame = super::scene::frame_of(self.scene);
        let over_map = pointer.filter(|p| frame.contains(*p));
        let current = self.scenario.hub_of(drag.practice);
        let target = over_map.and_then(|p| hub_under(self.scene, self.outlines, self.transform, p));
        drag.moved |= dragging;
        if down && drag.moved {
            egui::DragAndDrop::set_payload(ui.ctx(), drag.practice);
            if let Some(pointer) = over_map {
                self.paint_held(ui, *drag, pointer, target.filter(|t| Some(*t) != current));
            }
        }
        if released {
            if let Some(target) = target
                && drag.moved
                && Some(target) != current
            {
                intents.push(Intent::Edit(Action::MovePractice {
                    practice: drag.practice,
                    to: Some(target),
                }));
                intents.push(Intent::Select(Some(drag.practice)));
            }
            return false;
        }
        down
    }

    fn paint_held(&self, ui: &egui::Ui, drag: MapDrag, pointer: Pos2, target: Option<HubId>) {
        let painter = ui
            .painter_at(super::scene::frame_of(self.scene))
            .with_layer_id(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("map drag"),
            ));
        let colour = self
            .scene
            .circles
            .iter()
            .find(|c| c.practice == drag.practice)
            .map_or(Color32::GRAY, |c| c.colour);
        let strong = ui.visuals().strong_text_color();
        if let Some(outline) = target.and_then(|t| self.outlines.iter().find(|o| o.hub == t))
            && outline.hull.len() >= 3
        {
            let hull: Vec<Pos2> = outline
                .hull
                .iter()
                .map(|p| {
                    self.transform
                        .position_from_point(&egui_plot::PlotPoint::new(p[0], p[1]))
                })
                .collect();
            let mut ring = egui::epaint::Mesh::default();
            ring_into(&mut ring, &hull, strong, 3.0);
            painter.add(ring);
        }
        let mut mesh = egui::epaint::Mesh::default();
        disc(&mut mesh, pointer, 8.0, colour, 1.0);
        painter.add(mesh);
        painter.circle_stroke(pointer, 10.0, Stroke::new(2.0, strong));
        let name = self
            .scenario
            .region()
            .practice(drag.practice)
            .map(|p| p.display_name())
            .unwrap_or_default();
        let text = match target.and_then(|t| self.outlines.iter().find(|o| o.hub == t)) {
            Some(outline) => format!("Move {name} to {}", outline.name),
            None => format!("{name}: drop on another hub"),
        };
        let galley = painter.layout_no_wrap(text, FontId::proportional(13.0), strong);
        let rect =
            Align2::LEFT_BOTTOM.anchor_size(pointer + egui::vec2(14.0, -10.0), galley.size());
        painter.rect_filled(rect.expand(4.0), 4.0, ui.visuals().extreme_bg_color);
        painter.galley(rect.min, galley, strong);
    }
}
