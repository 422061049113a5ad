//! Site dialects: which front-matter keys a site generator reads, so that a
//! field a post does not have yet is added under the key its site expects,
//! and a status is written the way the site marks drafts.
//!
//! The dialect comes from the site's configuration when one is found in a
//! parent folder, else from the post's own keys.

use std::path::Path;

use crate::model::{Field, Value};

/// The site generator (or note app) a post belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Copydesk's own keys: new articles and posts of no known site.
    #[default]
    Copydesk,
    Jekyll,
    Hugo,
    Zola,
    Eleventy,
    Astro,
    /// Gatsby and Next.js blog starters (Markdown read by their own code).
    Gatsby,
    Obsidian,
}

/// How a dialect marks a post that is not published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKey {
    /// `status: draft|in-review|ready|published`.
    Status,
    /// `draft: true|false` (Hugo, Zola, Eleventy, Astro, Gatsby).
    Draft,
    /// `published: false` (Jekyll).
    Published,
}

impl Dialect {
    pub const ALL: [Dialect; 8] = [
        Dialect::Copydesk,
        Dialect::Jekyll,
        Dialect::Hugo,
        Dialect::Zola,
        Dialect::Eleventy,
        Dialect::Astro,
        Dialect::Gatsby,
        Dialect::Obsidian,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Dialect::Copydesk => "Copydesk",
            Dialect::Jekyll => "Jekyll",
            Dialect::Hugo => "Hugo",
            Dialect::Zola => "Zola",
            Dialect::Eleventy => "Eleventy",
            Dialect::Astro => "Astro",
            Dialect::Gatsby => "Gatsby / Next.js",
            Dialect::Obsidian => "Obsidian",
        }
    }

    /// The key (a dotted path for nested tables) a field is added under
    /// when the post does not have it yet.
    pub fn key(self, field: Field) -> &'static str {
        use Dialect::*;
        use Field::*;
        match (self, field) {
            (Zola, Tags) => "taxonomies.tags",
            (Zola, Category) => "taxonomies.categories",
            (Zola, Authors) => "authors",
            (Zola, Excerpt) => "description",
            (Zola, Subtitle) => "extra.subtitle",
            (Zola, OriginalTitle) => "extra.original_title",
            (Zola, OriginalLang) => "extra.original_lang",
            (Zola, CanonicalUrl) => "extra.canonical_url",
            (Zola, Lang) => "extra.lang",
            (Zola, Image) => "extra.image",
            (Zola, Credits) => "extra.credits",
            (Copydesk, _) => field.name(),
            (_, Authors) => "author",
            (_, Excerpt) => "description",
            (Jekyll | Hugo, Category) => "categories",
            (Astro, Date) => "pubDate",
            (Astro, Image) => "heroImage",
            (_, Status) => match self.status_key() {
                StatusKey::Status => "status",
                StatusKey::Draft => "draft",
                StatusKey::Published => "published",
            },
            _ => field.name(),
        }
    }

    pub fn status_key(self) -> StatusKey {
        match self {
            Dialect::Copydesk | Dialect::Obsidian => StatusKey::Status,
            Dialect::Jekyll => StatusKey::Published,
            _ => StatusKey::Draft,
        }
    }

    /// Whether a post without any status key is published: a site generator
    /// publishes every post not marked as a draft.
    pub fn published_by_default(self) -> bool {
        !matches!(self, Dialect::Copydesk | Dialect::Obsidian)
    }

    /// Whether the front matter of a new block is TOML (`+++`).
    pub fn prefers_toml(self) -> bool {
        self == Dialect::Zola
    }

    /// Guesses the dialect from a post's own top-level keys and syntax, for
    /// a post found outside any recognised site.
    pub fn from_keys(entries: &[(String, Value)], toml: bool) -> Dialect {
        let has = |key: &str| entries.iter().any(|(k, _)| k == key);
        if toml {
            return if has("taxonomies") || has("extra") {
                Dialect::Zola
            } else {
                Dialect::Hugo
            };
        }
        if has("pubDate") || has("heroImage") {
            Dialect::Astro
        } else if has("layout") && (has("permalink") || has("categories") || has("published")) {
            Dialect::Jekyll
        } else if has("aliases") || has("cssclasses") || has("cssclass") {
            Dialect::Obsidian
        } else if has("draft") && has("date") {
            Dialect::Hugo
        } else {
            Dialect::Copydesk
        }
    }

    /// The site a file belongs to, from the configuration found in its
    /// folder or a parent folder (the nearest wins).
    pub fn of_site(file: &Path) -> Option<Dialect> {
        site_of(file).map(|(_, dialect)| dialect)
    }
}

/// The root folder of the site a file belongs to and the site's dialect:
/// the nearest folder (the file's own, or a parent) with a configuration.
pub fn site_of(file: &Path) -> Option<(std::path::PathBuf, Dialect)> {
    let start = if file.is_dir() { file } else { file.parent()? };
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.to_path_buf());
    start
        .ancestors()
        .find_map(|dir| site_in(dir).map(|d| (dir.to_path_buf(), d)))
}

