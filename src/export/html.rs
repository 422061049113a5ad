//! The CMS-ready HTML fragment: semantic markup, no inline styles,
//! everything escaped, raw HTML sanitised with `ammonia`.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::html_escape::{escape, escape_into};
use super::images::{self, EmbedImages};
use super::{ExportOptions, Exported};
use crate::markdown::{self, Align, Block, BlockKind, Figure, Inline, TopLevel, url};
use crate::model::Article;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The body of the article as an HTML fragment, ready to paste into a CMS
/// whose own fields hold the title, byline and feature image; it ends with
/// the credits and the author bio box.
pub fn fragment(article: &Article) -> String {
    fragment_with(article, &ExportOptions::default()).text
}

/// The fragment as `options` say (bio box, embedded pictures).
pub fn fragment_with(article: &Article, options: &ExportOptions) -> Exported {
    let mut html = HtmlWriter::new(&[]).embedding(options.embed_images.clone());
    html.body(&article.body);
    html.footnotes();
    html.out
        .push_str(&super::footer::footer_html(&article.meta, options.bio));
    Exported {
        text: html.out,
        notices: html.notices,
    }
}

/// HTML for parsed blocks, footnotes gathered at the end.
pub fn body_html(blocks: &[Block]) -> String {
    let mut html = HtmlWriter::new(blocks);
    html.blocks(blocks);
    html.footnotes();
    html.out
}

/// Markdown (a bio, a caption) rendered as HTML.
pub fn markdown_html(markdown: &str) -> String {
    body_html(&markdown::parse(markdown))
}

/// Writes blocks as HTML. Shared with the page and WordPress exports, which
/// differ only in how they wrap blocks.
pub struct HtmlWriter {
    pub out: String,
    footnote_numbers: HashMap<String, usize>,
    footnotes: Vec<(usize, String)>,
    embed: Option<EmbedImages>,
    /// Pictures that could not be embedded, and why.
    pub notices: Vec<String>,
}

impl HtmlWriter {
    pub fn new(blocks: &[Block]) -> Self {
        Self {
            out: String::new(),
            footnote_numbers: footnote_numbers(blocks),
            footnotes: Vec::new(),
            embed: None,
            notices: Vec::new(),
        }
    }

    /// Local pictures are written as `data:` URIs.
    pub fn embedding(mut self, embed: Option<EmbedImages>) -> Self {
        self.embed = embed;
        self
    }

    /// The `src` to write for an image address: embedded when asked and
    /// local, `None` for an unsafe address (the image keeps its alt text).
    fn image_src(&mut self, src: &str) -> Option<String> {
        if let Some(embed) = &self.embed
            && let Some(path) = images::local_path(src, &embed.base_dir)
        {
            match images::data_uri(&path, embed.max_bytes) {
                Ok(uri) => return Some(uri),
                Err(why) => self
                    .notices
                    .push(format!("{} was not embedded: {why}", src.trim())),
            }
        }
        url::is_safe_image(src).then(|| src.to_string())
    }

    /// A whole body: paragraphs and headings written from the parser's
    /// events as they come, other blocks from their tree (about five times
    /// faster than building the tree of everything first).
    pub fn body(&mut self, body: &str) {
        self.body_with(body, &mut |w, part| match part {
            Part::Paragraph(events) => {
                w.out.push_str("<p>");
                w.inline_events(events);
                w.out.push_str("</p>\n");
            }
            Part::Heading(level, events) => {
                let level = level.clamp(1, 6);
                w.out.push_str(&format!("<h{level}>"));
                w.inline_events(events);
                w.out.push_str(&format!("</h{level}>\n"));
            }
            Part::Block(block) => w.block(block),
        });
    }

    /// Hands each top-level part of `body` to `write`. A body with
    /// footnotes is parsed whole first: a reference's number depends on
    /// definitions anywhere in it.
    pub fn body_with(&mut self, body: &str, write: &mut dyn FnMut(&mut Self, Part<'_, '_>)) {
        self.out.reserve(body.len() + body.len() / 2);
        if body.contains("[^") {
            let blocks = markdown::parse(body);
            self.footnote_numbers = footnote_numbers(&blocks);
            for block in &blocks {
                write(self, Part::Block(block));
            }
            return;
        }
        for part in markdown::top_level(body) {
            match part {
                TopLevel::Inlines(None, events) => write(self, Part::Paragraph(&events)),
                TopLevel::Inlines(Some(level), events) => {
                    write(self, Part::Heading(level, &events))
                }
                TopLevel::Block(block) => write(self, Part::Block(&block)),
            }
        }
    }

