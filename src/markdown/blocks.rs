//! pulldown-cmark events → [`Block`]s.

use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, Options, Parser, Tag, TagEnd};

use super::{Align, Block, BlockKind, Figure, Inline};

/// The Markdown dialect of article bodies: CommonMark with GFM tables,
/// strikethrough and footnotes.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Parses an article body.
pub fn parse(body: &str) -> Vec<Block> {
    let mut events = Parser::new_ext(body, options())
        .into_offset_iter()
        .peekable();
    parse_blocks(&mut events, None)
}

type Events<'a> =
    Peekable<pulldown_cmark::OffsetIter<'a, pulldown_cmark::DefaultBrokenLinkCallback>>;

/// A top-level part of a body as the exports read it: a paragraph or a
/// heading as its inline events, to be written as they come (building a
/// tree of them, a string per piece of text, cost the exports most of
/// their time), or any other block built whole.
pub enum TopLevel<'a> {
    /// A paragraph (`None`) that is not a figure, or a heading (its
    /// level): the events between its start and end.
    Inlines(Option<u8>, Vec<Event<'a>>),
    Block(Block),
}

/// The top-level parts of `body`, in order (the blocks of [`parse`], with
/// paragraphs and headings left as events).
pub fn top_level(body: &str) -> impl Iterator<Item = TopLevel<'_>> {
    let mut events = Parser::new_ext(body, options())
        .into_offset_iter()
        .peekable();
    std::iter::from_fn(move || {
        loop {
            let (event, range) = events.next()?;
            let (level, end) = match &event {
                Event::Start(Tag::Paragraph) => (None, TagEnd::Paragraph),
                Event::Start(Tag::Heading { level, .. }) => {
                    (Some(*level as u8), TagEnd::Heading(*level))
                }
                _ => match block_kind(&mut events, event) {
                    Some(kind) => return Some(TopLevel::Block(Block { kind, range })),
                    // Nothing else comes at the top level.
                    None => continue,
                },
            };
            // Room for a typical paragraph's events at once.
            let mut inlines = Vec::with_capacity(32);
            for (event, _) in events.by_ref() {
                if event == Event::End(end) {
                    break;
                }
                inlines.push(event);
            }
            if level.is_none() && starts_a_figure(&inlines) {
                let mut replay = inlines
                    .into_iter()
                    .map(|e| (e, 0..0))
                    .chain([(Event::End(TagEnd::Paragraph), 0..0)]);
                let content = parse_inlines(&mut replay, TagEnd::Paragraph);
                let kind = paragraph_or_figure(content);
                return Some(TopLevel::Block(Block { kind, range }));
            }
            return Some(TopLevel::Inlines(level, inlines));
        }
    })
}

/// Whether a paragraph's inline events make a figure: an image, then a
/// line break or nothing.
fn starts_a_figure(events: &[Event<'_>]) -> bool {
    if !matches!(events.first(), Some(Event::Start(Tag::Image { .. }))) {
        return false;
    }
    let mut depth = 0;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return matches!(
                        events.get(i + 1),
                        None | Some(Event::SoftBreak | Event::HardBreak)
                    );
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether a tag starts a block (not inline content).
fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
    )
}

/// Blocks until the end tag `until` (consumed) or the end of input.
fn parse_blocks(events: &mut Events<'_>, until: Option<TagEnd>) -> Vec<Block> {
    let mut blocks = Vec::new();
    // Inline content directly in a tight list item.
    let mut loose_inlines: Vec<Inline> = Vec::new();
    let mut loose_range: Option<Range<usize>> = None;
    while let Some((event, range)) = events.next() {
        let kind = match event {
            Event::End(end) if Some(end) == until => break,
            Event::End(_) => continue,
            Event::Start(tag) if !is_block(&tag) => {
                // Inline content directly inside a tight list item.
                let inline = parse_inline_tag(events, tag);
                extend_range(&mut loose_range, &range);
                loose_inlines.extend(inline);
                continue;
            }
            block @ (Event::Start(_) | Event::Rule | Event::Html(_)) => {
                match block_kind(events, block) {
                    Some(kind) => kind,
                    None => continue,
                }
            }
            other => {
                if let Some(inline) = simple_inline(other) {
                    extend_range(&mut loose_range, &range);
                    loose_inlines.push(inline);
                }
                continue;
            }
        };
        flush_loose(&mut blocks, &mut loose_inlines, &mut loose_range);
        blocks.push(Block { kind, range });
    }
    flush_loose(&mut blocks, &mut loose_inlines, &mut loose_range);
    blocks
}

