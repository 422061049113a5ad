//! Language detection with `whatlang` (trigram statistics, no word lists).

use whatlang::{Detector, Lang};

/// The BCP 47 code of the language `text` is written in, when the detector
/// is reasonably sure; `None` for text too short or too mixed to tell.
pub fn detect(text: &str) -> Option<&'static str> {
    let info = Detector::new().detect(text)?;
    let words = text.split_whitespace().count();
    // whatlang calls short texts unreliable even when they are clear; accept
    // them when its confidence is high.
    let sure = info.is_reliable() || (words >= 4 && info.confidence() >= 0.5);
    sure.then(|| code(info.lang()))
}

/// The detector's best guess among the languages a short line is likely to
/// be in, with its confidence (0–1). Short lines get low confidences even
/// when the guess is right, so callers weigh it with other evidence.
pub fn guess_among(text: &str, langs: &[Lang]) -> Option<(&'static str, f64)> {
    let info = Detector::with_allowlist(langs.to_vec()).detect(text)?;
    Some((code(info.lang()), info.confidence()))
}

/// The detector's best guess with no restriction, however unsure.
pub fn guess(text: &str) -> Option<&'static str> {
    Detector::new().detect(text).map(|i| code(i.lang()))
}

/// The whatlang language of a BCP 47 code.
pub fn lang_of(code_2: &str) -> Option<Lang> {
    Lang::all().iter().copied().find(|l| code(*l) == code_2)
}

/// ISO 639-1 where the language has one, else ISO 639-3 (both valid BCP 47).
pub fn code(lang: Lang) -> &'static str {
    use Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_paragraph_languages() {
        assert_eq!(
            detect(
                "Finally the news we were waiting for. Xiaomi has officially confirmed a long-term strategic partnership with Leica."
            ),
            Some("en")
        );
        assert_eq!(
            detect(
                "Finalmente la notizia che stavamo aspettando. Xiaomi ha confermato ufficialmente una partnership strategica con Leica."
            ),
            Some("it")
        );
    }

    #[test]
    fn short_titles_are_told_apart_among_likely_languages() {
        let langs = [Lang::Eng, Lang::Ita, Lang::Fra, Lang::Deu, Lang::Spa];
        assert_eq!(
            guess_among("Xiaomi e Leica insieme per un nuovo smartphone", &langs).map(|g| g.0),
            Some("it")
        );
        assert_eq!(
            guess_among("Xiaomi and Leica together for a new smartphone", &langs).map(|g| g.0),
            Some("en")
        );
    }
}
