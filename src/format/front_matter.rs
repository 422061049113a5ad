//! Splitting a Markdown file into its front matter and its body.

/// The syntax of a front-matter block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FrontMatterKind {
    /// `---` … `---` (Jekyll, Hugo, Obsidian…).
    #[default]
    Yaml,
    /// `+++` … `+++` (Hugo, Zola).
    Toml,
    /// `---js` … `---`, `---json` … `---`: front matter in a language
    /// Copydesk does not read (Eleventy and gray-matter allow JavaScript,
    /// JSON and others). It is kept exactly as written, never edited and
    /// never replaced by a YAML block.
    Foreign,
}

impl FrontMatterKind {
    pub fn fence(self) -> &'static str {
        match self {
            FrontMatterKind::Yaml | FrontMatterKind::Foreign => "---",
            FrontMatterKind::Toml => "+++",
        }
    }
}

/// A file cut into its parts. `front` is the text between the fences (without
/// them); `body` is everything after the closing fence's line.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub kind: Option<FrontMatterKind>,
    pub front: &'a str,
    pub body: &'a str,
    /// Line number (1-based) of the first line of `front` in the file.
    pub front_first_line: usize,
}

/// Cuts `text` (line endings already `\n`) at its front-matter fences. A file
/// whose first line is a fence but which never closes it has no front matter:
/// it is a Markdown file that starts with a thematic break.
pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        kind: None,
        front: "",
        body: text,
        front_first_line: 0,
    };
    let kind = if text.starts_with("---") {
        FrontMatterKind::Yaml
    } else if text.starts_with("+++") {
        FrontMatterKind::Toml
    } else {
        return none;
    };
    let fence = kind.fence();
    let Some(first_end) = text.find('\n') else {
        return none;
    };
    let opener = text[..first_end].trim_end();
    // `---yaml` names the language YAML already is; `---js`, `---json`…
    // name one Copydesk does not read.
    let kind = match opener.strip_prefix("---") {
        Some("yaml") => FrontMatterKind::Yaml,
        Some(lang)
            if kind == FrontMatterKind::Yaml
                && !lang.is_empty()
                && lang.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            FrontMatterKind::Foreign
        }
        _ if opener == fence => kind,
        _ => return none,
    };
    let rest = &text[first_end + 1..];
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n').trim_end();
        // YAML also allows `...` as the end of a document.
        if bare == fence || (kind == FrontMatterKind::Yaml && bare == "...") {
            return Split {
                kind: Some(kind),
                front: &rest[..offset],
                body: &rest[offset + line.len()..],
                front_first_line: 2,
            };
        }
        offset += line.len();
    }
    none
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_front_matter() {
        let s = split("---\ntitle: A\n---\nBody\n");
        assert_eq!(s.kind, Some(FrontMatterKind::Yaml));
        assert_eq!(s.front, "title: A\n");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn splits_toml_front_matter() {
        let s = split("+++\ntitle = \"A\"\n+++\n\nBody");
        assert_eq!(s.kind, Some(FrontMatterKind::Toml));
        assert_eq!(s.front, "title = \"A\"\n");
        assert_eq!(s.body, "\nBody");
    }

    #[test]
    fn empty_front_matter_is_front_matter() {
        let s = split("---\n---\nBody");
        assert_eq!(s.kind, Some(FrontMatterKind::Yaml));
        assert_eq!(s.front, "");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn unclosed_fence_is_a_thematic_break_not_front_matter() {
        let s = split("---\nJust text\n");
        assert_eq!(s.kind, None);
        assert_eq!(s.body, "---\nJust text\n");
    }

    #[test]
    fn a_fence_naming_another_language_is_foreign_front_matter() {
        let s = split("---js\nconst title = \"A\";\n---\nBody\n");
        assert_eq!(s.kind, Some(FrontMatterKind::Foreign));
        assert_eq!(s.front, "const title = \"A\";\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(
            split("---yaml\ntitle: A\n---\n").kind,
            Some(FrontMatterKind::Yaml)
        );
        assert_eq!(split("--- js\na\n---\n").kind, None);
    }

    #[test]
    fn a_longer_rule_is_not_a_fence() {
        assert_eq!(split("-----\na: b\n---\n").kind, None);
    }
}
