//! Exports: each a pure function of the article.

mod footer;
pub mod html;
mod html_escape;
pub mod images;
mod page;
mod text;
mod wordpress;

pub use html::fragment as html;
pub use html_escape::escape as escape_html;
pub use images::EmbedImages;
pub use page::page;
pub use text::{body_text, html_to_text, text};
pub use wordpress::{MediaRef, body_images, wordpress, wordpress_with_media};

use crate::model::Article;

/// How an export is written. The default carries every part of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    /// End with the author bio box (`--no-bio` and the app's setting turn it off).
    pub bio: bool,
    /// The text export: wrap lines at this many columns; `None` keeps one
    /// line per paragraph.
    pub wrap: Option<usize>,
    /// The HTML exports: carry local pictures inside as `data:` URIs.
    pub embed_images: Option<EmbedImages>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            bio: true,
            wrap: None,
            embed_images: None,
        }
    }
}

/// An export and what the reader of it should know (pictures left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exported {
    pub text: String,
    pub notices: Vec<String>,
}

/// What Copy for CMS puts on the clipboard: the HTML fragment (local pictures
/// embedded) and its plain-text alternative, both with credits and bio.
pub fn cms(article: &Article, options: &ExportOptions) -> (Exported, String) {
    let html = html::fragment_with(article, options);
    let mut text = text::body_text(&article.body);
    text.push_str(&text::footer_text(&article.meta, options.bio));
    (html, text)
}

/// The formats an article can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// A CMS-ready HTML fragment of the body.
    Html,
    /// A standalone HTML5 page.
    Page,
    /// Clean plain text.
    Text,
    /// Copydesk Markdown with front matter.
    Markdown,
    /// WordPress block-editor markup.
    WordPress,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Html,
        ExportFormat::Page,
        ExportFormat::Text,
        ExportFormat::Markdown,
        ExportFormat::WordPress,
    ];

    /// The name used on the command line.
    pub fn key(self) -> &'static str {
        match self {
            ExportFormat::Html => "html",
            ExportFormat::Page => "page",
            ExportFormat::Text => "text",
            ExportFormat::Markdown => "markdown",
            ExportFormat::WordPress => "wordpress",
        }
    }

    pub fn parse(key: &str) -> Option<ExportFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.key() == key.to_ascii_lowercase())
    }

    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Html => "HTML fragment",
            ExportFormat::Page => "Standalone page",
            ExportFormat::Text => "Clean text",
            ExportFormat::Markdown => "Markdown",
            ExportFormat::WordPress => "WordPress blocks",
        }
    }

    /// The file extension a saved export gets.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Html | ExportFormat::Page => "html",
            ExportFormat::Text => "txt",
            ExportFormat::Markdown => "md",
            ExportFormat::WordPress => "wp.html",
        }
    }
}

/// Exports an article. Markdown is written as a new Copydesk file (an
/// opened file's Markdown is [`crate::format::write_markdown`] with its origin).
pub fn export(article: &Article, format: ExportFormat) -> String {
    export_with(article, format, &ExportOptions::default()).text
}

