//! A region built from monthly NHS files given together (registrations, practice→PCN map,
//! epraccur, in any combination), with what they lack taken from the bundled reference.
//!
//! Lists come from the registrations extract (else the reference); PCNs from the map (else the
//! reference); names from the map, epraccur or the reference; closed practices (epraccur) are
//! left out; locations, FTE and rurality come from the reference by practice code; a weighted
//! list is estimated from the practice's 2022/23 weighted/registered ratio. Every value records
//! its source (`Practice::provenance`).

use super::monthly_files::{
    EpraccurRow, MapRow, MonthlyKind, PcnMap, Registrations, monthly_kind, read_epraccur,
    read_pcn_map, read_registrations,
};
use super::reference::{REFERENCE_YEAR, Reference, reference};
use crate::io::error::{LoadError, Problem};
use crate::io::practice_csv::PracticeData;
use crate::model::{Patients, Practice, Region, Source};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The monthly files of one import, each read.
#[derive(Debug, Default)]
pub struct MonthlyFiles {
    /// The newest registrations extract: the lists and, with it, the practices of the region.
    pub registrations: Option<(String, Registrations)>,
    /// An older registrations extract given too: each practice's list then, for growth.
    pub earlier_registrations: Option<(String, Registrations)>,
    pub map: Option<(String, PcnMap)>,
    pub epraccur: Option<(String, Vec<EpraccurRow>)>,
}

impl MonthlyFiles {
    /// Reads each `(file name, bytes)` by the kind its first line shows; a file of another kind,
    /// or a kind given twice, is refused, except registrations extracts of two dates (the newer
    /// gives the lists, the older the growth since).
    pub fn read<B: AsRef<[u8]>>(files: &[(String, B)]) -> Result<Self, LoadError> {
        let mut read = Self::default();
        for (file, bytes) in files {
            let bytes = bytes.as_ref();
            let Some(kind) = monthly_kind(bytes) else {
                return Err(LoadError::new(
                    file,
                    Problem::at_line(
                        1,
                        "is not a monthly NHS file (registrations, practice to PCN map or \
                         epraccur); several files can be given together only of these kinds",
                    ),
                ));
            };
            let taken = match kind {
                MonthlyKind::Registrations => read.earlier_registrations.is_some(),
                MonthlyKind::PcnMap => read.map.is_some(),
                MonthlyKind::Epraccur => read.epraccur.is_some(),
            };
            if taken {
                return Err(LoadError::new(
                    file,
                    Problem::new(format!(
                        "a second {} file; give one of each kind",
                        kind.label()
                    )),
                ));
            }
            match kind {
                MonthlyKind::Registrations => {
                    let extract = read_registrations(file, bytes)?;
                    read.add_registrations(file, extract)?;
                }
                MonthlyKind::PcnMap => read.map = Some((file.clone(), read_pcn_map(file, bytes)?)),
                MonthlyKind::Epraccur => {
                    read.epraccur = Some((file.clone(), read_epraccur(file, bytes)?));
                }
            }
        }
        Ok(read)
    }

    /// Keeps a registrations extract: the first as the lists, a second by its date (the older one
    /// for growth); two of the same date are refused.
    fn add_registrations(&mut self, file: &str, extract: Registrations) -> Result<(), LoadError> {
        let Some((first_file, first)) = self.registrations.take() else {
            self.registrations = Some((file.to_string(), extract));
            return Ok(());
        };
        let dated = |date: &str| crate::model::dates::iso_day_number(date).is_some();
        if !dated(&first.extract_date) || !dated(&extract.extract_date) {
            return Err(LoadError::new(
                file,
                Problem::in_field(
                    "EXTRACT_DATE",
                    "two registrations files are compared by their extract dates, and this one \
                     or the other has none",
                ),
            ));
        }
        let (newer, older) = match extract.extract_date.cmp(&first.extract_date) {
            std::cmp::Ordering::Greater => ((file.to_string(), extract), (first_file, first)),
            std::cmp::Ordering::Less => ((first_file, first), (file.to_string(), extract)),
            std::cmp::Ordering::Equal => {
                return Err(LoadError::new(
                    file,
                    Problem::in_field(
                        "EXTRACT_DATE",
                        format!(
                            "{first_file} is a registrations extract of the same date ({}); give \
                             extracts of two dates to see growth",
                            extract.extract_date
                        ),
                    ),
                ));
            }
        };
        self.registrations = Some(newer);
        self.earlier_registrations = Some(older);
        Ok(())
    }

