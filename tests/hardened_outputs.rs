//! Issue 10, data loss: an output that is an input is refused (class 1), links and special files
//! as outputs (class 2), temp files of killed saves (class 3), paths that travel (class 4),
//! non-regular inputs (class 10) and `--region` for files without regions (class 13).

use std::fs;
use std::path::Path;
use std::process::Command;

const SCENARIOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

fn run(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pcn-explorer"))
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A copy of an example scenario in a fresh folder.
fn scenario_copy(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    fs::copy(format!("{SCENARIOS}/riverford-baseline.ron"), &path).expect("copy");
    path.display().to_string()
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = scenario_copy(dir.path(), "plan.ron");
    let other = scenario_copy(dir.path(), "b.ron");
    let original = fs::read(&plan).expect("read");
    let dotted = dir.path().join(".").join("plan.ron").display().to_string();
    let link = dir.path().join("link.ron");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&plan, &link).expect("link");
    #[cfg(not(unix))]
    fs::copy(&plan, &link).expect("copy");
    let link = link.display().to_string();
    let attempts: Vec<Vec<&str>> = vec![
        vec!["export", &plan, "--what", "hubs", "-o", &plan],
        vec!["export", &plan, "--what", "report", "-o", &dotted],
        vec!["compare", &plan, &other, "-o", &plan],
        vec!["compare", &other, &plan, "--hubs", "-o", &dotted],
        vec!["import", &plan, "-o", &plan],
    ];
    for args in &attempts {
        let (success, stderr) = run(args);
        assert!(!success, "{args:?} must fail");
        assert!(
            stderr.contains("is the input file") && stderr.contains("nothing was written"),
            "{args:?}: {stderr}"
        );
        assert_eq!(fs::read(&plan).expect("read"), original, "{args:?}");
    }
    #[cfg(unix)]
    {
        let (success, stderr) = run(&["export", &link, "--what", "hubs", "-o", &plan]);
        assert!(!success && stderr.contains("is the input file"), "{stderr}");
        let (success, stderr) = run(&["export", &plan, "--what", "hubs", "-o", &link]);
        assert!(!success && stderr.contains("is the input file"), "{stderr}");
        assert_eq!(fs::read(&plan).expect("read"), original);
    }
    let names: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(names.len(), 3, "no .bak, no temp files: {names:?}");
}

#[cfg(unix)]
#[test]
fn an_output_link_keeps_being_a_link_and_special_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = scenario_copy(dir.path(), "plan.ron");
    let target = dir.path().join("real.csv");
    let link = dir.path().join("link.csv");
    fs::write(&target, "old").expect("write");
    std::os::unix::fs::symlink("real.csv", &link).expect("link");
    let link_text = link.display().to_string();
    let (success, stderr) = run(&["export", &plan, "--what", "hubs", "-o", &link_text]);
    assert!(success, "{stderr}");
    let kind = fs::symlink_metadata(&link).expect("meta").file_type();
    assert!(kind.is_symlink(), "the link stays a link");
    let written = fs::read_to_string(&target).expect("target");
    assert!(
        written.starts_with("\u{feff}hub_code,hub_name,"),
        "{written}"
    );

    let (success, stderr) = run(&["export", &plan, "--what", "hubs", "-o", "/dev/null"]);
    assert!(!success, "a device is refused");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    let fifo = dir.path().join("pipe");
    let fifo_c = std::ffi::CString::new(fifo.display().to_string()).expect("c path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(fifo_c.as_ptr(), 0o600) }, 0);
    let fifo_text = fifo.display().to_string();
    let (success, stderr) = run(&["compare", &plan, &plan, "-o", &fifo_text]);
    assert!(!success, "a FIFO is refused, not replaced by a file");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(
        fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo()
    );
}

#[cfg(unix)]
use std::os::unix::fs::FileTypeExt;

#[test]
fn the_next_save_removes_what_a_killed_save_left() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = scenario_copy(dir.path(), "plan.ron");
    let left = dir.path().join(".out.csv.4242.0.tmp");
    fs::write(&left, vec![b'x'; 2_000_000]).expect("a killed save's temp file");
    let out = dir.path().join("out.csv").display().to_string();
    let (success, stderr) = run(&["export", &plan, "--what", "hubs", "-o", &out]);
    assert!(success, "{stderr}");
    assert!(!left.exists(), "removed at once, not after 10 minutes");
}

#[test]
fn import_keeps_only_the_file_name_of_its_source() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = format!("{DATA}/region_70F.csv");
    let out = dir.path().join("west-sussex.ron");
    let out_text = out.display().to_string();
    let (success, stderr) = run(&["import", &input, "-o", &out_text]);
    assert!(success, "{stderr}");
    let text = fs::read_to_string(&out).expect("scenario");
    assert!(text.contains("source: \"region_70F.csv\""), "{text}");
    assert!(!text.contains(DATA), "no folder travels with the file");
    let report = dir.path().join("report.html");
    let report_text = report.display().to_string();
    let (success, stderr) = run(&["export", &out_text, "--what", "report", "-o", &report_text]);
    assert!(success, "{stderr}");
    let html = fs::read_to_string(&report).expect("report");
    assert!(
        html.contains("source region_70F.csv"),
        "the stamp names the file"
    );
    assert!(!html.contains(DATA) && !html.contains(&dir.path().display().to_string()));
    // A scenario that already carries a folder loses it on the next read.
    let moved = text.replace(
        "source: \"region_70F.csv\"",
        "source: \"/home/someone/private/region_70F.csv\"",
    );
    let opened = pcn_explorer::io::open_bytes("x.ron", moved.as_bytes(), None).expect("loads");
    assert_eq!(opened.scenario.region().source, "region_70F.csv");
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_read_with_the_same_cap_as_files() {
    let error =
        pcn_explorer::io::read_capped(Path::new("/dev/zero"), 1024 * 1024).expect_err("endless");
    assert_eq!(
        error.to_string(),
        "/dev/zero: gives more than 1 MiB (it is not a regular file, or it grew while being read); files over 1 MiB are not accepted"
    );
    let (success, stderr) = run(&["check", "/dev/zero"]);
    assert!(!success);
    assert!(
        stderr.contains("gives more than 256 MiB") && !stderr.contains(" MB"),
        "{stderr}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.csv");
    fs::File::create(&big)
        .and_then(|file| file.set_len(300 * 1024 * 1024))
        .expect("sparse file");
    let error = pcn_explorer::io::read_limited(&big).expect_err("too big");
    assert!(
        error
            .to_string()
            .ends_with("is 300 MiB; files over 256 MiB are not accepted"),
        "{error}"
    );
}

#[test]
fn region_for_a_file_without_regions_is_an_error() {
    let plan = format!("{SCENARIOS}/riverford-baseline.ron");
    let csv = format!("{DATA}/region_70F.csv");
    for args in [
        vec!["check", plan.as_str(), "--region", "70F"],
        vec!["report", csv.as_str(), "--region", "70F"],
        vec!["compare", plan.as_str(), plan.as_str(), "--region", "70F"],
    ] {
        let (success, stderr) = run(&args);
        assert!(!success, "{args:?}");
        assert!(
            stderr.contains("--region 70F:") && stderr.contains("which has no regions"),
            "{args:?}: {stderr}"
        );
    }
    let nhs = format!("{DATA}/nhs/payments-2022-23-practice.csv");
    let (success, stderr) = run(&["check", &nhs, "--region", "70F"]);
    assert!(success, "{stderr}");
}
