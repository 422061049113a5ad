//! Spacing around punctuation: none before `.,;:!?`, closing quotes and
//! closing brackets in most languages; in French a no-break space before
//! `:;!?` and inside « ».

use super::edits::Edit;
use super::language::{Conventions, NBSP, NNBSP};
use super::mask::Mask;

const SPACES: [char; 4] = [' ', '\t', '\u{a0}', '\u{202f}'];

/// What may follow a mark that ends a clause (so `.5` and `10:30` are left).
fn ends_clause(next: Option<char>) -> bool {
    next.is_none_or(|n| n.is_whitespace() || ")]”’»\"'!?,;:*_".contains(n))
}

/// What a mark that ends a clause may follow: a word, or something that
/// closes one (a quote, a bracket, emphasis, a code span).
fn closes_word(prev: Option<char>) -> bool {
    prev.is_some_and(|p| p.is_alphanumeric() || ")]”’»\"*_`%".contains(p))
}

pub fn spacing(text: &str, mask: &Mask, conv: &Conventions) -> Vec<Edit> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match c {
            '.' | ',' | ';' | ':' | '!' | '?' => {
                let next = text[end..].chars().next();
                if !mask.allows(i..end) || !ends_clause(next) {
                    continue;
                }
                if c == '.' && (next == Some('.') || text[..i].ends_with('.')) {
                    continue;
                }
                let trimmed = text[..i].trim_end_matches(SPACES);
                if !closes_word(trimmed.chars().next_back()) {
                    continue;
                }
                let gap = trimmed.len()..i;
                let want = if conv.french_spacing && matches!(c, ';' | ':' | '!' | '?') {
                    Conventions::space_before(c).to_string()
                } else {
                    String::new()
                };
                if text[gap.clone()] != want && mask.allows(gap.clone()) {
                    out.push(Edit::new(gap, want));
                }
            }
            '«' if conv.french_spacing || conv.tight_guillemets => {
                let rest = &text[end..];
                let gap = end..end + (rest.len() - rest.trim_start_matches(SPACES).len());
                let after = text[gap.end..].chars().next();
                if after.is_some_and(|a| !a.is_whitespace()) {
                    push_gap(&mut out, text, mask, gap, conv);
                }
            }
            '»' if conv.french_spacing || conv.tight_guillemets => {
                let trimmed = text[..i].trim_end_matches(SPACES);
                let before = trimmed.chars().next_back();
                if before.is_some_and(|b| !b.is_whitespace()) {
                    push_gap(&mut out, text, mask, trimmed.len()..i, conv);
                }
            }
            _ => {}
        }
    }
    out.extend(closing_gaps(text, mask, conv));
    out.sort_by_key(|e| e.range.start);
    out
}

/// Spaces before a closing quote or a closing bracket (`research. ”`,
/// `(see below )`), which no language sets, taken out. French no-break
/// spaces inside quotes stay, and guillemets are spaced by [`spacing`] in
/// the languages that set them.
pub fn closing_gaps(text: &str, mask: &Mask, conv: &Conventions) -> Vec<Edit> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let gap = match c {
            ')' | ']' => space_before_closing(text, i, mask)
                .filter(|gap| !text[..gap.start].ends_with(['(', '['])),
            _ if closes_quote(c, conv, text[i + c.len_utf8()..].chars().next()) => {
                space_before_closing(text, i, mask).filter(|gap| {
                    !(conv.french_spacing
                        && text[gap.clone()].chars().all(|s| s == NBSP || s == NNBSP))
                })
            }
            _ => None,
        };
        if let Some(gap) = gap {
            out.push(Edit::new(gap, ""));
        }
    }
    out
}

/// Whether `c` closes a quotation here: the language's closing quotes and
/// `”` (which closes in every language that uses it), when no word follows
/// (a word after a quote means it opens one: Swedish ”…”, German »…«).
/// Guillemets in French and in languages that hug them are spaced above.
fn closes_quote(c: char, conv: &Conventions, next: Option<char>) -> bool {
    let closers = [conv.quotes[1], conv.inner_quotes[1], '”'];
    if !closers.contains(&c) || next.is_some_and(char::is_alphanumeric) {
        return false;
    }
    !(c == '»' && (conv.french_spacing || conv.tight_guillemets))
}

