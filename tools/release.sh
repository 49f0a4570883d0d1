#!/usr/bin/env bash
# Builds the downloads into dist/:
#   dist/pcn-explorer-linux-x86_64            the Linux binary
#   dist/pcn-explorer-windows-x86_64.exe      the Windows app (double-click; also the command line)
#   dist/pcn-explorer-cli-windows-x86_64.exe  the Windows command line for scripts (console program)
#   dist/pcn-explorer-web/                    the web build (when tools/build_web.sh exists)
#   dist/SHA256SUMS
#
# Usage: tools/release.sh [linux] [windows] [web]     (no argument: all three)
#
# Everything is built with Cargo's `dist` profile (Cargo.toml: release + fat LTO, one codegen
# unit, stripped), so the ordinary `cargo build --release` stays as quick as before. The Windows
# exe is cross-built on Linux with mingw-w64 (no MSVC, no Windows machine); tools/check_windows.sh
# then runs it under Wine.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
windows_target=x86_64-pc-windows-gnu
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(linux windows web)
wants() {
    local part
    for part in "${parts[@]}"; do [ "$part" = "$1" ] && return 0; done
    return 1
}
for part in "${parts[@]}"; do
    case "$part" in
    linux | windows | web) ;;
    *)
        echo "release.sh: unknown part '$part' (linux, windows, web)" >&2
        exit 2
        ;;
    esac
done

# The DLLs a Windows exe may import: Windows' own, present on every Windows 10 and 11.
# (msvcrt.dll is Windows' C runtime, which mingw-w64 links against; api-ms-win-core-* are
# Windows' API sets.) Anything else would have to be shipped beside the exe, which we never do.
windows_dlls='^(kernel32|user32|gdi32|opengl32|advapi32|shell32|ole32|oleaut32|combase|rpcrt4|uiautomationcore|comctl32|comdlg32|ntdll|ws2_32|bcryptprimitives|uxtheme|dwmapi|imm32|shlwapi|userenv|propsys|msvcrt|winmm|version|api-ms-win-core-[a-z0-9-]+)\.dll$'

seconds() { date +%s; }
mkdir -p dist

if wants linux; then
    start=$(seconds)
    cargo build --profile dist --locked --bin pcn-explorer
    cp "$target_dir/dist/pcn-explorer" dist/pcn-explorer-linux-x86_64
    echo "linux: dist/pcn-explorer-linux-x86_64 in $(($(seconds) - start)) s"
fi

if wants windows; then
    start=$(seconds)
    for tool in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres x86_64-w64-mingw32-objdump; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "release.sh: $tool is missing: apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64" >&2
            exit 1
        fi
    done
    if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx "$windows_target"; then
        rustup target add "$windows_target"
    fi
    cargo build --profile dist --locked --target "$windows_target" --features console-exe --bins
    out="$target_dir/$windows_target/dist"
    cp "$out/pcn-explorer.exe" dist/pcn-explorer-windows-x86_64.exe
    cp "$out/pcn-explorer-cli.exe" dist/pcn-explorer-cli-windows-x86_64.exe
    for exe in dist/pcn-explorer-windows-x86_64.exe dist/pcn-explorer-cli-windows-x86_64.exe; do
        dlls=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | sort -fu)
        echo "$exe imports: $(echo "$dlls" | tr '\n' ' ')"
        foreign=$(echo "$dlls" | grep -Eiv "$windows_dlls" || true)
        if [ -n "$foreign" ]; then
            echo "release.sh: $exe needs DLLs that are not part of Windows: $foreign" >&2
            exit 1
        fi
        if ! x86_64-w64-mingw32-objdump -h "$exe" | grep -q '\.rsrc'; then
            echo "release.sh: $exe has no resources (icon, version, manifest): was windres found?" >&2
            exit 1
        fi
    done
    echo "windows: dist/pcn-explorer-windows-x86_64.exe and dist/pcn-explorer-cli-windows-x86_64.exe in $(($(seconds) - start)) s"
fi

if wants web; then
    # ---- Web build: dist/pcn-explorer-web/ -------------------------------------------------
    # Filled in by the web build (branch `web`): tools/build_web.sh OUT_DIR must leave a static
    # site in OUT_DIR (index.html, the wasm and its JavaScript) that works from any static server.
    if [ -f tools/build_web.sh ]; then
        start=$(seconds)
        rm -rf dist/pcn-explorer-web
        bash tools/build_web.sh dist/pcn-explorer-web
        if [ ! -f dist/pcn-explorer-web/index.html ]; then
            echo "release.sh: tools/build_web.sh left no dist/pcn-explorer-web/index.html" >&2
            exit 1
        fi
        echo "web: dist/pcn-explorer-web/ in $(($(seconds) - start)) s"
    else
        echo "web: skipped (no tools/build_web.sh yet)"
    fi
    # ---- end of the web build ---------------------------------------------------------------
fi

(
    cd dist
    find . -type f -path './pcn-explorer-*' | sed 's|^\./||' | LC_ALL=C sort | xargs -d '\n' sha256sum >SHA256SUMS
)
ls -l dist
