"""Find named villages and communities: the gazetteer, shared-suffix lists, and their form."""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = ("社区", "居委会", "村")
TYPE_OF_SUFFIX = {"村": "行政村", "社区": "社区", "居委会": "社区"}
CJK = r"[\u4e00-\u9fff]"
# "新平、新建、群安、新伦4个村", "锦标、沙仔村": bare names sharing the suffix after them.
# A counted list may name what kind of village they are between its count and the suffix
# ("白鹭、青石、荷塘3个示范村"): a few characters, not a phrase of its own (的, 和, 片区).
SHARED_SUFFIX_LIST = re.compile(
    rf"(?P<names>(?:{CJK}{{2,4}}、)+{CJK}{{2,4}}?)(?:等)?(?:共)?"
    r"(?:(?:\d+|[一二两三四五六七八九十]+)个(?:(?![的和与及区、])[\u4e00-\u9fff]){0,4}?"
    r"|(?:\d+|[一二两三四五六七八九十]+)?(?:个)?)"
    r"(?P<suffix>社区|行政村|村)(?![级委民务干庄容落头里内]|集体|卫生|\(社区\))"
)
NAME_BEFORE_SUFFIX = re.compile(rf"(?P<name>{CJK}{{2,3}}?)(?P<suffix>社区|居委会|村)")
STOP_CHARS = set(
    "各本该全每逐驻进入到的了和与及在对为将把被向从等个些其这那此所有级区乡镇市县省街道的是以、"
)
# Place names that end like this are roads, rivers, sites or bodies, not villages.
BAD_ENDINGS = tuple("路街道桥河涌区园厂场站馆校所院队组会中期号批程农乡城强驻")
# ...but a village may be named after a garden, a bridge, a stream or a street (茶园村, 新桥社区,
# 新街社区): in a list of villages, or before 社区, these endings are names.
SITE_ENDINGS = tuple("园桥河涌街")
VERBS = {
    "组织", "明确", "推动", "鼓励", "指导", "督促", "引导", "建立", "开展", "加强", "巩固", "确保",
    "规范", "修订", "增加", "拓宽", "询问", "问诊", "帮助", "支持", "发动", "动员", "要求", "全面",
    "深入", "走访", "联系", "包括", "涉及", "覆盖", "进驻", "下沉", "带动", "服务", "完善", "落实",
    "提升", "打造", "培育", "实现", "推进", "加快", "选派", "派驻", "年度", "年底", "全年", "力争",
    "争取", "计划", "预计", "新建", "建设", "统一", "加大", "强化", "深化", "优化",
    "举办", "配合", "建成", "清查", "储备", "选配", "对标", "调整", "召开", "配备",
}  # fmt: skip
STOP_NAMES = {
    "行政", "乡村", "农村", "美丽", "典型", "示范", "城中", "城乡", "文明", "和美", "宜居", "重点",
    "涉农", "相关", "所在", "有关", "其余", "部分", "个别", "全部", "所有", "贫困", "薄弱", "后进",
    "先进", "试点", "省级", "市级", "区级", "镇级", "特色", "中心", "周边", "沿线", "下辖", "基层",
    "城市", "农业", "新农", "新型", "智慧", "平安", "绿色", "生态", "数字", "健康", "社会", "和谐",
    "幸福", "强", "家园", "村村", "驻点", "联系", "挂点", "结对", "帮扶", "合作", "民主", "法治",
    "边远", "偏远", "自然", "经济", "集体", "本地", "当地", "辖区", "全镇", "全街", "示范性", "特色村",
    "空壳", "软弱", "涣散", "专业", "达标", "问题", "样板", "对口", "老旧", "乡镇", "城镇", "农民",
    "合格", "优秀", "整治", "治理", "星级", "标杆", "清洁", "绿美", "无违建", "平安村", "上述", "以上",
    "该", "此", "各", "本", "旧",
}  # fmt: skip
INTRODUCERS = (
    "在", "对", "由", "与", "和", "及", "为", "将", "把", "到", "至", "从", "向", "组织", "完成",
    "推动", "指导", "其中", "包括", "以", "如", "即", "协助", "帮助", "支持", "督促", "引导", "成立",
    "实现", "打造", "开展", "位于", "涉及", "覆盖", "街道", "镇", "推进", "加快", "新增", "其余",
    "剩余", "是", "的", "同", "跟", "了", "共",
)  # fmt: skip
# "接源、沿江片区", "锦标、沙仔四大片区": areas named after villages, not the villages.
AREA_AFTER = re.compile(
    r"(?:等)?(?:\d+|[一二两三四五六七八九十]+)?(?:个|大)?(?:片区|区域|园区|工业园)"
)
GENERIC_COMMUNITY_WORDS = (
    "卫生",
    "养老",
    "财务",
    "服务",
    "治理",
    "工作",
    "居民",
    "干部",
    "党",
    "管理",
)
BAD_FOLLOWERS = (
    *"级民务干庄容落头里内组均道", "集体",
    "(社区)", "(居)", "居", "“两委", "两委", '"两委', "委会", "委员会",
)  # fmt: skip


