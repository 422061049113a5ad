//! The one parse of an article body that everything else reads: the HTML,
//! text and WordPress exports, the preview, the checks and the statistics.
//! Built on `pulldown-cmark`; adds Copydesk's figure convention.
//!
//! # Figures
//! An image alone on the first line of a paragraph is a figure. The lines
//! after it are its caption, and a last line starting with `Credit:` (or
//! `Credits:`, `Photo:`, `Image:`, `Source:`) is its credit:
//!
//! ```markdown
//! ![Xiaomi Leica](leica.jpg)
//! Xiaomi and Leica's first phone
//! Credit: LetsGoDigital
//! ```
//!
//! Any Markdown viewer shows this as the image followed by a line of text.
//! `![alt]()` marks a figure whose picture is not known yet.

mod blocks;
pub mod escape;
pub mod outline;
pub mod url;

pub use blocks::{TopLevel, options, parse, top_level};

use std::ops::Range;

/// A top-level or nested block, with the byte range of its source.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BlockKind {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    Figure(Figure),
    Quote(Vec<Block>),
    List {
        /// The first number of an ordered list.
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Code {
        lang: String,
        text: String,
    },
    Rule,
    Table {
        aligns: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// Raw HTML as written; every renderer must sanitise it.
    Html(String),
    FootnoteDefinition {
        label: String,
        blocks: Vec<Block>,
    },
}

/// An image with its caption and credit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figure {
    pub src: String,
    pub alt: String,
    pub title: String,
    pub caption: Vec<Inline>,
    pub credit: Vec<Inline>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link {
        url: String,
        title: String,
        content: Vec<Inline>,
    },
    Image {
        src: String,
        alt: String,
        title: String,
    },
    SoftBreak,
    HardBreak,
    /// A raw HTML tag as written; renderers must sanitise it.
    Html(String),
    FootnoteReference(String),
}

/// The text a reader sees, without markup (HTML tags dropped).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(&mut out, inlines);
    out
}

fn push_plain(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                push_plain(out, c)
            }
            Inline::Link { content, .. } => push_plain(out, content),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::Html(_) => {}
            Inline::FootnoteReference(label) => {
                out.push('[');
                out.push_str(label);
                out.push(']');
            }
        }
    }
}

/// The text a reader sees in inline events, as [`plain_text`]
/// gives it of the same content parsed into inlines.
pub fn push_plain_events(out: &mut String, events: &[pulldown_cmark::Event<'_>]) {
    for event in events {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => out.push_str(t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => out.push(' '),
            pulldown_cmark::Event::FootnoteReference(label) => {
                out.push('[');
                out.push_str(label);
                out.push(']');
            }
            pulldown_cmark::Event::TaskListMarker(done) => {
                out.push_str(if *done { "☑ " } else { "☐ " })
            }
            _ => {}
        }
    }
}

/// Every block, depth first (quotes, lists and footnotes opened).
pub fn walk<'a>(blocks: &'a [Block], visit: &mut dyn FnMut(&'a Block)) {
    for block in blocks {
        visit(block);
        match &block.kind {
            BlockKind::Quote(inner) | BlockKind::FootnoteDefinition { blocks: inner, .. } => {
                walk(inner, visit)
            }
            BlockKind::List { items, .. } => {
                for item in items {
                    walk(item, visit);
                }
            }
            _ => {}
        }
    }
}

/// Where the caption and credit lines of each figure are in `body`: the
/// lines of a figure's paragraph after the image. What is a figure is the
/// one rule of [`blocks::parse`]; the editor's highlighting asks here so it
/// colours exactly what the preview and the exports take for a figure
/// (never an `![` line inside code, say).
pub fn figure_caption_ranges(body: &str) -> Vec<Range<usize>> {
    // Most paragraphs hold no image: skip the second parse for them.
    if !body.contains("![") {
        return Vec::new();
    }
    let blocks = parse(body);
    let mut out = Vec::new();
    walk(&blocks, &mut |b| {
        if let BlockKind::Figure(_) = &b.kind
            && let Some(source) = body.get(b.range.clone())
            && let Some(newline) = source.find('\n')
        {
            let start = b.range.start + newline + 1;
            if start < b.range.end {
                out.push(start..b.range.end);
            }
        }
    });
    out
}

/// The figures of a body, in order.
pub fn figures(blocks: &[Block]) -> Vec<&Figure> {
    let mut out = Vec::new();
    walk(blocks, &mut |b| {
        if let BlockKind::Figure(f) = &b.kind {
            out.push(f);
        }
    });
    out
}

/// The headings of a body: level, text and source range.
pub fn headings(blocks: &[Block]) -> Vec<(u8, String, Range<usize>)> {
    let mut out = Vec::new();
    walk(blocks, &mut |b| {
        if let BlockKind::Heading { level, content } = &b.kind {
            out.push((*level, plain_text(content), b.range.clone()));
        }
    });
    out
}

/// Every link (not images) of a body, with the range of the block it is in.
pub fn links(blocks: &[Block]) -> Vec<(String, String, Range<usize>)> {
    fn collect(
        inlines: &[Inline],
        range: &Range<usize>,
        out: &mut Vec<(String, String, Range<usize>)>,
    ) {
        for inline in inlines {
            match inline {
                Inline::Link { url, content, .. } => {
                    out.push((url.clone(), plain_text(content), range.clone()));
                    collect(content, range, out);
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    collect(c, range, out)
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(blocks, &mut |b| match &b.kind {
        BlockKind::Paragraph(c) | BlockKind::Heading { content: c, .. } => {
            collect(c, &b.range, &mut out)
        }
        BlockKind::Figure(f) => {
            collect(&f.caption, &b.range, &mut out);
            collect(&f.credit, &b.range, &mut out);
        }
        BlockKind::Table { head, rows, .. } => {
            for cell in head.iter().chain(rows.iter().flatten()) {
                collect(cell, &b.range, &mut out);
            }
        }
        _ => {}
    });
    out
}
