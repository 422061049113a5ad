//! What an editor learns about an article without reading it: statistics,
//! problems to fix, and the parsed summary the CLI prints.

pub mod check;
pub mod inspect;
pub mod stats;

/// A count with its noun: `1 error`, `2 errors`, `0 matches`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_singular_only_for_one() {
        assert_eq!(super::counted(1, "error", "errors"), "1 error");
        assert_eq!(super::counted(0, "error", "errors"), "0 errors");
        assert_eq!(super::counted(2, "match", "matches"), "2 matches");
    }
}
