//! The map: practices at their coordinates on the land they serve (equal scale after
//! cos(latitude)), circle area by list size, coloured by hub, each hub's convex outline and name.
//! Hover shows a practice; click selects it; dragging a practice onto another hub moves it; the
//! wheel zooms and dragging the ground pans.

mod coast;
mod discs;
mod drag;
mod labels;
mod legend;
mod outlines;
mod parts;
mod points;
mod scene;

use super::Intent;
use super::context::{Intents, View};
use super::theme;
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Action, HubId, Metrics, PracticeId, Scenario};
use drag::{DragFrame, MapDrag};
use egui::accesskit::Role;
use egui::{Shape, Stroke, WidgetInfo};
use egui_plot::{Plot, PlotPoint};
use outlines::Outlines;
use parts::SceneInput;
use points::Points;
use scene::{Scene, SceneKey};
use std::sync::Arc;

/// Zoom step of the + and − buttons.
const ZOOM_STEP: f32 = 1.5;
/// Wheel scroll (points) that doubles the zoom.
const WHEEL_POINTS_PER_DOUBLING: f32 = 240.0;

/// A zoom the buttons asked for, applied inside the plot on the same frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ZoomRequest {
    In,
    Out,
    Fit,
}

/// Map state between frames: caches keyed by region, revision and view.
#[derive(Default)]
pub struct MapState {
    points: Option<Points>,
    outlines: Option<Outlines>,
    scene: Option<Scene>,
    /// The last frame's plot-to-screen transform, to say where a practice was drawn.
    transform: Option<egui_plot::PlotTransform>,
    drag: Option<MapDrag>,
    zoom: Option<ZoomRequest>,
    /// How many times the scene was built (a test checks that still frames reuse it).
    scenes_built: u64,
}

impl MapState {
    /// Where the last frame drew a practice's circle (screen points), if it is located and was
    /// in view: what a person aims at to click it.
    pub fn screen_position(&self, practice: PracticeId) -> Option<egui::Pos2> {
        let transform = self.transform.as_ref()?;
        let points = self.points.as_ref()?;
        let point = points.by_index.get(practice.index()).copied().flatten()?;
        let centre = transform.position_from_point(&PlotPoint::new(point[0], point[1]));
        transform.frame().contains(centre).then_some(centre)
    }

    /// The names the map wrote in the last frame (hub names, then practice names).
    pub fn label_texts(&self) -> Vec<&str> {
        self.scene.as_ref().map_or_else(Vec::new, |s| {
            s.labels.iter().map(|l| l.text.as_str()).collect()
        })
    }

    /// The backdrops of the names placed on the map and the key's rectangle (tests: no name
    /// covers the key).
    pub fn label_areas(&self) -> (Vec<egui::Rect>, Option<egui::Rect>) {
        self.scene.as_ref().map_or((Vec::new(), None), |s| {
            (s.labels.iter().map(|l| l.backdrop).collect(), s.key_area)
        })
    }

    /// How many times the map's paint was built from scratch.
    pub fn scenes_built(&self) -> u64 {
        self.scenes_built
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, intents: &mut Intents) {
        let (scenario, revision, selected) = (view.scenario, view.revision, view.selected);
        let region = scenario.region_arc();
        if !self
            .points
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(&p.region, region))
        {
            self.points = Some(Points::of(region));
            self.outlines = None;
            self.scene = None;
            self.drag = None;
        }
        let Some(points) = self.points.as_ref() else {
            return;
        };
        if self
            .outlines
            .as_ref()
            .is_none_or(|o| o.revision != revision)
        {
            self.outlines = Some(outlines::outlines_of(scenario, points, revision));
        }
        if points.located.is_empty() {
            no_coordinates_ui(ui, scenario.region().len());
            // With no map, the list has the panel's height.
            let height = (ui.available_height() - 40.0).max(80.0);
            unlocated_ui(ui, scenario, points, selected, height, intents);
            return;
        }
        self.zoom = header_ui(ui).or(self.zoom);
        let bottom_height = bottom_height(selected, points);
        let plot_height = (ui.available_height() - bottom_height).max(160.0);
        self.map_plot_ui(ui, view, plot_height, intents);
        selected_bar_ui(ui, scenario, selected, intents);
        if let Some(points) = self.points.as_ref() {
            unlocated_ui(ui, scenario, points, selected, 80.0, intents);
        }
    }
}

/// In place of an empty map: why there is none, and that everything else works.
fn no_coordinates_ui(ui: &mut egui::Ui, practices: usize) {
    ui.heading("Map");
    ui.add_space(12.0);
    let text = if practices == 0 {
        "No practices yet: the map shows them once a region is open.".to_string()
    } else {
        format!(
            "No map: none of the {practices} practices has coordinates in the files opened (an \
             NHS payments file has none). The board, the figures and every export work as \
             usual. To see where the practices are, open the region from File > New from a region \
             of England (the bundled data has coordinates)."
        )
    };
    ui.add(egui::Label::new(egui::RichText::new(text).size(15.0)).wrap());
    ui.add_space(12.0);
}

