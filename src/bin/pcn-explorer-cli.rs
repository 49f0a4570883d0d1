//! pcn-explorer-cli: the command line of pcn-explorer without the window, as a console program.
//!
//! On Windows `pcn-explorer.exe` is a GUI program: cmd.exe does not wait for it, so its output
//! lands after the next prompt and `%ERRORLEVEL%` is not its exit code. Scripts run this one,
//! which cmd and PowerShell wait for like any console program. Built with
//! `--features console-exe`; it links no window code, so it is a fraction of the size.

use clap::{CommandFactory as _, FromArgMatches as _};
use pcn_explorer::cli::{Cli, run_command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = Cli::command()
        .name("pcn-explorer-cli")
        .bin_name("pcn-explorer-cli")
        .get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let Some(command) = cli.command else {
        eprintln!(
            "error: pcn-explorer-cli has no window; give a command (e.g. `pcn-explorer-cli report FILE`, or --help), or open the window with pcn-explorer"
        );
        return ExitCode::from(2);
    };
    match run_command(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
