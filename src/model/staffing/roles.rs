//! The ARRS roles and their maximum reimbursable amounts per WTE and year, as data
//! (`assets/arrs/roles.ron`, embedded), with the London weightings.

use crate::model::quantity::Pence;
use crate::model::rules::RuleYear;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Which of the three staff groups a role counts in (for staff per 10,000 patients).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum RoleGroup {
    Gp,
    Nurse,
    AdditionalRole,
}

impl RoleGroup {
    pub fn label(self) -> &'static str {
        match self {
            RoleGroup::Gp => "GPs",
            RoleGroup::Nurse => "Nurses",
            RoleGroup::AdditionalRole => "Other additional roles",
        }
    }
}

/// Where a hub's staff are paid: London weighting raises the maxima.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum PayArea {
    #[default]
    National,
    OuterLondon,
    InnerLondon,
}

impl PayArea {
    pub const ALL: [PayArea; 3] = [
        PayArea::National,
        PayArea::OuterLondon,
        PayArea::InnerLondon,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PayArea::National => "Outside London",
            PayArea::OuterLondon => "Outer London",
            PayArea::InnerLondon => "Inner London",
        }
    }

    /// The name used in files (`national`, `outer_london`, `inner_london`).
    pub fn id(self) -> &'static str {
        match self {
            PayArea::National => "national",
            PayArea::OuterLondon => "outer_london",
            PayArea::InnerLondon => "inner_london",
        }
    }

    pub fn from_id(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|area| area.id().eq_ignore_ascii_case(text.trim()))
    }
}

/// One ARRS role.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Role {
    /// Stable id used in files (`clinical_pharmacist`).
    pub id: String,
    /// As the NHS spells it (`Clinical pharmacist`).
    pub name: String,
    /// Agenda for Change band, e.g. `7-8a` (`-` for GPs).
    pub band: String,
    pub group: RoleGroup,
    /// Other spellings accepted on import (lower case).
    pub aliases: Vec<String>,
}

/// A role's maximum for one year, outside London, with London figures where the source gives them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RoleMaximum {
    pub role: String,
    /// Pounds per WTE per year, including employer's NI and pension.
    pub gbp: u32,
    #[serde(default)]
    pub outer_london_gbp: Option<u32>,
    #[serde(default)]
    pub inner_london_gbp: Option<u32>,
    pub verified: bool,
    pub source: String,
}

#[derive(Debug, Deserialize)]
struct YearMaxima {
    year: String,
    maxima: Vec<RoleMaximum>,
}

#[derive(Debug, Deserialize)]
struct CatalogueFile {
    outer_london: f64,
    inner_london: f64,
    roles: Vec<Role>,
    years: Vec<YearMaxima>,
}

/// Every role and every year's maxima.
#[derive(Debug, Default)]
pub struct Catalogue {
    pub roles: Vec<Role>,
    outer_london: f64,
    inner_london: f64,
    maxima: BTreeMap<(RuleYear, String), RoleMaximum>,
}

/// A maximum as it applies: the amount, whether it is verified, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMaximum {
    pub per_wte: Pence,
    pub verified: bool,
    pub source: String,
}

const ROLES_RON: &str = include_str!("../../../assets/arrs/roles.ron");

/// The embedded catalogue (checked by a test; an unreadable file gives an empty catalogue).
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| parse_catalogue(ROLES_RON).unwrap_or_default())
}

/// Parses and checks the catalogue: known roles only, one entry per role and year.
pub fn parse_catalogue(text: &str) -> Result<Catalogue, String> {
    let file: CatalogueFile = ron::from_str(text).map_err(|error| error.to_string())?;
    let mut catalogue = Catalogue {
        roles: file.roles,
        outer_london: file.outer_london,
        inner_london: file.inner_london,
        maxima: BTreeMap::new(),
    };
    for year_maxima in file.years {
        let year = RuleYear::from_label(&year_maxima.year)
            .ok_or_else(|| format!("year {:?} is not a financial year", year_maxima.year))?;
        for maximum in year_maxima.maxima {
            if catalogue.role(&maximum.role).is_none() {
                return Err(format!("{}: unknown role {:?}", year, maximum.role));
            }
            let key = (year, maximum.role.clone());
            if catalogue.maxima.insert(key, maximum).is_some() {
                return Err(format!("{year}: a role is listed twice"));
            }
        }
    }
    Ok(catalogue)
}

