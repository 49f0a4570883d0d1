#!/usr/bin/env bash
# Measures the real window under Xvfb: time from launch until the window is mapped with its title,
# peak memory (VmHWM) after it has drawn, and CPU used while idle.
# Usage: tools/measure_window.sh [FILE]   (needs xvfb, xdotool; builds nothing: run
#        `cargo build --release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/pcn-explorer}
DISP=:77
Xvfb $DISP -screen 0 1600x900x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
trap 'kill $APID $XPID 2>/dev/null || true' EXIT
export DISPLAY=$DISP
unset WAYLAND_DISPLAY
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
START=$(date +%s.%N)
# A fresh preferences folder so no recovery offer or remembered layout changes the measurement.
export XDG_DATA_HOME=$(mktemp -d)
"$BIN" "$@" >/dev/null 2>&1 &
APID=$!
until xdotool search --name "pcn-explorer" >/dev/null 2>&1; do sleep 0.02; done
MAPPED=$(date +%s.%N)
echo "window mapped after $(echo "$MAPPED - $START" | bc) s"
# First frame: the menu bar area stops being one flat colour (screen grabs every ~50 ms).
until [ "$(/usr/bin/import -window root -crop 300x40+0+0 -format '%[fx:standard_deviation>0.01]' info: 2>/dev/null)" = "1" ]; do sleep 0.02; done
DRAWN=$(date +%s.%N)
echo "first frame drawn after $(echo "$DRAWN - $START" | bc) s"
sleep 6 # let it load (England reads on a worker thread) and draw
WID=$(xdotool search --name "pcn-explorer" | head -1)
xdotool windowsize "$WID" 1600 900 >/dev/null 2>&1 || true
sleep 2
ticks() { awk '{print $14 + $15}' /proc/$APID/stat; }
T0=$(ticks); sleep 10; T1=$(ticks)
HZ=$(getconf CLK_TCK)
echo "idle CPU over 10 s: $(echo "scale=2; ($T1 - $T0) * 100 / $HZ / 10" | bc) %"
grep -E "VmHWM|VmRSS" /proc/$APID/status
