//! Embeds every rule file in `assets/rules/` (a year is whatever rule files exist): writes
//! `rule_files.rs` into OUT_DIR with one `include_str!` per `.ron` file, sorted by file name.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let dir = manifest.join("assets").join("rules");
    println!("cargo:rerun-if-changed=assets/rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ron"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// Every rule file of `assets/rules/`: (file name, text), sorted by file name.\n\
         pub const RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )?;
    }
    out.push_str("];\n");
    std::fs::write(
        PathBuf::from(std::env::var("OUT_DIR")?).join("rule_files.rs"),
        out,
    )?;
    Ok(())
}
