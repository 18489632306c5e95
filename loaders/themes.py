"""Assign each figure a theme from the keyword rules in data/themes.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

OTHER = "其他"
HEADLINE_THEMES = ("拆违清拆", "隐患整改", "水环境", "耕地保护")


@dataclass(frozen=True)
class ThemeRules:
    """Themes in their file order, each with its keywords."""

    themes: tuple[tuple[str, tuple[str, ...]], ...]

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
        winner, length = None, 0
        for name, words in self.themes:
            for word in words:
                if len(word) > length and word in text:
                    winner, length = name, len(word)
        return winner

    def assign(self, *texts: str | None) -> str:
        """First text, from the most specific to the most general, that names a theme."""
        for text in texts:
            if text:
                theme = self.best(text)
                if theme:
                    return theme
        return OTHER
