//! pcn-explorer: the window with no subcommand; `report`, `import` and `check` without one.

fn main() -> std::process::ExitCode {
    // TODO(cli helper): parse the command line; open the window with no subcommand.
    let scenario = pcn_explorer::io::example::example_scenario();
    println!("{} practices", scenario.region().len());
    std::process::ExitCode::SUCCESS
}
