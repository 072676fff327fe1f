//! Step 7, traditional → simplified for matching, via `fast2s`, which converts char for char (with a
//! one-char context either side for the few ambiguous chars), so the offset map is unchanged.

/// Converts `chars` to simplified script; the result has the same length.
pub(crate) fn simplify(chars: &[char]) -> Vec<char> {
    let text: String = chars.iter().collect();
    let converted: Vec<char> = fast2s::convert(&text).chars().collect();
    assert_eq!(
        converted.len(),
        chars.len(),
        "fast2s converts char for char"
    );
    converted
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::document::corpus_text as corpus;

    #[test]
    fn traditional_becomes_simplified() {
        let chars: Vec<char> = "中國稀土集團有限公司黨委書記，發(fā)展".chars().collect();
        assert_eq!(
            simplify(&chars).iter().collect::<String>(),
            "中国稀土集团有限公司党委书记，发(fā)展"
        );
    }

    #[test]
    fn char_count_is_preserved_on_the_corpus() {
        for name in [
            "000_d5226ad12f70f571.txt",
            "002_90e595c00e1ed2b8.txt",
            "004_93069e5d180715b8.txt",
        ] {
            let chars: Vec<char> = corpus(name).chars().collect();
            assert_eq!(simplify(&chars).len(), chars.len(), "{name}");
        }
    }
}
