#!/usr/bin/env bash
# Proves that the tests of issue 10 ("Nothing destroyed, nothing misread") bite: for each of its
# 13 classes of defects, this script removes the fix from src/ with a deliberate break (the
# smallest change that brings the defect back, made at the root: the shared reader or writer),
# runs only that class's test(s), and expects them to FAIL; then it restores the file. At the
# end it runs the same tests on the unbroken code and expects them to pass.
#
# Run from anywhere in a clean checkout (it refuses a tree with uncommitted changes, because it
# restores each broken file with `git checkout -- FILE`):
#
#     tools/prove_tests_bite.sh            # every break, then the unbroken run
#     tools/prove_tests_bite.sh 5 12a      # only these breaks (and their unbroken tests)
#     tools/prove_tests_bite.sh --dry-run  # apply and restore each break, build nothing
#
# It builds in its own CARGO_TARGET_DIR (target/prove), so normal builds are not disturbed; the
# first run is a cold debug build (15-20 min on two cores), each break then rebuilds the crate.
# Logs: target/prove/prove-logs/. Exit 1 if any test does not fail when its fix is broken, a
# break cannot be applied or does not compile, or any test fails unbroken.
set -uo pipefail

cd "$(git rev-parse --show-toplevel)" || exit 2
if [[ -n "$(git status --porcelain --untracked-files=no)" ]]; then
    echo "refusing to run: the git tree has uncommitted changes (this script restores files with git checkout)" >&2
    exit 2
fi
export CARGO_TARGET_DIR=target/prove
LOGS=$CARGO_TARGET_DIR/prove-logs
mkdir -p "$LOGS"

# --- Restoring what a break changed, also on error or interrupt -------------------------------
BROKEN_FILES=()
restore() {
    local file
    for file in "${BROKEN_FILES[@]}"; do
        git checkout -- "$file"
    done
    BROKEN_FILES=()
}
trap restore EXIT
trap 'restore; echo "interrupted: files restored" >&2; exit 130' INT TERM

# subst FILE FROM TO: replaces the one literal occurrence of FROM (which may span lines) in FILE.
# Fails when FROM is not found exactly once, or the file did not change.
subst() {
    local file=$1
    BROKEN_FILES+=("$file")
    FROM=$2 TO=$3 perl -0777 -i -pe '
        my $n = () = /\Q$ENV{FROM}\E/g;
        die "expected the text once, found it $n times\n" unless $n == 1;
        s/\Q$ENV{FROM}\E/$ENV{TO}/;' "$file" || return 1
    if git diff --quiet -- "$file"; then
        echo "the substitution changed nothing in $file" >&2
        return 1
    fi
}

