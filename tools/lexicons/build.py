#!/usr/bin/env python3
"""Regenerate the package-derived lexicons under rules/lexicons/ and check all of them.

Standard library only.  Inputs are the *downloaded package files* (wheels or
unpacked directories), e.g.

    pip download --no-deps jionlp==1.5.31 babel==2.18.0 -d /tmp/lex
    python3 tools/lexicons/build.py \
        --jionlp /tmp/lex/jionlp-1.5.31-py2.py3-none-any.whl \
        --babel  /tmp/lex/babel-2.18.0-py3-none-any.whl

Generated files (overwritten):
    cn_admin_divisions.txt, cn_admin_hierarchy.tsv, cn_province_abbrev.txt,
    world_countries.txt, world_cities.txt, surnames.txt, surnames_unambiguous.txt

Curated files (titles.txt, company_suffixes.txt, org_suffixes.txt,
well_known_orgs.txt, well_known_companies.txt, agreement_kinds.txt) are edited
by hand; this script re-sorts and de-duplicates their entry lines in place
(keeping the `#` header) and checks them.

`python3 tools/lexicons/build.py --check` only checks the existing files.
"""

import argparse
import ast
import io
import os
import pickle
import re
import sys
import zipfile
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "rules", "lexicons")

CURATED = [
    "titles.txt",
    "company_suffixes.txt",
    "org_suffixes.txt",
    "well_known_orgs.txt",
    "well_known_companies.txt",
    "agreement_kinds.txt",
]

CURATED_SOURCE = "curated by the kgx developers from general knowledge"
PROJECT_LICENCE = "MIT OR Apache-2.0 (the kgx project's licence)"


# --------------------------------------------------------------------------
# package access: a wheel/sdist (zip) or an unpacked directory
# --------------------------------------------------------------------------
class Package:
    def __init__(self, path):
        self.path = path
        self.zip = zipfile.ZipFile(path) if os.path.isfile(path) else None

    def _names(self):
        if self.zip:
            return self.zip.namelist()
        out = []
        for d, _, files in os.walk(self.path):
            for f in files:
                out.append(os.path.relpath(os.path.join(d, f), self.path).replace(os.sep, "/"))
        return out

    def find(self, suffix):
        hits = [n for n in self._names() if n.endswith(suffix)]
        if not hits:
            sys.exit(f"error: {suffix} not found in {self.path}")
        hits.sort(key=len)
        return hits[0]

    def read(self, suffix):
        name = self.find(suffix)
        if self.zip:
            return name, self.zip.read(name)
        with open(os.path.join(self.path, name), "rb") as f:
            return name, f.read()

    def version(self, dist):
        """Version from the dist-info METADATA (wheel) or PKG-INFO (sdist)."""
        for n in self._names():
            if n.endswith(("METADATA", "PKG-INFO")) and dist in n.lower():
                _, data = self.read(n)
                m = re.search(r"^Version:\s*(\S+)", data.decode("utf-8"), re.M)
                if m:
                    return m.group(1)
        m = re.search(dist + r"-([0-9][^-/]*?)(?:-py|\.tar|\.zip|$)", os.path.basename(self.path))
        return m.group(1) if m else "unknown"


def fold(s):
    """The rule engine folds full-width parentheses to ASCII before matching."""
    return s.replace("（", "(").replace("）", ")").strip()


