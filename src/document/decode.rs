//! Encoding detection and decoding: byte-order mark first, then UTF-16 without one (told by where its NUL
//! halves stand), then strict UTF-8, then — unless the bytes are UTF-8 with a few stray bytes, which is
//! reported with where it breaks — a chardetng guess among the legacy encodings (GBK/GB18030, Big5, …).
//! Undecodable input is an error, never replaced silently.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{
    BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252,
};

/// Decoded text and the name of the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The decoded text, without byte-order mark.
    pub text: String,
    /// Encoding name as reported in [`Document::encoding`](super::Document::encoding).
    pub encoding: &'static str,
}

/// Share of control bytes (other than tab, newline, carriage return, form feed, escape) above which
/// a file is taken for binary.
const MAX_CONTROL_SHARE: f64 = 0.01;

/// Share of non-ASCII bytes above which a windows-1252 guess is implausible: Latin text has a few
/// percent, Chinese text well over half. chardetng falls back to windows-1252 when a GBK file has a
/// corrupt byte; such a file is decoded as GB18030 instead, so the corruption is reported.
const MAX_LATIN_HIGH_SHARE: f64 = 0.3;

/// Decodes `bytes`, or says why it cannot (the reason, without the path).
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let name = bom_name(encoding);
        return strict(encoding, &bytes[bom_len..]).map(|text| Decoded {
            text,
            encoding: name,
        });
    }
    if let Some(decoded) = utf16_without_bom(bytes) {
        return Ok(decoded);
    }
    check_not_binary(bytes)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        });
    }
    check_not_damaged_utf8(bytes)?;
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    let high = bytes.iter().filter(|b| !b.is_ascii()).count();
    // GB18030 is a superset of GBK and decodes everything GBK does.
    let encoding = if guess == GBK
        || (guess == WINDOWS_1252 && high as f64 > MAX_LATIN_HIGH_SHARE * bytes.len() as f64)
    {
        GB18030
    } else {
        guess
    };
    let name = legacy_name(encoding);
    strict(encoding, bytes).map(|text| Decoded {
        text,
        encoding: name,
    })
}

fn bom_name(encoding: &'static Encoding) -> &'static str {
    if encoding == UTF_8 {
        "UTF-8 (BOM)"
    } else if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else {
        encoding.name()
    }
}

fn legacy_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else if encoding == BIG5 {
        "Big5"
    } else {
        encoding.name()
    }
}

/// UTF-16 without a byte-order mark: an even number of bytes whose NUL bytes (the high or low halves of
/// ASCII characters) nearly all stand at odd offsets (little-endian) or at even ones (big-endian), and
/// that decode strictly to text with hardly any control characters. `None` for anything else.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let nul_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    // A few characters have a NUL half of their own (一 is U+4E00, the ideographic space U+3000).
    let (encoding, name) = if odd > 0 && odd >= 10 * even {
        (UTF_16LE, "UTF-16LE (no BOM)")
    } else if even > 0 && even >= 10 * odd {
        (UTF_16BE, "UTF-16BE (no BOM)")
    } else {
        return None;
    };
    let text = strict(encoding, bytes).ok()?;
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}'))
        .count();
    (control * 100 <= text.chars().count()).then_some(Decoded {
        text,
        encoding: name,
    })
}

/// Most UTF-8 corruption is a few stray bytes in a UTF-8 file: valid multi-byte sequences abound and
/// the bad bytes are rare. Such a file is rejected with where it breaks, rather than guessed as a legacy
/// encoding (windows-1252 would read it as mojibake without a word).
fn check_not_damaged_utf8(bytes: &[u8]) -> Result<(), String> {
    let (mut multibyte, mut bad, mut first_bad) = (0usize, 0usize, None);
    let mut rest = bytes;
    let mut offset = 0;
    loop {
        let error = std::str::from_utf8(rest).err();
        let valid = error.map_or(rest.len(), |error| error.valid_up_to());
        // In valid UTF-8 every non-ASCII character starts with one lead byte (0xC0 and above).
        multibyte += rest[..valid].iter().filter(|&&byte| byte >= 0xC0).count();
        let Some(error) = error else { break };
        let skip = error
            .error_len()
            .unwrap_or(rest.len() - error.valid_up_to());
        first_bad.get_or_insert(offset + error.valid_up_to());
        bad += skip;
        let advance = error.valid_up_to() + skip;
        offset += advance;
        rest = &rest[advance..];
    }
    match first_bad {
        Some(first) if multibyte >= 20 * bad => Err(format!(
            "invalid UTF-8: {bad} bad byte(s) among {multibyte} valid non-ASCII characters, the first at byte {first}"
        )),
        _ => Ok(()),
    }
}

