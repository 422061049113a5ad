//! Recognising what a line of a plain-text draft is, the way an editor
//! would: a byline, an attribution, a caption with its credit, scraping
//! leftovers, a subheading.

use crate::model::Credit;

/// Lines that scraping or copying leave behind and no article contains.
const JUNK: [&str; 22] = [
    "thumbnail",
    "advertisement",
    "advertising",
    "ad",
    "click to enlarge",
    "click to expand",
    "startfragment",
    "endfragment",
    "<!--startfragment-->",
    "<!--endfragment-->",
    "share",
    "share this article",
    "share this",
    "tweet",
    "pin it",
    "loading...",
    "loading…",
    "enlarge",
    "enlarge image",
    "open image",
    "skip advertisement",
    "pubblicità",
];

/// Whether the whole line is a scraping leftover.
pub(crate) fn is_junk(line: &str) -> bool {
    // Long lines are prose: not split into words to find out.
    if line.len() > 240 {
        return false;
    }
    const NAVIGATION: [&str; 12] = [
        "read more",
        "read also",
        "also read",
        "related:",
        "related articles",
        "related stories",
        "see also",
        "recommended:",
        "you may also like",
        "more from",
        "continue reading",
        "leggi anche",
    ];
    let lower = line.trim().to_lowercase();
    lower.is_empty()
        || JUNK.contains(&lower.as_str())
        // Links to other stories that scraping keeps: `Read more: …`.
        || (word_count(&lower) <= 15 && NAVIGATION.iter().any(|n| lower.starts_with(n)))
}

/// Removes leftovers glued to a line: a trailing or leading `thumbnail`,
/// `StartFragment` markers.
pub(crate) fn strip_leftovers(line: &str) -> String {
    let mut text = line
        .replace("<!--StartFragment-->", "")
        .replace("<!--EndFragment-->", "")
        .replace("StartFragment", "")
        .replace("EndFragment", "");
    for suffix in [
        " thumbnail",
        " Thumbnail",
        " (thumbnail)",
        " Click to enlarge",
        " click to enlarge",
    ] {
        if let Some(stripped) = text.trim_end().strip_suffix(suffix) {
            text = stripped.to_string();
        }
    }
    for prefix in ["thumbnail ", "Thumbnail "] {
        if let Some(stripped) = text.trim_start().strip_prefix(prefix) {
            text = stripped.to_string();
        }
    }
    text.trim().to_string()
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Ends like a sentence: `.`, `!`, `…`, `;`, `,` or `:`, possibly inside
/// closing quotes or brackets. (`?` is left out: subheadings ask questions.)
pub fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '»', ')', ']', '\'', ' ']);
    trimmed.ends_with(['.', '!', '…', ';', ',', ':'])
}

