//! A region: the practices of one area plus their baseline hubs (today's PCNs).

use super::practice::{Practice, PracticeId};
use std::collections::{BTreeMap, HashMap};

/// Why a set of practices cannot form a region.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RegionError {
    #[error("practice code {code} appears more than once")]
    DuplicatePractice { code: String },
    #[error("practice {practice} is in baseline hub {hub}, which has no name in the region")]
    UnknownBaselineHub { practice: String, hub: String },
    #[error("the region holds {count} practices; at most {max} are supported")]
    TooManyPractices { count: usize, max: usize },
}

/// At most this many practices in one region (England has about 6,500).
pub const MAX_PRACTICES: usize = 100_000;

/// The fixed data of an area: practices (in a stable order) and the hubs they are in today.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// For people, e.g. `NHS Sussex ICB - 70F` or `Riverford (fictional)`.
    pub name: String,
    /// Sub-ICB code(s) of the area, e.g. `70F`; empty for a mixed area such as all England.
    pub code: String,
    /// When the list sizes were taken, e.g. `2023-03-31`.
    pub snapshot_date: String,
    /// The date of the earlier registrations extract whose lists the practices' `earlier_registered`
    /// hold (ISO, e.g. `2021-01-01`); empty with none. Growth runs from it to `snapshot_date`.
    pub earlier_list_date: String,
    /// Where the data came from (file name or publication), for reports.
    pub source: String,
    practices: Vec<Practice>,
    /// Baseline hub code → name (e.g. `U06871` → `BURGESS HILL & VILLAGES PCN`).
    baseline_hubs: BTreeMap<String, String>,
    by_code: HashMap<String, PracticeId>,
}

impl Region {
    /// Builds a region, checking codes are unique and every baseline hub is named.
    pub fn new(
        name: impl Into<String>,
        practices: Vec<Practice>,
        baseline_hubs: BTreeMap<String, String>,
    ) -> Result<Self, RegionError> {
        if practices.len() > MAX_PRACTICES {
            return Err(RegionError::TooManyPractices {
                count: practices.len(),
                max: MAX_PRACTICES,
            });
        }
        let mut by_code = HashMap::with_capacity(practices.len());
        for (index, practice) in practices.iter().enumerate() {
            if by_code
                .insert(practice.code.clone(), PracticeId(index as u32))
                .is_some()
            {
                return Err(RegionError::DuplicatePractice {
                    code: practice.code.clone(),
                });
            }
            if let Some(hub) = &practice.baseline_hub
                && !baseline_hubs.contains_key(hub)
            {
                return Err(RegionError::UnknownBaselineHub {
                    practice: practice.code.clone(),
                    hub: hub.clone(),
                });
            }
        }
        Ok(Self {
            name: name.into(),
            code: String::new(),
            snapshot_date: String::new(),
            earlier_list_date: String::new(),
            source: String::new(),
            practices,
            baseline_hubs,
            by_code,
        })
    }

    /// A region with no practices (nothing loaded).
    pub fn empty(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            code: String::new(),
            snapshot_date: String::new(),
            earlier_list_date: String::new(),
            source: String::new(),
            practices: Vec::new(),
            baseline_hubs: BTreeMap::new(),
            by_code: HashMap::new(),
        }
    }

    /// Years between the earlier and the current extract, when the region has lists at two
    /// dates (see `model::growth`).
    pub fn list_years(&self) -> Option<f64> {
        if self.earlier_list_date.is_empty() {
            return None;
        }
        super::dates::years_between(&self.earlier_list_date, &self.snapshot_date)
    }

    pub fn practices(&self) -> &[Practice] {
        &self.practices
    }

    pub fn practice(&self, id: PracticeId) -> Option<&Practice> {
        self.practices.get(id.index())
    }

    pub fn practice_ids(&self) -> impl ExactSizeIterator<Item = PracticeId> + '_ {
        (0..self.practices.len() as u32).map(PracticeId)
    }

    pub fn len(&self) -> usize {
        self.practices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.practices.is_empty()
    }

    pub fn id_of(&self, code: &str) -> Option<PracticeId> {
        self.by_code.get(code).copied()
    }

    /// Baseline hub code → name, sorted by code.
    pub fn baseline_hubs(&self) -> &BTreeMap<String, String> {
        &self.baseline_hubs
    }
}
