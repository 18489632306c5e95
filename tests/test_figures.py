"""The figure parser, one row a case: each quirk met in a real notice becomes a row."""

from __future__ import annotations

import pytest

from loaders.figures import Protected, find_figures
from loaders.normalise import normalise


def figures(sentence: str) -> list[tuple[float, str, str | None]]:
    text = normalise(sentence).strip()
    return [
        (f.value, f.unit, f.qualifier) for f in find_figures(text, 0, len(text), Protected(text))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("拆除村内违章建筑、乱搭乱建等331处", [(331, "处", None)]),
        ("发现并整改各类隐患2365项", [(2365, "项", None)]),
        ("新增垦造水田约1900亩", [(1900, "亩", "约")]),
        ("水产养殖总面积超2.76万亩", [(27600, "亩", "超")]),
        ("拉动消费近400万元", [(4000000, "元", "近")]),
        ("吸引市内外游客超5万人次", [(50000, "人次", "超")]),
        ("检查企业场所8562家次", [(8562, "家次", None)]),
        ("开展有限空间培训30场次约600人次参与", [(30, "场次", None), (600, "人次", "约")]),
        ("完成人行道破损修复35平方米", [(35, "平方米", None)]),
        ("巡查里程2800余公里", [(2800, "公里", "余")]),
        ("利用社会慈善力量支持金额110余万元", [(1100000, "元", "余")]),
        ("召开会议累计40余次", [(40, "次", "余")]),
        ("培训两千余人次", [(2000, "人次", "余")]),
        ("其中35岁以下人员占比超六成", [(35, "岁", "以下"), (60, "%", "超")]),
        ("同比下降57.3%", [(57.3, "%", None)]),
        ("合证项目总数同比增加1倍", [(1, "倍", None)]),
        ("产值较上年增长一倍", [(1, "倍", None)]),
        ("拆建比例为1:1.02", [(1.02, "比", None)]),
        ("明确每月至少开展一次集中学习", [(1, "次", "至少")]),
        ("街道党工委坚持每年召开两次专题会议", [(2, "次", None)]),
        ("在取得批文后9个月内供地", [(9, "个月", None)]),
        ("对10亩以上低效用地", [(10, "亩", "以上")]),
        ("不低于总数20%的工作目标", [(20, "%", "不低于")]),
        ("储备人选约三万五千人", [(35000, "人", "约")]),
        ("新增就业三万五人", [(35000, "人", None)]),
        ("共１２处积水点", [(12, "处", None)]),
        ("完成投资1,250万元", [(12500000, "元", None)]),
        ("较巡察前提升8个百分点", [(8, "百分点", None)]),
        ("占比提高2.5百分点", [(2.5, "百分点", None)]),
        ("道路长约200米内侧大堤", [(200, "米", "约")]),
        ("完成30多个项目", [(30, "个", "多")]),
        ("投入资金1.2亿元", [(120000000, "元", None)]),
        ("百分之五十的村已完成", [(50, "%", None)]),
    ],
)
def test_figures_found(sentence, expected):
    assert figures(sentence) == [(float(v), u, q) for v, u, q in expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年3月29日至6月28日,市委第一巡察组开展巡察",
        "7月29日,钢便桥建设完成验收工作",
        "第十五届市委第五轮常规巡察",
        "成功申报第十一批市级非物质文化遗产项目",
        "美丽圩镇“七个一”项目建设",
        "“9+2”沿线综合环境整治",
        "深入实施“13388”强镇兴村富民行动",
        "学习党的二十大和二十届三中全会精神",
        "深入开展“三清三拆三整治”",
        "加大对G228国道等重点路段的巡查",
        "新平乡青年突击队公园2号、3号新展馆建成使用",
        "联系电话:0760-85168225",
        "(周一至周五上午8:30-12:00,下午2:30-5:30)",
        "邮政编码:528441;电子邮箱:mzdzzhb@126.com",
        "推动“百千万工程”在民众落地见效",
        "印发《关于调整“百县千镇万村高质量发展工程”指挥部架构的通知》",
        "制定《村级集体经济年收入低于300万元涉农村收入提升工作方案》",
        "有效解决了一批群众反映的急难愁盼问题",
        "进一步统一思想",
        "农污一期工程基本完工,农污二期工程加快建设",
        "对近三年民众街道发生的重大安全生产事故隐患开展“回头看”",
        "违反中央八项规定精神",
        "对桑基鱼塘整治工程预算开展二次复核",
        "对考核排名后三位的村(社区)进行重点分析",
        "万亩农业科技产业园全面落地",
        "民众街道第一家乡村民宿",
        "海顺路、海潮路、六百六路等道路工程",
    ],
)
def test_not_figures(sentence):
    assert figures(sentence) == []


def test_span_is_number_through_unit():
    text = "水产养殖总面积超2.76万亩"
    fig = find_figures(text, 0, len(text), Protected(text))[0]
    assert text[fig.start : fig.end] == "2.76万亩"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新建广场1200㎡", [(1200, "平方米", None)]),
        ("清淤1.2万方", [(12000, "方", None)]),
        ("用五年时间全面完成整治", [(5, "年", None)]),
        ("①完成整治3处;②清理垃圾20吨", [(3, "处", None), (20, "吨", None)]),
        ("发放贷款50笔", [(50, "笔", None)]),
        ("光伏装机容量达1200千瓦", [(1200, "千瓦", None)]),
        ("加强部门、村委、农户三方沟通", []),
    ],
)
def test_more_units_and_signs(sentence, expected):
    assert figures(sentence) == [(float(v), u, q) for v, u, q in expected]


# Forms met in held-out notices, each as an invented sentence (loaders.figures).
MORE_FORMS = {
    "a space before 万元": ("追回违规资金48.5 万元", [(485000, "元", None)]),
    "a space before 万 and after it": ("完成投资3 万 元", [(30000, "元", None)]),
    "大类 as a measure word": ("梳理问题5大类21项", [(5, "大类", None), (21, "项", None)]),
    "卷 of files": ("整理档案136卷", [(136, "卷", None)]),
    "a second measure word in brackets": ("核查设备216台(套)", [(216, "台(套)", None)]),
    "full-width brackets fold": ("发放器材45件（套）", [(45, "件(套)", None)]),
    "brackets holding a word are not a unit": ("走访群众36户(重点户)", [(36, "户", None)]),
    "近百: a round hundred": ("培训党员近百人次", [(100, "人次", "近")]),
    "逾千 with 万": ("带动收入逾千万元", [(10000000, "元", "逾")]),
    "数百 and 上千 are vague": ("吸引数百名游客,上千户受益", []),
    "一半 is 50 %": ("办理时间缩短约一半", [(50, "%", "约")]),
    "一半以上": ("一半以上的社区已完成", [(50, "%", "以上")]),
    "其中 before a Chinese numeral": ("其中三成已办结", [(30, "%", None)]),
    "扩大 before 一倍": ("覆盖面扩大一倍", [(1, "倍", None)]),
    "每半年 a rule of one": ("每半年开展一次评估", [(1, "次", None)]),
    "a name glued to its numeral stays a name": ("沙三村道路硬化", []),
}


@pytest.mark.parametrize(("sentence", "expected"), MORE_FORMS.values(), ids=MORE_FORMS)
def test_more_forms(sentence, expected):
    assert figures(sentence) == [(float(v), u, q) for v, u, q in expected]
