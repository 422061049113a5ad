//! Which bytes of a text a fix may change: the prose, never code spans, code
//! blocks, raw HTML, link destinations, URLs or Markdown syntax.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;

/// Bare URLs, `www.` addresses and e-mail addresses written in prose.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'”»]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
        .expect("valid URL pattern")
});

/// A byte mask over a text: `true` where prose may be edited.
#[derive(Clone, Debug)]
pub struct Mask {
    editable: Vec<bool>,
    /// Byte ranges of code blocks (fenced or indented), where no line fix applies.
    pub code_blocks: Vec<Range<usize>>,
    /// Where each line break made of trailing spaces starts (at the first
    /// of them), in order: the spaces the parser reads as a line break.
    pub hard_breaks: Vec<usize>,
}

impl Mask {
    /// The prose of a Markdown text: the text that pulldown-cmark reads
    /// verbatim (an escaped character or an entity is left as written).
    pub fn markdown(text: &str) -> Mask {
        let mut editable = vec![false; text.len()];
        let mut code_blocks = Vec::new();
        let mut hard_breaks = Vec::new();
        let mut in_code = 0usize;
        for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code += 1;
                    code_blocks.push(range);
                }
                Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
                Event::HardBreak if !text[range.clone()].starts_with('\\') => {
                    hard_breaks.push(range.start);
                }
                // A character escaped with a backslash is read on its own:
                // changing it (a straight quote into a curly one) would
                // leave the backslash showing.
                Event::Text(t) if in_code == 0 && text.get(range.clone()) == Some(&*t) => {
                    let escaped = text[..range.start].ends_with('\\');
                    editable[range.clone()].fill(true);
                    if escaped && let Some(c) = t.chars().next() {
                        editable[range.start..range.start + c.len_utf8()].fill(false);
                    }
                }
                _ => {}
            }
        }
        let mut mask = Mask {
            editable,
            code_blocks,
            hard_breaks,
        };
        mask.protect_urls(text);
        mask
    }

    /// A plain-text field: all of it but its URLs.
    pub fn plain(text: &str) -> Mask {
        let mut mask = Mask {
            editable: vec![true; text.len()],
            code_blocks: Vec::new(),
            hard_breaks: Vec::new(),
        };
        mask.protect_urls(text);
        mask
    }

    fn protect_urls(&mut self, text: &str) {
        for m in URL.find_iter(text) {
            self.editable[m.range()].fill(false);
        }
    }

    /// Whether every byte of `range` may be edited (an empty range: whether
    /// the byte before it may, so an insertion stays inside prose).
    pub fn allows(&self, range: Range<usize>) -> bool {
        if range.is_empty() {
            let at = range.start;
            return (at > 0 && self.editable[at - 1])
                || self.editable.get(at).copied().unwrap_or(false);
        }
        self.editable[range].iter().all(|&e| e)
    }

    /// Whether trailing spaces starting at byte `at` make a line break.
    pub fn hard_break_at(&self, at: usize) -> bool {
        self.hard_breaks.binary_search(&at).is_ok()
    }

    /// Whether byte `at` is inside a code block.
    pub fn in_code_block(&self, at: usize) -> bool {
        self.code_blocks.iter().any(|r| r.contains(&at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editable(text: &str) -> String {
        let mask = Mask::markdown(text);
        text.char_indices()
            .map(|(i, c)| {
                if mask.allows(i..i + c.len_utf8()) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    }

    #[test]
    fn code_links_html_and_urls_are_protected() {
        assert_eq!(
            editable(
                "Say \"hi\" `x \"y\"` [it's](http://a.b/'c') <b>x</b> see https://x.org/a--b."
            ),
            "Say \"hi\" _______ _it's_________________ ___x____ see __________________."
        );
    }

    #[test]
    fn escapes_and_code_blocks_are_protected() {
        assert_eq!(
            editable("a \\\"b\n\n```\n\"q\"\n```\n"),
            "a __b______________"
        );
        let mask = Mask::markdown("x\n\n    code\n");
        assert!(mask.in_code_block(7));
        assert!(!mask.in_code_block(0));
    }
}
