//! Clean plain text, for pasting anywhere: no Markdown syntax left.

use super::ExportOptions;
use crate::markdown::{self, Block, BlockKind, Inline, TopLevel, plain_text};
use crate::model::{Article, Metadata};

/// Title, subtitle, byline, body, credits and the author's bio (labelled, so
/// it does not read as one more body paragraph) as plain text, paragraphs
/// separated by blank lines.
pub fn text(article: &Article, options: &ExportOptions) -> String {
    let meta = &article.meta;
    let mut paras: Vec<String> = Vec::new();
    let mut head = Vec::new();
    if !meta.title.is_empty() {
        head.push(meta.title.clone());
    }
    if !meta.subtitle.is_empty() {
        head.push(meta.subtitle.clone());
    }
    if !head.is_empty() {
        paras.push(head.join("\n"));
    }
    let byline = meta.byline();
    match (byline.is_empty(), meta.date.is_empty()) {
        (false, false) => paras.push(format!("By {byline} · {}", meta.date)),
        (false, true) => paras.push(format!("By {byline}")),
        (true, false) => paras.push(meta.date.clone()),
        (true, true) => {}
    }
    top_paragraphs(&article.body, &mut paras);
    footer_paragraphs(meta, options.bio, &mut paras);
    let mut out = String::new();
    for para in paras {
        let para = match options.wrap {
            Some(width) if width > 0 => wrap(&para, width),
            _ => para,
        };
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&para);
    }
    out.push('\n');
    out
}

