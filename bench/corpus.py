"""Generate N notices in the genre from the project's own report and fixtures.

Each notice takes a template, then a new town, new village names, rescaled figures, a new
date, and a random subset of its items, so no two are copies of one file.
Usage: python -m bench.corpus N OUTDIR [--seed S]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from loaders.normalise import normalise
from loaders.structure import parse_outline
from loaders.villages import Gazetteer, find_mentions

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [ROOT / "data" / "reports" / "minzhong_2025-04-27.txt"] + sorted(
    (ROOT / "tests" / "fixtures" / "notices").glob("notice_*.txt")
)
SYLLABLES = "安宝昌春大东丰凤福富高光广和河恒洪华怀佳江金锦康乐良林龙隆平启庆仁荣瑞三沙山善上胜石顺泰潭新兴秀阳永裕源云长正中"
TOWN = re.compile(r"中共(?:[\u4e00-\u9fff]{1,4}?[市县区])*([\u4e00-\u9fff]{2,3}?)(镇|街道|乡)")
FIGURE_NUMBER = re.compile(
    r"(?<![\d.:])(\d+(?:\.\d+)?)(?=[余多万亿]?[个项件宗处条座栋间台辆株次场人名户家亩米吨元%])"
)


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
        if name not in used:
            used.add(name)
            return name


def _rescale(match: re.Match[str], rng: random.Random) -> str:
    number = match.group(1)
    factor = rng.uniform(0.5, 1.6)
    if "." in number:
        decimals = len(number.split(".")[1])
        return f"{float(number) * factor:.{decimals}f}"
    return str(max(1, round(int(number) * factor)))


def _drop_items(text: str, rng: random.Random) -> str:
    outline = parse_outline(text)
    items = [i for i in outline.items if i.part == "二"]
    drop = set(rng.sample(range(len(items)), k=int(len(items) * rng.uniform(0, 0.25))))
    for index in sorted(drop, reverse=True):
        item = items[index]
        text = text[: item.char_start] + text[item.char_end :]
    return text


def make_notice(template: Path, index: int, rng: random.Random, gazetteer: Gazetteer) -> str:
    text = normalise(template.read_text(encoding="utf-8"))
    used: set[str] = set()
    town = TOWN.search(text)
    if town:
        text = text.replace(town.group(1), _name(rng, used))
    for village in sorted(
        {m.village.name for m in find_mentions(text, gazetteer)}
    ):  # same corpus every run
        bare = re.sub(r"(村|社区|居委会)$", "", village)
        if len(bare) >= 2:
            text = text.replace(bare, _name(rng, used))
    text = _drop_items(text, rng)
    text = FIGURE_NUMBER.sub(lambda m: _rescale(m, rng), text)
    year = rng.choice([2023, 2024, 2025])
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    text = re.sub(r"发布日期:\s*\d{4}-\d{1,2}-\d{1,2}", f"发布日期:{date}", text)
    # a distinct title: the round number differs from notice to notice
    lines = text.split("\n")
    for n, line in enumerate(lines[:10]):
        if "通报" in line:
            lines[n] = line.replace("关于", f"关于第{index + 1}轮", 1)
            break
    return "\n".join(lines)


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """Write n notices to out/ and return their paths."""
    rng = random.Random(seed)
    gazetteer = Gazetteer.load(ROOT / "data" / "villages.csv")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        template = TEMPLATES[i % len(TEMPLATES)]
        path = out / f"notice_{i:04d}.txt"
        path.write_text(make_notice(template, i, rng, gazetteer), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.n, args.out, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} notices, {size / 1e6:.2f} MB in {args.out}")


if __name__ == "__main__":
    main()
