"""Figure builders: units never share an axis, one colour per theme, hover carries the proof."""

import pandas as pd
import pytest

from board import charts


def figures_frame(rows):
    columns = [
        "indicator_id",
        "item_no",
        "theme",
        "metric",
        "value",
        "unit",
        "qualifier",
        "sentence",
        "link",
    ]
    return pd.DataFrame(rows, columns=columns)


FIGS = figures_frame(
    [
        (
            1,
            12,
            "拆违清拆",
            "拆除违章建筑",
            331.0,
            "处",
            None,
            "拆除违章建筑等331处。",
            "source?doc=d&sentence=1",
        ),
        (
            2,
            15,
            "耕地保护",
            "新增垦造水田",
            1900.0,
            "亩",
            "约",
            "新增垦造水田约1900亩。",
            "source?doc=d&sentence=2",
        ),
        (
            3,
            14,
            "水环境",
            "整治水浸点",
            19.0,
            "处",
            None,
            "<b>已完成</b>整治19处。",
            "source?doc=d&sentence=3",
        ),
        (4, 16, "耕地保护", "连片度", 60.0, "%", None, "提升至六成。", "source?doc=d&sentence=4"),
    ]
)


def test_each_unit_gets_its_own_axis():
    fig = charts.figures_by_unit(FIGS, "测试")
    axis_units: dict[str, set[str]] = {}
    for trace in fig.data:
        units = set(FIGS.set_index("indicator_id").loc[[c[1] for c in trace.customdata], "unit"])
        axis_units.setdefault(trace.xaxis, set()).update(units)
    assert all(len(units) == 1 for units in axis_units.values())
    assert len(axis_units) == 3  # 处, 亩, %


def test_theme_colour_is_the_same_in_every_chart():
    fig = charts.figures_by_unit(FIGS, "测试")
    for trace in fig.data:
        assert trace.marker.color == charts.theme_colour(trace.name)
    counts = pd.DataFrame({"theme": ["耕地保护", "水环境"], "figures": [2, 1]})
    bar = charts.theme_count_bar(counts)
    assert list(bar.data[0].marker.color) == [
        charts.theme_colour("耕地保护"),
        charts.theme_colour("水环境"),
    ]
    assert charts.theme_colour("新主题") == charts.theme_colour("新主题")  # stable fallback


def test_hover_shows_metric_value_unit_qualifier_and_escaped_sentence():
    fig = charts.figures_by_unit(FIGS, "测试")
    hovers = [h for trace in fig.data for h in trace.hovertext]
    farmland = next(h for h in hovers if "新增垦造水田" in h)
    assert "1900" in farmland and "亩" in farmland and "约" in farmland and "原句" in farmland
    water = next(h for h in hovers if "整治水浸点" in h)
    assert "&lt;b&gt;已完成&lt;/b&gt;" in water


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.figures_by_unit(FIGS.iloc[0:0], "空"),
        lambda: charts.theme_count_bar(pd.DataFrame(columns=["theme", "figures"]), "空"),
        lambda: charts.status_bar(pd.DataFrame(columns=["status", "items"]), "空"),
        lambda: charts.progress_chart(
            pd.DataFrame(columns=["metric", "done", "total", "unit", "share", "sentence"]), "空"
        ),
        lambda: charts.village_theme_heatmap(
            pd.DataFrame(columns=["village", "theme", "figures"]), "空"
        ),
    ],
)
def test_empty_data_says_so(build):
    fig = build()
    assert not fig.data
    assert [a.text for a in fig.layout.annotations] == [charts.NO_DATA]


def test_chinese_font_and_image_file_name():
    fig = charts.figures_by_unit(FIGS, "耕地")
    assert (
        "Noto Sans CJK SC" in fig.layout.font.family and "Microsoft YaHei" in fig.layout.font.family
    )
    config = charts.chart_config("主题_耕地保护")
    assert config["toImageButtonOptions"]["filename"] == "主题_耕地保护"


def test_repeated_metrics_stay_separate_bars():
    twice = pd.concat([FIGS.iloc[[0]], FIGS.iloc[[0]].assign(indicator_id=9)])
    fig = charts.figures_by_unit(twice, "重复")
    assert len(set(fig.data[0].y)) == 2


def test_heatmap_counts_villages_by_theme():
    df = pd.DataFrame(
        {
            "village": ["沙仔村", "沙仔村", "新平村"],
            "theme": ["水环境", "耕地保护", "水环境"],
            "figures": [2, 1, 3],
        }
    )
    fig = charts.village_theme_heatmap(df)
    heat = fig.data[0]
    assert list(heat.y) == ["新平村", "沙仔村"] and list(heat.x) == ["水环境", "耕地保护"]
    assert [list(row) for row in heat.z] == [[3, 0], [2, 1]]


def test_progress_chart_in_percent():
    df = pd.DataFrame(
        {
            "metric": ["水浸点"],
            "done": [19.0],
            "total": [21.0],
            "unit": ["处"],
            "share": [19 / 21],
            "sentence": ["21处历史水浸点已完成整治19处"],
            "link": ["source?doc=d&sentence=5"],
        }
    )
    fig = charts.progress_chart(df)
    assert fig.data[0].x[0] == pytest.approx(90.476, rel=1e-3)
    assert "19 / 共 21 处" in fig.data[0].hovertext[0]
