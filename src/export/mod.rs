//! Exports: each a pure function of the article.

pub mod html;
mod html_escape;
mod page;
mod text;
mod wordpress;

pub use html::fragment as html;
pub use html_escape::escape as escape_html;
pub use page::page;
pub use text::{TextOptions, body_text, html_to_text, text};
pub use wordpress::{MediaRef, wordpress, wordpress_with_media};

use crate::model::Article;

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
    match format {
        ExportFormat::Html => html(article),
        ExportFormat::Page => page(article),
        ExportFormat::Text => text(article, TextOptions::default()),
        ExportFormat::Markdown => {
            crate::format::write_markdown(article, &crate::format::Origin::new_file())
        }
        ExportFormat::WordPress => wordpress(article),
    }
}
