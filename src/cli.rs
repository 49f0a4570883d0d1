//! The command line: `report`, `import`, `check`; with no subcommand, the window.

use std::process::ExitCode;

/// Runs the program with the process arguments.
pub fn main() -> ExitCode {
    // TODO(cli helper): clap parser with report / import / check.
    match crate::app::run_window(std::env::args_os().nth(1).map(Into::into)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
