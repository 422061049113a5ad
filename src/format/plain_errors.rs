//! Front-matter errors in plain words, at the line a person has to fix.
//!
//! The parsers say what they expected where they stopped
//! ("invalid indentation in quoted scalar", "missing comma between array
//! elements"), which is often a line after the mistake: a quote or a `[`
//! that is never closed is noticed where the next key starts. The common
//! ones are told here as what went wrong, at the line where it went wrong;
//! any other keeps the parser's own words.

/// A YAML parser error: its message and 0-based line and column in the
/// block. Gives the 0-based line of the block to point at, and the message.
pub(super) fn yaml(front: &str, info: &str, line: usize, col: usize) -> (usize, String) {
    let lines: Vec<&str> = front.lines().collect();
    let text_of = |n: usize| lines.get(n).copied().unwrap_or("");
    let indented = "this line is indented differently from the key above it";
    let quote_here = |n: usize| {
        text_of(n)
            .chars()
            .nth(col)
            .filter(|c| matches!(c, '"' | '\''))
            .map(|_| n)
            .or_else(|| unclosed_quote(&lines, n))
    };
    let said = |n: usize, message: &str| (n, message.to_string());
    let unclosed_quote_error = info.contains("quoted scalar")
        && (info.contains("indentation")
            || info.contains("end of stream")
            || info.contains("document indicator"));
    if unclosed_quote_error && let Some(n) = quote_here(line) {
        return said(n, "a quote opened here is never closed");
    }
    let flow = info.contains("flow")
        || info.contains("',' or ']'")
        || info.contains("',' or '}'")
        || info.contains("illegal placement of ':'");
    if flow && let Some((n, bracket)) = unclosed_bracket(&lines, line, FLOW_YAML) {
        return (n, never_closed(bracket));
    }
    if info.contains("',' or ']'") || info.contains("',' or '}'") {
        return said(line, "the items of a list or map need a comma between them");
    }
    if info.contains("mapping values are not allowed") {
        let before = text_of(line).chars().take(col).collect::<String>();
        if before.trim_start().contains(": ") {
            return said(
                line,
                "a value with “: ” in it needs quotes (key: \"value: more\")",
            );
        }
        return said(line, indented);
    }
    if info.contains("did not find expected '-' indicator")
        || info.contains("block mapping, did not find expected key")
        || info.contains("invalid indentation")
        || info.contains("wrongly indented line")
    {
        return said(line, indented);
    }
    if info.contains("simple key expect") {
        // Noticed at the next key: the line without a colon is before it.
        let missing = (0..=line.min(lines.len().saturating_sub(1)))
            .rev()
            .find(|&n| {
                let t = text_of(n).trim();
                !t.is_empty() && !t.starts_with('#') && !t.starts_with('-') && !t.contains(':')
            });
        return said(
            missing.unwrap_or(line),
            "this line has no “:” between its key and its value",
        );
    }
    if info.contains("tab") {
        let tabbed = (line..lines.len()).find(|&n| {
            text_of(n)
                .chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\t')
        });
        return said(
            tabbed.unwrap_or(line),
            "a tab indents this line; front matter is indented with spaces",
        );
    }
    if info.contains("trailing content after double-quoted") {
        return said(
            line,
            "text follows the closing quote; put the whole value inside the quotes",
        );
    }
    if let Some(c) = info
        .strip_prefix("unexpected character: `")
        .and_then(|rest| rest.chars().next())
    {
        return (
            line,
            format!("a value cannot start with {c} unless it is in quotes"),
        );
    }
    if info.contains("unknown anchor") || info.contains("anchor or alias") {
        return said(
            line,
            "a value starting with * or & is read as a YAML reference; put it in quotes",
        );
    }
    if info.contains("unknown escape character") {
        return said(
            line,
            "a backslash in double quotes starts an escape Copydesk does not know; write \\\\ for a backslash, or use single quotes",
        );
    }
    if info.contains("did not find expected node content") {
        return said(
            line,
            "a value is missing, or starts with a character that needs quotes (] } , % @)",
        );
    }
    if info.contains("block sequence entries are not allowed") {
        return said(
            line,
            "a “- ” list item cannot follow a key on its line; put the items on the lines below, indented",
        );
    }
    (line, info.to_string())
}

