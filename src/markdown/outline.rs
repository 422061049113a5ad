//! The outline of a body: its headings, found by a scan of the lines (ATX
//! `##` headings and setext underlines, outside code fences) that costs far
//! less than a parse, so it can follow typing in a long article.

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The heading's line in the body.
    pub range: Range<usize>,
}

pub fn outline(body: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut at = 0;
    let mut previous: Option<(Range<usize>, &str)> = None;
    for line in body.split_inclusive('\n') {
        let range = at..at + line.trim_end_matches(['\n', '\r']).len();
        at += line.len();
        let content = line.trim_end();
        let indent = content.len() - content.trim_start().len();
        let trimmed = content.trim_start();
        if indent < 4 {
            let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
            if let Some(c) = marker {
                let run = trimmed.chars().take_while(|&x| x == c).count();
                if run >= 3 {
                    match fence {
                        None => fence = Some((c, run)),
                        Some((f, n)) if f == c && run >= n && trimmed.len() == run => fence = None,
                        _ => {}
                    }
                    previous = None;
                    continue;
                }
            }
        }
        if fence.is_some() || indent >= 4 {
            previous = None;
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes)
            && trimmed[hashes..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
        {
            let text = trimmed[hashes..].trim().trim_end_matches('#').trim_end();
            out.push(Heading {
                level: hashes as u8,
                text: text.to_string(),
                range,
            });
            previous = None;
            continue;
        }
        // Setext: a paragraph line underlined with === or ---.
        if let Some((prev_range, prev_text)) = previous.take()
            && !trimmed.is_empty()
            && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-'))
        {
            let level = if trimmed.starts_with('=') { 1 } else { 2 };
            out.push(Heading {
                level,
                text: prev_text.to_string(),
                range: prev_range.start..range.end,
            });
            continue;
        }
        let is_paragraph_line = !trimmed.is_empty()
            && !trimmed.starts_with(['-', '*', '+', '>', '|', '!', '<'])
            && !trimmed.chars().next().is_some_and(|c| c.is_ascii_digit());
        previous = is_paragraph_line.then_some((range, trimmed));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_outside_code_with_their_lines() {
        let body = "Intro\n\n## Design ##\n\nText\n\n```\n## not a heading\n```\n\n    # indented code\n\nSetext\n------\n\n### Deep\n#hashtag\n";
        let found: Vec<_> = outline(body)
            .into_iter()
            .map(|h| (h.level, h.text, h.range))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, "Design".to_string(), 7..19),
                (2, "Setext".to_string(), 74..87),
                (3, "Deep".to_string(), 89..97),
            ]
        );
        assert_eq!(&body[7..19], "## Design ##");
    }

    #[test]
    fn agrees_with_the_parser_on_the_samples() {
        for file in [
            include_str!("../../sample_docs/oneplus-copydesk.md"),
            include_str!("../../sample_docs/sony-sensor-scraped.md"),
        ] {
            let body = &crate::format::parse_markdown(file).unwrap().article.body;
            let parsed: Vec<String> = crate::markdown::parse(body)
                .iter()
                .filter_map(|b| match &b.kind {
                    crate::markdown::BlockKind::Heading { content, .. } => {
                        Some(crate::markdown::plain_text(content))
                    }
                    _ => None,
                })
                .collect();
            let scanned: Vec<String> = outline(body).into_iter().map(|h| h.text).collect();
            assert_eq!(scanned, parsed);
        }
    }
}
