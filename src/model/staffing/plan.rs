//! A staffing plan: rows of ARRS staff, each employed by a hub's network or by a practice (whose
//! staff travel with it when it moves), the London weighting of hubs, and the user's corrections
//! to role maxima.

use super::roles::{PayArea, catalogue};
use crate::model::hub::HubId;
use crate::model::practice::PracticeId;
use crate::model::quantity::{Fte, Pence};
use crate::model::rules::RuleYear;
use std::collections::BTreeMap;

/// Most rows one employer may hold; keeps files and the screen sane.
pub const MAX_ROWS_PER_EMPLOYER: usize = 200;
/// Largest WTE of one row (a row may stand for several people in one role).
pub const MAX_ROW_WTE: f64 = 100.0;
/// Largest annual cost of one row, pounds.
pub const MAX_ROW_COST_GBP: f64 = 10_000_000.0;

/// Who employs a row's staff.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Employer {
    /// The network (hub) itself: the staff stay with the hub.
    Network(HubId),
    /// A member practice: the staff go wherever the practice goes.
    Practice(PracticeId),
}

/// Staff in one role.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StaffRow {
    /// A role id of the catalogue (`clinical_pharmacist`).
    pub role: String,
    pub wte: Fte,
    /// The actual annual cost (salary, employer's NI and pension); `None` = the role's maximum.
    pub annual_cost: Option<Pence>,
    /// Month of the financial year the staff start: 0 = April (the whole year) … 11 = March.
    pub start_month: u8,
}

/// The month names of a financial year, April first.
pub const MONTHS: [&str; 12] = [
    "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar",
];

/// A corrected role maximum (pounds per WTE per year) with why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MaximumOverride {
    pub per_wte: Pence,
    /// e.g. `ICB letter 14 May 2026` (may be empty).
    pub note: String,
}

/// Which maximum an override replaces.
pub type MaximumKey = (RuleYear, String, PayArea);

/// Everything of a scenario's staffing plan. Empty for a scenario without one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaffPlan {
    /// Rows per employer; an employer without rows has no entry.
    pub rows: BTreeMap<Employer, Vec<StaffRow>>,
    /// Hubs paid with London weighting; a hub outside London has no entry.
    pub pay_areas: BTreeMap<HubId, PayArea>,
    pub maximum_overrides: BTreeMap<MaximumKey, MaximumOverride>,
}

impl StaffPlan {
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.pay_areas.is_empty() && self.maximum_overrides.is_empty()
    }

    /// True when some employer has staff (the screen then shows ARRS headroom).
    pub fn has_staff(&self) -> bool {
        !self.rows.is_empty()
    }

    pub fn rows_of(&self, employer: Employer) -> &[StaffRow] {
        self.rows.get(&employer).map_or(&[], Vec::as_slice)
    }

    pub fn pay_area(&self, hub: HubId) -> PayArea {
        self.pay_areas.get(&hub).copied().unwrap_or_default()
    }

    /// The maximum per WTE that applies: the user's override, else the data's; `None` when the
    /// role is not reimbursable that year. The flag says whether it is a verified figure (an
    /// override counts as verified: the user vouches for it).
    pub fn maximum(&self, year: RuleYear, role: &str, area: PayArea) -> Option<(Pence, bool)> {
        if let Some(edit) = self.maximum_overrides.get(&(year, role.to_string(), area)) {
            return Some((edit.per_wte, true));
        }
        catalogue()
            .maximum(year, role, area)
            .map(|maximum| (maximum.per_wte, maximum.verified))
    }

    /// Puts an employer's rows in place (none removes the entry) and returns the old ones.
    pub(crate) fn replace_rows(
        &mut self,
        employer: Employer,
        rows: Vec<StaffRow>,
    ) -> Vec<StaffRow> {
        let old = if rows.is_empty() {
            self.rows.remove(&employer)
        } else {
            self.rows.insert(employer, rows)
        };
        old.unwrap_or_default()
    }

    pub(crate) fn replace_pay_area(&mut self, hub: HubId, area: PayArea) -> PayArea {
        let old = if area == PayArea::National {
            self.pay_areas.remove(&hub)
        } else {
            self.pay_areas.insert(hub, area)
        };
        old.unwrap_or_default()
    }

    pub(crate) fn replace_override(
        &mut self,
        key: MaximumKey,
        value: Option<MaximumOverride>,
    ) -> Option<MaximumOverride> {
        match value {
            Some(value) => self.maximum_overrides.insert(key, value),
            None => self.maximum_overrides.remove(&key),
        }
    }
}

/// Checks rows as an action or a file gives them: known roles, WTE above 0 and at most 100,
/// costs not negative and not absurd, start months 0–11.
pub fn check_rows(rows: &[StaffRow]) -> Result<(), String> {
    if rows.len() > MAX_ROWS_PER_EMPLOYER {
        return Err(format!(
            "{} staff rows for one employer; at most {MAX_ROWS_PER_EMPLOYER}",
            rows.len()
        ));
    }
    for (index, row) in rows.iter().enumerate() {
        let place = index + 1;
        if catalogue().role(&row.role).is_none() {
            return Err(format!("staff row {place}: unknown role {:?}", row.role));
        }
        if row.wte.0 <= 0 || row.wte.as_f64() > MAX_ROW_WTE {
            return Err(format!(
                "staff row {place}: WTE {} must be above 0 and at most {MAX_ROW_WTE}",
                row.wte
            ));
        }
        if let Some(cost) = row.annual_cost
            && (cost.0 < 0 || cost.as_pounds_f64() > MAX_ROW_COST_GBP)
        {
            return Err(format!(
                "staff row {place}: annual cost must be between £0 and £{MAX_ROW_COST_GBP}"
            ));
        }
        if row.start_month > 11 {
            return Err(format!(
                "staff row {place}: start month {} is not a month of the year (0 = April … 11 = March)",
                row.start_month
            ));
        }
    }
    Ok(())
}