/// Rejects data that is not text: any NUL byte, or more than [`MAX_CONTROL_SHARE`] control bytes.
fn check_not_binary(bytes: &[u8]) -> Result<(), String> {
    let nul = bytes.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        return Err(format!("binary data: {nul} NUL bytes"));
    }
    let control = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    if control as f64 > MAX_CONTROL_SHARE * bytes.len() as f64 {
        return Err(format!("binary data: {control} control bytes"));
    }
    Ok(())
}

/// Decodes without replacement, counting malformed sequences; any makes the decode fail.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, String> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 3 + 16);
    let mut input = bytes;
    let mut malformed = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, true);
        input = &input[read..];
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::Malformed(_, _) => malformed += 1,
            DecoderResult::OutputFull => text.reserve(input.len() * 3 + 16),
        }
    }
    if malformed > 0 {
        return Err(format!(
            "cannot decode as {}: {malformed} malformed sequences",
            legacy_name(encoding)
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::document::corpus_text as corpus;

    #[test]
    fn plain_utf8() {
        let text = corpus("003_6edbb738d41674c3.txt");
        let d = decode(text.as_bytes()).unwrap();
        assert_eq!(
            d,
            Decoded {
                text,
                encoding: "UTF-8"
            }
        );
    }

    #[test]
    fn utf8_with_bom() {
        let text = corpus("000_d5226ad12f70f571.txt");
        let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let d = decode(&bytes).unwrap();
        assert_eq!(
            d,
            Decoded {
                text,
                encoding: "UTF-8 (BOM)"
            }
        );
    }

    #[test]
    fn utf16_both_orders() {
        let text = corpus("001_fc6c1c474b2aa3d3.txt");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode(&le).unwrap(),
            Decoded {
                text: text.clone(),
                encoding: "UTF-16LE"
            }
        );
        assert_eq!(
            decode(&be).unwrap(),
            Decoded {
                text,
                encoding: "UTF-16BE"
            }
        );
    }

    #[test]
    fn gbk_round_trip() {
        let text = corpus("003_6edbb738d41674c3.txt");
        let (bytes, _, had_errors) = GBK.encode(&text);
        assert!(!had_errors);
        assert_eq!(
            decode(&bytes).unwrap(),
            Decoded {
                text,
                encoding: "GB18030"
            }
        );
    }

    #[test]
    fn big5_round_trip() {
        // Big5 has no tone-marked pinyin letters: keep the chars of the traditional text it can encode.
        let text: String = corpus("004_93069e5d180715b8.txt")
            .chars()
            .filter(|c| !BIG5.encode(c.encode_utf8(&mut [0; 4])).2)
            .collect();
        assert!(text.contains("中國稀土論壇在江西贛州舉行"));
        let (bytes, _, had_errors) = BIG5.encode(&text);
        assert!(!had_errors);
        assert_eq!(
            decode(&bytes).unwrap(),
            Decoded {
                text,
                encoding: "Big5"
            }
        );
    }

    #[test]
    fn latin1_stays_latin1() {
        let (bytes, _, _) =
            WINDOWS_1252.encode("Le café est très bon, déjà prêt à être servi à l'élève.");
        assert_eq!(decode(&bytes).unwrap().encoding, "windows-1252");
    }

    #[test]
    fn utf8_bom_over_gbk_bytes_is_an_error() {
        let (gbk, _, _) = GBK.encode("中国稀土集团");
        let bytes = [b"\xEF\xBB\xBF".as_slice(), &gbk].concat();
        let reason = decode(&bytes).unwrap_err();
        assert!(reason.starts_with("cannot decode as UTF-8: "), "{reason}");
    }

    #[test]
    fn binary_is_rejected() {
        let mut state = 0x2545_F491_u32;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let reason = decode(&bytes).unwrap_err();
        assert!(reason.starts_with("binary data: "), "{reason}");
    }

    #[test]
    fn utf16_without_bom_is_read_when_its_nuls_say_so() {
        let text = corpus("003_6edbb738d41674c3.txt");
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap().encoding, "UTF-16LE (no BOM)");
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE (no BOM)");
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_is_rejected_with_where() {
        let text = corpus("003_6edbb738d41674c3.txt");
        let mut bytes = text.into_bytes();
        bytes.insert(0, 0xE9);
        let reason = decode(&bytes).unwrap_err();
        assert!(
            reason.starts_with("invalid UTF-8: 1 bad byte(s) among ")
                && reason.ends_with("the first at byte 0"),
            "{reason}"
        );
    }

    #[test]
    fn malformed_legacy_bytes_are_counted() {
        let text = corpus("003_6edbb738d41674c3.txt");
        let (bytes, _, _) = GBK.encode(&text);
        let bytes = [&bytes[..], &[0x81]].concat();
        let reason = decode(&bytes).unwrap_err();
        assert_eq!(reason, "cannot decode as GB18030: 1 malformed sequences");
    }
}
