"""Choosing among many notices: the newest few, or those a search finds (pure, no streamlit).

At a district's thousand notices a list of every one is unusable and heavy: a picker
lists at most `limit` options, the newest or the ones whose text holds every search word,
and always the ones already chosen, so a link's choice survives any search.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# A search box's text is read up to this many characters and this many distinct words:
# a 200,000-character query of one repeated word took 10 s per rerun at 1000 notices.
MAX_QUERY = 200
MAX_WORDS = 8


def search_words(text: str) -> list[str]:
    """The distinct words of a search box's text, bounded (MAX_QUERY, MAX_WORDS)."""
    return list(dict.fromkeys(str(text or "")[:MAX_QUERY].split()))[:MAX_WORDS]


def narrowed(
    options: Sequence[str],
    texts: Mapping[str, str],
    words: Sequence[str],
    keep: Sequence[str],
    limit: int,
) -> tuple[list[str], bool]:
    """(what the picker lists, whether the search found anything).

    `options` newest first; `texts` what each is searched by (its label where missing);
    `keep` the options already chosen, listed first in their order. With no words, or
    none matching, the newest `limit` are listed.
    """
    matching = [o for o in options if all(w in texts.get(o, o) for w in words)]
    found = bool(matching) or not words
    shown = (matching if words and matching else list(options))[:limit]
    kept = [k for k in dict.fromkeys(keep) if k in set(options)]
    return kept + [o for o in shown if o not in set(kept)], found
