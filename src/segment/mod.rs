//! Segmentation of normalised text: sentences ([`sentences`]) and part-of-speech tagged words
//! ([`Tokenizer`]). This is the only module that uses jieba.

mod sentences;
mod tokenizer;

pub use sentences::{MAX_SENTENCE_CHARS, Sentences, sentences, split};
pub use tokenizer::{Token, Tokenizer};

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::document::{chinese, load_file};

    #[test]
    fn corpus_sentences_and_tokens() {
        let tokenizer = Tokenizer::new([("中国稀土集团", Some("nt"))]);
        for name in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap()
        {
            let doc = load_file(&name.unwrap().path(), &chinese()).unwrap();
            let text = doc.text.as_str();
            let ranges = sentences(text);
            assert!(
                ranges.windows(2).all(|w| w[0].end <= w[1].start),
                "{}",
                doc.id
            );
            for range in ranges {
                let sentence = &text[range];
                assert!(
                    !sentence.is_empty() && sentence.trim() == sentence,
                    "{}: {sentence:?}",
                    doc.id
                );
                assert!(!sentence.contains('\n'));
                let tokens = tokenizer.tag(sentence);
                assert_eq!(
                    tokens.iter().map(|t| t.end - t.start).sum::<usize>(),
                    sentence.len()
                );
            }
        }
        let doc = load_file(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/004_93069e5d180715b8.txt"),
            &chinese(),
        )
        .unwrap();
        let text = doc.text.as_str();
        let first = sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .find(|s| s.contains("敖宏出席论坛并致辞"))
            .unwrap();
        assert!(first.starts_with("第十三届全国政协常委、中国有色金属工业协会党委书记"));
        let words: Vec<&str> = tokenizer
            .tag(first)
            .iter()
            .map(|t| &first[t.start..t.end])
            .collect();
        assert!(words.contains(&"中国稀土集团") && words.contains(&"董事长"));
    }
}
