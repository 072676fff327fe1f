//! Word segmentation and part-of-speech tagging with jieba.

use jieba_rs::Jieba;

/// A tagged word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word in the sentence given to [`Tokenizer::tag`].
    pub start: usize,
    /// Byte offset just past the word.
    pub end: usize,
    /// Part-of-speech tag (jieba's tag set, or the one given with a user word).
    pub pos: String,
}

/// A jieba segmenter with the default dictionary plus user words; built once, shared across threads.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    jieba: Jieba,
}

impl Tokenizer {
    /// Builds the segmenter, adding each `(word, pos tag)` as a user dictionary entry (frequency
    /// suggested by jieba so the word is kept whole).
    pub fn new<'a>(user_words: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Tokenizer {
        let mut jieba = Jieba::new();
        for (word, pos) in user_words {
            jieba.add_word(word, None, pos);
        }
        Tokenizer { jieba }
    }

    /// Segments and tags `sentence` (HMM on for unknown words); the tokens cover it in order.
    pub fn tag(&self, sentence: &str) -> Vec<Token> {
        self.jieba
            .tag(sentence, true)
            .into_iter()
            .map(|t| Token {
                start: t.byte_start,
                end: t.byte_end,
                pos: t.tag.to_owned(),
            })
            .collect()
    }

    /// Whether `word` is in the dictionary (jieba's or a user word), not only guessed by the HMM.
    pub fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(sentence: &'a str, tokens: &[Token]) -> Vec<(&'a str, String)> {
        tokens
            .iter()
            .map(|t| (&sentence[t.start..t.end], t.pos.clone()))
            .collect()
    }

    #[test]
    fn tokens_cover_the_sentence() {
        let tok = Tokenizer::new([]);
        let s = "中国稀土集团党委书记、董事长敖宏出席论坛并致辞。";
        let tokens = tok.tag(s);
        assert_eq!(tokens.first().map(|t| t.start), Some(0));
        assert_eq!(tokens.last().map(|t| t.end), Some(s.len()));
        assert!(tokens.windows(2).all(|w| w[0].end == w[1].start));
        assert!(words(s, &tokens).contains(&("董事长", "n".to_owned())));
    }

    #[test]
    fn user_words_are_kept_whole_with_their_tag() {
        let s = "中国稀土集团党委书记敖宏";
        let tok = Tokenizer::new([("中国稀土集团", Some("nt")), ("敖宏", Some("nr"))]);
        let w = words(s, &tok.tag(s));
        assert_eq!(w[0], ("中国稀土集团", "nt".to_owned()));
        assert_eq!(w.last(), Some(&("敖宏", "nr".to_owned())));
    }

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Tokenizer>();
    }
}
