//! The problems an editor should fix before publishing.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::markdown::{self, Block, BlockKind, plain_text, url};
use crate::model::Article;

/// Search results show about this many characters of a title…
pub const TITLE_LIMIT: usize = 60;
/// …and of a meta description.
pub const EXCERPT_LIMIT: usize = 160;
/// A paragraph longer than this is hard to read on a phone.
pub const PARAGRAPH_WORD_LIMIT: usize = 150;
/// A sentence longer than this is hard to follow (plain-language guides put
/// the average at 15–20 words and the ceiling around 35–40).
pub const SENTENCE_WORD_LIMIT: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Where a problem is: a metadata field, or a byte range of the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    Field(&'static str),
    Body(Range<usize>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}", self.message)
    }
}

/// Every problem of an article, metadata first, then the body in order.
pub fn check(article: &Article) -> Vec<Problem> {
    check_blocks(article, &markdown::parse(&article.body))
}

/// [`check`] on an already parsed body.
pub fn check_blocks(article: &Article, blocks: &[Block]) -> Vec<Problem> {
    let meta = &article.meta;
    let mut out = Vec::new();
    let mut field = |severity, field, message: String| {
        out.push(Problem {
            severity,
            location: Location::Field(field),
            message,
        })
    };
    let title_len = meta.title.trim().chars().count();
    if title_len == 0 {
        field(Severity::Error, "title", "the article has no title".into());
    } else if title_len > TITLE_LIMIT {
        field(
            Severity::Warning,
            "title",
            format!("the title is {title_len} characters; search results show about {TITLE_LIMIT}"),
        );
    }
    if meta.author_names().is_empty() {
        field(
            Severity::Error,
            "authors",
            "the article has no author".into(),
        );
    } else {
        for author in meta.authors.iter().filter(|a| !a.name.trim().is_empty()) {
            if author.bio.trim().is_empty() {
                field(
                    Severity::Warning,
                    "authors",
                    format!("author {} has no bio", author.name.trim()),
                );
            }
        }
    }
    let excerpt_len = meta.excerpt.trim().chars().count();
    if excerpt_len == 0 {
        field(
            Severity::Warning,
            "excerpt",
            "the article has no excerpt (meta description)".into(),
        );
    } else if excerpt_len > EXCERPT_LIMIT {
        field(
            Severity::Warning,
            "excerpt",
            format!(
                "the excerpt is {excerpt_len} characters; search results show about {EXCERPT_LIMIT}"
            ),
        );
    }
    if meta.tags.iter().all(|t| t.trim().is_empty()) {
        field(Severity::Warning, "tags", "the article has no tags".into());
    }
    if !meta.image.src.is_empty() && meta.image.alt.trim().is_empty() {
        field(
            Severity::Warning,
            "image",
            "the feature image has no alt text".into(),
        );
    }
    if !meta.image.src.is_empty() && meta.image.credit.trim().is_empty() {
        field(
            Severity::Error,
            "image",
            "the feature image has no credit".into(),
        );
    }
    if !meta.canonical_url.is_empty() && !url::is_safe_link(&meta.canonical_url) {
        field(
            Severity::Error,
            "canonical_url",
            "the canonical URL is not a web address".into(),
        );
    }
    body_problems(blocks, &mut out);
    for slip in crate::cleanup::slips(&article.body, &meta.lang) {
        out.push(Problem {
            severity: Severity::Warning,
            location: Location::Body(slip.range),
            message: slip.message,
        });
    }
    out
}

