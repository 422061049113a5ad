//! Which URLs may go into published HTML.

/// Whether a link target is safe to publish: `http`, `https`, `mailto`, `tel`,
/// or a relative URL / fragment. Browsers ignore ASCII whitespace and control
/// characters inside a scheme (`java\tscript:`), so those are dropped before
/// the scheme is read.
pub fn is_safe_link(url: &str) -> bool {
    scheme_allowed(url, &["http", "https", "mailto", "tel"])
}

/// Whether an image source is safe to publish: `http`, `https` or relative.
pub fn is_safe_image(src: &str) -> bool {
    scheme_allowed(src, &["http", "https"])
}

fn scheme_allowed(url: &str, allowed: &[&str]) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match squeezed.find([':', '/', '?', '#']) {
        Some(i) if squeezed.as_bytes()[i] == b':' => {
            let scheme = &squeezed[..i];
            allowed.contains(&scheme)
        }
        // No scheme: a relative URL, a path or a fragment.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_links_are_safe() {
        for url in [
            "https://example.com/a?b=c",
            "/relative/path",
            "#note",
            "mailto:a@b.c",
            "page.html",
        ] {
            assert!(is_safe_link(url), "{url}");
        }
    }

    #[test]
    fn script_urls_are_not_safe_however_disguised() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "vbscript:msgbox",
            "data:text/html;base64,PHNjcmlwdD4=",
        ] {
            assert!(!is_safe_link(url), "{url:?}");
        }
        assert!(!is_safe_image("data:image/svg+xml,<svg onload=alert(1)>"));
    }
}
