"""Saved web page -> the article's text: no navigation, footer, scripts; entities decoded."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from loaders.tables import join_cells

DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "nav", "footer",
    "aside", "form", "button", "select", "input", "textarea", "object", "embed",
)  # fmt: skip
CHROME = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|footer|foot|breadcrumb|crumbs?|share|sidebar|side|copyright|"
    r"toolbar|banner|topbar|top-bar|related|comment|login|search|guide|position|location)([-_\s]|$)",
    re.IGNORECASE,
)
BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section")
DATE_LINE = re.compile(
    r"(?:发布|成文|印发)?(?:日期|时间)\s*[:：]\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
)
SOURCE_LINE = re.compile(r"(?:信息)?来源\s*[:：]")


def html_to_text(html: str) -> str:
    """The title, the publication line and the article body of a saved page, one line a block."""
    soup = BeautifulSoup(html, "lxml")
    title = _meta(soup, "ArticleTitle") or _title(soup)
    date_line = _date_line(soup)
    pub = re.match(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}", _meta(soup, "PubDate"))
    if not date_line and pub:
        date_line = f"发布日期:{pub.group(0)}"
    source = _meta(soup, "ContentSource")[:60]
    source_line = f"来源:{source}" if source else ""
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        tag.decompose()
    body = _article(soup)
    text = _block_text(body) if body is not None else ""
    lines = [title] if title and title not in text[:400] else []
    if date_line and date_line not in text:
        lines.append(date_line)
    if source_line and SOURCE_LINE.search(text[:2000]) is None:
        lines.append(source_line)  # the issuer where the page shows no 来源 line
    lines.append(text)
    return "\n".join(lines)


def _meta(soup: BeautifulSoup, name: str) -> str:
    """A government page's meta tag (ArticleTitle, PubDate, ContentSource), or ""."""
    tag = soup.find("meta", attrs={"name": re.compile(f"^{name}$", re.IGNORECASE)})
    content = tag.get("content") if isinstance(tag, Tag) else None
    return re.sub(r"\s+", " ", content).strip()[:300] if isinstance(content, str) else ""


def _rows_as_lines(root: Tag) -> None:
    """A data table's row -> one line of its cells joined by " | " (layout rows stay).

    Cells are laid on the table's grid first: a cell spanning rows (rowspan) or columns
    (colspan) gives its text to each grid cell it covers, so the rows under a category cell
    spanning them keep every column in its place."""
    carried: dict[int, dict[int, tuple[int, str]]] = {}  # table -> column -> (rows left, text)
    for tr in root.find_all("tr"):
        if tr.find("table") is not None:
            continue  # a layout row that holds another table
        table = tr.find_parent("table")
        spans = carried.setdefault(id(table), {})
        texts: list[str] = []
        for cell in tr.find_all(["td", "th"], recursive=False):
            _take_carried(texts, spans)
            text = cell.get_text("", strip=False)
            down, across = _span(cell, "rowspan"), _span(cell, "colspan")
            for _ in range(across):
                if down > 1:
                    spans[len(texts)] = (down - 1, text)
                texts.append(text)
        _take_carried(texts, spans)
        if sum(1 for t in texts if t.strip()) < 2:
            continue
        # the row's own text becomes the line: replace_with looks the row up among its
        # siblings (bs4's index()), quadratic in a table of 10^4 rows
        tr.clear()
        tr.append(NavigableString("\n" + join_cells(texts) + "\n"))


MAX_SPAN = 64


def _take_carried(texts: list[str], spans: dict[int, tuple[int, str]]) -> None:
    """The next columns held by cells spanning down from the rows above."""
    while len(texts) in spans:
        left, text = spans[len(texts)]
        if left > 1:
            spans[len(texts)] = (left - 1, text)
        else:
            del spans[len(texts)]
        texts.append(text)


def _span(cell: Tag, name: str) -> int:
    value = str(cell.get(name) or "1").strip()
    return min(int(value), MAX_SPAN) if value.isdigit() and int(value) > 0 else 1


def _is_chrome(tag: Tag) -> bool:
    if not isinstance(tag, Tag) or tag.name in ("html", "body") or tag.attrs is None:
        return False
    marks = " ".join([*(tag.get("class") or []), tag.get("id") or "", tag.get("role") or ""])
    return bool(marks.strip()) and bool(CHROME.search(marks))


def _title(soup: BeautifulSoup) -> str:
    for tag in soup.find_all(["h1", "h2"]):
        text = tag.get_text(" ", strip=True)
        if "通报" in text or "情况" in text:
            return text
    if soup.title and soup.title.string:
        return re.split(r"\s*[-_|]\s*", soup.title.string.strip())[0]
    return ""


def _date_line(soup: BeautifulSoup) -> str:
    match = DATE_LINE.search(soup.get_text(" ", strip=True))
    return match.group(0) if match else ""


def _article(soup: BeautifulSoup) -> Tag | None:
    """The element whose <p> children hold the most Chinese text (a readability-style vote)."""
    votes: dict[int, tuple[Tag, int]] = {}
    for p in soup.find_all(["p", "br"]):
        parent = p.parent
        text = p.get_text("", strip=True) if p.name == "p" else _tail(p)
        weight = len(re.findall(r"[\u4e00-\u9fff]", text))
        # readability's vote: the parent gets the text, the grandparent half of it, so an
        # article split into several <section>s is taken whole
        for node, share in ((parent, 1.0), (parent.parent if parent else None, 0.5)):
            if node is not None and weight and node.name not in ("html", "[document]"):
                key = id(node)
                votes[key] = (node, votes.get(key, (node, 0))[1] + weight * share)
    if votes:
        best, score = max(votes.values(), key=lambda pair: pair[1])
        # siblings that also hold article text (the other <section>s): take their parent
        parent = best.parent
        if parent is not None and parent.name not in ("html", "[document]", "body"):
            siblings = [c for c in parent.find_all(recursive=False) if c is not best]
            if any(votes.get(id(c), (c, 0))[1] >= 0.1 * score for c in siblings):
                return parent
        return best
    candidates = soup.find_all(["article", "main", "div", "td", "body"])
    if not candidates:
        return soup
    return max(candidates, key=lambda t: _own_cjk(t))


def _tail(br: Tag) -> str:
    sibling = br.next_sibling
    return str(sibling) if sibling is not None and not isinstance(sibling, Tag) else ""


def _own_cjk(tag: Tag) -> int:
    text = tag.get_text("", strip=True)
    links = sum(len(a.get_text("", strip=True)) for a in tag.find_all("a"))
    return len(re.findall(r"[\u4e00-\u9fff]", text)) - 2 * links


def _block_text(root: Tag) -> str:
    _rows_as_lines(root)
    # Line breaks go inside each tag, which get_text reads in the same order as just
    # outside it: insert_before/after/replace_with find the tag among its siblings first
    # (bs4's index()), so a page of 10^4 sibling paragraphs took minutes (1.8 MB: 26 s).
    for br in root.find_all("br"):
        br.append("\n")
    for block in root.find_all(BLOCKS):
        block.insert(0, "\n")
        block.append("\n")
    text = root.get_text("")
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)
