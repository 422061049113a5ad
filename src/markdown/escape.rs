//! Escaping text so that Markdown reads it back as the same text.

/// Escapes plain text for a Markdown paragraph so that it renders as itself:
/// emphasis, code, link and HTML characters anywhere, and block markers
/// (`#`, `>`, `-`, `1.`…) at the start of the line. Quotes and apostrophes
/// are left alone so the text stays readable.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    escape_line_start(&out)
}

fn escape_line_start(text: &str) -> String {
    let trimmed = text.trim_start();
    let indent = &text[..text.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
    let needs = trimmed.starts_with(['#', '-', '+', '='])
        || (digits > 0 && trimmed[digits..].starts_with(['.', ')']));
    if !needs {
        return text.to_string();
    }
    if digits > 0 {
        format!("{indent}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        format!("{indent}\\{trimmed}")
    }
}

/// `&` starts an entity only before `name;` or `#digits;`: escape it there.
pub fn escape_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '&' {
            let rest = &text[i + 1..];
            let name_len = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                .count();
            if name_len > 0 && rest[name_len..].starts_with(';') {
                out.push('\\');
            }
        }
        out.push(c);
    }
    out
}

/// Full escaping of a line of plain text for Markdown.
pub fn escape_text(text: &str) -> String {
    escape_entities(&escape_inline(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{BlockKind, parse, plain_text};

    fn round_trip(text: &str) -> String {
        let blocks = parse(&escape_text(text));
        match &blocks[..] {
            [b] => match &b.kind {
                BlockKind::Paragraph(c) => plain_text(c),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn markdown_characters_read_back_as_text() {
        for text in [
            "# not a heading",
            "1. not a list",
            "2022) not a list",
            "- not a bullet",
            "> not a quote",
            "a *b* _c_ `d` [e](f) <g> h\\i",
            "AT&amp;T &#35; & co",
            "“curly” ‘quotes’ and don’t",
            "![not an image](x)",
            "+ plus",
            "a | b",
            "~~not struck~~",
        ] {
            assert_eq!(round_trip(text), text, "{text}");
        }
    }

    #[test]
    fn ordinary_text_is_left_readable() {
        assert_eq!(
            escape_text("It’s a “long-term” deal, 2022."),
            "It’s a “long-term” deal, 2022."
        );
    }
}
