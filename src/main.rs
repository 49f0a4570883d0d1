//! pcn-explorer: the window with no subcommand; `report`, `import` and `check` without one.

// Frames build and drop large vertex buffers (thousands of map circles); the system allocator
// returns them to the kernel and faults them in again every frame, mimalloc keeps them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pcn_explorer::cli::main()
}
