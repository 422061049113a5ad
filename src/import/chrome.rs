//! Site chrome: what a page around an article puts in a scraped draft
//! (navigation, cookie and browser notices, share buttons, gallery links,
//! advertisements, newsletter boxes, reading times, related links, contact
//! details). None of it is the article. Each rule is a kind of chrome seen
//! across sites and languages, not one site's wording.

use super::lines::{is_junk, word_count};

/// Why a line is chrome, or `None` when it may be the article's.
pub fn chrome_reason(line: &str) -> Option<&'static str> {
    // Every kind of chrome is short: a paragraph of prose is not looked
    // at further (this keeps import at parser speed on long drafts).
    if line.len() > 400 || word_count(line) > 45 {
        return None;
    }
    let bulleted = line.trim_start().starts_with(['•', '·', '▪']);
    let trimmed = line
        .trim()
        .trim_start_matches(['•', '·', '*', '-', '–'])
        .trim();
    if bulleted && word_count(trimmed) <= 4 && !trimmed.chars().any(char::is_lowercase) {
        return Some("navigation (a menu entry)");
    }
    if super::is_dateline_alone(trimmed) {
        return Some("a dateline alone on its line");
    }
    let lower = trimmed.to_lowercase();
    let words = word_count(&lower);
    if !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| "=-_*~#+".contains(c) || c.is_whitespace())
    {
        return Some("a rule drawn with characters");
    }
    if words <= 12 && RESERVED.iter().any(|r| lower.contains(r)) {
        return Some("a copyright line");
    }
    if words <= 8 && ADS.iter().any(|a| lower.contains(a)) {
        return Some("an advertising marker");
    }
    if is_junk(trimmed) {
        return Some("a scraping leftover or a link to another story");
    }
    if is_breadcrumb(trimmed) {
        return Some("navigation (a breadcrumb or a menu)");
    }
    if words <= 45 && lower.contains("cookie") {
        return Some("a cookie notice");
    }
    if words <= 40
        && lower.contains("browser")
        && [
            "veralt",
            "outdated",
            "update",
            "aktuell",
            "obsol",
            "antigu",
            "desactual",
            "version",
        ]
        .iter()
        .any(|w| lower.contains(w))
    {
        return Some("a browser notice");
    }
    if words <= 30
        && (lower.contains("adblock")
            || lower.contains("advertenti")
            || lower.contains("werbung")
            || (words <= 8
                && lower
                    .split_whitespace()
                    .any(|w| w.trim_matches('.') == "ads")))
    {
        return Some("an advertising notice");
    }
    if words <= 8 && is_share_row(&lower) {
        return Some("share buttons");
    }
    if words <= 4 && is_empty_date_label(&lower) {
        return Some("a date's label without its date");
    }
    if words <= 5
        && MEDIA_LINKS
            .iter()
            .any(|m| lower.trim_end_matches([':', '.']) == *m)
    {
        return Some("a link to the page's video or print version");
    }
    if words <= 10 && VOTES.iter().any(|v| lower.contains(v)) {
        return Some("readers' votes on the page");
    }
    if words <= 8 && (GALLERY.iter().any(|g| lower.contains(g)) || photo_count(&lower)) {
        return Some("a gallery link");
    }
    if words <= 14 && NEWSLETTER.iter().any(|n| lower.contains(n)) {
        return Some("a newsletter or subscription box");
    }
    if words <= 8 && (reading_time(&lower) || comment_count(&lower)) {
        return Some("a reading time or comment count");
    }
    if is_relative_time(&lower) && super::parse_date_line(trimmed).is_none() {
        return Some("a relative time (not a date)");
    }
    if words <= 6 && is_price_tag(&lower) {
        return Some("a shop's price tag");
    }
    if AFFILIATE.iter().any(|a| lower.contains(a)) {
        return Some("an affiliate notice");
    }
    if words <= 8 && AUTHOR_PAGE.iter().any(|a| lower.starts_with(a)) {
        return Some("a link to the author's page");
    }
    if is_glued_tag_list(trimmed) {
        return Some("tags (labels joined by commas)");
    }
    if words <= 6 && NAVIGATION.contains(&lower.trim_end_matches([':', '.'])) {
        return Some("navigation");
    }
    if is_related_header(trimmed) {
        return Some(RELATED_HEADER);
    }
    if words <= 15
        && RELATED
            .iter()
            .any(|r| lower.starts_with(r) && lower[r.len()..].starts_with([':', ' ']))
    {
        return Some("a link to another story");
    }
    if words >= 3
        && HOME.contains(&lower.split_whitespace().next().unwrap_or(""))
        && !trimmed.ends_with(['?', '!'])
    {
        return Some("navigation (a breadcrumb from the home page)");
    }
    if words <= 15 && line.trim_start().starts_with(['→', '►', '▶', '»']) {
        return Some("a link to another story (after an arrow)");
    }
    if words <= 8 && trimmed.starts_with([',', ';', ':', '.']) {
        return Some("a leftover of the page's layout");
    }
    if lower.ends_with(" more less") || lower == "more less" {
        return Some("a leftover of the page's layout");
    }
    if is_contact(trimmed) {
        return Some("contact details");
    }
    if words == 1 && PLACEHOLDERS.contains(&lower.trim_matches(['[', ']', '(', ')']).trim()) {
        return Some("an image placeholder");
    }
    if words == 1 && is_slug(trimmed) {
        return Some("a link slug or file name");
    }
    if let Some(rest) = lower.strip_prefix("avatar")
        && [" di ", " of ", " de ", " von "]
            .iter()
            .any(|p| rest.starts_with(p))
    {
        return Some("an author's avatar");
    }
    if matches!(
        lower.as_str(),
        "image credit:" | "photo credit:" | "credit:" | "foto:" | "bild:"
    ) {
        return Some("an empty credit label");
    }
    if words <= 10 && AGE_NOTICE.iter().any(|a| lower.starts_with(a)) {
        return Some("a notice that the article is old");
    }
    if words <= 8 && SKIP_LINK.iter().any(|k| lower.starts_with(k)) {
        return Some("navigation (a skip link)");
    }
    if words <= 4 && lower.split_whitespace().last() == Some("logo") {
        return Some("a site's logo");
    }
    if let Some(embed) = embedded_post(trimmed) {
        return Some(embed);
    }
    if is_page_marker(&lower) {
        return Some("a page marker (page N of M)");
    }
    if words <= 8
        && FURNITURE
            .iter()
            .any(|f| lower.trim_end_matches([':', '.']) == *f)
    {
        return Some("the page's furniture after the article");
    }
    if words <= 30 && NOTICES.iter().any(|n| lower.starts_with(n)) {
        return Some("a legal or citation notice");
    }
    if (lower.starts_with("lectura:")
        || lower.starts_with("reading:")
        || lower.starts_with("es noticia"))
        && words <= 20
    {
        return Some("navigation");
    }
    None
}

