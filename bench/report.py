"""The benchmark's results as Markdown tables and as a plot against N."""

from __future__ import annotations

import os
from pathlib import Path

# Targets at the largest N (issue 5).
TARGET_MB_PER_S = 1.0
TARGET_QUERY_P95_MS = 50.0
TARGET_RERUN_RATIO = 2.0
TARGET_COLD_START_S = 5.0
TARGET_APP_MB = 500.0


def _row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list[object]]) -> str:
    lines = [_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows)]
    return "\n".join(lines)


def _sizes(results: dict) -> list[tuple[str, dict]]:
    return sorted(results["sizes"].items(), key=lambda kv: int(kv[0]))


def ingest_table(results: dict) -> str:
    rows = [
        [n, r["files"], f"{r['text_mb']:.2f}", f"{r['ingest_s']:.1f}", f"{r['mb_per_s']:.2f}",
         r["figures"], f"{r['figures_per_s']:.0f}", f"{r['db_mb']:.1f}",
         f"{r['ingest_peak_mb']:.0f}",
         f"{r['rewrite_db_mb']:.1f}" if "rewrite_db_mb" in r else "",
         f"{r['rewrite_peak_mb']:.0f}" if "rewrite_peak_mb" in r else ""]
        for n, r in _sizes(results)
    ]  # fmt: skip
    header = ["N", "files", "text MB", "ingest s", "MB/s", "figures", "figures/s", "DB MB",
              "ingest peak MB", "DB MB after a rewrite", "rewrite peak MB"]  # fmt: skip
    return _table(header, rows)


def felt_table(results: dict) -> str:
    """Browser-felt actions: dashboard and bare median / p90 and the ratio, per N."""
    sizes = [(n, r) for n, r in _sizes(results) if "felt" in r]
    if not sizes:
        return ""
    actions = [a for a in sizes[0][1]["felt"] if a != "stuck"]
    header = ["action (ms: median / p90)"]
    for n, _ in sizes:
        header += [f"dashboard N={n}", f"bare N={n}", f"ratio N={n}"]
    rows = []
    for action in actions:
        row = [action]
        for _, r in sizes:
            f = r["felt"].get(action)
            if f is None:
                row += ["", "", ""]
                continue
            row += [f"{f['dash_median_ms']:.0f} / {f['dash_p90_ms']:.0f}",
                    f"{f['bare_median_ms']:.0f} / {f['bare_p90_ms']:.0f}",
                    f"{f['ratio']:.2f}×"]  # fmt: skip
        rows.append(row)
    return _table(header, rows)


def concurrency_table(results: dict) -> str:
    """Concurrent sessions changing the village on 总览, per server, at the largest N."""
    n, r = _sizes(results)[-1]
    if "concurrency" not in r:
        return ""
    rows = []
    for server, runs in r["concurrency"].items():
        one = runs[0]["reruns_per_s"]
        for c in runs:
            rows.append([server, c["sessions"], f"{c['reruns_per_s']:.1f}",
                         f"{c['reruns_per_s'] / one:.2f}×", f"{c['p50_ms']:.0f}",
                         f"{c['p95_ms']:.0f}", f"{c['cpu_pct']:.0f}", f"{c['rss_mb']:.0f}"])  # fmt: skip
    header = [f"server (N={n})", "sessions", "reruns/s", "vs 1 session", "p50 ms", "p95 ms",
              "CPU % of a core", "RSS MB (all processes)"]  # fmt: skip
    return _table(header, rows)


def query_table(results: dict) -> str:
    sizes = _sizes(results)
    names = list(sizes[0][1]["queries"])
    rows = [
        [name, *(f"{r['queries'][name]['p50_ms']:.1f} / {r['queries'][name]['p95_ms']:.1f}"
                 for _, r in sizes)]
        for name in names
    ]  # fmt: skip
    return _table(["query: p50 / p95 ms", *(f"N={n}" for n, _ in sizes)], rows)


def page_table(results: dict) -> str:
    sizes = _sizes(results)
    pages = list(sizes[0][1]["pages"])
    rows = [
        [page, *(f"{r['pages'][page]['page_ms']:.0f} / {r['pages'][page]['bare_ms']:.0f} "
                 f"= {r['pages'][page]['ratio']:.1f}×" for _, r in sizes)]
        for page in pages
    ]  # fmt: skip
    return _table(["page rerun: page / bare ms = ratio", *(f"N={n}" for n, _ in sizes)], rows)


