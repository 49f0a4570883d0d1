//! The bundled England reference: every open GP practice of 2022/23 (6,488), embedded in the
//! binary gzip-compressed and read once, on first use.
//!
//! Source: NHS Digital "NHS Payments to General Practice 2022-23" (lists, PCN, sub-ICB),
//! "General Practice Workforce" (FTE, FY2022/23 mean) and the nhs.uk organisation file (May
//! 2019, coordinates); Open Government Licence v3.0. See `tests/data/README.md`.

use crate::io::error::{LoadError, Problem};
use crate::io::practice_csv::read_practice_csv;
use crate::model::{Practice, Region};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::sync::OnceLock;

/// `england_practices.csv`, gzip (made by `tools/make_england_assets.sh`).
const ENGLAND_GZ: &[u8] = include_bytes!("../../../assets/england/england_practices.csv.gz");
/// `sub_icb_code,ccg_code,ccg_name`: the former CCG names of each sub-ICB's practices, from the
/// NHS Digital practice→PCN map of January 2022.
const FORMER_NAMES_CSV: &str = include_str!("../../../assets/england/former_ccg_names.csv");
/// How the bundled data is named in messages and in a region's source.
pub const REFERENCE_FILE: &str = "bundled England reference (2022/23)";
/// The reference's year, as provenance texts say it.
pub const REFERENCE_YEAR: &str = "2022/23";
/// The attribution the licence asks for (README, About box).
pub const ATTRIBUTION: &str = "Contains public sector information licensed under the Open \
    Government Licence v3.0: NHS England / NHS Digital \"NHS Payments to General Practice \
    2022-23\", \"General Practice Workforce\", \"Patients Registered at a GP Practice\", the \
    practice to PCN map and the nhs.uk organisation data file.";

/// One sub-ICB location of the reference.
#[derive(Debug, Clone, PartialEq)]
pub struct SubIcb {
    /// e.g. `70F`.
    pub code: String,
    /// e.g. `NHS SUSSEX ICB - 70F`.
    pub name: String,
    pub practices: usize,
    pub pcns: usize,
    /// Names people still use: the former CCG names, e.g. `NHS West Sussex CCG`.
    pub former_names: Vec<String>,
}

/// All of England, read from the bundled file.
#[derive(Debug)]
pub struct Reference {
    pub england: Region,
    /// By code.
    pub sub_icbs: Vec<SubIcb>,
    by_code: HashMap<String, usize>,
}

impl Reference {
    /// The reference practice with this ODS code.
    pub fn practice(&self, code: &str) -> Option<&Practice> {
        self.by_code
            .get(code)
            .and_then(|index| self.england.practices().get(*index))
    }

    /// The sub-ICB with this code (ignoring case).
    pub fn sub_icb(&self, code: &str) -> Option<&SubIcb> {
        let code = code.trim();
        self.sub_icbs
            .iter()
            .find(|sub_icb| sub_icb.code.eq_ignore_ascii_case(code))
    }

    /// The practices of one sub-ICB as a region, with today's (2022/23) PCNs as its baseline.
    pub fn region(&self, code: &str) -> Result<Region, LoadError> {
        let Some(sub_icb) = self.sub_icb(code) else {
            return Err(unknown_region(code, &self.sub_icbs));
        };
        let practices: Vec<Practice> = self
            .england
            .practices()
            .iter()
            .filter(|practice| practice.sub_icb_code == sub_icb.code)
            .cloned()
            .collect();
        let hubs: BTreeMap<String, String> = practices
            .iter()
            .filter_map(|practice| practice.baseline_hub.as_ref())
            .filter_map(|hub| {
                let name = self.england.baseline_hubs().get(hub)?;
                Some((hub.clone(), name.clone()))
            })
            .collect();
        let mut region = Region::new(sub_icb.name.clone(), practices, hubs)
            .map_err(|error| LoadError::new(REFERENCE_FILE, Problem::new(error.to_string())))?;
        region.code = sub_icb.code.clone();
        region.snapshot_date = self.england.snapshot_date.clone();
        region.source = REFERENCE_FILE.to_string();
        Ok(region)
    }
}

/// The reference, read on first use (about 20 ms) and kept for the life of the program.
pub fn reference() -> Result<&'static Reference, LoadError> {
    static REFERENCE: OnceLock<Result<Reference, LoadError>> = OnceLock::new();
    REFERENCE
        .get_or_init(read_reference)
        .as_ref()
        .map_err(Clone::clone)
}