/// The heading, the zoom buttons and what the mouse does. Returns a zoom the buttons asked for.
fn header_ui(ui: &mut egui::Ui) -> Option<ZoomRequest> {
    let mut request = None;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Map");
        let buttons = [
            ("+", "Zoom in", ZoomRequest::In),
            ("−", "Zoom out", ZoomRequest::Out),
            ("Fit", "Fit the map to the region", ZoomRequest::Fit),
        ];
        for (text, name, zoom) in buttons {
            let response = ui.button(text).on_hover_text(name);
            response.widget_info(|| WidgetInfo::labeled(Role::Button, true, name));
            if response.clicked() {
                request = Some(zoom);
            }
        }
        ui.label(
            egui::RichText::new(
                "wheel: zoom · drag the map: pan · drag a practice onto a hub: move it · double-click: fit",
            )
            .small()
            .weak(),
        );
    });
    request
}

fn bottom_height(selected: Option<PracticeId>, points: &Points) -> f32 {
    let mut height = 8.0;
    if selected.is_some() {
        height += 58.0;
    }
    if !points.unlocated.is_empty() {
        height += 30.0 + (points.unlocated.len().min(4) as f32) * 20.0;
    }
    height
}

impl MapState {
    /// Builds the scene again when the document, the view, the theme or the scale changed.
    fn ensure_scene(
        &mut self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        scenario: &Scenario,
        revision: u64,
        transform: &egui_plot::PlotTransform,
    ) {
        let (Some(points), Some(outlines)) = (self.points.as_ref(), self.outlines.as_ref()) else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        let pixels_per_point = ui.ctx().pixels_per_point();
        let key = SceneKey::new(revision, points, transform, dark, pixels_per_point);
        if self.scene.as_ref().is_none_or(|s| s.key != key) {
            let input = SceneInput {
                scenario,
                points,
                outlines,
                transform,
                dark,
                pixels_per_point,
                text_colour: ui.visuals().strong_text_color(),
            };
            let texture = self.scene.take().map(|old| old.discs.0);
            self.scene = Some(scene::build(painter, key, &input, texture));
            self.scenes_built += 1;
        }
    }

    fn map_plot_ui(
        &mut self,
        ui: &mut egui::Ui,
        view: &View<'_>,
        height: f32,
        intents: &mut Intents,
    ) {
        let (scenario, metrics, revision) = (view.scenario, view.metrics, view.revision);
        if self.drag.is_none() {
            self.drag = drag::pick_up(ui, self.scene.as_ref());
        }
        let Some(points) = self.points.as_ref() else {
            return;
        };
        let last_centre = self.transform.as_ref().map(|t| t.bounds().center());
        let response = plot_ui(
            ui,
            points,
            height,
            self.drag.is_some(),
            self.zoom.take(),
            last_centre,
        );
        let transform = response.transform;
        let painter = ui.painter_at(response.response.rect);
        self.ensure_scene(ui, &painter, scenario, revision, &transform);
        let (Some(points), Some(outlines)) = (self.points.as_ref(), self.outlines.as_ref()) else {
            return;
        };
        let Some(scene) = self.scene.as_ref() else {
            return;
        };
        paint_scene(&painter, scene);
        paint_selection(
            ui,
            &painter,
            scenario,
            scene,
            outlines,
            &transform,
            view.selected,
        );
        if let Some(key) = scene.key_area {
            let hub_colours: Vec<egui::Color32> =
                outlines.outlines.iter().map(|o| o.colour).take(3).collect();
            legend::paint(
                &painter,
                key,
                points.largest_list,
                &hub_colours,
                ui.visuals(),
            );
        }
        if let Some(mut held) = self.drag {
            let frame = DragFrame {
                scenario,
                scene,
                outlines: &outlines.outlines,
                transform: &transform,
            };
            self.drag = frame.update(ui, &mut held, intents).then_some(held);
        }
        let hover = HoverContext {
            scenario,
            metrics,
            points,
            scene,
            outlines: &outlines.outlines,
            transform: &transform,
        };
        hover.respond(
            response.response,
            intents,
            self.drag.is_some_and(|d| d.moved),
        );
        self.transform = Some(transform);
    }
}

