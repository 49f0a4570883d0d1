//! Embeds every rule file in `assets/rules/` (a year is whatever rule files exist): writes
//! `rule_files.rs` into OUT_DIR with one `include_str!` per `.ron` file, sorted by file name.
//!
//! For a Windows target it also gives each exe its icon, version information and manifest
//! (`assets/windows/`), compiled by mingw's `windres` (see [`windows_resources`]).

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    rule_files(&manifest)?;
    windows_resources(&manifest)
}

fn rule_files(manifest: &Path) -> Result<(), Box<dyn Error>> {
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

/// The executables that get Windows resources: (binary name, what Explorer and Task Manager
/// call it). `pcn-explorer-cli` is only built with `--features console-exe`.
const WINDOWS_EXES: &[(&str, &str)] = &[
    ("pcn-explorer", "pcn-explorer"),
    ("pcn-explorer-cli", "pcn-explorer command line"),
];

/// On a Windows (GNU) target: one resource object per exe, holding the icon, version
/// information (from Cargo.toml) and `assets/windows/pcn-explorer.manifest` (run as the user,
/// never as administrator; Windows 10+; per-monitor DPI; long paths), linked into that exe.
/// Written by hand rather than with a resource crate: a `.rc` file and one `windres` call.
///
/// `windres` comes with mingw-w64 (`apt-get install gcc-mingw-w64-x86-64`), as does the linker
/// a Windows build needs anyway; `WINDRES` names another. Without it (`cargo check` on a
/// machine with no mingw, as CI does) the build goes on with a warning, and no resources.
fn windows_resources(manifest: &Path) -> Result<(), Box<dyn Error>> {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "windows" {
        return Ok(());
    }
    println!("cargo:rerun-if-changed=assets/windows");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if var("CARGO_CFG_TARGET_ENV") != "gnu" {
        println!(
            "cargo:warning=no icon or version information: only the GNU toolchain's windres is set up"
        );
        return Ok(());
    }
    let windres = std::env::var("WINDRES").unwrap_or_else(|_| {
        if cfg!(windows) {
            "windres".to_string()
        } else {
            format!("{}-w64-mingw32-windres", var("CARGO_CFG_TARGET_ARCH"))
        }
    });
    let assets = manifest.join("assets").join("windows");
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let version: Vec<u32> = ["MAJOR", "MINOR", "PATCH"]
        .iter()
        .map(|part| {
            var(&format!("CARGO_PKG_VERSION_{part}"))
                .parse()
                .unwrap_or(0)
        })
        .collect();
    for (exe, description) in WINDOWS_EXES {
        let rc = out.join(format!("{exe}.rc"));
        let object = out.join(format!("{exe}-resources.o"));
        std::fs::write(
            &rc,
            resource_script(&assets, exe, description, &version, &var),
        )?;
        let compiled = std::process::Command::new(&windres)
            .arg("--input")
            .arg(&rc)
            .arg("--output")
            .arg(&object)
            .arg("--output-format=coff")
            .status();
        match compiled {
            Err(error) => {
                println!(
                    "cargo:warning=no icon or version information in {exe}.exe: {windres} could not run ({error}); apt-get install gcc-mingw-w64-x86-64"
                );
                return Ok(());
            }
            Ok(status) if !status.success() => {
                return Err(format!("{windres} failed on {} ({status})", rc.display()).into());
            }
            Ok(_) => println!("cargo:rustc-link-arg-bin={exe}={}", object.display()),
        }
    }
    Ok(())
}

/// The `.rc` text of one exe: icon, manifest and version information.
fn resource_script(
    assets: &Path,
    exe: &str,
    description: &str,
    version: &[u32],
    var: &dyn Fn(&str) -> String,
) -> String {
    // windres reads C-like strings: forward slashes and doubled quotes are safe everywhere.
    let path = |name: &str| assets.join(name).display().to_string().replace('\\', "/");
    let text = |value: &str| value.replace('"', "\"\"");
    let numbers = format!("{},{},{},0", version[0], version[1], version[2]);
    let dotted = var("CARGO_PKG_VERSION");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080904b0"
    BEGIN
      VALUE "CompanyName", "pcn-explorer contributors"
      VALUE "FileDescription", "{description}"
      VALUE "FileVersion", "{dotted}"
      VALUE "InternalName", "{exe}"
      VALUE "LegalCopyright", "Licensed under {license}"
      VALUE "OriginalFilename", "{exe}.exe"
      VALUE "ProductName", "pcn-explorer"
      VALUE "ProductVersion", "{dotted}"
      VALUE "Comments", "{comments}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0809, 1200
  END
END
"#,
        icon = path("pcn-explorer.ico"),
        manifest = path("pcn-explorer.manifest"),
        description = text(description),
        license = text(&var("CARGO_PKG_LICENSE")),
        comments = text(&var("CARGO_PKG_DESCRIPTION")),
    )
}
