#!/usr/bin/env python3
"""Independent reader for Copydesk's front-matter fixtures.

Usage: python3 tests/support/reread.py FILE

Prints one JSON object on stdout:

    {
      "format": "yaml" | "toml" | "none",
      "front": {...},          # PyYAML (yaml.safe_load; last duplicate key wins)
                               # or tomllib; {} for an empty block or no block
      "heading": "..." | null, # the first non-blank line of the body when it is
                               # an ATX level-1 heading ("# Title"), its text
      "body": "...",           # text after the closing fence line, LF line
                               # endings, with one leading blank line removed
      "bom": bool,             # the file starts with a UTF-8 byte-order mark
      "line_endings": "lf" | "crlf" | "mixed" | "none",
      "final_newline": bool    # the file ends with a line break
    }

The last three keys describe the raw bytes, so a test can check that an edit
kept them. Dates, datetimes and times are written as their ISO strings
(`date.isoformat()`, `datetime.isoformat()`), so output is deterministic.

The front matter block opens on the file's first line (after a BOM) with
`---` (YAML) or `+++` (TOML); trailing spaces or tabs on a fence line are
allowed, as Jekyll allows them. YAML closes with `---` or `...`, TOML with
`+++`. A file whose first line is neither has format "none".

Exits with status 1 and a message on stderr when the file cannot be decoded
as UTF-8, the front matter is not closed, does not parse, or is not a
mapping. Only the Python standard library and PyYAML are used.
"""

import base64
import datetime
import json
import math
import re
import sys
import tomllib

import yaml

BOM = b"\xef\xbb\xbf"
HEADING = re.compile(r"^ {0,3}#(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


def fail(path, message):
    sys.stderr.write(f"reread: {path}: {message}\n")
    sys.exit(1)


def plain_key(key):
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    if isinstance(key, (datetime.date, datetime.time)):
        return key.isoformat()
    return str(key)


def plain(value):
    """Turn what PyYAML or tomllib returns into JSON-serialisable values."""
    if isinstance(value, dict):
        return {plain_key(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(v) for v in value), key=repr)
    # datetime is a subclass of date; both have isoformat(), as does time.
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value


def line_endings(text):
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if crlf and lf:
        return "mixed"
    if crlf:
        return "crlf"
    if lf:
        return "lf"
    return "none"


def split_front(path, text):
    """Return (format, front text or None, body) for LF-normalised text."""
    lines = text.split("\n")
    opening = lines[0].rstrip(" \t")
    if opening == "---":
        fmt, closers = "yaml", ("---", "...")
    elif opening == "+++":
        fmt, closers = "toml", ("+++",)
    else:
        return "none", None, text
    for i in range(1, len(lines)):
        if lines[i].rstrip(" \t") in closers:
            front = "\n".join(lines[1:i])
            rest = lines[i + 1:]
            if rest and rest[0].strip() == "" and len(rest) > 1:
                rest = rest[1:]
            return fmt, front, "\n".join(rest)
    fail(path, f"the {fmt.upper()} front matter opened on line 1 is never closed")


def parse_front(path, fmt, front):
    if fmt == "yaml":
        try:
            data = yaml.safe_load(front)
        except yaml.YAMLError as err:
            fail(path, f"YAML front matter does not parse: {err}")
        if data is None:
            return {}
        if not isinstance(data, dict):
            fail(path, f"YAML front matter is a {type(data).__name__}, not a mapping")
        return data
    if fmt == "toml":
        try:
            return tomllib.loads(front)
        except tomllib.TOMLDecodeError as err:
            fail(path, f"TOML front matter does not parse: {err}")
    return {}


def heading_of(body):
    for line in body.split("\n"):
        if line.strip() == "":
            continue
        match = HEADING.match(line)
        if match:
            return (match.group(1) or "").strip()
        return None
    return None


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: reread.py FILE\n")
        return 2
    path = argv[1]
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as err:
        fail(path, f"cannot read: {err}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        fail(path, f"not UTF-8: {err}")

    endings = line_endings(text)
    final_newline = text.endswith("\n")
    text = text.replace("\r\n", "\n")

    fmt, front_text, body = split_front(path, text)
    front = parse_front(path, fmt, front_text) if front_text is not None else {}

    result = {
        "format": fmt,
        "front": plain(front),
        "heading": heading_of(body),
        "body": body,
        "bom": raw.startswith(BOM),
        "line_endings": endings,
        "final_newline": final_newline,
    }
    out = json.dumps(result, ensure_ascii=False, allow_nan=False) + "\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