fn starts_upper_or_digit(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a word is part of a person's name: capitalised, or a particle
/// (`de`, `van`, `von`, `di`…), or an initial (`J.`).
fn is_name_word(word: &str) -> bool {
    const PARTICLES: [&str; 14] = [
        "de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "bin", "al", "du",
    ];
    let word = word.trim_end_matches(',');
    PARTICLES.contains(&word)
        || (word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')))
}

/// `Jane Doe`, `Jean-Luc de la Tour`: 1–5 words that all look like a name.
pub fn is_person_name(text: &str, allow_single: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let min = if allow_single { 1 } else { 2 };
    (min..=5).contains(&words.len())
        && words.iter().all(|w| is_name_word(w))
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Words of section and desk names (`News Techno`, `Techlusa Mobile`,
/// `Redazione Tech`), never of a person's: a line holding one is a label,
/// not a name alone.
const DESK_WORDS: &[&str] = &[
    "smartphone",
    "handy",
    "telefoon",
    "telefono",
    "teléfono",
    "telefone",
    "news",
    "tech",
    "techno",
    "technology",
    "digital",
    "mobile",
    "online",
    "desk",
    "staff",
    "team",
    "redazione",
    "redaktion",
    "rédaction",
    "redacción",
    "redação",
    "redactie",
    "smartphones",
    "tecnologia",
    "tecnología",
    "technologie",
    "magazine",
    "daily",
    "weekly",
    "blog",
    "reviews",
    "review",
    "cameras",
    "phones",
    "gadgets",
    "apps",
    "gaming",
    "science",
    "business",
    "economy",
    "culture",
    "sport",
    "tests",
    "test",
    "guides",
    "guide",
    "deals",
    "home",
    "world",
    "media",
    "internet",
    "games",
    "handys",
    "telefonia",
    "móviles",
    "telemóveis",
    "celulares",
    "high-tech",
    "actualité",
    "actualidad",
    "attualità",
    "aktuell",
    "nieuws",
    "notícias",
    "noticias",
    "notizie",
];

/// A person's name alone on a line (2–4 words), not a desk or section.
pub fn is_bare_name(line: &str) -> bool {
    let line = line.trim();
    (2..=4).contains(&word_count(line))
        && is_person_name(line, false)
        && !line
            .split_whitespace()
            .any(|w| DESK_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Openings of a byline in the languages drafts come in.
const BYLINE_OPENINGS: [&str; 47] = [
    "by: ",
    "por: ",
    "par : ",
    "par: ",
    "di: ",
    "von: ",
    "door: ",
    "autor: ",
    "autore: ",
    "auteur: ",
    "by ",
    "words by ",
    "written by ",
    "story by ",
    "posted by ",
    "published by ",
    "escrito por ",
    "publicado por ",
    "pubblicato da ",
    "scritto da ",
    "geschrieben von ",
    "text von ",
    "author: ",
    "authors: ",
    "di ",
    "a cura di ",
    "par ",
    "von ",
    "por ",
    "door ",
    "av ",
    "text: ",
    "texto: ",
    "texto de ",
    "testo: ",
    "testo di ",
    "tekst: ",
    "tekst en foto's: ",
    "redacción: ",
    "reportagem: ",
    "reportage: ",
    "auteur : ",
    "auteur: ",
    "autorin: ",
    "autoren: ",
    "un article de ",
    "un articolo di ",
];

/// `By Jane Doe`, `By Jane Doe and John Roe | March 3, 2024`, `Di Mario Rossi`:
/// the author names and what follows them (a date, a role), if any.
pub fn parse_byline(line: &str) -> Option<(Vec<String>, Option<String>)> {
    let line = line.trim();
    if word_count(line) > 16 {
        return None;
    }
    let lower = line.to_lowercase();
    let opening = BYLINE_OPENINGS.iter().find(|o| lower.starts_with(*o))?;
    let rest = line[opening.len()..].trim();
    // What follows the names (a date, a role) comes after a separator.
    let (names_part, mut tail) = match [" | ", " · ", " — ", " – ", " - "]
        .iter()
        .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
        .min()
    {
        Some((i, len)) => (&rest[..i], Some(rest[i + len..].trim().to_string())),
        None => (rest, None),
    };
    // `Author: npembridge`, `por ytools`: a site handle after the opening
    // is the writer as the site names them.
    if tail.is_none() && is_handle(names_part) {
        return Some((vec![names_part.to_string()], None));
    }
    let mut names = Vec::new();
    // `Par Claire Dubois (avec AFP)`: what is in brackets is not a name.
    let names_part = match names_part.find(['(', '[']) {
        Some(i) => names_part[..i].trim(),
        None => names_part,
    };
    let parts: Vec<&str> = names_part.split([',', '&']).collect();
    for (n, part) in parts.iter().enumerate() {
        let part = part.trim();
        // `By Jane Doe, Senior Editor` / `By Jane Doe, March 3, 2024` /
        // `By Jane Doe, a senior reviewer covering phones`: after the first
        // name, what is not a name is the byline's tail.
        if n > 0
            && tail.is_none()
            && (is_job_title(part)
                || crate::import::parse_date_line(&parts[n..].join(",")).is_some()
                || !part
                    .split(" and ")
                    .flat_map(|q| q.split(" und "))
                    .flat_map(|q| q.split(" e "))
                    .flat_map(|q| q.split(" et "))
                    .flat_map(|q| q.split(" y "))
                    .all(|q| is_person_name(q.trim(), true)))
        {
            tail = Some(parts[n..].join(",").trim().to_string());
            break;
        }
        for name in part
            .split(" and ")
            .flat_map(|q| q.split(" e "))
            .flat_map(|q| q.split(" et "))
            .flat_map(|q| q.split(" und "))
            .flat_map(|q| q.split(" y "))
        {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            if !is_person_name(name, true) {
                return None;
            }
            names.push(name.to_string());
        }
    }
    (!names.is_empty()).then_some((names, tail.filter(|t| !t.is_empty())))
}

/// A user name as sites print it in bylines (`npembridge`, `ytools`,
/// `@ana_ruiz`): one lower-case word of letters, digits, `_`, `.` or `-`.
fn is_handle(word: &str) -> bool {
    let bare = word.strip_prefix('@').unwrap_or(word);
    (4..=30).contains(&bare.chars().count())
        && bare.starts_with(|c: char| c.is_lowercase())
        && bare
            .chars()
            .all(|c| c.is_lowercase() || c.is_ascii_digit() || "_.-".contains(c))
        && !bare.ends_with('.')
}

/// Article-level attributions, several on a line as agencies print them
/// (`Reporting by Jane Roe; Editing by Tom Stone`).
pub fn parse_article_credits(line: &str) -> Option<Vec<Credit>> {
    let credits: Option<Vec<Credit>> = line.split(';').map(parse_article_credit).collect();
    credits.filter(|c| !c.is_empty())
}

/// An article-level attribution: `Source: Reuters`, `Via The Verge`,
/// `Jane Doe contributed to this report`, `Additional reporting by …`,
/// `Translated by …`.
pub fn parse_article_credit(line: &str) -> Option<Credit> {
    // A credit is a line of a few words: a paragraph is not counted.
    if line.len() > 200 {
        return None;
    }
    let line = line
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    if word_count(line) > 14 {
        return None;
    }
    let lower = line.to_lowercase();
    let after = |prefix: &str| -> Option<String> {
        lower
            .starts_with(prefix)
            .then(|| clean_name(&line[prefix.len()..]))
            // A name, not a sentence that happens to start like a credit.
            .filter(|n| !n.is_empty() && word_count(n) <= 6)
    };
    for (prefixes, role) in [
        (
            &[
                "source:", "sources:", "fonte:", "fonti:", "quelle:", "fuente:", "bron:",
                "source :",
            ][..],
            "source",
        ),
        (&["via:", "via "][..], "via"),
        (
            &[
                "additional reporting by ",
                "reporting by ",
                "with reporting by ",
            ][..],
            "reporting",
        ),
        (
            &[
                "translated by ",
                "translation by ",
                "translation: ",
                "traduzione di ",
                "traduit par ",
            ][..],
            "translation",
        ),
        (&["edited by ", "editing by "][..], "editing"),
    ] {
        for prefix in prefixes {
            if let Some(name) = after(prefix) {
                return Some(Credit::new(role, &name));
            }
        }
    }
    // `Translated from the German by Jane Roe`.
    if lower.starts_with("translated from")
        && let Some(at) = lower.rfind(" by ")
    {
        return Some(Credit::new("translation", &clean_name(&line[at + 4..])));
    }
    for suffix in [
        " contributed to this report",
        " contributed to this story",
        " contributed to this article",
        " contributed reporting",
    ] {
        if let Some(i) = lower.trim_end_matches('.').rfind(suffix)
            && i + suffix.len() == lower.trim_end_matches('.').len()
        {
            return Some(Credit::new("reporting", &clean_name(&line[..i])));
        }
    }
    None
}

fn clean_name(text: &str) -> String {
    let mut name = text.trim().trim_end_matches('.').trim();
    // A closing bracket is the caption's, unless the credit opened it
    // (`stockbeeld.nl (Marit Janssen)`).
    for (open, close) in [('(', ')'), ('[', ']')] {
        if name.ends_with(close) && name.matches(open).count() < name.matches(close).count() {
            name = name[..name.len() - 1].trim_end_matches('.').trim();
        }
    }
    name.to_string()
}

/// Markers that put an image's credit after its caption.
const CREDIT_MARKERS: [&str; 27] = [
    "©",
    "::",
    "Beeld:",
    "Foto's:",
    "Photo :",
    "Photo credit:",
    "Image credit:",
    "Photo credits:",
    "Image credits:",
    "Credits:",
    "Credit:",
    "Photos:",
    "Photo:",
    "Images:",
    "Image:",
    "Source:",
    "Foto:",
    "Crédits:",
    "Crédit:",
    "Bild:",
    "Fonte:",
    "Picture:",
    "Pictures:",
    "Photograph:",
    "Illustration:",
    "Fotos:",
    "Bildquelle:",
];

/// Markers whose credit follows without a colon.
const CREDIT_WORDS: [&str; 7] = [
    "Beeld ",
    "Photo by ",
    "Image by ",
    "Image via ",
    "Photo via ",
    "Photo courtesy of ",
    "Image courtesy of ",
];

/// A caption with its credit: `Xiaomi Leica Credits: LetsGoDigital`,
/// `The new phone (Photo: Xiaomi)`, `Photo: Reuters`. Returns
/// (caption, credit, marker), the caption possibly empty.
pub fn parse_caption(line: &str) -> Option<(String, String, String)> {
    // Long lines are prose: not split into words to find out.
    if line.len() > 700 {
        return None;
    }
    let line = line.trim();
    // A photographer and agency closing a caption are a strong sign: a
    // caption of two long sentences before them is still one.
    if let Some(found) = slash_credit_after_sentence(line) {
        return Some(found);
    }
    if word_count(line) > 45 {
        return None;
    }
    let mut best: Option<(usize, usize, &str)> = None;
    for marker in CREDIT_MARKERS.iter().chain(CREDIT_WORDS.iter()) {
        for (i, _) in line.match_indices(marker) {
            // The marker starts the line or follows a space or a bracket.
            let before_ok = i == 0 || line[..i].ends_with([' ', '(', '[', '|', '-', '–', '—']);
            if before_ok && best.is_none_or(|(b, _, _)| i > b) {
                best = Some((i, marker.len(), marker));
            }
        }
    }
    let Some((i, len, marker)) = best else {
        return bracketed_credit(line)
            .or_else(|| agency_slash_credit(line))
            .or_else(|| separated_credit(line));
    };
    let in_brackets = line[..i].ends_with(['(', '[']);
    let caption = line[..i]
        .trim_end_matches(['(', '[', ' ', '|', '-', '–', '—', '/'])
        .trim()
        .to_string();
    let mut credit = clean_name(&line[i + len..]);
    // `Caption — Foto: Agency Caption`: the caption printed again after the credit.
    if !caption.is_empty()
        && let Some(rest) = credit.strip_suffix(caption.trim_end_matches('.'))
    {
        credit = rest.trim().to_string();
    }
    if credit.is_empty() || word_count(&credit) > 8 || (ends_like_sentence(&credit) && !in_brackets)
    {
        return None;
    }
    // A long sentence that mentions a source is prose, not a caption.
    let weak = matches!(marker.trim(), "Source:" | "Fonte:");
    if word_count(&caption) > 30
        || weak && caption.ends_with(['.', '!']) && word_count(&caption) > 15
    {
        return None;
    }
    Some((caption, credit, marker.trim().to_string()))
}

/// A caption whose credit closes it in brackets: `The new sensor on a test
/// bench. (Sony)`, `A phone on a café table [Ana Ruiz / Agency]`, or a credit
/// alone printed twice `(Ansa) (Ansa)`. The credit is a few capitalised
/// words or an agency with a photographer (`Moussa Diop / AFP`), never a
/// number or a sentence.
fn bracketed_credit(line: &str) -> Option<(String, String, String)> {
    let close = line.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let at = line.rfind(open)?;
    let credit = line[at + open.len_utf8()..line.len() - close.len_utf8()].trim();
    // `(Imagem/Reprodução: Halden)`: the label before the colon is not the credit.
    let credit = credit
        .rsplit_once(':')
        .map_or(credit, |(_, name)| name.trim());
    let caption = line[..at].trim();
    let credit_like = !credit.is_empty()
        && word_count(credit) <= 6
        && !credit.chars().any(|c| c.is_ascii_digit())
        && credit.split([' ', '/']).filter(|w| !w.is_empty()).all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase()) || PARTICLE_WORDS.contains(&w)
        });
    if !credit_like {
        return None;
    }
    // `(Ansa) (Ansa)`: the credit alone, printed twice.
    let caption = if caption == format!("{open}{credit}{close}") {
        String::new()
    } else {
        caption.to_string()
    };
    if word_count(&caption) > 30 || caption.ends_with(':') {
        return None;
    }
    // A caption is a noun phrase or one sentence; the figure stands alone.
    if caption.matches(". ").count() >= 2 {
        return None;
    }
    Some((caption, credit.to_string(), String::new()))
}

/// `… in Yokohama, February 3, 2021. REUTERS/Aiko Tanaka`: an agency in
/// capitals and its photographer, closing the caption.
fn agency_slash_credit(line: &str) -> Option<(String, String, String)> {
    let at = line.rfind(". ")? + 2;
    let credit = line[at..].trim();
    let agency = credit.split('/').next()?;
    let ok = credit.contains('/')
        && agency.len() >= 2
        && agency.chars().all(|c| c.is_uppercase())
        && word_count(credit) <= 5;
    ok.then(|| {
        (
            line[..at].trim().to_string(),
            credit.to_string(),
            String::new(),
        )
    })
}

/// `…next to its price tag. Lena Brandauer/dpa`, `…de Madrid.Lucía
/// Ferrer/Getty`: a photographer and agency joined by a slash after the
/// caption's last sentence (glued to it when the page was copied).
fn slash_credit_after_sentence(line: &str) -> Option<(String, String, String)> {
    // Only the line's end is looked at: a line with no slash in its last
    // words is passed over before anything is counted.
    let tail_start = line.len().saturating_sub(80);
    let tail_start = (tail_start..line.len())
        .find(|&i| line.is_char_boundary(i))
        .unwrap_or(line.len());
    if !line[tail_start..].contains('/') || word_count(line) > 80 {
        return None;
    }
    let at = line.rfind(['.', '!', '?'])? + 1;
    let (caption, credit) = (line[..at].trim(), line[at..].trim());
    // `Photograph: Tom Ashby/Agency`: the label is not the credit.
    let credit = match credit.split_once(": ") {
        Some((label, rest)) if word_count(label) == 1 => rest.trim(),
        _ => credit,
    };
    let (person, agency) = credit.rsplit_once('/')?;
    let capitalised =
        |w: &str| w.chars().next().is_some_and(char::is_uppercase) || PARTICLE_WORDS.contains(&w);
    let ok = word_count(caption) >= 4
        && (1..=4).contains(&word_count(person))
        && person
            .split([' ', '/'])
            .filter(|w| !w.is_empty())
            .all(capitalised)
        && word_count(agency) <= 3
        && !agency.is_empty()
        && !agency.contains(['.', ','])
        && !credit.contains("://");
    ok.then(|| (caption.to_string(), credit.to_string(), String::new()))
}

/// `…en el congreso de Barcelona. / Núria Vidal`, `…sur lui-même. -
/// ÉLODIE MARCHAND/20 MINUTES`: a credit after the caption's last
/// sentence, set off by a slash or a dash.
fn separated_credit(line: &str) -> Option<(String, String, String)> {
    for sep in [". / ", ". - ", ". – ", ". — "] {
        if let Some(at) = line.rfind(sep) {
            let credit = line[at + sep.len()..].trim();
            let caption = &line[..at + 1];
            let names_like = credit.split([' ', '/']).filter(|w| !w.is_empty()).all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || PARTICLE_WORDS.contains(&w)
            });
            if names_like
                && word_count(credit) <= 6
                && !credit.ends_with('.')
                && word_count(caption) <= 40
            {
                return Some((
                    caption.trim().to_string(),
                    credit.to_string(),
                    String::new(),
                ));
            }
        }
    }
    None
}

/// Lower-case words a credit's names may hold.
const PARTICLE_WORDS: [&str; 10] = [
    "de", "da", "di", "van", "von", "der", "la", "le", "del", "y",
];

/// Picture agencies and credits that stand alone on the line under a
/// caption (`zvg`, `AFP`, `Getty Images`).
pub fn is_agency_credit(line: &str) -> bool {
    // Labels are short: a long line is not one, and is not lower-cased to find out.
    if line.len() > 60 {
        return false;
    }
    const AGENCIES: [&str; 24] = [
        "afp",
        "ap",
        "epa",
        "reuters",
        "dpa",
        "ansa",
        "efe",
        "getty images",
        "getty",
        "shutterstock",
        "zvg",
        "keystone",
        "anp",
        "belga",
        "imago",
        "picture alliance",
        "lusa",
        "agência brasil",
        "europa press",
        "press handout",
        "handout",
        "pr",
        "unsplash",
        "istock",
    ];
    let lower = line.trim().trim_start_matches('©').trim().to_lowercase();
    AGENCIES.contains(&lower.as_str())
}

/// `TastentelefonDas Handy…`, `Priya NatarajanSenior researcher`: two
/// lines of the page glued when it was copied, found where a word's long
/// lower-case run (six letters or more, longer than brand names such as
/// `WhatsApp` or `PlayStation` have) runs into a capitalised word. The
/// two parts.
pub fn glued_parts(line: &str) -> Option<(&str, &str)> {
    let mut lower_run = 0;
    let mut prev_end = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_uppercase() && lower_run >= 6 && chars.peek().is_some_and(|(_, n)| n.is_lowercase())
        {
            return Some((line[..prev_end].trim(), line[i..].trim()));
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
        prev_end = i + c.len_utf8();
        // Long lines are prose: the glue is looked for in the first words.
        if i > 120 {
            break;
        }
    }
    None
}

/// If a caption is the same text printed twice (alt text and caption), the
/// text once.
pub fn undouble(caption: &str) -> String {
    let words: Vec<&str> = caption.split_whitespace().collect();
    let n = words.len();
    if n >= 2 && n.is_multiple_of(2) && words[..n / 2] == words[n / 2..] {
        words[..n / 2].join(" ")
    } else {
        caption.to_string()
    }
}

/// A subheading: a short line, starting with a capital or a digit, that does
/// not end like a sentence and does not open with a quote or a bullet.
pub fn looks_like_heading(line: &str) -> bool {
    // Long lines are prose: not split into words to find out.
    if line.len() > 480 {
        return false;
    }
    let words = word_count(line);
    let chars = line.chars().count();
    (1..=16).contains(&words)
        && chars <= 120
        && starts_upper_or_digit(line)
        && !ends_like_sentence(line)
        && !(line.ends_with('?') && words > 12)
        && !line.starts_with(['"', '“', '«', '‘', '\'', '„', '-', '•', '*'])
}

/// Labels of the author box: never headings, dropped on import.
pub fn is_bio_label(line: &str) -> bool {
    // Labels are short: a long line is not one, and is not lower-cased to find out.
    if line.len() > 80 {
        return false;
    }
    const LABELS: [&str; 27] = [
        // A blog's profile box: `About Me`, `Chi sono`…
        "about me",
        "about",
        "chi sono",
        "sobre mí",
        "sobre mi",
        "über mich",
        "à propos",
        "à propos de moi",
        "over mij",
        "sobre mim",
        "quem sou eu",
        "about the author",
        "about the authors",
        "about author",
        "author bio",
        "author",
        "the author",
        "l'autore",
        "l’autore",
        "sull'autore",
        "sull’autore",
        "à propos de l'auteur",
        "à propos de l’auteur",
        "über den autor",
        "über die autorin",
        "sobre el autor",
        "sobre o autor",
    ];
    LABELS.contains(&line.trim().trim_end_matches(':').to_lowercase().as_str())
}

/// A job title alone on a line, as bio boxes print them (`Senior Editor`).
pub fn is_job_title(line: &str) -> bool {
    // Labels are short: a long line is not one, and is not lower-cased to find out.
    if line.len() > 120 {
        return false;
    }
    const ROLES: [&str; 20] = [
        "editor",
        "writer",
        "reporter",
        "journalist",
        "correspondent",
        "columnist",
        "contributor",
        "author",
        "blogger",
        "analyst",
        "redattore",
        "giornalista",
        "rédacteur",
        "rédactrice",
        "journaliste",
        "redakteur",
        "redakteurin",
        "autor",
        "periodista",
        "redactor",
    ];
    let lower = line.trim().to_lowercase();
    word_count(&lower) <= 5
        && !ends_like_sentence(&lower)
        && lower
            .split_whitespace()
            .any(|w| ROLES.iter().any(|r| w.trim_matches(',').starts_with(r)))
}

/// Verbs that follow a name at the start of a bio.
const BIO_VERBS: [&str; 30] = [
    "is",
    "was",
    "has",
    "writes",
    "covers",
    "joined",
    "works",
    "loves",
    "holds",
    "lives",
    "graduated",
    "began",
    "è",
    "ha",
    "scrive",
    "lavora",
    "est",
    "a",
    "écrit",
    "travaille",
    "ist",
    "schreibt",
    "arbeitet",
    "es",
    "escribe",
    "trabaja",
    "é",
    "escreve",
    "has been",
    "previously",
];

/// Words found in author bios.
const BIO_WORDS: [&str; 28] = [
    "writer",
    "journalist",
    "editor",
    "reporter",
    "author",
    "correspondent",
    "blogger",
    "columnist",
    "contributor",
    "freelance",
    "covers",
    "writes",
    "writing",
    "enthusiast",
    "graduated",
    "giornalista",
    "scrittore",
    "redattore",
    "appassionato",
    "journaliste",
    "rédacteur",
    "journalist",
    "redakteur",
    "autor",
    "periodista",
    "redactor",
    "escritor",
    "jornalista",
];

/// `Scrive di tecnologia dal 2012…`, `Covers phones and apps.`: a bio
/// printed under the author's name, without the name.
pub fn is_nameless_bio(para: &str) -> bool {
    const OPENINGS: [&str; 14] = [
        "writes",
        "covers",
        "scrive",
        "si occupa",
        "écrit",
        "couvre",
        "schreibt",
        "berichtet",
        "escribe",
        "cubre",
        "escreve",
        "cobre",
        "schrijft",
        "has been writing",
    ];
    let lower = para.trim_start().to_lowercase();
    (8..=60).contains(&word_count(para))
        && ends_like_sentence(para)
        && para.trim_start().starts_with(char::is_uppercase)
        && OPENINGS
            .iter()
            .any(|o| lower.starts_with(o) && lower[o.len()..].starts_with(' '))
}

/// If `para` reads like an author bio (`Walker Ronnie is a tech writer…`),
/// the name it starts with. `known` is the byline's authors, whose bios need
/// no journalism words to be recognised.
pub fn bio_author(para: &str, known: &[String]) -> Option<String> {
    let words: Vec<&str> = para.split_whitespace().collect();
    if words.len() < 8 || words.len() > 160 {
        return None;
    }
    let verb_at = words
        .iter()
        .take(7)
        .position(|w| BIO_VERBS.contains(&w.trim_matches(',')))?;
    let name = words[..verb_at].join(" ");
    let is_known = known.iter().any(|k| {
        k == &name
            || k.split_whitespace().any(|part| part == name)
            || name.split_whitespace().count() == 1 && k.starts_with(&name)
    });
    if !is_person_name(&name, is_known) {
        return None;
    }
    let lower = para.to_lowercase();
    let has_bio_words = BIO_WORDS.iter().any(|w| lower.contains(w));
    (is_known || has_bio_words).then_some(name)
}

/// `Tags: a, b, c` (or `Tag:`/`Keywords:`/`Tagged:`): the tags.
pub fn parse_tags(line: &str) -> Option<Vec<String>> {
    let lower = line.trim().to_lowercase();
    const PREFIXES: [&str; 22] = [
        "tags:",
        "tag:",
        "keywords:",
        "tagged:",
        "tagged with:",
        "topics:",
        "schlagwörter:",
        "stichwörter:",
        "schlagworte:",
        "argomenti:",
        "etichette:",
        "tag correlati:",
        "temas:",
        "etiquetas:",
        "palabras clave:",
        "mots-clés:",
        "mots-clés :",
        "mots clés :",
        "trefwoorden:",
        "onderwerpen:",
        "assuntos:",
        "tópicos:",
    ];
    let prefix = PREFIXES.iter().find(|p| lower.starts_with(*p))?;
    let tags: Vec<String> = line
        .trim()
        .get(prefix.len()..)?
        .split([',', ';', '#', '|'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    (!tags.is_empty()).then_some(tags)
}

/// `Subject: Mobile`, `Category: Phones`, `Rubrik: Handys`: the section a
/// page files the article under, given on a labelled line.
pub fn parse_category(line: &str) -> Option<String> {
    if word_count(line) > 8 {
        return None;
    }
    const LABELS: [&str; 12] = [
        "subject:",
        "category:",
        "categories:",
        "section:",
        "filed under:",
        "rubrik:",
        "kategorie:",
        "categoria:",
        "categoría:",
        "catégorie :",
        "catégorie:",
        "rubriek:",
    ];
    let lower = line.trim().to_lowercase();
    let label = LABELS.iter().find(|l| lower.starts_with(*l))?;
    let value = line.trim().get(label.len()..)?.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// A list item's text, if the line is one (`- x`, `• x`, `1. x`, `2) x`),
/// and whether it is numbered.
pub fn list_item(line: &str) -> Option<(String, bool)> {
    let t = line.trim_start();
    for bullet in ["- ", "* ", "• ", "– ", "· ", "▪ ", "◦ "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return Some((rest.trim().to_string(), false));
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(item) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((item.trim().to_string(), true));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_in_several_forms() {
        assert_eq!(
            parse_byline("By Jane Doe"),
            Some((vec!["Jane Doe".into()], None))
        );
        assert_eq!(
            parse_byline("By Jane Doe and John Roe | March 3, 2024"),
            Some((
                vec!["Jane Doe".into(), "John Roe".into()],
                Some("March 3, 2024".into())
            ))
        );
        assert_eq!(
            parse_byline("di Mario Rossi"),
            Some((vec!["Mario Rossi".into()], None))
        );
        assert_eq!(
            parse_byline("By Jane Doe, Senior Editor").map(|b| b.1),
            Some(Some("Senior Editor".into()))
        );
        assert_eq!(
            parse_byline("By the end of the year the phone will ship"),
            None
        );
        assert_eq!(
            parse_byline("Di questo passo, Xiaomi venderà di più."),
            None
        );
    }

    #[test]
    fn article_credits() {
        assert_eq!(
            parse_article_credit("Source: Reuters"),
            Some(Credit::new("source", "Reuters"))
        );
        assert_eq!(
            parse_article_credit("Via The Verge"),
            Some(Credit::new("via", "The Verge"))
        );
        assert_eq!(
            parse_article_credit("Jane Doe contributed to this report."),
            Some(Credit::new("reporting", "Jane Doe"))
        );
        assert_eq!(
            parse_article_credit("Via Roma is a street in Turin where the shop opened last year."),
            None
        );
        assert_eq!(
            parse_article_credits("Reporting by Jane Roe; Editing by Tom Stone"),
            Some(vec![
                Credit::new("reporting", "Jane Roe"),
                Credit::new("editing", "Tom Stone")
            ])
        );
        assert_eq!(
            parse_article_credits("Prices vary; check the shop for details"),
            None
        );
    }

    #[test]
    fn captions_with_credits() {
        assert_eq!(
            parse_caption("Xiaomi Leica Credits: LetsGoDigital"),
            Some((
                "Xiaomi Leica".into(),
                "LetsGoDigital".into(),
                "Credits:".into()
            ))
        );
        assert_eq!(
            parse_caption("The new phone (Photo: Xiaomi)").map(|c| c.1),
            Some("Xiaomi".into())
        );
        assert_eq!(
            parse_caption("Photo by Jane Doe on Unsplash").map(|c| (c.0, c.1)),
            Some((String::new(), "Jane Doe on Unsplash".into()))
        );
        assert_eq!(
            parse_caption("Xiaomi and Leica: partnership between companies confirmed"),
            None
        );
        assert_eq!(
            parse_caption(
                "The company said the launch was a success according to analysts who follow the market closely, and the source: an insider."
            ),
            None
        );
    }

    #[test]
    fn doubled_captions_are_undoubled() {
        assert_eq!(undouble("Xiaomi Leica Xiaomi Leica"), "Xiaomi Leica");
        assert_eq!(undouble("Leica Leica M"), "Leica Leica M");
    }

    #[test]
    fn headings_are_short_unpunctuated_lines() {
        assert!(looks_like_heading(
            "Xiaomi and Leica: partnership between companies confirmed"
        ));
        assert!(looks_like_heading("What does it mean for users?"));
        assert!(!looks_like_heading(
            "Now, therefore, we just have to wait and see what it is more specifically."
        ));
        assert!(!looks_like_heading("“A quote without an ending"));
    }

    #[test]
    fn bios_start_with_a_name() {
        let bio = "Walker Ronnie is a tech writer who keeps you informed on the latest developments in the world of technology.";
        assert_eq!(bio_author(bio, &[]), Some("Walker Ronnie".into()));
        assert_eq!(
            bio_author(
                "Lei Jun is the CEO of the company and he said the phone arrives in July.",
                &[]
            ),
            None
        );
        assert_eq!(
            bio_author(
                "Jane loves phones and has reviewed hundreds of them for us since 2015.",
                &["Jane Doe".into()]
            ),
            Some("Jane".into())
        );
    }

    #[test]
    fn list_items() {
        assert_eq!(list_item("- one"), Some(("one".into(), false)));
        assert_eq!(list_item("2) two"), Some(("two".into(), true)));
        assert_eq!(list_item("2022 was a year"), None);
    }
}
