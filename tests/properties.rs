//! Property tests (proptest) over text made of real pieces of Chinese news, markup, punctuation runs and
//! arbitrary characters: the loader's offset map, sentence cutting, evidence quotes and `annotate`'s
//! spans hold their invariants on every input.

use std::sync::OnceLock;

use kgx::graph::{QUOTE_CHARS, quote};
use kgx::pipeline::Pipeline;
use kgx::segment::{MAX_SENTENCE_CHARS, split};
use proptest::prelude::*;

/// The default pack, compiled once for every case.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::from_source(&kgx::rules::PackSource::Embedded).unwrap())
}

/// Pieces real documents are made of, and some that break naive code.
const PIECES: &[&str] = &[
    "中国稀土集团",
    "有限公司",
    "董事长",
    "敖宏",
    "集团",
    "签署",
    "战略合作协议",
    "与",
    "在",
    "北京",
    "。",
    "，",
    "、",
    "！",
    "？",
    "；",
    "：",
    "“",
    "”",
    "（",
    "）",
    "《",
    "》",
    "\n",
    " ",
    "\t",
    "　",
    "Ａ",
    "ｂ",
    "１",
    "集團",
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "---\ntitle: 标题\n---\n",
    "# ",
    "(以下简称“公司”)",
    "300999",
    "ACME",
    "é",
    "\u{E000}",
    "😀",
    "\u{0301}",
    "…",
    "——",
    ",,,,",
];

/// Text assembled from [`PIECES`] and arbitrary characters.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ],
        0..120,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every character of the normalised text maps to a range of the source, in order and in bounds,
    /// and has one surface character.
    #[test]
    fn the_offset_map_stays_in_the_source(text in text()) {
        let document = pipeline().text_document("p", &text);
        let source_chars = document.source.chars().count();
        let normalized = &document.text;
        let chars = normalized.len_chars();
        prop_assert_eq!(normalized.as_str().chars().count(), chars);
        prop_assert_eq!(normalized.surface(0..chars).chars().count(), chars);
        let mut previous = 0;
        for at in 0..chars {
            let range = normalized.source_range(at..at + 1);
            prop_assert!(range.start <= range.end && range.end <= source_chars, "{range:?}");
            prop_assert!(range.start >= previous, "char {at} goes back to {range:?}");
            previous = range.start;
            let byte = normalized.char_to_byte(at);
            prop_assert_eq!(normalized.byte_to_char(byte), at);
        }
    }

    /// Sentences are ordered, disjoint, non-empty, on character boundaries, and never longer than the
    /// cap; a text is cut only when one of its sentences was too long.
    #[test]
    fn sentences_are_ordered_and_capped(text in text(), repeat in 1usize..20) {
        let text = text.repeat(repeat);
        let found = split(&text);
        let mut end = 0;
        for range in &found.ranges {
            prop_assert!(range.start >= end && range.start < range.end && range.end <= text.len());
            let sentence = text.get(range.clone());
            prop_assert!(sentence.is_some(), "{range:?} is not on character boundaries");
            prop_assert!(sentence.unwrap().chars().count() <= MAX_SENTENCE_CHARS);
            end = range.end;
        }
        prop_assert_eq!(found.cuts == 0, found.long == 0);
    }

    /// A quote is never longer than its bound (plus its three `…` at most), and holds both mentions when each fits
    /// in half of it.
    #[test]
    fn quotes_are_capped_and_hold_their_mentions(
        length in 1usize..1200,
        a in 0usize..1200,
        b in 0usize..1200,
        width in 1usize..12,
    ) {
        let sentence: String = (0..length).map(|at| char::from_u32(0x4E00 + at as u32).unwrap()).collect();
        let mark = |start: usize| start.min(length - 1)..(start + width).min(length);
        let marks = [mark(a), mark(b)];
        let quoted = quote(&sentence, marks.clone());
        prop_assert!(quoted.chars().count() <= QUOTE_CHARS + 3, "{}", quoted.chars().count());
        let chars: Vec<char> = sentence.chars().collect();
        for mark in marks {
            let written: String = chars[mark].iter().collect();
            prop_assert!(quoted.contains(&written), "{written} not in {quoted}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// `annotate`'s spans lie in the text given, and each entity's text is the text at its span.
    #[test]
    fn annotate_spans_are_in_bounds_and_match(text in text()) {
        let annotation = pipeline().annotate(serde_json::json!(1), &text);
        let chars: Vec<char> = text.chars().collect();
        for entity in &annotation.entities {
            prop_assert!(entity.start <= entity.end && entity.end <= chars.len(), "{entity:?}");
            let written: String = chars[entity.start..entity.end].iter().collect();
            prop_assert_eq!(&written, &entity.text);
        }
        for relation in &annotation.relations {
            for end in [&relation.subject, &relation.object] {
                let written: String = chars[end.start..end.end].iter().collect();
                prop_assert_eq!(&written, &end.text);
            }
        }
    }
}
