//! Atomic file writes: a save either completes or leaves the previous file untouched.
//!
//! The bytes go to a temporary file in the same folder (so the final rename never crosses file
//! systems), which is flushed and synced before it is renamed over the target. A process killed at
//! any moment leaves the old file or the new one, never a half-written one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (temp file in the same folder, sync, rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_inner(path, bytes, false)
}

/// Like [`write_atomic`], but first keeps the previous file (if any) as `NAME.bak`
/// (e.g. `option-a.ron.bak`), itself written atomically.
pub fn write_atomic_with_backup(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_inner(path, bytes, true)
}

/// `option-a.ron.bak` next to `option-a.ron`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn write_atomic_inner(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let file_name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file")
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path is a folder",
        ));
    }
    let temp = write_temp(&folder, file_name, bytes)?;
    let result = (|| {
        if keep_backup && path.is_file() {
            let backup = backup_path(path);
            let old = fs::read(path)?;
            let backup_temp = write_temp(&folder, file_name, &old)?;
            if let Err(error) = fs::rename(&backup_temp, &backup) {
                let _ = fs::remove_file(&backup_temp);
                return Err(error);
            }
        }
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_folder(&folder);
    Ok(())
}

/// Creates a new temporary file `.NAME.PID.N.tmp` in `folder` holding `bytes`, synced to disk.
fn write_temp(folder: &Path, file_name: &std::ffi::OsStr, bytes: &[u8]) -> io::Result<PathBuf> {
    let process = std::process::id();
    for attempt in 0..100u32 {
        let mut name = std::ffi::OsString::from(".");
        name.push(file_name);
        name.push(format!(".{process}.{attempt}.tmp"));
        let temp = folder.join(name);
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        };
        let written = file
            .write_all(bytes)
            .and_then(|()| file.flush())
            .and_then(|()| file.sync_all());
        if let Err(error) = written {
            drop(file);
            let _ = fs::remove_file(&temp);
            return Err(error);
        }
        return Ok(temp);
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name in the folder",
    ))
}

/// Makes the rename itself durable (Unix); elsewhere a no-op.
fn sync_folder(folder: &Path) {
    if cfg!(unix)
        && let Ok(dir) = File::open(folder)
    {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.ron");
        write_atomic_with_backup(&path, b"one").expect("first save");
        assert!(!backup_path(&path).exists());
        write_atomic_with_backup(&path, b"two").expect("second save");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        assert_eq!(fs::read(backup_path(&path)).expect("read bak"), b"one");
        write_atomic(&path, b"three").expect("plain save");
        assert_eq!(fs::read(&path).expect("read"), b"three");
        assert_eq!(fs::read(backup_path(&path)).expect("read bak"), b"one");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    }

    #[test]
    fn refuses_a_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(write_atomic(dir.path(), b"x").is_err());
    }
}