/// `This article is more than 2 years old`: the page's notice on old articles.
const AGE_NOTICE: &[&str] = &[
    "this article is more than",
    "this article is over",
    "this article was published more than",
    "questo articolo ha più di",
    "questo articolo è stato pubblicato più di",
    "dieser artikel ist älter als",
    "dieser artikel ist mehr als",
    "cet article a plus de",
    "cet article date de plus de",
    "este artículo tiene más de",
    "este artigo tem mais de",
    "este artigo foi publicado há mais de",
    "dit artikel is meer dan",
    "dit artikel is ouder dan",
];

/// Links that jump over the page's header (often glued together).
const SKIP_LINK: &[&str] = &[
    "skip to ",
    "jump to content",
    "zum hauptinhalt",
    "direkt zum inhalt",
    "vai al contenuto",
    "passa al contenuto",
    "aller au contenu",
    "ir al contenido",
    "saltar al contenido",
    "ir para o conteúdo",
    "naar de inhoud",
    "ga naar de inhoud",
];

/// Lines a page puts after (or around) the article's text.
const FURNITURE: &[&str] = &[
    "back to top",
    "explore further",
    "reuse this content",
    "torna su",
    "nach oben",
    "retour en haut",
    "volver arriba",
    "voltar ao topo",
    "terug naar boven",
];

/// Notices under an article: how to cite it, its reuse terms, when it was
/// updated.
const NOTICES: &[&str] = &[
    "citation:",
    "this document is subject to copyright",
    "this article is republished",
    "this story was originally published",
    "this article was updated",
    "this article has been updated",
    "this story has been updated",
    "questo articolo è stato aggiornato",
    "dieser artikel wurde aktualisiert",
    "cet article a été mis à jour",
    "cet article a été actualisé",
    "este artículo fue actualizado",
    "este artículo se ha actualizado",
    "este artigo foi atualizado",
    "dit artikel is bijgewerkt",
];