@dataclass(frozen=True)
class Village:
    """A named village or community as the gazetteer or the text gives it."""

    name: str
    type: str


@dataclass(frozen=True)
class Mention:
    village: Village
    start: int
    end: int


class Gazetteer:
    """data/villages.csv: name,type,aliases (aliases ';'-separated, e.g. the bare name)."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.rows = rows
        self.by_name: dict[str, Village] = {}
        self.by_alias: dict[str, Village] = {}
        for row in rows:
            name = (row.get("name") or "").strip()
            if not name:
                continue
            kind = (row.get("type") or "").strip() or _type_of(name)
            village = Village(name, kind)
            self.by_name[name] = village
            bare = _strip_suffix(name)
            if bare != name and len(bare) >= 2:
                self.by_alias[bare] = village
            for alias in re.split(r"[;；,，|]", row.get("aliases") or ""):
                alias = alias.strip()
                if alias:
                    self.by_alias[alias] = village
                    if alias.endswith(SUFFIXES):
                        self.by_name[alias] = village

    def name_regex(self) -> re.Pattern[str] | None:
        """One pattern for every full name, longest first."""
        key = tuple(self.by_name)
        if getattr(self, "_names_key", None) != key:
            self._names_key = key
            self._names = _name_regex(key) if key else None
        return self._names

    def scoped(self, text: str) -> Gazetteer:
        """Only the villages of the town the notice is about, where the gazetteer says towns
        (an optional `town` column): a district keeps one file for all its towns. The town is
        the one the notice's opening (title and first lines) names; rows without a town stay."""
        towns = {(r.get("town") or "").strip() for r in self.rows} - {""}
        if not towns:
            return self
        opening = text[:400]
        named = {t for t in towns if t in opening or _strip_town(t) in opening}
        if not named:
            return self
        return Gazetteer([r for r in self.rows if (r.get("town") or "").strip() in named | {""}])

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return cls(list(csv.DictReader(fh)))

    def resolve(self, bare: str, suffix: str) -> Village:
        full = bare + suffix
        if full in self.by_name:
            return self.by_name[full]
        if bare in self.by_alias:
            return self.by_alias[bare]
        return Village(full, TYPE_OF_SUFFIX.get(suffix, "行政村"))


def _strip_town(town: str) -> str:
    for suffix in ("街道", "镇", "乡"):
        if town.endswith(suffix) and len(town) > len(suffix) + 1:
            return town[: -len(suffix)]
    return town