/// A TOML parser error: its message and 0-based line in the block, and
/// the text its span covers. Gives the 0-based line to point at, and the
/// message.
pub(super) fn toml(front: &str, message: &str, line: usize, spanned: &str) -> (usize, String) {
    let lines: Vec<&str> = front.lines().collect();
    let said = |n: usize, message: &str| (n, message.to_string());
    if message.starts_with("invalid basic string")
        || message.starts_with("invalid literal string")
        || message.starts_with("invalid multi-line")
    {
        let n = unclosed_quote(&lines, line).unwrap_or(line);
        return said(n, "a quote opened here is never closed");
    }
    if message.starts_with("unclosed array")
        || message.starts_with("unclosed inline table")
        || message.starts_with("missing comma between array elements")
    {
        if let Some((n, bracket)) = unclosed_bracket(&lines, line, FLOW_TOML)
            && (n < line || !message.starts_with("missing comma"))
        {
            return (n, never_closed(bracket));
        }
        return said(line, "the items of a list need a comma between them");
    }
    if message.starts_with("unclosed table") {
        return said(line, "a [table] heading is not closed with ]");
    }
    if message.starts_with("key with no value") {
        return said(line, "a key needs = and a value (key = \"value\")");
    }
    if message.starts_with("string values must be quoted") {
        return said(line, "text needs quotes in TOML (key = \"value\")");
    }
    if message == "duplicate key" {
        let key = spanned.trim();
        return (line, format!("{key} is set twice"));
    }
    (line, message.to_string())
}

fn never_closed(bracket: char) -> String {
    match bracket {
        '{' => "a { map is never closed".into(),
        _ => "a [ list is never closed".into(),
    }
}

/// Where a value starts in YAML (after `key: `, `- ` or an opening bracket
/// or comma), a quote opens a quoted value; elsewhere it is a character of
/// the text (`Sony's phone`). TOML values start after `=` instead.
fn value_starts_after(c: char, next: Option<char>) -> bool {
    let spaced = next.is_none_or(char::is_whitespace);
    matches!(c, '[' | '{' | ',' | '=') || (matches!(c, ':' | '-' | '?') && spaced)
}

/// The nearest line at or before `up_to` where a quoted value opens and
/// does not close.
fn unclosed_quote(lines: &[&str], up_to: usize) -> Option<usize> {
    let last = up_to.min(lines.len().checked_sub(1)?);
    (0..=last)
        .rev()
        .find(|&n| scan(lines[n], &mut Vec::new(), n, FLOW_YAML).is_some())
}

/// Brackets that open flow collections: YAML's `[` and `{` open only
/// where a value starts; TOML's tables `[name]` are not values.
const FLOW_YAML: bool = true;
const FLOW_TOML: bool = false;

/// The first `[` or `{` opened at or before line `up_to` that is still
/// open there, and its line.
fn unclosed_bracket(lines: &[&str], up_to: usize, yaml: bool) -> Option<(usize, char)> {
    let last = up_to.min(lines.len().checked_sub(1)?);
    let mut open: Vec<(usize, char)> = Vec::new();
    for (n, line) in lines.iter().enumerate().take(last + 1) {
        // A quote left open inside a bracket: that is the other error.
        scan(line, &mut open, n, yaml);
    }
    open.first().copied()
}

/// Reads one line: pushes the brackets it opens and pops those it closes
/// (outside quotes and comments); gives the quote left open at its end.
fn scan(line: &str, open: &mut Vec<(usize, char)>, n: usize, yaml: bool) -> Option<char> {
    let chars: Vec<char> = line.chars().collect();
    let mut quote: Option<char> = None;
    // At the start of a line a value may start in YAML (a list item's
    // text, a continued flow collection); in TOML only inside brackets.
    let mut value_start = yaml || !open.is_empty();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match quote {
            Some('"') => {
                if c == '\\' {
                    i += 1;
                } else if c == '"' {
                    quote = None;
                }
            }
            Some(_) => {
                if c == '\'' {
                    if next == Some('\'') && yaml {
                        i += 1;
                    } else {
                        quote = None;
                    }
                }
            }
            None => {
                let after_space = i == 0 || chars[i - 1].is_whitespace();
                if c == '#' && after_space {
                    break;
                }
                if c.is_whitespace() {
                    i += 1;
                    continue;
                }
                if value_start && matches!(c, '"' | '\'') {
                    quote = Some(c);
                    value_start = false;
                } else if matches!(c, '[' | '{') && (value_start || !open.is_empty()) {
                    open.push((n, c));
                    value_start = true;
                } else if matches!(c, ']' | '}') && !open.is_empty() {
                    open.pop();
                    value_start = false;
                } else {
                    value_start = value_starts_after(c, next) && (yaml || c != ':');
                }
            }
        }
        i += 1;
    }
    quote
}