/// Brackets and quotes that open and never close, or close and never
/// opened, in a paragraph's text: what is wrong, or `None`.
pub fn unbalanced(text: &str) -> Option<String> {
    // Pairs whose two sides differ; German „…“ closes with the English
    // opening quote, so “ is an opener only when no „ is open.
    const PAIRS: [(char, char); 5] = [('(', ')'), ('[', ']'), ('{', '}'), ('“', '”'), ('«', '»')];
    let mut stack: Vec<char> = Vec::new();
    let mut straight = 0usize;
    // Letters or digits just before: `a)` and `1)` number items.
    let mut token = 0usize;
    for c in text.chars() {
        if c == '"' {
            straight += 1;
        } else if c == '„' {
            stack.push('„');
        } else if c == '“' && stack.last() == Some(&'„') {
            stack.pop();
        } else if let Some(&(open, _)) = PAIRS.iter().find(|(o, _)| *o == c) {
            stack.push(open);
        } else if let Some(&(open, close)) = PAIRS.iter().find(|(_, cl)| *cl == c) {
            let numbering = close == ')' && (1..=2).contains(&token) && !stack.contains(&'(');
            match stack.iter().rposition(|&o| o == open) {
                Some(i) => {
                    stack.truncate(i);
                }
                None if numbering => {}
                None => return Some(format!("a closing {close} has no opening {open}")),
            }
        }
        token = if c.is_alphanumeric() { token + 1 } else { 0 };
    }
    if let Some(open) = stack.first() {
        let close = PAIRS
            .iter()
            .find(|(o, _)| o == open)
            .map_or('“', |&(_, c)| c);
        return Some(format!("an opening {open} is never closed with {close}"));
    }
    if straight % 2 == 1 {
        return Some("an odd number of \" quotes: one is not closed".into());
    }
    None
}

fn body_problems(blocks: &[Block], out: &mut Vec<Problem>) {
    let mut at = |severity, range: &Range<usize>, message: String| {
        out.push(Problem {
            severity,
            location: Location::Body(range.clone()),
            message,
        })
    };
    let mut seen_headings: HashMap<String, usize> = HashMap::new();
    let mut previous_level = 1u8;
    let mut figure_number = 0;
    markdown::walk(blocks, &mut |block| match &block.kind {
        BlockKind::Figure(f) => {
            figure_number += 1;
            let name = {
                let caption = plain_text(&f.caption);
                if caption.trim().is_empty() {
                    format!("figure {figure_number}")
                } else {
                    format!("figure “{}”", caption.trim())
                }
            };
            if plain_text(&f.credit).trim().is_empty() {
                at(
                    Severity::Error,
                    &block.range,
                    format!("{name} has no credit"),
                );
            }
            if f.src.trim().is_empty() {
                at(
                    Severity::Warning,
                    &block.range,
                    format!("{name} has no image yet"),
                );
            } else if !url::is_safe_image(&f.src) {
                at(
                    Severity::Error,
                    &block.range,
                    format!("{name} has an image address that cannot be published"),
                );
            }
            if f.alt.trim().is_empty() {
                at(
                    Severity::Warning,
                    &block.range,
                    format!("{name} has no alt text"),
                );
            }
        }
        BlockKind::Heading { level, content } => {
            let text = plain_text(content).trim().to_string();
            if *level == 1 {
                at(
                    Severity::Warning,
                    &block.range,
                    format!(
                        "heading “{text}” is a level-1 heading; the title is the page's only one"
                    ),
                );
            } else if *level > previous_level + 1 {
                at(
                    Severity::Warning,
                    &block.range,
                    format!("heading “{text}” skips from level {previous_level} to level {level}"),
                );
            }
            previous_level = *level;
            if text.is_empty() {
                at(Severity::Warning, &block.range, "empty heading".into());
            } else if let Some(count) = seen_headings.get_mut(&text.to_lowercase()) {
                *count += 1;
                if *count == 2 {
                    at(
                        Severity::Warning,
                        &block.range,
                        format!("heading “{text}” appears more than once"),
                    );
                }
            } else {
                seen_headings.insert(text.to_lowercase(), 1);
            }
        }
        BlockKind::Paragraph(content) => {
            let text = plain_text(content);
            if let Some(message) = unbalanced(&text) {
                at(Severity::Warning, &block.range, message);
            }
            for sentence in text.unicode_sentences() {
                let words = super::stats::word_count(sentence);
                if words > SENTENCE_WORD_LIMIT {
                    let start: String = sentence
                        .split_whitespace()
                        .take(6)
                        .collect::<Vec<_>>()
                        .join(" ");
                    at(
                        Severity::Warning,
                        &block.range,
                        format!(
                            "a sentence of {words} words (“{start}…”); over {SENTENCE_WORD_LIMIT} is hard to follow"
                        ),
                    );
                }
            }
            let words = super::stats::word_count(&text);
            if words > PARAGRAPH_WORD_LIMIT {
                at(
                    Severity::Warning,
                    &block.range,
                    format!(
                        "a paragraph of {words} words; readers on phones lose the thread after about {PARAGRAPH_WORD_LIMIT}"
                    ),
                );
            }
        }
        _ => {}
    });
    for (link, text, range) in markdown::links(blocks) {
        if link.trim().is_empty() {
            at(
                Severity::Error,
                &range,
                format!("the link “{}” has no address", text.trim()),
            );
        } else if !url::is_safe_link(&link) {
            at(
                Severity::Error,
                &range,
                format!(
                    "the link “{}” points to {link}, which cannot be published",
                    text.trim()
                ),
            );
        } else if text.trim().is_empty() {
            at(
                Severity::Warning,
                &range,
                format!("the link to {link} has no text"),
            );
        }
    }
}

