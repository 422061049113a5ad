//! Word counts and reading time.

use unicode_segmentation::UnicodeSegmentation;

use crate::markdown::{self, Block, BlockKind, plain_text};
use crate::model::Article;

/// Adult silent reading speed for non-fiction (words per minute).
pub const WORDS_PER_MINUTE: usize = 230;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Words of the body a reader reads (headings, paragraphs, lists,
    /// quotes, captions), not of the markup.
    pub words: usize,
    /// Body paragraphs, quoted ones included; not headings, figures or lists.
    pub paragraphs: usize,
    pub characters: usize,
}

impl Stats {
    pub fn of(article: &Article) -> Stats {
        Self::of_blocks(&markdown::parse(&article.body))
    }

    pub fn of_blocks(blocks: &[Block]) -> Stats {
        let mut stats = Stats::default();
        count(blocks, &mut stats, true);
        stats
    }

    /// Minutes to read, rounded up; 0 for an empty article.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE)
    }
}

/// Counts the words of a text.
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

fn add_text(stats: &mut Stats, text: &str) {
    stats.words += word_count(text);
    stats.characters += text.chars().count();
}

fn count(blocks: &[Block], stats: &mut Stats, paragraphs_count: bool) {
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph(c) => {
                if paragraphs_count {
                    stats.paragraphs += 1;
                }
                add_text(stats, &plain_text(c));
            }
            BlockKind::Heading { content, .. } => add_text(stats, &plain_text(content)),
            BlockKind::Figure(f) => {
                add_text(stats, &plain_text(&f.caption));
                add_text(stats, &plain_text(&f.credit));
            }
            BlockKind::Quote(inner) => count(inner, stats, paragraphs_count),
            BlockKind::List { items, .. } => {
                for item in items {
                    count(item, stats, false);
                }
            }
            BlockKind::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    add_text(stats, &plain_text(cell));
                }
            }
            BlockKind::Code { text, .. } => add_text(stats, text),
            BlockKind::FootnoteDefinition { blocks, .. } => count(blocks, stats, false),
            BlockKind::Rule | BlockKind::Html(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_not_markup() {
        let s = Stats::of_blocks(&markdown::parse(
            "## Two words\n\nA [linked](http://x.y) *word*.\n\n- one\n- two\n",
        ));
        assert_eq!(s.words, 2 + 3 + 2);
        assert_eq!(s.paragraphs, 1);
    }

    #[test]
    fn reading_time_rounds_up() {
        let s = Stats {
            words: 231,
            ..Default::default()
        };
        assert_eq!(s.reading_minutes(), 2);
        assert_eq!(Stats::default().reading_minutes(), 0);
    }
}