/// `Sei sulla pagina 1 di 6`, `Page 2 of 5`, `Seite 1 von 3`: a printed or
/// paginated page's marker. (Glued digits, as PDFs give them, count.)
fn is_page_marker(lower: &str) -> bool {
    // Most lines name no page: they are passed over before any allocation.
    if word_count(lower) > 8 || !["pag", "pág", "seite"].iter().any(|p| lower.contains(p)) {
        return false;
    }
    let spaced: String = lower
        .chars()
        .flat_map(|c| {
            let sep = (c.is_ascii_digit()).then_some(' ');
            sep.into_iter().chain(std::iter::once(c)).chain(sep)
        })
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let number = |w: &str| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty();
    // `Page 2` alone: a printed or paged copy's page break.
    if let [page, n] = words[..] {
        return ["page", "pagina", "seite", "página", "pág."].contains(&page) && number(n);
    }
    words.windows(4).any(|w| {
        ["page", "pagina", "seite", "página", "pág."].contains(&w[0])
            && number(w[1])
            && ["of", "di", "von", "de", "sur", "van", "/"].contains(&w[2])
            && number(w[3])
    })
}

/// A gallery link glued before a caption (`Volledig scherm Een medewerker…`):
/// the caption without it.
pub fn strip_gallery_prefix(line: &str) -> &str {
    for g in GALLERY {
        // The prefixes are lower-case ASCII or single-byte-per-letter
        // words: compared without allocating.
        if line.len() > g.len() + 10
            && line.is_char_boundary(g.len())
            && line[..g.len()].eq_ignore_ascii_case(g)
        {
            return line[g.len()..].trim_start();
        }
    }
    line
}

/// The first word of a breadcrumb that starts at the home page.
const HOME: &[&str] = &[
    "home",
    "inicio",
    "início",
    "startseite",
    "accueil",
    "homepage",
    "portada",
    "voorpagina",
    "home page",
];

/// The reason given for a related-stories header, which the importer
/// also reads as "the short links after me are chrome too".
pub const RELATED_HEADER: &str = "the header of other stories";

/// Headers after which a page lists other stories, or a table of contents:
/// what follows repeats or advertises, it is not the article.
pub fn is_related_header(line: &str) -> bool {
    // Labels are short: a long line is not one, and is not lower-cased to find out.
    if line.len() > 80 {
        return false;
    }
    let lower = line.trim().trim_end_matches(':').trim().to_lowercase();
    // `Lesen Sie mehr zum Thema`, `À voir également sur Le Site`: a
    // header of several words, with a few words before or after it.
    // (Compared in place: this runs on every short line of a long draft.)
    // A header that opens the line ends it with a colon (`À voir également
    // sur Le Site :`); `Read more about the camera` is not one.
    let colon = line.trim_end().ends_with(':');
    let framed = |r: &&str| {
        r.contains(' ')
            && (colon
                && lower
                    .strip_prefix(r)
                    .is_some_and(|rest| rest.starts_with(' '))
                || lower
                    .strip_suffix(r)
                    .is_some_and(|rest| rest.ends_with(' ')))
    };
    RELATED.contains(&lower.as_str()) || (word_count(&lower) <= 8 && RELATED.iter().any(framed))
}

/// The reason given for the attribution line of an embedded post alone:
/// the line before it is the post's text.
pub const EMBED_ATTRIBUTION: &str = "an embedded post's attribution";

/// `… pic.twitter.com/x — Le Labo (@lelabo) May 14, 2019`: a social post
/// embedded in the article, with its attribution (a handle in brackets and
/// a year at the end, after a dash).
fn embedded_post(line: &str) -> Option<&'static str> {
    let (before, after) = line.rsplit_once(['—', '–'])?;
    let handle = after.find("(@")?;
    let year = after.trim_end().rsplit(' ').next()?;
    let dated = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    if !dated || word_count(after) > 12 || !after[handle..].contains(')') {
        return None;
    }
    Some(if before.trim().is_empty() {
        EMBED_ATTRIBUTION
    } else {
        "an embedded social post"
    })
}

