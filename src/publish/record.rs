//! The post an article was published as, recorded in its front matter under
//! one key that site generators ignore:
//!
//! ```yaml
//! publish:
//!   wordpress:
//!     site: blog
//!     id: 42
//!     link: "https://example.com/?p=42"
//!     modified_gmt: "2026-12-01T03:00:00"
//! ```
//!
//! The next publish to that site updates that post instead of creating one.

use crate::model::{Metadata, Value};

/// The front-matter key.
pub const KEY: &str = "publish";

/// A post on a site.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remote {
    pub site: String,
    pub id: u64,
    pub link: String,
    /// When the site last changed the post (UTC, as the site writes it).
    pub modified_gmt: String,
}

/// The post recorded for this CMS (`wordpress`), if any.
pub fn read(meta: &Metadata, cms: &str) -> Option<Remote> {
    let (_, publish) = meta.extra.iter().find(|(k, _)| k == KEY)?;
    let entry = publish.get(cms)?;
    let text = |key: &str| entry.get(key).and_then(Value::as_text).unwrap_or_default();
    let id = match entry.get("id")? {
        Value::Integer(i) if *i > 0 => *i as u64,
        other => other.as_text()?.trim().parse().ok()?,
    };
    Some(Remote {
        site: text("site"),
        id,
        link: text("link"),
        modified_gmt: text("modified_gmt"),
    })
}

/// Records the post for this CMS, keeping what the key holds for others.
pub fn write(meta: &mut Metadata, cms: &str, remote: &Remote) {
    let entry = Value::Map(vec![
        ("site".into(), Value::String(remote.site.clone())),
        ("id".into(), Value::Integer(remote.id as i64)),
        ("link".into(), Value::String(remote.link.clone())),
        (
            "modified_gmt".into(),
            Value::String(remote.modified_gmt.clone()),
        ),
    ]);
    match meta.extra.iter_mut().find(|(k, _)| k == KEY) {
        Some((_, Value::Map(cmses))) => match cmses.iter_mut().find(|(k, _)| k == cms) {
            Some((_, v)) => *v = entry,
            None => cmses.push((cms.to_string(), entry)),
        },
        Some((_, other)) => *other = Value::Map(vec![(cms.to_string(), entry)]),
        None => meta
            .extra
            .push((KEY.to_string(), Value::Map(vec![(cms.to_string(), entry)]))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format;

    fn remote() -> Remote {
        Remote {
            site: "blog".into(),
            id: 42,
            link: "https://example.com/?p=42".into(),
            modified_gmt: "2026-12-01T03:00:00".into(),
        }
    }

    #[test]
    fn recording_changes_only_the_key_lines_and_reads_back() {
        let text = "---\r\ntitle: \"A  title\"   # kept as typed\r\ntags: [a, b]\r\n---\r\n\r\nBody *as* it was.\r\n";
        let doc = format::parse_markdown(text).unwrap();
        let mut article = doc.article.clone();
        assert_eq!(read(&article.meta, "wordpress"), None);
        write(&mut article.meta, "wordpress", &remote());
        let out = format::write_markdown(&article, &doc.origin);
        assert_eq!(
            out,
            "---\r\ntitle: \"A  title\"   # kept as typed\r\ntags: [a, b]\r\npublish:\r\n  wordpress:\r\n    site: blog\r\n    id: 42\r\n    link: \"https://example.com/?p=42\"\r\n    modified_gmt: \"2026-12-01T03:00:00\"\r\n---\r\n\r\nBody *as* it was.\r\n"
        );
        let again = format::parse_markdown(&out).unwrap();
        assert_eq!(read(&again.article.meta, "wordpress"), Some(remote()));
        // A second publish changes the recorded lines only.
        let mut article = again.article.clone();
        let mut later = remote();
        later.modified_gmt = "2026-12-02T00:00:00".into();
        write(&mut article.meta, "wordpress", &later);
        let out2 = format::write_markdown(&article, &again.origin);
        assert_eq!(
            out2,
            out.replace("2026-12-01T03:00:00", "2026-12-02T00:00:00")
        );
    }

    #[test]
    fn toml_front_matter_records_a_table() {
        let text = "+++\ntitle = \"T\"\n+++\n\nBody\n";
        let doc = format::parse_markdown(text).unwrap();
        let mut article = doc.article.clone();
        write(&mut article.meta, "wordpress", &remote());
        let out = format::write_markdown(&article, &doc.origin);
        assert!(out.starts_with("+++\ntitle = \"T\"\n"), "{out}");
        let again = format::parse_markdown(&out).unwrap();
        assert_eq!(read(&again.article.meta, "wordpress"), Some(remote()));
    }
}
