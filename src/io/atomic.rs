//! Atomic file writes: a save either completes or leaves the previous file untouched.
//!
//! The bytes go to a temporary file in the same folder (so the final rename never crosses file
//! systems), which is flushed and synced before it is renamed over the target. A process killed at
//! any moment leaves the old file or the new one, never a half-written one.
//!
//! A symbolic link is followed: its target is replaced and the link stays a link. Anything that
//! exists and is not a regular file (a device, pipe or socket) is refused. A temporary file is
//! locked while its save runs, so the next save of the same file removes those that killed saves
//! left behind at once, and never one that a running save still needs.

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
    let path = &super::output::resolve_output(path)?;
    let file_name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file")
    })?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (temp, _temp_lock) = write_temp(&folder, file_name, bytes)?;
    let result = (|| {
        if keep_backup && path.is_file() {
            let backup = backup_path(path);
            let old = fs::read(path)?;
            let (backup_temp, _backup_lock) = write_temp(&folder, file_name, &old)?;
            if let Err(error) = fs::rename(&backup_temp, &backup) {
                let _ = fs::remove_file(&backup_temp);
                return Err(error);
            }
        }
        fs::rename(&temp, path).map_err(|error| why_not_replaced(path, error))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_folder(&folder);
    remove_stale_temps(&folder, file_name);
    Ok(())
}

/// Windows' `ERROR_ACCESS_DENIED`.
const WINDOWS_ACCESS_DENIED: i32 = 5;

/// The error of a rename over `target` that failed, made precise on Windows: there a rename
/// over a file another program has open (Excel with a CSV or workbook) fails as "access
/// denied", the same as a real lack of permission. Opening the target to write (without
/// changing it) tells them apart: a sharing or lock violation means it is held open, and that
/// error is returned instead (see [`super::error::held_by_another_program`]).
fn why_not_replaced(target: &Path, error: io::Error) -> io::Error {
    if !(cfg!(windows) && error.raw_os_error() == Some(WINDOWS_ACCESS_DENIED)) {
        return error;
    }
    match OpenOptions::new().write(true).open(target) {
        Err(probe) if super::error::held_by_another_program(probe.raw_os_error(), true) => probe,
        _ => error,
    }
}

/// A save never takes this long: a temp file older than this was left by a killed process, even
/// where file locks are not available.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes `.NAME.*.tmp` files that a killed save of the same file left behind: those no running
/// save holds locked, and any older than [`STALE_TEMP_AGE`].
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
        if is_abandoned(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// True for a temporary file no running save holds: old, or not locked. A file still empty may
/// be one a save has just created and not yet locked, so it is left until it is old.
fn is_abandoned(temp: &Path) -> bool {
    let Ok(metadata) = fs::symlink_metadata(temp) else {
        return false;
    };
    if !metadata.is_file() {
        return false;
    }
    let old = metadata
        .modified()
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_some_and(|age| age > STALE_TEMP_AGE);
    if old {
        return true;
    }
    if metadata.len() == 0 {
        return false;
    }
    File::open(temp).is_ok_and(|file| file.try_lock().is_ok())
}

/// Creates a new temporary file `.NAME.PID.N.tmp` in `folder` holding `bytes`, synced to disk,
/// and returns it with its open handle, which holds a lock on it until dropped (after the rename).
fn write_temp(
    folder: &Path,
    file_name: &std::ffi::OsStr,
    bytes: &[u8],
) -> io::Result<(PathBuf, File)> {
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
        // Where locks are not supported the age rule alone applies.
        let _ = file.try_lock();
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        let written = file
            .write_all(first)
            .and_then(|()| {
                pause_mid_write_for_tests();
                file.write_all(rest)
            })
            .and_then(|()| file.flush())
            .and_then(|()| file.sync_all());
        if let Err(error) = written {
            drop(file);
            let _ = fs::remove_file(&temp);
            return Err(error);
        }
        return Ok((temp, file));
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free temporary file name in the folder",
    ))
}

/// The environment variable of the killed-save tests: when it names a file, a save that has
/// written half its temporary file creates that file and waits, so that the test's kill lands
/// in the middle of a write every time. Never set in use.
pub const PAUSE_MID_WRITE_ENV: &str = "PCN_EXPLORER_TEST_PAUSE_MID_WRITE";

fn pause_mid_write_for_tests() {
    if cfg!(target_arch = "wasm32") {
        return;
    }
    if let Some(marker) = std::env::var_os(PAUSE_MID_WRITE_ENV) {
        let _ = fs::write(marker, b"half written\n");
        std::thread::sleep(std::time::Duration::from_secs(120));
    }
}

/// Makes the rename itself durable (Unix); elsewhere a no-op.
fn sync_folder(folder: &Path) {
    if cfg!(unix)
        && let Ok(dir) = File::open(folder)
    {
        let _ = dir.sync_all();
    }
}

/// Writes an export atomically (a reader never sees half a file).
pub fn write_export(path: &Path, text: &str) -> anyhow::Result<()> {
    write_export_bytes(path, text.as_bytes())
}

/// Writes the bytes of an export atomically.
pub fn write_export_bytes(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomic(path, bytes)
        .map_err(|error| super::error::write_failure(path, error, "could not be written"))
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
    fn a_save_removes_temp_files_left_by_a_killed_save_at_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.ron");
        let old = dir.path().join(".plan.ron.999.0.tmp");
        let killed = dir.path().join(".plan.ron.996.0.tmp");
        let running = dir.path().join(".plan.ron.998.0.tmp");
        let just_created = dir.path().join(".plan.ron.995.0.tmp");
        let other = dir.path().join(".other.ron.997.0.tmp");
        for temp in [&old, &killed, &running, &other] {
            fs::write(temp, b"half a file").expect("write");
        }
        fs::write(&just_created, b"").expect("write");
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3_600);
        for temp in [&old, &other] {
            File::options()
                .write(true)
                .open(temp)
                .and_then(|file| file.set_modified(hour_ago))
                .expect("age");
        }
        let held = File::open(&running).expect("open");
        held.try_lock().expect("lock as a running save does");
        write_atomic(&path, b"whole").expect("save");
        assert!(!old.exists(), "an old temp file of this name is removed");
        assert!(
            !killed.exists(),
            "a fresh one no save holds is removed at once"
        );
        assert!(running.exists(), "one a running save holds is left alone");
        assert!(just_created.exists(), "an empty one may not be locked yet");
        assert!(other.exists(), "other files' temp files are left alone");
        drop(held);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&target, b"one").expect("write");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        write_atomic_with_backup(&link, b"two").expect("save through the link");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).expect("read"), b"two");
        assert_eq!(fs::read(backup_path(&target)).expect("bak"), b"one");
        assert!(write_atomic(Path::new("/dev/null"), b"x").is_err());
    }

    #[test]
    fn refuses_a_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(write_atomic(dir.path(), b"x").is_err());
    }
}
