//! pcn-explorer: the window with no subcommand; `report`, `import` and `check` without one.

fn main() -> std::process::ExitCode {
    pcn_explorer::allocator::tune_for_frames();
    pcn_explorer::cli::main()
}