#[cfg(test)]
mod tests {
    use crate::format::parse_markdown;

    /// The error of a file, as the app and the command line show it.
    fn error(file: &str) -> String {
        parse_markdown(file).unwrap_err().error.to_string()
    }

    #[test]
    fn yaml_errors_name_the_line_in_plain_words() {
        let cases = [
            (
                "---\ntitle: \"Xiaomi and Leica\nlang: en\n---\nBody\n",
                "front matter, line 2: a quote opened here is never closed",
            ),
            (
                "---\nlang: en\ntitle: 'Xiaomi and Leica\n---\nBody\n",
                "front matter, line 3: a quote opened here is never closed",
            ),
            (
                "---\ntitle: [unclosed\nlayout: post\n---\nBody\n",
                "front matter, line 2: a [ list is never closed",
            ),
            (
                "---\ntitle: ok\ntags: [a, b\nlang: en\n---\nBody\n",
                "front matter, line 3: a [ list is never closed",
            ),
            (
                "---\ntitle: ok\nimage: {src: a.jpg\n---\nBody\n",
                "front matter, line 3: a { map is never closed",
            ),
            (
                "---\nauthors:\n  - name: Jane\n   bio: x\n---\nBody\n",
                "front matter, line 4: this line is indented differently from the key above it",
            ),
            (
                "---\ntitle: A\n  lang: en\n---\nBody\n",
                "front matter, line 3: this line is indented differently from the key above it",
            ),
            (
                "---\ntitle: Leica: the story\n---\nBody\n",
                "front matter, line 2: a value with “: ” in it needs quotes (key: \"value: more\")",
            ),
            (
                "---\ntitle: A\nlang en\ndate: 2024-01-01\n---\nBody\n",
                "front matter, line 3: this line has no “:” between its key and its value",
            ),
            (
                "---\ntitle: ok\n\tlang: en\n---\nBody\n",
                "front matter, line 3: a tab indents this line; front matter is indented with spaces",
            ),
            (
                "---\ntitle: @handle\n---\nBody\n",
                "front matter, line 2: a value cannot start with @ unless it is in quotes",
            ),
            (
                "---\ntitle: \"A\" and B\n---\nBody\n",
                "front matter, line 2: text follows the closing quote; put the whole value inside the quotes",
            ),
        ];
        for (file, message) in cases {
            assert_eq!(error(file), message, "{file:?}");
        }
    }

    #[test]
    fn toml_errors_name_the_line_in_plain_words() {
        let cases = [
            (
                "+++\ntitle = \"abc\ndate = 2024-01-01\n+++\nBody\n",
                "front matter, line 2: a quote opened here is never closed",
            ),
            (
                "+++\ntitle = \"A\"\ntags = [\"a\", \"b\"\ndate = 2024-01-01\n+++\nBody\n",
                "front matter, line 3: a [ list is never closed",
            ),
            (
                "+++\ntags = [\"a\" \"b\"]\n+++\nBody\n",
                "front matter, line 2: the items of a list need a comma between them",
            ),
            (
                "+++\ntitle = \"A\"\n[params\nx = 1\n+++\nBody\n",
                "front matter, line 3: a [table] heading is not closed with ]",
            ),
            (
                "+++\ntitle \"abc\"\n+++\nBody\n",
                "front matter, line 2: a key needs = and a value (key = \"value\")",
            ),
            (
                "+++\ntitle = Hello\n+++\nBody\n",
                "front matter, line 2: text needs quotes in TOML (key = \"value\")",
            ),
            (
                "+++\ntitle = \"a\"\n\ntitle = \"b\"\n+++\nBody\n",
                "front matter, line 4: title is set twice",
            ),
            (
                "+++\ndate = 2024-13-45\n+++\nBody\n",
                "front matter, line 2: invalid date, expected month between 01 and 12",
            ),
        ];
        for (file, message) in cases {
            assert_eq!(error(file), message, "{file:?}");
        }
    }

    #[test]
    fn an_apostrophe_in_a_value_is_not_a_quote() {
        assert_eq!(
            error("---\ntitle: Sony's phone\ntags: [a, b\n---\nBody\n"),
            "front matter, line 3: a [ list is never closed"
        );
    }

    #[test]
    fn other_errors_keep_the_parsers_words() {
        assert_eq!(
            error("---\ntitle: A\nbio: |0\n  text\n---\nBody\n"),
            "front matter, line 3: while scanning a block scalar, found an indentation indicator equal to 0"
        );
    }
}
