"""Audit the labels (metric) a leader reads: `python -m eval.metric_audit [-v] [FILE|DIR ...]`.

Parses every development notice (eval/annotations, eval/heldout/*, the bundled report, or
the files and directories given) and counts labels that break the label rules of DESIGN.md:
too long or short, dangling punctuation or a function word at the end, a word cut in half
(jieba's segmentation of the sentence is the judge), a word said twice, a bare adverb or
particle at the start, a place or village name, and a verb that is not the one governing the
figure. With -v it prints every label, marked with what is wrong with it.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

import jieba

from loaders.extract import parse_report
from loaders.reading import read_report
from loaders.subject import VERB_SET, _tokens, subject_heads

ROOT = Path(__file__).resolve().parent.parent
FORMS = (".txt",)  # one form per notice: the .html/.docx/.pdf twins give the same figures
DEFAULT = [
    ROOT / "data" / "reports" / "minzhong_2025-04-27.txt",
    ROOT / "eval" / "annotations",
    ROOT / "eval" / "heldout" / "secret",
    ROOT / "eval" / "heldout" / "fresh",
    ROOT / "eval" / "heldout" / "fresh3",
    ROOT / "eval" / "heldout" / "dev5",
]
DANGLING = re.compile(r"[,;:、。!?(“《\s]$|^[,;:、。!?)”》\s]|[的和及与或]$")
BARE_START = re.compile(r"(?:均|共|共计|累计|合计|总计|其中|并|还|再|又)")
BARE_WHOLE = re.compile(r"^(?:已|均|共|累计|其中|已经)?(?:完成|实现|达到|整改|推进|落实)?$")
PLACE = re.compile(r"全(?:镇|街道|区|县|乡|市|村)")


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.suffix in FORMS and "minzhong" not in f.name)
        elif p.exists():
            out.append(p)
    return out


def _villages() -> set[str]:
    names: set[str] = set()
    with open(ROOT / "data" / "villages.csv", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            names.add(row["name"])
            names.update(a for a in (row.get("aliases") or "").split("|") if len(a) >= 2)
    return names


def _cuts(sentence: str) -> set[int]:
    import jieba

    cuts, at = {0}, 0
    for w in jieba.lcut(sentence, HMM=False):
        at += len(w)
        cuts.add(at)
    return cuts


def half_word(metric: str, sentence: str) -> bool:
    """The label's first or last piece of the sentence starts or ends inside a jieba word."""
    core = re.sub(r"(?:等|数)$", "", metric)  # the label's own 等 / 村数, no word of the text
    core = re.sub(r"^(?:已|均已)", "", core)  # 现已|拆除: the label's own aspect word
    if len(core) < 2:
        return False
    cuts = _cuts(sentence)
    end_piece = next((core[-k:] for k in range(len(core), 0, -1) if core[-k:] in sentence), "")
    start_piece = next((core[:k] for k in range(len(core), 0, -1) if core[:k] in sentence), "")
    if not end_piece or not start_piece:
        return False

    def at_cut(piece: str, ends: bool) -> bool:
        for m in re.finditer(re.escape(piece), sentence):
            if (m.end() if ends else m.start()) in cuts:
                return True
        return False

    return not at_cut(end_piece, True) or not at_cut(start_piece, False)


def _names_place(metric: str, names: set[str]) -> bool:
    """A village or place name as a whole word of the label (not 新建 the verb)."""
    import jieba

    words = jieba.lcut(metric, HMM=False)
    joined = {a + b for a, b in zip(words, words[1:], strict=False)}
    return any(
        n in words or n in joined
        for n in names
        if len(n) >= 2
        and n not in VERB_SET
        and re.sub(r"(?:村|社区|居委会)$", "", n) not in VERB_SET  # 储备社区 read by form
        and n not in ("社区", "村委会", "居委会")
    )


def repeated(metric: str) -> bool:
    """A word of two or more characters said twice (整改整改问题)."""
    for k in (2, 3):
        grams = [metric[i : i + k] for i in range(len(metric) - k + 1)]
        if any(n > 1 for n in Counter(grams).values()):
            return True
    return False