# --- The deliberate breaks, one per function --------------------------------------------------
# 1: an output that is one of the inputs is no longer recognised.
break_1() {
    subst src/io/output.rs 'inputs.iter().find(|input| same_file(output, input))' \
        'inputs.iter().find(|input| false && same_file(output, input))'
}
# 2a: a symbolic link output is replaced by a regular file (the link is not followed).
break_2a() {
    subst src/io/output.rs 'if kind.is_symlink() {' 'if false {' &&
        subst src/io/output.rs '} else if kind.is_file() {' '} else if kind.is_file() || kind.is_symlink() {'
}
# 2b: a FIFO is treated as a regular file and replaced. (Not a device: run as root, a broken
# writer would replace /dev/null for the whole machine; the test tries /dev/null, then a FIFO.)
break_2b() {
    subst src/io/output.rs '} else if kind.is_file() {' \
        '} else if kind.is_file() || std::os::unix::fs::FileTypeExt::is_fifo(&kind) {'
}
# 3: temp files of killed saves are removed only when 10 minutes old (unlocked is not enough).
break_3() {
    subst src/io/atomic.rs 'File::open(temp).is_ok_and(|file| file.try_lock().is_ok())' 'false'
}
# 4: a file's source keeps its folders.
break_4() {
    subst src/io/practice_csv.rs "pub fn source_name(file: &str) -> String {
    let name = file.rsplit(['/', '\\\\']).next().unwrap_or(file);" \
        "pub fn source_name(file: &str) -> String {
    let name = file;"
}
# 5: any comma is a thousands separator ("4029,25" is 402,925).
break_5() {
    subst src/io/csv_input.rs 'if !groups_thousands(text) {' 'if false {'
}
# 6: codes are no longer trimmed and upper-cased (every reader shares normalise_code).
break_6() {
    subst src/model/text.rs \
        'if trimmed.len() == code.len() && !trimmed.bytes().any(|b| b.is_ascii_lowercase()) {' \
        'if true {'
}
# 6b: the scenario reader alone stops normalising codes.
break_6b() {
    subst src/io/scenario_validate.rs '    normalise_codes(&mut dto);
' ''
}
# 7: no coast check: the outline is treated as missing.
break_7() {
    subst src/io/uk_outline.rs 'if outline.is_empty() {' 'if true {'
}
# 8: an NHS row whose close date is not a date is dropped as closed.
break_8() {
    subst src/io/nhs_payments.rs '} else if is_date(&closed) {' '} else if true {'
}
# 9a: no character is unsafe (readers, model and exports share is_unsafe_char).
break_9a() {
    subst src/model/text.rs 'pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()' 'pub fn is_unsafe_char(c: char) -> bool {
    false && c.is_control()'
}
# 9c: exports keep control characters (neutralise_cell does not strip them).
break_9c() {
    subst src/present/mod.rs 'let clean = crate::model::text::without_unsafe_chars(text);' \
        'let clean = std::borrow::Cow::Borrowed(text);'
}
# 9d: the scenario reader checks only the length of a text again.
break_9d() {
    subst src/io/scenario_checks.rs 'unsafe_char(text).map(unsafe_message)' 'None'
}
# 9b: a formula behind spaces is not neutralised.
break_9b() {
    subst src/present/mod.rs '        .trim_start_matches(|c: char| c.is_whitespace())
' ''
}
# 10a: only regular files are capped (a device or pipe gives what it gives).
break_10a() {
    subst src/io/mod.rs '    if bytes.len() as u64 > limit {' '    if metadata.is_file() && bytes.len() as u64 > limit {'
}
# 10b: sizes in decimal megabytes ("268 MB" for 256 MiB).
break_10b() {
    subst src/io/mod.rs 'format!("{} MiB", bytes / MIB)' 'format!("{} MB", bytes / 1_000_000)'
}
# 11: creating a hub searches every hub for its code again (quadratic validation).
break_11() {
    subst src/model/apply.rs 'if scenario.hub_by_code(&hub.code).is_some() {' \
        'if scenario.hubs().values().any(|other| other.code == hub.code) {'
}
# 12a: UTF-16 is not recognised.
break_12a() {
    subst src/io/text_input.rs 'fn is_utf16(bytes: &[u8]) -> bool {
' 'fn is_utf16(bytes: &[u8]) -> bool {
    return false;
'
}
# 12b: any `Practice Code` column makes a CSV an NHS payments file.
break_12b() {
    subst src/io/mod.rs 'if !has("practice_code") && has("practice code") {' 'if has("practice code") {'
}
# 12g: a `.ron` is not a scenario by its extension (content decides alone).
break_12g() {
    subst src/io/mod.rs '        Some("ron") => FileKind::Scenario,
' ''
}
# 12c: the scenario check stops after fifty problems again ("51 problems ... and 1 more").
break_12c() {
    subst src/io/scenario_validate.rs '        }
    }
    let options = check_options(' '        }
        if problems.len() > MAX_PROBLEMS {
            return Err(problems);
        }
    }
    let options = check_options('
}
# 12h: problems a CSV reader counted but did not keep are forgotten ("50 problems").
break_12h() {
    subst src/io/error.rs 'let total_problems = problems.len() + dropped;' 'let total_problems = problems.len();'
}
# 12d: an unclosed quote is not looked for.
break_12d() {
    subst src/io/csv_input.rs 'if let Some(line) = unclosed_quote_line(bytes) {' \
        'if let Some(line) = unclosed_quote_line(bytes).filter(|_| false) {'
}
# 12e: CR-only line ends are not turned into line feeds (lines are miscounted).
break_12e() {
    subst src/io/csv_input.rs "if bytes.contains(&b'\\r') && !bytes.contains(&b'\\n') {" 'if false {'
}
# 12f: a 150-digit number is shown in full.
break_12f() {
    subst src/io/text_input.rs 'if value.is_finite() && value.abs() >= 1e15 {' 'if false {'
}
# 13a: --region for a file without regions is silently ignored.
break_13a() {
    subst src/cli.rs 'if files.iter().any(|(_, kind)| kind.has_regions()) {' 'if true {'
}
# 13b: one warning per unused column.
break_13b() {
    subst src/io/practice_csv.rs 'warnings.extend(unused_columns_warning(file, &unused));' \
        'warnings.extend(unused.iter().filter_map(|name| unused_columns_warning(file, std::slice::from_ref(name))));'
}

# --- Which test(s) must fail under which break ------------------------------------------------
# id | what was broken (file: change) | tests (test-binary::exact-test-name, space-separated)
BREAKS=(
    "1|src/io/output.rs: check_output_not_input never matches an input|hardened_outputs::an_output_that_is_an_input_is_refused_and_the_input_kept ui_export_guard::an_export_onto_the_open_document_is_refused_and_the_file_is_unchanged"
    "2a|src/io/output.rs: resolve_output does not follow a link (replaces it)|hardened_outputs::an_output_link_keeps_being_a_link_and_special_files_are_refused"
    "2b|src/io/output.rs: resolve_output takes a FIFO for a regular file|hardened_outputs::an_output_link_keeps_being_a_link_and_special_files_are_refused"
    "3|src/io/atomic.rs: is_abandoned ignores locks (10-minute rule only)|hardened_outputs::the_next_save_removes_what_a_killed_save_left"
    "4|src/io/practice_csv.rs: source_name keeps the folders|hardened_outputs::import_keeps_only_the_file_name_of_its_source"
    "5|src/io/csv_input.rs: parse_number accepts any comma|broken_inputs::every_broken_file_gives_its_specific_message"
    "6|src/model/text.rs: normalise_code keeps case and spaces|hardened_readers::codes_are_trimmed_and_upper_case_in_every_reader broken_inputs::every_broken_file_gives_its_specific_message"
    "6b|src/io/scenario_validate.rs: scenario_from_dto skips normalise_codes|hardened_readers::codes_are_trimmed_and_upper_case_in_every_reader broken_inputs::every_broken_file_gives_its_specific_message"
    "7|src/io/uk_outline.rs: practices_off_the_coast finds none|hardened_readers::practices_off_the_uk_land_are_named_and_the_rest_loads"
    "8|src/io/nhs_payments.rs: an unreadable close date means closed|broken_inputs::every_broken_file_gives_its_specific_message"
    "9a|src/model/text.rs: is_unsafe_char is always false|hardened_readers::names_with_control_characters_are_refused_by_the_model broken_inputs::every_broken_file_gives_its_specific_message"
    "9d|src/io/scenario_checks.rs: text_problem checks the length only|broken_inputs::every_broken_file_gives_its_specific_message"
    "9b|src/present/mod.rs: neutralise_cell does not look behind spaces|hardened_readers::formula_cells_behind_spaces_and_line_breaks_are_neutralised"
    "9c|src/present/mod.rs: neutralise_cell keeps control characters|hardened_readers::formula_cells_behind_spaces_and_line_breaks_are_neutralised"
    "10a|src/io/mod.rs: read_capped caps regular files only|hardened_outputs::devices_and_pipes_are_read_with_the_same_cap_as_files"
    "10b|src/io/mod.rs: mib() says MB (decimal)|hardened_outputs::devices_and_pipes_are_read_with_the_same_cap_as_files"
    "11|src/model/apply.rs: CreateHub searches every hub's code|hardened_readers::forty_thousand_hubs_are_checked_in_under_two_seconds"
    "12a|src/io/text_input.rs: is_utf16 is always false|broken_inputs::every_broken_file_gives_its_specific_message"
    "12b|src/io/mod.rs: csv_kind: a Practice Code column means NHS|hardened_readers::file_kind_comes_from_name_and_content_together"
    "12g|src/io/mod.rs: detect_kind_of ignores the .ron extension|hardened_readers::file_kind_comes_from_name_and_content_together broken_inputs::every_broken_file_gives_its_specific_message"
    "12c|src/io/scenario_validate.rs: assignments checked up to 51 problems|broken_inputs::a_scenario_with_62_unknown_practices_says_62_and_lists_fifty"
    "12h|src/io/error.rs: problems counted but not kept are forgotten|broken_inputs::a_practice_csv_with_62_bad_rows_says_62_and_lists_fifty"
    "12d|src/io/csv_input.rs: open_csv skips the unclosed-quote check|broken_inputs::every_broken_file_gives_its_specific_message"
    "12e|src/io/csv_input.rs: open_csv keeps CR-only line ends|broken_inputs::every_broken_file_gives_its_specific_message"
    "12f|src/io/text_input.rs: show_number writes every digit|broken_inputs::every_broken_file_gives_its_specific_message"
    "13a|src/cli.rs: check_region_used accepts every file|hardened_outputs::region_for_a_file_without_regions_is_an_error"
    "13b|src/io/practice_csv.rs: one warning per unused column|hardened_readers::ten_thousand_unused_columns_give_one_warning"
)

# why_failed LOG: the first line of the test's panic message (to see it failed for its reason).
why_failed() {
    sed -n '/panicked at/,/^note:\|^stack backtrace:/p' "$1" | sed '1d;$d' | tr -s ' \n' ' ' |
        cut -c1-100 | tr '|`' '/'"'"
}

# run_test BIN::NAME LOG: prints passed, failed or error (did not build, or not exactly 1 test).
run_test() {
    local bin=${1%%::*} name=${1#*::} log=$2
    cargo test --test "$bin" -- --exact "$name" >"$log" 2>&1
    local status=$?
    if ! grep -q '^running 1 test$' "$log"; then
        echo error
    elif [[ $status -eq 0 ]] && grep -q 'test result: ok. 1 passed' "$log"; then
        echo passed
    elif grep -q 'test result: FAILED. 0 passed; 1 failed' "$log"; then
        echo failed
    else
        echo error
    fi
}

DRY_RUN=0
SELECTED=()
for arg in "$@"; do
    case $arg in
        --dry-run) DRY_RUN=1 ;;
        *) SELECTED+=("$arg") ;;
    esac
