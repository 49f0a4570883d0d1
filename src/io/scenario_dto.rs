//! The layout of a scenario file (format version 1), as serde structs separate from the model.

pub use super::scenario_pairs::PairList;
use crate::model::{Practice, Provenance, Source};
use serde::{Deserialize, Serialize};

/// The format this version of pcn-explorer writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Reads only `format_version`, so a newer file is refused before its content is interpreted.
#[derive(Debug, Deserialize)]
pub struct VersionProbe {
    #[serde(default)]
    pub format_version: Option<u64>,
}

/// A whole scenario file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioDto {
    pub format_version: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// `2024-25`.
    pub rule_year: String,
    pub region: RegionDto,
    /// Baseline hub (PCN) code → name: the hubs the practices are in today.
    #[serde(default)]
    pub baseline_hubs: PairList,
    pub practices: Vec<PracticeDto>,
    pub hubs: Vec<HubDto>,
    /// Practice code → hub code; practices not listed are unassigned.
    #[serde(default)]
    pub assignments: PairList,
    /// Decision log: practice code → why it is in its hub (at most 200 characters). Optional.
    #[serde(default, skip_serializing_if = "PairList::is_empty")]
    pub reasons: PairList,
    /// Named copies of options ("Option A", …). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snapshots: Vec<SnapshotDto>,
    /// Rates the user corrected, per year. Optional (older files have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rate_edits: Vec<super::scenario_rates::RateEditDto>,
    /// Lines the user added to a year (local variations). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_lines: Vec<super::scenario_rates::LocalLineDto>,
    /// Rule sets loaded from files, written as a rule file is (so that a file using a year the
    /// app does not know stays self-contained). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule_sets: Vec<crate::model::RuleSet>,
    /// Adjusted populations the user entered, by practice code. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjusted_entries: Vec<super::scenario_data::AdjustedEntryDto>,
    /// The workshop this file belongs to: files of one workshop share it and its start
    /// snapshot, so they can be merged. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop_id: Option<String>,
    /// ARRS staff rows (network or practice employed). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<super::scenario_staff::StaffRowDto>,
    /// Hub code → `outer_london` or `inner_london` (London weighting of ARRS maxima). Optional.
    #[serde(default, skip_serializing_if = "PairList::is_empty")]
    pub pay_areas: PairList,
    /// Role maxima the user corrected. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_maxima: Vec<super::scenario_staff::RoleMaximumDto>,
    /// Practices Suggest keeps in their hub (and that cannot be dragged), by code. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked_practices: Vec<String>,
    /// Hubs that keep exactly their practices, by code. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked_hubs: Vec<String>,
    /// Practices that move together (partnerships, shared buildings), by code. Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Vec<String>>,
    /// Hubs with a band of their own (e.g. a rural waiver). Optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hub_bands: Vec<super::scenario_constraints::HubBandDto>,
}

/// One snapshot: its hubs, assignment and reasons, written like the scenario's own.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotDto {
    pub name: String,
    #[serde(default)]
    pub hubs: Vec<HubDto>,
    /// Practice code → hub code (a hub of this snapshot).
    #[serde(default)]
    pub assignments: PairList,
    #[serde(default, skip_serializing_if = "PairList::is_empty")]
    pub reasons: PairList,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionDto {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub snapshot_date: String,
    /// The earlier registrations extract's date, when practices carry `earlier_registered`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub earlier_list_date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// One practice, written on one line. Counts are plain decimals (patients may be fractional).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeDto {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postcode: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    pub registered_patients: f64,
    /// The list at the region's `earlier_list_date` (list growth). Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_registered: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted_patients: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjusted_patients: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gp_fte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nurse_fte: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_home_beds: Option<f64>,
    /// The PCN the practice is in today (a key of `baseline_hubs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_hub: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sub_icb: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rurality: String,
    /// Where the figures came from, where they differ from the region's source. Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<SourcesDto>,
}

/// The sources of one practice's figures (see `model::Provenance`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcesDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered: Option<SourceDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighted: Option<SourceDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<SourceDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<SourceDto>,
}

/// One figure's source; `estimated` only written when true.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDto {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub estimated: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl SourcesDto {
    fn from_model(provenance: &Provenance) -> Option<Self> {
        let one = |source: &Option<Source>| {
            source.as_ref().map(|source| SourceDto {
                text: source.text.clone(),
                estimated: source.estimated,
            })
        };
        (!provenance.is_empty()).then(|| Self {
            registered: one(&provenance.registered),
            weighted: one(&provenance.weighted),
            staff: one(&provenance.staff),
            location: one(&provenance.location),
        })
    }

    /// The model's provenance (texts are checked by the validator).
    pub fn to_model(&self) -> Provenance {
        let one = |source: &Option<SourceDto>| {
            source.as_ref().map(|source| Source {
                text: source.text.clone(),
                estimated: source.estimated,
            })
        };
        Provenance {
            registered: one(&self.registered),
            weighted: one(&self.weighted),
            staff: one(&self.staff),
            location: one(&self.location),
        }
    }
}

impl From<&Practice> for PracticeDto {
    fn from(practice: &Practice) -> Self {
        Self {
            code: practice.code.clone(),
            name: practice.name.clone(),
            postcode: practice.postcode.clone(),
            lat: practice.location.map(|location| location.lat),
            lon: practice.location.map(|location| location.lon),
            registered_patients: practice.registered_patients.as_f64(),
            earlier_registered: practice.earlier_registered.map(|value| value.as_f64()),
            weighted_patients: practice.weighted_patients.map(|value| value.as_f64()),
            adjusted_patients: practice.adjusted_patients.map(|value| value.as_f64()),
            gp_fte: practice.gp_fte.map(|value| value.as_f64()),
            nurse_fte: practice.nurse_fte.map(|value| value.as_f64()),
            care_home_beds: practice.care_home_beds.map(|value| value.as_f64()),
            baseline_hub: practice.baseline_hub.clone(),
            sub_icb: practice.sub_icb_code.clone(),
            rurality: practice.rurality.clone(),
            sources: SourcesDto::from_model(&practice.provenance),
        }
    }
}

/// One hub. `id` keeps the hub's identity across save and load; `colour` indexes the palette.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub colour: u16,
}
