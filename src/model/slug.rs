/// A URL slug from a title: ASCII, lowercase, words joined by hyphens
/// (`Xiaomi e Leica: più forti` → `xiaomi-e-leica-piu-forti`).
pub fn slugify(title: &str) -> String {
    slug::slugify(title)
}