def governing_verb(text: str, ind: dict) -> str:
    """The verb nearest before the figure in its clause, else the first one after it."""
    s, e = ind["char_start"], ind["char_end"]
    lo = max(text.rfind(c, 0, s) for c in ",;:。,;:") + 1
    hi = min([i for i in (text.find(c, e) for c in ",;:。,;:") if i != -1] or [len(text)])
    before = [w for k, w in _tokens(text[lo:s]) if k == "v"]
    if before:
        return before[-1]
    after = [w for k, w in _tokens(text[e:hi]) if k == "v"]
    return after[0] if after else ""


def verbs_in(metric: str) -> list[str]:
    return [w for k, w in _tokens(metric) if k == "v"]


def _verb_core(v: str) -> str:
    v = re.sub(r"^(?:已经|均已|已|全面|累计|共|基本|正在|均|全部)", "", v)
    return re.sub(r"[了到至出完好]$", "", v) or v


def verb_wrong(metric: str, gov: str) -> bool:
    """The label names a verb, and not the one governing the figure."""
    mine = verbs_in(metric)
    if not mine or not gov:
        return False
    core = _verb_core(gov)
    return not any(core in v or _verb_core(v) in gov for v in mine) and core not in metric


def audit(path: Path, villages: set[str], verbose: bool) -> Counter:
    parsed = parse_report(read_report(path))
    text = parsed.doc["text"]
    names = villages | {m["village"] for m in parsed.mentions}
    names |= {re.sub(r"(?:村|社区|居委会)$", "", n) for n in names if len(n) >= 4}
    c: Counter = Counter()
    for ind in parsed.indicators:
        metric, sentence = ind["metric"] or "", ind["sentence"]
        flags = []
        if len(metric) > 14:
            flags.append("long")
        if len(metric) < 2:
            flags.append("short")
        nominal = (ind["subject"] or "").endswith("的") and metric.endswith(ind["subject"])
        if DANGLING.search(metric) and not nominal:  # 清退不符合条件的 (41人): those counted
            flags.append("dangling")
        if metric.endswith("等"):
            c["ends_deng"] += 1  # 拆除违章建筑等: a list by its head, counted apart
        if half_word(metric, sentence):
            flags.append("half")
        if repeated(metric):
            flags.append("repeat")
        first = jieba.lcut(metric, HMM=False)[0] if metric else ""
        if BARE_START.fullmatch(first) or BARE_WHOLE.fullmatch(metric):  # not 共性问题
            flags.append("bare")
        if PLACE.search(metric) or _names_place(metric, names):
            flags.append("place")
        heads = subject_heads(ind["subject"]) if ind["subject"] else set()
        if heads and not any(h in metric for h in heads):
            flags.append("nohead")
        gov = governing_verb(text, ind)
        if verb_wrong(metric, gov):
            flags.append(f"verb({gov})")
        c["labels"] += 1
        for f in flags:
            c[f.split("(")[0]] += 1
        c["any"] += bool(flags)
        if verbose:
            s = ind["char_start"]
            ctx = f"{text[max(0, s - 20) : s]}【{ind['raw']}】{text[ind['char_end'] : ind['char_end'] + 8]}"
            mark = ",".join(flags) or "ok"
            print(f"  {mark:14} {metric!r:22} subj={ind['subject']!r} | {ctx}".replace("\n", "/"))
    return c


KEYS = (
    "labels",
    "any",
    "long",
    "short",
    "dangling",
    "half",
    "repeat",
    "bare",
    "place",
    "verb",
    "nohead",
)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args(argv)
    villages = _villages()
    total: Counter = Counter()
    for path in _files(args.paths or DEFAULT):
        if args.v:
            print(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        c = audit(path, villages, args.v)
        total += c
        print(path.name, " ".join(f"{k}={c[k]}" for k in KEYS), f"ends_deng={c['ends_deng']}")
    print("TOTAL", " ".join(f"{k}={total[k]}" for k in KEYS), f"ends_deng={total['ends_deng']}")


if __name__ == "__main__":
    main()
