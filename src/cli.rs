//! The command line: `report`, `compare`, `export`, `import`, `check`; with no subcommand, the window.

use crate::io::atomic::{write_export, write_export_bytes};
use crate::io::{self, FileKind, LoadError, Opened};
use crate::model::compare::compare;
use crate::model::{Metrics, RuleYear, Scenario, apply};
use crate::present::export::comparison::render_comparison;
use crate::present::export::{ExportKind, export_bytes_made_on};
use crate::present::report::ReportFormat;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

mod merge;
mod rates;
pub mod suggest;
mod values;
pub use rates::{RateArg, parse_rate_arg};

/// Group GP practices into hubs (primary care networks) and see population, staffing and funding.
#[derive(Debug, Parser)]
#[command(name = "pcn-explorer", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A practice CSV, an NHS payments CSV or a scenario file (.ron) to open in the window;
    /// without one the bundled example opens.
    pub file: Option<PathBuf>,
    /// Sub-ICB code, e.g. 70F: of the file, or with no file the bundled data of that region.
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the figures of every hub: practices, lists, band, staff and funding by line.
    Report {
        /// Practice CSV, NHS payments CSV, scenario file, or monthly NHS files together; none
        /// with --region: the bundled data.
        #[arg(value_name = "FILE")]
        file: Vec<PathBuf>,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Funding rule year (default: the scenario's year, else the latest), e.g. 2023-24.
        #[arg(long, value_name = "YEAR", value_parser = parse_year)]
        year: Option<RuleYear>,
        /// A rule file (RON) for a year the app does not know, or a corrected one; its year is
        /// used unless --year says otherwise, and it is kept in any scenario written.
        #[arg(long, value_name = "RULES.ron")]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Override a rate of the year, e.g. `enhanced_access=9.10` or `core.adjusted=0.75`
        /// (repeatable); figures from it are marked edited.
        #[arg(long = "rate", value_name = "LINE=POUNDS", value_parser = parse_rate_arg)]
        rates: Vec<RateArg>,
        /// Why the rates given with --rate differ, e.g. "ICB letter 14 May 2026".
        #[arg(long, value_name = "TEXT", default_value = "")]
        rate_note: String,
        /// A staff list CSV (hub_code,role,wte,employer,annual_cost_gbp,start_month): the
        /// scenario's ARRS staff plan is replaced by it.
        #[arg(long, value_name = "STAFF.csv")]
        staff: Option<PathBuf>,
        /// Project each hub's registered list N years ahead at its yearly growth, adding the
        /// columns registered_growth_pct_a_year, registered_projected and band_projected; needs
        /// registrations extracts of two dates (e.g. 2021-01-01 and 2026-04-01) given together.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20))]
        project_years: Option<u32>,
    },
    /// Print the rule set in use: every line with its base, rate, period, source and marks.
    Rules {
        /// A scenario file whose year and rate edits to show (default: the latest year).
        file: Option<PathBuf>,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Rule year, e.g. 2024-25.
        #[arg(long, value_name = "YEAR", value_parser = parse_year)]
        year: Option<RuleYear>,
        /// A rule file (RON) for a year the app does not know, or a corrected one; its year is
        /// used unless --year says otherwise, and it is kept in any scenario written.
        #[arg(long, value_name = "RULES.ron")]
        rules: Option<PathBuf>,
        /// Override a rate, as for `report --rate`.
        #[arg(long = "rate", value_name = "LINE=POUNDS", value_parser = parse_rate_arg)]
        rates: Vec<RateArg>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Read practice data and write it as a scenario file (today's PCNs as hubs).
    Import {
        /// Practice CSV, NHS payments CSV, or monthly NHS files together (registrations,
        /// practice to PCN map, epraccur); none with --region: the bundled data.
        #[arg(value_name = "FILE")]
        file: Vec<PathBuf>,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// The scenario file to write.
        #[arg(short = 'o', long = "output", value_name = "SCENARIO.ron")]
        output: PathBuf,
        /// A staff list CSV (hub_code,role,wte,employer,annual_cost_gbp,start_month): the
        /// scenario's ARRS staff plan is replaced by it.
        #[arg(long, value_name = "STAFF.csv")]
        staff: Option<PathBuf>,
    },
    /// Compare two options on the same region: the practices that moved and each hub's figures
    /// before and after. A practice or NHS file stands for its baseline (today's PCNs).
    Compare {
        /// The option before: scenario file, practice CSV or NHS payments CSV.
        before: PathBuf,
        /// The option after; without it, BEFORE is compared with the bundled baseline of --region.
        after: Option<PathBuf>,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Funding rule year of both sides (default: the after file's year), e.g. 2023-24.
        #[arg(long, value_name = "YEAR", value_parser = parse_year)]
        year: Option<RuleYear>,
        /// A rule file (RON) for a year the app does not know, or a corrected one; its year is
        /// used unless --year says otherwise, and it is kept in any scenario written.
        #[arg(long, value_name = "RULES.ron")]
        rules: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// One row per hub with every figure before, after and changed, instead of the moves.
        #[arg(long)]
        hubs: bool,
        /// Use this snapshot of the before file instead of its current option.
        #[arg(long, value_name = "NAME")]
        before_snapshot: Option<String>,
        /// Use this snapshot of the after file instead of its current option.
        #[arg(long, value_name = "NAME")]
        after_snapshot: Option<String>,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Write an export of a file: the hub figures CSV, the assignments CSV or the HTML report.
    Export {
        /// Practice CSV, NHS payments CSV or scenario file.
        file: PathBuf,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// What to write.
        #[arg(long, value_enum)]
        what: ExportKind,
        /// Funding rule year (default: the scenario's year), e.g. 2023-24.
        #[arg(long, value_name = "YEAR", value_parser = parse_year)]
        year: Option<RuleYear>,
        /// A rule file (RON) for a year the app does not know, or a corrected one; its year is
        /// used unless --year says otherwise, and it is kept in any scenario written.
        #[arg(long, value_name = "RULES.ron")]
        rules: Option<PathBuf>,
        /// Override a rate of the year, as for `report --rate` (repeatable); figures from it are
        /// marked edited in the export.
        #[arg(long = "rate", value_name = "LINE=POUNDS", value_parser = parse_rate_arg)]
        rates: Vec<RateArg>,
        /// Why the rates given with --rate differ, e.g. "ICB letter 14 May 2026".
        #[arg(long, value_name = "TEXT", default_value = "")]
        rate_note: String,
        /// The file to write (atomically).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
    },
    /// Merge two laptops' options against their common start: moves made on one side only
    /// combine; anything both sides changed differently is a conflict, listed (and the command
    /// fails) unless --prefer settles them all.
    Merge {
        /// The common start (its current option is the base).
        base: PathBuf,
        /// One laptop's file (its other contents, such as rate corrections, are kept).
        a: PathBuf,
        /// The other laptop's file.
        b: PathBuf,
        /// Settle every conflict for this side.
        #[arg(long, value_enum)]
        prefer: Option<PreferSide>,
        /// The merged scenario file to write (atomically).
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: PathBuf,
    },
    /// Suggest the fewest practice moves that bring every hub into its band (30,000–50,000
    /// registered), keeping locked practices and hubs where they are and no hub more spread out
    /// than the limit (or than it is today); prints each alternative's moves and whether it is
    /// proved optimal.
    Suggest {
        /// Scenario file, practice CSV or NHS file (none with --region: the bundled data).
        #[arg(value_name = "FILE")]
        file: Vec<PathBuf>,
        /// Sub-ICB code, for an NHS payments file or the bundled data, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Time limit of the search, seconds.
        #[arg(long, value_name = "N", default_value_t = 10.0)]
        seconds: f64,
        /// Alternatives to print (best first).
        #[arg(long, value_name = "K", default_value_t = 3)]
        k: usize,
        /// Practice codes that stay in their hub (comma-separated, repeatable).
        #[arg(long = "lock", value_name = "CODE,...")]
        lock: Vec<String>,
        /// Hub codes that keep exactly their members (comma-separated, repeatable).
        #[arg(long = "lock-hub", value_name = "CODE,...")]
        lock_hub: Vec<String>,
        /// Largest spread of a hub after the change (km from its list-weighted centre to its
        /// furthest member), or `none`; a hub already wider may stay as wide.
        #[arg(long, value_name = "KM|none", default_value = "15", value_parser = suggest::parse_spread)]
        max_spread_km: suggest::SpreadLimit,
        /// Allow opening new hubs (the default band, the spread limit): up to 3 for a region
        /// searched exactly; for a larger input (England) each hub still above its band after
        /// the repair may split into as many as it needs.
        #[arg(long)]
        allow_new_hubs: bool,
        /// Seed of the local search that improves the greedy answer: the same seed gives the
        /// same suggestions (unless --seconds cuts the search short); the proof does not depend on it.
        #[arg(long, value_name = "N", default_value_t = 0)]
        seed: u64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Write the scenario with the first alternative applied (atomically).
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
    /// List the sub-ICB regions of the bundled England data: `code,name,practices,pcns`.
    Regions,
    /// Validate a file and print a one-line summary, or its errors.
    Check {
        /// Practice CSV, NHS payments CSV, scenario file or monthly NHS files; none with
        /// --region: the bundled data.
        #[arg(value_name = "FILE")]
        file: Vec<PathBuf>,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
    },
}

/// `--prefer a|b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PreferSide {
    A,
    B,
}

/// Any well-formed year label: whether there are rules for it depends on `--rules` too, so
/// [`rates::use_rules`] decides.
fn parse_year(text: &str) -> Result<RuleYear, String> {
    RuleYear::from_label(text)
        .ok_or_else(|| format!("{text:?} is not a year such as 2026-27 (or 2026/27)"))
}

/// Runs one subcommand, writing results to stdout and warnings to stderr.
pub fn run_command(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Report {
            file,
            region,
            year,
            rules,
            format,
            rates,
            rate_note,
            staff,
            project_years,
        } => {
            let mut opened = open_all(&file, region.as_deref())?;
            check_region_used(region.as_deref(), &kinds_of(&file, opened.kind))?;
            if project_years.is_some() && opened.scenario.region().list_years().is_none() {
                anyhow::bail!(
                    "--project-years needs each practice's list at two dates: give two \
                     registrations extracts together (e.g. gp-reg-pat-prac-all.csv of 2021-01-01 \
                     and of 2026-04-01), or a scenario imported from them"
                );
            }
            rates::use_rules(&mut opened.scenario, rules.as_deref(), year)?;
            rates::apply_rate_args(&mut opened.scenario, &rates, &rate_note)?;
            use_staff(&mut opened.scenario, staff.as_deref())?;
            let metrics = Metrics::compute(&opened.scenario);
            let options = crate::present::report::ReportOptions { project_years };
            let text =
                crate::present::report::render_with(&opened.scenario, &metrics, format, options);
            write_stdout(&text)
        }
        Command::Rules {
            file,
            region,
            year,
            rules,
            rates,
            format,
        } => {
            let mut scenario = match &file {
                Some(file) => open(file, region.as_deref())?.scenario,
                None => crate::io::example::example_scenario(),
            };
            rates::use_rules(&mut scenario, rules.as_deref(), year)?;
            rates::apply_rate_args(&mut scenario, &rates, "")?;
            let text =
                crate::present::rules_report::render_rules(&scenario.effective_rules(), format);
            write_stdout(&text)
        }
        Command::Import {
            file,
            region,
            output,
            staff,
        } => {
            let mut inputs: Vec<&Path> = file.iter().map(PathBuf::as_path).collect();
            inputs.extend(staff.as_deref());
            check_output(&output, &inputs)?;
            let mut opened = open_all(&file, region.as_deref())?;
            check_region_used(region.as_deref(), &kinds_of(&file, opened.kind))?;
            use_staff(&mut opened.scenario, staff.as_deref())?;
            io::scenario_file::save_scenario(&output, &opened.scenario)?;
            eprintln!("wrote {}: {}", output.display(), summary(&opened));
            Ok(())
        }
        Command::Compare {
            before,
            after,
            region,
            year,
            rules,
            format,
            hubs,
            before_snapshot,
            after_snapshot,
            output,
        } => {
            let (before, after) = match after {
                Some(after) => (Some(before), after),
                None => (None, before),
            };
            if let Some(output) = &output {
                let mut inputs = vec![after.as_path()];
                inputs.extend(before.as_deref());
                check_output(output, &inputs)?;
            }
            let (old, old_kind) = match &before {
                Some(before) => side(before, region.as_deref(), before_snapshot.as_deref())?,
                None => (bundled_side(region.as_deref())?, FileKind::Bundled),
            };
            let (mut new, new_kind) = side(&after, region.as_deref(), after_snapshot.as_deref())?;
            rates::use_rules(&mut new, rules.as_deref(), year)?;
            let before = before.unwrap_or_else(|| PathBuf::from("the bundled region"));
            check_region_used(
                region.as_deref(),
                &[(before.as_path(), old_kind), (after.as_path(), new_kind)],
            )?;
            let year = new.rule_year();
            let comparison = compare(&old, &new, year).map_err(|error| {
                anyhow::anyhow!(
                    "{} and {} cannot be compared: {error}",
                    before.display(),
                    after.display()
                )
            })?;
            emit(
                &render_comparison(&comparison, format, hubs),
                output.as_deref(),
            )
        }
        Command::Export {
            file,
            region,
            what,
            year,
            rules,
            rates,
            rate_note,
            output,
        } => {
            let mut inputs = vec![file.as_path()];
            inputs.extend(rules.as_deref());
            check_output(&output, &inputs)?;
            let mut opened = open(&file, region.as_deref())?;
            check_region_used(region.as_deref(), &[(file.as_path(), opened.kind)])?;
            rates::use_rules(&mut opened.scenario, rules.as_deref(), year)?;
            rates::apply_rate_args(&mut opened.scenario, &rates, &rate_note)?;
            let bytes =
                export_bytes_made_on(&opened.scenario, what, &crate::io::recovery::today_utc())?;
            write_export_bytes(&output, &bytes)?;
            eprintln!("wrote {}", output.display());
            Ok(())
        }
        Command::Suggest {
            file,
            region,
            seconds,
            k,
            lock,
            lock_hub,
            max_spread_km,
            allow_new_hubs,
            seed,
            format,
            output,
        } => {
            if let Some(output) = &output {
                let inputs: Vec<&Path> = file.iter().map(PathBuf::as_path).collect();
                check_output(output, &inputs)?;
            }
            let mut opened = open_all(&file, region.as_deref())?;
            check_region_used(region.as_deref(), &kinds_of(&file, opened.kind))?;
            let constraints = suggest::constraints_from_codes(&opened.scenario, &lock, &lock_hub)?;
            let started = std::time::Instant::now();
            let outcome = suggest::run(
                &opened.scenario,
                &constraints,
                max_spread_km.0,
                k,
                seconds,
                seed,
                if allow_new_hubs {
                    suggest::NEW_HUBS_ALLOWED
                } else {
                    0
                },
            );
            // The time it took (the repair of a large input may end before the limit).
            let took = (started.elapsed().as_secs_f64() * 10.0).ceil() / 10.0;
            let took = took.min(seconds.max(0.1));
            write_stdout(&suggest::render(&opened.scenario, &outcome, format, took))?;
            if let Some(output) = output {
                let Some(first) = outcome.suggestions.first() else {
                    anyhow::bail!(
                        "nothing written to {}: there is no suggestion",
                        output.display()
                    );
                };
                apply(&mut opened.scenario, first.action.clone())
                    .map_err(|error| anyhow::anyhow!("{error}"))?;
                io::scenario_file::save_scenario(&output, &opened.scenario)?;
                eprintln!("wrote {}: the first alternative applied", output.display());
            }
            if matches!(outcome.proof, crate::model::optimise::Proof::Infeasible(_))
                && outcome.suggestions.is_empty()
            {
                anyhow::bail!("{}", suggest::proof_text(&outcome, took));
            }
            Ok(())
        }
        Command::Merge {
            base,
            a,
            b,
            prefer,
            output,
        } => merge::run_merge(&base, &a, &b, prefer, &output),
        Command::Regions => write_stdout(&io::readers::regions_csv()?),
        Command::Check { file, region } => {
            let opened = open_all(&file, region.as_deref())?;
            check_region_used(region.as_deref(), &kinds_of(&file, opened.kind))?;
            write_stdout(&format!(
                "{}: {}: OK\n",
                shown_inputs(&file),
                summary(&opened)
            ))
        }
    }
}

/// Reads the files given together (none: the bundled data of `region`), printing warnings.
/// Replaces the scenario's staff plan rows with a staff list's (`--staff`).
fn use_staff(scenario: &mut Scenario, staff: Option<&Path>) -> anyhow::Result<()> {
    let Some(path) = staff else {
        return Ok(());
    };
    let import = io::staff_csv::open_staff_csv(path, scenario)?;
    apply(scenario, import.action)
        .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
    eprintln!(
        "read {}: {} staff rows in {} hubs",
        path.display(),
        import.rows,
        import.hubs
    );
    Ok(())
}

fn open_all(files: &[PathBuf], region: Option<&str>) -> Result<Opened, LoadError> {
    let opened = io::readers::open_inputs(files, region)?;
    for warning in &opened.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(opened)
}

/// The before side of `compare OPTION --region CODE`: the bundled region's baseline.
fn bundled_side(region: Option<&str>) -> anyhow::Result<Scenario> {
    let Some(code) = region else {
        anyhow::bail!(
            "compare needs two files, or one file and --region CODE (the bundled baseline)"
        );
    };
    Ok(io::readers::open_bundled(code)?.scenario)
}

/// Each input with the kind the inputs were read as; for the bundled data (no file), one
/// entry of that kind, so `--region` counts as used.
fn kinds_of(files: &[PathBuf], kind: FileKind) -> Vec<(&Path, FileKind)> {
    if files.is_empty() {
        return vec![(Path::new("the bundled data"), kind)];
    }
    files.iter().map(|file| (file.as_path(), kind)).collect()
}

/// `a.csv + b.csv`, or `bundled data` when no file was given.
fn shown_inputs(files: &[PathBuf]) -> String {
    if files.is_empty() {
        return "bundled data".to_string();
    }
    files
        .iter()
        .map(|file| file.display().to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Reads any supported file, printing its warnings to stderr.
fn open(file: &Path, region: Option<&str>) -> Result<Opened, LoadError> {
    let opened = io::open_path(file, region)?;
    for warning in &opened.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(opened)
}

/// Refuses an output path that is one of the command's inputs (through links, `./`, hard
/// links), or that exists and is not a regular file, before anything is read or written.
fn check_output(output: &Path, inputs: &[&Path]) -> anyhow::Result<()> {
    io::output::check_output_not_input(output, inputs).map_err(anyhow::Error::msg)?;
    io::output::resolve_output(output)
        .map_err(|error| anyhow::anyhow!("{}: cannot be written: {error}", output.display()))?;
    Ok(())
}

/// `--region` picks a sub-ICB of a file that has several; given for files that have none, it
/// is an error rather than silently ignored.
fn check_region_used(region: Option<&str>, files: &[(&Path, FileKind)]) -> anyhow::Result<()> {
    let Some(code) = region else {
        return Ok(());
    };
    if files.iter().any(|(_, kind)| kind.has_regions()) {
        return Ok(());
    }
    let Some((file, kind)) = files.first() else {
        return Ok(());
    };
    anyhow::bail!(
        "--region {code}: {} is {}, which has no regions to choose from (--region picks a sub-ICB of an NHS payments file); leave --region out",
        file.display(),
        kind.label()
    )
}

/// One side of a comparison: the file's current option, or one of its snapshots, with the kind
/// of file it came from.
fn side(
    file: &Path,
    region: Option<&str>,
    snapshot: Option<&str>,
) -> anyhow::Result<(Scenario, FileKind)> {
    let opened = open(file, region)?;
    let kind = opened.kind;
    let Some(name) = snapshot else {
        return Ok((opened.scenario, kind));
    };
    let scenario = opened.scenario.from_snapshot(name).ok_or_else(|| {
        let names: Vec<&str> = opened
            .scenario
            .snapshots()
            .keys()
            .map(String::as_str)
            .collect();
        anyhow::anyhow!(
            "{}: has no snapshot called {name:?} (snapshots: {})",
            file.display(),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        )
    })?;
    Ok((scenario, kind))
}

/// Writes to a file atomically, or to stdout.
fn emit(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output {
        Some(path) => write_export(path, text),
        None => write_stdout(text),
    }
}

/// `75 practices, 20 hubs, 3 unassigned, rule year 2025-26`.
fn summary(opened: &Opened) -> String {
    let scenario = &opened.scenario;
    format!(
        "{} practices, {} hubs, {} unassigned, rule year {}",
        scenario.region().len(),
        scenario.hubs().len(),
        scenario.unassigned().len(),
        scenario.rule_year()
    )
}

/// Writes to stdout; a closed pipe (e.g. `| head`) is not an error worth a message.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}
