#!/usr/bin/env bash
# The Windows build, tested on Linux: cross-compile copydesk.exe with
# MinGW-w64, run its command line under Wine on every sample and compare with
# the Linux build (line endings aside), then start the GUI under Wine and
# Xvfb and check that it drew. Needs: the x86_64-pc-windows-gnu target,
# gcc-mingw-w64-x86-64, wine, xvfb, xdotool, imagemagick (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
cargo build --locked --target "$target"
cargo build --locked
linux=target/debug/copydesk
work=$(mktemp -d)
trap 'WINEPREFIX="$work/prefix" wineserver -k >/dev/null 2>&1 || true; kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "target/$target/debug/copydesk.exe" "$work/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" tests/wine/processprng_shim.c -ladvapi32

export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
wineboot --init >/dev/null 2>&1 || true
win() { wine "$work/copydesk.exe" "$@" 2>/dev/null | tr -d '\r'; }

passed=0 failed=0
for sample in sample_docs/*; do
  for command in "import" "export --to html" "export --to text" "inspect"; do
    # shellcheck disable=SC2086
    expected=$("$linux" $command "$sample")
    # shellcheck disable=SC2086
    got=$(win $command "$sample")
    if [ "$expected" = "$got" ]; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      echo "DIFFERS: copydesk.exe $command $sample"
      diff <(printf '%s\n' "$expected") <(printf '%s\n' "$got") | head -20 || true
    fi
  done
done
# Bad input: the same one-line message and exit code 2.
set +e
wine "$work/copydesk.exe" inspect "$work/missing.md" >/dev/null 2>"$work/err.txt"; code=$?
set -e
if [ "$code" = 2 ] && grep -q "no such file" "$work/err.txt"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "DIFFERS: bad input (exit $code)"; fi

# The GUI under Wine: wgpu's DX12 backend fails under Wine, GL renders.
display=:$((200 + RANDOM % 50))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY="$display" WGPU_BACKEND=gl wine "$work/copydesk.exe" >/dev/null 2>&1 &
window=""
for _ in $(seq 1 120); do
  window=$(DISPLAY="$display" xdotool search --name "Copydesk" 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
if [ -n "$window" ]; then
  sleep 4
  DISPLAY="$display" import -window root "$work/wine-gui.png"
  colours=$(identify -format '%k' "$work/wine-gui.png")
  if [ "$colours" -gt 50 ]; then
    passed=$((passed + 1))
    echo "the Windows GUI drew under Wine ($colours colours on screen)"
    mkdir -p target && cp "$work/wine-gui.png" target/wine-gui.png
  else
    failed=$((failed + 1)); echo "DIFFERS: the Windows GUI window is blank ($colours colours)"
  fi
else
  failed=$((failed + 1)); echo "DIFFERS: the Windows GUI opened no window"
fi

echo "windows-under-wine: $passed passed, $failed failed"
[ "$failed" = 0 ]
