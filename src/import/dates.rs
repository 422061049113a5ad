//! Recognising date lines in drafts (`Friday, July 9th, 2010`,
//! `9 luglio 2010`, `2010-07-09 10:30`, `Digital Cameras - Friday, July 9th, 2010`).

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// What a date line holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateLine {
    /// ISO `YYYY-MM-DD` when the date is unambiguous, else the date as written.
    pub date: String,
    /// A category written before the date (`Digital Cameras - …`).
    pub category: Option<String>,
}

/// Month names (and common abbreviations) in the languages drafts come in.
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "gennaio", "janvier", "janv", "januar", "jänner", "enero", "ene",
        "janeiro", "januari",
    ],
    &[
        "february",
        "feb",
        "febbraio",
        "février",
        "févr",
        "fevrier",
        "februar",
        "febrero",
        "fevereiro",
        "februari",
    ],
    &[
        "march", "mar", "marzo", "mars", "märz", "marz", "março", "maart", "mrt",
    ],
    &["april", "apr", "aprile", "avril", "avr", "abril", "abr"],
    &["may", "maggio", "mai", "mayo", "maio", "mei"],
    &["june", "jun", "giugno", "juin", "juni", "junio", "junho"],
    &[
        "july", "jul", "luglio", "juillet", "juil", "juli", "julio", "julho",
    ],
    &["august", "aug", "agosto", "août", "aout", "ago", "augustus"],
    &[
        "september",
        "sep",
        "sept",
        "settembre",
        "septembre",
        "septiembre",
        "setembro",
        "set",
    ],
    &[
        "october", "oct", "ottobre", "octobre", "oktober", "okt", "octubre", "outubro", "out",
    ],
    &["november", "nov", "novembre", "noviembre", "novembro"],
    &[
        "december",
        "dec",
        "dicembre",
        "décembre",
        "decembre",
        "dezember",
        "dez",
        "diciembre",
        "dic",
        "dezembro",
    ],
];

const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "mié",
    "jue",
    "vie",
    "sáb",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
];

/// Words a date line may carry besides the date itself.
const FILLER: &[&str] = &[
    "published",
    "updated",
    "posted",
    "on",
    "at",
    "last",
    "modified",
    "pubblicato",
    "aggiornato",
    "il",
    "publié",
    "le",
    "mis",
    "à",
    "jour",
    "veröffentlicht",
    "am",
    "aktualisiert",
    "um",
    "publicado",
    "el",
    "de",
    "of",
    "the",
    "uhr",
    "alle",
    "ore",
    "a",
    "à",
    "las",
    "às",
    "em",
    "om",
    "op",
    "gepubliceerd",
    "bijgewerkt",
    "publicado:",
    "actualizado",
    "atualizado",
    "h",
    "edt",
    "est",
    "pst",
]; // (`de`, `le`, `am`… are both filler and words, but only dates are left)

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&w.as_str()))
        .map(|i| i as u32 + 1)
}

fn is_time(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']);
    let lower = w.to_lowercase();
    let core = lower
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .trim_end_matches('h');
    if matches!(lower.as_str(), "a.m" | "p.m") {
        return true;
    }
    // `10:05`, `10.05`, and the French and Portuguese `10h05`.
    let mut parts = core.split([':', '.', 'h']);
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else {
        return matches!(
            lower.as_str(),
            "am" | "pm"
                | "cet"
                | "cest"
                | "utc"
                | "gmt"
                | "et"
                | "pt"
                | "bst"
                | "pdt"
                | "pst"
                | "edt"
                | "est"
                | "cdt"
                | "cst"
                | "mdt"
                | "mst"
        );
    };
    !h.is_empty()
        && h.len() <= 2
        && h.chars().all(|c| c.is_ascii_digit())
        && m.len() == 2
        && m.chars().all(|c| c.is_ascii_digit())
}