impl Catalogue {
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|role| role.id == id)
    }

    /// The role a user's text names: its NHS name, id or an alias, in any case and spacing.
    pub fn find(&self, text: &str) -> Option<&Role> {
        let wanted = normalise(text);
        self.roles.iter().find(|role| {
            normalise(&role.name) == wanted
                || normalise(&role.id) == wanted
                || role.aliases.iter().any(|alias| normalise(alias) == wanted)
        })
    }

    /// The data's maximum of a role in a year and area; `None` when the role is not
    /// reimbursable that year.
    pub fn maximum(&self, year: RuleYear, role: &str, area: PayArea) -> Option<AppliedMaximum> {
        let entry = self.maxima.get(&(year, role.to_string()))?;
        let national = f64::from(entry.gbp);
        let (gbp, verified, note) = match area {
            PayArea::National => (national, entry.verified, ""),
            PayArea::OuterLondon => match entry.outer_london_gbp {
                Some(gbp) => (f64::from(gbp), entry.verified, ""),
                None => (
                    national * self.outer_london,
                    false,
                    " (x outer London weighting)",
                ),
            },
            PayArea::InnerLondon => match entry.inner_london_gbp {
                Some(gbp) => (f64::from(gbp), entry.verified, ""),
                None => (
                    national * self.inner_london,
                    false,
                    " (x inner London weighting)",
                ),
            },
        };
        Some(AppliedMaximum {
            per_wte: Pence::from_pounds_f64(gbp.round()),
            verified,
            source: format!("{}{note}", entry.source),
        })
    }

    /// Roles reimbursable in a year, in catalogue order.
    pub fn roles_of(&self, year: RuleYear) -> impl Iterator<Item = &Role> {
        self.roles
            .iter()
            .filter(move |role| self.maxima.contains_key(&(year, role.id.clone())))
    }
}

fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalogue_reads_and_has_every_year() {
        let catalogue = parse_catalogue(ROLES_RON).expect("roles.ron reads");
        assert!(catalogue.roles.len() >= 20);
        for year in RuleYear::all() {
            assert!(
                catalogue.roles_of(*year).count() >= 15,
                "{year} has a table of maxima"
            );
        }
        let pharmacist = catalogue
            .maximum(RuleYear::Y2025_26, "clinical_pharmacist", PayArea::National)
            .expect("a maximum");
        assert_eq!(pharmacist.per_wte, Pence(6_697_200));
        assert!(pharmacist.verified);
        let inner = catalogue
            .maximum(
                RuleYear::Y2024_25,
                "clinical_pharmacist",
                PayArea::InnerLondon,
            )
            .expect("a maximum");
        assert_eq!(inner.per_wte, Pence(7_631_300));
        assert!(inner.verified);
        assert!(
            catalogue
                .maximum(RuleYear::Y2023_24, "gp", PayArea::National)
                .is_none(),
            "GPs joined ARRS in October 2024"
        );
    }

    #[test]
    fn roles_are_found_as_users_spell_them() {
        let catalogue = catalogue();
        for text in [
            "Care co-ordinator",
            "care coordinator",
            "CARE_CO-ORDINATOR",
            "  care   co-ordinator ",
        ] {
            assert_eq!(
                catalogue.find(text).map(|role| role.id.as_str()),
                Some("care_coordinator"),
                "{text:?}"
            );
        }
        assert!(catalogue.find("Chief vibes officer").is_none());
    }
}