def browser_table(results: dict) -> str:
    rows = [
        [n, f"{r['browser']['cold_start_s']:.1f}", f"{r['browser']['bare_cold_start_s']:.1f}",
         f"{r['browser']['app_rss_mb']:.0f}", f"{r['browser']['app_peak_mb']:.0f}"]
        for n, r in _sizes(results)
    ]  # fmt: skip
    header = ["N", "cold start s (dashboard)", "cold start s (bare page)",
              "app RSS MB after all pages", "app peak RSS MB"]  # fmt: skip
    return _table(header, rows)


def target_table(results: dict) -> str:
    n, r = _sizes(results)[-1]
    worst_query = max(r["queries"].items(), key=lambda kv: kv[1]["p95_ms"])
    worst_page = max(r["pages"].items(), key=lambda kv: kv[1]["ratio"])
    checks = [
        ("ingest MB/s", f"≥ {TARGET_MB_PER_S}", f"{r['mb_per_s']:.2f}",
         r["mb_per_s"] >= TARGET_MB_PER_S),
        ("worst query p95 ms", f"≤ {TARGET_QUERY_P95_MS:.0f}",
         f"{worst_query[1]['p95_ms']:.1f} ({worst_query[0]})",
         worst_query[1]["p95_ms"] <= TARGET_QUERY_P95_MS),
        ("worst page rerun / bare", f"≤ {TARGET_RERUN_RATIO:.0f}×",
         f"{worst_page[1]['ratio']:.1f}× ({worst_page[0]})",
         worst_page[1]["ratio"] <= TARGET_RERUN_RATIO),
        ("cold start s", f"≤ {TARGET_COLD_START_S:.0f}",
         f"{r['browser']['cold_start_s']:.1f} (bare page {r['browser']['bare_cold_start_s']:.1f})",
         r["browser"]["cold_start_s"] <= TARGET_COLD_START_S),
        ("app memory MB (peak RSS)", f"≤ {TARGET_APP_MB:.0f}",
         f"{r['browser']['app_peak_mb']:.0f}", r["browser"]["app_peak_mb"] <= TARGET_APP_MB),
    ]  # fmt: skip
    rows = [
        [name, target, value, "met" if ok else "**missed**"] for name, target, value, ok in checks
    ]
    return _table([f"target at N={n}", "target", "measured", ""], rows)


def tables(results: dict) -> str:
    """Every table, in the order docs/benchmarks.md shows them."""
    parts = [felt_table(results), concurrency_table(results), target_table(results),
             ingest_table(results), query_table(results), page_table(results),
             browser_table(results)]  # fmt: skip
    return "\n\n".join(p for p in parts if p)


def plot(results: dict, path: Path) -> None:
    """Query p95 and page rerun time against N (log x), written as a PNG with kaleido."""
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")  # kaleido drives Chromium
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    sizes = _sizes(results)
    ns = [int(n) for n, _ in sizes]
    fig = make_subplots(
        rows=1, cols=2, horizontal_spacing=0.12,
        subplot_titles=["每个查询的 p95 延迟 (ms)", "页面完整重跑 (ms，虚线为基准页)"],
    )  # fmt: skip
    for name in sizes[0][1]["queries"]:
        fig.add_trace(
            go.Scatter(x=ns, y=[r["queries"][name]["p95_ms"] for _, r in sizes],
                       mode="lines+markers", name=name, legendgroup="q"),
            row=1, col=1,
        )  # fmt: skip
    for page in sizes[0][1]["pages"]:
        fig.add_trace(
            go.Scatter(x=ns, y=[r["pages"][page]["page_ms"] for _, r in sizes],
                       mode="lines+markers", name=f"页面 {page}", legendgroup="p"),
            row=1, col=2,
        )  # fmt: skip
    bare = [sum(p["bare_ms"] for p in r["pages"].values()) / len(r["pages"]) for _, r in sizes]
    fig.add_trace(
        go.Scatter(x=ns, y=bare, mode="lines", name="基准页 (bare page)",
                   line={"dash": "dash", "color": "black"}),
        row=1, col=2,
    )  # fmt: skip
    fig.add_hline(y=TARGET_QUERY_P95_MS, line_dash="dot", line_color="red", row=1, col=1)
    fig.update_xaxes(type="log", title_text="N（通报份数）")
    fig.update_yaxes(type="log", tickvals=[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000])
    fig.update_layout(
        width=1300, height=560, template="plotly_white",
        font={"family": "Noto Sans CJK SC, sans-serif", "size": 12},
        margin={"l": 60, "r": 20, "t": 60, "b": 60},
    )  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.write_image(str(path))