/// The block `event` (just read) starts, read to its end; `None` when it
/// starts none.
fn block_kind(events: &mut Events<'_>, event: Event<'_>) -> Option<BlockKind> {
    Some(match event {
        Event::Start(tag) => match tag {
            Tag::Paragraph => {
                let content = parse_inlines(events, TagEnd::Paragraph);
                paragraph_or_figure(content)
            }
            Tag::Heading { level, .. } => BlockKind::Heading {
                level: level as u8,
                content: parse_inlines(events, TagEnd::Heading(level)),
            },
            Tag::BlockQuote(kind) => {
                BlockKind::Quote(parse_blocks(events, Some(TagEnd::BlockQuote(kind))))
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                let mut text = String::new();
                for (event, _) in events.by_ref() {
                    match event {
                        Event::Text(t) => text.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                BlockKind::Code { lang, text }
            }
            Tag::HtmlBlock => {
                let mut html = String::new();
                for (event, _) in events.by_ref() {
                    match event {
                        Event::Html(t) | Event::Text(t) => html.push_str(&t),
                        Event::End(TagEnd::HtmlBlock) => break,
                        _ => {}
                    }
                }
                BlockKind::Html(html)
            }
            Tag::List(start) => parse_list(events, start),
            Tag::FootnoteDefinition(label) => BlockKind::FootnoteDefinition {
                label: label.to_string(),
                blocks: parse_blocks(events, Some(TagEnd::FootnoteDefinition)),
            },
            Tag::Table(aligns) => parse_table(events, aligns),
            _ => return None,
        },
        Event::Rule => BlockKind::Rule,
        Event::Html(html) => BlockKind::Html(html.to_string()),
        _ => return None,
    })
}

fn extend_range(range: &mut Option<Range<usize>>, with: &Range<usize>) {
    *range = Some(match range.take() {
        Some(r) => r.start.min(with.start)..r.end.max(with.end),
        None => with.clone(),
    });
}

fn flush_loose(
    blocks: &mut Vec<Block>,
    inlines: &mut Vec<Inline>,
    range: &mut Option<Range<usize>>,
) {
    if let Some(range) = range.take() {
        blocks.push(Block {
            kind: BlockKind::Paragraph(std::mem::take(inlines)),
            range,
        });
    }
}

fn parse_list(events: &mut Events<'_>, start: Option<u64>) -> BlockKind {
    let mut items = Vec::new();
    let mut tight = true;
    loop {
        match events.next() {
            Some((Event::Start(Tag::Item), _)) => {
                if matches!(events.peek(), Some((Event::Start(Tag::Paragraph), _))) {
                    tight = false;
                }
                items.push(parse_blocks(events, Some(TagEnd::Item)));
            }
            Some((Event::End(TagEnd::List(_)), _)) | None => break,
            Some(_) => {}
        }
    }
    BlockKind::List {
        start,
        tight,
        items,
    }
}

fn parse_table(events: &mut Events<'_>, aligns: Vec<Alignment>) -> BlockKind {
    let aligns = aligns
        .into_iter()
        .map(|a| match a {
            Alignment::None => Align::None,
            Alignment::Left => Align::Left,
            Alignment::Center => Align::Center,
            Alignment::Right => Align::Right,
        })
        .collect();
    let mut head = Vec::new();
    let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
    let mut in_head = false;
    loop {
        match events.next() {
            Some((Event::Start(Tag::TableHead), _)) => in_head = true,
            Some((Event::End(TagEnd::TableHead), _)) => in_head = false,
            Some((Event::Start(Tag::TableRow), _)) => rows.push(Vec::new()),
            Some((Event::Start(Tag::TableCell), _)) => {
                let cell = parse_inlines(events, TagEnd::TableCell);
                match (in_head, rows.last_mut()) {
                    (true, _) | (false, None) => head.push(cell),
                    (false, Some(row)) => row.push(cell),
                }
            }
            Some((Event::End(TagEnd::Table), _)) | None => break,
            Some(_) => {}
        }
    }
    BlockKind::Table { aligns, head, rows }
}

/// Inline content until `until` (consumed).
fn parse_inlines<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    until: TagEnd,
) -> Vec<Inline> {
    let mut out = Vec::new();
    while let Some((event, _)) = events.next() {
        match event {
            Event::End(end) if end == until => break,
            Event::Start(tag) => out.extend(parse_inline_tag(events, tag)),
            other => out.extend(simple_inline(other)),
        }
    }
    out
}

fn parse_inline_tag<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    tag: Tag<'_>,
) -> Vec<Inline> {
    vec![match tag {
        Tag::Emphasis => Inline::Emphasis(parse_inlines(events, TagEnd::Emphasis)),
        Tag::Strong => Inline::Strong(parse_inlines(events, TagEnd::Strong)),
        Tag::Strikethrough => Inline::Strikethrough(parse_inlines(events, TagEnd::Strikethrough)),
        Tag::Link {
            dest_url, title, ..
        } => Inline::Link {
            url: dest_url.to_string(),
            title: title.to_string(),
            content: parse_inlines(events, TagEnd::Link),
        },
        Tag::Image {
            dest_url, title, ..
        } => {
            let alt = super::plain_text(&parse_inlines(events, TagEnd::Image));
            Inline::Image {
                src: dest_url.to_string(),
                alt,
                title: title.to_string(),
            }
        }
        // Tags this dialect does not enable: keep their content.
        other => return parse_inlines(events, other.to_end()),
    }]
}