/// The plot: only its navigation (pan, zoom, framing) and transform are used; everything is
/// painted from the cached scene.
fn plot_ui(
    ui: &mut egui::Ui,
    points: &Points,
    height: f32,
    holding_practice: bool,
    zoom: Option<ZoomRequest>,
    last_centre: Option<PlotPoint>,
) -> egui_plot::PlotResponse<()> {
    let mut plot = Plot::new("practice map")
        .data_aspect(1.0)
        .height(height)
        .show_axes(false)
        .show_grid(false)
        .show_background(false)
        .allow_boxed_zoom(false)
        .allow_scroll(false)
        .allow_drag(!holding_practice)
        .set_margin_fraction(egui::vec2(0.04, 0.04))
        .show_x(false)
        .show_y(false);
    if let Some((min, max)) = points.bounds {
        let pad = 0.01;
        plot = plot
            .include_x(min[0] - pad)
            .include_x(max[0] + pad)
            .include_y(min[1] - pad)
            .include_y(max[1] + pad);
    }
    plot.show(ui, |plot_ui| {
        let centre = last_centre.unwrap_or_else(|| plot_ui.plot_bounds().center());
        match zoom {
            Some(ZoomRequest::In) => plot_ui.zoom_bounds(egui::Vec2::splat(ZOOM_STEP), centre),
            Some(ZoomRequest::Out) => {
                plot_ui.zoom_bounds(egui::Vec2::splat(1.0 / ZOOM_STEP), centre)
            }
            Some(ZoomRequest::Fit) => plot_ui.set_auto_bounds(true),
            None => {}
        }
        // The wheel zooms around the pointer, as on every web map.
        if plot_ui.response().contains_pointer() {
            let scroll = plot_ui.ctx().input(|i| i.smooth_scroll_delta);
            let amount = scroll.y + scroll.x;
            if amount != 0.0 {
                let factor = 2f32.powf(amount / WHEEL_POINTS_PER_DOUBLING);
                plot_ui.zoom_bounds_around_hovered(egui::Vec2::splat(factor));
            }
        }
    })
}

/// The map as built for this view: land, coast and outlines below, the practice circles (one
/// texture), what goes above them, and the hub names.
fn paint_scene(painter: &egui::Painter, scene: &Scene) {
    painter.add(Shape::Mesh(scene.below.clone()));
    let (texture, rect) = &scene.discs;
    painter.image(
        texture.id(),
        *rect,
        egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
        egui::Color32::WHITE,
    );
    painter.add(Shape::Mesh(scene.above.clone()));
    labels::paint(painter, &scene.labels);
}

/// Rings the selected practice and makes sure its hub is named.
fn paint_selection(
    ui: &egui::Ui,
    painter: &egui::Painter,
    scenario: &Scenario,
    scene: &Scene,
    outlines: &Outlines,
    transform: &egui_plot::PlotTransform,
    selected: Option<PracticeId>,
) {
    let Some(selected) = selected else {
        return;
    };
    let strong = ui.visuals().strong_text_color();
    if let Some(circle) = scene.circles.iter().find(|c| c.practice == selected) {
        painter.circle_stroke(circle.centre, circle.radius + 3.5, Stroke::new(3.0, strong));
    }
    let Some(outline) = scenario
        .hub_of(selected)
        .and_then(|hub| outlines.outlines.iter().find(|o| o.hub == hub))
    else {
        return;
    };
    if scene.labels.iter().any(|l| l.text == outline.name) {
        return;
    }
    let centre =
        transform.position_from_point(&PlotPoint::new(outline.centre[0], outline.centre[1]));
    if transform.frame().contains(centre) {
        let backdrop = ui.visuals().extreme_bg_color.gamma_multiply(0.85);
        labels::paint_on_top(painter, &outline.name, centre, strong, backdrop);
    }
}

/// Hover tooltips, the click that selects, and the map's accessible name.
struct HoverContext<'a> {
    scenario: &'a Scenario,
    metrics: &'a Metrics,
    points: &'a Points,
    scene: &'a Scene,
    outlines: &'a [outlines::Outline],
    transform: &'a egui_plot::PlotTransform,
}

impl HoverContext<'_> {
    fn respond(&self, response: egui::Response, intents: &mut Intents, holding: bool) {
        let pointer = response.hover_pos();
        let nearest = pointer
            .and_then(|p| self.scene.practice_at(p))
            .map(|c| c.practice);
        let label = format!(
            "Map of {} practices in {} hubs; {}",
            self.points.located.len(),
            self.scenario.hubs().len(),
            legend::describe(self.points.largest_list)
        );
        response.widget_info(|| WidgetInfo::labeled(Role::Image, true, label.clone()));
        if response.clicked() {
            intents.push(match nearest {
                Some(practice) => Intent::Reveal(practice),
                None => Intent::Select(None),
            });
        }
        if holding {
            return;
        }
        if let Some(id) = nearest {
            response.on_hover_ui_at_pointer(|ui| {
                practice_tooltip_ui(ui, self.scenario, self.metrics, id);
            });
        } else if let Some(hub) =
            pointer.and_then(|p| drag::hub_under(self.scene, self.outlines, self.transform, p))
        {
            response.on_hover_text_at_pointer(self.hub_text(hub));
        }
    }

    fn hub_text(&self, hub: HubId) -> String {
        let name = self
            .outlines
            .iter()
            .find(|o| o.hub == hub)
            .map_or_else(String::new, |o| o.name.clone());
        match self.metrics.hubs.get(&hub) {
            Some(figures) => format!(
                "{name}: {}, {} registered",
                crate::model::format::count_of(figures.practices, "practice"),
                format_patients_whole(figures.registered)
            ),
            None => name,
        }
    }
}

