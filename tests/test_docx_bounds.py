"""A .docx whose text is over the loader's bounds is refused while it is read, with the
same reason the loader gives for text (docs/security.md, the file readers at 20 MB)."""

from __future__ import annotations

import random
import zipfile

import pytest

from loaders.errors import ReportError
from loaders.limits import MAX_PARAGRAPHS, MAX_TEXT_CHARS
from loaders.reading import read_report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(path, paragraphs) -> None:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
        )


def varied(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice("整改完成排查隐患处置问题村个亩万元") for _ in range(n))


@pytest.mark.parametrize(
    ("count", "size", "reason"),
    [
        (MAX_TEXT_CHARS // 500 + 10, 500, "正文超过"),  # long paragraphs: characters
        (MAX_PARAGRAPHS + 10, 6, "段落超过"),  # many short ones: paragraphs
    ],
)
def test_docx_over_the_text_bounds_is_refused(tmp_path, count, size, reason):
    rnd = random.Random(count)
    path = tmp_path / "big.docx"
    docx(path, (varied(rnd, size) for _ in range(count)))
    with pytest.raises(ReportError, match=reason):
        read_report(path)


def test_blank_paragraphs_do_not_count_against_the_bounds(tmp_path):
    rnd = random.Random(3)
    path = tmp_path / "spaced.docx"
    paragraphs = [" " * 40 if i % 2 else varied(rnd, 20) for i in range(MAX_PARAGRAPHS + 2000)]
    docx(path, paragraphs)
    assert read_report(path).text.count("\n") == len(paragraphs) - 1