    /// A paragraph's or heading's inline events, as [`Self::inlines_sanitised`]
    /// writes the same content parsed into inlines.
    pub fn inline_events(&mut self, events: &[Event<'_>]) {
        let start = self.out.len();
        let mut raw_html = false;
        // Whether each open link was written as one (an unsafe target
        // keeps only its words).
        let mut links: Vec<bool> = Vec::new();
        let mut i = 0;
        while i < events.len() {
            match &events[i] {
                Event::Text(t) => escape_into(&mut self.out, t),
                Event::Code(t) => {
                    self.out.push_str("<code>");
                    escape_into(&mut self.out, t);
                    self.out.push_str("</code>");
                }
                Event::Start(Tag::Emphasis) => self.out.push_str("<em>"),
                Event::End(TagEnd::Emphasis) => self.out.push_str("</em>"),
                Event::Start(Tag::Strong) => self.out.push_str("<strong>"),
                Event::End(TagEnd::Strong) => self.out.push_str("</strong>"),
                Event::Start(Tag::Strikethrough) => self.out.push_str("<del>"),
                Event::End(TagEnd::Strikethrough) => self.out.push_str("</del>"),
                Event::Start(Tag::Link {
                    dest_url, title, ..
                }) => {
                    let open = url::is_safe_link(dest_url) && !dest_url.trim().is_empty();
                    if open {
                        self.link_open(dest_url, title);
                    }
                    links.push(open);
                }
                // Popped whether or not it was written as a link.
                Event::End(TagEnd::Link) if links.pop() == Some(true) => self.out.push_str("</a>"),
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let end = image_end(events, i);
                    let mut alt = String::new();
                    markdown::push_plain_events(&mut alt, &events[i + 1..end]);
                    self.image(dest_url, &alt, title);
                    i = end;
                }
                Event::SoftBreak => self.out.push('\n'),
                Event::HardBreak => self.out.push_str("<br>\n"),
                Event::InlineHtml(raw) | Event::Html(raw) => {
                    raw_html = true;
                    self.out.push_str(raw);
                }
                Event::FootnoteReference(label) => self.footnote_reference(label),
                Event::TaskListMarker(done) => {
                    self.out.push_str(if *done { "☑ " } else { "☐ " })
                }
                _ => {}
            }
            i += 1;
        }
        if raw_html {
            let clean = sanitise(&self.out[start..]);
            self.out.truncate(start);
            self.out.push_str(&clean);
        }
    }

