//! One GP practice: fixed data of a region.

use super::provenance::Provenance;
use super::quantity::{Beds, Fte, Patients};
use serde::{Deserialize, Serialize};

/// Index of a practice in its region (stable for the life of the region).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PracticeId(pub u32);

impl PracticeId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// The box that holds the United Kingdom with its islands (Scilly, Shetland, Channel Islands):
/// coordinates outside it are a data error (e.g. swapped or zeroed columns).
pub const UK_LAT_RANGE: (f64, f64) = (49.0, 61.0);
pub const UK_LON_RANGE: (f64, f64) = (-8.7, 2.0);

impl LatLon {
    pub fn is_in_uk(self) -> bool {
        (UK_LAT_RANGE.0..=UK_LAT_RANGE.1).contains(&self.lat)
            && (UK_LON_RANGE.0..=UK_LON_RANGE.1).contains(&self.lon)
    }
}

/// One GP practice as published.
#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    /// ODS code, e.g. `H82003`; unique in a region.
    pub code: String,
    pub name: String,
    pub postcode: String,
    pub location: Option<LatLon>,
    /// Registered list (headcount); often fractional in the payments data.
    pub registered_patients: Patients,
    /// The registered list at the region's earlier extract date (`Region::earlier_list_date`),
    /// for list growth; `None` with one extract, or for a practice not in the earlier one.
    pub earlier_registered: Option<Patients>,
    /// Global-sum (Carr-Hill) weighted list; `None` where the source has none.
    pub weighted_patients: Option<Patients>,
    /// The DES "adjusted population"; `None` means "use the weighted list" (see DOMAIN.md).
    pub adjusted_patients: Option<Patients>,
    pub gp_fte: Option<Fte>,
    pub nurse_fte: Option<Fte>,
    /// CQC-registered care-home beds aligned to the practice, for the care home premium.
    pub care_home_beds: Option<Beds>,
    /// The hub (PCN code) the practice is in today, from the data.
    pub baseline_hub: Option<String>,
    pub sub_icb_code: String,
    pub rurality: String,
    /// Where each figure came from, where it differs from the region's source.
    pub provenance: Provenance,
}

impl Practice {
    /// A practice with only the required fields; the rest empty.
    pub fn new(code: impl Into<String>, name: impl Into<String>, registered: Patients) -> Self {
        Self {
            code: code.into(),
            name: name.into(),
            postcode: String::new(),
            location: None,
            registered_patients: registered,
            earlier_registered: None,
            weighted_patients: None,
            adjusted_patients: None,
            gp_fte: None,
            nurse_fte: None,
            care_home_beds: None,
            baseline_hub: None,
            sub_icb_code: String::new(),
            rurality: String::new(),
            provenance: Provenance::default(),
        }
    }

    /// Weighted list, or the registered list where the data has no weighted figure.
    pub fn weighted_or_registered(&self) -> Patients {
        self.weighted_patients.unwrap_or(self.registered_patients)
    }

    /// Adjusted population as the DES uses it: supplied, else the weighted list.
    pub fn adjusted_or_weighted(&self) -> Patients {
        self.adjusted_patients
            .unwrap_or_else(|| self.weighted_or_registered())
    }

    /// `Meadows Surgery` from `MEADOWS SURGERY`: NHS names are published in capitals.
    pub fn display_name(&self) -> String {
        title_case(&self.name)
    }
}

pub use super::format::title_case;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_box() {
        assert!(
            LatLon {
                lat: 50.96,
                lon: -0.15
            }
            .is_in_uk()
        );
        assert!(
            LatLon {
                lat: 49.91,
                lon: -6.31
            }
            .is_in_uk()
        ); // Isles of Scilly
        assert!(!LatLon { lat: 0.0, lon: 0.0 }.is_in_uk());
        assert!(
            !LatLon {
                lat: -0.15,
                lon: 50.96
            }
            .is_in_uk()
        );
    }
}