/// The bundled practices of one sub-ICB, e.g. `70F`.
pub fn bundled_region(code: &str) -> Result<Region, LoadError> {
    reference()?.region(code)
}

fn read_reference() -> Result<Reference, LoadError> {
    let mut csv_bytes = Vec::with_capacity(ENGLAND_GZ.len() * 5);
    flate2::read::GzDecoder::new(ENGLAND_GZ)
        .read_to_end(&mut csv_bytes)
        .map_err(|error| {
            LoadError::new(
                REFERENCE_FILE,
                Problem::new(format!("cannot be unpacked: {error}")),
            )
        })?;
    let england = read_practice_csv(REFERENCE_FILE, &csv_bytes)?.region;
    let names = sub_icb_names(&csv_bytes);
    let former = former_names();
    let mut counts: BTreeMap<&str, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for practice in england.practices() {
        let entry = counts.entry(practice.sub_icb_code.as_str()).or_default();
        entry.0 += 1;
        if let Some(hub) = &practice.baseline_hub {
            entry.1.insert(hub);
        }
    }
    let sub_icbs = counts
        .into_iter()
        .map(|(code, (practices, pcns))| SubIcb {
            code: code.to_string(),
            name: names.get(code).cloned().unwrap_or_else(|| code.to_string()),
            practices,
            pcns: pcns.len(),
            former_names: former.get(code).cloned().unwrap_or_default(),
        })
        .collect();
    let by_code = england
        .practices()
        .iter()
        .enumerate()
        .map(|(index, practice)| (practice.code.clone(), index))
        .collect();
    Ok(Reference {
        england,
        sub_icbs,
        by_code,
    })
}

/// Sub-ICB code → name, from the reference's `sub_icb_code` and `sub_icb_name` columns.
fn sub_icb_names(csv_bytes: &[u8]) -> HashMap<String, String> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let headers = reader.headers().cloned().unwrap_or_default();
    let column = |name: &str| headers.iter().position(|header| header == name);
    let (Some(code_at), Some(name_at)) = (column("sub_icb_code"), column("sub_icb_name")) else {
        return HashMap::new();
    };
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|record| {
            Some((
                record.get(code_at)?.to_string(),
                record.get(name_at)?.to_string(),
            ))
        })
        .collect()
}

/// Sub-ICB code → former CCG names.
fn former_names() -> HashMap<String, Vec<String>> {
    let mut names: HashMap<String, Vec<String>> = HashMap::new();
    let mut reader = csv::Reader::from_reader(FORMER_NAMES_CSV.as_bytes());
    for record in reader.records().filter_map(Result::ok) {
        if let (Some(code), Some(name)) = (record.get(0), record.get(2)) {
            names
                .entry(code.to_string())
                .or_default()
                .push(name.to_string());
        }
    }
    names
}

fn unknown_region(code: &str, sub_icbs: &[SubIcb]) -> LoadError {
    let wanted = code.trim().to_lowercase();
    let matches: Vec<String> = search(sub_icbs, &wanted)
        .into_iter()
        .take(5)
        .map(|sub_icb| format!("{} ({})", sub_icb.code, sub_icb.name))
        .collect();
    let hint = if matches.is_empty() {
        "`pcn-explorer regions` lists them".to_string()
    } else {
        format!("did you mean {}?", matches.join(", "))
    };
    LoadError::new(
        REFERENCE_FILE,
        Problem::in_field(
            "region",
            format!(
                "no sub-ICB {:?} among the {} of England; {hint}",
                code.trim(),
                sub_icbs.len()
            ),
        ),
    )
}

/// The sub-ICBs whose code, name or a former CCG name contains every word of `query`
/// (ignoring case), an exact code first. An empty query matches all.
pub fn search<'a>(sub_icbs: &'a [SubIcb], query: &str) -> Vec<&'a SubIcb> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut found: Vec<&SubIcb> = sub_icbs
        .iter()
        .filter(|sub_icb| {
            let haystack = format!(
                "{} {} {}",
                sub_icb.code,
                sub_icb.name,
                sub_icb.former_names.join(" ")
            )
            .to_lowercase();
            words.iter().all(|word| haystack.contains(word))
        })
        .collect();
    found.sort_by_key(|sub_icb| !sub_icb.code.eq_ignore_ascii_case(&query));
    found
}
