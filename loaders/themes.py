"""Assign each figure a theme from the keyword rules in data/themes.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

OTHER = "其他"
HEADLINE_THEMES = ("拆违清拆", "隐患整改", "水环境", "耕地保护")


@dataclass(frozen=True)
class ThemeRules:
    """Themes in their file order, each with its keywords."""

    themes: tuple[tuple[str, tuple[str, ...]], ...]
    _regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    _rank: dict[str, tuple[int, int, str]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        rank: dict[str, tuple[int, int, str]] = {}
        for order, (name, words) in enumerate(self.themes):
            for word in words:
                rank.setdefault(word, (len(word), -order, name))
        words = sorted(rank, key=len, reverse=True)
        regex = re.compile("|".join(map(re.escape, words))) if words else None
        object.__setattr__(self, "_regex", regex)
        object.__setattr__(self, "_rank", rank)

    @classmethod
    def load(cls, path: Path) -> ThemeRules:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        themes = []
        for name, body in data.items():
            words = body.get("keywords", []) if isinstance(body, dict) else []
            themes.append((name, tuple(w for w in words if isinstance(w, str) and w)))
        return cls(tuple(themes))

    def best(self, text: str) -> str | None:
        """The theme whose longest keyword occurs in text; ties go to the first listed."""
        if self._regex is None:
            return None
        ranks = [self._rank[m.group()] for m in self._regex.finditer(text)]
        return max(ranks)[2] if ranks else None

    def assign(self, *texts: str | None) -> str:
        """First text, from the most specific to the most general, that names a theme."""
        for text in texts:
            if text:
                theme = self.best(text)
                if theme:
                    return theme
        return OTHER
