"""A reviewer's first look at a database: figures by theme, unit and kind; items by status."""

from __future__ import annotations

from pathlib import Path

import duckdb

QUERIES = {
    "figures by theme": "SELECT theme, count(*) FROM indicators GROUP BY 1 ORDER BY 2 DESC, 1",
    "figures by unit": "SELECT unit, count(*) FROM indicators GROUP BY 1 ORDER BY 2 DESC, 1",
    "figures by kind": "SELECT kind, count(*) FROM indicators GROUP BY 1 ORDER BY 2 DESC, 1",
    "items by status": "SELECT part || ' ' || status, count(*) FROM items GROUP BY 1 ORDER BY 1",
    "items by status and basis (明示 stated / 推断 inferred)": (
        "SELECT status || ' ' || coalesce(status_basis, '-'), count(*) FROM items"
        " GROUP BY 1 ORDER BY 1"
    ),
    "subjects most counted": (
        "SELECT subject, count(*) FROM indicators WHERE subject IS NOT NULL"
        " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15"
    ),
}


def stats_text(db_path: Path) -> str:
    conn = duckdb.connect(str(db_path), read_only=True)
    try:
        lines = []
        for title, title_cn, sql in (
            ("documents", "文档", "SELECT count(*) FROM documents"),
            ("items", "事项", "SELECT count(*) FROM items"),
            ("figures", "指标", "SELECT count(*) FROM indicators"),
            ("done-of-total pairs", "进度", "SELECT count(*) FROM progress"),
            ("village mentions", "村(社区)提及", "SELECT count(*) FROM village_mentions"),
            ("figures in 其他", "未归类", "SELECT count(*) FROM indicators WHERE theme = '其他'"),
            (
                "figures outside items",
                "事项外",
                "SELECT count(*) FROM indicators WHERE item_no IS NULL",
            ),
            (
                "figures without subject",
                "无计数对象",
                "SELECT count(*) FROM indicators WHERE subject IS NULL",
            ),
            (
                "figures tied to villages",
                "关联村",
                "SELECT count(*) FROM indicators WHERE len(villages) > 0",
            ),
        ):
            lines.append(f"{title_cn} {title}: {conn.execute(sql).fetchone()[0]}")
        for title, sql in QUERIES.items():
            lines.append(f"\n{title}:")
            for key, count in conn.execute(sql).fetchall():
                lines.append(f"  {key or '-'}\t{count}")
        return "\n".join(lines)
    finally:
        conn.close()
