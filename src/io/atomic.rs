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
    remove_stale_temps(&folder, file_name);
    Ok(())
}

/// A save never takes this long: a temp file older than this was left by a killed process.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes `.NAME.*.tmp` files that a killed save of the same file left behind.
fn remove_stale_temps(folder: &Path, file_name: &std::ffi::OsStr) {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(file_name);
    prefix.push(".");
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(&prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
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
    fn a_save_removes_old_temp_files_left_by_a_killed_save() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.ron");
        let old = dir.path().join(".plan.ron.999.0.tmp");
        let fresh = dir.path().join(".plan.ron.998.0.tmp");
        let other = dir.path().join(".other.ron.997.0.tmp");
        for temp in [&old, &fresh, &other] {
            fs::write(temp, b"half a file").expect("write");
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3_600);
        for temp in [&old, &other] {
            File::options()
                .write(true)
                .open(temp)
                .and_then(|file| file.set_modified(hour_ago))
                .expect("age");
        }
        write_atomic(&path, b"whole").expect("save");
        assert!(!old.exists(), "an old temp file of this name is removed");
        assert!(
            fresh.exists(),
            "a recent one may belong to a save still running"
        );
        assert!(other.exists(), "other files' temp files are left alone");
    }

    #[test]
    fn refuses_a_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(write_atomic(dir.path(), b"x").is_err());
    }
}