def _strip_suffix(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _type_of(name: str) -> str:
    return "社区" if name.endswith(("社区", "居委会")) else "行政村"


def find_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every named village in the text; names recognised by form count everywhere in it."""
    gazetteer = gazetteer.scoped(text)
    first = _find(text, gazetteer, 0, len(text))
    new = {m.village.name: m.village for m in first if m.village.name not in gazetteer.by_name}
    if not new:
        return first
    found = {m.start: m for m in first}
    for start, name in _occurrences(text, tuple(new)):
        end = start + len(name)
        if not any(f.start < end and start < f.end for f in found.values()):
            found[start] = Mention(new[name], start, end)
    return sorted(found.values(), key=lambda x: x.start)


def _occurrences(text: str, names: tuple[str, ...]) -> list[tuple[int, str]]:
    """(start, name) of each match of _name_regex(names).finditer(text), found with
    str.find: compiling a new alternation for each notice's names cost more than the scan.
    Leftmost first, the longest name at a place, the next one after its end, as the regex."""
    if not all(names):
        return [(m.start(), m.group()) for m in _name_regex(names).finditer(text)]
    hits = []
    for name in set(names):
        at = text.find(name)
        while at != -1:
            hits.append((at, -len(name), name))
            at = text.find(name, at + 1)
    hits.sort()
    out, pos = [], 0
    for at, minus_len, name in hits:
        if at >= pos:
            out.append((at, name))
            pos = at - minus_len
    return out


def _name_regex(names: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def _find(text: str, gazetteer: Gazetteer, lo: int, hi: int) -> list[Mention]:
    found: dict[int, Mention] = {}
    for m in SHARED_SUFFIX_LIST.finditer(text, lo, hi):
        for mention in _list_members(text, m, gazetteer):
            found.setdefault(mention.start, mention)
    names = gazetteer.name_regex()
    for m in names.finditer(text, lo, hi) if names else ():
        name, start = m.group(), m.start()
        if name.endswith("社区") and text.startswith("卫生", start + len(name)):
            continue
        if name.endswith("村") and text.startswith(("道", "级"), start + len(name)):
            continue  # 新建村道 is "newly built village roads", not 新建村
        found.setdefault(start, Mention(gazetteer.by_name[name], start, start + len(name)))
    for mention in _bare_lists(text, lo, hi, gazetteer):
        found.setdefault(mention.start, mention)
    for m in NAME_BEFORE_SUFFIX.finditer(text, lo, hi):
        mention = _by_form(text, m, gazetteer)
        if mention and not any(
            f.start < mention.end and mention.start < f.end for f in found.values()
        ):
            found.setdefault(mention.start, mention)
    return sorted(_drop_nested(found.values()), key=lambda x: x.start)


def _drop_nested(mentions) -> list[Mention]:
    ordered = sorted(mentions, key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Mention] = []
    for m in ordered:
        if kept and m.start < kept[-1].end and m.village.name != kept[-1].village.name:
            continue
        kept.append(m)
    return kept


def _list_members(text: str, m: re.Match[str], gazetteer: Gazetteer) -> list[Mention]:
    names = m.group("names").split("、")
    suffix = m.group("suffix")
    suffix = "村" if suffix == "行政村" else suffix
    first = names[0]
    bare = _strip_suffix(first)
    own_suffix = first[len(bare) :]
    if bare not in gazetteer.by_alias and first not in gazetteer.by_name:
        for size in (3, 2):
            if bare[-size:] in gazetteer.by_alias or bare[-size:] + own_suffix in gazetteer.by_name:
                bare = bare[-size:]
                break
        else:
            bare = _first_name(text, m.start("names"), bare, len(_strip_suffix(names[1])))
    names[0] = bare + own_suffix
    # a counted list ("…3个村") or one whose names each carry a suffix ("建设社区、和平社区")
    counted = m.group("names") != m.group(0)[: -len(m.group("suffix"))] or all(
        n.endswith(SUFFIXES) for n in names[:-1]
    )
    out, pos = [], m.start("names") + len(m.group("names")) - len("、".join(names))
    for name in names:
        if name in gazetteer.by_name:
            village = gazetteer.by_name[name]
        elif name.endswith(SUFFIXES):
            bare = _strip_suffix(name)
            if not plausible_name(bare, counted, site=True) and bare not in gazetteer.by_alias:
                return []
            village = gazetteer.resolve(bare, name[len(bare) :])
        else:
            if not plausible_name(name, counted, site=True) and name not in gazetteer.by_alias:
                return []
            village = gazetteer.resolve(name, suffix)
        out.append(Mention(village, pos, pos + len(name)))
        pos += len(name) + 1
    return out


def _first_name(text: str, start: int, run: str, size: int) -> str:
    """The first name of a list, from the run of characters the list pattern took before its
    first 、 (新增新平、新建… takes 增新平 or 新增新平). The name is the longest tail of the
    run that opens at a boundary (after punctuation, 新增, 在, 完成…) and reads as a name
    (目前,黄泥塘村、上冲村: 黄泥塘, though 上冲 has two characters); failing that, the tail
    as long as the next name."""
    for i in range(len(run) - 1):
        name = run[i:]
        at = start + i
        if (
            len(name) <= 3
            and name[0] not in "年月日"
            and plausible_name(name)
            and (_boundary_before(text, at) or text[max(0, at - 2) : at] in VERBS)
        ):
            return name
    return run[-size:]


def plausible_name(name: str, listed: bool = False, site: bool = False) -> bool:
    """A short name that could be a village's: not a verb, a generic word or a place type.

    Names in a counted or suffixed list ("松岗、泰和、塘尾3个村", "建设社区、和平社区")
    may hold characters or words (和, 建设) that would end a name found by its form alone.
    A name found by its form alone does not end in a generic word (对标典型村: 典型村).
    `site`: a name before 社区, or one of a list, may end like a site (茶园村, 新桥社区).
    """
    return (
        2 <= len(name) <= 3
        and name not in STOP_NAMES
        and (listed or (name[-2:] not in VERBS and name[:2] not in VERBS))
        and (listed or name[-2:] not in STOP_NAMES)
        and (
            listed
            or not (set(name[:-1] if site and name.endswith(SITE_ENDINGS) else name) & STOP_CHARS)
        )
        and (not name.endswith(BAD_ENDINGS) or ((listed or site) and name.endswith(SITE_ENDINGS)))
        and re.fullmatch(f"{CJK}+", name) is not None
    )


def _bare_lists(text: str, lo: int, hi: int, gazetteer: Gazetteer) -> list[Mention]:
    """裕安、接源、锦标、沙仔、沿江等5家…: a 、-list naming two or more known villages."""
    out: list[Mention] = []
    if not gazetteer.by_alias:
        return out
    for m in re.finditer(rf"(?:{CJK}{{2,3}}、)+{CJK}{{2,3}}", text[lo:hi]):
        base = lo + m.start()
        parts = m.group().split("、")
        pos, hits = base, []
        for i, part in enumerate(parts):
            candidates = [part]
            if i == 0:
                candidates.append(part[-2:])
            if i == len(parts) - 1:
                candidates.append(part[:2])
            for cand in candidates:
                if cand in gazetteer.by_alias:
                    start = pos + (len(part) - len(cand) if i == 0 else 0)
                    hits.append(Mention(gazetteer.by_alias[cand], start, start + len(cand)))
                    break
            pos += len(part) + 1
        end = hits[-1].end if hits else lo + m.end()
        follows = text[end : end + 6]
        if len(hits) >= 2 and not AREA_AFTER.match(follows):
            out.extend(hits)
    return out


def _by_form(text: str, m: re.Match[str], gazetteer: Gazetteer) -> Mention | None:
    """A short name before 村/社区/居委会 where the text before it is a boundary."""
    suffix = m.group("suffix")
    end = m.end()
    if suffix == "村" and text.startswith(BAD_FOLLOWERS, end):
        return None
    if suffix == "社区" and text.startswith(GENERIC_COMMUNITY_WORDS, end):
        return None
    name_end = m.start("suffix")
    for size in (2, 3):
        start = name_end - size
        if start < 0:
            continue
        name = text[start:name_end]
        if not plausible_name(name, site=suffix == "社区"):
            continue
        if name in gazetteer.by_alias or name + suffix in gazetteer.by_name:
            continue  # the gazetteer pass has these already
        if start and text[start - 1].isdigit():
            continue  # 2天下村: the first character is the number's unit, not a name's
        if _boundary_before(text, start):
            village = gazetteer.resolve(name, suffix)
            return Mention(village, start, end)
    return None


def _boundary_before(text: str, start: int) -> bool:
    if start == 0:
        return True
    prev = text[start - 1]
    if not re.match(CJK, prev):
        return True
    return text[max(0, start - 2) : start].endswith(INTRODUCERS)


# --- which villages a figure is of -------------------------------------------------------

WHOLE_TOWN = re.compile(r"全(?:镇|街道?|市|区|县|乡)")
# 其余村拆除285处, 其他村以种植油菜为主: the clause speaks of the villages not named
OTHER_VILLAGES = re.compile(
    r"(?:其余|其他|其它|剩余|余下)(?:\d+个|[一二两三四五六七八九十]+个)?(?:行政村|村|社区)"
)
COUNT = re.compile(r"[\d一二两三四五六七八九十百千万]")
SEGMENT_BREAK = re.compile(r"[;；]")
# a clause ends at a comma, a colon or a semicolon (not a thousands separator)
CLAUSE_END = re.compile(r"[;；:：。!?\n|\t，]|(?<!\d),|,(?!\d{3}(?!\d))")
MEASURE_MARK = re.compile(r"(?:^|(?<=[。;；:：\n]))\s*[一二三四五六七八九十]{1,3}是")
# what may stand before a topic at the head of its clause: a measure's 一是, 其中, 在/以/由,
# or a verb that sets the villages to work (推动甲村、乙村开展整治,清理…146处)
TOPIC_LEAD = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}是)?\s*(?:其中|同时|目前|另外|此外)?\s*"
    r"(?:在|以|由|推动|组织|指导|督促|引导|带动|动员|鼓励|支持)?\s*$"
)


def figure_villages(
    text: str,
    start: int,
    lo: int,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    paragraph: tuple[int, int],
    mentions: list[Mention],
    starts: list[int],
) -> list[str]:
    """The villages a figure at `start` is of, as issue 9 and DESIGN.md say: those its own
    clause names (not every village of its sentence).

    - Where a clause counts village by village (其中甲村3处、乙村4处), the names between the
      clause's previous figure (its end is `lo`) and this one; else the whole clause's.
    - A village that opens an earlier clause of the same statement (up to a semicolon) is its
      topic and governs the clauses after it (甲村拆除96间,建成“四小园”12个; 在甲村,…N个;
      以甲村作为示范区…,新增耕地约6000亩); a village named after a verb (新设甲村卫生站2个,
      引进医生11名; 针对甲、乙村…问题,新建蓄水池5口) is that clause's object, and no more.
    - A sentence that names no village takes the one village its measure (一是…) named
      before it; a paragraph without measures, or a sentence of the whole town, gives none.
    """

    def named(a: int, b: int) -> list[str]:
        first, last = bisect_left(starts, a), bisect_left(starts, b)
        return list(dict.fromkeys(m.village.name for m in mentions[first:last]))

    own = named(lo, start)
    if own:
        return own
    own = named(*clause)
    if own:
        return own
    words = text[clause[0] : clause[1]]
    if WHOLE_TOWN.search(words) or OTHER_VILLAGES.search(words):
        return []
    topic = _topic(text, clause[0], sentence[0], mentions, starts)
    if topic is not None:
        return topic
    if named(*sentence) or WHOLE_TOWN.search(text, sentence[0], sentence[1]):
        return []
    measure = None
    for m in MEASURE_MARK.finditer(text, paragraph[0], start):
        measure = m.start()
    if measure is None:
        return []
    before = named(measure, start)
    return before if len(before) == 1 else []


def _topic(
    text: str, clause_start: int, sentence_start: int, mentions: list[Mention], starts: list[int]
) -> list[str] | None:
    """The villages opening the nearest earlier clause of this statement, if that clause
    names villages as its topic; None when no clause before it (up to a semicolon) names any,
    or the nearest that does names them after a verb, or a clause between speaks of others."""
    seg = sentence_start
    for m in SEGMENT_BREAK.finditer(text, sentence_start, clause_start):
        seg = m.end()
    bounds, left = [], seg
    for m in CLAUSE_END.finditer(text, seg, clause_start):
        if m.start() > left:
            bounds.append((left, m.start()))
        left = m.end()
    for lo, hi in reversed(bounds):
        first, last = bisect_left(starts, lo), bisect_left(starts, hi)
        inside = mentions[first:last]
        if not inside:
            words = text[lo:hi]
            if WHOLE_TOWN.search(words) or OTHER_VILLAGES.search(words):
                return None
            continue
        if not TOPIC_LEAD.fullmatch(text, lo, inside[0].start):
            return None
        if any(
            COUNT.search(text, a.end, b.start) for a, b in zip(inside, inside[1:], strict=False)
        ):
            return None  # 甲村3处、乙村4处: counted village by village, no one topic
        return list(dict.fromkeys(m.village.name for m in inside))
    return None
