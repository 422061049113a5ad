#!/usr/bin/env bash
# A portable Linux tarball (what an AppImage would be, whose tooling cannot
# be downloaded here): the release binary, the desktop entry and the icons.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --release
out=target/dist
stage="$out/copydesk-linux-x86_64"
rm -rf "$stage" && mkdir -p "$stage/icons"
cp target/release/copydesk assets/copydesk.desktop README.md assets/dictionaries/en_US.LICENSE "$stage/"
cp assets/fonts/OFL.txt "$stage/fonts-OFL.txt"
cp assets/icons/copydesk-*.png "$stage/icons/"
tar -C "$out" -czf "$out/copydesk-linux-x86_64.tar.gz" copydesk-linux-x86_64
ls -l "$out/copydesk-linux-x86_64.tar.gz"
