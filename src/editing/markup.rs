//! Markdown formatting of a selection: bold, italic, links, headings,
//! quotes, lists, figures.

use std::ops::Range;

use crate::markdown::escape::{escape_inline, escape_text};

/// The result of an edit: the new text and what to select in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub text: String,
    pub selection: Range<usize>,
}

/// Wraps the selection in `marker` (`**` bold, `*` italic), or unwraps it if
/// it is already wrapped (inside or just outside the selection). With no
/// selection, the word under the cursor is wrapped; between words, an empty
/// pair is inserted with the cursor inside.
pub fn wrap(text: &str, selection: Range<usize>, marker: &str) -> Edit {
    let Range { mut start, mut end } = selection;
    if start == end {
        let (ws, we) = word_at(text, start);
        if ws < we {
            start = ws;
            end = we;
        }
    }
    let m = marker.len();
    let selected = &text[start..end];
    // Already wrapped inside the selection: `**word**` selected.
    if selected.len() >= 2 * m
        && selected.starts_with(marker)
        && selected.ends_with(marker)
        && !is_longer_run(text, start, end, marker)
    {
        let inner = &selected[m..selected.len() - m];
        return Edit {
            text: format!("{}{}{}", &text[..start], inner, &text[end..]),
            selection: start..start + inner.len(),
        };
    }
    // Wrapped just outside the selection: `**` + `word` + `**`.
    if start >= m
        && text[..start].ends_with(marker)
        && text[end..].starts_with(marker)
        && !is_longer_run(text, start - m, end + m, marker)
    {
        return Edit {
            text: format!("{}{}{}", &text[..start - m], selected, &text[end + m..]),
            selection: start - m..end - m,
        };
    }
    // Keep spaces selected by a double-click outside the markers.
    let trimmed_start = start + (selected.len() - selected.trim_start().len());
    let trimmed_end = end - (selected.len() - selected.trim_end().len());
    let (start, end) = if trimmed_start < trimmed_end {
        (trimmed_start, trimmed_end)
    } else {
        (start, end)
    };
    Edit {
        text: format!(
            "{}{marker}{}{marker}{}",
            &text[..start],
            &text[start..end],
            &text[end..]
        ),
        selection: start + m..end + m,
    }
}

/// `*` inside `**`: toggling italic must not eat half of a bold marker.
fn is_longer_run(text: &str, start: usize, end: usize, marker: &str) -> bool {
    let c = marker.chars().next().unwrap_or('*');
    let before = text[..start].ends_with(c);
    let after = text[end..].starts_with(c);
    marker.len() == 1 && before && after
}

/// The word around byte offset `at`.
fn word_at(text: &str, at: usize) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// Turns the selection into a link `[text](url)` and selects the URL so it
/// can be typed over. A selection that is itself a URL becomes the target.
pub fn link(text: &str, selection: Range<usize>) -> Edit {
    let selected = &text[selection.clone()];
    let looks_like_url = selected.starts_with("http://") || selected.starts_with("https://");
    if looks_like_url {
        let new = format!("[]({selected})");
        return Edit {
            text: format!(
                "{}{}{}",
                &text[..selection.start],
                new,
                &text[selection.end..]
            ),
            selection: selection.start + 1..selection.start + 1,
        };
    }
    let placeholder = "https://";
    let new = format!("[{selected}]({placeholder})");
    let url_start = selection.start + 1 + selected.len() + 2;
    Edit {
        text: format!(
            "{}{}{}",
            &text[..selection.start],
            new,
            &text[selection.end..]
        ),
        selection: url_start..url_start + placeholder.len(),
    }
}

/// The byte range of the whole lines the selection touches.
fn line_span(text: &str, selection: &Range<usize>) -> Range<usize> {
    let start = text[..selection.start].rfind('\n').map_or(0, |i| i + 1);
    let end = if selection.end > selection.start && text[..selection.end].ends_with('\n') {
        selection.end - 1
    } else {
        text[selection.end..]
            .find('\n')
            .map_or(text.len(), |i| selection.end + i)
    };
    start..end.max(start)
}

/// Makes the current line a heading of `level` (1–6); the same level again
/// turns it back into a paragraph.
pub fn heading(text: &str, selection: Range<usize>, level: u8) -> Edit {
    let span = line_span(text, &selection);
    let line = &text[span.clone()];
    let hashes = line.chars().take_while(|c| *c == '#').count();
    let bare = if hashes > 0 && line[hashes..].starts_with(' ') {
        &line[hashes + 1..]
    } else {
        line
    };
    let new_line = if hashes == level as usize {
        bare.to_string()
    } else {
        format!("{} {bare}", "#".repeat(level as usize))
    };
    let cursor = span.start + new_line.len();
    Edit {
        text: format!("{}{}{}", &text[..span.start], new_line, &text[span.end..]),
        selection: cursor..cursor,
    }
}