/// `Carla F. says:`, `Nuno escreve:`: a reader's comment opens; the
/// comments run to the end of the page.
pub fn is_comment_header(line: &str) -> bool {
    const SAYS: [&str; 22] = [
        "says",
        "said",
        "wrote",
        "sagt",
        "schreibt",
        "dice",
        "scrive",
        "dit",
        "écrit",
        "schrijft",
        "escribe",
        "diz",
        "escreve",
        "zegt",
        "schreef",
        "escribió",
        "escreveu",
        "scritto",
        "replied",
        "commented",
        "antwortete",
        "répond",
    ];
    const PRONOUNS: [&str; 16] = [
        "he", "she", "they", "it", "the", "il", "elle", "er", "sie", "él", "ella", "ele", "ela",
        "hij", "zij", "lui",
    ];
    let line = line.trim();
    line.len() <= 80
        && word_count(line) <= 6
        && !line
            .split_whitespace()
            .next()
            .is_some_and(|w| PRONOUNS.contains(&w.to_lowercase().as_str()))
        && line
            .strip_suffix(':')
            .and_then(|l| l.split_whitespace().last())
            .is_some_and(|w| SAYS.contains(&w.to_lowercase().as_str()))
        && line.starts_with(char::is_uppercase)
}

/// Headers of a table of contents, whose entries repeat the subheadings.
pub fn is_contents_header(line: &str) -> bool {
    // Labels are short: a long line is not one, and is not lower-cased to find out.
    if line.len() > 80 {
        return false;
    }
    let lower = line.trim().trim_end_matches(':').to_lowercase();
    CONTENTS.contains(&lower.as_str())
}

const SHARE: &[&str] = &[
    "share",
    "tweet",
    "email",
    "e-mail",
    "mail",
    "facebook",
    "twitter",
    "x",
    "flipboard",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "telegram",
    "print",
    "copy",
    "link",
    "this",
    "story",
    "article",
    "partager",
    "tweeter",
    "envoyer",
    "imprimer",
    "condividi",
    "compartir",
    "compartilhar",
    "teilen",
    "drucken",
    "delen",
    "sin",
    "comentarios",
    "comments",
    "comment",
    "commenti",
    "kommentare",
    "save",
    "salva",
    "guardar",
    "opslaan",
    "merken",
];

/// Words that join share buttons into a sentence (`Delen op Facebook`,
/// `Weitere Optionen zum Teilen`, `Share on X`): a row of them holds at
/// least one share word.
const SHARE_FILLER: &[&str] = &[
    "on", "via", "with", "by", "more", "options", "op", "met", "per", "su", "con", "altre",
    "opzioni", "en", "par", "sur", "autres", "options", "por", "más", "opciones", "mais", "opções",
    "no", "auf", "zum", "weitere", "optionen", "meer", "opties", "the", "le", "la", "il", "el",
    "de", "da", "del", "di", "den", "het", "o", "a", "and", "e", "et", "y", "und", "en",
];

/// A row of share buttons printed as words.
fn is_share_row(lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| SHARE.contains(w))
        && words
            .iter()
            .all(|w| SHARE.contains(w) || SHARE_FILLER.contains(w))
}

/// `Aggiornato il`, `Publié`, `Updated:`: a date's label left with no date
/// (the date was a widget the copy did not keep).
fn is_empty_date_label(lower: &str) -> bool {
    const LABELS: [&str; 30] = [
        "published",
        "published on",
        "updated",
        "updated on",
        "last updated",
        "pubblicato",
        "pubblicato il",
        "aggiornato",
        "aggiornato il",
        "ultimo aggiornamento",
        "publicado",
        "publicado el",
        "publicado em",
        "actualizado",
        "actualizado el",
        "atualizado",
        "atualizado em",
        "publié",
        "publié le",
        "mis à jour",
        "mis à jour le",
        "veröffentlicht",
        "veröffentlicht am",
        "aktualisiert",
        "aktualisiert am",
        "zuletzt aktualisiert",
        "gepubliceerd",
        "gepubliceerd op",
        "bijgewerkt",
        "bijgewerkt op",
    ];
    LABELS.contains(&lower.trim().trim_end_matches([':', '.']).trim())
}

