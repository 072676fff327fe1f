#!/usr/bin/env python3
"""Rebuild the listed-company lexicons from the exchanges' own listing exports.

Inputs (the files as the exchanges publish them; see rules/lexicons/README.md for the snapshot used):

    --szse  A股列表.xlsx   Shenzhen Stock Exchange, 上市公司列表 → A股列表 (板块, 公司全称, …, A股代码, A股简称,
                           …, B股代码, B股简称, …): main board and ChiNext, with the full registered name
    --sse   GPLIST.xls     Shanghai Stock Exchange, 股票列表 (A股代码, B股代码, 证券简称, 扩位证券简称,
                           公司英文全称, 上市日期): main board and STAR; no Chinese registered name
    --jieba jieba-0.42.1.tar.gz (or its dict.txt): word frequencies and tags that say which short names are
                           ordinary words

    pip download --no-deps jieba==0.42.1 -d /tmp/lex
    python3 -m pip install xlrd          # the only non-standard-library module, for the SSE .xls
    python3 tools/lexicons/listed_companies.py --szse A股列表.xlsx --sse GPLIST.xls \
        --jieba /tmp/lex/jieba-0.42.1.tar.gz --date 2025-12-30 --origin "…"

Writes rules/lexicons/listed_companies.txt (names safe to read anywhere), listed_companies_cued.txt (short names
read only with a cue: a stock code, 股份/公司/公告 …) and listed_companies_strict.txt (short names that are common
words: only with a stock code or after 证券简称/股票简称).  Every entry is `full registered name<TAB>short
names…`; for Shanghai companies, whose export has no Chinese registered name, the name is taken from
well_known_companies.txt when one of its entries has the short name as an alias and ends in a legal form, else the
extended short name (扩位证券简称) stands as the name.  Stock codes are not written (a six-digit code is a
`stock_code`, never a company mention).
"""

import argparse
import io
import os
import re
import sys
import tarfile
import unicodedata
import zipfile
import xml.etree.ElementTree as ET
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LEX = os.path.join(ROOT, "rules", "lexicons")

HAN = r"\u3400-\u9fff"

# ---------------------------------------------------------------- readers


def read_xlsx(path):
    """Rows of the first sheet of an .xlsx, as lists of strings (standard library only)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
                shared.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
        sheets = sorted(n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n))
        root = ET.fromstring(z.read(sheets[0]))
    rows = []
    for row in root.iter("{%s}row" % ns["m"]):
        cells = {}
        for c in row.findall("m:c", ns):
            ref = re.match(r"([A-Z]+)", c.get("r")).group(1)
            col = 0
            for ch in ref:
                col = col * 26 + ord(ch) - 64
            v = c.find("m:v", ns)
            if c.get("t") == "s" and v is not None:
                text = shared[int(v.text)]
            elif c.get("t") == "inlineStr":
                text = "".join(t.text or "" for t in c.iter("{%s}t" % ns["m"]))
            else:
                text = v.text if v is not None else ""
            cells[col - 1] = text or ""
        if cells:
            rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
    return rows


def read_xls(path):
    import xlrd  # BIFF .xls; the SSE export

    sheet = xlrd.open_workbook(path).sheet_by_index(0)
    return [[str(v) for v in sheet.row_values(i)] for i in range(sheet.nrows)]


def read_jieba(path):
    """jieba dict.txt → {word: (freq, tag)}; path is the sdist/wheel or dict.txt."""
    if path.endswith(".txt"):
        data = open(path, encoding="utf-8").read()
    elif path.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as t:
            member = next(m for m in t.getmembers() if m.name.endswith("jieba/dict.txt"))
            data = t.extractfile(member).read().decode("utf-8")
    else:
        with zipfile.ZipFile(path) as z:
            data = z.read(next(n for n in z.namelist() if n.endswith("jieba/dict.txt"))).decode("utf-8")
    words = {}
    for line in data.splitlines():
        parts = line.split(" ")
        if len(parts) >= 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def read_lexicon(name):
    entries = []
    with open(os.path.join(LEX, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            entries.append(line.split("\t"))
    return entries


# ---------------------------------------------------------------- names


def fold(text):
    """Full-width to ASCII, no white space (the engine folds width before matching)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def short_forms(raw):
    """The forms a short name is written in: 万  科Ａ → 万科A, 万科; *ST中华A → 中华A, 中华; 泽璟制药-U → 泽璟制药."""
    name = fold(raw)
    if not name or name in ("-", "—"):
        return []
    # trading-status prefixes (risk warnings, unreformed shares, first days of trading)
    name = re.sub(r"^(?:\*ST|S\*ST|SST|ST|S|N|C|XD|XR|DR)(?=[%s])" % HAN, "", name)
    # STAR / ChiNext marks for unprofitable issuers and weighted voting rights
    name = re.sub(r"-?(?:UWD|UW|WD|U|W)$", "", name) if re.search(r"[%s]-?(?:UWD|UW|WD|U|W)$" % HAN, name) else name
    forms = [name]
    m = re.match(r"^(.*[%s])[AB]$" % HAN, name)
    if m:
        forms.append(m.group(1))
    return [f for f in forms if len(f) >= 2]


