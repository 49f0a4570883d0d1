//! Where an output really goes, checked before anything is written: through symbolic links to
//! the file they name (so a save replaces the target and the link stays a link), never onto a
//! device, pipe, socket or folder, and never onto one of the command's own inputs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Links followed at most (as the operating system does) before giving up on a loop.
const MAX_LINKS: usize = 40;

/// The file a write to `path` must replace: `path` itself, or the file its symbolic link(s)
/// point to (which may not exist yet). Refuses a folder and anything that exists and is not a
/// regular file.
pub fn resolve_output(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let metadata = match fs::symlink_metadata(&current) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(error) => return Err(error),
        };
        let kind = metadata.file_type();
        if kind.is_symlink() {
            let target = fs::read_link(&current)?;
            current = match current.parent() {
                Some(parent) if target.is_relative() => parent.join(target),
                _ => target,
            };
        } else if kind.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the path is a folder",
            ));
        } else if kind.is_file() {
            return Ok(current);
        } else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "it exists and is not a regular file (a device, pipe or socket); choose a file to write",
            ));
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many symbolic links (a loop?)",
    ))
}

/// True when both paths name the same existing file: the same path once links are resolved, or
/// (on Unix) the same file under two names (a hard link).
pub fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (fs::canonicalize(a), fs::canonicalize(b))
        && a == b
    {
        return true;
    }
    same_inode(a, b)
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

/// Refuses an output that is one of the inputs of the same command (it would be replaced by
/// the output and lost), naming both.
pub fn check_output_not_input(output: &Path, inputs: &[&Path]) -> Result<(), String> {
    match inputs.iter().find(|input| same_file(output, input)) {
        Some(input) => Err(format!(
            "{}: is the input file {}; writing there would destroy it. Choose another output file (nothing was written)",
            output.display(),
            input.display()
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_is_not_an_output() {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("plan.ron");
        fs::write(&input, b"x").expect("write");
        let other = dir.path().join("hubs.csv");
        assert!(check_output_not_input(&other, &[&input]).is_ok());
        let dotted = dir.path().join(".").join("plan.ron");
        let error = check_output_not_input(&dotted, &[&input]).expect_err("same file");
        assert!(error.contains("is the input file"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn links_resolve_to_their_target_and_devices_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).expect("link");
        assert_eq!(resolve_output(&link).expect("dangling ok"), target);
        fs::write(&target, b"x").expect("write");
        assert_eq!(resolve_output(&link).expect("resolves"), target);
        assert!(same_file(&link, &target));
        let error = resolve_output(Path::new("/dev/null")).expect_err("device");
        assert!(error.to_string().contains("not a regular file"), "{error}");
        let looped = dir.path().join("loop");
        std::os::unix::fs::symlink("loop", &looped).expect("loop");
        assert!(resolve_output(&looped).is_err());
    }
}
