//! Government bodies in the default pack: a bare 市委 is the body of the place the document is about, a
//! place before a head-of-government post stands for its government, and a head-of-government post never
//! attaches to a party committee. Sentences are invented.

use std::path::Path;
use std::sync::OnceLock;

use kgx::annotate::Annotation;
use kgx::pipeline::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        Pipeline::from_rules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .expect("default pack")
    })
}

fn annotate(text: &str) -> Annotation {
    pipeline().annotate(serde_json::Value::from("doc"), text)
}

/// Facts as `subject -> object canonical {title}`.
fn facts(annotation: &Annotation) -> Vec<String> {
    annotation
        .relations
        .iter()
        .map(|relation| {
            let title = relation.attrs.get("title").map_or("", String::as_str);
            format!(
                "{} -[{}]-> {} {title}",
                relation.subject.canonical, relation.kind, relation.object.canonical
            )
        })
        .collect()
}

#[test]
fn a_bare_party_committee_is_the_documents_citys() {
    let annotation =
        annotate("3月5日,荆州市召开全市工作会议。市委书记张建国强调,市政府要抓好落实。");
    let canonical: Vec<&str> = annotation
        .entities
        .iter()
        .filter(|entity| entity.kind == "organization")
        .map(|entity| entity.canonical.as_str())
        .collect();
    assert_eq!(canonical, ["荆州市委", "荆州市政府"]);
    assert_eq!(
        facts(&annotation),
        ["张建国 -[holds_position]-> 荆州市委 书记"]
    );
}

#[test]
fn a_bare_party_committee_without_a_city_makes_no_fact() {
    let annotation = annotate("市委书记张建国强调,要抓好落实。");
    assert!(facts(&annotation).is_empty(), "{:?}", facts(&annotation));
    // Still an organisation mention of the text, named as written.
    assert!(
        annotation
            .entities
            .iter()
            .any(|entity| entity.text == "市委" && entity.canonical == "市委")
    );
}

#[test]
fn a_place_before_a_mayors_post_is_its_government() {
    let annotation = annotate("武汉市市长李明会见客商。湖北副省长王芳出席。");
    assert_eq!(
        facts(&annotation),
        [
            "李明 -[holds_position]-> 武汉市人民政府 市长",
            "王芳 -[holds_position]-> 湖北省人民政府 副省长"
        ]
    );
}

#[test]
fn a_mayors_post_after_the_party_committee_goes_to_its_government() {
    let annotation = annotate("宜昌市委副书记、市长王建华出席签约仪式。");
    assert_eq!(
        facts(&annotation),
        [
            "王建华 -[holds_position]-> 宜昌市委 副书记",
            "王建华 -[holds_position]-> 宜昌市人民政府 市长"
        ]
    );
}

#[test]
fn a_bare_committees_government_is_named_from_the_documents_city() {
    let annotation = annotate("荆州市召开全市经济工作会议。市委副书记、市长张建国作报告。");
    assert_eq!(
        facts(&annotation),
        [
            "张建国 -[holds_position]-> 荆州市委 副书记",
            "张建国 -[holds_position]-> 荆州市人民政府 市长"
        ]
    );
}