def load(args):
    companies = {}  # key → {"name": str, "forms": set, "source": "szse"|"sse"}
    rows = read_xlsx(args.szse)
    head = [fold(h) for h in rows[0]]
    col = {h: i for i, h in enumerate(head)}
    for row in rows[1:]:
        row = row + [""] * (len(head) - len(row))
        full = fold(row[col["公司全称"]])
        if not full:
            continue
        forms = set()
        for field in ("A股简称", "B股简称"):
            if field in col:
                forms.update(short_forms(row[col[field]]))
        companies[full] = {"name": full, "forms": forms, "source": "szse"}

    # Shanghai: no Chinese registered name.  Borrow the one well_known_companies.txt gives, if any.
    known = {}
    for fields in read_lexicon("well_known_companies.txt"):
        if re.search(r"(?:公司|银行|集团)$", fields[0]) and re.search(r"有限|公司$", fields[0]):
            for alias in fields[1:]:
                known.setdefault(alias, fields[0])
    rows = read_xls(args.sse)
    head = [fold(h) for h in rows[0]]
    col = {h: i for i, h in enumerate(head)}
    for row in rows[1:]:
        forms = set(short_forms(row[col["证券简称"]])) | set(short_forms(row[col["扩位证券简称"]]))
        if not forms:
            continue
        full = next((known[f] for f in sorted(forms) if f in known), None)
        if full is None:
            # the longest form (the extended short name) names the company
            full = max(sorted(forms), key=len)
        entry = companies.setdefault(full, {"name": full, "forms": set(), "source": "sse"})
        entry["forms"] |= forms
    for entry in companies.values():
        entry["forms"].discard(entry["name"])
    # forms well_known_companies.txt already reads, and the short forms of its groups (中国稀土 for 中国稀土集团:
    # the group or its listed arm, which the resolver tells apart when a stock code follows), are left to it
    known_forms = set()
    for fields in read_lexicon("well_known_companies.txt"):
        for form in fields:
            known_forms.add(form)
            core = re.sub(r"(?:集团有限公司|集团股份有限公司|集团公司|集团)$", "", form)
            if core != form and len(core) >= 2:
                known_forms.add(core)
    left_to_known = 0
    for entry in companies.values():
        # a listed arm named after its parent group (中国稀土 for 中国稀土集团资源科技股份有限公司): the short name
        # is the group's too, so it is left out as well
        parent = {
            f for f in entry["forms"]
            if re.match(re.escape(f) + r"集团(?!(?:股份)?有限(?:责任)?公司$)", entry["name"])
        }
        left_to_known += len(entry["forms"] & (known_forms | parent))
        entry["forms"] -= known_forms | parent
    # a form two companies share names neither (e.g. two issuers whose short names differ only by A/B)
    owners = defaultdict(set)
    for key, entry in companies.items():
        owners[key].add(key)
        for form in entry["forms"]:
            owners[form].add(key)
    dropped = {form for form, keys in owners.items() if len(keys) > 1}
    for key, entry in companies.items():
        entry["forms"] -= dropped
    return companies, dropped, left_to_known


