//! Spacing around punctuation: none before `.,;:!?` in most languages; in
//! French a no-break space before `:;!?` and inside « ».

use super::edits::Edit;
use super::language::{Conventions, NBSP};
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
    out
}

fn push_gap(
    out: &mut Vec<Edit>,
    text: &str,
    mask: &Mask,
    gap: std::ops::Range<usize>,
    conv: &Conventions,
) {
    let want = if conv.french_spacing {
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
    fn italian_guillemets_hug_their_words() {
        assert_eq!(
            run(spacing, "Ha detto « ciao » .", "it"),
            "Ha detto «ciao»."
        );
    }
}