/// The credits, then each bio under its label.
fn footer_paragraphs(meta: &Metadata, bio: bool, paras: &mut Vec<String>) {
    if !meta.credits.is_empty() {
        paras.push(
            meta.credits
                .iter()
                .map(|c| c.sentence())
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    if bio {
        for author in super::footer::bios(meta) {
            paras.push(match author.name.trim() {
                "" => BIO_LABEL.to_string(),
                name => format!("{BIO_LABEL}: {name}"),
            });
            body_paragraphs(&markdown::parse(&author.bio), "", paras);
        }
    }
}

/// What the text export puts above a bio.
pub const BIO_LABEL: &str = "About the author";

/// The credits and bio as they follow [`body_text`]: a blank line before
/// each paragraph; empty when there is neither.
pub fn footer_text(meta: &Metadata, bio: bool) -> String {
    let mut paras = Vec::new();
    footer_paragraphs(meta, bio, &mut paras);
    paras.iter().map(|p| format!("\n{p}\n")).collect()
}

/// The text export of a body alone (what a CMS's plain-text paste gets).
pub fn body_text(body: &str) -> String {
    let mut paras = Vec::new();
    top_paragraphs(body, &mut paras);
    let mut out = paras.join("\n\n");
    out.push('\n');
    out
}

fn wrap(para: &str, width: usize) -> String {
    para.lines()
        .map(|line| {
            let indent: String = line.chars().take_while(|c| *c == ' ').collect();
            let opts = textwrap::Options::new(width)
                .initial_indent(&indent)
                .subsequent_indent(&indent)
                .break_words(false);
            textwrap::fill(line.trim_start(), opts)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paragraphs of a body: its paragraphs and headings made from the
/// parser's events (no tree built for them), other blocks as
/// [`body_paragraphs`] writes them.
fn top_paragraphs(body: &str, out: &mut Vec<String>) {
    for part in markdown::top_level(body) {
        match part {
            TopLevel::Inlines(_, events) => out.push(one_line_of_events(&events)),
            TopLevel::Block(block) => body_paragraphs(std::slice::from_ref(&block), "", out),
        }
    }
}

fn body_paragraphs(blocks: &[Block], indent: &str, out: &mut Vec<String>) {
    for block in blocks {
        match &block.kind {
            BlockKind::Heading { content, .. } | BlockKind::Paragraph(content) => {
                let lines = lines_of(content);
                out.push(format!(
                    "{indent}{}",
                    lines.replace('\n', &format!("\n{indent}"))
                ))
            }
            BlockKind::Figure(f) => {
                let caption = one_line(&plain_text(&f.caption));
                let credit = one_line(&plain_text(&f.credit));
                let caption = if caption.is_empty() {
                    one_line(&f.alt)
                } else {
                    caption
                };
                let line = match (caption.is_empty(), credit.is_empty()) {
                    (false, false) => format!("[Image: {caption} (Credit: {credit})]"),
                    (false, true) => format!("[Image: {caption}]"),
                    (true, false) => format!("[Image (Credit: {credit})]"),
                    (true, true) => "[Image]".to_string(),
                };
                out.push(format!("{indent}{line}"));
            }
            BlockKind::Quote(inner) => body_paragraphs(inner, &format!("{indent}    "), out),
            BlockKind::List { start, items, .. } => {
                let mut lines = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let marker = match start {
                        Some(n) => format!("{}. ", n + i as u64),
                        None => "• ".to_string(),
                    };
                    let mut inner = Vec::new();
                    body_paragraphs(item, "", &mut inner);
                    let pad = " ".repeat(marker.chars().count());
                    let text = inner.join("\n").replace('\n', &format!("\n{indent}{pad}"));
                    lines.push(format!("{indent}{marker}{text}"));
                }
                out.push(lines.join("\n"));
            }
            BlockKind::Code { text, .. } => out.push(
                text.trim_end_matches('\n')
                    .lines()
                    .map(|l| format!("{indent}    {l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            BlockKind::Rule => out.push(format!("{indent}* * *")),
            BlockKind::Table { head, rows, .. } => {
                let row_text = |cells: &[Vec<markdown::Inline>]| {
                    cells
                        .iter()
                        .map(|c| plain_text(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                };
                let mut lines = vec![format!("{indent}{}", row_text(head))];
                lines.extend(rows.iter().map(|r| format!("{indent}{}", row_text(r))));
                out.push(lines.join("\n"));
            }
            BlockKind::Html(raw) => {
                let text = html_to_text(raw);
                if !text.trim().is_empty() {
                    out.push(format!("{indent}{}", text.trim()));
                }
            }
            BlockKind::FootnoteDefinition { label, blocks } => {
                let mut inner = Vec::new();
                body_paragraphs(blocks, "", &mut inner);
                out.push(format!("{indent}[{label}] {}", inner.join(" ")));
            }
        }
    }
}

/// The plain text of a paragraph's inlines, each line of it as
/// [`one_line`] makes it: a hard line break (two spaces or a backslash at
/// the end of a line: an address, a sign-off) stays a line break.
fn lines_of(content: &[Inline]) -> String {
    fn push(out: &mut String, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::HardBreak => out.push('\n'),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => push(out, c),
                Inline::Link { content, .. } => push(out, content),
                other => out.push_str(&plain_text(std::slice::from_ref(other))),
            }
        }
    }
    let mut text = String::new();
    push(&mut text, content);
    text.split('\n')
        .map(one_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`lines_of`] the inline events, in one pass (no plain text made first).
fn one_line_of_events(events: &[pulldown_cmark::Event<'_>]) -> String {
    use pulldown_cmark::Event;
    let mut out = String::new();
    // Whitespace seen since the last word.
    let mut space = false;
    let mut piece = |text: &str| {
        if text == "\n" {
            out.push('\n');
            space = false;
            return;
        }
        let mut words = text.split_whitespace();
        let Some(first) = words.next() else {
            space |= !text.is_empty();
            return;
        };
        if (space || text.starts_with(char::is_whitespace))
            && !out.is_empty()
            && !out.ends_with('\n')
        {
            out.push(' ');
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
        space = text.ends_with(char::is_whitespace);
    };
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => piece(t),
            Event::SoftBreak => piece(" "),
            Event::HardBreak => piece("\n"),
            Event::FootnoteReference(label) => {
                piece("[");
                piece(label);
                piece("]");
            }
            Event::TaskListMarker(done) => piece(if *done { "☑ " } else { "☐ " }),
            _ => {}
        }
    }
    out
}

/// Soft line breaks in a paragraph become spaces; runs of spaces one.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The text of raw HTML: tags removed, the sanitiser's entities decoded.
pub fn html_to_text(html: &str) -> String {
    let clean = ammonia::Builder::empty().clean(html).to_string();
    clean
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Credit, Metadata};

    fn article(body: &str) -> Article {
        Article {
            meta: Metadata {
                title: "Title".into(),
                subtitle: "Dek".into(),
                authors: vec![Author {
                    name: "Jane Doe".into(),
                    bio: "Jane *writes*.".into(),
                }],
                date: "2022-03-01".into(),
                credits: vec![Credit::new("source", "Reuters")],
                ..Default::default()
            },
            body: body.into(),
        }
    }

    #[test]
    fn reads_like_an_article_without_markdown() {
        let out = text(
            &article(
                "## Heading\n\nA *b* [c](https://d.e)\nwraps.\n\n![]()\nLeica\nCredit: LGD\n\n- one\n- two\n\n> quoted\n",
            ),
            &ExportOptions::default(),
        );
        assert_eq!(
            out,
            "Title\nDek\n\nBy Jane Doe · 2022-03-01\n\nHeading\n\nA b c wraps.\n\n[Image: Leica (Credit: LGD)]\n\n• one\n• two\n\n    quoted\n\nSource: Reuters\n\nAbout the author: Jane Doe\n\nJane writes.\n"
        );
    }

    #[test]
    fn a_hard_line_break_stays_a_line_break() {
        let lines = "Acme Corp.  \n1 Main Street\\\n*Springfield*  \nsoft\nwrap\n";
        assert_eq!(
            body_text(lines),
            "Acme Corp.\n1 Main Street\nSpringfield\nsoft wrap\n"
        );
        let quoted: String = lines.lines().map(|l| format!("> {l}\n")).collect();
        assert_eq!(
            body_text(&quoted),
            "    Acme Corp.\n    1 Main Street\n    Springfield\n    soft wrap\n"
        );
    }

    #[test]
    fn hard_wraps_when_asked() {
        let out = text(
            &article("one two three four five six seven eight nine ten"),
            &ExportOptions {
                wrap: Some(20),
                ..Default::default()
            },
        );
        assert!(
            out.contains("one two three four\nfive six seven eight\nnine ten"),
            "{out}"
        );
        assert!(out.lines().all(|l| l.chars().count() <= 24), "{out}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, failure_persistence: None, ..Default::default() })]
        /// Made from events as from the whole tree (the old way).
        #[test]
        fn any_markdown_reads_alike_from_events_and_from_the_tree(
            body in "[ab *_`\\[\\]()!<>&\n#:/.\\\\-]{0,80}"
        ) {
            let mut events = Vec::new();
            top_paragraphs(&body, &mut events);
            let mut tree = Vec::new();
            body_paragraphs(&markdown::parse(&body), "", &mut tree);
            proptest::prop_assert_eq!(events, tree);
        }
    }

    #[test]
    fn raw_html_leaves_only_its_text() {
        assert_eq!(
            body_text("<div><b>AT&amp;T</b> rocks</div>\n"),
            "AT&T rocks\n"
        );
    }
}