# ---------------------------------------------------------------- ambiguity


def classify(form, jieba_words, places, industry, surnames):
    """'safe', 'cued' or 'strict' for one short form.

    strict: an ordinary word of jieba's dictionary (frequency >= 100, not tagged as an organisation, brand or
            abbreviation), a shorter-than-four-character one of frequency >= 20, or a form made only of frequent
            ordinary words (美丽生态 = 美丽/a + 生态/n): only a stock code or 证券简称 before it makes it a company;
    cued:   shorter than four characters, Latin letters only, a place followed by an industry or ordinary word
            (湖北能源, 上海医药), or any other ordinary word jieba knows;
    safe:   the rest: distinctive brand + sector names (星河电子), a place + a sector word only companies carry
            (苏州银行, 四川双马 is a brand), names jieba knows as organisations or abbreviations.
    """
    freq, tag = jieba_words.get(form, (0, ""))
    ordinary = tag not in ORG_TAGS
    if ordinary and (freq >= 100 or (freq >= 20 and len(form) < 4)):
        return "strict"
    if re.fullmatch(r"[A-Za-z0-9&.\-]+", form) or len(form) < 4:
        return "cued"
    parts = split_words(form, jieba_words)
    if parts and parts[-1] not in COMPANY_SECTORS and parts[0] not in places and all(
        jieba_words[p][0] >= 2000 and jieba_words[p][1] in ORDINARY_TAGS for p in parts
    ):
        return "strict"
    for place in places:
        if form.startswith(place) and len(form) > len(place):
            rest = form[len(place):]
            if rest in COMPANY_SECTORS:
                break
            if rest in industry or jieba_words.get(rest, (0, ""))[1] in ORDINARY_TAGS:
                return "cued"
            break
    if ordinary and freq >= 20:
        return "cued"
    return "safe"


ORG_TAGS = {"nt", "nz", "nrt", "j", "eng"}
# sector words only companies carry: a place before them names the company, not the place's industry
COMPANY_SECTORS = {"银行", "证券", "信托", "期货", "保险", "人寿", "股份", "集团", "控股", "药业", "制药", "重工", "电器", "农商行", "租赁"}
ORDINARY_TAGS = {"a", "ad", "an", "d", "v", "vn", "vd", "n", "ns", "s", "f", "b", "i", "l", "m", "q", "r", "t", "z", "c", "p"}


def split_words(form, words):
    """Split a form into dictionary words of two or more characters, longest first from the left; None if some
    part is not such a word."""
    parts, i = [], 0
    while i < len(form):
        for j in range(len(form), i + 1, -1):
            if form[i:j] in words:
                parts.append(form[i:j])
                i = j
                break
        else:
            return None
    return parts if len(parts) > 1 else None


# ---------------------------------------------------------------- output


