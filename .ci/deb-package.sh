#!/usr/bin/env bash
# Builds the .deb with cargo-deb, installs it with the system's package tool,
# starts the app the way the desktop entry says (under Xvfb) and checks that
# a window with the sample article appears; then removes the package.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo deb --locked
deb=$(ls -t target/debian/copydesk_*.deb | head -1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"
apt-get install -y -qq "./$deb" >/dev/null
trap 'apt-get remove -y -qq copydesk >/dev/null 2>&1 || true; kill "${xvfb:-}" "${app:-}" 2>/dev/null || true' EXIT

entry=/usr/share/applications/copydesk.desktop
test -f "$entry"
test -f /usr/share/icons/hicolor/256x256/apps/copydesk.png
grep -q '^MimeType=.*text/markdown' "$entry"
exec_line=$(sed -n 's/^Exec=//p' "$entry" | sed 's/ %[fFuU]//')
command -v "${exec_line%% *}" >/dev/null

display=:$((250 + RANDOM % 40))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
home=$(mktemp -d)
# shellcheck disable=SC2086
DISPLAY="$display" HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" $exec_line >/dev/null 2>&1 &
app=$!
for _ in $(seq 1 60); do
  # With nothing to restore the app opens its built-in sample, whose tab (and
  # so the window title) is labelled as such. The pattern is a regex over
  # bytes: ".*" stands for the em dash.
  if DISPLAY="$display" xdotool search --name 'Sample article \(built-in\).*Copydesk' >/dev/null 2>&1; then
    echo "deb-package: 1 passed, 0 failed (installed, started from $entry, window shown)"
    exit 0
  fi
  sleep 0.5
done
echo "deb-package: 0 passed, 1 failed (no window from the installed package)"
exit 1