done
selected() {
    [[ ${#SELECTED[@]} -eq 0 ]] && return 0
    local id
    for id in "${SELECTED[@]}"; do [[ $id == "$1" ]] && return 0; done
    return 1
}

STARTED=$SECONDS
BAD=0
ROWS=()
ALL_TESTS=()
for entry in "${BREAKS[@]}"; do
    IFS='|' read -r id what tests <<<"$entry"
    selected "$id" || continue
    if ! "break_$id"; then
        echo "== $id: BREAK NOT APPLIED ($what)" >&2
        ROWS+=("$id|$what|-|BREAK NOT APPLIED")
        BAD=1
        restore
        continue
    fi
    if [[ $DRY_RUN -eq 1 ]]; then
        echo "== $id: $(git diff --stat | tail -1)"
        git diff -U0 | grep '^[-+][^-+]'
        restore
        continue
    fi
    for test in $tests; do
        ALL_TESTS+=("$test")
        echo "== $id: $what: running ${test} (broken)" >&2
        took=$SECONDS
        log=$LOGS/$id-${test//::/-}.log
        why=
        case $(run_test "$test" "$log") in
            failed) result="fails when broken (bites)"; why=$(why_failed "$log") ;;
            passed) result="PASSES WHEN BROKEN (does not bite)"; BAD=1 ;;
            *) result="ERROR (see $log)"; BAD=1 ;;
        esac
        ROWS+=("$id|$what|$test|$result, $((SECONDS - took)) s|$why")
    done
    restore
done
[[ $DRY_RUN -eq 1 ]] && exit "$BAD"

UNBROKEN=()
mapfile -t UNIQUE < <(printf '%s\n' "${ALL_TESTS[@]}" | sort -u)
for test in "${UNIQUE[@]}"; do
    [[ -z $test ]] && continue
    echo "== unbroken: running $test" >&2
    case $(run_test "$test" "$LOGS/unbroken-${test//::/-}.log") in
        passed) UNBROKEN+=("$test|passes") ;;
        failed) UNBROKEN+=("$test|FAILS UNBROKEN"); BAD=1 ;;
        *) UNBROKEN+=("$test|ERROR (see $LOGS/unbroken-${test//::/-}.log)"); BAD=1 ;;
    esac
done

echo
echo "| Class | What was broken | Test | Result | Failed with |"
echo "|---|---|---|---|---|"
for row in "${ROWS[@]}"; do
    IFS='|' read -r id what test result why <<<"$row"
    echo "| $id | $what | \`$test\` | $result | ${why:+\`$why\`} |"
done
echo
echo "| Unbroken test | Result |"
echo "|---|---|"
for row in "${UNBROKEN[@]}"; do
    IFS='|' read -r test result <<<"$row"
    echo "| \`$test\` | $result |"
done
echo
echo "Run time: $(((SECONDS - STARTED) / 60)) min $(((SECONDS - STARTED) % 60)) s"
if [[ $BAD -ne 0 ]]; then
    echo "NOT PROVEN: a test did not bite, a break failed, or a test fails unbroken" >&2
    exit 1
fi
echo "Every test fails when its fix is broken and passes when it is not."
