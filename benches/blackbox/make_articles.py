#!/usr/bin/env python3
"""Writes a1k.md, a20k.md and a200k.md into the folder given: the sample
article's body (headings, figures, quotes, lists, a table, links) repeated
to 1,000, 20,000 and 200,000 words, as benches/common/mod.rs does."""
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]
sample = (root / "sample_docs" / "oneplus-copydesk.md").read_text()
_, front, body = sample.split("---\n", 2)
body = body.lstrip("\n").replace("[^1]", "")
out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out.mkdir(parents=True, exist_ok=True)
for name, words in [("a1k", 1_000), ("a20k", 20_000), ("a200k", 200_000)]:
    parts, count, n = [], 0, 0
    while count < words:
        n += 1
        parts.append(f"## Section {n}\n\n{body}\n")
        count += len(body.split()) + 3
    # `split` took the fences off: put them back on their own lines, or
    # the file has no front matter and opens as a draft to import.
    (out / f"{name}.md").write_text(f"---\n{front}---\n\n" + "".join(parts))
    print(out / f"{name}.md", count, "words")
