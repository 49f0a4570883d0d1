//! Hubs (primary care homes / PCNs) and their size band.

use super::quantity::Patients;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identity of a hub inside one scenario (stable across rename, delete + undo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct HubId(pub u32);

/// A group of practices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hub {
    /// Unique code within the scenario: the PCN code (e.g. `U06871`) for baseline hubs,
    /// `NEW1`, `NEW2`, … for hubs created by the user. Scenario files refer to hubs by it.
    pub code: String,
    pub name: String,
    /// Index into the colour-blind-safe palette of the UI theme.
    pub colour: u16,
}

/// Registered list limits of a hub (DOMAIN.md: 30,000–50,000 registered patients).
pub const BAND_MIN_PATIENTS: Patients = Patients(30_000 * 100);
pub const BAND_MAX_PATIENTS: Patients = Patients(50_000 * 100);

/// Where a hub's registered list falls against the 30,000–50,000 band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Band {
    Below,
    Within,
    Above,
}

impl Band {
    /// Below 30,000 is `Below`; 30,000 to 50,000 inclusive is `Within`; over 50,000 is `Above`.
    pub fn of(registered: Patients) -> Self {
        if registered < BAND_MIN_PATIENTS {
            Self::Below
        } else if registered > BAND_MAX_PATIENTS {
            Self::Above
        } else {
            Self::Within
        }
    }

    /// `below`, `within`, `above` (CSV and JSON).
    pub fn id(self) -> &'static str {
        match self {
            Self::Below => "below",
            Self::Within => "within",
            Self::Above => "above",
        }
    }

    /// For people: `below 30k`, `30k–50k`, `above 50k`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Below => "below 30k",
            Self::Within => "30k–50k",
            Self::Above => "above 50k",
        }
    }
}

impl fmt::Display for Band {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_edges_are_inclusive() {
        assert_eq!(Band::of(Patients(2_999_999)), Band::Below);
        assert_eq!(Band::of(Patients(3_000_000)), Band::Within);
        assert_eq!(Band::of(Patients(5_000_000)), Band::Within);
        assert_eq!(Band::of(Patients(5_000_001)), Band::Above);
    }
}
