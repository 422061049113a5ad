//! Whitespace that scraping and translation tools leave in a draft.

use super::edits::Edit;
use super::language::Conventions;
use super::mask::Mask;

/// Characters with no width that copying from web pages leaves behind. The
/// zero-width joiner and non-joiner are left: emoji and some scripts need them.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

fn is_nbsp(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

pub fn zero_width(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    text.char_indices()
        .filter(|&(i, c)| is_zero_width(c) && mask.allows(i..i + c.len_utf8()))
        .map(|(i, c)| Edit::new(i..i + c.len_utf8(), ""))
        .collect()
}

/// No-break spaces become spaces, except where the language sets them: in
/// French before `:;!?` and `»` and after `«`.
pub fn no_break_spaces(text: &str, mask: &Mask, conv: &Conventions) -> Vec<Edit> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if !is_nbsp(c) || !mask.allows(i..end) {
            continue;
        }
        if conv.french_spacing {
            let next = text[end..].chars().next();
            let prev = text[..i].chars().next_back();
            if matches!(next, Some(':' | ';' | '!' | '?' | '»')) || prev == Some('«') {
                continue;
            }
        }
        out.push(Edit::new(i..end, " "));
    }
    out
}

/// Runs of spaces or tabs inside a line of prose become one space.
pub fn space_runs(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b' ' | b'\t') {
            let start = i;
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
            if (i - start > 1 || bytes[start] == b'\t') && mask.allows(start..i) {
                out.push(Edit::new(start..i, " "));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Spaces at the end of a line, outside code blocks. Two or more spaces
/// before a line of the same paragraph are a Markdown line break and stay.
pub fn trailing_spaces(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_end_matches([' ', '\t']);
        let trailing = line.len() - trimmed.len();
        // The parser's line breaks stay: guessing them from the next line
        // kept spaces before a list item, where they make no break.
        let hard_break = mask.hard_break_at(at + trimmed.len());
        if trailing > 0 && !hard_break && !mask.in_code_block(at + trimmed.len()) {
            out.push(Edit::new(at + trimmed.len()..at + line.len(), ""));
        }
        at += line.len() + 1;
    }
    out
}

/// More than one blank line between blocks, blank lines before the first
/// block, and after the last (which keeps its line end).
pub fn blank_lines(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    let mut out = Vec::new();
    let mut at = 0;
    // The first blank line of the current run, and how many there are.
    let mut run: Option<(usize, usize)> = None;
    let mut seen_text = false;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() && !mask.in_code_block(at) {
            let (start, count) = run.unwrap_or((at, 0));
            run = Some((start, count + 1));
        } else {
            if let Some((start, count)) = run.take() {
                if !seen_text {
                    out.push(Edit::new(0..at, ""));
                } else if count > 1 || &text[start..at] != "\n" {
                    // Keep one blank line, without its stray spaces.
                    out.push(Edit::new(start..at, "\n"));
                }
            }
            seen_text = true;
        }
        at += line.len();
    }
    if let Some((start, _)) = run {
        out.push(Edit::new(if seen_text { start } else { 0 }..text.len(), ""));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::run_fix as run;
    use super::*;

    #[test]
    fn zero_width_characters_go_but_joiners_stay() {
        assert_eq!(
            run(
                zero_width,
                "Lei\u{200b}ca co\u{ad}de \u{feff}x 👨\u{200d}💻",
                "en"
            ),
            "Leica code x 👨\u{200d}💻"
        );
        assert_eq!(run(zero_width, "`a\u{200b}b`", "en"), "`a\u{200b}b`");
    }

    #[test]
    fn no_break_spaces_stay_where_french_sets_them() {
        assert_eq!(run(no_break_spaces, "a\u{a0}b\u{a0}: c", "en"), "a b : c");
        assert_eq!(
            run(
                no_break_spaces,
                "a\u{a0}b\u{a0}: «\u{a0}c\u{202f}» d\u{202f}?",
                "fr"
            ),
            "a b\u{a0}: «\u{a0}c\u{202f}» d\u{202f}?"
        );
    }

    #[test]
    fn runs_of_spaces_but_not_indentation_code_or_line_breaks() {
        let text = "a  b\t c\n\n    code  here\n\n- item   x\n  cont  y\n\nline  \nnext `a  b`\n";
        assert_eq!(
            run(space_runs, text, "en"),
            "a b c\n\n    code  here\n\n- item x\n  cont y\n\nline  \nnext `a  b`\n"
        );
    }

    #[test]
    fn trailing_spaces_keep_hard_breaks_and_code() {
        let text = "one \ntwo  \nthree\t\n\n```\nkeep  \n```\nlast  \n\nend ";
        assert_eq!(
            run(trailing_spaces, text, "en"),
            "one\ntwo  \nthree\n\n```\nkeep  \n```\nlast\n\nend"
        );
        // Spaces before a list item, a heading or a blank line break
        // nothing; in a quote they do.
        let text = "Lead  \n- item  \n- next\n\n# Head  \n\n> q  \n> r\n";
        assert_eq!(
            run(trailing_spaces, text, "en"),
            "Lead\n- item\n- next\n\n# Head\n\n> q  \n> r\n"
        );
    }

    #[test]
    fn blank_lines_collapse_outside_code() {
        let text = "\n\n  \nTitle\n\n\n \nPara\n\n```\na\n\n\n\nb\n```\n\n\n\nEnd\n\n\n";
        assert_eq!(
            run(blank_lines, text, "en"),
            "Title\n\nPara\n\n```\na\n\n\n\nb\n```\n\nEnd\n"
        );
        assert_eq!(run(blank_lines, "a\n\nb\n", "en"), "a\n\nb\n");
        assert_eq!(run(blank_lines, "a", "en"), "a");
    }
}