/// The labels of a page's video player and print link.
const MEDIA_LINKS: &[&str] = &[
    "watch the video",
    "watch video",
    "play video",
    "regarder la vidéo",
    "voir la vidéo",
    "guarda il video",
    "guarda il video completo",
    "ver vídeo",
    "ver el vídeo",
    "ver video",
    "assistir ao vídeo",
    "assista ao vídeo",
    "video ansehen",
    "video abspielen",
    "bekijk de video",
    "print version",
    "printer-friendly version",
    "print this article",
    "versione stampabile",
    "stampa",
    "version imprimable",
    "imprimer l'article",
    "versión para imprimir",
    "imprimir",
    "versão para impressão",
    "druckversion",
    "artikel drucken",
    "printversie",
    "artikel printen",
];

/// Helpfulness votes (`3 utenti hanno trovato utile questa guida`).
const VOTES: &[&str] = &[
    "found this helpful",
    "found this useful",
    "found this article helpful",
    "hanno trovato utile",
    "ha trovato utile",
    "encontraron esto útil",
    "encontraron útil",
    "ont trouvé cet article utile",
    "ont trouvé ça utile",
    "fanden das hilfreich",
    "fanden diesen artikel hilfreich",
    "vonden dit nuttig",
    "acharam isto útil",
    "acharam útil",
    "was this article helpful",
    "was this helpful",
    "questo articolo ti è stato utile",
    "cet article vous a-t-il été utile",
    "war dieser artikel hilfreich",
    "¿te ha resultado útil",
    "este artigo foi útil",
];

/// Copyright lines.
const RESERVED: &[&str] = &[
    "all rights reserved",
    "riproduzione riservata",
    "tous droits réservés",
    "todos los derechos reservados",
    "alle rechte vorbehalten",
    "alle rechten voorbehouden",
    "todos os direitos reservados",
    "derechos reservados",
];

/// Advertising markers inside articles.
const ADS: &[&str] = &[
    "advertisement",
    "publicidade",
    "publicidad",
    "pubblicità",
    "publicité",
    "werbung",
    "anzeige",
    "advertentie",
];

/// What a page leaves where a picture was.
const PLACEHOLDERS: &[&str] = &[
    "image",
    "photo",
    "picture",
    "foto",
    "immagine",
    "imagen",
    "imagem",
    "bild",
    "afbeelding",
    "shadow",
    "img",
];

const GALLERY: &[&str] = &[
    "view gallery",
    "see gallery",
    "photo gallery",
    "open gallery",
    "galerie",
    "galleria",
    "fotogalería",
    "fotogaleria",
    "shadow carousel",
    "volledig scherm",
    "fullscreen",
    "full screen",
    "vollbild",
    "plein écran",
];

const NEWSLETTER: &[&str] = &[
    "newsletter",
    "in your inbox",
    "nella tua casella",
    "in deinem postfach",
    "in ihr postfach",
    "dans votre boîte",
    "en tu bandeja",
    "sign up",
    "subscribe",
    "iscriviti",
    "abonnieren",
    "suscríbete",
    "inscrivez-vous",
    "abonneer",
    "assine",
    "inscreva-se",
];

const NAVIGATION: &[&str] = &[
    "skip to main content",
    "skip to content",
    "menu",
    "home",
    "search",
    "log in",
    "login",
    "sign in",
    "accept",
    "aceptar",
    "accetta",
    "akzeptieren",
    "accepter",
    "ok",
    "close",
    "follow",
    "follow us",
    "segui",
    "folgen",
    "suivre",
    "seguir",
    "volgen",
    "notificaciones ver más",
    "zum inhalt",
    "aller au contenu",
    "vai al contenuto",
    "ir al contenido",
    "naar inhoud",
    "view comments",
    "show comments",
    "comments",
    "leave a comment",
    "add a comment",
    "kommentare",
    "kommentar schreiben",
    "commenti",
    "commentaires",
    "comentarios",
    "comentários",
    "reacties",
    "more less",
    "tamaño de letraaa",
    "most popular",
    "trending",
];

