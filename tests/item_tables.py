"""An invented notice whose items are one table with a category column, in every form.

    序号 | 问题类别 | 存在问题 | 整改措施 | 整改完成情况 | 责任领导 | 完成时限

The category (问题类别) repeats on every row of the .txt forms; in the .html it is one cell
spanning its rows (rowspan), in the .docx one vertically merged cell (w:vMerge), and the .pdf
is the page printed by Chromium (landscape, cells wrapping over lines, a row across pages).
"""

from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

HEADER = ("序号", "问题类别", "存在问题", "整改措施", "整改完成情况", "责任领导", "完成时限")
CATEGORIES = ("政治建设方面", "作风建设方面", "基层治理方面")
# (category, problem, measures, progress, owner, deadline)
ROWS = (
    (
        0,
        "学习贯彻上级决策部署跟进不及时，理论学习中心组学习流于形式",
        "修订理论学习中心组学习制度，建立学习台账，每季度开展专题研讨",
        "已开展专题研讨4次，修订制度2项，班子成员撰写心得体会18篇。已完成",
        "李明远",
        "2026年3月底",
    ),
    (
        0,
        "意识形态工作责任制落实不到位，阵地管理存在薄弱环节",
        "开展意识形态阵地排查，落实阵地管理责任清单",
        "排查宣传阵地26处，整改问题点位7处，建立阵地管理台账1套。已完成",
        "王秀兰",
        "2026年4月底",
    ),
    (
        1,
        "公务用车管理不规范，存在公车私用苗头",
        "修订公务用车管理办法，安装车辆定位设备，每月通报用车情况",
        "安装定位设备12台，清退违规用车补贴3.6万元，通报典型问题2起，整改正在推进",
        "赵建国",
        "2026年6月底",
    ),
    (
        1,
        "会议文件精简不到位，基层填表报数负担较重",
        "清理规范各类工作群和报表，严控会议数量和规模",
        "清理工作群41个、报表23种，会议数量同比下降31%，文件数量下降18%。已完成",
        "赵建国",
        "2026年2月底",
    ),
    (
        2,
        "村级议事协商机制运行不畅，群众参与度不高",
        "在各村推行议事协商会议制度，每月召开一次村民议事会",
        "14个村建立议事协商会议制度，召开村民议事会56场，解决群众诉求93件，正在推进",
        "陈海燕",
        "2026年9月底",
    ),
    (
        2,
        "矛盾纠纷排查化解不及时，信访积案化解进度偏慢",
        "建立矛盾纠纷周排查、月研判机制，领导包案化解信访积案",
        "排查化解矛盾纠纷127件，化解信访积案9件中的7件，剩余2件由班子成员包案跟进。长期坚持",
        "陈海燕",
        "长期坚持",
    ),
    (
        2,
        "网格员队伍配备不足，网格化管理服务作用发挥不充分",
        "按标准配齐专兼职网格员，开展网格员业务轮训",
        "新增专职网格员22名，开展业务轮训3期，培训网格员180人次。已完成",
        "王秀兰",
        "2026年5月底",
    ),
)
TITLE = "中共青川县柳溪镇委员会关于县委巡察整改进展情况的通报"
INTRO = (
    "按照县委统一部署，2025年9月至11月，县委第二巡察组对柳溪镇党委开展了常规巡察，"
    "并于2025年12月反馈了巡察意见。现将巡察整改进展情况予以通报。",
    "一、整改工作总体情况",
    "镇党委对照反馈的3个方面7个问题，制定整改措施21条，截至2026年4月30日，"
    "已完成整改4个，整改完成率57.1%。",
    "二、巡察反馈问题整改落实情况",
    "具体整改情况见下表。",
)
OUTRO = (
    "三、下一步工作打算",
    "镇党委将持续巩固整改成果，对尚未完成的问题逐项盯办，确保按期销号。",
    "中共青川县柳溪镇委员会",
    "2026年5月6日",
)


def table_rows() -> list[tuple[str, ...]]:
    """Each row's cells as printed, the category repeated on every row."""
    return [(str(n), CATEGORIES[row[0]], *row[1:]) for n, row in enumerate(ROWS, 1)]


def as_text(separator: str) -> str:
    lines = [TITLE, "", INTRO[0], *INTRO[1:], separator.join(HEADER)]
    lines += [separator.join(r) for r in table_rows()]
    return "\n".join([*lines, *OUTRO]) + "\n"


def as_html(page_style: str = "") -> str:
    """The table with each category one cell spanning its rows (rowspan)."""
    e = html.escape
    rows = [
        "<tr>" + "".join(f"<th>{e(h)}</th>" for h in HEADER) + "</tr>",
    ]
    shown: set[int] = set()
    for n, row in enumerate(ROWS, 1):
        category = row[0]
        cells = [f"<td>{n}</td>"]
        if category not in shown:
            shown.add(category)
            span = sum(1 for r in ROWS if r[0] == category)
            cells.append(f'<td rowspan="{span}">{e(CATEGORIES[category])}</td>')
        cells += [f"<td>{e(c)}</td>" for c in row[1:]]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    paras = "".join(f"<p>{e(p)}</p>" for p in INTRO)
    outro = "".join(f"<p>{e(p)}</p>" for p in OUTRO)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{e(TITLE)}</title><style>{page_style}</style></head><body>"
        f'<div class="article"><h1>{e(TITLE)}</h1>{paras}'
        f'<table border="1">{"".join(rows)}</table>{outro}</div></body></html>'
    )


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def as_docx() -> bytes:
    """The table with each category one vertically merged cell (restart, then continue)."""
    e = html.escape

    def para(text: str) -> str:
        return f"<w:p><w:r><w:t>{e(text)}</w:t></w:r></w:p>"

    def cell(text: str, merge: str | None = None) -> str:
        props = f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge == "restart" else ""
        if merge == "continue":
            props = "<w:tcPr><w:vMerge/></w:tcPr>"
        return f"<w:tc>{props}{para(text) if text else '<w:p/>'}</w:tc>"

    rows = ["<w:tr>" + "".join(cell(h) for h in HEADER) + "</w:tr>"]
    shown: set[int] = set()
    for n, row in enumerate(ROWS, 1):
        first = row[0] not in shown
        shown.add(row[0])
        category = cell(CATEGORIES[row[0]], "restart") if first else cell("", "continue")
        rows.append(
            "<w:tr>" + cell(str(n)) + category + "".join(cell(c) for c in row[1:]) + "</w:tr>"
        )
    body = (
        para(TITLE)
        + "".join(para(p) for p in INTRO)
        + "<w:tbl>" + "".join(rows) + "</w:tbl>"
        + "".join(para(p) for p in OUTRO)
    )  # fmt: skip
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", document)
    return buf.getvalue()


PRINT_STYLE = (
    "@page { size: A4 landscape; margin: 15mm; }"
    'body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 12pt; line-height: 1.5; }'
    "table { border-collapse: collapse; width: 100%; }"
    "th, td { border: 1px solid #000; padding: 3pt; vertical-align: middle; }"
    "p { text-indent: 2em; margin: 0 0 4pt 0; }"
    "h1 { font-size: 18pt; text-align: center; }"
)


def as_pdf(out: Path) -> Path:
    """The page printed by headless Chromium, landscape A4, the table over two pages."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        page.set_content(as_html(PRINT_STYLE))
        page.pdf(path=str(out), format="A4", landscape=True, print_background=False)
        browser.close()
    return out
