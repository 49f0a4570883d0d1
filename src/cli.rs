//! The command line: `report`, `import`, `check`; with no subcommand, the window.

use crate::io::{self, LoadError, Opened};
use crate::model::{Metrics, RuleYear};
use crate::report::{ReportFormat, render};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Group GP practices into hubs (primary care networks) and see population, staffing and funding.
#[derive(Debug, Parser)]
#[command(name = "pcn-explorer", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A practice CSV, an NHS payments CSV or a scenario file (.ron) to open in the window;
    /// without one the bundled example opens.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the figures of every hub: practices, lists, band, staff and funding by line.
    Report {
        /// Practice CSV, NHS payments CSV or scenario file.
        file: PathBuf,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// Funding rule year (default: the scenario's year, else the latest), e.g. 2023-24.
        #[arg(long, value_name = "YEAR", value_parser = parse_year)]
        year: Option<RuleYear>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Read practice data and write it as a scenario file (today's PCNs as hubs).
    Import {
        /// Practice CSV or NHS payments CSV.
        file: PathBuf,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// The scenario file to write.
        #[arg(short = 'o', long = "output", value_name = "SCENARIO.ron")]
        output: PathBuf,
    },
    /// Validate a file and print a one-line summary, or its errors.
    Check {
        /// Practice CSV, NHS payments CSV or scenario file.
        file: PathBuf,
        /// Sub-ICB code to read from an NHS payments file, e.g. 70F.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
    },
}

fn parse_year(text: &str) -> Result<RuleYear, String> {
    text.parse()
        .map_err(|error: crate::model::rules::UnknownRuleYear| error.to_string())
}

/// Runs the program with the process arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => crate::app::run_window(cli.file),
        Some(command) => run_command(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs one subcommand, writing results to stdout and warnings to stderr.
pub fn run_command(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Report {
            file,
            region,
            year,
            format,
        } => {
            let mut opened = open(&file, region.as_deref())?;
            if let Some(year) = year {
                opened.scenario.rule_year = year;
            }
            let metrics = Metrics::compute(&opened.scenario);
            let text = render(&opened.scenario, &metrics, format);
            write_stdout(&text)
        }
        Command::Import {
            file,
            region,
            output,
        } => {
            let opened = open(&file, region.as_deref())?;
            io::scenario_file::save_scenario(&output, &opened.scenario)?;
            eprintln!("wrote {}: {}", output.display(), summary(&opened));
            Ok(())
        }
        Command::Check { file, region } => {
            let opened = open(&file, region.as_deref())?;
            write_stdout(&format!("{}: {}: OK\n", file.display(), summary(&opened)))
        }
    }
}

/// Reads any supported file, printing its warnings to stderr.
fn open(file: &Path, region: Option<&str>) -> Result<Opened, LoadError> {
    let opened = io::open_path(file, region)?;
    for warning in &opened.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(opened)
}

/// `75 practices, 20 hubs, 3 unassigned, rule year 2025-26`.
fn summary(opened: &Opened) -> String {
    let scenario = &opened.scenario;
    format!(
        "{} practices, {} hubs, {} unassigned, rule year {}",
        scenario.region().len(),
        scenario.hubs().len(),
        scenario.unassigned().len(),
        scenario.rule_year
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