const RELATED: &[&str] = &[
    "related coverage",
    "explore more on these topics",
    "à voir également",
    "sources",
    "fonti",
    "quellen",
    "fuentes",
    "fontes",
    "bronnen",
    "references",
    "read more",
    "leer más",
    "lire plus",
    "leggi di più",
    "mehr lesen",
    "lees meer",
    "leia mais",
    "saiba mais",
    "a voir également",
    "da vedere anche",
    "ver también",
    "zie ook",
    "ultima ora",
    "ultime notizie",
    "le più lette",
    "sujets liés",
    "à lire également",
    "lo último",
    "últimas noticias",
    "neueste artikel",
    "meer nieuws",
    "últimas notícias",
    "more coverage",
    "lesen sie auch",
    "mehr dazu",
    "most popular",
    "most read",
    "related",
    "related topics",
    "related articles",
    "related stories",
    "recommended",
    "recommended for you",
    "from around the web",
    "more from",
    "more stories",
    "you may also like",
    "read next",
    "da non perdere",
    "potrebbe interessarti",
    "ti potrebbe interessare",
    "leggi anche",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "sur le même sujet",
    "lee también",
    "más leídas",
    "más noticias",
    "te puede interesar",
    "mehr zum thema",
    "das könnte sie auch interessieren",
    "meistgelesen",
    "lees ook",
    "meest gelezen",
    "leia também",
    "veja também",
    "mais lidas",
    "articoli correlati",
    "artículos relacionados",
    "noticias relacionadas",
    "articles connexes",
    "articles liés",
    "verwandte artikel",
    "ähnliche artikel",
    "das könnte sie interessieren",
    "gerelateerde artikelen",
    "gerelateerd",
    "artigos relacionados",
    "notícias relacionadas",
];

const CONTENTS: &[&str] = &[
    "jump to",
    "jump straight to",
    "skip to section",
    "in this guide",
    "in questo articolo",
    "in diesem artikel",
    "dans cet article",
    "en este artículo",
    "neste artigo",
    "in dit artikel",
    "sommario",
    "indice",
    "índice",
    "contents",
    "table of contents",
    "in this article",
    "inhalt",
    "inhaltsverzeichnis",
    "sommaire",
    "inhoud",
    "sumário",
];

fn is_breadcrumb(line: &str) -> bool {
    for sep in ["›", "»", " > ", " | ", " / ", "→"] {
        let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
        if parts.len() >= 3
            && parts
                .iter()
                .all(|p| word_count(p) <= 6 && !p.ends_with('.'))
        {
            return true;
        }
        if parts.len() == 2
            && sep != " | "
            && sep != " / "
            && parts.iter().all(|p| word_count(p) <= 3)
        {
            return true;
        }
    }
    false
}

fn photo_count(lower: &str) -> bool {
    const PHOTOS: [&str; 10] = [
        "photos",
        "fotos",
        "foto",
        "bilder",
        "immagini",
        "images",
        "pictures",
        "afbeeldingen",
        "photo",
        "bild",
    ];
    lower.split(['(', ')']).any(|part| {
        let mut w = part.split_whitespace();
        matches!((w.next(), w.next(), w.next()), (Some(n), Some(p), None)
                if n.chars().all(|c| c.is_ascii_digit()) && PHOTOS.contains(&p))
    })
}

fn reading_time(lower: &str) -> bool {
    [
        "reading time",
        "lesezeit:",
        "tempo di lettura",
        "tempo de leitura",
        "temps de lecture",
        "tiempo de lectura",
        "leestijd:",
        "min read",
        "minute read",
        "min lesezeit",
        "minuten lesezeit",
        "min di lettura",
        "minuti di lettura",
        "min de lecture",
        "min de lectura",
        "min leestijd",
        "min de leitura",
    ]
    .iter()
    .any(|r| lower.contains(r))
}

fn comment_count(lower: &str) -> bool {
    const COMMENTS: [&str; 16] = [
        "comments",
        "comment",
        "commentaire",
        "comentario",
        "comentário",
        "respuestas",
        "kommentare",
        "kommentar",
        "commenti",
        "commento",
        "commentaires",
        "comentarios",
        "comentários",
        "reacties",
        "reactie",
        "responses",
    ];
    let words: Vec<&str> = lower.split_whitespace().collect();
    // `28 Kommentare`, `Reacties (31)`.
    let number = |w: &str| {
        let w = w.trim_matches(['(', ')']);
        !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
    };
    words.windows(2).any(|w| {
        (number(w[0]) && COMMENTS.contains(&w[1])) || (COMMENTS.contains(&w[0]) && number(w[1]))
    })
}

