//! What every article export ends with: the article's credits (as the
//! preview shows them) and the author bio box, written once for the HTML
//! exports and once for the text export.

use super::html::markdown_html;
use super::html_escape::{escape, escape_into};
use crate::markdown::url;
use crate::model::{Author, Metadata};

/// Authors that have a bio to show.
pub fn bios(meta: &Metadata) -> impl Iterator<Item = &Author> {
    meta.authors.iter().filter(|a| !a.bio.trim().is_empty())
}

/// The credits as the inside of one paragraph: one sentence a line, linked
/// where the credit has a safe address.
pub fn credits_inner(meta: &Metadata) -> String {
    let mut out = String::new();
    for (i, credit) in meta.credits.iter().enumerate() {
        if i > 0 {
            out.push_str("<br>\n");
        }
        let sentence = credit.sentence();
        if !credit.url.is_empty() && url::is_safe_link(&credit.url) {
            out.push_str(&format!(
                "<a href=\"{}\">{}</a>",
                escape(&credit.url),
                escape(&sentence)
            ));
        } else {
            escape_into(&mut out, &sentence);
        }
    }
    out
}

/// The heading of an author's bio box.
pub fn bio_heading(author: &Author) -> String {
    format!("About {}", author.name.trim())
}

/// `<footer>` with the credits and, when `bio` is on, an `<aside>` bio box
/// per author; nothing when there is neither. Classes only, no inline styles,
/// so the CMS's theme styles it.
pub fn footer_html(meta: &Metadata, bio: bool) -> String {
    let has_bios = bio && bios(meta).next().is_some();
    if meta.credits.is_empty() && !has_bios {
        return String::new();
    }
    let mut out = String::from("<footer class=\"article-footer\">\n");
    if !meta.credits.is_empty() {
        out.push_str("<p class=\"credits\">");
        out.push_str(&credits_inner(meta));
        out.push_str("</p>\n");
    }
    if bio {
        for author in bios(meta) {
            out.push_str("<aside class=\"author-bio\">\n");
            out.push_str(&format!("<h2>{}</h2>\n", escape(&bio_heading(author))));
            out.push_str(&markdown_html(&author.bio));
            out.push_str("</aside>\n");
        }
    }
    out.push_str("</footer>\n");
    out
}
