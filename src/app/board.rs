//! The hub board: a card per hub (and one for the unassigned practices) holding draggable
//! practice chips. Only the cards and chips in view are laid out, so all of England stays fast.

use super::Intent;
use super::context::{Intents, View};
use super::theme::{CARD_GAP, CARD_PADDING, CHIP_ROW_HEIGHT};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{
    Action, GroupFigures, HubId, Metrics, Patients, PracticeId, Scenario, group_figures,
};
use egui::{Rect, Vec2};

mod adjusted;
pub mod arrs_line;
mod card;
mod hub_dialogs;
mod names;

pub use card::band_badge;
use card::{CardContext, card_ui, drag_ghost_ui};

pub use names::PracticeNames;

/// One card of the board, positioned in the scrolled content.
#[derive(Debug, Clone)]
struct CardLayout {
    group: Option<HubId>,
    /// Chips shown (all members, or those matching the search), sorted by name.
    chips: Vec<PracticeId>,
    /// Offset of the card's top from the content's top (points).
    top: f32,
    height: f32,
    /// Height of the header above the chips (taller with a staff plan).
    header: f32,
}

#[derive(Debug, Clone)]
struct BoardLayout {
    revision: u64,
    search: String,
    show_unassigned: Option<bool>,
    cards: Vec<CardLayout>,
    total_height: f32,
    matches: usize,
}

/// Figures of the source and target cards if the dragged practice were dropped.
#[derive(Debug, Clone)]
struct Preview {
    revision: u64,
    practice: PracticeId,
    source: Option<HubId>,
    target: Option<HubId>,
    source_figures: GroupFigures,
    target_figures: GroupFigures,
}

/// State of the board between frames (search text, caches, open dialogs).
#[derive(Default)]
pub struct BoardState {
    pub search: String,
    /// Whether the unassigned card lists its chips; `None` = automatic (shown when it holds at
    /// most [`UNASSIGNED_SHOWN_AUTOMATICALLY`] practices, so England's board starts with hubs).
    pub show_unassigned: Option<bool>,
    names: PracticeNames,
    layout: Option<BoardLayout>,
    preview: Option<Preview>,
    /// The last frame had a chip held over a card: `preview` is what the status line says.
    preview_shown: bool,
    dialogs: hub_dialogs::HubDialogs,
    /// A practice chosen elsewhere (the map, the search): the board scrolls to its chip once.
    reveal: Option<PracticeId>,
}

/// The chip held by the pointer this frame, and where the pointer is.
#[derive(Clone, Copy)]
struct Held {
    practice: Option<PracticeId>,
    pointer: Option<egui::Pos2>,
}

/// What the cards of one frame write to: the unassigned card's Show/Hide, and intents.
struct CardsShared {
    toggle_unassigned: std::cell::Cell<bool>,
    intents: std::cell::RefCell<Vec<Intent>>,
}

/// Holding a chip near the board's top or bottom edge scrolls it, faster nearer.
fn edge_scroll(ui: &mut egui::Ui, held: Held) {
    if let (Some(_), Some(pointer)) = (held.practice, held.pointer) {
        let speed = edge_scroll_speed(ui.clip_rect(), pointer);
        if speed != 0.0 {
            ui.scroll_with_delta(Vec2::new(0.0, speed));
            ui.ctx().request_repaint();
        }
    }
}

/// The unassigned card lists its chips automatically up to this many practices.
pub const UNASSIGNED_SHOWN_AUTOMATICALLY: usize = 12;

fn card_height(chips: usize, header: f32) -> f32 {
    CARD_PADDING * 2.0 + header + chips as f32 * CHIP_ROW_HEIGHT
}

/// Accessible name of a hub card, e.g. `Riverford Central PCN hub card: 6 practices,
/// 41,234 registered, 30k–50k`.
pub fn card_label(name: &str, figures: &GroupFigures) -> String {
    let band = figures.band.map_or("no band", |band| band.label());
    format!(
        "{name} card: {}, {} registered, {band}",
        crate::model::format::count_of(figures.practices, "practice"),
        format_patients_whole(figures.registered)
    )
}