/// `3 hours ago`, `Updated 2 hours ago`, `vor 2 Stunden`, `há 2 anos`,
/// `hace 2 horas`, `il y a 2 heures`, `2 ore fa`, `2 uur geleden`.
pub fn is_relative_time(lower: &str) -> bool {
    if word_count(lower) > 8 {
        return false;
    }
    let has_number = lower.split_whitespace().any(|w| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "a" | "an" | "one" | "un" | "una" | "uno" | "une" | "einer" | "einem"
            )
    });
    let units = [
        "minute", "hour", "day", "week", "month", "year", "stunde", "tag", "woche", "monat",
        "jahr", "minut", "ora", "ore", "giorn", "settiman", "mes", "anno", "anni", "hora", "día",
        "dia", "semana", "año", "ano", "heure", "jour", "semaine", "mois", "an", "uur", "dag",
        "maand", "jaar",
    ];
    let markers = [" ago", "vor ", " fa", "hace ", "há ", "il y a ", " geleden"];
    has_number
        && markers.iter().any(|m| lower.contains(m))
        && units.iter().any(|u| lower.contains(u))
}

fn is_contact(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    // `Follow Marcus on X: @marcus`.
    let follow = [
        "follow", "segui", "folgen", "suivez", "siga", "sigue", "volg",
    ];
    if follow.contains(&words[0].to_lowercase().as_str())
        && words
            .iter()
            .any(|w| w.starts_with('@') || w.contains("://"))
    {
        return true;
    }
    if words.len() > 6 {
        return false;
    }
    let contact_word = |w: &str| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | '|' | '(' | ')'));
        (w.contains('@') && w.contains('.') && !w.starts_with('@'))
            || (w.starts_with('@') && w.len() > 2)
            || w.starts_with("http://")
            || w.starts_with("https://")
            || w.starts_with("www.")
    };
    words.iter().any(|w| contact_word(w))
        && words.iter().all(|w| {
            contact_word(w)
                || matches!(
                    w.to_lowercase().trim_end_matches(':'),
                    "email"
                        | "e-mail"
                        | "mail"
                        | "twitter"
                        | "x"
                        | "instagram"
                        | "mastodon"
                        | "contact"
                        | "contatto"
                        | "contacto"
                        | "kontakt"
                        | "|"
                        | "·"
                        | "-"
                        | "–"
                        | ":"
                        | ""
                        | "on"
                        | "su"
                        | "en"
                        | "auf"
                        | "sur"
                        | "op"
                        | "follow"
                        | "escríbele"
                        | "scrivi"
                        | "écrire"
                        | "schreiben"
                        | "a"
                        | "to"
                )
        })
}

/// `ana-belen-soto`, `photo_smartphone_1600`, `IMG_2041.jpg`: one word
/// joined by hyphens or underscores, or a file name.
fn is_slug(word: &str) -> bool {
    let lower = word.to_lowercase();
    let file = [".jpg", ".jpeg", ".png", ".webp", ".gif"]
        .iter()
        .any(|e| lower.ends_with(e));
    let joined = (word.contains('_') || word.matches('-').count() >= 2)
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && word.chars().any(|c| c.is_alphabetic())
        && !word.chars().next().is_some_and(char::is_uppercase);
    file || joined
}

/// `Por: R$ 54,90`, `ab 129 €`, `Price: $199.99`: a price alone with at
/// most a label, as a shop box prints it.
fn is_price_tag(lower: &str) -> bool {
    const CURRENCY: [&str; 9] = ["€", "$", "£", "r$", "eur", "euro", "euros", "usd", "chf"];
    const LABELS: [&str; 16] = [
        "price", "from", "now", "por", "de", "desde", "precio", "preço", "prezzo", "da", "a", "ab",
        "preis", "prix", "vanaf", "nu",
    ];
    let mut money = false;
    let mut currency = false;
    for w in lower.split_whitespace() {
        let w = w.trim_end_matches([':', '*']);
        let bare = w
            .trim_start_matches(['€', '$', '£'])
            .trim_end_matches(['€', '$', '£']);
        if !bare.is_empty()
            && bare
                .chars()
                .all(|c| c.is_ascii_digit() || ",.-–".contains(c))
        {
            money |= bare.chars().any(|c| c.is_ascii_digit());
            currency |= bare.len() != w.len();
        } else if CURRENCY.contains(&w) {
            currency = true;
        } else if !LABELS.contains(&w) {
            return false;
        }
    }
    money && currency
}