/// Exports an article as `options` say.
pub fn export_with(article: &Article, format: ExportFormat, options: &ExportOptions) -> Exported {
    let plain = |text| Exported {
        text,
        notices: Vec::new(),
    };
    match format {
        ExportFormat::Html => html::fragment_with(article, options),
        ExportFormat::Page => page::page_with(article, options),
        ExportFormat::Text => plain(text(article, options)),
        ExportFormat::Markdown => plain(crate::format::write_markdown(
            article,
            &crate::format::Origin::new_file(),
        )),
        ExportFormat::WordPress => plain(wordpress::wordpress_with(article, options)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Credit, Metadata};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn article() -> Article {
        Article {
            meta: Metadata {
                title: "Leica phone".into(),
                authors: vec![Author {
                    name: "Jane Doe".into(),
                    bio: "Jane covers *cameras*.".into(),
                }],
                credits: vec![Credit::new("source", "LetsGoDigital")],
                ..Default::default()
            },
            body:
                "The phone is **very fast**.\n\n![A phone](phone.png)\nThe phone\nCredit: Xiaomi\n"
                    .into(),
        }
    }

    /// What a reader finds in each export. The HTML fragment, the WordPress
    /// blocks and Copy for CMS go into a CMS body whose own field holds the
    /// title, so they carry no title; every export carries the rest.
    #[test]
    fn every_export_carries_the_same_parts() {
        let article = article();
        let (cms, cms_text) = cms(&article, &ExportOptions::default());
        let outputs = [
            ("html", export(&article, ExportFormat::Html), false),
            ("page", export(&article, ExportFormat::Page), true),
            ("text", export(&article, ExportFormat::Text), true),
            ("markdown", export(&article, ExportFormat::Markdown), true),
            (
                "wordpress",
                export(&article, ExportFormat::WordPress),
                false,
            ),
            ("cms", cms.text, false),
            ("cms plain text", cms_text, false),
        ];
        for (name, out, has_title) in outputs {
            assert_eq!(
                out.contains("Leica phone"),
                has_title,
                "{name}: title\n{out}"
            );
            assert!(out.contains("very fast"), "{name}: body\n{out}");
            assert!(out.contains("The phone"), "{name}: figure caption\n{out}");
            assert!(out.contains("Xiaomi"), "{name}: figure credit\n{out}");
            assert!(
                out.contains("LetsGoDigital"),
                "{name}: article credits\n{out}"
            );
            assert!(out.contains("Jane covers"), "{name}: bio\n{out}");
            if name != "markdown" {
                assert!(
                    out.contains("Source: LetsGoDigital"),
                    "{name}: credits as the preview shows them\n{out}"
                );
                assert!(
                    out.contains("About Jane Doe") || out.contains("About the author: Jane Doe"),
                    "{name}: the bio is labelled with its author\n{out}"
                );
            }
            if !name.contains("text") && name != "markdown" {
                assert!(
                    out.contains("<img src=\"phone.png\""),
                    "{name}: image\n{out}"
                );
            }
        }
    }

    #[test]
    fn the_bio_box_can_be_left_out() {
        let options = ExportOptions {
            bio: false,
            ..Default::default()
        };
        for format in [
            ExportFormat::Html,
            ExportFormat::Page,
            ExportFormat::Text,
            ExportFormat::WordPress,
        ] {
            let out = export_with(&article(), format, &options).text;
            assert!(!out.contains("Jane covers"), "{format:?}\n{out}");
            assert!(out.contains("Source: LetsGoDigital"), "{format:?}\n{out}");
        }
        let (html, text) = cms(&article(), &options);
        assert!(!html.text.contains("author-bio") && !text.contains("Jane covers"));
    }

    #[test]
    fn fragment_ends_with_credits_and_an_aside_bio_box_without_styles() {
        let out = export(&article(), ExportFormat::Html);
        assert!(
            out.ends_with(
                "<footer class=\"article-footer\">\n<p class=\"credits\">Source: LetsGoDigital</p>\n<aside class=\"author-bio\">\n<h2>About Jane Doe</h2>\n<p>Jane covers <em>cameras</em>.</p>\n</aside>\n</footer>\n"
            ),
            "{out}"
        );
        assert!(!out.contains("style"), "{out}");
    }

    #[test]
    fn wordpress_bio_box_is_a_group_block() {
        let out = export(&article(), ExportFormat::WordPress);
        assert!(
            out.ends_with(
                "<!-- wp:paragraph {\"className\":\"credits\"} -->\n<p class=\"credits\">Source: LetsGoDigital</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:group {\"tagName\":\"aside\",\"className\":\"author-bio\"} -->\n<aside class=\"wp-block-group author-bio\"><!-- wp:heading -->\n<h2 class=\"wp-block-heading\">About Jane Doe</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Jane covers <em>cameras</em>.</p>\n<!-- /wp:paragraph --></aside>\n<!-- /wp:group -->\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn copy_for_cms_embeds_local_pictures() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("phone.png"), PNG).unwrap();
        std::fs::create_dir(dir.path().join("img")).unwrap();
        std::fs::write(dir.path().join("img/b c.png"), PNG).unwrap();
        let mut article = article();
        let absolute = dir.path().join("img/b c.png");
        article.body.push_str(&format!(
            "\n![abs]({})\n\n![url](<file://{}>)\n\n![web](https://x.com/w.png)\n",
            absolute.display().to_string().replace(' ', "%20"),
            absolute.display().to_string().replace(' ', "%20"),
        ));
        let options = ExportOptions {
            embed_images: Some(EmbedImages::new(dir.path())),
            ..Default::default()
        };
        let (html, _) = cms(&article, &options);
        let data = "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==\"";
        assert_eq!(html.text.matches(data).count(), 3, "{}", html.text);
        assert!(!html.text.contains("phone.png"), "{}", html.text);
        assert!(html.text.contains("src=\"https://x.com/w.png\""));
        assert!(html.notices.is_empty(), "{:?}", html.notices);
    }

    #[test]
    fn a_picture_over_the_cap_is_left_out_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut big = PNG.to_vec();
        big.resize(4096, 0);
        std::fs::write(dir.path().join("phone.png"), big).unwrap();
        let options = ExportOptions {
            embed_images: Some(EmbedImages {
                base_dir: dir.path().into(),
                max_bytes: 1024,
            }),
            ..Default::default()
        };
        let (html, _) = cms(&article(), &options);
        assert!(!html.text.contains("data:"), "{}", html.text);
        assert!(
            html.text.contains("<img src=\"phone.png\""),
            "{}",
            html.text
        );
        assert_eq!(
            html.notices,
            ["phone.png was not embedded: too large (4 KB, the limit is 1 KB)"]
        );
        let missing = ExportOptions {
            embed_images: Some(EmbedImages::new(dir.path().join("elsewhere"))),
            ..Default::default()
        };
        let page = export_with(&article(), ExportFormat::Page, &missing);
        assert_eq!(page.notices, ["phone.png was not embedded: not found"]);
    }

    #[test]
    fn embedded_pictures_survive_the_sanitiser_and_nothing_else_does() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("phone.png"), PNG).unwrap();
        let article = Article {
            body: "A <b>raw</b> run with ![p](phone.png) inside.\n\n<img src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"> <a href=\"data:text/html,<script>alert(1)</script>\">x</a> <img src=\"data:image/svg+xml;base64,PHN2Zz4=\"> <iframe src=\"data:image/png;base64,AA==\"></iframe> <img src=\"data:image/gif;base64,R0lGODlh\">\n".into(),
            ..Default::default()
        };
        let options = ExportOptions {
            embed_images: Some(EmbedImages::new(dir.path())),
            ..Default::default()
        };
        let out = export_with(&article, ExportFormat::Html, &options).text;
        assert!(out.contains("<img src=\"data:image/png;base64,"), "{out}");
        assert!(
            out.contains("<img src=\"data:image/gif;base64,R0lGODlh\">"),
            "{out}"
        );
        for bad in ["data:text", "svg", "<iframe", "<script", "href=\"data"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
    }
}
