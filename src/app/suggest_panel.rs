//! The Suggest window (Compare → Suggest…): the fewest practice moves that bring every hub
//! into its band, with a spread limit and the scenario's locks, searched as a background job
//! (progress; Stop keeps the best found so far). Each alternative is shown against the current
//! state (the moves, and each changed hub before and after); Apply makes it one undo step.

use super::jobs::{Job, Poll, Progress};
use super::{App, Intent};
use crate::model::optimise::{Options, Outcome, Proof, Suggestion, suggest};
use crate::model::practice::title_case;
use crate::model::quantity::format_patients_whole;
use crate::model::{Metrics, Scenario, apply};

/// The window's settings and the last answer.
pub struct SuggestView {
    pub open: bool,
    spread_limited: bool,
    spread_km: f64,
    alternatives: usize,
    seconds: f64,
    /// Starts the local search (`Options::seed`): the same seed gives the same suggestions.
    seed: u64,
    /// New hubs may open (`Options::new_hubs`).
    new_hubs: bool,
    job: Option<Job<Answer>>,
    answer: Option<Answer>,
}

impl Default for SuggestView {
    fn default() -> Self {
        Self {
            open: false,
            spread_limited: true,
            spread_km: 15.0,
            alternatives: 3,
            seconds: if super::platform::IN_BROWSER {
                2.0
            } else {
                5.0
            },
            seed: 0,
            new_hubs: false,
            job: None,
            answer: None,
        }
    }
}

/// An answer for one revision of the document, with each alternative's changed hubs.
pub struct Answer {
    revision: u64,
    /// The seed it was searched with.
    seed: u64,
    outcome: Outcome,
    changes: Vec<Vec<HubChange>>,
    /// Each alternative's moves in words: `Copper Beech Surgery (17,585): Ashcombe & Wyle PCN to Thornleigh Rural PCN`.
    moves: Vec<Vec<String>>,
}

/// A hub an alternative changes: name, registered before and after, band after.
struct HubChange {
    name: String,
    before: String,
    after: String,
    band: &'static str,
}

/// The search's limits: spread, new hubs, alternatives, time and seed.
fn limits_ui(ui: &mut egui::Ui, view: &mut SuggestView) {
    ui.horizontal(|ui| {
        let limit = ui.checkbox(&mut view.spread_limited, "No hub wider than");
        ui.add_enabled(
            view.spread_limited,
            egui::DragValue::new(&mut view.spread_km)
                .range(1.0..=200.0)
                .suffix(" km"),
        )
        .labelled_by(limit.id);
        ui.label(egui::RichText::new("(or than it is today)").weak());
    });
    ui.checkbox(&mut view.new_hubs, "Allow new hubs")
        .on_hover_text(
            "Let Suggest open new hubs (NEW1, NEW2, …): in a region up to 3, among the proved \
             answers the fewest; in England each hub still above its band after the repair is \
             split into neighbouring runs of practices",
        );
    ui.horizontal(|ui| {
        let label = ui.label("Alternatives");
        ui.add(egui::DragValue::new(&mut view.alternatives).range(1..=5))
            .labelled_by(label.id);
        let label = ui.label("Time limit");
        ui.add(
            egui::DragValue::new(&mut view.seconds)
                .range(0.5..=60.0)
                .suffix(" s"),
        )
        .labelled_by(label.id);
        let label = ui.label("Seed");
        ui.add(egui::DragValue::new(&mut view.seed).range(0..=999_999))
            .labelled_by(label.id)
            .on_hover_text(
                "Where the search for a better answer starts: the same seed gives the same \
                 suggestions, another seed may find others (a proved optimum is the same for \
                 every seed)",
            );
    });
}

/// Opens the window from the Compare menu.
pub fn suggest_menu_ui(ui: &mut egui::Ui, app: &mut App) {
    if ui
        .button("Suggest…")
        .on_hover_text("The fewest practice moves that bring every hub into its band")
        .clicked()
    {
        app.suggest.open = true;
    }
}

pub fn suggest_window_ui(ctx: &egui::Context, app: &mut App) {
    poll(ctx, app);
    let mut open = app.suggest.open;
    if !open {
        return;
    }
    let revision = app.document.revision();
    let mut intents = Vec::new();
    crate::app::layout::window(ctx, "Suggest")
        .open(&mut open)
        .default_width(640.0)
        .default_height(520.0)
        .vscroll(true)
        .show(ctx, |ui| {
            settings_ui(ui, app);
            ui.separator();
            match &app.suggest.answer {
                Some(answer) => answer_ui(ui, answer, revision, &mut intents),
                None if app.suggest.job.is_none() => {
                    ui.label("Set the limits, then Suggest moves.");
                }
                None => {}
            }
        });
    app.suggest.open = open;
    app.intents.extend(intents);
}