/// Words of the notice that links earn the site a commission, which
/// buying guides print above or below the article.
const AFFILIATE: [&str; 14] = [
    "affiliate link",
    "affiliate commission",
    "earn a commission",
    "earn a small commission",
    "piccola commissione",
    "ricevere una commissione",
    "link di affiliazione",
    "enlaces de afiliados",
    "una comisión",
    "liens affiliés",
    "lien d'affiliation",
    "provision erhalten",
    "affiliate-links",
    "uma comissão",
];

/// Links from an author box to the writer's page or other posts.
const AUTHOR_PAGE: [&str; 22] = [
    "view my complete profile",
    "view my profile",
    "view full profile",
    "view all posts",
    "see all posts",
    "see full bio",
    "read full bio",
    "more articles by",
    "more stories by",
    "all posts by",
    "all articles by",
    "alle artikel von",
    "alle beiträge von",
    "tutti gli articoli di",
    "visualizza il mio profilo",
    "ver todos los artículos",
    "ver perfil completo",
    "voir tous les articles",
    "voir le profil",
    "bekijk mijn profiel",
    "alle artikelen van",
    "ver todos os artigos",
];

/// `Roundups,Wearables & Fitness Gadgets`: a blog's labels printed as
/// links joined by bare commas, which no sentence writes.
fn is_glued_tag_list(line: &str) -> bool {
    let glued = line
        .as_bytes()
        .windows(3)
        .filter(|w| w[1] == b',' && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphabetic())
        .count();
    glued >= 1 && word_count(line) <= 12 && !super::lines::ends_like_sentence(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_is_recognised_across_languages() {
        for line in [
            "Home › News › Cameras",
            "Accueil > Actualité > Velta",
            "Diese Seite verwendet Cookies. Mit der weiteren Nutzung stimmst du zu.",
            "Sie verwenden einen veralteten Browser. Bitte installieren Sie die aktuelle Version",
            "Share this story",
            "Sin comentarios Facebook Twitter Flipboard E-mail",
            "View gallery (14 photos)",
            "Test 7 Min Lesezeit 28 Kommentare",
            "3 hours ago",
            "Aktualisiert vor 2 Stunden",
            "Atualizado há 2 anos",
            "dana.whitfield@signaldesk.example",
            "@danawhitfield",
            "ana-belen-soto",
            "photo_smartphone_1600",
            "Avatar di Marco Bellini",
            "Image credit:",
            "Sign up for The Morning Byte",
            "Skip to main contentSkip to navigation",
            "This article is more than 2 years old",
            "Este artigo tem mais de um ano",
            "Sei sulla pagina 1di 6",
            "Page 2 of 5",
            "TIP.nl logo",
            "Back to top",
            "— Joana Lemos (@joanalemostech) March 12, 2024",
            "Small and light 😮 pic.twitter.com/Qk4r — Le Labo (@LeLabo) May 14, 2019",
            "Citation: Phones that roll (2019, February 25) retrieved 3 March 2019",
        ] {
            assert!(chrome_reason(line).is_some(), "{line}");
        }
    }

    #[test]
    fn comment_and_related_headers() {
        for line in [
            "Carla F. says:",
            "Nuno escreve:",
            "Jan schreef:",
            "Marie a écrit :",
        ] {
            assert!(is_comment_header(line), "{line}");
        }
        assert!(is_related_header("Lesen Sie mehr zum Thema"));
        assert!(is_related_header(
            "À voir également sur Le Quotidien Post :"
        ));
        assert!(!is_related_header("Read more about the camera"));
        for line in ["She says:", "The chief executive says it plainly:"] {
            assert!(!is_comment_header(line), "{line}");
        }
    }

    #[test]
    fn article_lines_are_not_chrome() {
        for line in [
            "Kairo's stacked sensor doubles the light each pixel collects",
            "Price and availability",
            "By Rachel Moore",
            "June 18, 2022",
            "The phone costs $799 in the US and ships next week, according to Google.",
            "Velta and Kessler: what changes with the new agreement",
            "Is the crease still a dealbreaker?",
            "Share prices rose 4% after the announcement, the company said.",
        ] {
            assert!(
                chrome_reason(line).is_none(),
                "{line}: {:?}",
                chrome_reason(line)
            );
        }
    }
}
