//! How a language sets quotes and spaces punctuation.

/// The typographic conventions of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conventions {
    /// Opening and closing quotes, and the ones for a quote inside a quote.
    pub quotes: [char; 2],
    pub inner_quotes: [char; 2],
    /// French: a no-break space inside « » and before `:;!?`.
    pub french_spacing: bool,
    /// Italian, Spanish, Portuguese: « » hug the words they quote.
    pub tight_guillemets: bool,
}

/// French puts a no-break space before a colon…
pub const NBSP: char = '\u{a0}';
/// …and a narrow one before `;!?` (the Imprimerie nationale's rule).
pub const NNBSP: char = '\u{202f}';

/// The primary subtag of a BCP 47 language tag, lower case: `de-CH` and
/// `de_CH` → `de` (empty for an empty tag).
pub fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

impl Conventions {
    /// The conventions of a BCP 47 language tag (`fr`, `de-CH`, `pt_BR`);
    /// English ones for an empty or unknown tag.
    pub fn of(lang: &str) -> Conventions {
        let primary = primary_subtag(lang);
        let english = Conventions {
            quotes: ['“', '”'],
            inner_quotes: ['‘', '’'],
            french_spacing: false,
            tight_guillemets: false,
        };
        let guillemets = Conventions {
            quotes: ['«', '»'],
            inner_quotes: ['“', '”'],
            french_spacing: false,
            tight_guillemets: true,
        };
        match primary.as_str() {
            "fr" => Conventions {
                french_spacing: true,
                tight_guillemets: false,
                ..guillemets
            },
            "it" | "es" | "pt" | "ca" | "el" => guillemets,
            "ru" | "uk" | "be" => Conventions {
                inner_quotes: ['„', '“'],
                ..guillemets
            },
            "de" | "cs" | "sk" | "sl" | "hr" | "lt" | "bg" | "is" => Conventions {
                quotes: ['„', '“'],
                inner_quotes: ['‚', '‘'],
                ..english
            },
            "pl" | "ro" | "hu" => Conventions {
                quotes: ['„', '”'],
                inner_quotes: ['«', '»'],
                ..english
            },
            "sv" | "fi" => Conventions {
                quotes: ['”', '”'],
                inner_quotes: ['’', '’'],
                ..english
            },
            _ => english,
        }
    }

    /// The space French puts before `punct`.
    pub fn space_before(punct: char) -> char {
        if punct == ':' { NBSP } else { NNBSP }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_their_language() {
        assert_eq!(Conventions::of("").quotes, ['“', '”']);
        assert_eq!(Conventions::of("en-GB").quotes, ['“', '”']);
        assert_eq!(Conventions::of("de_CH").quotes, ['„', '“']);
        assert!(Conventions::of("FR").french_spacing);
        assert!(Conventions::of("it").tight_guillemets);
        assert_eq!(Conventions::space_before(':'), NBSP);
        assert_eq!(Conventions::space_before('?'), NNBSP);
    }
}
