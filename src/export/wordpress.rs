//! WordPress block-editor markup (`<!-- wp:paragraph -->` …), as its block
//! serialiser writes it, so the editor opens each block as a native one.

use super::ExportOptions;
use super::footer;
use super::html::{HtmlWriter, Part};
use super::html_escape::escape;
use crate::markdown::{self, Block, BlockKind};
use crate::model::Article;

pub fn wordpress(article: &Article) -> String {
    wordpress_with(article, &ExportOptions::default())
}

/// The blocks as `options` say: the body, then the credits as a paragraph
/// block and each bio as a group block (`<aside>`), which WordPress opens
/// as native blocks the theme styles.
pub fn wordpress_with(article: &Article, options: &ExportOptions) -> String {
    blocks_of(article, options, &|_| None)
}

/// A picture in the site's media library that a figure's image was
/// uploaded as: the figure becomes an image block of that media item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaRef {
    pub id: u64,
    pub url: String,
}

/// A function telling which media item a figure's source was uploaded as.
type Media<'a> = &'a dyn Fn(&str) -> Option<MediaRef>;

/// The block markup (credits and bio included) with each figure whose
/// source `media` knows pointing at that media item (what publishing sends
/// after uploading local images).
pub fn wordpress_with_media(article: &Article, media: Media) -> String {
    let mut out = blocks_of(article, &ExportOptions::default(), media);
    // Pictures inside paragraphs are written by the HTML writer shared with
    // the other exports, which knows no media library: their uploaded
    // address goes where it wrote the local one (its `<img src="…"` is
    // exact, and text that looks like a tag is escaped, so nothing else
    // matches).
    for (src, _) in body_images(&article.body) {
        if let Some(m) = media(&src) {
            out = out.replace(
                &format!("<img src=\"{}\"", escape(&src)),
                &format!(
                    "<img src=\"{}\" class=\"wp-image-{}\"",
                    escape(&m.url),
                    m.id
                ),
            );
        }
    }
    out
}

