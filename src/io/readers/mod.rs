//! Readers of practice data beyond the project's CSV and the payments file: the bundled England
//! reference and the monthly NHS Digital files (registrations, practice→PCN map, epraccur).

pub(crate) mod csv_table;
pub mod monthly;
pub mod monthly_files;
pub mod reference;

use super::{FileKind, LoadError, Opened, Problem, open_path, read_limited};
use crate::model::{RuleYear, Scenario};
use std::path::PathBuf;
use std::sync::Arc;

/// Opens what the command line or the window was given: no file and a region (the bundled
/// data of that sub-ICB), one file of any kind, or several monthly NHS files together.
pub fn open_inputs(paths: &[PathBuf], region: Option<&str>) -> Result<Opened, LoadError> {
    match paths {
        [] => match region {
            Some(code) => open_bundled(code),
            None => Err(LoadError::new(
                "command line",
                Problem::new(
                    "give a FILE, or --region CODE for the bundled data of a sub-ICB \
                     (`pcn-explorer regions` lists them)",
                ),
            )),
        },
        [one] => open_path(one, region),
        several => {
            let mut files = Vec::with_capacity(several.len());
            for path in several {
                files.push((path.display().to_string(), read_limited(path)?));
            }
            open_monthly_files(&files, region)
        }
    }
}

/// Opens monthly NHS files given together as `(name, bytes)` (registrations of one or two
/// dates, the practice→PCN map, epraccur) as the region `region`.
pub fn open_monthly_files<B: AsRef<[u8]>>(
    files: &[(String, B)],
    region: Option<&str>,
) -> Result<Opened, LoadError> {
    let data = monthly::read_monthly(files, region)?;
    let file = files
        .first()
        .map(|(name, _)| name.as_str())
        .unwrap_or("files");
    let mut warnings = data.warnings;
    warnings.extend(super::uk_outline::off_coast_warning(file, &data.region));
    Ok(Opened {
        scenario: Scenario::baseline(Arc::new(data.region), RuleYear::default()),
        kind: FileKind::NhsMonthly,
        warnings,
    })
}

/// The bundled 2022/23 data of one sub-ICB, e.g. `70F`, as a baseline scenario.
pub fn open_bundled(code: &str) -> Result<Opened, LoadError> {
    let region = reference::bundled_region(code)?;
    Ok(Opened {
        scenario: Scenario::baseline(Arc::new(region), RuleYear::default()),
        kind: FileKind::Bundled,
        warnings: Vec::new(),
    })
}

/// `code,name,practices,pcns`, one row per bundled sub-ICB, sorted by code.
pub fn regions_csv() -> Result<String, LoadError> {
    let reference = reference::reference()?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |row: [&str; 4]| writer.write_record(row);
    let failed = |error: csv::Error| LoadError::new("regions", Problem::new(error.to_string()));
    write(["code", "name", "practices", "pcns"]).map_err(failed)?;
    for sub_icb in &reference.sub_icbs {
        write([
            &sub_icb.code,
            &sub_icb.name,
            &sub_icb.practices.to_string(),
            &sub_icb.pcns.to_string(),
        ])
        .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| LoadError::new("regions", Problem::new(error.to_string())))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