fn settings_ui(ui: &mut egui::Ui, app: &mut App) {
    let constraints = app.document.scenario().constraints();
    let locks = format!(
        "Kept as they are: {} locked practice(s), {} locked hub(s), {} group(s) that move together \
         (right-click a practice or a hub card to lock it, or a practice to group it); {} hub(s) \
         with a band of their own (a hub's Edit).",
        constraints.locked_practices.len(),
        constraints.locked_hubs.len(),
        constraints.groups.len(),
        constraints.bands.len()
    );
    let view = &mut app.suggest;
    ui.label(
        "Every hub between 30,000 and 50,000 registered patients, or within its own band (a hub \
         of one practice may be larger), with the fewest practices moved, then the fewest \
         patients.",
    );
    ui.label(locks);
    limits_ui(ui, view);
    if crate::app::platform::IN_BROWSER {
        // A browser page has one thread: the search runs on it, so the page waits for it.
        ui.label(
            egui::RichText::new(
                "In the browser the search runs on the page itself: the page pauses until it \
                 answers (at most the time limit), and it finds fewer alternatives than the \
                 desktop app, which searches on two cores.",
            )
            .weak(),
        );
    }
    let mut go = false;
    ui.horizontal(|ui| match &view.job {
        Some(job) => {
            ui.spinner();
            ui.add(egui::ProgressBar::new(job.progress().unwrap_or(0.0)).desired_width(200.0));
            if ui
                .button("Stop")
                .on_hover_text("Stop searching and show the best found so far")
                .clicked()
            {
                job.cancel();
            }
        }
        None => {
            go = ui.button("Suggest moves").clicked();
        }
    });
    if go {
        start(app);
    }
}

fn start(app: &mut App) {
    let scenario = app.document.scenario().clone();
    let revision = app.document.revision();
    let view = &mut app.suggest;
    let options = Options {
        max_spread_km: view.spread_limited.then_some(view.spread_km),
        alternatives: view.alternatives,
        threads: if super::platform::IN_BROWSER { 1 } else { 2 },
        seed: view.seed,
        new_hubs: if view.new_hubs {
            crate::model::optimise::NEW_HUBS_ALLOWED
        } else {
            0
        },
        ..Options::default()
    };
    // The answer names the seed the search was given.
    let (seconds, seed) = (view.seconds, options.seed);
    view.answer = None;
    view.job = Job::spawn("suggest", move |progress: &Progress| {
        let started = super::platform::clock::Stopwatch::start();
        let should_stop = || {
            let elapsed = started.elapsed_secs();
            progress.set((elapsed / seconds) as f32);
            progress.is_cancelled() || elapsed >= seconds
        };
        let outcome = suggest(&scenario, scenario.constraints(), &options, &should_stop);
        let before = Metrics::compute(&scenario);
        let (mut changes, mut moves) = (Vec::new(), Vec::new());
        for suggestion in &outcome.suggestions {
            // The scenario after it: the names of any new hubs it opens, and their figures.
            let mut after = scenario.clone();
            if apply(&mut after, suggestion.action.clone()).is_err() {
                after = scenario.clone();
            }
            changes.push(hub_changes(&scenario, &before, &after, suggestion));
            moves.push(move_lines(&scenario, &after, suggestion));
        }
        Answer {
            revision,
            seed,
            outcome,
            changes,
            moves,
        }
    });
    if view.job.is_none() {
        app.notice = Some("Suggest could not start a background job".to_string());
    }
}

fn poll(ctx: &egui::Context, app: &mut App) {
    let Some(job) = &mut app.suggest.job else {
        return;
    };
    match job.poll() {
        Poll::Pending => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
        Poll::Done(answer) => {
            app.suggest.job = None;
            app.suggest.answer = Some(answer);
        }
        Poll::Lost => {
            app.suggest.job = None;
            app.notice = Some("The search stopped unexpectedly".to_string());
        }
    }
}

/// A suggestion's moves in words, one per practice (a new hub by the name it opens with).
fn move_lines(scenario: &Scenario, after: &Scenario, suggestion: &Suggestion) -> Vec<String> {
    let hub = |id: Option<crate::model::HubId>| {
        id.and_then(|id| after.hub(id))
            .map_or_else(|| "no hub".to_string(), |h| title_case(&h.name))
    };
    suggestion
        .moves
        .iter()
        .filter_map(|m| {
            let practice = scenario.region().practice(m.practice)?;
            Some(format!(
                "{} ({}): {} to {}",
                practice.display_name(),
                format_patients_whole(practice.registered_patients),
                hub(m.from),
                hub(Some(m.to))
            ))
        })
        .collect()
}

