#!/usr/bin/env bash
# Builds the Windows release (MinGW-w64 cross build) and packs it as a zip:
# copydesk.exe, the icon and the README. Prints the zip's size.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
cargo build --locked --release --target "$target"
out=target/dist
stage="$out/copydesk-windows"
rm -rf "$stage" && mkdir -p "$stage"
cp "target/$target/release/copydesk.exe" assets/icons/copydesk.ico README.md assets/dictionaries/en_US.LICENSE "$stage/"
cp assets/fonts/OFL.txt "$stage/fonts-OFL.txt"
(cd "$out" && rm -f copydesk-windows-x86_64.zip && python3 -m zipfile -c copydesk-windows-x86_64.zip copydesk-windows)
ls -l "$out/copydesk-windows-x86_64.zip"