def write(path, header, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join("# " + h for h in header) + "\n")
        for name, forms in sorted(entries):
            f.write("\t".join([name] + sorted(forms)) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--szse", required=True)
    ap.add_argument("--sse", required=True)
    ap.add_argument("--jieba", required=True)
    ap.add_argument("--date", required=True, help="date of the exchange exports")
    ap.add_argument("--origin", required=True, help="where the exports were taken from (repository, path, commit)")
    args = ap.parse_args()

    jieba_words = read_jieba(args.jieba)
    places = sorted(
        {f for e in read_lexicon("cn_admin_divisions.txt") for f in e} | {"中国", "中华", "全国", "国际"},
        key=len,
        reverse=True,
    )
    industry = {e[0] for e in read_lexicon("industry_words.txt")} | {e[0] for e in read_lexicon("company_name_words.txt")}
    industry |= {"机场", "港", "高速", "路桥", "发展", "能源", "电力", "投资", "建设", "交通", "水务", "燃气", "旅游", "城投", "国资", "环境", "医药", "黄金", "出版"}
    surnames = {e[0] for e in read_lexicon("surnames.txt")} | {e[0] for e in read_lexicon("surnames_modern.txt")}

    companies, dropped, left_to_known = load(args)
    tiers = {"safe": [], "cued": [], "strict": []}
    counts = defaultdict(int)
    for name, entry in companies.items():
        by_tier = defaultdict(set)
        for form in entry["forms"]:
            by_tier[classify(form, jieba_words, places, industry, surnames)].add(form)
        name_is_legal = bool(re.search(r"公司$|银行$", name))
        if not name_is_legal:
            # a Shanghai short name standing as the name: it is read by the tier it falls in
            tier = classify(name, jieba_words, places, industry, surnames)
            if tier != "safe":
                by_tier[tier].add(name)
        tiers["safe"].append((name, by_tier["safe"]) if (name_is_legal or not by_tier_has(name, by_tier)) else None)
        for tier in ("cued", "strict"):
            if by_tier[tier]:
                tiers[tier].append((name, by_tier[tier] - {name}))
        for tier, forms in by_tier.items():
            counts[tier] += len(forms)
    tiers["safe"] = [e for e in tiers["safe"] if e is not None]

    szse = sum(1 for e in companies.values() if e["source"] == "szse")
    sse = len(companies) - szse
    common = [
        f"source: Shenzhen Stock Exchange 上市公司列表 A股列表.xlsx ({szse} companies: 公司全称, A股简称, B股简称) and Shanghai",
        f"  Stock Exchange 股票列表 GPLIST.xls ({sse} companies: 证券简称, 扩位证券简称; no Chinese registered name), both as",
        f"  exported on {args.date}, taken from {args.origin};",
        "  ordinary-word judgement from jieba 0.42.1 (PyPI, MIT) jieba/dict.txt frequencies and tags.",
        "  Regenerate with tools/lexicons/listed_companies.py. No entry was taken from evaluation data.",
        "licence: factual public listing information published by the exchanges (not copyrightable as such);",
        "  selection and classification MIT OR Apache-2.0 (the kgx project licence)",
        "format: full registered name<TAB>short name<TAB>…  (Shanghai companies without a registered name in the",
        "  export are named by their extended short name, or by the legal name well_known_companies.txt gives;",
        "  trading-status marks *ST/ST/N/C/-U/-W and the share-class letter A/B are removed; stock codes are not",
        "  written: a six-digit code is a stock_code, never a company mention)",
    ]
    notes = {
        "safe": [
            "Listed companies: full registered names and the short names (证券简称) safe to read anywhere:",
            "  distinctive brand + sector names of four or more characters that jieba's dictionary does not know as",
            "  ordinary words and that are not a place + an industry word.",
        ],
        "cued": [
            "Listed companies: short names read only with a cue (a stock code, 股份/公司/公告/董事会/股价 … after it,",
            "  证券简称/股票简称 before it): shorter than four characters, a place + an industry word (湖北能源),",
            "  or a word jieba's dictionary knows with a low frequency.",
        ],
        "strict": [
            "Listed companies: short names that are ordinary words or phrases (jieba frequency >= 100, or made only of",
            "  frequent ordinary words: 美丽生态, 农产品): read only before a stock code or after 证券简称/股票简称.",
        ],
    }
    files = {"safe": "listed_companies.txt", "cued": "listed_companies_cued.txt", "strict": "listed_companies_strict.txt"}
    for tier, fname in files.items():
        entries = tiers[tier]
        header = notes[tier] + common + [
            f"{len(entries)} entries; {counts[tier]} short forms in this tier; {len(dropped)} forms shared by two companies",
            f"  and {left_to_known} forms well_known_companies.txt reads (or short forms of its groups, or of a listed arm's"
            " parent group) left out"
        ]
        write(os.path.join(LEX, fname), header, entries)
        print(f"{fname}: {len(entries)} entries, {counts[tier]} forms", file=sys.stderr)


def by_tier_has(name, by_tier):
    return any(name in forms for tier, forms in by_tier.items() if tier != "safe")


if __name__ == "__main__":
    main()
