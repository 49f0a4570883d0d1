#!/bin/sh
# Builds pcn-explorer for a browser into dist/pcn-explorer-web/ (or the folder given): index.html,
# the service worker, pcn-explorer.js and pcn-explorer_bg.wasm. Serve that folder from any static
# web server (an intranet share, `python3 -m http.server`); it fetches nothing from elsewhere.
#
# Needs: rustup target add wasm32-unknown-unknown
#        cargo install wasm-bindgen-cli --version <the wasm-bindgen version in Cargo.lock>
set -eu
cd "$(dirname "$0")/.."
out=${1:-dist/pcn-explorer-web}
target_dir=${CARGO_TARGET_DIR:-target}

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! command -v wasm-bindgen >/dev/null 2>&1; then
    echo "build_web.sh: wasm-bindgen is not installed: cargo install wasm-bindgen-cli --version $wanted" >&2
    exit 1
fi
have=$(wasm-bindgen --version | awk '{ print $2 }')
if [ "$have" != "$wanted" ]; then
    echo "build_web.sh: wasm-bindgen $have is installed but Cargo.lock has $wanted:" >&2
    echo "  cargo install wasm-bindgen-cli --version $wanted" >&2
    exit 1
fi

cargo build --release --locked --target wasm32-unknown-unknown --bin pcn-explorer

rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name pcn-explorer \
    "$target_dir/wasm32-unknown-unknown/release/pcn-explorer.wasm"
cp web/index.html web/sw.js "$out/"
echo "build_web.sh: built $out:"
ls -l "$out"