/// Prefixes each selected line with `prefix` (`> `, `- `), or removes it
/// when every line has it already.
pub fn prefix_lines(text: &str, selection: Range<usize>, prefix: &str) -> Edit {
    let span = line_span(text, &selection);
    let block = &text[span.clone()];
    let all_have = block.lines().all(|l| l.starts_with(prefix));
    let new_block: Vec<String> = block
        .split('\n')
        .map(|l| {
            if all_have {
                l.strip_prefix(prefix).unwrap_or(l).to_string()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect();
    let new_block = new_block.join("\n");
    Edit {
        text: format!("{}{}{}", &text[..span.start], new_block, &text[span.end..]),
        selection: span.start..span.start + new_block.len(),
    }
}

/// A figure of the picture at `src` (a dropped file) after the paragraph at
/// `at`, its alt text selected to be written over; caption and credit follow.
pub fn insert_figure_of(text: &str, at: usize, src: &str) -> Edit {
    let (text, start) = figure_after_paragraph(text, at, &figure_template(src));
    let alt_start = start + "![".len();
    Edit {
        text,
        selection: alt_start..alt_start + "Describe the image".len(),
    }
}

/// What the Insert Figure window fills in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FigureParts {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// Words a credit line may start with (as `markdown` reads figures).
const CREDIT_LABELS: [&str; 5] = ["credit:", "credits:", "photo:", "image:", "source:"];

/// The figure `parts` describe, after the paragraph at `at`, in Copydesk's
/// figure convention (see [`crate::markdown`]): the image, the caption on
/// the next line, then `Credit: …`. Empty parts are left out; the caret
/// goes after the figure.
pub fn insert_figure_filled(text: &str, at: usize, parts: &FigureParts) -> Edit {
    let figure = [
        image_line(parts),
        caption_line(&parts.caption),
        credit_line(&parts.credit),
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect::<Vec<_>>()
    .join("\n");
    let (text, start) = figure_after_paragraph(text, at, &figure);
    let end = start + figure.len() + "\n\n".len();
    let end = end.min(text.len());
    Edit {
        text,
        selection: end..end,
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `![alt](src)` as a figure's first line.
fn image_line(parts: &FigureParts) -> String {
    format!(
        "![{}]({})",
        escape_text(&one_line(&parts.alt)),
        markdown_destination(parts.src.trim())
    )
}

fn caption_line(caption: &str) -> String {
    escape_text(&one_line(caption))
}

/// The credit line, labelled `Credit:` unless it has a label of its own;
/// empty for no credit.
fn credit_line(credit: &str) -> String {
    let credit = one_line(credit);
    if credit.is_empty() {
        return credit;
    }
    let lower = credit.to_lowercase();
    if CREDIT_LABELS.iter().any(|l| lower.starts_with(l)) {
        escape_inline(&credit)
    } else {
        format!("Credit: {}", escape_inline(&credit))
    }
}

/// A figure of the body, as the Figure window edits it.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureAt {
    /// The figure's lines in the body (no final line break).
    pub range: Range<usize>,
    /// Its parts as plain text (the credit without its label).
    pub parts: FigureParts,
    /// Its lines as written: the image, the caption (one or more lines),
    /// the credit (with its label); empty when it has none.
    written: [String; 3],
}

/// The top-level figure whose lines hold the byte `at`, if any.
pub fn figure_at(text: &str, at: usize) -> Option<FigureAt> {
    use crate::markdown::{BlockKind, plain_text};
    let block = crate::markdown::parse(text)
        .into_iter()
        .find(|b| b.range.start <= at && at <= b.range.end)?;
    let BlockKind::Figure(figure) = &block.kind else {
        return None;
    };
    let source = text[block.range.clone()].trim_end_matches(['\n', '\r']);
    let mut lines: Vec<&str> = source.split('\n').collect();
    let image = lines.remove(0).to_string();
    let credit = plain_text(&figure.credit);
    let credit_written = match credit.is_empty() {
        true => String::new(),
        false => lines.pop().unwrap_or_default().to_string(),
    };
    Some(FigureAt {
        range: block.range.start..block.range.start + source.len(),
        parts: FigureParts {
            src: figure.src.clone(),
            alt: figure.alt.clone(),
            caption: plain_text(&figure.caption),
            credit,
        },
        written: [image, lines.join("\n"), credit_written],
    })
}

/// The figure rewritten with `parts`: each of its lines the editor left as
/// it was keeps its own text (its links and emphasis, its credit label);
/// the caret after the figure.
pub fn update_figure(text: &str, figure: &FigureAt, parts: &FigureParts) -> Edit {
    let old = &figure.parts;
    let [image, caption, credit] = &figure.written;
    let lines = [
        if parts.src.trim() == old.src && parts.alt == old.alt {
            image.clone()
        } else {
            image_line(parts)
        },
        if parts.caption == old.caption {
            caption.clone()
        } else {
            caption_line(&parts.caption)
        },
        if parts.credit == old.credit {
            credit.clone()
        } else {
            credit_line(&parts.credit)
        },
    ];
    let block = lines
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity(text.len() + block.len());
    out.push_str(&text[..figure.range.start]);
    out.push_str(&block);
    out.push_str(&text[figure.range.end..]);
    let end = figure.range.start + block.len();
    Edit {
        text: out,
        selection: end..end,
    }
}

/// The figure template for a picture whose words are still to be written.
fn figure_template(src: &str) -> String {
    format!(
        "![Describe the image]({})\nCaption\nCredit: ",
        markdown_destination(src)
    )
}

/// The text with `figure` as its own paragraph after the paragraph at `at`,
/// and where the figure starts.
fn figure_after_paragraph(text: &str, at: usize, figure: &str) -> (String, usize) {
    let para_end = text[at..].find("\n\n").map_or(text.len(), |i| at + i);
    let before = text[..para_end].trim_end_matches('\n');
    let after = text[para_end..].trim_start_matches('\n');
    let mut new = String::with_capacity(text.len() + figure.len() + 4);
    new.push_str(before);
    if !before.is_empty() {
        new.push_str("\n\n");
    }
    let start = new.len();
    new.push_str(figure);
    new.push_str("\n\n");
    new.push_str(after);
    (new, start)
}

/// A link destination as Markdown reads it: in angle brackets when it holds
/// spaces or parentheses.
fn markdown_destination(src: &str) -> String {
    if src.contains([' ', '(', ')']) {
        format!("<{src}>")
    } else {
        src.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_is_edited_changing_only_the_lines_changed() {
        let body = "Intro.\n\n![A *phone*](images/p.png \"t\")\nThe [Leica](https://l.example) phone\non a table\nPhoto: Ana / Agency\n\nAfter.\n";
        let at = body.find("Leica").unwrap();
        let figure = figure_at(body, at).unwrap();
        assert_eq!(figure.parts.src, "images/p.png");
        assert_eq!(figure.parts.alt, "A phone");
        assert_eq!(figure.parts.caption, "The Leica phone on a table");
        assert_eq!(figure.parts.credit, "Ana / Agency");
        assert_eq!(figure_at(body, 2), None, "a paragraph is not a figure");
        // Nothing changed: nothing changes.
        let same = update_figure(body, &figure, &figure.parts.clone());
        assert_eq!(same.text, body);
        // The credit changed: only its line, which gets a label.
        let parts = FigureParts {
            credit: "Bo".into(),
            ..figure.parts.clone()
        };
        let edit = update_figure(body, &figure, &parts);
        assert_eq!(edit.text, body.replace("Photo: Ana / Agency", "Credit: Bo"));
        assert_eq!(&edit.text[edit.selection.end..], "\n\nAfter.\n");
        // A new caption and no credit; the image line kept.
        let parts = FigureParts {
            caption: "A new caption".into(),
            credit: String::new(),
            ..figure.parts.clone()
        };
        let edit = update_figure(body, &figure, &parts);
        assert_eq!(
            edit.text,
            "Intro.\n\n![A *phone*](images/p.png \"t\")\nA new caption\n\nAfter.\n"
        );
        // A new picture: the image line is written anew.
        let parts = FigureParts {
            src: "images/q (1).png".into(),
            ..figure.parts.clone()
        };
        let edit = update_figure(body, &figure, &parts);
        assert!(
            edit.text
                .contains("![A phone](<images/q (1).png>)\nThe [Leica]"),
            "{}",
            edit.text
        );
    }

    fn apply(
        text: &str,
        sel: Range<usize>,
        f: impl Fn(&str, Range<usize>) -> Edit,
    ) -> (String, String) {
        let e = f(text, sel);
        let selected = e.text[e.selection.clone()].to_string();
        (e.text, selected)
    }

    #[test]
    fn bold_wraps_and_unwraps_the_selection() {
        assert_eq!(
            apply("a word here", 2..6, |t, s| wrap(t, s, "**")),
            ("a **word** here".into(), "word".into())
        );
        assert_eq!(
            apply("a **word** here", 4..8, |t, s| wrap(t, s, "**")),
            ("a word here".into(), "word".into())
        );
        assert_eq!(
            apply("a **word** here", 2..10, |t, s| wrap(t, s, "**")),
            ("a word here".into(), "word".into())
        );
    }

    #[test]
    fn bold_without_selection_takes_the_word_under_the_cursor() {
        assert_eq!(
            apply("a word here", 4..4, |t, s| wrap(t, s, "**")),
            ("a **word** here".into(), "word".into())
        );
        let e = wrap("a  b", 2..2, "*");
        assert_eq!(e.text, "a ** b");
        assert_eq!(e.selection, 3..3);
    }

    #[test]
    fn italic_does_not_eat_bold_markers() {
        assert_eq!(
            apply("**word**", 2..6, |t, s| wrap(t, s, "*")).0,
            "***word***"
        );
    }

    #[test]
    fn selection_spaces_stay_outside_the_markers() {
        assert_eq!(
            apply("a word here", 1..7, |t, s| wrap(t, s, "*")).0,
            "a *word* here"
        );
    }

    #[test]
    fn link_selects_the_address_to_type() {
        assert_eq!(
            apply("see Leica now", 4..9, link),
            ("see [Leica](https://) now".into(), "https://".into())
        );
        let e = link("x https://a.b y", 2..13);
        assert_eq!(e.text, "x [](https://a.b) y");
        assert_eq!(e.selection, 3..3);
    }

    #[test]
    fn heading_sets_changes_and_clears_the_level() {
        assert_eq!(
            heading("one\ntwo\nthree", 5..5, 2).text,
            "one\n## two\nthree"
        );
        assert_eq!(
            heading("one\n## two\nthree", 6..6, 3).text,
            "one\n### two\nthree"
        );
        assert_eq!(
            heading("one\n## two\nthree", 6..6, 2).text,
            "one\ntwo\nthree"
        );
    }

    #[test]
    fn quote_prefixes_every_selected_line_and_toggles() {
        let e = prefix_lines("a\nb\nc", 0..3, "> ");
        assert_eq!(e.text, "> a\n> b\nc");
        assert_eq!(prefix_lines(&e.text, 0..7, "> ").text, "a\nb\nc");
    }

    #[test]
    fn a_dropped_picture_becomes_a_figure_with_its_alt_text_selected() {
        let e = insert_figure_of("Para one.\n\nPara two.", 3, "images/my phone.png");
        assert_eq!(
            e.text,
            "Para one.\n\n![Describe the image](<images/my phone.png>)\nCaption\nCredit: \n\nPara two."
        );
        assert_eq!(&e.text[e.selection], "Describe the image");
    }

    #[test]
    fn a_filled_figure_reads_back_as_that_figure() {
        let parts = FigureParts {
            src: "images/my phone.png".into(),
            alt: "A phone [front]".into(),
            caption: "The *new* phone,\nin two lines".into(),
            credit: "LetsGoDigital".into(),
        };
        let e = insert_figure_filled("Para one.\n\nPara two.", 3, &parts);
        assert!(
            e.text
                .starts_with("Para one.\n\n![A phone \\[front\\]](<images/my phone.png>)\n")
        );
        assert_eq!(&e.text[e.selection.start..], "Para two.");
        let blocks = crate::markdown::parse(&e.text);
        let figures = crate::markdown::figures(&blocks);
        assert_eq!(figures.len(), 1, "{}", e.text);
        let f = figures[0];
        assert_eq!(
            (f.src.as_str(), f.alt.as_str()),
            ("images/my phone.png", "A phone [front]")
        );
        assert_eq!(
            crate::markdown::plain_text(&f.caption),
            "The *new* phone, in two lines"
        );
        assert_eq!(crate::markdown::plain_text(&f.credit), "LetsGoDigital");
    }

    #[test]
    fn a_figure_without_caption_keeps_its_credit_and_its_own_label() {
        let parts = FigureParts {
            src: "a.png".into(),
            alt: "A".into(),
            caption: String::new(),
            credit: "Photo: Jane".into(),
        };
        let e = insert_figure_filled("", 0, &parts);
        assert_eq!(e.text, "![A](a.png)\nPhoto: Jane\n\n");
        assert_eq!(e.selection, e.text.len()..e.text.len());
    }

    #[test]
    fn multibyte_text_keeps_char_boundaries() {
        let text = "“Leica” è bella";
        let e = wrap(text, 0..text.find(' ').unwrap(), "**");
        assert_eq!(e.text, "**“Leica”** è bella");
    }
}
