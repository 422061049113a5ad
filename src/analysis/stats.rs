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
    /// Sentences of the prose (paragraphs, list items, quotes).
    pub sentences: usize,
    /// Syllables of the prose's words, estimated (for readability).
    pub syllables: usize,
    /// Words of the prose the sentences and syllables were counted over.
    pub prose_words: usize,
}

impl Stats {
    pub fn of(article: &Article) -> Stats {
        Self::of_blocks(&markdown::parse(&article.body))
    }

    pub fn of_blocks(blocks: &[Block]) -> Stats {
        let mut stats = Stats::default();
        count(blocks, &mut stats, true, true);
        stats
    }

    /// The words of the body, as [`Stats::of`] counts them, without the
    /// sentence and syllable passes (a page's `wordCount` needs only
    /// this, and those passes cost five times the count on a long body).
    pub fn words_of(article: &Article) -> usize {
        let mut stats = Stats::default();
        count(&markdown::parse(&article.body), &mut stats, true, false);
        stats.words
    }

    /// Minutes to read, rounded up; 0 for an empty article.
    pub fn reading_minutes(&self) -> usize {
        self.reading_minutes_at(WORDS_PER_MINUTE)
    }

    /// Minutes to read at `words_per_minute`, rounded up.
    pub fn reading_minutes_at(&self, words_per_minute: usize) -> usize {
        self.words.div_ceil(words_per_minute.max(1))
    }

    /// The Flesch reading-ease score of English prose: 60–70 is plain
    /// English, under 30 is hard. `None` with no sentences.
    pub fn flesch_reading_ease(&self) -> Option<f64> {
        if self.sentences == 0 || self.prose_words == 0 {
            return None;
        }
        let words = self.prose_words as f64;
        Some(
            206.835
                - 1.015 * (words / self.sentences as f64)
                - 84.6 * (self.syllables as f64 / words),
        )
    }

    /// What a Flesch score means, in words.
    pub fn flesch_label(score: f64) -> &'static str {
        match score {
            s if s >= 80.0 => "easy",
            s if s >= 60.0 => "plain English",
            s if s >= 50.0 => "fairly hard",
            s if s >= 30.0 => "hard",
            _ => "very hard",
        }
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

/// Counts the sentences and syllables of running prose.
fn add_prose(stats: &mut Stats, text: &str) {
    add_text(stats, text);
    for sentence in text.unicode_sentences() {
        let mut words = 0;
        for word in sentence.unicode_words() {
            words += 1;
            stats.syllables += syllables(word);
        }
        if words > 0 {
            stats.sentences += 1;
            stats.prose_words += words;
        }
    }
}

/// English syllables, estimated the usual way: groups of vowels, less a
/// silent final e, at least one.
pub fn syllables(word: &str) -> usize {
    let lower: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if lower.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut in_vowels = false;
    for &c in &lower {
        let v = vowel(c);
        if v && !in_vowels {
            count += 1;
        }
        in_vowels = v;
    }
    let n = lower.len();
    if n > 2 && lower[n - 1] == 'e' && lower[n - 2] != 'l' && !vowel(lower[n - 2]) && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// `prose`: whether sentences and syllables are counted too.
fn count(blocks: &[Block], stats: &mut Stats, paragraphs_count: bool, prose: bool) {
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph(c) => {
                if paragraphs_count {
                    stats.paragraphs += 1;
                }
                if prose {
                    add_prose(stats, &plain_text(c));
                } else {
                    add_text(stats, &plain_text(c));
                }
            }
            BlockKind::Heading { content, .. } => add_text(stats, &plain_text(content)),
            BlockKind::Figure(f) => {
                add_text(stats, &plain_text(&f.caption));
                add_text(stats, &plain_text(&f.credit));
            }
            BlockKind::Quote(inner) => count(inner, stats, paragraphs_count, prose),
            BlockKind::List { items, .. } => {
                for item in items {
                    count(item, stats, false, prose);
                }
            }
            BlockKind::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    add_text(stats, &plain_text(cell));
                }
            }
            BlockKind::Code { text, .. } => add_text(stats, text),
            BlockKind::FootnoteDefinition { blocks, .. } => count(blocks, stats, false, prose),
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
    fn sentences_syllables_and_readability() {
        let s = Stats::of_blocks(&markdown::parse(
            "The cat sat on the mat. It was happy.\n\n- A list item here.\n",
        ));
        assert_eq!(s.sentences, 3);
        assert_eq!(s.prose_words, 13);
        assert_eq!(s.syllables, 15, "happy and list item add one each");
        let score = s.flesch_reading_ease().unwrap();
        assert!(score > 90.0, "{score}");
        assert_eq!(Stats::flesch_label(score), "easy");
        assert_eq!(syllables("readability"), 5);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("make"), 1);
        assert_eq!(syllables("the"), 1);
        assert_eq!(Stats::default().flesch_reading_ease(), None);
    }

    #[test]
    fn the_word_count_alone_is_the_full_count_s() {
        let body = "## Two words\n\nA [linked](http://x.y) *word*. Un*believ*able.\n\n\
                    > Quoted text here.\n\n- one\n- two three\n\n\
                    ![alt](a.png)\nA caption\nCredit: Someone\n\n| a b | c |\n|---|---|\n| d | e f |\n\n\
                    ```\nlet x = 1;\n```\n";
        let article = Article {
            body: body.into(),
            ..Default::default()
        };
        let full = Stats::of(&article);
        assert!(full.words > 20, "{full:?}");
        assert_eq!(Stats::words_of(&article), full.words);
    }

    #[test]
    fn reading_time_rounds_up() {
        let s = Stats {
            words: 231,
            ..Default::default()
        };
        assert_eq!(s.reading_minutes(), 2);
        assert_eq!(Stats::default().reading_minutes(), 0);
        assert_eq!(s.reading_minutes_at(100), 3);
    }
}
