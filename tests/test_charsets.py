"""A declared charset is honoured when the bytes decode cleanly with it; gibberish is refused."""

from __future__ import annotations

import random

import pytest

from loaders import ReportError
from loaders.reading import declared_charset, read_report

TRADITIONAL = (
    "某鎮關於巡察整改進展情況的通報\n一、總體情況\n二、整改落實情況\n"
    "(一)基層治理方面\n1.村內違建問題突出\n(1)違建整治不徹底\n"
    "一是拆除違章建築共計三百三十一處，清理垃圾三十噸，整治河道兩條。\n"
    "二是組織幹部學習會議十二次，督促整改問題八個，完成驗收工作。\n"
)


def page(body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines())
    return (
        f"<html><head>{meta}<title>通報</title></head><body><div>{paragraphs}</div></body></html>"
    )


@pytest.mark.parametrize("charset", ["big5", "BIG5", "cp950", None])
def test_big5_page_reads_as_big5(charset, tmp_path):
    path = tmp_path / "big5.html"
    path.write_bytes(page(TRADITIONAL, charset).encode("big5"))
    raw = read_report(path)
    assert "拆除違章建築共計三百三十一處" in raw.text  # was GB18030 gibberish, accepted
    assert raw.encoding == "cp950"


def test_a_declaration_the_bytes_contradict_is_not_trusted(tmp_path):
    simplified = (
        "某镇关于巡察整改进展情况的通报\n一、总体情况\n二、整改落实情况\n一是拆除违章建筑331处。\n"
    )
    path = tmp_path / "lying.html"
    path.write_bytes(page(simplified * 3, "big5").encode("gbk"))
    assert "拆除违章建筑331处" in read_report(path).text
    path.write_bytes(page(simplified * 3, "gbk").encode("utf-8"))  # says GBK, is UTF-8
    assert "拆除违章建筑331处" in read_report(path).text


def test_gibberish_is_refused(tmp_path):
    rng = random.Random(7)
    # double-byte pairs that GB18030 and Big5 both decode, in no language
    pairs = bytes(
        b for _ in range(3000) for b in (rng.randrange(0x81, 0xA0), rng.randrange(0x40, 0x7F))
    )
    path = tmp_path / "noise.txt"
    path.write_bytes(pairs)
    with pytest.raises(ReportError):
        read_report(path)


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="gb2312">', "gb18030"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gb18030"),
        (b'<?xml version="1.0" encoding="big5"?>', "cp950"),
        (b'<meta charset="no-such-codec">', None),
        (b"<p>charset=big5</p>", None),
    ],
)
def test_declared_charset(head, charset):
    assert declared_charset(b"<html><head>" + head) == charset
