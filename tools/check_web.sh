#!/bin/sh
# Checks the web build as a person would use it, in headless Chromium (Debian's `chromium`):
# serves the built folder from 127.0.0.1 with python3's static server and drives the page over the
# DevTools protocol (tools/check_web.mjs, plain node, no packages):
#   - the window starts and draws the bundled example (web-start.png), a bundled region opens;
#   - a file dropped on the page opens (a real File through eframe's drop handler);
#   - Save downloads a scenario file (the browser has no save dialog: a name is asked; Enter);
#   - Ctrl+O shows the browser's file picker and the file chosen in it opens;
#   - a practice dragged to another hub moves; autosave writes it to localStorage when the page
#     loses focus; the next visit offers it back and Restore restores it;
#   - the Excel workbook and the map picture export as downloads (an .xlsx zip, a PNG), run
#     from the command palette (Ctrl+K) as File > Export's entries;
#   - Suggest (Compare > Suggest…, from the palette) searches in the page, shows its
#     alternatives, and one applies;
#   - nothing panics (console and Chromium's log) and nothing is fetched from elsewhere.
# Clicks are at fixed points of the 1366x768 window (see the screenshots in OUT_DIR).
# The test file dropped on the page (tests/data/region_70F.csv) is copied next to index.html in
# a temporary folder; the built folder itself is not changed.
#
#   tools/check_web.sh [BUILT_FOLDER [OUT_DIR]]   (defaults: dist/pcn-explorer-web, target/check-web)
set -eu
cd "$(dirname "$0")/.."
site=${1:-dist/pcn-explorer-web}
out=${2:-target/check-web}
if [ ! -f "$site/index.html" ]; then
    echo "check_web.sh: no web build in $site: run tools/build_web.sh first" >&2
    exit 1
fi
serve=$(mktemp -d)
profile=$(mktemp -d)
cp -R "$site"/. "$serve"/
cp tests/data/region_70F.csv "$serve"/
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$serve" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$serve" "$profile"' EXIT INT TERM
sleep 1
rm -rf "$out"
mkdir -p "$out"
HOME=$profile node tools/check_web.mjs "http://127.0.0.1:$port/" "$out"
