//! A staff list CSV: `hub_code,role,wte,employer,annual_cost_gbp,start_month`, one row per role
//! and employer, read against a scenario into one action that replaces its staff rows.

use super::csv_input::parse_number;
use super::error::{LoadError, Problem};
use super::readers::csv_table::{Row, Table};
use super::scenario_staff::row_from_values;
use crate::model::staffing::{Employer, StaffRow};
use crate::model::{Action, Scenario};
use std::collections::BTreeMap;

/// Every column the reader knows; the first three are required.
pub const STAFF_COLUMNS: [&str; 6] = [
    "hub_code",
    "role",
    "wte",
    "employer",
    "annual_cost_gbp",
    "start_month",
];
const REQUIRED: usize = 3;
/// Most rows a staff list may hold.
pub const MAX_STAFF_ROWS: usize = 50_000;

/// A staff list read against a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffImport {
    /// Replaces every staff row of the scenario (one undo step).
    pub action: Action,
    pub rows: usize,
    pub hubs: usize,
}

/// Reads a staff list. Each problem names the file, line and column; nothing is applied unless
/// every row reads.
pub fn read_staff_csv(
    file: &str,
    bytes: &[u8],
    scenario: &Scenario,
) -> Result<StaffImport, LoadError> {
    let mut table = Table::open(file, bytes, "staff", &STAFF_COLUMNS, &[])?;
    check_columns(file, &table)?;
    let mut rows: BTreeMap<Employer, Vec<StaffRow>> = BTreeMap::new();
    let mut count = 0;
    table.each_row(file, |row| {
        count += 1;
        if count > MAX_STAFF_ROWS {
            return Err(Problem::at_line(
                row.line(),
                format!("more than {MAX_STAFF_ROWS} staff rows"),
            ));
        }
        let (employer, staff) = read_row(scenario, row)?;
        rows.entry(employer).or_default().push(staff);
        Ok(())
    })?;
    if count == 0 {
        return Err(LoadError::new(
            file,
            Problem::new("the file has a header but no staff rows"),
        ));
    }
    let hubs = rows
        .keys()
        .filter_map(|employer| match employer {
            Employer::Network(hub) => Some(*hub),
            Employer::Practice(practice) => scenario.hub_of(*practice),
        })
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    Ok(StaffImport {
        action: replace_all_rows(scenario, rows),
        rows: count,
        hubs,
    })
}

/// Reads a staff list from disk (size-capped) against a scenario.
pub fn open_staff_csv(
    path: &std::path::Path,
    scenario: &Scenario,
) -> Result<StaffImport, LoadError> {
    let bytes = super::read_capped(path, super::csv_input::MAX_CSV_BYTES as u64 + 1)?;
    read_staff_csv(&path.display().to_string(), &bytes, scenario)
}

/// One action that clears every employer's rows and puts the new ones in place.
pub fn replace_all_rows(scenario: &Scenario, rows: BTreeMap<Employer, Vec<StaffRow>>) -> Action {
    let mut actions: Vec<Action> = scenario
        .staff()
        .rows
        .keys()
        .filter(|employer| !rows.contains_key(employer))
        .map(|employer| Action::SetStaffRows {
            employer: *employer,
            rows: Vec::new(),
        })
        .collect();
    actions.extend(
        rows.into_iter()
            .map(|(employer, rows)| Action::SetStaffRows { employer, rows }),
    );
    Action::Batch(actions)
}

/// Each column once, and the required ones present (the message lists the columns).
fn check_columns(file: &str, table: &Table<'_>) -> Result<(), LoadError> {
    if let Some(name) = table.repeated.first() {
        return Err(LoadError::new(
            file,
            Problem::at(1, *name, "this column appears twice in the header"),
        ));
    }
    let missing: Vec<&str> = STAFF_COLUMNS[..REQUIRED]
        .iter()
        .filter(|name| !table.column_of.contains_key(*name))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(LoadError::new(
            file,
            Problem::at_line(
                1,
                format!(
                    "required column missing: {} (a staff list has the columns {})",
                    missing.join(", "),
                    STAFF_COLUMNS.join(",")
                ),
            ),
        ));
    }
    Ok(())
}

fn read_row(scenario: &Scenario, row: &Row<'_>) -> Result<(Employer, StaffRow), Problem> {
    let line = row.line();
    let hub_code = row.code_text("hub_code")?;
    let hub = scenario.hub_by_code(&hub_code).ok_or_else(|| {
        Problem::at(
            line,
            "hub_code",
            format!("there is no hub {hub_code:?} in this scenario"),
        )
    })?;
    let employer_text = row.code_text("employer")?;
    let employer = match employer_text.as_str() {
        "" | "NETWORK" | "PCN" | "HUB" => Employer::Network(hub),
        code => {
            let practice = scenario.region().id_of(code).ok_or_else(|| {
                Problem::at(
                    line,
                    "employer",
                    format!("{code:?} is neither \"network\" nor a practice code of this region"),
                )
            })?;
            if scenario.hub_of(practice) != Some(hub) {
                let now = scenario
                    .hub_of(practice)
                    .and_then(|id| scenario.hub(id))
                    .map_or_else(|| "no hub".to_string(), |hub| format!("hub {}", hub.code));
                return Err(Problem::at(
                    line,
                    "employer",
                    format!("practice {code} is in {now}, not {hub_code}"),
                ));
            }
            Employer::Practice(practice)
        }
    };
    let role = row.text("role")?;
    let wte = parse_number(line, "wte", &row.text("wte")?)?;
    let cost_text = row.text("annual_cost_gbp")?;
    let cost_text = cost_text.trim_start_matches('£').trim();
    let annual_cost = if cost_text.is_empty() {
        None
    } else {
        Some(parse_number(line, "annual_cost_gbp", cost_text)?)
    };
    let start = row.text("start_month")?;
    let row = row_from_values(&role, wte, annual_cost, Some(&start), scenario.rule_year())
        .map_err(|message| {
            let column = if message.starts_with("unknown role") {
                "role"
            } else if message.starts_with("WTE") {
                "wte"
            } else if message.starts_with("annual cost") {
                "annual_cost_gbp"
            } else {
                "start_month"
            };
            Problem::at(line, column, message)
        })?;
    Ok((employer, row))
}
