"""Find named villages and communities: the gazetteer, shared-suffix lists, and their form."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = ("社区", "居委会", "村")
TYPE_OF_SUFFIX = {"村": "行政村", "社区": "社区", "居委会": "社区"}
CJK = r"[\u4e00-\u9fff]"
# "新平、新建、群安、新伦4个村", "锦标、沙仔村": bare names sharing the suffix after them.
SHARED_SUFFIX_LIST = re.compile(
    rf"(?P<names>(?:{CJK}{{2,4}}、)+{CJK}{{2,4}}?)(?:等)?(?:共)?"
    r"(?:\d+|[一二两三四五六七八九十]+)?(?:个)?(?P<suffix>社区|行政村|村)(?![级委民务干庄容落头里内集]|卫生|\(社区\))"
)
NAME_BEFORE_SUFFIX = re.compile(rf"(?P<name>{CJK}{{2,3}}?)(?P<suffix>社区|居委会|村)")
STOP_CHARS = set(
    "各本该全每驻进入到的了和与及在对为将把被向从等个些其这那此所有级区乡镇市县省街道的是以、"
)
# Place names that end like this are roads, rivers, sites or bodies, not villages.
BAD_ENDINGS = tuple("路街道桥河涌区园厂场站馆校所院队组会中期号批程农乡城强驻")
VERBS = {
    "组织", "明确", "推动", "鼓励", "指导", "督促", "引导", "建立", "开展", "加强", "巩固", "确保",
    "规范", "修订", "增加", "拓宽", "询问", "问诊", "帮助", "支持", "发动", "动员", "要求", "全面",
    "深入", "走访", "联系", "包括", "涉及", "覆盖", "进驻", "下沉", "带动", "服务", "完善", "落实",
    "提升", "打造", "培育", "实现", "推进", "加快", "选派", "派驻", "年度", "年底", "全年", "力争",
    "争取", "计划", "预计", "新建", "建设", "统一", "加大", "强化", "深化", "优化",
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
    *"级民务干庄容落头里内组集均道",
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
    rest_len = Counter(len(n) for n in names[1:]).most_common(1)[0][0]
    bare = _strip_suffix(first)
    own_suffix = first[len(bare) :]
    if bare not in gazetteer.by_alias and first not in gazetteer.by_name:
        for size in (3, 2):
            if bare[-size:] in gazetteer.by_alias or bare[-size:] + own_suffix in gazetteer.by_name:
                bare = bare[-size:]
                break
        else:
            bare = bare[-len(_strip_suffix(names[1])) :] if len(names) > 1 else bare[-rest_len:]
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
            if not plausible_name(bare, counted) and bare not in gazetteer.by_alias:
                return []
            village = gazetteer.resolve(bare, name[len(bare) :])
        else:
            if not plausible_name(name, counted) and name not in gazetteer.by_alias:
                return []
            village = gazetteer.resolve(name, suffix)
        out.append(Mention(village, pos, pos + len(name)))
        pos += len(name) + 1
    return out


def plausible_name(name: str, listed: bool = False) -> bool:
    """A short name that could be a village's: not a verb, a generic word or a place type.

    Names in a counted or suffixed list ("松岗、泰和、塘尾3个村", "建设社区、和平社区")
    may hold characters or words (和, 建设) that would end a name found by its form alone.
    """
    return (
        2 <= len(name) <= 3
        and name not in STOP_NAMES
        and (listed or (name[-2:] not in VERBS and name[:2] not in VERBS))
        and (listed or not (set(name) & STOP_CHARS))
        and not name.endswith(BAD_ENDINGS)
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
        if not plausible_name(name):
            continue
        if name in gazetteer.by_alias or name + suffix in gazetteer.by_name:
            continue  # the gazetteer pass has these already
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
