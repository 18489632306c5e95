"""Property tests: any number written in Arabic, full-width or Chinese numerals parses back."""

from __future__ import annotations

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.figures import Protected, find_figures
from loaders.normalise import normalise
from loaders.numerals import chinese_to_number

FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def parse_one(text: str):
    text = normalise(text).strip()
    found = find_figures(text, 0, len(text), Protected(text))
    assert len(found) == 1, (text, found)
    return found[0]


@given(st.integers(min_value=2, max_value=99_999_999))
def test_chinese_integers_round_trip(n):
    assert chinese_to_number(cn2an.an2cn(n, "low")) == n


@given(st.integers(min_value=1, max_value=9_999_999))
def test_arabic_and_fullwidth(n):
    for written in (str(n), str(n).translate(FULLWIDTH)):
        fig = parse_one(f"完成整治{written}处")
        assert (fig.value, fig.unit) == (n, "处")


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=99))
def test_wan_and_yi_fold_into_value(whole, cents):
    written = f"{whole}.{cents:02d}" if cents else str(whole)
    value = float(written)
    fig = parse_one(f"投入资金{written}万元")
    assert (fig.unit, round(fig.value, 2)) == ("元", round(value * 10_000, 2))
    fig = parse_one(f"投入资金{written}亿元")
    assert round(fig.value) == round(value * 100_000_000)


@given(st.integers(min_value=2, max_value=9999))
def test_chinese_numerals_with_units(n):
    fig = parse_one(f"累计开展检查{cn2an.an2cn(n, 'low')}次")
    assert (fig.value, fig.unit) == (n, "次")


@given(st.sampled_from(["约", "近", "超", "逾"]), st.integers(min_value=1, max_value=99999))
def test_leading_qualifiers(word, n):
    assert parse_one(f"惠及群众{word}{n}人次").qualifier == word


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_no_input_crashes_the_parser(text):
    text = normalise(text)
    for fig in find_figures(text, 0, len(text), Protected(text)):
        assert 0 <= fig.start < fig.end <= len(text)


@settings(max_examples=300)
@given(
    st.text(
        alphabet="零〇一二两三四五六七八九十百千万亿点余多约近超个处次人万元%:.,0123456789年月日第号",
        max_size=40,
    )
)
def test_numeral_soup_never_crashes(text):
    find_figures(text, 0, len(text), Protected(text))
    chinese_to_number(text)


def test_known_cn2an_mistakes_are_wrapped():
    assert chinese_to_number("三万五") == 35000
    assert chinese_to_number("一千零十") == 1010
    assert chinese_to_number("两千") == 2000
    assert chinese_to_number("一百二") == 120
    assert chinese_to_number("三点五") == 3.5
