"""Plotly figure builders: one colour per theme, Chinese fonts, never two units on one axis."""

from __future__ import annotations

import hashlib
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from board.text import figure_text, plotly_text

FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
NO_DATA = "暂无数据"

# The same theme has the same colour on every page; themes the rules add later get a
# stable colour from FALLBACK_COLOURS chosen by a hash of the name.
THEME_COLOURS: dict[str, str] = {
    "拆违清拆": "#d62728",
    "隐患整改": "#ff7f0e",
    "水环境": "#1f77b4",
    "耕地保护": "#2ca02c",
    "大气环境": "#17becf",
    "道路桥梁": "#8c564b",
    "产业用地": "#9467bd",
    "集体经济与农业": "#bcbd22",
    "农文旅": "#e377c2",
    "学习会议": "#393b79",
    "培训宣传": "#637939",
    "干部队伍": "#8c6d31",
    "民生服务": "#843c39",
    "党风廉政": "#7b4173",
    "人居环境": "#98df8a",
    "项目建设": "#c49c94",
    "党建": "#ad494a",
    "其他": "#7f7f7f",
}
FALLBACK_COLOURS = ("#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#fd8d3c", "#74c476")
STATUS_COLOURS = {"已完成": "#2ca02c", "推进中": "#ff7f0e", "长期": "#1f77b4"}


def theme_colour(theme: str | None) -> str:
    """The colour of a theme, identical on every chart."""
    name = theme or "其他"
    if name in THEME_COLOURS:
        return THEME_COLOURS[name]
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return FALLBACK_COLOURS[digest[0] % len(FALLBACK_COLOURS)]


def chart_config(name: str) -> dict[str, object]:
    """st.plotly_chart config: one modebar button, the PNG download, named after the chart.

    Zoom, pan and the rest drew over the chart's title on a phone and spoke English; the
    one button left says 下载为图片 (Plotly's own locale mechanism, registered inline).
    """
    return {
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
        "locale": "zh-CN",
        "locales": {
            "zh-CN": {
                "dictionary": {
                    "Download plot as a png": "下载为图片",
                    "Download plot": "下载为图片",
                }
            }
        },  # fmt: skip
    }


def _layout(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": plotly_text(title)},
        font={"family": FONT_FAMILY, "size": 13},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=height,
    )
    return fig


def empty_figure(title: str) -> go.Figure:
    """A chart that says 暂无数据 instead of drawing an empty frame."""
    fig = go.Figure()
    fig.add_annotation(
        text=NO_DATA,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 18, "color": "#888"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, height=220)


def hover_sentence(sentence: object, width: int = 32, limit: int = 240) -> str:
    """A report sentence made safe for a Plotly hover: escaped, cut and wrapped."""
    text = (
        ""
        if sentence is None or (isinstance(sentence, float) and pd.isna(sentence))
        else str(sentence)
    )
    if len(text) > limit:
        text = text[:limit] + "…"
    return "<br>".join(plotly_text(line) for line in textwrap.wrap(text, width)) or "—"


def _figure_label(row: pd.Series) -> str:
    return figure_text(row["value"], row.get("qualifier"), row.get("unit"))


def figures_by_unit(df: pd.DataFrame, title: str) -> go.Figure:
    """One horizontal bar per figure, one panel per unit (units never share an axis).

    Bars are coloured by theme; hover shows metric, value, unit, qualifier and sentence;
    customdata carries [link, indicator_id] so a selected bar leads to its sentence.
    """
    df = df[df["value"].notna()] if len(df) else df
    if df.empty:
        return empty_figure(title)
    units = df["unit"].fillna("（无单位）").value_counts().index.tolist()
    counts = [int((df["unit"].fillna("（无单位）") == u).sum()) for u in units]
    # Heights in pixels: 28 per bar, room for each panel's axis and its 单位 title.
    panel_px = [28 * max(c, 2) + 30 for c in counts]
    gap_px = 70
    height = sum(panel_px) + gap_px * (len(units) - 1) + 110
    fig = make_subplots(
        rows=len(units),
        cols=1,
        subplot_titles=[f"单位：{plotly_text(u)}" for u in units],
        row_heights=panel_px,
        vertical_spacing=gap_px / height if len(units) > 1 else 0.0,
    )
    seen_themes: set[str] = set()
    for row_no, unit in enumerate(units, start=1):
        part = df[df["unit"].fillna("（无单位）") == unit]
        labels = _unique_labels(part).map(plotly_text)  # Plotly renders tags in tick labels
        for theme, group in part.groupby(part["theme"].fillna("其他"), sort=False):
            fig.add_trace(
                go.Bar(
                    x=group["value"].tolist(),
                    y=labels.loc[group.index].tolist(),
                    orientation="h",
                    name=plotly_text(theme),
                    legendgroup=str(theme),
                    showlegend=theme not in seen_themes,
                    marker_color=theme_colour(str(theme)),
                    text=[plotly_text(_figure_label(r)) for _, r in group.iterrows()],
                    textposition="auto",
                    customdata=list(zip(group["link"], group["indicator_id"], strict=True))
                    if "link" in group
                    else None,
                    hovertext=[_hover(r) for _, r in group.iterrows()],
                    hoverinfo="text",
                ),
                row=row_no,
                col=1,
            )
            seen_themes.add(str(theme))
        fig.update_xaxes(
            ticksuffix=f" {plotly_text(unit)}" if len(unit) <= 3 else "", row=row_no, col=1
        )
        fig.update_yaxes(autorange="reversed", row=row_no, col=1)
    return _layout(fig, title, height=height)


