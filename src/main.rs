//! pcn-explorer: the window with no subcommand; `report`, `import` and `check` without one.

fn main() -> std::process::ExitCode {
    pcn_explorer::cli::main()
}
