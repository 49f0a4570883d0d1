//! The map: practices at their coordinates (equal scale after cos(latitude)), circle area by list
//! size, coloured by hub, each hub's convex outline. Hover shows a practice; click selects it.

mod labels;

use super::theme;
use super::{Intent, Selection};
use crate::model::geo::convex_hull;
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Action, HubId, Metrics, PracticeId, Region, Scenario};
use egui::accesskit::Role;
use egui::{Color32, Stroke, WidgetInfo};
use egui_plot::{Plot, PlotPoint, PlotPoints, Polygon};
use std::sync::Arc;

/// Smallest and largest circle radius (points).
const MIN_RADIUS: f32 = 3.0;
const MAX_RADIUS: f32 = 13.0;
/// Circles get an outline up to this many practices.
const MAX_OUTLINED_CIRCLES: usize = 1_000;

/// Positions of a region's practices, computed once per region.
struct Points {
    region: Arc<Region>,
    located: Vec<(PracticeId, [f64; 2])>,
    unlocated: Vec<PracticeId>,
    largest_list: f64,
    bounds: Option<([f64; 2], [f64; 2])>,
}

/// One hub's outline.
struct Outline {
    hub: HubId,
    name: String,
    colour: Color32,
    hull: Vec<[f64; 2]>,
    centre: [f64; 2],
}

/// Outlines for one document revision.
struct Outlines {
    revision: u64,
    outlines: Vec<Outline>,
}

/// Map state between frames: caches keyed by region and revision.
#[derive(Default)]
pub struct MapState {
    points: Option<Points>,
    outlines: Option<Outlines>,
    /// The last frame's plot-to-screen transform, to say where a practice was drawn.
    transform: Option<egui_plot::PlotTransform>,
}

impl MapState {
    /// Where the last frame drew a practice's circle (screen points), if it is located and was
    /// in view: what a person aims at to click it.
    pub fn screen_position(&self, practice: PracticeId) -> Option<egui::Pos2> {
        let transform = self.transform.as_ref()?;
        let points = self.points.as_ref()?;
        let (_, point) = points.located.iter().find(|(id, _)| *id == practice)?;
        let centre = transform.position_from_point(&PlotPoint::new(point[0], point[1]));
        transform.frame().contains(centre).then_some(centre)
    }
}

impl Points {
    fn of(region: &Arc<Region>) -> Self {
        let located: Vec<(PracticeId, crate::model::LatLon)> = region
            .practice_ids()
            .filter_map(|id| Some((id, region.practice(id)?.location?)))
            .collect();
        let mean_lat = if located.is_empty() {
            52.0
        } else {
            located.iter().map(|(_, l)| l.lat).sum::<f64>() / located.len() as f64
        };
        // x = lon × cos(mean latitude), so one unit is the same distance on both axes.
        let x_scale = mean_lat.to_radians().cos();
        let located: Vec<(PracticeId, [f64; 2])> = located
            .into_iter()
            .map(|(id, l)| (id, [l.lon * x_scale, l.lat]))
            .collect();
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
            unlocated,
            largest_list,
            bounds,
        }
    }
}

fn outlines_of(scenario: &Scenario, points: &Points, revision: u64) -> Outlines {
    let mut position = vec![None; scenario.region().len()];
    for (id, point) in &points.located {
        if let Some(slot) = position.get_mut(id.index()) {
            *slot = Some(*point);
        }
    }
    let outlines = scenario
        .hubs()
        .iter()
        .filter_map(|(id, hub)| {
            let member_points: Vec<[f64; 2]> = scenario
                .members(*id)
                .filter_map(|p| position.get(p.index()).copied().flatten())
                .collect();
            if member_points.is_empty() {
                return None;
            }
            let n = member_points.len() as f64;
            let centre = [
                member_points.iter().map(|p| p[0]).sum::<f64>() / n,
                member_points.iter().map(|p| p[1]).sum::<f64>() / n,
            ];
            Some(Outline {
                hub: *id,
                name: title_case(&hub.name),
                colour: theme::hub_colour(hub.colour),
                hull: convex_hull(&member_points),
                centre,
            })
        })
        .collect();
    Outlines { revision, outlines }
}