/// Accessible name of a practice chip, e.g. `Meadows Surgery, 9,846 patients`.
pub fn chip_label(name: &str, registered: crate::model::Patients) -> String {
    format!("{name}, {} patients", format_patients_whole(registered))
}

/// Display name of a card's group.
fn group_name(scenario: &Scenario, group: Option<HubId>) -> String {
    match group {
        Some(id) => scenario
            .hub(id)
            .map_or_else(|| format!("Hub {}", id.0), |hub| title_case(&hub.name)),
        None => "Unassigned".to_string(),
    }
}

impl BoardState {
    /// Scrolls the board to a practice's chip on the next frame (unfolding the unassigned
    /// card when it is there).
    pub fn reveal(&mut self, practice: PracticeId) {
        self.reveal = Some(practice);
    }

    fn ensure_layout(&mut self, scenario: &Scenario, revision: u64) {
        if let Some(layout) = &self.layout
            && layout.revision == revision
            && layout.search == self.search
            && layout.show_unassigned == self.show_unassigned
        {
            return;
        }
        self.names.ensure(scenario.region_arc());
        let query = self.search.trim().to_lowercase();
        let mut groups: Vec<(String, Option<HubId>)> = scenario
            .hubs()
            .iter()
            .map(|(id, hub)| (hub.name.to_lowercase(), Some(*id)))
            .collect();
        groups.sort();
        groups.insert(0, (String::new(), None));
        let mut cards = Vec::with_capacity(groups.len());
        let mut top = 0.0;
        let mut matches = 0;
        for (lower_name, group) in groups {
            let mut chips: Vec<PracticeId> = scenario.group_members(group).collect();
            if !query.is_empty() {
                let hub_matches = group.is_some() && lower_name.contains(&query);
                chips.retain(|id| self.names.matches(*id, &query));
                matches += chips.len();
                if chips.is_empty() && !hub_matches {
                    continue;
                }
                if hub_matches && chips.is_empty() {
                    chips = scenario.group_members(group).collect();
                }
            }
            let folded = group.is_none()
                && query.is_empty()
                && !self
                    .show_unassigned
                    .unwrap_or(chips.len() <= UNASSIGNED_SHOWN_AUTOMATICALLY);
            if folded {
                chips.clear();
            }
            chips.sort_by(|a, b| self.names.name(*a).cmp(self.names.name(*b)));
            // An empty (or folded) card keeps one row for its hint.
            let header = super::theme::card_header_height(scenario.staff().has_staff());
            let height = card_height(chips.len().max(1), header);
            cards.push(CardLayout {
                group,
                chips,
                top,
                height,
                header,
            });
            top += height + CARD_GAP;
        }
        self.layout = Some(BoardLayout {
            revision,
            search: self.search.clone(),
            show_unassigned: self.show_unassigned,
            cards,
            total_height: top,
            matches,
        });
    }