/// The spaces between a word (or a mark ending a clause) and the closing
/// quote or bracket at `at`, when there are some on the same line and the
/// mask allows changing them and the closing mark.
fn space_before_closing(text: &str, at: usize, mask: &Mask) -> Option<std::ops::Range<usize>> {
    let trimmed = text[..at].trim_end_matches(SPACES);
    let before = trimmed.chars().next_back()?;
    let gap = trimmed.len()..at;
    let closing = at..at + text[at..].chars().next()?.len_utf8();
    let opening = "“‘«„‚\"'";
    (!gap.is_empty()
        && !before.is_whitespace()
        && !opening.contains(before)
        && mask.allows(gap.clone())
        && mask.allows(closing))
    .then_some(gap)
}

fn push_gap(
    out: &mut Vec<Edit>,
    text: &str,
    mask: &Mask,
    gap: std::ops::Range<usize>,
    conv: &Conventions,
) {
    let want = if conv.french_spacing {
        // A narrow no-break space, which some houses set inside « », stays.
        if text[gap.clone()] == *NNBSP.encode_utf8(&mut [0; 4]) {
            return;
        }
        NBSP.to_string()
    } else {
        String::new()
    };
    if text[gap.clone()] != want && mask.allows(gap.clone()) {
        out.push(Edit::new(gap, want));
    }
}

#[cfg(test)]
mod tests {
    use super::super::run_fix as run;
    use super::*;

    #[test]
    fn english_has_no_space_before_marks() {
        assert_eq!(
            run(
                spacing,
                "Leica , Xiaomi ; and **Huawei** ! Really ? Yes . Costs .5 at 10 : 30? ok",
                "en"
            ),
            "Leica, Xiaomi; and **Huawei**! Really? Yes. Costs .5 at 10: 30? ok"
        );
        assert_eq!(
            run(spacing, "See `a ;` and https://x.org/a ; b", "en"),
            "See `a ;` and https://x.org/a; b"
        );
        assert_eq!(
            run(spacing, "Wait ... then\n\n? alone", "en"),
            "Wait ... then\n\n? alone"
        );
    }

    #[test]
    fn french_sets_no_break_spaces() {
        assert_eq!(
            run(
                spacing,
                "Crédits : X. Vraiment? Oui ! «Bonjour» et «  salut » ; fin:10:30",
                "fr"
            ),
            "Crédits\u{a0}: X. Vraiment\u{202f}? Oui\u{202f}! «\u{a0}Bonjour\u{a0}» et «\u{a0}salut\u{a0}»\u{202f}; fin:10:30"
        );
    }

    #[test]
    fn english_closes_up_spaces_before_closing_quotes_and_brackets() {
        assert_eq!(
            run(
                spacing,
                "“Both are eager to explore research. ” So (see below ) and ‘this ’, but ( ) stays, ’90s too.\n\nAt the end ”\n",
                "en"
            ),
            "“Both are eager to explore research.” So (see below) and ‘this’, but ( ) stays, ’90s too.\n\nAt the end”\n"
        );
        // An opening quote after a space is where it belongs; code and
        // link syntax are not prose.
        assert_eq!(
            run(
                spacing,
                "He said “yes” and `f( x )` and [a link ](http://x.org)",
                "en"
            ),
            "He said “yes” and `f( x )` and [a link ](http://x.org)"
        );
    }

    #[test]
    fn german_closes_up_before_its_closing_quotes() {
        assert_eq!(
            run(
                spacing,
                "Er sagte „das ist gut “ und ‚so ‘ weiter (wirklich ). Und „noch ” eins.",
                "de"
            ),
            "Er sagte „das ist gut“ und ‚so‘ weiter (wirklich). Und „noch” eins."
        );
    }

    #[test]
    fn french_keeps_its_no_break_spaces_inside_quotes() {
        let text = "Il a dit «\u{a0}bonjour\u{a0}», «\u{202f}salut\u{202f}» et « merci », puis “cité\u{a0}” et “là ” (enfin ).";
        assert_eq!(
            run(spacing, text, "fr"),
            "Il a dit «\u{a0}bonjour\u{a0}», «\u{202f}salut\u{202f}» et «\u{a0}merci\u{a0}», puis “cité\u{a0}” et “là” (enfin)."
        );
    }

    #[test]
    fn italian_closes_up_guillemets_and_inner_quotes() {
        assert_eq!(
            run(spacing, "Ha detto «è “bello ” davvero » (sì ).", "it"),
            "Ha detto «è “bello” davvero» (sì)."
        );
    }

    #[test]
    fn italian_guillemets_hug_their_words() {
        assert_eq!(
            run(spacing, "Ha detto « ciao » .", "it"),
            "Ha detto «ciao»."
        );
    }
}
