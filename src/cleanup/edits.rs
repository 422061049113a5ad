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

/// A few characters either side of a group of edits, for showing a change
/// in a list: the text before the edits and after them.
pub fn context(text: &str, group: &[Edit]) -> (String, String) {
    const EITHER_SIDE: usize = 24;
    let (Some(first), Some(last)) = (group.first(), group.last()) else {
        return Default::default();
    };
    let start = back_chars(text, first.range.start, EITHER_SIDE);
    let end = forward_chars(text, last.range.end, EITHER_SIDE).max(last.range.end);
    let shifted: Vec<Edit> = group
        .iter()
        .map(|e| Edit::new(e.range.start - start..e.range.end - start, e.with.clone()))
        .collect();
    let slice = &text[start..end];
    (visible(slice), visible(&apply(slice, &shifted)))
}

/// For each line of `next` (which is `apply(text, edits)`), the line of
/// `text` (0-based) it comes from; a line an edit made comes from the line
/// the edit starts on. (The clean-up runs fix after fix, and names the
/// lines of the draft as the editor saw it, not as an earlier fix left it.)
pub fn line_origins(text: &str, edits: &[Edit], next: &str) -> Vec<usize> {
    // The pieces of the new text as `apply` builds them: where each starts
    // in the new text and in the old, and whether it is copied (or made).
    let mut pieces = Vec::with_capacity(2 * edits.len() + 1);
    let (mut at, mut new_at) = (0, 0);
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        pieces.push((new_at, at, true));
        new_at += edit.range.start - at;
        pieces.push((new_at, edit.range.start, false));
        new_at += edit.with.len();
        at = edit.range.end;
    }
    pieces.push((new_at, at, true));
    let mut out = Vec::new();
    let (mut piece, mut old_line, mut counted) = (0, 0, 0);
    let mut start = 0;
    loop {
        while piece + 1 < pieces.len() && pieces[piece + 1].0 <= start {
            piece += 1;
        }
        let (new_start, old_start, copied) = pieces[piece];
        let old = if copied {
            old_start + (start - new_start)
        } else {
            old_start
        };
        let old = old.clamp(counted, text.len());
        old_line += text.as_bytes()[counted..old]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = old;
        out.push(old_line);
        match next[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    out
}

/// Groups sorted edits by the line they start on: `(line, edits)`, lines
/// 1-based, counted once over the text.
pub fn by_line(text: &str, edits: Vec<Edit>) -> Vec<(usize, Vec<Edit>)> {
    let mut out: Vec<(usize, Vec<Edit>)> = Vec::new();
    let mut line = 1;
    let mut at = 0;
    for edit in edits {
        let start = edit.range.start.max(at);
        line += text.as_bytes()[at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        at = start;
        match out.last_mut() {
            Some((l, group)) if *l == line => group.push(edit),
            _ => out.push((line, vec![edit])),
        }
    }
    out
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
        let text = "first line\nsay\u{a0}hi  there  now\nlast  one";
        let edits: Vec<Edit> = text
            .match_indices("  ")
            .map(|(at, _)| Edit::new(at..at + 2, " "))
            .collect();
        let groups = by_line(text, edits);
        assert_eq!(
            groups
                .iter()
                .map(|(l, g)| (*l, g.len()))
                .collect::<Vec<_>>(),
            [(2, 2), (3, 1)]
        );
        let (before, after) = context(text, &groups[0].1);
        assert_eq!(before, "say[nbsp]hi  there  now");
        assert_eq!(after, "say[nbsp]hi there now");
    }
}