/// The problems in a few words: `no problems`, `1 problem (1 error)`,
/// `3 problems (2 errors)`, `2 problems` (warnings only).
pub fn summary(problems: &[Problem]) -> String {
    if problems.is_empty() {
        return "no problems".into();
    }
    let all = super::counted(problems.len(), "problem", "problems");
    match problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
    {
        0 => all,
        errors => format!("{all} ({})", super::counted(errors, "error", "errors")),
    }
}

/// Whether any problem stops publication.
pub fn has_errors(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Metadata};

    fn messages(article: &Article) -> Vec<String> {
        check(article).iter().map(|p| p.to_string()).collect()
    }

    fn good() -> Article {
        Article {
            meta: Metadata {
                title: "A fine title".into(),
                authors: vec![Author {
                    name: "Jane".into(),
                    bio: "Writes.".into(),
                }],
                excerpt: "Short.".into(),
                tags: vec!["x".into()],
                ..Default::default()
            },
            body: "## One\n\nText.\n".into(),
        }
    }

    #[test]
    fn unbalanced_brackets_and_quotes() {
        assert_eq!(unbalanced("He said (twice) “yes” and [no]."), None);
        assert_eq!(unbalanced("Er sagte „ja“ und «non»."), None);
        assert_eq!(unbalanced("Options: a) one, b) two."), None);
        assert_eq!(unbalanced("It said \"yes\" and \"no\"."), None);
        assert_eq!(
            unbalanced("It (was never closed."),
            Some("an opening ( is never closed with )".into())
        );
        assert_eq!(
            unbalanced("“Nested (quote” here)."),
            Some("a closing ) has no opening (".into())
        );
        assert_eq!(
            unbalanced("Closed twice”."),
            Some("a closing ” has no opening “".into())
        );
        assert_eq!(
            unbalanced("He said \"yes and left."),
            Some("an odd number of \" quotes: one is not closed".into())
        );
    }

    #[test]
    fn body_checks_quotes_and_long_sentences() {
        let mut a = good();
        let long = vec!["word"; 45].join(" ");
        a.body = format!("## One\n\nIt said “yes.\n\n{long}. Short one.\n\n- item (open\n");
        let m = messages(&a);
        assert!(
            m.contains(&"warning: an opening “ is never closed with ”".to_string()),
            "{m:?}"
        );
        assert!(
            m.contains(&"warning: a sentence of 45 words (“word word word word word word…”); over 40 is hard to follow".to_string()),
            "{m:?}"
        );
        assert!(
            m.contains(&"warning: an opening ( is never closed with )".to_string()),
            "{m:?}"
        );
    }

    #[test]
    fn spaces_before_closing_marks_and_dashes_before_full_stops_are_reported() {
        let mut a = good();
        a.body = "## One\n\n“Eager to explore. ” So said the company -. Fine (really ).\n\n`f( x )` is code.\n".into();
        let problems = check(&a);
        let m: Vec<_> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            m,
            [
                "warning: a space before the closing quote ”",
                "warning: a dash before a full stop (“company -.”)",
                "warning: a space before the closing bracket )",
            ],
        );
        let at = |i: usize| match &problems[i].location {
            Location::Body(range) => &a.body[range.clone()],
            Location::Field(f) => f,
        };
        assert_eq!((at(0), at(1), at(2)), (" ”", " -.", " )"));
        // In German “ closes a quote.
        a.body = "Er sagte „gut “.\n".into();
        a.meta.lang = "de".into();
        assert_eq!(
            messages(&a),
            ["warning: a space before the closing quote “"]
        );
    }

    #[test]
    fn summaries_count_in_words() {
        let problem = |severity| Problem {
            severity,
            location: Location::Field("title"),
            message: String::new(),
        };
        assert_eq!(summary(&[]), "no problems");
        assert_eq!(summary(&[problem(Severity::Error)]), "1 problem (1 error)");
        assert_eq!(
            summary(&[problem(Severity::Warning), problem(Severity::Error)]),
            "2 problems (1 error)"
        );
        assert_eq!(
            summary(&[problem(Severity::Warning), problem(Severity::Warning)]),
            "2 problems"
        );
    }

    #[test]
    fn a_complete_article_has_no_problems() {
        assert_eq!(messages(&good()), Vec::<String>::new());
    }

    #[test]
    fn missing_metadata_is_reported() {
        let m = messages(&Article::default());
        assert!(
            m.contains(&"error: the article has no title".to_string()),
            "{m:?}"
        );
        assert!(
            m.contains(&"error: the article has no author".to_string()),
            "{m:?}"
        );
        assert!(
            m.contains(&"warning: the article has no tags".to_string()),
            "{m:?}"
        );
    }

    #[test]
    fn long_title_and_excerpt_state_the_limits() {
        let mut a = good();
        a.meta.title = "x".repeat(70);
        a.meta.excerpt = "y".repeat(200);
        let m = messages(&a);
        assert!(
            m.contains(
                &"warning: the title is 70 characters; search results show about 60".to_string()
            ),
            "{m:?}"
        );
        assert!(m.iter().any(|p| p.contains("200 characters")), "{m:?}");
    }

    #[test]
    fn figures_need_credit_and_alt() {
        let mut a = good();
        a.body = "![](x.jpg)\nLeica\n".into();
        let problems = check(&a);
        assert!(has_errors(&problems));
        let m: Vec<_> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            m.contains(&"error: figure “Leica” has no credit".to_string()),
            "{m:?}"
        );
        assert!(
            m.contains(&"warning: figure “Leica” has no alt text".to_string()),
            "{m:?}"
        );
        assert_eq!(problems[0].location, Location::Body(0..17));
    }

    #[test]
    fn heading_structure_problems() {
        let mut a = good();
        a.body = "## A\n\n#### B\n\n## A\n".into();
        let m = messages(&a);
        assert!(
            m.iter()
                .any(|p| p.contains("skips from level 2 to level 4")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|p| p.contains("appears more than once")),
            "{m:?}"
        );
    }

    #[test]
    fn empty_and_unsafe_links_are_errors() {
        let mut a = good();
        a.body = "[here]() and [there](javascript:x)\n".into();
        let m = messages(&a);
        assert!(
            m.contains(&"error: the link “here” has no address".to_string()),
            "{m:?}"
        );
        assert!(m.iter().any(|p| p.contains("cannot be published")), "{m:?}");
    }
}
