//! Edits to a text and the record of what they changed.

use std::ops::Range;

/// Replace `range` of a text with `with`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub with: String,
}

impl Edit {
    pub fn new(range: Range<usize>, with: impl Into<String>) -> Self {
        Self {
            range,
            with: with.into(),
        }
    }
}

/// Applies edits that are sorted by position and do not overlap; an edit
/// that overlaps the one before it is dropped (fixes never rely on that).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A few characters either side of `range`, for showing a change in a list:
/// the text before the change and after it.
pub fn context(text: &str, range: &Range<usize>, with: &str) -> (String, String) {
    const EITHER_SIDE: usize = 24;
    let start = back_chars(text, range.start, EITHER_SIDE);
    let end = forward_chars(text, range.end, EITHER_SIDE);
    let before_ctx = &text[start..range.start];
    let after_ctx = &text[range.end..end];
    let show = |middle: &str| visible(&format!("{before_ctx}{middle}{after_ctx}"));
    (show(&text[range.clone()]), show(with))
}

/// Makes invisible characters visible in a change list.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('¶'),
            '\u{a0}' => out.push_str("[nbsp]"),
            '\u{202f}' => out.push_str("[narrow nbsp]"),
            '\u{200b}' | '\u{2060}' | '\u{feff}' => out.push_str("[zero-width]"),
            '\u{ad}' => out.push_str("[soft hyphen]"),
            '\t' => out.push_str("[tab]"),
            c => out.push(c),
        }
    }
    out
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    let head = &text[..from];
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    head[line_start..]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(line_start, |(i, _)| line_start + i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    let tail = &text[from..];
    let line_end = tail.find('\n').unwrap_or(tail.len());
    tail[..line_end]
        .char_indices()
        .nth(n)
        .map_or(from + line_end, |(i, _)| from + i)
}

/// The 1-based line of a byte offset.
pub fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_edits_and_drops_overlaps() {
        let edits = [
            Edit::new(0..1, "X"),
            Edit::new(0..2, "Y"),
            Edit::new(3..3, "!"),
        ];
        assert_eq!(apply("abcd", &edits), "Xbc!d");
    }

    #[test]
    fn context_stays_on_the_line_and_shows_invisible_characters() {
        let text = "first line\nsay\u{a0}hi  there\nlast";
        let at = text.find("  ").unwrap();
        let (before, after) = context(text, &(at..at + 2), " ");
        assert_eq!(before, "say[nbsp]hi  there");
        assert_eq!(after, "say[nbsp]hi there");
        assert_eq!(line_of(text, at), 2);
    }
}