    fn first_file(&self) -> String {
        self.registrations
            .as_ref()
            .map(|(file, _)| file)
            .or(self.map.as_ref().map(|(file, _)| file))
            .or(self.epraccur.as_ref().map(|(file, _)| file))
            .cloned()
            .unwrap_or_default()
    }

    /// Area code → practices listed for it, by the file that decides membership.
    fn areas(&self) -> BTreeMap<String, Vec<String>> {
        let mut areas: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if let Some((_, registrations)) = &self.registrations {
            for row in &registrations.rows {
                areas
                    .entry(row.area_code.clone())
                    .or_default()
                    .push(row.code.clone());
            }
        } else if let Some((_, map)) = &self.map {
            for row in &map.rows {
                areas
                    .entry(row.ccg_code.clone())
                    .or_default()
                    .push(row.code.clone());
            }
        } else if let Some((_, rows)) = &self.epraccur {
            for row in rows.iter().filter(|row| row.active) {
                areas
                    .entry(row.commissioner.clone())
                    .or_default()
                    .push(row.code.clone());
            }
        }
        areas
    }
}

/// How many areas (sub-ICBs or CCGs) the monthly files given together hold: more than one, and
/// a region must be chosen.
pub fn monthly_area_count<B: AsRef<[u8]>>(files: &[(String, B)]) -> Result<usize, LoadError> {
    Ok(MonthlyFiles::read(files)?.areas().len())
}

/// Reads monthly files given together into the region `region` (a sub-ICB or CCG code); with no
/// `region`, files holding one area are read whole.
pub fn read_monthly<B: AsRef<[u8]>>(
    files: &[(String, B)],
    region: Option<&str>,
) -> Result<PracticeData, LoadError> {
    let read = MonthlyFiles::read(files)?;
    let reference = reference()?;
    let areas = read.areas();
    let file = read.first_file();
    let area = choose_area(&file, &areas, region, reference)?;
    let codes = areas.get(&area).cloned().unwrap_or_default();
    Builder::new(&read, reference).region(&file, &area, &codes)
}