impl MapState {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        scenario: &Scenario,
        metrics: &Metrics,
        revision: u64,
        selection: &mut Selection,
        intents: &mut Vec<Intent>,
    ) {
        let region = scenario.region_arc();
        if !self
            .points
            .as_ref()
            .is_some_and(|p| Arc::ptr_eq(&p.region, region))
        {
            self.points = Some(Points::of(region));
            self.outlines = None;
        }
        let Some(points) = self.points.as_ref() else {
            return;
        };
        if self
            .outlines
            .as_ref()
            .is_none_or(|o| o.revision != revision)
        {
            self.outlines = Some(outlines_of(scenario, points, revision));
        }
        let outlines = self.outlines.as_ref().map_or(&[][..], |o| &o.outlines[..]);
        ui.horizontal(|ui| {
            ui.heading("Map");
            ui.label(
                egui::RichText::new("circle area shows list size · drag to pan, scroll to zoom, double-click to reset")
                    .small()
                    .weak(),
            );
        });
        let bottom_height = bottom_height(selection, points);
        let plot_height = (ui.available_height() - bottom_height).max(160.0);
        let transform = map_plot_ui(
            ui,
            scenario,
            metrics,
            points,
            outlines,
            plot_height,
            selection,
        );
        self.transform = Some(transform);
        selected_bar_ui(ui, scenario, selection, intents);
        unlocated_ui(ui, scenario, points, selection);
    }
}

fn bottom_height(selection: &Selection, points: &Points) -> f32 {
    let mut height = 8.0;
    if selection.practice.is_some() {
        height += 34.0;
    }
    if !points.unlocated.is_empty() {
        height += 30.0 + (points.unlocated.len().min(4) as f32) * 20.0;
    }
    height
}

fn practice_colour(scenario: &Scenario, practice: PracticeId) -> Color32 {
    scenario
        .hub_of(practice)
        .and_then(|id| scenario.hub(id))
        .map_or(theme::UNASSIGNED_COLOUR, |hub| {
            theme::hub_colour(hub.colour)
        })
}

fn radius_of(list: f64, largest: f64) -> f32 {
    MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * (list / largest).max(0.0).sqrt() as f32
}