    pub fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    pub fn block(&mut self, block: &Block) {
        match &block.kind {
            BlockKind::Heading { level, content } => {
                let level = (*level).clamp(1, 6);
                self.out.push_str(&format!("<h{level}>"));
                self.inlines_sanitised(content);
                self.out.push_str(&format!("</h{level}>\n"));
            }
            BlockKind::Paragraph(content) => {
                self.out.push_str("<p>");
                self.inlines_sanitised(content);
                self.out.push_str("</p>\n");
            }
            BlockKind::Figure(figure) => {
                self.out.push_str("<figure>\n");
                self.figure_inner(figure, "");
                self.out.push_str("</figure>\n");
            }
            BlockKind::Quote(inner) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(inner);
                self.out.push_str("</blockquote>\n");
            }
            BlockKind::List {
                start,
                tight,
                items,
            } => self.list(*start, *tight, items, ""),
            BlockKind::Code { lang, text } => {
                self.out.push_str("<pre><code");
                if !lang.is_empty() {
                    self.out.push_str(" class=\"language-");
                    escape_into(&mut self.out, lang);
                    self.out.push('"');
                }
                self.out.push('>');
                escape_into(&mut self.out, text);
                self.out.push_str("</code></pre>\n");
            }
            BlockKind::Rule => self.out.push_str("<hr>\n"),
            BlockKind::Table { aligns, head, rows } => self.table(aligns, head, rows),
            BlockKind::Html(raw) => {
                let clean = sanitise(raw);
                if !clean.trim().is_empty() {
                    self.out.push_str(clean.trim());
                    self.out.push('\n');
                }
            }
            BlockKind::FootnoteDefinition { label, blocks } => {
                let mut inner = HtmlWriter {
                    out: String::new(),
                    footnote_numbers: self.footnote_numbers.clone(),
                    footnotes: Vec::new(),
                    embed: self.embed.clone(),
                    notices: Vec::new(),
                };
                inner.blocks(blocks);
                self.notices.append(&mut inner.notices);
                let number = self.footnote_numbers.get(label).copied().unwrap_or(0);
                self.footnotes.push((number, inner.out));
            }
        }
    }

    /// `img` and `figcaption` of a figure; `caption_class` is added to the
    /// figcaption (WordPress wants its own).
    pub fn figure_inner(&mut self, figure: &Figure, caption_class: &str) {
        if !figure.src.is_empty() {
            // An unsafe address is dropped, the image element kept for its alt text.
            let src = self.image_src(&figure.src).unwrap_or_default();
            self.img(&src, &figure.alt, &figure.title);
            self.out.push('\n');
        }
        if !figure.caption.is_empty() || !figure.credit.is_empty() {
            self.out.push_str("<figcaption");
            if !caption_class.is_empty() {
                self.out.push_str(&format!(" class=\"{caption_class}\""));
            }
            self.out.push('>');
            self.inlines_sanitised(&figure.caption);
            if !figure.credit.is_empty() {
                if !figure.caption.is_empty() {
                    self.out.push(' ');
                }
                self.out.push_str("<small class=\"credit\">Credit: ");
                self.inlines_sanitised(&figure.credit);
                self.out.push_str("</small>");
            }
            self.out.push_str("</figcaption>\n");
        }
    }

    /// A list; `item_wrap` lets WordPress wrap each item in its block comments.
    pub fn list(&mut self, start: Option<u64>, tight: bool, items: &[Vec<Block>], class: &str) {
        let tag = if start.is_some() { "ol" } else { "ul" };
        self.out.push('<');
        self.out.push_str(tag);
        if !class.is_empty() {
            self.out.push_str(&format!(" class=\"{class}\""));
        }
        if let Some(n) = start.filter(|n| *n != 1) {
            self.out.push_str(&format!(" start=\"{n}\""));
        }
        self.out.push_str(">\n");
        for item in items {
            self.out.push_str("<li>");
            self.list_item(item, tight);
            self.out.push_str("</li>\n");
        }
        self.out.push_str(&format!("</{tag}>\n"));
    }

    pub fn list_item(&mut self, item: &[Block], tight: bool) {
        for (i, block) in item.iter().enumerate() {
            match &block.kind {
                BlockKind::Paragraph(content) if tight => {
                    if i > 0 {
                        self.out.push('\n');
                    }
                    self.inlines_sanitised(content);
                }
                _ => {
                    if i == 0 {
                        self.out.push('\n');
                    }
                    self.block(block);
                }
            }
        }
    }

    pub fn table(&mut self, aligns: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
        self.out.push_str("<table>\n<thead>\n<tr>");
        for (i, cell) in head.iter().enumerate() {
            self.cell("th", aligns.get(i), cell);
        }
        self.out.push_str("</tr>\n</thead>\n");
        if !rows.is_empty() {
            self.out.push_str("<tbody>\n");
            for row in rows {
                self.out.push_str("<tr>");
                for (i, cell) in row.iter().enumerate() {
                    self.cell("td", aligns.get(i), cell);
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str("</tbody>\n");
        }
        self.out.push_str("</table>\n");
    }

    fn cell(&mut self, tag: &str, align: Option<&Align>, content: &[Inline]) {
        let class = match align {
            Some(Align::Left) => " class=\"has-text-align-left\"",
            Some(Align::Center) => " class=\"has-text-align-center\"",
            Some(Align::Right) => " class=\"has-text-align-right\"",
            _ => "",
        };
        self.out.push_str(&format!("<{tag}{class}>"));
        self.inlines_sanitised(content);
        self.out.push_str(&format!("</{tag}>"));
    }

    pub fn footnotes(&mut self) {
        if self.footnotes.is_empty() {
            return;
        }
        let mut notes = std::mem::take(&mut self.footnotes);
        notes.sort_by_key(|(n, _)| *n);
        self.out.push_str("<section class=\"footnotes\">\n<ol>\n");
        for (number, html) in notes {
            self.out
                .push_str(&format!("<li id=\"fn-{number}\">\n{html}</li>\n"));
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    /// Inline content; if it holds raw HTML tags, the whole run is written
    /// and then sanitised, so that tags split across events stay balanced.
    pub fn inlines_sanitised(&mut self, inlines: &[Inline]) {
        if has_raw_html(inlines) {
            let start = self.out.len();
            self.inlines(inlines);
            let clean = sanitise(&self.out[start..]);
            self.out.truncate(start);
            self.out.push_str(&clean);
        } else {
            self.inlines(inlines);
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(t) => escape_into(&mut self.out, t),
            Inline::Code(t) => {
                self.out.push_str("<code>");
                escape_into(&mut self.out, t);
                self.out.push_str("</code>");
            }
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strikethrough(c) => self.wrap("del", c),
            Inline::Link {
                url,
                title,
                content,
            } => {
                if url::is_safe_link(url) && !url.trim().is_empty() {
                    self.link_open(url, title);
                    self.inlines(content);
                    self.out.push_str("</a>");
                } else {
                    // An unsafe or empty target: keep the words, drop the link.
                    self.inlines(content);
                }
            }
            Inline::Image { src, alt, title } => self.image(src, alt, title),
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br>\n"),
            Inline::Html(raw) => self.out.push_str(raw),
            Inline::FootnoteReference(label) => self.footnote_reference(label),
        }
    }

    /// `<a href title>` of a safe link.
    fn link_open(&mut self, url: &str, title: &str) {
        self.out.push_str("<a href=\"");
        escape_into(&mut self.out, url);
        self.out.push('"');
        self.title_attribute(title);
        self.out.push('>');
    }

    /// ` title="…"`, unless there is none.
    fn title_attribute(&mut self, title: &str) {
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            escape_into(&mut self.out, title);
            self.out.push('"');
        }
    }

    /// An inline image, or its alt text when its address is unsafe.
    fn image(&mut self, src: &str, alt: &str, title: &str) {
        match self.image_src(src) {
            Some(src) if !src.is_empty() => self.img(&src, alt, title),
            _ => escape_into(&mut self.out, alt),
        }
    }

    fn footnote_reference(&mut self, label: &str) {
        match self.footnote_numbers.get(label) {
            Some(n) => self.out.push_str(&format!(
                "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\">{n}</a></sup>"
            )),
            None => {
                self.out.push('[');
                self.out.push_str(&escape(label));
                self.out.push(']');
            }
        }
    }

    /// `<img src alt title>`, every value escaped.
    fn img(&mut self, src: &str, alt: &str, title: &str) {
        self.out.push_str("<img src=\"");
        escape_into(&mut self.out, src);
        self.out.push_str("\" alt=\"");
        escape_into(&mut self.out, alt);
        self.out.push('"');
        self.title_attribute(title);
        self.out.push('>');
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{tag}>"));
    }
}

/// A top-level part of a body, as [`HtmlWriter::body_with`] hands it over.
pub enum Part<'p, 'a> {
    /// A paragraph that is not a figure: its inline events.
    Paragraph(&'p [Event<'a>]),
    /// A heading: its level and inline events.
    Heading(u8, &'p [Event<'a>]),
    Block(&'p Block),
}

/// The numbers of the footnotes defined in `blocks`, in order.
fn footnote_numbers(blocks: &[Block]) -> HashMap<String, usize> {
    let mut numbers = HashMap::new();
    markdown::walk(blocks, &mut |b| {
        if let BlockKind::FootnoteDefinition { label, .. } = &b.kind {
            let next = numbers.len() + 1;
            numbers.entry(label.clone()).or_insert(next);
        }
    });
    numbers
}

/// Where the image whose start is `events[start]` ends.
fn image_end(events: &[Event<'_>], start: usize) -> usize {
    let mut depth = 0;
    for (i, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len()
}

fn has_raw_html(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| match i {
        Inline::Html(_) => true,
        Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => has_raw_html(c),
        Inline::Link { content, .. } => has_raw_html(content),
        _ => false,
    })
}

/// Removes scripts, event handlers, styles and unsafe URLs from raw HTML.
/// `data:` is let through for one thing only: an embedded PNG, JPEG, GIF or
/// WebP in an `img`'s `src` (never `data:text/html`, never SVG, never a link).
pub fn sanitise(html: &str) -> String {
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_url_schemes(["data"])
            .attribute_filter(|element, attribute, value| {
                let is_data = value
                    .trim_start()
                    .get(..5)
                    .is_some_and(|s| s.eq_ignore_ascii_case("data:"));
                if !is_data
                    || (element == "img" && attribute == "src" && images::is_embedded_image(value))
                {
                    Some(value.into())
                } else {
                    None
                }
            });
        builder
    });
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(body: &str) -> String {
        fragment(&Article {
            body: body.into(),
            ..Default::default()
        })
    }

    #[test]
    fn semantic_markup_for_common_blocks() {
        let out = html("## Sub\n\nA *b* **c** [d](https://e.com \"t\").\n\n> q\n\n- x\n- y\n");
        assert_eq!(
            out,
            "<h2>Sub</h2>\n<p>A <em>b</em> <strong>c</strong> <a href=\"https://e.com\" title=\"t\">d</a>.</p>\n<blockquote>\n<p>q</p>\n</blockquote>\n<ul>\n<li>x</li>\n<li>y</li>\n</ul>\n"
        );
    }

    #[test]
    fn figure_has_caption_and_marked_up_credit() {
        let out = html("![Leica phone](https://x.com/a.jpg)\nXiaomi Leica\nCredit: LetsGoDigital");
        assert_eq!(
            out,
            "<figure>\n<img src=\"https://x.com/a.jpg\" alt=\"Leica phone\">\n<figcaption>Xiaomi Leica <small class=\"credit\">Credit: LetsGoDigital</small></figcaption>\n</figure>\n"
        );
    }

    #[test]
    fn figure_waiting_for_its_image_keeps_caption() {
        let out = html("![]()\nXiaomi Leica\nCredit: LetsGoDigital");
        assert!(
            out.starts_with("<figure>\n<figcaption>Xiaomi Leica"),
            "{out}"
        );
    }

    #[test]
    fn raw_html_is_sanitised() {
        let out =
            html("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> <b>bold</b>\n");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(out.contains("<b>bold</b>"), "{out}");
    }

    #[test]
    fn javascript_links_lose_their_target_but_keep_their_words() {
        let out = html("[click](javascript:alert(1)) [x](&#106;avascript:alert(1))");
        assert_eq!(out, "<p>click x</p>\n");
    }

    #[test]
    fn footnotes_are_numbered_and_gathered_at_the_end() {
        let out = html("A[^n].\n\n[^n]: Note.\n\nB.\n");
        assert!(
            out.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\">1</a></sup>"),
            "{out}"
        );
        assert!(out.ends_with("<section class=\"footnotes\">\n<ol>\n<li id=\"fn-1\">\n<p>Note.</p>\n</li>\n</ol>\n</section>\n"), "{out}");
    }

    /// The old way: the whole tree first, then written.
    fn via_tree(body: &str) -> String {
        body_html(&markdown::parse(body))
    }

    fn via_events(body: &str) -> String {
        let mut w = HtmlWriter::new(&[]);
        w.body(body);
        w.footnotes();
        w.out
    }

    #[test]
    fn paragraphs_written_from_events_are_those_written_from_the_tree() {
        let samples = [
            include_str!("../../sample_docs/oneplus-copydesk.md"),
            include_str!("../../sample_docs/sony-sensor-scraped.md"),
            include_str!("../../sample_docs/xiaomi-leica.txt"),
            include_str!("../../sample_docs/apple-glasses-scraped.txt"),
            "A [safe](https://a.b \"t\") [bad](javascript:x) [](  ) ![i](x.png \"t\") ![**b** `c` ![n](m) <b>h</b>](javascript:1) x",
            "![fig](a.png)\nCaption *here*\nCredit: [Me](https://me.org)\n\n![not](a.png) a figure",
            "# H <i>x</i> &amp; `c`\n\nSetext\n===\n\nLine  \nbreak\\\nhere ~~del~~ ***both*** <span onclick=x>s</span>",
            "- a\n- b *c*\n\n1. x\n\n   y\n\n> q [l](u)\n\n| a | *b* |\n|---|:-:|\n| 1 | <b>2</b> |\n\n<div>raw</div>\n\n```x\n<y>\n```",
        ];
        for body in samples {
            assert_eq!(via_events(body), via_tree(body), "{body}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 1000, failure_persistence: None, ..Default::default() })]
        #[test]
        fn any_markdown_is_written_alike_from_events_and_from_the_tree(
            body in "[ab *_`\\[\\]()!<>&\n#:/.\\\\-]{0,80}"
        ) {
            proptest::prop_assert_eq!(via_events(&body), via_tree(&body));
        }
    }

    #[test]
    fn tables_use_classes_not_styles() {
        let out = html("| a | b |\n|:-:|---|\n| 1 | 2 |\n");
        assert!(
            out.contains("<th class=\"has-text-align-center\">a</th>"),
            "{out}"
        );
        assert!(!out.contains("style"), "{out}");
    }
}
