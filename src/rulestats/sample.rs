//! The reproducible sample: each firing draws a number from the seed, its rule, its document's id and its
//! place among the rule's firings in that document, and a rule's sample is its firings with the lowest
//! draws. The draw depends on nothing else, so the sample is the same whatever the thread count or the
//! order documents finish in.

use std::cmp::Ordering;
use std::ops::Range;

use serde::Serialize;

use crate::document::Document;

/// Characters of a sentence shown around a firing.
const CONTEXT_CHARS: usize = 120;

/// One sampled firing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sample {
    /// Document id (file name, or the JSONL line's id).
    pub document: String,
    /// Sentence number in the document, from 1 (as `kgx explain` numbers them).
    pub sentence: usize,
    /// What fired: a mention, `short = full name`, or `subject -> object [type] {attributes}`.
    pub hit: String,
    /// What became of it: `kept` or `lost to …` for a candidate; for a fact, the rules that also stated
    /// or contradicted it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The sentence, trimmed to about 120 characters around the hit, which stands in ⟦⟧.
    pub context: String,
}

/// A firing in the draw.
#[derive(Debug, Clone)]
pub(super) struct Drawn {
    key: u64,
    document: usize,
    ordinal: usize,
    /// Sentence index (from 0).
    pub sentence: usize,
    /// How it is shown, once it has survived its document's draw.
    pub sample: Option<Sample>,
}

impl Drawn {
    /// Firing number `ordinal` of a rule in document number `document`, with its draw `key`.
    pub fn new(key: u64, document: usize, ordinal: usize, sentence: usize) -> Drawn {
        Drawn {
            key,
            document,
            ordinal,
            sentence,
            sample: None,
        }
    }

    /// Draw order: lowest key first; ties (practically none) by place in the corpus.
    pub fn order(&self, other: &Drawn) -> Ordering {
        (self.key, self.document, self.ordinal).cmp(&(other.key, other.document, other.ordinal))
    }
}

/// Keeps the `n` firings with the lowest draws.
pub(super) fn keep_lowest(drawn: &mut Vec<Drawn>, n: usize) {
    drawn.sort_by(Drawn::order);
    drawn.truncate(n);
}

/// The samples of the kept firings, in corpus order.
pub(super) fn in_corpus_order(mut drawn: Vec<Drawn>) -> Vec<Sample> {
    drawn.sort_by_key(|d| (d.document, d.ordinal));
    drawn.into_iter().filter_map(|d| d.sample).collect()
}

/// The draw of firing number `ordinal` of `rule` in the document `document`: FNV-1a over the rule and
/// document ids, mixed with the seed and the ordinal by SplitMix64.
pub(super) fn draw(seed: u64, rule: &str, document: &str, ordinal: usize) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in rule.bytes().chain([0xff]).chain(document.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    splitmix64(splitmix64(seed) ^ hash ^ splitmix64(ordinal as u64))
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A byte range of the document's normalised text as written.
pub(super) fn surface(document: &Document, span: &Range<usize>) -> String {
    let text = &document.text;
    text.surface(text.byte_to_char(span.start)..text.byte_to_char(span.end))
}

/// The sentence around `hit` (byte ranges of the normalised text), as written: at most about
/// [`CONTEXT_CHARS`] characters, the hit in ⟦⟧ and `…` where the sentence was cut.
pub(super) fn context(document: &Document, sentence: &Range<usize>, hit: &Range<usize>) -> String {
    let text = &document.text;
    let [s0, s1, h0, h1] =
        [sentence.start, sentence.end, hit.start, hit.end].map(|b| text.byte_to_char(b));
    let room = CONTEXT_CHARS.saturating_sub(h1 - h0);
    let left = (h0 - s0).min(room / 2);
    let right = (s1 - h1).min(room - left);
    let left = (h0 - s0).min(room - right);
    let (start, end) = (h0 - left, h1 + right);
    let mut out = String::new();
    if start > s0 {
        out.push('…');
    }
    out.push_str(&text.surface(start..h0));
    out.push('⟦');
    out.push_str(&text.surface(h0..h1));
    out.push('⟧');
    out.push_str(&text.surface(h1..end));
    if end < s1 {
        out.push('…');
    }
    out
}