/// Every picture of a body, figures and those inside paragraphs: its
/// address and alt text, in order.
pub fn body_images(body: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new_ext(body, markdown::options()) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) if open.is_none() => {
                open = Some((dest_url.to_string(), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = &mut open {
                    alt.push_str(&text);
                }
            }
            Event::End(TagEnd::Image) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

fn blocks_of(article: &Article, options: &ExportOptions, media: Media) -> String {
    let mut w = HtmlWriter::new(&[]);
    body_blocks(&mut w, &article.body, media);
    // Footnotes as ordinary paragraphs at the end: WordPress's own footnotes
    // block needs ids the editor creates itself.
    let start = w.out.len();
    w.footnotes();
    let notes = w.out.split_off(start);
    if !notes.is_empty() {
        open(&mut w.out, "html", "");
        w.out.push_str(notes.trim_end());
        close(&mut w.out, "html");
    }
    let meta = &article.meta;
    if !meta.credits.is_empty() {
        open(&mut w.out, "paragraph", "{\"className\":\"credits\"}");
        w.out.push_str("<p class=\"credits\">");
        w.out.push_str(&footer::credits_inner(meta));
        w.out.push_str("</p>");
        close(&mut w.out, "paragraph");
    }
    if options.bio {
        for author in footer::bios(meta) {
            open(
                &mut w.out,
                "group",
                "{\"tagName\":\"aside\",\"className\":\"author-bio\"}",
            );
            w.out
                .push_str("<aside class=\"wp-block-group author-bio\">");
            open(&mut w.out, "heading", "");
            w.out.push_str("<h2 class=\"wp-block-heading\">");
            w.out.push_str(&escape(&footer::bio_heading(author)));
            w.out.push_str("</h2>");
            close(&mut w.out, "heading");
            for block in &markdown::parse(&author.bio) {
                wp_block(&mut w, block, &|_| None);
            }
            trim_newline(&mut w.out);
            w.out.push_str("</aside>");
            close(&mut w.out, "group");
        }
    }
    w.out
}

fn open(out: &mut String, name: &str, attrs: &str) {
    // Blocks that follow a block are separated by a blank line; the first
    // block inside a wrapper follows its opening tag directly.
    if out.ends_with("-->\n") {
        out.push('\n');
    }
    out.push_str("<!-- wp:");
    out.push_str(name);
    if !attrs.is_empty() {
        out.push(' ');
        out.push_str(attrs);
    }
    out.push_str(" -->\n");
}

fn close(out: &mut String, name: &str) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("<!-- /wp:");
    out.push_str(name);
    out.push_str(" -->\n");
}

/// The blocks of a body: paragraphs and headings written from the
/// parser's events, other blocks from their tree.
fn body_blocks(w: &mut HtmlWriter, body: &str, media: Media) {
    w.body_with(body, &mut |w, part| match part {
        Part::Paragraph(events) => paragraph(w, |w| w.inline_events(events)),
        Part::Heading(level, events) => heading(w, level, |w| w.inline_events(events)),
        Part::Block(block) => wp_block(w, block, media),
    });
}

/// A heading block; `content` writes what is inside it.
fn heading(w: &mut HtmlWriter, level: u8, content: impl FnOnce(&mut HtmlWriter)) {
    let level = level.clamp(1, 6);
    let attrs = if level == 2 {
        String::new()
    } else {
        format!("{{\"level\":{level}}}")
    };
    open(&mut w.out, "heading", &attrs);
    w.out
        .push_str(&format!("<h{level} class=\"wp-block-heading\">"));
    content(w);
    w.out.push_str(&format!("</h{level}>"));
    close(&mut w.out, "heading");
}

/// A paragraph block; `content` writes what is inside it.
fn paragraph(w: &mut HtmlWriter, content: impl FnOnce(&mut HtmlWriter)) {
    open(&mut w.out, "paragraph", "");
    w.out.push_str("<p>");
    content(w);
    w.out.push_str("</p>");
    close(&mut w.out, "paragraph");
}

fn wp_block(w: &mut HtmlWriter, block: &Block, media: Media) {
    match &block.kind {
        BlockKind::Heading { level, content } => {
            heading(w, *level, |w| w.inlines_sanitised(content))
        }
        BlockKind::Paragraph(content) => paragraph(w, |w| w.inlines_sanitised(content)),
        BlockKind::Figure(figure) => {
            match media(&figure.src) {
                Some(m) => {
                    // As WordPress's image block saves an image of its library.
                    open(&mut w.out, "image", &format!("{{\"id\":{}}}", m.id));
                    w.out.push_str("<figure class=\"wp-block-image\">");
                    let uploaded = crate::markdown::Figure {
                        src: m.url,
                        ..figure.clone()
                    };
                    let start = w.out.len();
                    w.figure_inner(&uploaded, "wp-element-caption");
                    let inner = w.out.split_off(start).replacen(
                        "\">",
                        &format!("\" class=\"wp-image-{}\">", m.id),
                        1,
                    );
                    w.out.push_str(&inner);
                }
                None => {
                    open(&mut w.out, "image", "");
                    w.out.push_str("<figure class=\"wp-block-image\">");
                    w.figure_inner(figure, "wp-element-caption");
                }
            }
            trim_newline(&mut w.out);
            w.out.push_str("</figure>");
            close(&mut w.out, "image");
        }
        BlockKind::Quote(inner) => {
            open(&mut w.out, "quote", "");
            w.out.push_str("<blockquote class=\"wp-block-quote\">");
            for b in inner {
                wp_block(w, b, media);
            }
            trim_newline(&mut w.out);
            w.out.push_str("</blockquote>");
            close(&mut w.out, "quote");
        }
        BlockKind::List {
            start,
            tight,
            items,
        } => {
            let mut attrs = Vec::new();
            if start.is_some() {
                attrs.push("\"ordered\":true".to_string());
            }
            if let Some(n) = start.filter(|n| *n != 1) {
                attrs.push(format!("\"start\":{n}"));
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!("{{{}}}", attrs.join(","))
            };
            open(&mut w.out, "list", &attrs);
            let tag = if start.is_some() { "ol" } else { "ul" };
            w.out.push_str(&format!("<{tag} class=\"wp-block-list\""));
            if let Some(n) = start.filter(|n| *n != 1) {
                w.out.push_str(&format!(" start=\"{n}\""));
            }
            w.out.push('>');
            for item in items {
                open(&mut w.out, "list-item", "");
                w.out.push_str("<li>");
                w.list_item(item, *tight);
                trim_newline(&mut w.out);
                w.out.push_str("</li>");
                close(&mut w.out, "list-item");
            }
            trim_newline(&mut w.out);
            w.out.push_str(&format!("</{tag}>"));
            close(&mut w.out, "list");
        }
        BlockKind::Code { .. } => {
            open(&mut w.out, "code", "");
            let start = w.out.len();
            w.block(block);
            let html =
                w.out[start..]
                    .trim_end()
                    .replacen("<pre>", "<pre class=\"wp-block-code\">", 1);
            w.out.truncate(start);
            w.out.push_str(&html);
            close(&mut w.out, "code");
        }
        BlockKind::Rule => {
            open(&mut w.out, "separator", "");
            w.out
                .push_str("<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>");
            close(&mut w.out, "separator");
        }
        BlockKind::Table { aligns, head, rows } => {
            open(&mut w.out, "table", "");
            w.out.push_str("<figure class=\"wp-block-table\">");
            w.table(aligns, head, rows);
            trim_newline(&mut w.out);
            w.out.push_str("</figure>");
            close(&mut w.out, "table");
        }
        BlockKind::Html(_) => {
            let start = w.out.len();
            w.block(block);
            let html = w.out[start..].trim_end().to_string();
            w.out.truncate(start);
            if !html.is_empty() {
                open(&mut w.out, "html", "");
                w.out.push_str(&html);
                close(&mut w.out, "html");
            }
        }
        // Gathered by the writer, written at the end.
        BlockKind::FootnoteDefinition { .. } => w.block(block),
    }
}

fn trim_newline(out: &mut String) {
    while out.ends_with('\n') {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wp(body: &str) -> String {
        wordpress(&Article {
            body: body.into(),
            ..Default::default()
        })
    }

    #[test]
    fn paragraphs_and_headings_are_blocks() {
        assert_eq!(
            wp("## A\n\n### B\n\nText.\n"),
            "<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">A</h2>\n<!-- /wp:heading -->\n\n<!-- wp:heading {\"level\":3} -->\n<h3 class=\"wp-block-heading\">B</h3>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Text.</p>\n<!-- /wp:paragraph -->\n"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, failure_persistence: None, ..Default::default() })]
        /// Written from events as from the whole tree (the old way).
        #[test]
        fn any_markdown_is_written_alike_from_events_and_from_the_tree(
            body in "[ab *_`\\[\\]()!<>&\n#:/.\\\\-]{0,80}"
        ) {
            let mut events = HtmlWriter::new(&[]);
            body_blocks(&mut events, &body, &|_| None);
            let blocks = markdown::parse(&body);
            let mut tree = HtmlWriter::new(&blocks);
            for block in &blocks {
                wp_block(&mut tree, block, &|_| None);
            }
            proptest::prop_assert_eq!(events.out, tree.out);
        }
    }

    #[test]
    fn figure_is_an_image_block_with_caption() {
        let out = wp("![]()\nXiaomi Leica\nCredit: LetsGoDigital");
        assert_eq!(
            out,
            "<!-- wp:image -->\n<figure class=\"wp-block-image\"><figcaption class=\"wp-element-caption\">Xiaomi Leica <small class=\"credit\">Credit: LetsGoDigital</small></figcaption></figure>\n<!-- /wp:image -->\n"
        );
    }

    #[test]
    fn uploaded_figures_point_at_their_media_item() {
        let article = Article {
            body: "![A phone](pics/leica.png)\nThe phone\nCredit: Xiaomi\n".into(),
            ..Default::default()
        };
        let out = wordpress_with_media(&article, &|src| {
            (src == "pics/leica.png").then(|| MediaRef {
                id: 12,
                url: "https://x.example/leica.png".into(),
            })
        });
        assert_eq!(
            out,
            "<!-- wp:image {\"id\":12} -->\n<figure class=\"wp-block-image\"><img src=\"https://x.example/leica.png\" alt=\"A phone\" class=\"wp-image-12\">\n<figcaption class=\"wp-element-caption\">The phone <small class=\"credit\">Credit: Xiaomi</small></figcaption></figure>\n<!-- /wp:image -->\n"
        );
    }

    #[test]
    fn uploaded_pictures_inside_paragraphs_point_at_their_media_item() {
        let article = Article {
            body: "The logo ![Leica & co](pics/logo.png) and ![web](https://w.example/a.png).\n\n`<img src=\"pics/logo.png\"`\n".into(),
            ..Default::default()
        };
        assert_eq!(
            body_images(&article.body),
            [
                ("pics/logo.png".to_string(), "Leica & co".to_string()),
                ("https://w.example/a.png".to_string(), "web".to_string())
            ]
        );
        let out = wordpress_with_media(&article, &|src| {
            (src == "pics/logo.png").then(|| MediaRef {
                id: 7,
                url: "https://x.example/logo.png".into(),
            })
        });
        assert!(
            out.contains("The logo <img src=\"https://x.example/logo.png\" class=\"wp-image-7\" alt=\"Leica &amp; co\"> and <img src=\"https://w.example/a.png\" alt=\"web\">."),
            "{out}"
        );
        assert!(
            out.contains("<code>&lt;img src=&quot;pics/logo.png&quot;</code>"),
            "{out}"
        );
    }

    #[test]
    fn lists_hold_list_item_blocks() {
        let out = wp("3. a\n4. b\n");
        assert!(out.starts_with("<!-- wp:list {\"ordered\":true,\"start\":3} -->\n<ol class=\"wp-block-list\" start=\"3\"><!-- wp:list-item -->\n<li>a</li>\n<!-- /wp:list-item -->\n\n<!-- wp:list-item -->"), "{out}");
    }
}
