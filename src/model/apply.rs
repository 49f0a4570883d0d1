//! The one place an [`Action`] is checked and applied; applying returns its inverse.
//!
//! Actions on rates, data and staff are checked and applied by their own files
//! ([`super::rate_actions`], [`super::data_actions`], [`super::staff_actions`]); this file
//! dispatches to them, so those files name only the action types below them.

use super::action::{
    Action, ActionError, Applied, MAX_NAME_CHARS, MAX_NOTES_CHARS, Touched, check_length,
    check_line,
};
use super::data_actions;
use super::hub::HubId;
use super::practice::PracticeId;
use super::rate_actions;
use super::scenario::Scenario;
use super::snapshot::{MAX_REASON_CHARS, MAX_SNAPSHOT_NAME_CHARS, MAX_SNAPSHOTS};
use super::staff_actions;

/// Checks an action against the scenario without changing it.
pub fn validate(scenario: &Scenario, action: &Action) -> Result<(), ActionError> {
    let hub_exists = |id: HubId| {
        scenario
            .hub(id)
            .map(|_| ())
            .ok_or(ActionError::UnknownHub(id.0))
    };
    let practice_exists = |id: PracticeId| {
        scenario
            .region()
            .practice(id)
            .map(|_| ())
            .ok_or(ActionError::UnknownPractice(id.0))
    };
    match action {
        Action::MovePractice { practice, to } => {
            practice_exists(*practice)?;
            if let Some(hub) = to {
                hub_exists(*hub)?;
            }
        }
        Action::CreateHub { id, hub, members } => {
            if scenario.hub(*id).is_some() {
                return Err(ActionError::HubIdTaken(id.0));
            }
            if hub.code.trim().is_empty() || hub.name.trim().is_empty() {
                return Err(ActionError::EmptyHubName);
            }
            check_length(&hub.name, MAX_NAME_CHARS)?;
            check_length(&hub.code, MAX_NAME_CHARS)?;
            check_line(&hub.name)?;
            check_line(&hub.code)?;
            if scenario.hub_by_code(&hub.code).is_some() {
                return Err(ActionError::HubCodeTaken(hub.code.clone()));
            }
            for practice in members {
                practice_exists(*practice)?;
            }
        }
        Action::DeleteHub { id } => hub_exists(*id)?,
        Action::RenameHub { id, name } => {
            hub_exists(*id)?;
            if name.trim().is_empty() {
                return Err(ActionError::EmptyHubName);
            }
            check_length(name, MAX_NAME_CHARS)?;
            check_line(name)?;
        }
        Action::MergeHubs { into, from } => {
            hub_exists(*into)?;
            hub_exists(*from)?;
            if into == from {
                return Err(ActionError::MergeIntoItself);
            }
        }
        Action::SetRuleYear(year) => {
            if !scenario.knows_year(*year) {
                return Err(ActionError::UnknownRuleYear(*year));
            }
        }
        Action::SetRate {
            year,
            line,
            base,
            rate,
        } => rate_actions::validate_set_rate(scenario, *year, line, *base, rate.as_ref())?,
        Action::PutRuleSet { year, set } => {
            data_actions::validate_rule_set(scenario, *year, set.as_deref())?;
        }
        Action::SetAdjusted { entries } => data_actions::validate_adjusted(scenario, entries)?,
        Action::SetStaffRows { .. } | Action::SetPayArea { .. } | Action::SetRoleMaximum { .. } => {
            staff_actions::validate(scenario, action)?;
        }
        Action::SetConstraints(constraints) => {
            super::optimise::validate_constraints(scenario, constraints)
                .map_err(ActionError::BadConstraints)?;
        }
        Action::SetWorkshopId(id) => {
            if let Some(id) = id
                && (id.is_empty()
                    || id.len() > 40
                    || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            {
                return Err(ActionError::BadWorkshopId(format!(
                    "a workshop id is 1 to 40 letters, digits or dashes (got {id:?})"
                )));
            }
        }
        Action::PutLocalLine { year, id, line } => {
            rate_actions::validate_local_line(scenario, *year, id, line.as_ref())?;
        }
        Action::SetTitle(text) => {
            check_length(text, MAX_NAME_CHARS)?;
            check_line(text)?;
        }
        Action::SetNotes(text) => {
            check_length(text, MAX_NOTES_CHARS)?;
            check_multiline(text)?;
        }
        Action::SetReason { practice, reason } => {
            practice_exists(*practice)?;
            if let Some(reason) = reason {
                check_length(reason, MAX_REASON_CHARS)?;
                check_multiline(reason)?;
            }
        }
        Action::SaveSnapshot { name } => {
            check_snapshot_name(name)?;
            if scenario.snapshot(name).is_none() && scenario.snapshots().len() >= MAX_SNAPSHOTS {
                return Err(ActionError::TooManySnapshots(MAX_SNAPSHOTS));
            }
        }
        Action::DeleteSnapshot { name } | Action::RestoreSnapshot { name } => {
            let snapshot = scenario
                .snapshot(name)
                .ok_or_else(|| ActionError::UnknownSnapshot(name.clone()))?;
            snapshot.check(scenario.region().len())?;
        }
        Action::PutSnapshot { name, snapshot } => {
            check_snapshot_name(name)?;
            if let Some(snapshot) = snapshot {
                snapshot.check(scenario.region().len())?;
                if scenario.snapshot(name).is_none() && scenario.snapshots().len() >= MAX_SNAPSHOTS
                {
                    return Err(ActionError::TooManySnapshots(MAX_SNAPSHOTS));
                }
            }
        }
        Action::ReplaceOption(snapshot) => snapshot.check(scenario.region().len())?,
        Action::Batch(_) => {} // Checked step by step in `apply`, rolled back on failure.
    }
    Ok(())
}

fn check_snapshot_name(name: &str) -> Result<(), ActionError> {
    if name.trim().is_empty() {
        return Err(ActionError::EmptySnapshotName);
    }
    check_length(name, MAX_SNAPSHOT_NAME_CHARS)?;
    check_line(name)
}

/// Notes and reasons may hold line feeds and tabs, no other control or direction character.
fn check_multiline(text: &str) -> Result<(), ActionError> {
    match super::text::unsafe_char_multiline(text) {
        Some(c) => Err(ActionError::UnsafeCharacter(super::text::describe_char(c))),
        None => Ok(()),
    }
}

/// Applies an action. On error nothing has changed.
pub fn apply(scenario: &mut Scenario, action: Action) -> Result<Applied, ActionError> {
    validate(scenario, &action)?;
    let mut touched = Touched::default();
    let inverse = match action {
        Action::MovePractice { practice, to } => {
            let from = scenario.hub_of(practice);
            scenario.set_assignment(practice, to);
            touched.groups.extend([from, to]);
            Action::MovePractice { practice, to: from }
        }
        Action::CreateHub { id, hub, members } => {
            scenario.insert_hub(id, hub);
            touched.groups.insert(Some(id));
            let mut restore = Vec::with_capacity(members.len() + 1);
            restore.push(Action::DeleteHub { id });
            for practice in members {
                let from = scenario.hub_of(practice);
                if from == Some(id) {
                    continue; // Listed twice.
                }
                scenario.set_assignment(practice, Some(id));
                touched.groups.insert(from);
                restore.push(Action::MovePractice { practice, to: from });
            }
            if restore.len() == 1 {
                restore.remove(0)
            } else {
                Action::Batch(restore)
            }
        }
        Action::DeleteHub { id } => {
            let members: Vec<PracticeId> = scenario.members(id).collect();
            for practice in &members {
                scenario.set_assignment(*practice, None);
            }
            let hub = scenario
                .remove_hub(id)
                .ok_or(ActionError::UnknownHub(id.0))?;
            touched.groups.extend([Some(id), None]);
            let create = Action::CreateHub { id, hub, members };
            with_restore(create, staff_actions::take_hub_staff(scenario, id))
        }
        Action::RenameHub { id, name } => {
            let hub = scenario.hub_mut(id).ok_or(ActionError::UnknownHub(id.0))?;
            let old = std::mem::replace(&mut hub.name, name);
            touched.groups.insert(Some(id));
            Action::RenameHub { id, name: old }
        }
        Action::MergeHubs { into, from } => {
            let members: Vec<PracticeId> = scenario.members(from).collect();
            for practice in &members {
                scenario.set_assignment(*practice, Some(into));
            }
            let hub = scenario
                .remove_hub(from)
                .ok_or(ActionError::UnknownHub(from.0))?;
            touched.groups.extend([Some(into), Some(from)]);
            let restore = staff_actions::join_hub_staff(scenario, into, from);
            let create = Action::CreateHub {
                id: from,
                hub,
                members,
            };
            with_restore(create, restore)
        }
        Action::SetRuleYear(year) => {
            let old = std::mem::replace(&mut scenario.rule_year, year);
            touched.everything = true;
            Action::SetRuleYear(old)
        }
        Action::SetRate {
            year,
            line,
            base,
            rate,
        } => {
            let previous = scenario
                .rule_edits_mut()
                .put_override(year, (line.clone(), base), rate);
            touched.everything = true;
            Action::SetRate {
                year,
                line,
                base,
                rate: previous,
            }
        }
        Action::PutLocalLine { year, id, line } => {
            let previous = scenario
                .rule_edits_mut()
                .put_local_line(year, id.clone(), line);
            touched.everything = true;
            Action::PutLocalLine {
                year,
                id,
                line: previous,
            }
        }
        Action::PutRuleSet { year, set } => {
            touched.everything = year == scenario.rule_year;
            let previous = scenario.put_rule_set(year, set);
            Action::PutRuleSet {
                year,
                set: previous,
            }
        }
        Action::SetAdjusted { entries } => {
            let mut restore = Vec::with_capacity(entries.len());
            for (practice, value) in entries.into_iter().rev() {
                touched.groups.insert(scenario.hub_of(practice));
                restore.push((practice, scenario.put_adjusted_entry(practice, value)));
            }
            Action::SetAdjusted { entries: restore }
        }
        action @ (Action::SetStaffRows { .. }
        | Action::SetPayArea { .. }
        | Action::SetRoleMaximum { .. }) => staff_actions::apply(scenario, action, &mut touched),
        Action::SetConstraints(constraints) => {
            Action::SetConstraints(Box::new(scenario.put_constraints(*constraints)))
        }
        Action::SetWorkshopId(id) => Action::SetWorkshopId(scenario.put_workshop_id(id)),
        Action::SetTitle(text) => Action::SetTitle(std::mem::replace(&mut scenario.title, text)),
        Action::SetNotes(text) => Action::SetNotes(std::mem::replace(&mut scenario.notes, text)),
        Action::SetReason { practice, reason } => {
            let reason = reason.filter(|text| !text.trim().is_empty());
            Action::SetReason {
                practice,
                reason: scenario.put_reason(practice, reason),
            }
        }
        Action::SaveSnapshot { name } => {
            let previous = scenario.put_snapshot(name.clone(), Some(scenario.current_option()));
            Action::PutSnapshot {
                name,
                snapshot: previous.map(Box::new),
            }
        }
        Action::DeleteSnapshot { name } => {
            let previous = scenario.put_snapshot(name.clone(), None);
            Action::PutSnapshot {
                name,
                snapshot: previous.map(Box::new),
            }
        }
        Action::PutSnapshot { name, snapshot } => {
            let previous = scenario.put_snapshot(name.clone(), snapshot.map(|s| *s));
            Action::PutSnapshot {
                name,
                snapshot: previous.map(Box::new),
            }
        }
        Action::RestoreSnapshot { name } => {
            let snapshot = scenario
                .snapshot(&name)
                .cloned()
                .ok_or(ActionError::UnknownSnapshot(name))?;
            touched.everything = true;
            Action::ReplaceOption(Box::new(scenario.replace_option(snapshot)))
        }
        Action::ReplaceOption(snapshot) => {
            touched.everything = true;
            Action::ReplaceOption(Box::new(scenario.replace_option(*snapshot)))
        }
        Action::Batch(actions) => {
            let mut inverses = Vec::with_capacity(actions.len());
            for action in actions {
                match apply(scenario, action) {
                    Ok(applied) => {
                        touched.merge(applied.touched);
                        inverses.push(applied.inverse);
                    }
                    Err(error) => {
                        // Roll back what this batch already did, newest first.
                        for inverse in inverses.into_iter().rev() {
                            let _ = apply(scenario, inverse);
                        }
                        return Err(error);
                    }
                }
            }
            inverses.reverse();
            Action::Batch(inverses)
        }
    };
    Ok(Applied { inverse, touched })
}

/// The inverse of removing a hub: recreate it, then (if any) put its staff back.
fn with_restore(create: Action, restore: Vec<Action>) -> Action {
    if restore.is_empty() {
        create
    } else {
        let mut actions = vec![create];
        actions.extend(restore);
        Action::Batch(actions)
    }
}

/// The action that moves `practice` to `to` by hand (a drag, the map's picker, the move
/// prompt): with the practices it moves together with ([`super::Constraints::group_of`]) that
/// sit in its hub, as one step; alone when it is in no group. `Err` with a sentence when a
/// lock refuses it or one of its group.
pub fn hand_move(
    scenario: &Scenario,
    practice: PracticeId,
    to: Option<HubId>,
) -> Result<Action, String> {
    let from = scenario.hub_of(practice);
    let mut moving = vec![practice];
    if let Some(group) = scenario.constraints().group_of(practice) {
        moving.extend(
            group
                .iter()
                .copied()
                .filter(|p| *p != practice && scenario.hub_of(*p) == from),
        );
    }
    for each in &moving {
        if let Some(reason) = scenario.lock_refuses(*each, to) {
            return Err(if *each == practice {
                reason
            } else {
                format!("it moves together with another practice: {reason}")
            });
        }
    }
    let mut moves: Vec<Action> = moving
        .into_iter()
        .map(|practice| Action::MovePractice { practice, to })
        .collect();
    Ok(if moves.len() == 1 {
        moves.remove(0)
    } else {
        Action::Batch(moves)
    })
}

/// A label for the undo menu, e.g. `Move Meadows Surgery to Burgess Hill PCN`, written before the
/// action is applied.
pub fn describe(scenario: &Scenario, action: &Action) -> String {
    let hub_name = |id: &HubId| {
        scenario.hub(*id).map_or_else(
            || format!("hub {}", id.0),
            |hub| super::practice::title_case(&hub.name),
        )
    };
    match action {
        Action::MovePractice { practice, to } => {
            let name = scenario
                .region()
                .practice(*practice)
                .map_or_else(|| format!("practice {}", practice.0), |p| p.display_name());
            match to {
                Some(hub) => format!("Move {name} to {}", hub_name(hub)),
                None => format!("Make {name} unassigned"),
            }
        }
        Action::CreateHub { hub, members, .. } => {
            if members.is_empty() {
                format!("Create hub {}", hub.name)
            } else {
                format!("Restore hub {}", hub.name)
            }
        }
        Action::DeleteHub { id } => format!("Delete hub {}", hub_name(id)),
        Action::RenameHub { id, name } => format!("Rename {} to {name}", hub_name(id)),
        Action::MergeHubs { into, from } => {
            format!("Merge {} into {}", hub_name(from), hub_name(into))
        }
        Action::SetRuleYear(year) => format!("Use {year} rules"),
        Action::SetRate { .. } | Action::PutLocalLine { .. } => {
            rate_actions::describe(scenario, action)
        }
        Action::PutRuleSet { .. } | Action::SetAdjusted { .. } => {
            data_actions::describe(scenario, action)
        }
        Action::SetStaffRows { .. } | Action::SetPayArea { .. } | Action::SetRoleMaximum { .. } => {
            staff_actions::describe(scenario, action)
        }
        Action::SetConstraints(_) => "Change locks and groups".to_string(),
        Action::SetWorkshopId(Some(_)) => "Start a workshop".to_string(),
        Action::SetWorkshopId(None) => "Leave the workshop".to_string(),
        Action::SetTitle(_) => "Edit title".to_string(),
        Action::SetNotes(_) => "Edit notes".to_string(),
        Action::SetReason { practice, reason } => {
            let name = scenario
                .region()
                .practice(*practice)
                .map_or_else(|| format!("practice {}", practice.0), |p| p.display_name());
            match reason {
                Some(_) => format!("Set reason for {name}"),
                None => format!("Clear reason for {name}"),
            }
        }
        Action::SaveSnapshot { name } => format!("Save snapshot {name}"),
        Action::DeleteSnapshot { name } => format!("Delete snapshot {name}"),
        Action::PutSnapshot { name, snapshot } => match snapshot {
            Some(_) => format!("Restore snapshot {name}"),
            None => format!("Remove snapshot {name}"),
        },
        Action::RestoreSnapshot { name } => format!("Switch to snapshot {name}"),
        Action::ReplaceOption(_) => "Switch option".to_string(),
        Action::Batch(actions) => match actions.as_slice() {
            [single] => describe(scenario, single),
            [Action::MovePractice { to, .. }, ..] if same_target(actions, *to) => {
                let names: Vec<String> = actions
                    .iter()
                    .filter_map(|a| match a {
                        Action::MovePractice { practice, .. } => {
                            Some(scenario.region().practice(*practice).map_or_else(
                                || format!("practice {}", practice.0),
                                |p| p.display_name(),
                            ))
                        }
                        _ => None,
                    })
                    .collect();
                let list = match names.as_slice() {
                    [first, second] => format!("{first} and {second}"),
                    [first, rest @ ..] => format!("{first} and {} other practices", rest.len()),
                    [] => String::new(),
                };
                match to {
                    Some(hub) => format!("Move {list} to {}", hub_name(hub)),
                    None => format!("Make {list} unassigned"),
                }
            }
            _ => format!("{} changes", actions.len()),
        },
    }
}

/// Every action of `actions` moves a practice to `to`.
fn same_target(actions: &[Action], to: Option<HubId>) -> bool {
    actions
        .iter()
        .all(|a| matches!(a, Action::MovePractice { to: t, .. } if *t == to))
}