def _unique_labels(part: pd.DataFrame) -> pd.Series:
    """Bar labels: the metric, made unique with the item number where metrics repeat."""
    base = part["metric"].fillna("（未命名）").astype(str).str.slice(0, 24)
    labels = base.copy()
    dup = base.duplicated(keep=False)
    labels[dup] = [
        f"{b}·{'' if pd.isna(n) else f'({int(n)})'}#{i}"
        for b, n, i in zip(
            base[dup], part.loc[dup, "item_no"], part.loc[dup, "indicator_id"], strict=True
        )
    ]
    return labels


def _hover(row: pd.Series) -> str:
    qualifier = row.get("qualifier")
    qualifier = "—" if qualifier is None or pd.isna(qualifier) or qualifier == "" else qualifier
    return (
        f"<b>{plotly_text(str(row['metric']))}</b><br>"
        f"数值：{row['value']:g}　单位：{plotly_text(str(row['unit'] or ''))}"
        f"　限定：{plotly_text(str(qualifier))}<br>"
        f"主题：{plotly_text(str(row.get('theme') or '其他'))}<br>"
        f"原句：{hover_sentence(row.get('sentence'))}"
    )


def theme_count_bar(df: pd.DataFrame, title: str = "各主题指标数") -> go.Figure:
    """Number of figures per theme (a count, so themes of different units can stand together)."""
    if df.empty:
        return empty_figure(title)
    colours = [theme_colour(t) for t in df["theme"]]
    return _count_bar(
        df["theme"].tolist(), df["figures"].tolist(), colours, "主题", "指标数", "条", title, 360
    )


def status_bar(df: pd.DataFrame, title: str = "整改事项状态") -> go.Figure:
    """Items per status."""
    if df.empty:
        return empty_figure(title)
    colours = [STATUS_COLOURS.get(s, "#7f7f7f") for s in df["status"]]
    labels = df["status"].fillna("未标注").tolist()
    return _count_bar(labels, df["items"].tolist(), colours, "状态", "事项数", "项", title, 300)


def _count_bar(
    labels: list,
    counts: list,
    colours: list[str],
    what: str,
    measure: str,
    unit: str,
    title: str,
    height: int,
) -> go.Figure:
    """One horizontal bar per category for a count (a single unit, so one axis is honest).

    Horizontal so that long Chinese category names read level at any width.
    """
    fig = go.Figure(
        go.Bar(
            y=[plotly_text(label) for label in labels],
            x=counts,
            orientation="h",
            marker_color=colours,
            text=counts,
            textposition="auto",
            hovertemplate=f"{what}：%{{y}}<br>{measure}：%{{x}} {unit}<extra></extra>",
        )
    )
    fig.update_xaxes(title_text=f"{measure}（{unit}）", **count_axis(max(counts, default=0)))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, title, height=max(height, 90 + 26 * len(labels)))


def count_axis(largest: float) -> dict[str, object]:
    """Axis settings for a count: whole numbers only, from zero, about five ticks."""
    step = max(1, math.ceil(largest / 5)) if largest == largest else 1
    return {"tickformat": "d", "dtick": step, "rangemode": "tozero"}