fn practice_tooltip_ui(ui: &mut egui::Ui, scenario: &Scenario, metrics: &Metrics, id: PracticeId) {
    let Some(practice) = scenario.region().practice(id) else {
        return;
    };
    ui.label(egui::RichText::new(practice.display_name()).strong());
    ui.label(format!("{} · {}", practice.code, practice.postcode));
    let hub = scenario.hub_of(id);
    let hub_name = hub
        .and_then(|h| scenario.hub(h))
        .map_or_else(|| "Unassigned".to_string(), |h| title_case(&h.name));
    ui.label(format!("Hub: {hub_name}"));
    ui.label(format!(
        "Registered {} · weighted {}",
        format_patients_whole(practice.registered_patients),
        format_patients_whole(practice.weighted_or_registered())
    ));
    let fte =
        |value: Option<crate::model::Fte>| value.map_or_else(|| "–".to_string(), |f| f.to_string());
    ui.label(format!(
        "GP FTE {} · nurse FTE {}",
        fte(practice.gp_fte),
        fte(practice.nurse_fte)
    ));
    if let Some(figures) = metrics.group(hub)
        && let Some(band) = figures.band
    {
        ui.label(format!(
            "Hub total {} registered ({})",
            format_patients_whole(figures.registered),
            band.label()
        ));
    }
    ui.label(
        egui::RichText::new("Click to select; drag it onto another hub to move it")
            .small()
            .weak(),
    );
}

/// The selected practice with a "move to hub" choice.
fn selected_bar_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    selected: Option<PracticeId>,
    intents: &mut Intents,
) {
    let Some(id) = selected else {
        return;
    };
    let Some(practice) = scenario.region().practice(id) else {
        return;
    };
    // The name (and Clear) on one line, the move below it: all on one line, a narrow map (1366
    // pixels) pushed the hub list's label and Clear out of sight.
    ui.horizontal(|ui| {
        if ui.button("Clear selection").clicked() {
            intents.push(Intent::Select(None));
        }
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!(
                    "Selected: {} ({})",
                    practice.display_name(),
                    format_patients_whole(practice.registered_patients)
                ))
                .strong(),
            )
            .truncate(),
        );
    });
    ui.horizontal(|ui| {
        let current = scenario.hub_of(id);
        let mut chosen = current;
        let current_name = current
            .and_then(|h| scenario.hub(h))
            .map_or_else(|| "Unassigned".to_string(), |h| title_case(&h.name));
        let mut hubs: Vec<(String, HubId)> = scenario
            .hubs()
            .iter()
            .map(|(id, h)| (title_case(&h.name), *id))
            .collect();
        hubs.sort();
        egui::ComboBox::from_label("Move to hub")
            .selected_text(current_name)
            .width(240.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "Unassigned");
                for (name, hub) in hubs {
                    ui.selectable_value(&mut chosen, Some(hub), name.as_str());
                }
            });
        if chosen != current {
            intents.push(Intent::Edit(Action::MovePractice {
                practice: id,
                to: chosen,
            }));
        }
    });
}

/// Practices without coordinates: listed, never hidden.
fn unlocated_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    points: &Points,
    selected: Option<PracticeId>,
    max_height: f32,
    intents: &mut Intents,
) {
    if points.unlocated.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!(
        "{} practice{} without coordinates (not on the map)",
        points.unlocated.len(),
        if points.unlocated.len() == 1 { "" } else { "s" }
    ))
    // Open when there is no map to give room to; closed under a map (England's six took a
    // third of the map's height in workshop mode).
    .default_open(points.located.is_empty())
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("unlocated")
            .max_height(max_height)
            .show(ui, |ui| {
                // One practice a line: wrapped side by side, a long name left the rows uneven.
                ui.vertical(|ui| {
                    for id in &points.unlocated {
                        let Some(practice) = scenario.region().practice(*id) else {
                            continue;
                        };
                        let hub = scenario
                            .hub_of(*id)
                            .and_then(|h| scenario.hub(h))
                            .map_or_else(|| "Unassigned".to_string(), |h| title_case(&h.name));
                        let text = format!("{} ({hub})", practice.display_name());
                        if ui.selectable_label(selected == Some(*id), text).clicked() {
                            intents.push(Intent::Reveal(*id));
                        }
                    }
                });
            });
    });
}