fn choose_area(
    file: &str,
    areas: &BTreeMap<String, Vec<String>>,
    wanted: Option<&str>,
    reference: &Reference,
) -> Result<String, LoadError> {
    let examples = || {
        areas
            .keys()
            .take(5)
            .map(|code| match reference.sub_icb(code) {
                Some(sub_icb) => format!("{code} ({})", sub_icb.name),
                None => code.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted.map(str::trim) {
        Some(code) => areas
            .keys()
            .find(|known| known.eq_ignore_ascii_case(code))
            .cloned()
            .ok_or_else(|| {
                LoadError::new(
                    file,
                    Problem::in_field(
                        "region",
                        format!(
                            "no practices in area {code:?}; the files hold {} areas, e.g. {}",
                            areas.len(),
                            examples()
                        ),
                    ),
                )
            }),
        None if areas.len() == 1 => Ok(areas.keys().next().cloned().unwrap_or_default()),
        None => Err(LoadError::new(
            file,
            Problem::new(format!(
                "these NHS files hold {} areas: choose one with --region CODE, e.g. {}",
                areas.len(),
                examples()
            )),
        )),
    }
}

/// Joins the files' rows by practice code.
struct Builder<'a> {
    registrations: HashMap<&'a str, &'a super::monthly_files::RegistrationRow>,
    registrations_date: Option<&'a str>,
    earlier: HashMap<&'a str, &'a super::monthly_files::RegistrationRow>,
    earlier_date: Option<&'a str>,
    map: HashMap<&'a str, &'a MapRow>,
    map_date: Option<&'a str>,
    epraccur: HashMap<&'a str, &'a EpraccurRow>,
    reference: &'a Reference,
}

impl<'a> Builder<'a> {
    fn new(read: &'a MonthlyFiles, reference: &'a Reference) -> Self {
        let registrations = read.registrations.as_ref().map(|(_, r)| r);
        Self {
            registrations: registrations
                .map(|r| r.rows.iter().map(|row| (row.code.as_str(), row)).collect())
                .unwrap_or_default(),
            registrations_date: registrations.map(|r| r.extract_date.as_str()),
            earlier: read
                .earlier_registrations
                .as_ref()
                .map(|(_, r)| r.rows.iter().map(|row| (row.code.as_str(), row)).collect())
                .unwrap_or_default(),
            earlier_date: read
                .earlier_registrations
                .as_ref()
                .map(|(_, r)| r.extract_date.as_str()),
            map: read
                .map
                .as_ref()
                .map(|(_, map)| {
                    map.rows
                        .iter()
                        .map(|row| (row.code.as_str(), row))
                        .collect()
                })
                .unwrap_or_default(),
            map_date: read.map.as_ref().map(|(_, map)| map.extract_date.as_str()),
            epraccur: read
                .epraccur
                .as_ref()
                .map(|(_, rows)| rows.iter().map(|row| (row.code.as_str(), row)).collect())
                .unwrap_or_default(),
            reference,
        }
    }

    fn region(&self, file: &str, area: &str, codes: &[String]) -> Result<PracticeData, LoadError> {
        let mut warnings = Vec::new();
        let mut practices = Vec::new();
        let mut hubs = BTreeMap::new();
        let mut closed = Vec::new();
        let mut unknown = Vec::new();
        let mut seen = BTreeSet::new();
        for code in codes {
            if !seen.insert(code.as_str()) {
                continue;
            }
            if self
                .epraccur
                .get(code.as_str())
                .is_some_and(|row| !row.active)
            {
                closed.push(code.clone());
                continue;
            }
            match self.practice(code, area) {
                Some((practice, hub)) => {
                    if let Some((hub_code, hub_name)) = hub {
                        hubs.entry(hub_code).or_insert(hub_name);
                    }
                    practices.push(practice);
                }
                None => unknown.push(code.clone()),
            }
        }
        if !closed.is_empty() {
            warnings.push(format!(
                "{} practices left out as closed in epraccur: {}",
                closed.len(),
                closed.join(", ")
            ));
        }
        if !unknown.is_empty() {
            warnings.push(format!(
                "{} practices left out: no registered list (not in the registrations file nor the {REFERENCE_YEAR} reference): {}",
                unknown.len(),
                unknown.join(", ")
            ));
        }
        if practices.is_empty() {
            return Err(LoadError::new(
                file,
                Problem::in_field(
                    "region",
                    format!("no open practices with a list in area {area:?}"),
                ),
            ));
        }
        if let Some(date) = self.earlier_date {
            let new: Vec<&str> = practices
                .iter()
                .filter(|practice| practice.earlier_registered.is_none())
                .map(|practice| practice.code.as_str())
                .collect();
            if !new.is_empty() {
                warnings.push(format!(
                    "{} practices have no list in the {date} extract (opened or re-coded since), \
                     so no growth of their own; their hub's rate is applied to them: {}",
                    new.len(),
                    new.join(", ")
                ));
            }
        }
        let name = self.area_name(area);
        let mut region = Region::new(name, practices, hubs)
            .map_err(|error| LoadError::new(file, Problem::new(error.to_string())))?;
        region.code = area.to_string();
        region.snapshot_date = self
            .registrations_date
            .or(self.map_date)
            .unwrap_or_default()
            .to_string();
        if let Some(date) = self.earlier_date {
            region.earlier_list_date = date.to_string();
        }
        region.source = self.source_text();
        Ok(PracticeData { region, warnings })
    }

    fn area_name(&self, area: &str) -> String {
        if let Some(sub_icb) = self.reference.sub_icb(area) {
            return sub_icb.name.clone();
        }
        self.map
            .values()
            .find(|row| row.ccg_code.eq_ignore_ascii_case(area))
            .map_or_else(|| format!("Area {area}"), |row| row.ccg_name.clone())
    }

    fn source_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(date) = self.registrations_date {
            parts.push(format!("NHS Digital registrations {date}"));
        }
        if let Some(date) = self.earlier_date {
            parts.push(format!("registrations {date} (growth)"));
        }
        if let Some(date) = self.map_date {
            parts.push(format!("practice to PCN map {date}"));
        }
        if !self.epraccur.is_empty() {
            parts.push("epraccur".to_string());
        }
        parts.push(format!("bundled {REFERENCE_YEAR} reference"));
        parts.join(" + ")
    }

    /// One practice and its baseline hub `(code, name)`; `None` when no list is known.
    fn practice(&self, code: &str, area: &str) -> Option<(Practice, Option<(String, String)>)> {
        let known = self.reference.practice(code);
        let registration = self.registrations.get(code);
        let map_row = self.map.get(code);
        let ep_row = self.epraccur.get(code);
        let (registered, registered_source) = match (registration, known) {
            (Some(row), _) => (
                row.registered,
                Source::published(format!(
                    "NHS Digital registrations {}",
                    self.registrations_date.unwrap_or_default()
                )),
            ),
            (None, Some(practice)) => (
                practice.registered_patients,
                Source::published(format!("NHS Payments {REFERENCE_YEAR} (bundled reference)")),
            ),
            (None, None) => return None,
        };
        let name = [
            map_row.map(|r| &r.name),
            ep_row.map(|r| &r.name),
            known.map(|p| &p.name),
        ]
        .into_iter()
        .flatten()
        .find(|name| !name.is_empty())
        .cloned()
        .unwrap_or_else(|| code.to_string());
        let postcode = [
            registration.map(|r| &r.postcode),
            map_row.map(|r| &r.postcode),
            ep_row.map(|r| &r.postcode),
            known.map(|p| &p.postcode),
        ]
        .into_iter()
        .flatten()
        .find(|postcode| !postcode.is_empty())
        .cloned()
        .unwrap_or_default();
        let mut practice = Practice::new(code, name, registered);
        practice.postcode = postcode;
        practice.sub_icb_code = area.to_string();
        practice.provenance.registered = Some(registered_source);
        if registration.is_some() {
            practice.earlier_registered = self.earlier.get(code).map(|row| row.registered);
        }
        let hub = self.hub(map_row.copied(), known);
        if let Some(reference_practice) = known {
            fill_from_reference(&mut practice, reference_practice, registration.is_some());
        } else {
            practice.provenance.location = Some(Source::published(format!(
                "none: the practice is not in the bundled {REFERENCE_YEAR} reference"
            )));
        }
        practice.baseline_hub = hub.as_ref().map(|(code, _)| code.clone());
        Some((practice, hub))
    }

    /// The PCN from the map when one is given (none for `U`), else from the reference.
    fn hub(&self, map_row: Option<&MapRow>, known: Option<&Practice>) -> Option<(String, String)> {
        if !self.map.is_empty() {
            return map_row.and_then(|row| row.pcn.clone());
        }
        let code = known?.baseline_hub.clone()?;
        let name = self.reference.england.baseline_hubs().get(&code)?.clone();
        Some((code, name))
    }
}

/// Location, FTE, rurality and weighted list from the reference practice; with a newer registered
/// list, the weighted list is the new list times the reference's weighted/registered ratio.
fn fill_from_reference(practice: &mut Practice, known: &Practice, newer_list: bool) {
    practice.location = known.location;
    practice.provenance.location = Some(Source::published(match known.location {
        Some(_) => "nhs.uk organisation file, May 2019 (bundled reference)".to_string(),
        None => format!("none: the {REFERENCE_YEAR} reference has no coordinates for it"),
    }));
    practice.gp_fte = known.gp_fte;
    practice.nurse_fte = known.nurse_fte;
    if known.gp_fte.is_some() || known.nurse_fte.is_some() {
        practice.provenance.staff = Some(Source::published(format!(
            "GP Workforce {REFERENCE_YEAR} mean (bundled reference)"
        )));
    }
    practice.rurality = known.rurality.clone();
    practice.adjusted_patients = None;
    let Some(weighted) = known.weighted_patients else {
        return;
    };
    if !newer_list {
        practice.weighted_patients = Some(weighted);
        practice.provenance.weighted = Some(Source::published(format!(
            "NHS Payments {REFERENCE_YEAR} (bundled reference)"
        )));
        return;
    }
    let registered_then = known.registered_patients.hundredths();
    if registered_then <= 0 {
        return;
    }
    let ratio = weighted.hundredths() as f64 / registered_then as f64;
    let estimate = (practice.registered_patients.hundredths() as f64 * ratio).round() as i64;
    practice.weighted_patients = Some(Patients(estimate));
    practice.provenance.weighted = Some(Source::estimated(format!(
        "estimated from the {REFERENCE_YEAR} weighted/registered ratio {ratio:.3}"
    )));
}
