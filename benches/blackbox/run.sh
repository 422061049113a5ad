#!/usr/bin/env bash
# Black-box figures, as a user feels them, for Copydesk and ghostwriter in
# one run: start-up and memory (gui-load.sh), CPU per typed key and idle CPU
# (keystroke-cpu.sh), on articles of 1,000, 20,000 and 200,000 words. Needs
# Xvfb, xdotool and the tools in ../shared/tools; ghostwriter from Debian
# (apt-get install ghostwriter). Prints the tools' summary lines.
#
# Usage: benches/blackbox/run.sh [RUNS]   (from the repository; release build)
#   EDITORS="copydesk ghostwriter"  DOCS="a1k a20k a200k"  SKIP_LOAD=1 (typing only)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
tools=${TOOLS:-../shared/tools}
docs=$(mktemp -d /tmp/copydesk-blackbox.XXXXXX)
python3 benches/blackbox/make_articles.py "$docs" >/dev/null
cargo build --release --quiet
copydesk=$PWD/target/release/copydesk
# Each launch gets its own settings and recovery folders (fresh-home.sh):
# shared ones would open "Recover unsaved work" in every run after the first
# (each run ends by killing the app), and measure that window too.

read -r -a editors <<< "${EDITORS:-copydesk ghostwriter}"
read -r -a documents <<< "${DOCS:-a1k a20k a200k}"
command_for() {
    case $1 in
        copydesk) echo "$tools/fresh-home.sh $copydesk" ;;
        ghostwriter) echo "$tools/fresh-home.sh ghostwriter" ;;
    esac
}

for doc in "${documents[@]}"; do
    [ -n "${SKIP_LOAD:-}" ] && break
    for editor in "${editors[@]}"; do
        cp "$docs/$doc.md" "$docs/$editor-$doc.md"
        echo "## start-up and memory: $editor, $doc"
        # shellcheck disable=SC2046
        "$tools/gui-load.sh" -q -n "$runs" "$editor-$doc.md" -- $(command_for "$editor") "$docs/$editor-$doc.md" || true
    done
done
for doc in "${documents[@]}"; do
    for editor in "${editors[@]}"; do
        for speed in "-N 100 -d 200" "-N 200 -d 20"; do
            cp "$docs/$doc.md" "$docs/$editor-$doc.md"
            echo "## typing ($speed): $editor, $doc"
            # shellcheck disable=SC2046,SC2086
            "$tools/keystroke-cpu.sh" -q -n "$runs" $speed "$editor-$doc.md" -- $(command_for "$editor") "$docs/$editor-$doc.md" || true
        done
    done
done
rm -rf "${FRESH_HOME_ROOT:-/tmp}"/fresh-home.*
