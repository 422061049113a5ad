//! Correcting an import in one move: the editor says what a block of the
//! body really is ("this is the subtitle", "a heading", "a caption", "the
//! byline", "the bio", "body text"), and it moves into the right field or
//! takes the right shape.

use super::head::byline_and_date;
use super::lines::{bio_author, parse_byline, parse_caption, undouble};
use crate::markdown::escape::escape_text;
use crate::markdown::{self, BlockKind, plain_text};
use crate::model::{Article, Author};

/// What a block of an imported body can be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Subtitle,
    Heading,
    Caption,
    Byline,
    Bio,
    BodyText,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Subtitle,
        Part::Heading,
        Part::Caption,
        Part::Byline,
        Part::Bio,
        Part::BodyText,
    ];

    /// The menu entry.
    pub fn label(self) -> &'static str {
        match self {
            Part::Subtitle => "This Is the Subtitle",
            Part::Heading => "This Is a Heading",
            Part::Caption => "This Is a Caption",
            Part::Byline => "This Is the Byline",
            Part::Bio => "This Is the Author's Bio",
            Part::BodyText => "This Is Body Text",
        }
    }
}

/// The article with the top-level block at byte `at` of the body made
/// `part`; `None` when there is no such block (a blank line, a list, code).
pub fn reclassify(article: &Article, at: usize, part: Part) -> Option<Article> {
    let blocks = markdown::parse(&article.body);
    let block = blocks
        .iter()
        .find(|b| b.range.start <= at && at <= b.range.end)?;
    let text = match &block.kind {
        BlockKind::Paragraph(inlines)
        | BlockKind::Heading {
            content: inlines, ..
        } => plain_text(inlines),
        BlockKind::Figure(f) => {
            let caption = plain_text(&f.caption);
            let credit = plain_text(&f.credit);
            match (caption.is_empty(), credit.is_empty()) {
                (_, true) => caption,
                (true, false) => format!("Credit: {credit}"),
                (false, false) => format!("{caption} Credit: {credit}"),
            }
        }
        _ => return None,
    };
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = article.clone();
    let replacement = match part {
        Part::Heading => Some(format!("## {}", escape_text(&text))),
        Part::BodyText => Some(escape_text(&text)),
        Part::Caption => Some(match parse_caption(&text) {
            Some((caption, credit, _)) => {
                let caption = undouble(&caption);
                let mut fig = String::from("![]()");
                if !caption.is_empty() {
                    fig.push('\n');
                    fig.push_str(&escape_text(&caption));
                }
                fig.push_str("\nCredit: ");
                fig.push_str(&escape_text(&credit));
                fig
            }
            None => format!("![]()\n{}", escape_text(&text)),
        }),
        Part::Subtitle => {
            out.meta.subtitle = text.clone();
            None
        }
        Part::Byline => {
            let (names, date) = byline_and_date(&text)
                .or_else(|| parse_byline(&format!("By {text}")).map(|(n, _)| (n, None)))
                .unwrap_or_else(|| (vec![text.clone()], None));
            for name in names {
                if !out.meta.authors.iter().any(|a| a.name == name) {
                    out.meta.authors.push(Author::named(name));
                }
            }
            if out.meta.date.is_empty()
                && let Some(date) = date
            {
                out.meta.date = date;
            }
            None
        }
        Part::Bio => {
            let known: Vec<String> = out.meta.authors.iter().map(|a| a.name.clone()).collect();
            match out.meta.authors.first_mut() {
                Some(author) => author.bio = escape_text(&text),
                None => out.meta.authors.push(Author {
                    name: bio_author(&text, &known).unwrap_or_default(),
                    bio: escape_text(&text),
                }),
            }
            None
        }
    };
    let range = block.range.clone();
    out.body = match replacement {
        Some(new) => {
            // The block's own line breaks stay after it.
            let source = &article.body[range.clone()];
            let breaks = source.len() - source.trim_end_matches('\n').len();
            format!(
                "{}{new}{}{}",
                &article.body[..range.start],
                "\n".repeat(breaks),
                &article.body[range.end..]
            )
        }
        // The block leaves the body, with the blank line after it.
        None => {
            let after = article.body[range.end..].trim_start_matches('\n');
            format!("{}{after}", &article.body[..range.start])
        }
    };
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Metadata;

    fn article(body: &str) -> Article {
        Article {
            meta: Metadata {
                title: "T".into(),
                ..Default::default()
            },
            body: body.into(),
        }
    }

    const BODY: &str = "A dek that was read as body text\n\nThe first real paragraph, long enough.\n\n## Jane Doe\n\nNew sensor on a bench. (Sony)\n\nJane Doe covers cameras for the site.\n";

    #[test]
    fn a_paragraph_becomes_the_subtitle_and_leaves_the_body() {
        let a = reclassify(&article(BODY), 3, Part::Subtitle).unwrap();
        assert_eq!(a.meta.subtitle, "A dek that was read as body text");
        assert!(a.body.starts_with("The first real paragraph"), "{}", a.body);
    }

    #[test]
    fn a_heading_becomes_the_byline_and_a_paragraph_a_caption() {
        let at = BODY.find("## Jane").unwrap() + 4;
        let a = reclassify(&article(BODY), at, Part::Byline).unwrap();
        assert_eq!(a.meta.authors[0].name, "Jane Doe");
        assert!(!a.body.contains("## Jane"), "{}", a.body);
        let at = a.body.find("New sensor").unwrap();
        let a = reclassify(&a, at, Part::Caption).unwrap();
        let blocks = markdown::parse(&a.body);
        let figures = markdown::figures(&blocks);
        assert_eq!(plain_text(&figures[0].caption), "New sensor on a bench.");
        assert_eq!(plain_text(&figures[0].credit), "Sony");
        let at = a.body.find("Jane Doe covers").unwrap();
        let a = reclassify(&a, at, Part::Bio).unwrap();
        assert_eq!(
            a.meta.authors[0].bio,
            "Jane Doe covers cameras for the site."
        );
        assert!(!a.body.contains("covers cameras"));
    }

    #[test]
    fn headings_and_paragraphs_trade_places() {
        let a = reclassify(&article(BODY), 1, Part::Heading).unwrap();
        assert!(
            a.body
                .starts_with("## A dek that was read as body text\n\n"),
            "{}",
            a.body
        );
        let a = reclassify(&a, 1, Part::BodyText).unwrap();
        assert_eq!(a.body, BODY);
        assert!(reclassify(&article(""), 0, Part::Heading).is_none());
    }
}