# --------------------------------------------------------------------------
# writing and checking
# --------------------------------------------------------------------------
def write_lexicon(fname, header, rows):
    """rows: dict name -> list of aliases (order kept, deduplicated)."""
    lines = []
    for name in sorted(rows):
        aliases = []
        for a in rows[name]:
            if a and a != name and a not in aliases:
                aliases.append(a)
        lines.append("\t".join([name] + aliases))
    with open(os.path.join(OUT, fname), "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write("# " + h + "\n" if h else "#\n")
        f.write("\n")
        for line in lines:
            f.write(line + "\n")
    return len(lines)


def read_entries(path):
    header, entries = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.append(line)
            elif line.strip():
                entries.append(line)
    return header, entries


def normalize_curated(fname):
    path = os.path.join(OUT, fname)
    header, entries = read_entries(path)
    rows = {}
    for e in entries:
        parts = [fold(p) for p in e.split("\t")]
        parts = [p for p in parts if p]
        name, aliases = parts[0], parts[1:]
        rows.setdefault(name, [])
        rows[name].extend(a for a in aliases if a not in rows[name])
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(h + "\n")
        f.write("\n")
        for name in sorted(rows):
            al = [a for a in rows[name] if a != name]
            f.write("\t".join([name] + al) + "\n")


def check_file(fname):
    path = os.path.join(OUT, fname)
    problems = []
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return 0, [f"not UTF-8: {e}"]
    if "\r" in text:
        problems.append("contains CR characters")
    header = [l for l in text.split("\n") if l.startswith("#")]
    for key in ("# source:", "# licence:", "# format:"):
        if not any(l.startswith(key) for l in header):
            problems.append(f"missing header line {key}")
    lines = [l for l in text.split("\n") if l and not l.startswith("#")]
    if fname.endswith(".tsv"):
        lines = lines[1:]  # column header line
        codes = [l.split("\t")[0] for l in lines]
        if len(codes) != len(set(codes)):
            problems.append("duplicate codes")
        for l in lines:
            if len(l.split("\t")) != 4 or any(not c for c in l.split("\t")[:3]):
                problems.append(f"bad row {l!r}")
        return len(lines), problems
    names, seen_alias = [], defaultdict(set)
    for l in lines:
        if l != l.strip() or l.endswith("\t"):
            problems.append(f"leading/trailing whitespace: {l!r}")
        parts = l.split("\t")
        if any(not p.strip() for p in parts):
            problems.append(f"empty field: {l!r}")
        if len(parts) != len(set(parts)):
            problems.append(f"alias repeats name: {l!r}")
        if "（" in l or "）" in l:
            problems.append(f"full-width parenthesis: {l!r}")
        names.append(parts[0])
        for a in parts[1:]:
            seen_alias[a].add(parts[0])
    if names != sorted(names):
        problems.append("entries not sorted")
    if len(names) != len(set(names)):
        problems.append("duplicate names")
    nameset = set(names)
    for a, owners in seen_alias.items():
        if len(owners) > 1:
            problems.append(f"alias {a!r} shared by {sorted(owners)}")
        if a in nameset:
            problems.append(f"alias {a!r} of {sorted(owners)} is also an entry name")
    return len(names), problems


# --------------------------------------------------------------------------
# jionlp: Chinese administrative divisions
# --------------------------------------------------------------------------
ZONE_RE = re.compile(r"开发区")
# Obvious typo in jionlp 1.5.31 china_location.txt (Miaoli County is 苗栗县).
NAME_FIXES = {"苗粟县": ("苗栗县", "苗栗")}

# Official one-character abbreviations (简称).  The first character of each
# entry is cross-checked against jionlp's CHINA_PROVINCE_ALIAS; the second
# (alternative) one is the other officially listed form, general public knowledge.
PROVINCE_ABBREV = {
    "北京市": "京", "天津市": "津", "河北省": "冀", "山西省": "晋",
    "内蒙古自治区": "蒙", "辽宁省": "辽", "吉林省": "吉", "黑龙江省": "黑",
    "上海市": "沪", "江苏省": "苏", "浙江省": "浙", "安徽省": "皖",
    "福建省": "闽", "江西省": "赣", "山东省": "鲁", "河南省": "豫",
    "湖北省": "鄂", "湖南省": "湘", "广东省": "粤", "广西壮族自治区": "桂",
    "海南省": "琼", "重庆市": "渝", "四川省": "川蜀", "贵州省": "贵黔",
    "云南省": "云滇", "西藏自治区": "藏", "陕西省": "陕秦", "甘肃省": "甘陇",
    "青海省": "青", "宁夏回族自治区": "宁", "新疆维吾尔自治区": "新",
    "香港特别行政区": "港", "澳门特别行政区": "澳", "台湾省": "台",
}


def load_china_location(jio):
    member, data = jio.read("dictionary/china_location.zip")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        inner = [n for n in z.namelist() if n.endswith("china_location.txt")][0]
        text = z.read(inner).decode("utf-8-sig")
    units = []  # dicts: code name level parent alias synthetic
    skipped = defaultdict(list)
    prov = city = None
    seq = defaultdict(int)
    for raw in text.splitlines():
        raw = raw.rstrip("\r")
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth > 2:
            continue  # towns and villages are not used
        f = raw.strip("\t").split("\t")
        name = f[0].strip()
        code = f[1].strip() if len(f) > 1 else ""
        alias = f[2].strip() if len(f) > 2 else ""
        if depth == 0:
            prov = {"code": code, "name": name, "level": "province", "parent": "-", "alias": alias}
            units.append(prov)
            city = None
        elif depth == 1:
            if code == prov["code"] or "直辖" in name:
                # municipality / SAR pseudo-city (same unit as the province) or
                # the "省直辖行政区划" container: children attach to the province
                city = prov
                skipped["pseudo-city level"].append(name)
                continue
            city = {"code": code, "name": name, "level": "city", "parent": prov["code"], "alias": alias}
            units.append(city)
        else:
            if "直辖" in name:
                skipped["pseudo-county 市直辖行政区划"].append(f"{city['name']}/{name}")
                continue
            if (code and code[4] == "7") or ZONE_RE.search(name):
                skipped["functional zone (statistical code xxxx7x / 开发区), not an administrative division"].append(name)
                continue
            if name in NAME_FIXES:
                name, alias = NAME_FIXES[name]
            synthetic = False
            if not code or code == city["code"] or code == prov["code"]:
                base = city["code"] if city["code"] else prov["code"]
                seq[base] += 1
                code = f"X{base}{seq[base]:02d}"
                synthetic = True
            units.append({"code": code, "name": name, "level": "county",
                          "parent": city["code"], "alias": alias, "synthetic": synthetic})
    return member, units, skipped


def load_word_counts(jio):
    """jionlp word_distribution.json: [word, count] per line (jiojio-segmented web/news text)."""
    import json
    _, data = jio.read("dictionary/word_distribution.zip")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read(z.namelist()[0]).decode("utf-8")
    counts = {}
    for line in text.splitlines():
        line = line.strip()
        if line:
            w, c = json.loads(line)
            counts[w] = c
    return counts


# County-level short forms that are frequent ordinary words are dropped when
# their count in jionlp's word_distribution is >= WORD_FREQ_LIMIT ...
WORD_FREQ_LIMIT = 50000
KEEP_SHORT_FORMS = {"浦东"}  # frequent because it is a frequent place name
# ... and these county short forms are dropped by hand (kgx developers' judgement:
# ordinary words, landmarks/lakes/mountains, company names or given names first).
COMMON_WORD_SHORT_FORMS = set("""
清新 温泉 建华 清水 白云 大方 平和 青山 宏伟 新民 向阳 同心 天桥 平房 河西 宝塔 东山
兴隆 仁和 卧龙 龙城 龙门 太和 河口 大城 嘉禾 永宁 和顺 武功 龙凤 桃源 水城 石门 白玉
大观 灵山 木兰 山城 大安 民乐 康乐 太白 无为 新丰 石龙 庆云 雨花 阳春 新星 七星 天元
同仁 共和 名山 天心 西湖 泰山 庐山 三江 紫金 锦江 麒麟 马龙 盘龙 金牛 青龙 东湖 南湖
太湖 天山 永康 永安 永丰 永福 永新 永年 万年 万安 三门 三台 天台 龙口 石林 亚东 未央
平安 凤凰 前锋 中方 南部 大关 会同 比如 通道
""".split())


def rule_pattern_constants(jio):
    member, data = jio.read("rule/rule_pattern.py")
    tree = ast.parse(data.decode("utf-8"))
    consts = {}
    for node in tree.body:  # later assignments override earlier ones, keep all
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                val = ast.literal_eval(node.value)
            except Exception:
                continue
            if isinstance(val, str):
                consts.setdefault(node.targets[0].id, []).append(val)
    return member, consts


def build_admin(jio, jver):
    member, units, skipped = load_china_location(jio)
    counts = load_word_counts(jio)
    rank = {"province": 0, "city": 1, "county": 2}

    # candidate short forms per unit
    cands = {}
    for i, u in enumerate(units):
        c = []
        a = u["alias"]
        if a and a != u["name"]:
            c.append(a)
        base = a if a and a != u["name"] else None
        if base:
            for suf, add in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
                if u["name"].endswith(suf) and not base.endswith(add):
                    c.append(base + add)
        cands[i] = c

    full_names = defaultdict(set)
    for i, u in enumerate(units):
        full_names[u["name"]].add(u["name"])
    alias_owner = defaultdict(dict)  # alias -> {full name: best (lowest) level rank}
    for i, c in cands.items():
        u = units[i]
        for a in c:
            r = rank[u["level"]]
            alias_owner[a][u["name"]] = min(r, alias_owner[a].get(u["name"], r))

    dropped = defaultdict(list)
    rows = {}
    for i, u in enumerate(units):
        rows.setdefault(u["name"], [])
        r = rank[u["level"]]
        for a in cands[i]:
            others = {n: lr for n, lr in alias_owner[a].items() if n != u["name"]}
            if len(a) < 2:
                dropped["shorter than 2 characters"].append(a)
            elif a in full_names and a != u["name"]:
                dropped["collides with another unit's full name"].append(f"{u['name']}→{a}")
            elif any(lr <= r for lr in others.values()):
                dropped["collides with a short form of another unit of the same or higher level"].append(f"{u['name']}→{a}")
            elif u["level"] == "county" and a not in KEEP_SHORT_FORMS and counts.get(a, 0) >= WORD_FREQ_LIMIT:
                dropped[f"county short form is a frequent word (count >= {WORD_FREQ_LIMIT} in jionlp word_distribution)"].append(f"{u['name']}→{a}")
            elif u["level"] == "county" and a in COMMON_WORD_SHORT_FORMS:
                dropped["county short form is an ordinary word/landmark (hand list in build.py)"].append(f"{u['name']}→{a}")
            else:
                rows[u["name"]].append(a)
    # a short form kept by a higher-level unit is dropped from the lower-level
    # units that share it (e.g. 南昌 stays with 南昌市, not 南昌县): counted above.
    # A full name shared by several units (e.g. 朝阳区) keeps only unshared short forms.
    name_count = defaultdict(int)
    for u in units:
        name_count[u["name"]] += 1
    for name, k in name_count.items():
        if k > 1:
            rows[name] = [a for a in rows[name] if set(alias_owner[a]) == {name}]

    n_prov = sum(u["level"] == "province" for u in units)
    n_city = sum(u["level"] == "city" for u in units)
    n_cty = sum(u["level"] == "county" for u in units)
    n_drop = sum(len(v) for v in dropped.values())
    src = f"jionlp {jver} (PyPI, https://pypi.org/project/jionlp/), jionlp/{member.split('jionlp/', 1)[-1]} → china_location.txt (levels 1-3 only)"
    header = [
        "China's administrative divisions: provinces, prefecture-level and county-level units.",
        f"source: {src}",
        "licence: Apache-2.0 (jionlp); derived data, see rules/lexicons/README.md",
        "format: full_name<TAB>short_form...  (short forms: jionlp's alias field; 自治州/自治县/自治旗 also get short+州/县/旗)",
        f"units: {n_prov} province-level, {n_city} prefecture-level, {n_cty} county-level ({len(rows)} distinct names; see cn_admin_hierarchy.tsv for codes)",
        "rules: no short form under 2 characters (one-char province abbreviations live in cn_province_abbrev.txt);",
        "       a short form is dropped when it equals another unit's full name, or another unit of the same or higher",
        "       level has the same short form (a prefecture-level city keeps 南昌 over 南昌县; two counties sharing 朝阳 both lose it);",
        f"       a county-level short form is dropped when it is a frequent word (count >= {WORD_FREQ_LIMIT} in jionlp",
        "       dictionary/word_distribution.zip) or is on the hand list of ordinary words in tools/lexicons/build.py.",
        f"dropped short forms: {n_drop} in total",
    ]
    for k in sorted(dropped):
        header.append(f"  {len(dropped[k])} {k}")
    for k in sorted(skipped):
        header.append(f"skipped units: {len(skipped[k])} {k}")
    header.append("generated by tools/lexicons/build.py; do not edit by hand")
    n = write_lexicon("cn_admin_divisions.txt", header, rows)

    # hierarchy
    path = os.path.join(OUT, "cn_admin_hierarchy.tsv")
    n_syn = sum(1 for u in units if u.get("synthetic"))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Hierarchy of China's administrative divisions (province > city > county).\n")
        f.write(f"# source: {src}\n")
        f.write("# licence: Apache-2.0 (jionlp); derived data\n")
        f.write("# format: code<TAB>name<TAB>level(province|city|county)<TAB>parent_code ('-' for provinces); one header line follows\n")
        f.write("# code: 6-digit division code as given by jionlp (GB/T 2260 for the mainland; jionlp's own numbering for Taiwan's cities).\n")
        f.write(f"# {n_syn} units without a unique code in jionlp (districts of Hong Kong, Macau and Taiwan) get a synthetic\n")
        f.write("#   code 'X' + parent code + 2-digit sequence in jionlp's order, e.g. X81000001; these are NOT official codes.\n")
        f.write("# Counties of municipalities, of SARs and of 省直辖/市直辖 containers have the province (or city) as parent.\n")
        f.write("# generated by tools/lexicons/build.py; do not edit by hand\n")
        f.write("code\tname\tlevel\tparent_code\n")
        order = {"province": 0, "city": 1, "county": 2}
        for u in sorted(units, key=lambda u: (u["code"].lstrip("X"), order[u["level"]], u["code"])):
            f.write(f"{u['code']}\t{u['name']}\t{u['level']}\t{u['parent']}\n")

    # province abbreviations
    _, consts = rule_pattern_constants(jio)
    jio_abbr = consts["CHINA_PROVINCE_ALIAS"][-1]
    provs = {u["name"] for u in units if u["level"] == "province"}
    assert set(PROVINCE_ABBREV) == provs, set(PROVINCE_ABBREV) ^ provs
    for p, ab in PROVINCE_ABBREV.items():
        assert ab[0] in jio_abbr, (p, ab)
    assert sorted(ab[0] for ab in PROVINCE_ABBREV.values()) == sorted(jio_abbr)
    write_lexicon("cn_province_abbrev.txt", [
        "Official one-character abbreviations (简称) of China's province-level units.",
        "Only safe in context (e.g. 沪深两市, 京津冀, 苏A): do not match them as free-standing entities.",
        f"source: jionlp {jver} jionlp/rule/rule_pattern.py CHINA_PROVINCE_ALIAS (the primary character of each unit);",
        "        the alternative characters 蜀 黔 滇 秦 陇 are the other officially listed forms (public general knowledge)",
        "licence: Apache-2.0 (jionlp); the mapping to full names: " + PROJECT_LICENCE,
        "format: full_name<TAB>abbreviation[<TAB>alternative abbreviation]",
        "generated by tools/lexicons/build.py; do not edit by hand",
    ], {p: list(ab) for p, ab in PROVINCE_ABBREV.items()})
    return units, rows, dropped, skipped


# --------------------------------------------------------------------------
# surnames (jionlp rule_pattern.py)
# --------------------------------------------------------------------------
def build_surnames(jio, jver):
    member, consts = rule_pattern_constants(jio)
    singles = consts["SINGLE_CHINESE_FAMILY_NAME"]
    full, unamb = singles[0], singles[-1]
    doubles = consts["TWO_CHAR_CHINESE_FAMILY_NAME"][-1].split("|")
    full_set = [c for c in dict.fromkeys(full)]
    rows = {s: [] for s in full_set}
    rows.update({d: [] for d in doubles if d})
    src = f"jionlp {jver} (PyPI), jionlp/rule/rule_pattern.py: SINGLE_CHINESE_FAMILY_NAME (first definition, 百家姓 order) and TWO_CHAR_CHINESE_FAMILY_NAME"
    n1 = write_lexicon("surnames.txt", [
        "Chinese surnames: single-character (百家姓) and compound.",
        f"source: {src}",
        "licence: Apache-2.0 (jionlp); the 百家姓 text itself is public domain",
        "format: surname (no aliases); no frequency rank is available in the source, so none is given",
        f"counts: {len(full_set)} single-character, {len([d for d in doubles if d])} compound",
        "generated by tools/lexicons/build.py; do not edit by hand",
    ], rows)
    rows2 = {s: [] for s in dict.fromkeys(unamb)}
    rows2.update({d: [] for d in doubles if d})
    n2 = write_lexicon("surnames_unambiguous.txt", [
        "Chinese surnames that are rarely ordinary words (safer as a person-name cue): jionlp's filtered subset plus compound surnames.",
        f"source: jionlp {jver} (PyPI), jionlp/rule/rule_pattern.py: SINGLE_CHINESE_FAMILY_NAME (second definition, "
        "'将存在歧义的姓氏去除掉') and TWO_CHAR_CHINESE_FAMILY_NAME",
        "licence: Apache-2.0 (jionlp)",
        "format: surname (no aliases)",
        "generated by tools/lexicons/build.py; do not edit by hand",
    ], rows2)
    return n1, n2


# --------------------------------------------------------------------------
# CLDR via babel: countries and exemplar cities; jionlp world_location.txt
# --------------------------------------------------------------------------
class _Stub:
    def __init__(self, *a, **k):
        pass

    def __setstate__(self, state):
        pass


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module.startswith("babel"):
            return type(name, (_Stub,), {})
        return super().find_class(module, name)


def babel_data(bab, suffix):
    member, data = bab.read(suffix)
    return member, _Unpickler(io.BytesIO(data)).load()


# not countries: CLDR macro-regions/pseudo-regions, exceptionally reserved codes,
# Antarctica; HK/MO/TW are Chinese province-level units (cn_admin_divisions.txt)
NOT_COUNTRY = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA", "AQ", "HK", "MO", "TW"}
# jionlp world_location.txt names that differ from CLDR zh names
JIO_TO_ISO = {"沙特": "SA", "巴勒斯坦": "PS", "波黑": "BA", "马其顿": "MK", "塞拉里昂": "SL",
              "刚果(金)": "CD", "刚果(布)": "CG", "多米尼加": "DO", "多米尼克国": "DM", "阿联酋": "AE"}
CN_ZONE_TERRITORIES = {"CN", "HK", "MO", "TW"}
# entries of jionlp's main-city column that are not cities: 巴新 is the short name of
# Papua New Guinea (moved to the country's aliases), 好望角 is a cape.
NOT_A_CITY = {"巴新": "PG", "好望角": None}


def build_world(jio, jver, bab, bver, admin_names):
    zh_member, zh = babel_data(bab, "locale-data/zh.dat")
    gl_member, gl = babel_data(bab, "global.dat")
    terr = {k: fold(v) for k, v in zh["territories"].items() if len(k) == 2 and k.isalpha() and k.isupper()}
    countries = {}  # iso -> [name, aliases...]
    for iso, name in terr.items():
        if iso in NOT_COUNTRY:
            continue
        countries[iso] = [name]
    by_name = {v[0]: k for k, v in countries.items()}

    wl_member, wl = jio.read("dictionary/world_location.txt")
    jio_cities = []
    for line in wl.decode("utf-8").splitlines():
        p = [fold(x) for x in line.split("\t")]
        if len(p) < 3:
            continue
        short, full_name, capital = p[0], p[1], p[2]
        iso = by_name.get(short) or by_name.get(full_name) or JIO_TO_ISO.get(short)
        if iso is None:
            sys.exit(f"error: jionlp country {short} not mapped to CLDR")
        if iso == "CN":
            countries[iso] += [full_name]
            continue
        countries[iso] += [short, full_name]
        jio_cities.append(capital)
        for c in (p[3].split("/") if len(p) > 3 else []):
            if c in NOT_A_CITY:
                if NOT_A_CITY[c]:
                    countries[NOT_A_CITY[c]].append(c)
                continue
            jio_cities.append(c)
    # 巴勒斯坦领土 (CLDR) is usually 巴勒斯坦 in news: jionlp alias covers it.
    rows = {}
    for iso, names in countries.items():
        rows[names[0]] = names[1:]
    n_c = write_lexicon("world_countries.txt", [
        "Countries and territories of the world (ISO 3166-1), Chinese names; aliases are common short forms and official full names.",
        f"source: Unicode CLDR via babel {bver} (PyPI), babel/{zh_member.split('babel/', 1)[-1]} → territories (2-letter codes);",
        f"        aliases from jionlp {jver} (PyPI) jionlp/dictionary/world_location.txt (short name, full official name)",
        "licence: CLDR data: Unicode License v3 (babel package: BSD-3-Clause); jionlp: Apache-2.0",
        "format: cldr_name<TAB>alias...  (full-width parentheses folded to ASCII)",
        "excluded: CLDR pseudo/macro regions (EU EZ UN QO XA XB ZZ), reserved codes (AC CP DG EA IC TA), AQ (Antarctica),",
        "          HK MO TW (Chinese province-level units, see cn_admin_divisions.txt)",
        "generated by tools/lexicons/build.py; do not edit by hand",
    ], rows)

    # cities: CLDR exemplar cities of time zones (zh) + jionlp capitals/main cities
    country_terms = set(rows) | {a for al in rows.values() for a in al} | set(terr.values())
    zone_terr = gl["zone_territories"]
    cities = {}
    dropped = defaultdict(list)
    for zone, info in zh["time_zones"].items():
        city = info.get("city") if isinstance(info, dict) else None
        if not city:
            continue
        city = fold(city)
        t = zone_terr.get(zone)
        if zone.startswith(("Antarctica/", "Etc/")) or t is None:
            dropped["Antarctic/Etc zones or no territory"].append(city); continue
        if t in CN_ZONE_TERRITORIES:
            dropped["zones in China (see cn_admin_divisions.txt)"].append(city); continue
        if city in country_terms:
            dropped["same as a country/territory name"].append(city); continue
        if city.endswith(("岛", "群岛")) or city in admin_names:
            dropped["island names or Chinese division names"].append(city); continue
        cities.setdefault(city, [])
    for city in jio_cities:
        if city in country_terms or city in admin_names:
            dropped["same as a country/territory name"].append(city); continue
        if city.endswith("岛"):
            dropped["island names or Chinese division names"].append(city); continue
        cities.setdefault(city, [])
    # 海参崴 is the traditional Chinese name of 符拉迪沃斯托克
    if "海参崴" in cities and "符拉迪沃斯托克" in cities:
        del cities["海参崴"]
        cities["符拉迪沃斯托克"].append("海参崴")
    n_ci = write_lexicon("world_cities.txt", [
        "Cities outside China (capitals, major cities, time-zone exemplar cities), Chinese names.",
        f"source: Unicode CLDR via babel {bver} (PyPI), babel/{zh_member.split('babel/', 1)[-1]} → time_zones[*].city",
        f"        (zone→territory from babel/{gl_member.split('babel/', 1)[-1]}); plus jionlp {jver} (PyPI)",
        "        jionlp/dictionary/world_location.txt capitals and main cities",
        "licence: CLDR data: Unicode License v3 (babel package: BSD-3-Clause); jionlp: Apache-2.0",
        "format: city<TAB>alias...",
        "excluded: " + "; ".join(f"{len(v)} {k}" for k, v in sorted(dropped.items())),
        "note: some exemplar cities are ambiguous with other words or people (e.g. 达尔文, 圣地亚哥); use with context",
        "generated by tools/lexicons/build.py; do not edit by hand",
    ], cities)
    return n_c, n_ci


# --------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jionlp", help="jionlp wheel/sdist or unpacked directory")
    ap.add_argument("--babel", help="babel wheel/sdist or unpacked directory")
    ap.add_argument("--check", action="store_true", help="only check the existing files")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    if not args.check:
        if not (args.jionlp and args.babel):
            ap.error("--jionlp and --babel are required unless --check")
        jio, bab = Package(args.jionlp), Package(args.babel)
        jver, bver = jio.version("jionlp"), bab.version("babel")
        units, _, dropped, skipped = build_admin(jio, jver)
        admin_names = {u["name"] for u in units} | {u["alias"] for u in units if u["alias"]}
        build_surnames(jio, jver)
        build_world(jio, jver, bab, bver, admin_names)
        for fname in CURATED:
            if os.path.exists(os.path.join(OUT, fname)):
                normalize_curated(fname)
    bad = False
    files = sorted(f for f in os.listdir(OUT) if f.endswith((".txt", ".tsv")))
    for fname in files:
        n, problems = check_file(fname)
        print(f"{fname:32s} {n:6d} entries" + ("" if not problems else f"  PROBLEMS: {len(problems)}"))
        for p in problems[:20]:
            print("    " + p)
        bad |= bool(problems)
    missing = [f for f in CURATED if f not in files]
    if missing:
        print("missing curated files:", ", ".join(missing))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