fn simple_inline(event: Event<'_>) -> Option<Inline> {
    Some(match event {
        Event::Text(t) => Inline::Text(cow(t)),
        Event::Code(t) => Inline::Code(cow(t)),
        Event::InlineHtml(t) | Event::Html(t) => Inline::Html(cow(t)),
        Event::SoftBreak => Inline::SoftBreak,
        Event::HardBreak => Inline::HardBreak,
        Event::FootnoteReference(label) => Inline::FootnoteReference(cow(label)),
        Event::TaskListMarker(done) => Inline::Text(if done { "☑ " } else { "☐ " }.to_string()),
        _ => return None,
    })
}

fn cow(text: CowStr<'_>) -> String {
    text.into_string()
}

/// Words that start a figure's credit line.
pub const CREDIT_MARKERS: [&str; 7] = [
    "Credit:",
    "Credits:",
    "Photo:",
    "Image:",
    "Source:",
    "Photo credit:",
    "Image credit:",
];

fn paragraph_or_figure(content: Vec<Inline>) -> BlockKind {
    let is_figure = matches!(content.first(), Some(Inline::Image { .. }))
        && matches!(
            content.get(1),
            None | Some(Inline::SoftBreak | Inline::HardBreak)
        );
    if !is_figure {
        return BlockKind::Paragraph(content);
    }
    let mut inlines = content.into_iter();
    let Some(Inline::Image { src, alt, title }) = inlines.next() else {
        unreachable!("checked above")
    };
    let mut lines: Vec<Vec<Inline>> = vec![];
    for inline in inlines {
        match inline {
            Inline::SoftBreak | Inline::HardBreak => lines.push(Vec::new()),
            other => match lines.last_mut() {
                Some(line) => line.push(other),
                None => lines.push(vec![other]),
            },
        }
    }
    lines.retain(|l| !l.is_empty());
    let mut credit = Vec::new();
    if let Some(last) = lines.last_mut()
        && let Some(Inline::Text(first)) = last.first_mut()
        && let Some(marker) = CREDIT_MARKERS
            .iter()
            // `get`: the caption's first bytes may end inside a character.
            .find(|m| {
                first
                    .get(..m.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(m))
            })
    {
        let rest = first[marker.len()..].trim_start().to_string();
        if rest.is_empty() {
            last.remove(0);
        } else {
            *first = rest;
        }
        credit = lines.pop().unwrap_or_default();
    }
    let mut caption = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            caption.push(Inline::SoftBreak);
        }
        caption.extend(line);
    }
    BlockKind::Figure(Figure {
        src,
        alt,
        title,
        caption,
        credit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::plain_text;

    #[test]
    fn a_caption_starting_with_a_wide_character_is_not_cut_inside_it() {
        // The credit markers are compared with the caption's first bytes;
        // a curly quote there must not split the character.
        match only("![]()\nb X“H: ok\n") {
            BlockKind::Figure(f) => assert_eq!(plain_text(&f.caption), "b X“H: ok"),
            other => panic!("{other:?}"),
        }
    }

    fn only(body: &str) -> BlockKind {
        let mut blocks = parse(body);
        assert_eq!(blocks.len(), 1, "{blocks:#?}");
        blocks.remove(0).kind
    }

    #[test]
    fn figure_with_caption_and_credit() {
        let BlockKind::Figure(f) = only("![Alt](a.jpg)\nThe *caption*\nCredit: LetsGoDigital\n")
        else {
            panic!()
        };
        assert_eq!(f.src, "a.jpg");
        assert_eq!(f.alt, "Alt");
        assert_eq!(plain_text(&f.caption), "The caption");
        assert_eq!(plain_text(&f.credit), "LetsGoDigital");
    }

    #[test]
    fn figure_without_image_yet() {
        let BlockKind::Figure(f) = only("![]()\nXiaomi Leica\nCredits: LetsGoDigital") else {
            panic!()
        };
        assert_eq!(f.src, "");
        assert_eq!(plain_text(&f.caption), "Xiaomi Leica");
        assert_eq!(plain_text(&f.credit), "LetsGoDigital");
    }

    #[test]
    fn linked_credit_keeps_its_link() {
        let BlockKind::Figure(f) = only("![a](b.png)\nCredit: [Reuters](https://reuters.com)")
        else {
            panic!()
        };
        assert!(
            matches!(&f.credit[..], [Inline::Link { url, .. }] if url == "https://reuters.com"),
            "{:?}",
            f.credit
        );
    }

    #[test]
    fn inline_image_in_text_is_not_a_figure() {
        assert!(matches!(
            only("Look ![a](b.png) here"),
            BlockKind::Paragraph(_)
        ));
        assert!(matches!(
            only("![a](b.png) and text"),
            BlockKind::Paragraph(_)
        ));
    }

    #[test]
    fn tight_and_loose_lists() {
        let BlockKind::List {
            tight,
            items,
            start,
        } = only("1. one\n2. two\n")
        else {
            panic!()
        };
        assert!(tight);
        assert_eq!(start, Some(1));
        assert_eq!(items.len(), 2);
        assert!(matches!(items[0][0].kind, BlockKind::Paragraph(_)));
        let BlockKind::List { tight, .. } = only("- one\n\n- two\n") else {
            panic!()
        };
        assert!(!tight);
    }

    #[test]
    fn tables_quotes_code_and_footnotes() {
        let blocks = parse(
            "| a | b |\n|---|--:|\n| 1 | 2 |\n\n> quoted\n\n```rust\nfn x() {}\n```\n\nNote[^1].\n\n[^1]: The note.\n",
        );
        assert!(
            matches!(&blocks[0].kind, BlockKind::Table { head, rows, aligns } if head.len() == 2 && rows.len() == 1 && aligns[1] == Align::Right)
        );
        assert!(matches!(&blocks[1].kind, BlockKind::Quote(inner) if inner.len() == 1));
        assert!(
            matches!(&blocks[2].kind, BlockKind::Code { lang, text } if lang == "rust" && text == "fn x() {}\n")
        );
        assert!(
            matches!(&blocks[4].kind, BlockKind::FootnoteDefinition { label, .. } if label == "1")
        );
    }

    #[test]
    fn ranges_point_at_the_source() {
        let body = "# Title\n\nPara one.\n";
        let blocks = parse(body);
        assert_eq!(&body[blocks[1].range.clone()], "Para one.\n");
    }
}