    /// Draws the board and records moves, selections and hub edits as intents.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, intents: &mut Intents) {
        let (scenario, metrics, revision) = (view.scenario, view.metrics, view.revision);
        self.toolbar_ui(ui, scenario, intents);
        // A practice chosen on the map that sits in the folded unassigned card: unfold it.
        if let Some(practice) = self.reveal
            && scenario.hub_of(practice).is_none()
        {
            self.show_unassigned = Some(true);
        }
        self.ensure_layout(scenario, revision);
        let Some(layout) = self.layout.take() else {
            return;
        };
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("hub board scroll")
            .auto_shrink([false, false]);
        if let Some(target) = self.reveal.take()
            && let Some(y) = chip_offset(&layout, target)
        {
            scroll = scroll.vertical_scroll_offset((y - 80.0).max(0.0));
        }
        let ctx = ui.ctx().clone();
        let held = Held {
            practice: egui::DragAndDrop::payload::<PracticeId>(&ctx).map(|p| *p),
            pointer: ctx.pointer_interact_pos(),
        };
        let released = ctx.input(|i| i.pointer.any_released());
        let shared = CardsShared {
            toggle_unassigned: std::cell::Cell::new(false),
            intents: std::cell::RefCell::new(Vec::new()),
        };
        let drop_target = scroll
            .show_viewport(ui, |ui, viewport| {
                self.cards_ui(ui, viewport, &layout, view, held, &shared)
            })
            .inner;
        if let (Some(practice), Some(target), true) = (held.practice, drop_target, released) {
            intents.push(Intent::Edit(Action::MovePractice {
                practice,
                to: target,
            }));
        }
        intents.extend(shared.intents.into_inner());
        if let Some(practice) = held.practice {
            drag_ghost_ui(&ctx, scenario, &self.names, practice);
        }
        if shared.toggle_unassigned.get() {
            let shown = layout
                .cards
                .first()
                .is_some_and(|card| card.group.is_none() && !card.chips.is_empty());
            self.show_unassigned = Some(!shown);
        }
        self.layout = Some(layout);
        self.dialogs.ui(&ctx, scenario, metrics, intents);
    }

    /// The cards in view (scrolling the board while a chip is held near its edge); returns
    /// the card the held chip would be dropped on, if any.
    fn cards_ui(
        &mut self,
        ui: &mut egui::Ui,
        viewport: Rect,
        layout: &BoardLayout,
        view: &View<'_>,
        held: Held,
        shared: &CardsShared,
    ) -> Option<Option<HubId>> {
        let (scenario, metrics, revision) = (view.scenario, view.metrics, view.revision);
        ui.set_height(layout.total_height);
        let origin = ui.max_rect().min;
        let width = ui.available_width();
        let clip = ui.clip_rect();
        edge_scroll(ui, held);
        let visible: Vec<&CardLayout> = layout
            .cards
            .iter()
            .filter(|card| card.top + card.height >= viewport.min.y && card.top <= viewport.max.y)
            .collect();
        let card_rect = |card: &CardLayout| {
            Rect::from_min_size(
                origin + Vec2::new(0.0, card.top),
                Vec2::new(width, card.height),
            )
        };
        let mut drop_target = None;
        if let (Some(practice), Some(pointer)) = (held.practice, held.pointer)
            && clip.contains(pointer)
        {
            drop_target = visible
                .iter()
                .find(|card| card_rect(card).contains(pointer))
                .map(|card| card.group)
                .filter(|group| *group != scenario.hub_of(practice))
                // A locked practice or hub is not a place to drop (the drop is refused).
                .filter(|group| scenario.lock_refuses(practice, *group).is_none());
        }
        let preview = match (held.practice, drop_target) {
            (Some(practice), Some(target)) => Some(
                self.preview_for(scenario, metrics, revision, practice, target)
                    .clone(),
            ),
            _ => None,
        };
        self.preview_shown = preview.is_some();
        let dark = ui.visuals().dark_mode;
        let query = self.search.trim().to_lowercase();
        for card in visible {
            let context = CardContext {
                scenario,
                metrics,
                names: &self.names,
                preview: preview.as_ref(),
                is_drop_target: drop_target == Some(card.group),
                dragging: held.practice,
                query: query.clone(),
                selected: view.selected,
                dark,
                toggle_unassigned: &shared.toggle_unassigned,
                intents: &shared.intents,
            };
            let rect = card_rect(card);
            card_ui(
                ui,
                rect,
                card,
                viewport,
                origin,
                &context,
                &mut self.dialogs,
            );
        }
        drop_target
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui, scenario: &Scenario, intents: &mut Intents) {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading("Hubs");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("+ New hub")
                    .on_hover_text("Create an empty hub, then drag practices into it")
                    .clicked()
                {
                    self.dialogs.open_new_hub(scenario);
                }
            });
        });
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("practice name, code or postcode; hub name")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let first = self
                    .layout
                    .as_ref()
                    .and_then(|l| l.cards.iter().find_map(|c| c.chips.first().copied()));
                if let Some(first) = first {
                    intents.push(Intent::Reveal(first));
                }
            }
        });
        if let Some(layout) = &self.layout
            && !self.search.trim().is_empty()
        {
            ui.label(format!("{} matching practices", layout.matches));
        }
        ui.add_space(2.0);
    }

    /// While a chip is held over a card: the two hubs (source, then target; `None` for the
    /// unassigned practices) with their figures if it were dropped, for the figures table.
    pub fn drop_preview(&self) -> Vec<(Option<HubId>, &GroupFigures)> {
        self.preview
            .as_ref()
            .filter(|_| self.preview_shown)
            .map_or_else(Vec::new, |p| {
                vec![(p.source, &p.source_figures), (p.target, &p.target_figures)]
            })
    }

    /// While a chip is held over a card, one line saying what the drop would do to both hubs:
    /// `Dropping Meadows Surgery: Burgess Hill 50,892 to 41,046 (30k–50k) · Arun 30,000 to 39,846 (30k–50k)`.
    pub fn drag_summary(&self, scenario: &Scenario, metrics: &Metrics) -> Option<String> {
        let preview = self.preview.as_ref().filter(|_| self.preview_shown)?;
        let practice = scenario.region().practice(preview.practice)?;
        let side = |group: Option<HubId>, new: &GroupFigures| {
            let now = metrics
                .group(group)
                .map_or(Patients::ZERO, |f| f.registered);
            let band = new.band.map_or("no band", |band| band.label());
            let arrs = match metrics.group(group) {
                Some(figures) if group.is_some() && scenario.staff().has_staff() => format!(
                    ", {} to {}",
                    arrs_line::headroom_text(figures.arrs.headroom()),
                    new.arrs.headroom().to_whole_pounds_string()
                ),
                _ => String::new(),
            };
            format!(
                "{} {} to {} ({band}){arrs}",
                group_name(scenario, group),
                format_patients_whole(now),
                format_patients_whole(new.registered)
            )
        };
        Some(format!(
            "Dropping {}: {} · {}",
            practice.display_name(),
            side(preview.source, &preview.source_figures),
            side(preview.target, &preview.target_figures)
        ))
    }

    fn preview_for(
        &mut self,
        scenario: &Scenario,
        metrics: &Metrics,
        revision: u64,
        practice: PracticeId,
        target: Option<HubId>,
    ) -> &Preview {
        let fresh = self.preview.as_ref().is_some_and(|p| {
            p.revision == revision && p.practice == practice && p.target == target
        });
        if !fresh {
            let rules = &metrics.rules;
            let source = scenario.hub_of(practice);
            let source_figures = group_figures(
                scenario,
                scenario.group_members(source).filter(|id| *id != practice),
                rules,
                source,
            );
            let target_figures = group_figures(
                scenario,
                scenario
                    .group_members(target)
                    .chain(std::iter::once(practice)),
                rules,
                target,
            );
            self.preview = Some(Preview {
                revision,
                practice,
                source,
                target,
                source_figures,
                target_figures,
            });
        }
        // Just set above when missing.
        self.preview.get_or_insert_with(|| Preview {
            revision,
            practice,
            source: None,
            target,
            source_figures: GroupFigures::default(),
            target_figures: GroupFigures::default(),
        })
    }
}

/// Points to scroll this frame while a chip is held at `pointer` over a board clipped to `clip`:
/// within 40 points of the top (positive: content moves down) or bottom edge, up to 18 a frame.
pub fn edge_scroll_speed(clip: Rect, pointer: egui::Pos2) -> f32 {
    const EDGE: f32 = 40.0;
    const FASTEST: f32 = 18.0;
    if pointer.x < clip.min.x || pointer.x > clip.max.x {
        return 0.0;
    }
    let from_top = pointer.y - clip.min.y;
    let from_bottom = clip.max.y - pointer.y;
    if (0.0..EDGE).contains(&from_top) {
        FASTEST * (1.0 - from_top / EDGE)
    } else if (0.0..EDGE).contains(&from_bottom) {
        -FASTEST * (1.0 - from_bottom / EDGE)
    } else {
        0.0
    }
}

/// Offset of a chip from the content's top, for scrolling to it.
fn chip_offset(layout: &BoardLayout, practice: PracticeId) -> Option<f32> {
    layout.cards.iter().find_map(|card| {
        let index = card.chips.iter().position(|id| *id == practice)?;
        Some(card.top + CARD_PADDING + card.header + index as f32 * CHIP_ROW_HEIGHT)
    })
}