def short_label(text: object, width: int = 14) -> str:
    """A category label that fits a phone: the first clause, cut to `width` characters."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    first = value.split(",")[0].split("，")[0]
    return first if len(first) <= width else first[: width - 1] + "…"


def status_by_topic_bar(df: pd.DataFrame, title: str = "各议题整改事项状态") -> go.Figure:
    """Items per topic, stacked by status in the status colours (one unit: 项)."""
    if df.empty:
        return empty_figure(title)
    topics = list(dict.fromkeys(df["topic"]))
    labels = {t: plotly_text(short_label(t) or "未分议题") for t in topics}
    fig = go.Figure()
    for status in [s for s in STATUS_COLOURS if s in set(df["status"])]:
        part = df[df["status"] == status].set_index("topic")["items"]
        fig.add_trace(
            go.Bar(
                y=[labels[t] for t in topics],
                x=[int(part.get(t, 0)) for t in topics],
                orientation="h",
                name=status,
                marker_color=STATUS_COLOURS[status],
                hovertext=[plotly_text(str(t)) for t in topics],
                hovertemplate=f"%{{hovertext}}<br>{status}：%{{x}} 项<extra></extra>",
            )
        )
    largest = df.groupby("topic")["items"].sum().max()
    fig.update_layout(barmode="stack", legend={"orientation": "h", "y": -0.12})
    fig.update_xaxes(title_text="事项数（项）", **count_axis(largest))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, title, height=120 + 26 * len(topics))


def subject_comparison(df: pd.DataFrame, subject: str, unit: str) -> go.Figure:
    """One subject in one unit across villages or items: like compared with like.

    `df` holds that subject's figures with a `where` column (the village or item each
    figure belongs to) and `link`; bars are in the subject's single unit.
    """
    title = f"{subject}（{unit}）"
    if df.empty:
        return empty_figure(title)
    fig = go.Figure(
        go.Bar(
            x=df["value"].tolist(),
            y=[plotly_text(str(w)) for w in df["where"]],
            orientation="h",
            marker_color="#4c78a8",
            text=[_figure_label(r) for _, r in df.iterrows()],
            textposition="auto",
            hovertext=[_hover(r) for _, r in df.iterrows()],
            hoverinfo="text",
            customdata=list(zip(df["link"], df["indicator_id"], strict=True)),
        )
    )
    fig.update_xaxes(title_text=plotly_text(unit), rangemode="tozero")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, title, height=120 + 30 * len(df))


def progress_chart(df: pd.DataFrame, title: str = "完成进度") -> go.Figure:
    """Share done of each 'done of total' pair, in percent (one unit: %)."""
    df = df[df["share"].notna()] if len(df) else df
    if df.empty:
        return empty_figure(title)
    hover = [
        f"<b>{plotly_text(str(r.metric))}</b><br>已完成 {r.done:g} / 共 {r.total:g} "
        f"{plotly_text(str(r.unit or ''))}<br>原句：{hover_sentence(r.sentence)}"
        for r in df.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            x=(df["share"] * 100).tolist(),
            y=[plotly_text(m) for m in df["metric"].astype(str).str.slice(0, 24)],
            orientation="h",
            marker_color="#2ca02c",
            text=[f"{s:.0%}" for s in df["share"]],
            textposition="auto",
            hovertext=hover,
            hoverinfo="text",
            customdata=df["link"].tolist() if "link" in df else None,
        )
    )
    fig.update_xaxes(title_text="完成比例（%）", range=[0, 100])
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, height=140 + 32 * len(df))


def village_theme_heatmap(df: pd.DataFrame, title: str = "村(社区) × 主题 指标数") -> go.Figure:
    """Count of figures for each village and theme."""
    if df.empty:
        return empty_figure(title)
    matrix = df.pivot_table(
        index="village", columns="theme", values="figures", fill_value=0, aggfunc="sum"
    )
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values.tolist(),
            x=[plotly_text(t) for t in matrix.columns],
            y=[plotly_text(v) for v in matrix.index],
            colorscale="Blues",
            text=matrix.values.tolist(),
            texttemplate="%{text}",
            hovertemplate="村(社区)：%{y}<br>主题：%{x}<br>指标数：%{z} 条<extra></extra>",
            colorbar={"title": {"text": "指标数"}},
        )
    )
    return _layout(fig, title, height=160 + 30 * len(matrix.index))


def whole_percent(rate: float) -> int:
    """A rate in whole percent, rounded exactly as every `f"{rate:.0%}"` on the pages rounds it.

    The 对比 table, its chart's bar, label and hover all show this one number, so a leader never
    reads 81.25 % in the table beside 81 % on the bar.
    """
    return int(f"{rate:.0%}"[:-1])


def completion_bar(summary: pd.DataFrame, title: str = "各通报完成率") -> go.Figure:
    """Completion rate per notice (board.compare.place_summary): one unit, percent."""
    rated = summary[summary["rate"].notna()]
    if rated.empty:
        return empty_figure(title)
    percents = [whole_percent(r) for r in rated["rate"]]
    fig = go.Figure(
        go.Bar(
            y=[plotly_text(str(label)) for label in rated["label"]],
            x=percents,
            orientation="h",
            marker_color=STATUS_COLOURS["已完成"],
            text=[f"{p}%" for p in percents],
            textposition="auto",
            hovertemplate="%{y}<br>完成率：%{x}%<extra></extra>",
        )
    )
    fig.update_xaxes(title_text="完成率（%）", range=[0, 100])
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, title, height=120 + 30 * len(rated))


def ranking_bar(ranking: pd.DataFrame, what: str, unit: str) -> go.Figure:
    """One subject in one unit, one figure per notice (board.compare.subject_ranking)."""
    title = f"{what}（{unit}）"
    if ranking.empty:
        return empty_figure(title)
    fig = go.Figure(
        go.Bar(
            y=[plotly_text(str(label)) for label in ranking["label"]],
            x=ranking["value"].tolist(),
            orientation="h",
            marker_color="#4c78a8",
            text=[figure_text(v, "", unit, grouped=True) for v in ranking["value"]],
            textposition="auto",
            hovertemplate=f"%{{y}}<br>%{{x}} {plotly_text(unit)}<extra></extra>",
            customdata=[[link] for link in ranking["link"]],
        )
    )
    fig.update_xaxes(title_text=plotly_text(unit), rangemode="tozero")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, title, height=120 + 30 * len(ranking))