/// A day number such as `9`, `9th`, `1st`, `1er`, `9.`.
fn day_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.']).to_lowercase();
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    let suffix = &w[digits.len()..];
    if digits.is_empty() || !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "º" | "°") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.']);
    (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// `2010-07-09`, `2010/07/09`, `09/07/2010`, `9.7.2010`: (ISO date, rest).
fn numeric_date(word: &str) -> Option<String> {
    let w = word.trim_end_matches([',', '.']);
    // `2019-02-25T10:30:00Z`: an ISO date and time.
    let w = match w.split_once('T') {
        Some((date, time))
            if date.len() == 10 && time.starts_with(|c: char| c.is_ascii_digit()) =>
        {
            date
        }
        _ => w,
    };
    let parts: Vec<&str> = w.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else if parts[2].len() == 4 || (parts[2].len() == 2 && parts[0].len() <= 2) {
        // A two-digit year (`30.08.21`) is this century's.
        let year = if parts[2].len() == 2 {
            2000 + n[2]
        } else {
            n[2]
        };
        // Day first, as most of the world writes it, unless that is
        // impossible (`12/25/2021`).
        match (n[0] > 12, n[1] > 12) {
            (false, true) => (year, n[0], n[1]),
            _ => (year, n[1], n[0]),
        }
    } else {
        return None;
    };
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// Reads a line that is a date (possibly with a weekday, a time, a label such
/// as `Updated:` and a category before a dash). Anything else: `None`.
pub fn parse_date_line(line: &str) -> Option<DateLine> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 100 {
        return None;
    }
    // `Modified: March 5, 2024 • Published: March 4, 2024`: the date the
    // piece was published, when a line gives several.
    // `12 mar 2025 . Actualizado a las 05:00 h.`
    let spaced_dot = line.replace(" . ", " • ");
    let line = spaced_dot.as_str();
    if line.contains(['•', '·', '—']) {
        let pieces: Vec<&str> = line
            .split(['•', '·', '—'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if pieces.len() > 1 {
            let published = pieces.iter().find(|p| {
                let lower = p.to_lowercase();
                [
                    "publish",
                    "publié",
                    "pubblicato",
                    "publicado",
                    "veröffentlicht",
                    "gepubliceerd",
                ]
                .iter()
                .any(|w| lower.contains(w))
            });
            if let Some(date) = published.and_then(|p| parse_date_line(p)) {
                return Some(date);
            }
            // `12 mar 2025 • Actualizado a las 05:00 h.`: a bare date first,
            // then its update.
            if let Some(date) = parse_date_only(pieces[0]) {
                return Some(date);
            }
        }
    }
    // A category before ` - `, ` – `, ` | ` or ` · `.
    for sep in [" - ", " – ", " — ", " | ", " · "] {
        if let Some((before, after)) = line.split_once(sep)
            && let Some(mut date) = parse_date_only(after)
            && parse_date_only(before).is_none()
            && before.split_whitespace().count() <= 5
        {
            let category = before.trim().trim_end_matches(':').to_string();
            date.category = (!category.is_empty()).then_some(category);
            return Some(date);
        }
    }
    if let Some(date) = parse_date_only(line) {
        return Some(date);
    }
    // What a date line may carry around the date: a city in capitals before
    // it (`TOKYO Mon Feb 8, 2021`), an agency or a relative update after it
    // (`March 4, 2021|Reuters`, `09h15 Atualizado há 2 anos`).
    let words: Vec<&str> = line.split_whitespace().collect();
    let lead = words
        .iter()
        .take_while(|w| w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == ','))
        .count();
    let mut line = words[lead..].join(" ");
    // `Milano, 12 marzo 2021`, `Última actualización: 16 noviembre, 2025`:
    // a place or a label before the date.
    for sep in [',', ':'] {
        if let Some((before, after)) = line.split_once(sep)
            && word_count(before) <= 3
            && !before.chars().any(|c| c.is_ascii_digit())
            && let Some(date) = parse_date_line(after)
        {
            return Some(date);
        }
    }
    line = line.replace(" - ", " ");
    for piece in line.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let words: Vec<&str> = piece.split_whitespace().collect();
        for end in (2..=words.len()).rev() {
            let rest = words[end..].join(" ").to_lowercase();
            let rest_ok = rest.is_empty()
                || crate::import::chrome::is_relative_time(&rest)
                || words[end..].len() <= 2
                    && words[end..]
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if rest_ok && let Some(date) = parse_date_only(&words[..end].join(" ")) {
                return Some(date);
            }
        }
    }
    None
}

fn parse_date_only(text: &str) -> Option<DateLine> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '|' || c == '·')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let (mut day, mut month, mut year, mut iso) = (None, None, None, None);
    for word in &words {
        let bare = word.trim_matches(|c: char| c == ',' || c == ':' || c == '(' || c == ')');
        let lower = bare.to_lowercase();
        if let Some(date) = numeric_date(bare) {
            iso = Some(date);
        } else if let Some(m) = month_number(bare).filter(|_| month.is_none()) {
            month = Some(m);
        } else if let Some(y) = year_number(bare).filter(|_| year.is_none()) {
            year = Some(y);
        } else if let Some(d) = day_number(bare).filter(|_| day.is_none()) {
            day = Some(d);
        } else if WEEKDAYS.contains(&lower.trim_end_matches('.'))
            || FILLER.contains(&lower.as_str())
            || is_time(bare)
            || lower == "-"
            || lower == "—"
        {
        } else {
            return None;
        }
    }
    let date = match (iso, day, month, year) {
        (Some(iso), None, None, None) => iso,
        (None, Some(d), Some(m), Some(y)) if valid(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        (None, None, Some(_), Some(_)) => text.trim().to_string(),
        _ => return None,
    };
    Some(DateLine {
        date,
        category: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(line: &str) -> Option<String> {
        parse_date_line(line).map(|d| d.date)
    }

    #[test]
    fn reads_written_dates_in_several_languages() {
        assert_eq!(
            date("Friday, July 9th, 2010").as_deref(),
            Some("2010-07-09")
        );
        assert_eq!(date("9 luglio 2010").as_deref(), Some("2010-07-09"));
        assert_eq!(
            date("Le 1er mars 2022 à 10:30").as_deref(),
            Some("2022-03-01")
        );
        assert_eq!(
            date("Updated: Mar. 3, 2024 10:15 am ET").as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(date("3. März 2024").as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn reads_numeric_dates() {
        assert_eq!(date("2022-03-01").as_deref(), Some("2022-03-01"));
        assert_eq!(
            date("Published 2022-03-01 10:00").as_deref(),
            Some("2022-03-01")
        );
        assert_eq!(date("25/12/2021").as_deref(), Some("2021-12-25"));
        assert_eq!(date("12/25/2021").as_deref(), Some("2021-12-25"));
        assert_eq!(
            date("03/04/2021").as_deref(),
            Some("2021-04-03"),
            "day first"
        );
        assert_eq!(date("30.08.21, 13:56").as_deref(), Some("2021-08-30"));
    }

    #[test]
    fn reads_dates_with_times_cities_and_agencies() {
        for (line, want) in [
            ("7 de mayo de 2020, 18:45", "2020-05-07"),
            ("maandag 25 februari 2019, 10:30", "2019-02-25"),
            ("quinta-feira, 25 de fevereiro de 2019", "2019-02-25"),
            ("2019-02-25T10:30:00Z", "2019-02-25"),
            ("Updated: Feb 25, 2019, 10:30 a.m. ET", "2019-02-25"),
            ("3. März 2021 | 09:10 Uhr", "2021-03-03"),
            ("le 12 avril 2019 à 10h05", "2019-04-12"),
            ("12/04/2021", "2021-04-12"),
            ("Pubblicato il 14/10/2024 alle 10:05", "2024-10-14"),
            ("TOKYO Mon Feb 8, 2021 6:12am EST", "2021-02-08"),
            ("March 4, 2021|Reuters", "2021-03-04"),
            ("03/05/2020 09h15  Atualizado há 2 anos", "2020-05-03"),
            ("Jul 1, 2025, 2:00 PM UTC", "2025-07-01"),
            ("Publié le 02 janvier 2020 à 11h13", "2020-01-02"),
            ("3 januari 2022, 14:05", "2022-01-03"),
        ] {
            assert_eq!(date(line).as_deref(), Some(want), "{line}");
        }
        assert_eq!(date("3 hours ago"), None);
    }

    #[test]
    fn category_before_the_date_is_kept() {
        let d = parse_date_line("Digital Cameras - Friday, July 9th, 2010").unwrap();
        assert_eq!(d.date, "2010-07-09");
        assert_eq!(d.category.as_deref(), Some("Digital Cameras"));
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        assert_eq!(
            date("The phone launches in July 2022 with a Leica camera."),
            None
        );
        assert_eq!(date("Xiaomi and Leica together for a new smartphone"), None);
        assert_eq!(date("March"), None);
    }
}