/// The folder of a site whose files are served as they are from the
/// site's root (`/images/a.png` is `static/images/a.png` in Hugo), or
/// `None` for a generator with no such convention (Eleventy copies only
/// what its configuration names; Obsidian has no site).
pub fn static_folder(root: &std::path::Path, dialect: Dialect) -> Option<std::path::PathBuf> {
    match dialect {
        Dialect::Jekyll => Some(root.to_path_buf()),
        Dialect::Hugo | Dialect::Zola | Dialect::Gatsby => Some(root.join("static")),
        Dialect::Astro => Some(root.join("public")),
        Dialect::Copydesk | Dialect::Eleventy | Dialect::Obsidian => None,
    }
}

/// The site whose configuration is in `dir`, if any.
fn site_in(dir: &Path) -> Option<Dialect> {
    let exists = |name: &str| dir.join(name).exists();
    let any = |stem: &str, exts: &[&str]| exts.iter().any(|e| exists(&format!("{stem}.{e}")));
    const JS: &[&str] = &["js", "mjs", "cjs", "ts", "mts"];
    if any("_config", &["yml", "yaml", "toml"]) {
        return Some(Dialect::Jekyll);
    }
    if any("hugo", &["toml", "yaml", "yml", "json"]) {
        return Some(Dialect::Hugo);
    }
    if let Ok(config) = std::fs::read_to_string(dir.join("config.toml")) {
        if config
            .lines()
            .any(|l| l.trim_start().starts_with("base_url"))
        {
            return Some(Dialect::Zola);
        }
        if config.lines().any(|l| {
            let l = l.trim_start().to_ascii_lowercase();
            l.starts_with("baseurl") || l.starts_with("languagecode") || l.starts_with("theme")
        }) {
            return Some(Dialect::Hugo);
        }
    }
    for name in ["config.yaml", "config.yml", "config.json"] {
        if let Ok(config) = std::fs::read_to_string(dir.join(name))
            && config.contains("baseURL")
        {
            return Some(Dialect::Hugo);
        }
    }
    if any("eleventy.config", JS) || any(".eleventy", JS) {
        return Some(Dialect::Eleventy);
    }
    if any("astro.config", JS) {
        return Some(Dialect::Astro);
    }
    if any("gatsby-config", JS) || any("next.config", JS) {
        return Some(Dialect::Gatsby);
    }
    if dir.join(".obsidian").is_dir() {
        return Some(Dialect::Obsidian);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            if f.ends_with('/') {
                std::fs::create_dir_all(&path).unwrap();
            } else {
                let text = if *f == "config.toml" {
                    "base_url = \"https://example.org\"\n"
                } else {
                    ""
                };
                std::fs::write(&path, text).unwrap();
            }
        }
        let post = dir.path().join("content/blog/post.md");
        std::fs::create_dir_all(post.parent().unwrap()).unwrap();
        std::fs::write(&post, "---\n---\n").unwrap();
        (dir, post)
    }

    #[test]
    fn the_site_configuration_names_the_dialect() {
        for (files, dialect) in [
            (&["_config.yml"][..], Dialect::Jekyll),
            (&["hugo.toml"], Dialect::Hugo),
            (&["config.toml"], Dialect::Zola),
            (&["eleventy.config.js"], Dialect::Eleventy),
            (&[".eleventy.js"], Dialect::Eleventy),
            (&["astro.config.mjs"], Dialect::Astro),
            (&["gatsby-config.js"], Dialect::Gatsby),
            (&[".obsidian/"], Dialect::Obsidian),
        ] {
            let (_dir, post) = site(files);
            assert_eq!(Dialect::of_site(&post), Some(dialect), "{files:?}");
        }
    }

    #[test]
    fn a_hugo_config_toml_is_told_from_zola_s() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "baseURL = \"https://x.org/\"\ntheme = \"ananke\"\n",
        )
        .unwrap();
        assert_eq!(Dialect::of_site(dir.path()), Some(Dialect::Hugo));
    }

    #[test]
    fn the_post_s_keys_name_the_dialect_when_no_site_is_found() {
        let keys = |names: &[&str]| -> Vec<(String, Value)> {
            names.iter().map(|n| (n.to_string(), Value::Null)).collect()
        };
        assert_eq!(
            Dialect::from_keys(&keys(&["title", "pubDate"]), false),
            Dialect::Astro
        );
        assert_eq!(
            Dialect::from_keys(&keys(&["layout", "categories"]), false),
            Dialect::Jekyll
        );
        assert_eq!(
            Dialect::from_keys(&keys(&["title", "extra"]), true),
            Dialect::Zola
        );
        assert_eq!(Dialect::from_keys(&keys(&["title"]), true), Dialect::Hugo);
        assert_eq!(
            Dialect::from_keys(&keys(&["title", "status"]), false),
            Dialect::Copydesk
        );
    }

    #[test]
    fn zola_keeps_its_own_keys_and_the_rest_under_extra() {
        assert_eq!(Dialect::Zola.key(Field::Tags), "taxonomies.tags");
        assert_eq!(Dialect::Zola.key(Field::Subtitle), "extra.subtitle");
        assert_eq!(Dialect::Hugo.key(Field::Status), "draft");
        assert_eq!(Dialect::Jekyll.key(Field::Status), "published");
        assert_eq!(Dialect::Jekyll.key(Field::Authors), "author");
        assert_eq!(Dialect::Copydesk.key(Field::Authors), "authors");
        assert_eq!(Dialect::Astro.key(Field::Date), "pubDate");
    }
}
