//! What scraping leaves in a draft: lines such as `thumbnail` or
//! `Click to enlarge`, `StartFragment` markers, captions printed twice.

use super::edits::Edit;
use super::language::Conventions;
use super::mask::Mask;
use crate::import::lines::{is_junk, strip_leftovers};

/// Lines with their byte offset, outside code blocks.
fn prose_lines<'a>(text: &'a str, mask: &'a Mask) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let mut at = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = at;
        at += line.len();
        (!mask.in_code_block(start)).then_some((start, line))
    })
}

/// The words of a line without the emphasis around them.
fn bare(line: &str) -> &str {
    line.trim().trim_matches(|c| matches!(c, '*' | '_')).trim()
}

pub fn scraping_leftovers(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    let mut out = Vec::new();
    for (start, line) in prose_lines(text, mask) {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            continue;
        }
        if is_junk(bare(content)) {
            out.push(Edit::new(start..start + line.len(), ""));
            continue;
        }
        let stripped = strip_leftovers(content);
        if stripped != content.trim() {
            let indent = content.len() - content.trim_start().len();
            let range = start + indent..start + content.trim_end().len();
            if stripped.is_empty() {
                out.push(Edit::new(start..start + line.len(), ""));
            } else {
                out.push(Edit::new(range, stripped));
            }
        }
    }
    out
}

/// A line that repeats one of the few lines before it (a caption or a
/// paragraph printed twice). Short lines and lines with no words stay: a
/// repeated `* * *` or `Yes.` can be meant.
pub fn duplicate_lines(text: &str, mask: &Mask, _: &Conventions) -> Vec<Edit> {
    const LOOK_BACK: usize = 3;
    const SHORTEST: usize = 8;
    let mut out = Vec::new();
    let mut recent: Vec<String> = Vec::new();
    for (start, line) in prose_lines(text, mask) {
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        let normal = content.split_whitespace().collect::<Vec<_>>().join(" ");
        let wordy = normal.chars().filter(|c| c.is_alphanumeric()).count() >= SHORTEST;
        if wordy && recent.contains(&normal) {
            out.push(Edit::new(start..start + line.len(), ""));
            continue;
        }
        recent.push(normal);
        if recent.len() > LOOK_BACK {
            recent.remove(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::run_fix as run;
    use super::*;

    #[test]
    fn leftover_lines_and_glued_markers_go() {
        let text = "StartFragment\nLeica lens thumbnail\n\n*Click to enlarge*\n\nText<!--EndFragment-->\n\n```\nthumbnail\n```\n";
        assert_eq!(
            run(scraping_leftovers, text, "en"),
            "Leica lens\n\n\nText\n\n```\nthumbnail\n```\n"
        );
    }

    #[test]
    fn captions_printed_twice_go_once() {
        let text = "![Leica](a.jpg)\nXiaomi Leica\nCredit: LetsGoDigital\n\nXiaomi Leica\n\nYes.\n\nYes.\n\n* * *\n\n* * *\n";
        assert_eq!(
            run(duplicate_lines, text, "en"),
            "![Leica](a.jpg)\nXiaomi Leica\nCredit: LetsGoDigital\n\n\nYes.\n\nYes.\n\n* * *\n\n* * *\n"
        );
    }
}
