//! End-to-end loading of the five corpus files.

use std::path::PathBuf;

use super::{Document, Format, chinese, load_file};

const CORPUS: [&str; 5] = [
    "000_d5226ad12f70f571.txt",
    "001_fc6c1c474b2aa3d3.txt",
    "002_90e595c00e1ed2b8.txt",
    "003_6edbb738d41674c3.txt",
    "004_93069e5d180715b8.txt",
];

fn load(name: &str) -> Document {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "corpus", name]
        .iter()
        .collect();
    load_file(&path, &chinese()).unwrap()
}

/// Char range of the first occurrence of `needle` in the matching text.
fn find(doc: &Document, needle: &str) -> std::ops::Range<usize> {
    let at = doc
        .text
        .as_str()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {}", doc.id));
    doc.text.byte_to_char(at)..doc.text.byte_to_char(at + needle.len())
}

fn source_slice(doc: &Document, range: std::ops::Range<usize>) -> String {
    doc.source
        .chars()
        .skip(range.start)
        .take(range.len())
        .collect()
}

#[test]
fn formats_and_encodings() {
    let formats: Vec<Format> = CORPUS.iter().map(|n| load(n).format).collect();
    assert_eq!(
        formats,
        [
            Format::Html,
            Format::Html,
            Format::PdfText,
            Format::Plain,
            Format::Plain
        ]
    );
    assert!(CORPUS.iter().all(|n| load(n).encoding == "UTF-8"));
}

#[test]
fn every_char_maps_into_the_source_in_order() {
    for name in CORPUS {
        let doc = load(name);
        let source: Vec<char> = doc.source.chars().collect();
        let t = &doc.text;
        let mut previous = 0;
        for i in 0..t.len_chars() {
            let span = t.source_range(i..i + 1);
            assert!(
                span.start < span.end && span.end <= source.len(),
                "{name} char {i}"
            );
            assert!(
                span.start >= previous,
                "{name}: span of char {i} goes backwards"
            );
            previous = span.start;
            let surface = t.surface(i..i + 1);
            if span.len() == 1 && !surface.trim().is_empty() {
                assert_eq!(surface, source[span.start].to_string(), "{name} char {i}");
            }
        }
        assert_eq!(t.char_to_byte(t.len_chars()), t.as_str().len());
    }
}

#[test]
fn doc_000_html_with_jekyll_front_matter() {
    let doc = load("000_d5226ad12f70f571.txt");
    let text = doc.text.as_str();
    for junk in [
        "eastmoney",
        "<",
        "href",
        "K图",
        "finews",
        "http",
        "EM_StockImg",
        "&gt;",
    ] {
        assert!(!text.contains(junk), "{junk}");
    }
    let title = "中国稀土集团董事长敖宏：深入推进稀土资产实质性重组";
    assert_eq!(doc.meta.title.as_deref(), Some(title));
    assert_eq!(doc.meta.date.as_deref(), Some("2021-12-28 18:37:25 +0800"));
    assert_eq!(doc.meta.categories, ["zhongguoxitujituan"]);
    assert!(text.starts_with("中国稀土集团董事长敖宏:深入推进稀土资产实质性重组\n"));
    let title_chars = title.chars().count();
    assert_eq!(doc.text.surface(0..title_chars), title);
    assert_eq!(
        source_slice(&doc, doc.text.source_range(0..title_chars)),
        title
    );
    assert!(text.contains("发挥好1+1+1>3的“聚合效应”"));
    assert!(text.contains("\n集团党委常委其他成员出席并做交流发言。\n"));
    assert!(text.contains("返回中国稀土集团新闻|返回首页"));
}

#[test]
fn doc_001_yaml_list_and_indented_html() {
    let doc = load("001_fc6c1c474b2aa3d3.txt");
    assert_eq!(doc.meta.categories, ["金融", "中证网", "资讯"]);
    assert_eq!(doc.meta.source.as_deref(), Some("中证网"));
    let text = doc.text.as_str();
    assert!(text.starts_with("中国稀土集团与有研集团共建稀土创新基地\n"));
    assert!(text.contains("\n中证网讯(记者刘丽靓)7月19日晚间,有研新材公告称"));
    assert!(
        text.lines()
            .all(|l| !l.starts_with(' ') && !l.contains('\u{3000}'))
    );
    let range = find(&doc, "中证网讯(记者刘丽靓)");
    assert_eq!(doc.text.surface(range), "中证网讯（记者刘丽靓）");
}

#[test]
fn doc_002_pdf_lines_joined_page_numbers_gone() {
    let doc = load("002_90e595c00e1ed2b8.txt");
    let text = doc.text.as_str();
    for joined in [
        "集团在履行社会责任",
        "“我们”等称谓。",
        "稀土行业绿色低碳",
        "开启建设世界一流企业",
        "拥有中国稀土(股票代码:000831)",
    ] {
        assert!(text.contains(joined), "{joined}");
    }
    for page in ["0706", "0908", "6968"] {
        assert!(!text.contains(page), "{page}");
    }
    assert!(text.contains("贡献中国稀土集团力量。\n"));
    assert!(text.contains("\n报告说明\n"));
    let range = find(&doc, "集团在履行社会责任");
    let quoted = source_slice(&doc, doc.text.source_range(range));
    assert_eq!(quoted, "集团在履行\n社会责任");
    let range = find(&doc, "稀土行业");
    assert_eq!(
        source_slice(&doc, doc.text.source_range(range)),
        "稀土行\n\n业"
    );
}

#[test]
fn doc_003_punctuation_runs_collapsed() {
    let doc = load("003_6edbb738d41674c3.txt");
    let text = doc.text.as_str();
    assert!(!text.contains(",,") && !text.contains("。。"));
    assert!(text.contains("5月19日,国资委以视频和现场相团结的形式召开"));
    assert!(text.contains("国资委党委书记、主任郝鹏出席聚会并讲话强调"));
    assert!(text.starts_with("\n泉源:国务院国资委网站\n浏览量:\n"));
    let range = find(&doc, "提质深化。");
    assert_eq!(
        source_slice(&doc, doc.text.source_range(range)),
        "提质深化。。。。。"
    );
}

#[test]
fn doc_004_traditional_with_pinyin_junk() {
    let doc = load("004_93069e5d180715b8.txt");
    let text = doc.text.as_str();
    assert!(text.contains("中国稀土集团有限公司"));
    assert!(text.contains("推动稀土产业高质量发展的行业共识发布"));
    assert!(!text.contains("(tuán)") && !text.contains("(chǎn)"));
    assert!(text.contains("(第六届)"));
    let range = find(&doc, "中国稀土集团有限公司");
    assert_eq!(doc.text.surface(range.clone()), "中國稀土集團有限公司");
    assert_eq!(
        source_slice(&doc, doc.text.source_range(range)),
        "中國稀土集團(tuán)有限公司"
    );
}
