"""Write one notice in the other forms a user may bring: encodings, a saved page, a .docx."""

from __future__ import annotations

import html
from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title_text} - 政府网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码 2024年 99处");</script>
<style>.nav {{ color: red; }}</style></head>
<body>
<div class="top-bar">无障碍版 长者助手 登录</div>
<div id="nav" class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开 12项</a></li></ul></div>
<div class="breadcrumb">您当前的位置: <a href="/">首页</a> &gt; <a href="/tzgg">通知公告</a></div>
<div class="main"><div class="article">
<h1 class="article-title">{title}</h1>
<div class="info">信息来源:本网 {date} <span class="share">分享:</span></div>
<div class="article-content TRS_Editor">
{paragraphs}
</div></div>
<div class="sidebar"><h3>相关链接</h3><a href="#">热点 3条</a></div></div>
<div class="footer">版权所有 © 2025 主办单位 网站标识码4420000001 备案号 粤ICP备05000000号 联系电话 0760-88888888</div>
<script>console.log("页面访问量 12345 次");</script>
</body></html>
"""


def split_notice(text: str) -> tuple[str, str, list[str]]:
    import unicodedata

    text = unicodedata.normalize("NFKC", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = next((line for line in lines if "通报" in line), lines[0])
    date = next(
        (line.split("发布日期:")[1].split()[0] for line in lines if "发布日期:" in line),
        "",
    )
    body = [
        line
        for line in lines
        if line != title and "发布日期" not in line and not line.startswith(("无障碍", "您当前"))
    ]
    return title, date, body


def write_html(text: str, path: Path, encoding: str = "gbk") -> Path:
    title, date, body = split_notice(text)
    paragraphs = "\n".join(f'<p style="text-indent:2em">{html.escape(line)}</p>' for line in body)
    page = PAGE.format(
        charset=encoding,
        title_text=html.escape(title),
        title=html.escape(title),
        date=f"发布日期:{date}" if date else "",
        paragraphs=paragraphs,
    )
    path.write_bytes(page.encode(encoding, errors="xmlcharrefreplace"))
    return path


def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(str(path))
    return path


def write_all_forms(source: Path, folder: Path) -> dict[str, Path]:
    """The notice as UTF-8 (plain and BOM), GB18030, UTF-16, a GBK web page and a .docx."""
    text = source.read_text(encoding="utf-8")
    stem = source.stem
    out = {}
    for name, encoding in (
        ("utf8", "utf-8"),
        ("utf8bom", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("utf16", "utf-16"),
    ):
        path = folder / f"{stem}.{name}.txt"
        path.write_bytes(text.encode(encoding))
        out[name] = path
    out["html_gbk"] = write_html(text, folder / f"{stem}.html")
    out["docx"] = write_docx(text, folder / f"{stem}.docx")
    return out
