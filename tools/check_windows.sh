#!/usr/bin/env bash
# Runs the Windows build under Wine and checks it against the Linux build:
#   1. the command line prints byte for byte what the Linux binary prints
#      (`report tests/data/region_70F.csv --format csv`, and a few more commands), with the
#      same exit status, from the app and from the console twin;
#   2. saving over a file another program holds open, as Excel does, says so and names the file;
#   3. the window renders under Xvfb: a 1366x768 screenshot, to be looked at.
#
# Usage: tools/check_windows.sh [SCREENSHOT.png]    (default dist/screenshot-windows-wine.png)
# Needs tools/release.sh's dist/ (or EXE=..., CLI_EXE=..., LINUX_BIN=...). Installs what is
# missing (Debian 12: wine wine64, gcc-mingw-w64-x86-64, xvfb, imagemagick, Mesa GL).
#
# Wine runs in a throwaway WINEPREFIX, removed at the end. Debian 12's Wine 8.0 lacks
# bcryptprimitives.dll, which every Rust exe imports (Windows 10 and 11 have it): a test-only
# stand-in (tools/wine/bcryptprimitives_shim.c) is built into that prefix. It is never shipped.
set -euo pipefail
cd "$(dirname "$0")/.."

exe="${EXE:-dist/pcn-explorer-windows-x86_64.exe}"
cli_exe="${CLI_EXE:-dist/pcn-explorer-cli-windows-x86_64.exe}"
linux="${LINUX_BIN:-dist/pcn-explorer-linux-x86_64}"
shot="${1:-dist/screenshot-windows-wine.png}"
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver

missing=()
[ -x "$wine" ] || missing+=(wine wine64)
command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || missing+=(gcc-mingw-w64-x86-64)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb xauth)
[ -x /usr/bin/import ] || missing+=(imagemagick)
for package in libgl1 libglx-mesa0 libgl1-mesa-dri; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for file in "$exe" "$cli_exe" "$linux"; do
    if [ ! -f "$file" ]; then
        echo "check_windows.sh: $file is missing: run tools/release.sh linux windows first" >&2
        exit 1
    fi
done

work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all HOME="$work/home"
# No Mono or Gecko install prompts, no desktop menu entries.
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe=d"
unset DISPLAY
mkdir -p "$HOME"
cleanup() {
    "$wineserver" -k >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "Wine: $("$wine" --version); making a throwaway prefix"
"$wine" wineboot --init >/dev/null 2>&1
"$wineserver" -w
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    tools/wine/bcryptprimitives_shim.c -ladvapi32 -Wl,--kill-at
x86_64-w64-mingw32-gcc -O2 -municode -o "$work/hold_open.exe" tools/wine/hold_open.c

failed=0

# 1. The same bytes as the Linux binary, and the same exit status.
same_output() {
    local program="$1"
    shift
    local linux_status=0 windows_status=0
    "$linux" "$@" >"$work/linux.out" 2>"$work/linux.err" || linux_status=$?
    "$wine" "$program" "$@" >"$work/windows.out" 2>"$work/windows.err" || windows_status=$?
    local shown
    shown="$(basename "$program") $*"
    if cmp -s "$work/linux.out" "$work/windows.out" && [ "$linux_status" = "$windows_status" ]; then
        echo "same: $shown ($(wc -c <"$work/linux.out") bytes, exit $linux_status)"
    else
        failed=1
        echo "DIFFERENT: $shown (exit: Linux $linux_status, Windows $windows_status)"
        cmp "$work/linux.out" "$work/windows.out" || true
        diff <(od -c "$work/linux.out") <(od -c "$work/windows.out") | head -20 || true
        head -5 "$work/windows.err"
    fi
}
same_output "$exe" report tests/data/region_70F.csv --format csv
same_output "$exe" report tests/data/region_70F.csv
same_output "$exe" report tests/data/region_70F.csv --format json --year 2024-25
same_output "$exe" check tests/data/region_70F.csv
same_output "$exe" regions
same_output "$exe" rules --format csv
same_output "$exe" report tests/data/no-such-file.csv
same_output "$cli_exe" report tests/data/region_70F.csv --format csv
same_output "$cli_exe" check tests/data/region_70F.csv

# 2. Saving over a file another program holds open (others may read, nobody may replace it).
held="$work/hubs.csv"
"$linux" export tests/data/region_70F.csv --what hubs -o "$held" 2>/dev/null
"$wine" "$work/hold_open.exe" "$held" "$work/stop" >"$work/hold.out" 2>&1 &
holder=$!
for _ in $(seq 100); do
    grep -q holding "$work/hold.out" 2>/dev/null && break
    sleep 0.1
done
status=0
"$wine" "$exe" export tests/data/region_70F.csv --what hubs -o "$held" 2>"$work/held.err" || status=$?
touch "$work/stop"
wait "$holder" || true
expected="$held is open in another program (Excel?); close it there and save again"
if [ "$status" != 0 ] && grep -qF "$expected" "$work/held.err"; then
    echo "held open: exit $status, says: $(cat "$work/held.err")"
else
    failed=1
    echo "HELD OPEN NOT EXPLAINED: exit $status, said: $(cat "$work/held.err")"
fi

# 3. The window under Xvfb, 1366x768. The Wine processes of the steps above ran with no
# display: let them end first, or the window would join their desktop and draw nowhere.
"$wineserver" -w
mkdir -p "$(dirname "$shot")"
rm -f "$shot"
xvfb-run -a -s "-screen 0 1366x768x24" sh -c "
    '$wine' '$exe' tests/data/region_70F.csv >'$work/window.log' 2>&1 &
    sleep 30
    /usr/bin/import -window root '$shot'
    '$wineserver' -k
" || true
# A window that did not draw leaves the screen one colour; the app's window has hundreds.
colours=0
[ -s "$shot" ] && colours=$(convert "$shot" -format %k info:)
if [ "$colours" -ge 100 ]; then
    echo "window: screenshot in $shot ($colours colours; look at it)"
else
    failed=1
    echo "WINDOW NOT DRAWN: $colours colours in the screenshot; the app said:"
    cat "$work/window.log"
fi

if [ "$failed" != 0 ]; then
    echo "check_windows.sh: FAILED" >&2
    exit 1
fi
echo "check_windows.sh: all checks passed"