fn map_plot_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    metrics: &Metrics,
    points: &Points,
    outlines: &[Outline],
    height: f32,
    selection: &mut Selection,
) -> egui_plot::PlotTransform {
    let mut plot = Plot::new("practice map")
        .data_aspect(1.0)
        .height(height)
        .show_axes(false)
        .show_grid(false)
        .allow_boxed_zoom(false)
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
    let text_colour = ui.visuals().strong_text_color();
    let response = plot.show(ui, |plot_ui| {
        for outline in outlines {
            if outline.hull.len() >= 3 {
                plot_ui.polygon(
                    Polygon::new(outline.name.clone(), PlotPoints::from(outline.hull.clone()))
                        .fill_color(outline.colour.gamma_multiply(0.12))
                        .stroke(Stroke::new(1.5, outline.colour))
                        .allow_hover(false)
                        .id(("hull", outline.hub.0)),
                );
            }
        }
    });
    let plot_rect = response.response.rect;
    let transform = response.transform;
    let painter = ui.painter_at(plot_rect);
    let ring = Stroke::new(3.0, ui.visuals().strong_text_color());
    let pointer = response.response.hover_pos();
    let mut nearest: Option<(PracticeId, f32)> = None;
    let mut selected_circle = None;
    // Circle outlines cost far more to tessellate than fills: only for regions, not England.
    let outlined = points.located.len() <= MAX_OUTLINED_CIRCLES;
    for (id, point) in &points.located {
        let Some(practice) = scenario.region().practice(*id) else {
            continue;
        };
        let centre = transform.position_from_point(&PlotPoint::new(point[0], point[1]));
        let radius = radius_of(practice.registered_patients.as_f64(), points.largest_list);
        if let Some(pointer) = pointer {
            let distance = centre.distance(pointer) - radius;
            if distance < 4.0 && nearest.is_none_or(|(_, best)| distance < best) {
                nearest = Some((*id, distance));
            }
        }
        if !plot_rect.expand(radius).contains(centre) {
            continue;
        }
        let colour = practice_colour(scenario, *id);
        if outlined {
            painter.circle(
                centre,
                radius,
                colour.gamma_multiply(0.85),
                Stroke::new(1.0, colour),
            );
        } else {
            painter.circle_filled(centre, radius, colour.gamma_multiply(0.85));
        }
        if selection.practice == Some(*id) {
            selected_circle = Some((centre, radius));
        }
    }
    if let Some((centre, radius)) = selected_circle {
        painter.circle_stroke(centre, radius + 3.0, ring);
    }
    // Names: the selected practice's hub, then the hovered one, then whatever fits.
    let hovered_hub = match nearest {
        Some((id, _)) => scenario.hub_of(id),
        None => pointer.and_then(|pointer| {
            let value = transform.value_from_position(pointer);
            labels::hub_at(outlines, [value.x, value.y]).map(|outline| outline.hub)
        }),
    };
    let first: Vec<HubId> = selection
        .practice
        .and_then(|id| scenario.hub_of(id))
        .into_iter()
        .chain(hovered_hub)
        .collect();
    let backdrop = ui.visuals().extreme_bg_color.gamma_multiply(0.75);
    labels::paint_hub_names(
        &painter,
        &transform,
        outlines,
        &first,
        text_colour,
        backdrop,
    );
    let label = format!(
        "Map of {} practices in {} hubs",
        points.located.len(),
        scenario.hubs().len()
    );
    response
        .response
        .widget_info(|| WidgetInfo::labeled(Role::Image, true, label.clone()));
    if response.response.clicked() {
        selection.practice = nearest.map(|(id, _)| id);
        selection.scroll_board_to = selection.practice;
    }
    if let Some((id, _)) = nearest {
        response.response.on_hover_ui_at_pointer(|ui| {
            practice_tooltip_ui(ui, scenario, metrics, id);
        });
    } else if let Some(outline) = hovered_hub.and_then(|hub| outlines.iter().find(|o| o.hub == hub))
    {
        let figures = metrics.hubs.get(&outline.hub);
        let text = match figures {
            Some(figures) => format!(
                "{}: {}, {} registered",
                outline.name,
                crate::model::format::count_of(figures.practices, "practice"),
                format_patients_whole(figures.registered)
            ),
            None => outline.name.clone(),
        };
        response.response.on_hover_text_at_pointer(text);
    }
    transform
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
        egui::RichText::new("Click to select; drag its chip on the board to move it")
            .small()
            .weak(),
    );
}

/// The selected practice with a "move to hub" choice.
fn selected_bar_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    selection: &mut Selection,
    intents: &mut Vec<Intent>,
) {
    let Some(id) = selection.practice else {
        return;
    };
    let Some(practice) = scenario.region().practice(id) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "Selected: {} ({})",
                practice.display_name(),
                format_patients_whole(practice.registered_patients)
            ))
            .strong(),
        );
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
        if ui.button("Clear selection").clicked() {
            selection.practice = None;
        }
    });
}

/// Practices without coordinates: listed, never hidden.
fn unlocated_ui(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    points: &Points,
    selection: &mut Selection,
) {
    if points.unlocated.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!(
        "{} practice{} without coordinates (not on the map)",
        points.unlocated.len(),
        if points.unlocated.len() == 1 { "" } else { "s" }
    ))
    .default_open(true)
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("unlocated")
            .max_height(80.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for id in &points.unlocated {
                        let Some(practice) = scenario.region().practice(*id) else {
                            continue;
                        };
                        let hub = scenario
                            .hub_of(*id)
                            .and_then(|h| scenario.hub(h))
                            .map_or_else(|| "Unassigned".to_string(), |h| title_case(&h.name));
                        let text = format!("{} ({hub})", practice.display_name());
                        if ui
                            .selectable_label(selection.practice == Some(*id), text)
                            .clicked()
                        {
                            selection.practice = Some(*id);
                            selection.scroll_board_to = Some(*id);
                        }
                    }
                });
            });
    });
}