/// The hubs a suggestion changes, before and after (a hub it opens reads `new` before).
fn hub_changes(
    scenario: &Scenario,
    before: &Metrics,
    changed: &Scenario,
    suggestion: &Suggestion,
) -> Vec<HubChange> {
    let after = Metrics::compute(changed);
    let mut hubs: Vec<_> = suggestion
        .moves
        .iter()
        .flat_map(|m| m.from.into_iter().chain([m.to]))
        .collect();
    hubs.sort();
    hubs.dedup();
    hubs.into_iter()
        .filter_map(|id| {
            let new = after.hubs.get(&id)?;
            let hub = scenario.hub(id).or_else(|| changed.hub(id))?;
            Some(HubChange {
                name: title_case(&hub.name),
                before: before.hubs.get(&id).map_or_else(
                    || "new".to_string(),
                    |old| format_patients_whole(old.registered),
                ),
                after: format_patients_whole(new.registered),
                band: match new.practices {
                    0 => "empty (merged away)",
                    _ => new.band.map_or("", |band| band.label()),
                },
            })
        })
        .collect()
}

fn answer_ui(ui: &mut egui::Ui, answer: &Answer, revision: u64, intents: &mut Vec<Intent>) {
    let outcome = &answer.outcome;
    ui.label(
        egui::RichText::new(match &outcome.proof {
            Proof::Optimal => "Proved optimal: no change moves fewer practices, and none moving as many moves fewer patients.".to_string(),
            Proof::BestFound { lower_bound }
                if outcome.count_proved() && outcome.fewest_patients_proved =>
            {
                format!(
                    "Best found in the time: {lower_bound} practice move(s): proved the fewest that put every hub in band, moving the fewest patients; one of as many opening fewer new hubs or with less spread may exist."
                )
            }
            Proof::BestFound { lower_bound } if outcome.count_proved() => format!(
                "Best found in the time: {lower_bound} practice move(s): proved the fewest that put every hub in band; one moving fewer patients may exist."
            ),
            Proof::BestFound { lower_bound } => format!(
                "Best found in the time, not proved optimal; putting every hub in band needs at least {lower_bound} practice move(s)."
            ),
            Proof::Infeasible(reason) => format!("Not every hub can be in band: {reason}."),
        })
        .strong(),
    );
    ui.label(
        egui::RichText::new(format!(
            "Searched with seed {} (the same seed gives the same suggestions, unless the time \
             limit cut the search short).",
            answer.seed
        ))
        .weak(),
    );
    if outcome.suggestions.is_empty() {
        return;
    }
    let current = answer.revision == revision;
    if !current {
        ui.label("The scenario has changed since: Suggest again to apply.");
    }
    for (index, (suggestion, changes)) in
        outcome.suggestions.iter().zip(&answer.changes).enumerate()
    {
        ui.separator();
        ui.label(
            egui::RichText::new(format!(
                "Alternative {}: {} practice(s) moved, {} patients; hubs in band {} now, {} after, of {}",
                index + 1,
                suggestion.practices_moved,
                format_patients_whole(suggestion.patients_moved),
                suggestion.hubs_in_band_before,
                suggestion.hubs_in_band_after,
                suggestion.hubs_after
            ))
            .strong(),
        );
        for line in answer.moves.get(index).into_iter().flatten() {
            ui.label(line);
        }
        egui::Grid::new(("suggest changes", index))
            .striped(true)
            .show(ui, |ui| {
                for title in ["Hub", "Registered now", "After", "Band after"] {
                    ui.label(egui::RichText::new(title).weak());
                }
                ui.end_row();
                for change in changes {
                    ui.label(&change.name);
                    ui.label(&change.before);
                    ui.label(&change.after);
                    ui.label(change.band);
                    ui.end_row();
                }
            });
        out_of_line_ui(ui, suggestion);
        if ui
            .add_enabled(
                current,
                egui::Button::new(format!("Apply alternative {}", index + 1)),
            )
            .on_hover_text("Make these moves (one step to undo)")
            .clicked()
        {
            intents.push(Intent::Edit(suggestion.action.clone()));
        }
    }
}

/// The hubs still out of band after a suggestion, each with why (the first 12, then a count).
fn out_of_line_ui(ui: &mut egui::Ui, suggestion: &Suggestion) {
    const SHOWN: usize = 12;
    let left = &suggestion.out_of_line;
    if left.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(format!("Still out of band after it: {}", left.len())).strong());
    for hub in left.iter().take(SHOWN) {
        ui.add(egui::Label::new(hub.text()).wrap());
    }
    if left.len() > SHOWN {
        ui.label(format!(
            "and {} more (the command line lists them all: pcn-explorer suggest)",
            left.len() - SHOWN
        ));
    }
}
