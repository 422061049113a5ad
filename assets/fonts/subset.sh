#!/usr/bin/env bash
# Makes the app's fonts from Debian's Noto packages (fonts-noto-core,
# fonts-noto-mono): subset to Latin (with Latin Extended-A/B and Vietnamese),
# Greek, Cyrillic and punctuation, kerning and ligatures kept, hinting
# dropped (egui does not hint). Needs `pyftsubset` (pip install fonttools).
# Other scripts come from the system's fonts at run time.
set -euo pipefail
cd "$(dirname "$0")"
src=/usr/share/fonts/truetype/noto
ranges="U+0000-024F,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-2122,U+2190-2199,U+2212,U+2215,U+2260,U+2264,U+2265,U+25CC,U+FB00-FB04,U+FEFF,U+FFFD"
for face in NotoSans-Regular NotoSans-Bold NotoSans-Italic NotoSans-BoldItalic \
    NotoSerif-Regular NotoSerif-Bold NotoSerif-Italic NotoSerif-BoldItalic \
    NotoSansMono-Regular NotoSansMono-Bold; do
    pyftsubset "$src/$face.ttf" --unicodes="$ranges" \
        --layout-features='kern,liga,mark,mkmk,ccmp,locl' \
        --no-hinting --desubroutinize --output-file="$face.ttf"
done
