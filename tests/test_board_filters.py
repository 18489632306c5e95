"""Filters: the URL round trip and the Chinese description used in notes and file names."""

import pytest

from board.filters import Filters, item_key
from board.links import sentence_link


@pytest.mark.parametrize(
    ("filters", "params"),
    [
        (Filters(), {}),
        (Filters(doc_id="d1"), {"doc": "d1"}),
        (Filters(doc_id="d1", villages=("沙仔村",)), {"doc": "d1", "village": ["沙仔村"]}),
        (
            Filters(themes=("水环境", "耕地保护"), kinds=("result",), periods=("2024",)),
            {"theme": ["水环境", "耕地保护"], "kind": ["result"], "period": ["2024"]},
        ),
        (
            Filters(items=("二-12", "三-1"), topics=("人居环境",)),
            {"item": ["二-12", "三-1"], "topic": ["人居环境"]},
        ),
    ],
)
def test_filters_round_trip_through_query_params(filters, params):
    assert filters.to_query_params() == params
    assert Filters.from_query_params(params) == filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"village": "沙仔村"}, Filters(villages=("沙仔村",))),  # a single value arrives as str
        ({"village": ["沙仔村", "沙仔村", ""]}, Filters(villages=("沙仔村",))),  # repeats, blanks
        ({"doc": ["a", "b"]}, Filters(doc_id="b")),  # like st.query_params: the last one wins
        ({"unknown": "x", "sentence": "12"}, Filters()),
    ],
)
def test_filters_from_untidy_query_params(params, expected):
    assert Filters.from_query_params(params) == expected


def test_describe_names_filters_in_chinese():
    f = Filters(themes=("水环境",), kinds=("result", "target"), villages=("沙仔村", "新平村"))
    assert f.describe() == [
        ("主题", "水环境"),
        ("村(社区)", "沙仔村、新平村"),
        ("类型", "成效、目标"),
    ]
    assert Filters(doc_id="x").describe() == []


def test_item_key_carries_the_part():
    assert item_key("二", 12) != item_key("三", 12)


def test_sentence_link_is_relative_and_encoded():
    assert sentence_link("doc 1", 42) == "source?doc=doc+1&sentence=42"
    assert sentence_link(None, 1) is None
    assert sentence_link("d", None) is None
