"""What kind of figure each is (result / target / rule / baseline) and whether it is a change,
one general shape a row (loaders/context.py: figure_kind, figure_change).

The sentences are invented for the tests, each a shape of the genre; none is copied from a
notice of the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract import parse_report
from loaders.reading import RawReport


def _figures(body: str) -> dict[str, dict]:
    text = "某乡党委关于巡察整改进展情况的通报\n二、巡察反馈问题整改落实情况\n(1)整治环境\n"
    raw = RawReport(
        path=Path("t.txt"),
        text=text + body + "\n",
        source_format="txt",
        encoding="utf-8",
        sha256="0",
    )
    return {i["raw"]: i for i in parse_report(raw).indicators}


@pytest.mark.parametrize(
    ("body", "raw", "kind"),
    [
        # a threshold that marks out a class is a standing criterion
        ("一是建立40岁以下青年干部台账,入库33人。", "40岁", "rule"),
        ("一是对造价20万元以上的工程实行联审。", "20万元", "rule"),
        ("一是年产值低于50万元的企业由9家减少为4家。", "50万元", "rule"),
        ("一是新发展党员8名,其中30岁以下的5名。", "30岁", "rule"),
        ("一是全村70岁及以上老人纳入关爱名单。", "70岁", "rule"),
        ("一是对种植大户给予每亩80元的补贴。", "80元", "rule"),
        # an amount with 以上 at the end of its clause is an outcome, not a threshold
        ("一是新增就业岗位120个以上。", "120个", "result"),
        ("一是收集诉求40件,其中七成以上在一个月内办结。", "七成", "result"),
        # a level every member reaches is an outcome; the members are the stock
        ("一是全镇13个村集体收入均达到8万元以上。", "8万元", "result"),
        ("一是全镇13个村集体收入均达到8万元以上。", "13个", "baseline"),
        # an area's whole set, all of it in one state, or a measure spread over it
        ("一是全县42个村卫生室实现医保结算全覆盖。", "42个", "baseline"),
        ("一是在全乡8个村推行积分制管理。", "8个", "baseline"),
        ("一是将粮食生产目标分解落实到全乡12个村。", "12个", "baseline"),
        ("一是全乡960名党员全部纳入积分管理。", "960名", "baseline"),
        # an area's size, counted with no verb, is its stock; a level it reaches is not
        ("一是全村常住人口约2300人。", "2300人", "baseline"),
        ("一是全县粮食播种面积达到52.3万亩。", "52.3万亩", "result"),
        ("一是全街道划分网格96个。", "96个", "result"),
        # what the inspection found is its feedback, the scope
        ("一是巡察共发现问题4个方面23个。", "4个", "baseline"),
        # work done on each member is a result
        ("一是对全镇6辆公务用车全部安装定位系统。", "6辆", "result"),
        ("一是全镇拆除违建共120处。", "120处", "result"),
        # the stock a relative clause describes; a class cut by a threshold is not one
        ("一是未落实河长制的村有3个,已全部整改。", "3个", "baseline"),
        ("一是村集体收入超过20万元的村有5个。", "5个", "result"),
        # the inspection's own findings and advice are the scope
        ("一是巡察指出问题5类21项。", "21项", "baseline"),
        ("一是巡察组提出整改意见建议9条。", "9条", "baseline"),
        ("一是针对上岭、下岭2个村灌溉难问题,新修水渠3条。", "2个", "baseline"),
        ("一是针对上岭、下岭2个村灌溉难问题,新修水渠3条。", "3条", "result"),
        # work in the area is not the area's stock
        ("一是走访辖区商户85家,收集意见30条。", "85家", "result"),
        # what is left of a total is counted as the work stands, even where a plan takes it
        ("一是排查危桥9座,已加固7座,剩余2座已列入明年维修计划。", "2座", "result"),
        ("一是排查危桥9座,已加固7座,剩余2座预计年底前完成加固。", "2座", "target"),
        # the value before a change, even where it is a daily rate; the future with 将
        ("一是供水能力由原来的每日500吨提高到每日900吨。", "500吨", "baseline"),
        ("一是改造后覆盖范围将由3个村扩大到6个村。", "3个", "baseline"),
        ("一是改造后覆盖范围将由3个村扩大到6个村。", "6个", "target"),
        ("一是项目投产后年产值将突破2000万元。", "2000万元", "target"),
        ("一是2026年将新建村级活动场所3个。", "3个", "target"),
        ("一是项目将于2026年6月建成,新增停车位200个。", "200个", "target"),
        # the inspection hands the unit its scope; what the unit hands on is work done
        ("一是县委巡察组移交问题线索8件,已办结6件。", "8件", "baseline"),
        ("一是移交镇纪委问题线索2件。", "2件", "result"),
        ("一是县委巡察组延伸巡察了镇卫生院、镇中心小学等2家单位。", "2家", "baseline"),
        ("一是满意率较巡察前提升3.5个百分点。", "3.5个百分点", "result"),
        # a sentence opening with its before-time is about then, until a later time takes over
        ("一是整改前,全镇垃圾清运率仅为72%,现已提升至95%。", "72%", "baseline"),
        ("一是整改前,全镇垃圾清运率仅为72%,现已提升至95%。", "95%", "result"),
        ("一是巡察前,全镇有污水处理设施2座,整改后新建4座。", "4座", "result"),
        # an age threshold in 周岁, followed by the count it marks out
        ("一是新录用公务员6名,其中35周岁以下5名。", "35周岁", "rule"),
        ("一是新录用公务员6名,其中35周岁以下5名。", "5名", "result"),
        # 目标任务 is a noun: its completion rate is an outcome
        ("一是年度目标任务完成率100%。", "100%", "result"),
        # a window of the work done is not a time limit
        ("一是群众诉求在集中整改的前三个月内办结七成。", "三个月", "result"),
        ("一是反馈问题要求2个月内整改到位。", "2个月", "rule"),
        # the total of a pair is the stock its done part is measured against, found by the
        # work or known before; the done part is the result
        ("一是清查发现超标准配车、公车私用等问题12个,已整改10个。", "12个", "baseline"),
        ("一是清查发现超标准配车、公车私用等问题12个,已整改10个。", "10个", "result"),
        ("一是排查出积水点15处,已完成整治11处。", "15处", "baseline"),
        ("一是发现违规问题8个,已督促整改。", "8个", "result"),
        ("一是全村16处积水点已完成整治12处。", "16处", "baseline"),
        # a forecast governs up to a semicolon, not the next statement after it
        ("一是其余2个正在推进,预计年底前完成;54条措施已落实50条。", "54条", "baseline"),
        ("一是其余2个正在推进,预计年底前完成;54条措施已落实50条。", "50条", "result"),
        ("一是预计新增耕地300亩,可带动就业80人。", "80人", "target"),
        # a standing rule of its own clause stays a rule inside a plan's sentence
        ("一是力争完成率达到100%,并每季度至少开展1次督查。", "1次", "rule"),
        ("一是力争明年6月底前,村干部中40岁以下的占比超过一半。", "40岁", "rule"),
        ("一是每半月召开1次推进会。", "1次", "rule"),
        # an attributive 计划 names a set, not a plan
        ("一是计划新建的6座公厕已建成4座。", "6座", "baseline"),
        ("一是计划新建的6座公厕已建成4座。", "4座", "result"),
        ("一是计划新建公厕6座。", "6座", "target"),
        # the set a check spans, named by its area, its age or its state, is the scope
        ("一是对全乡27座山塘逐一开展安全评估。", "27座", "baseline"),
        ("一是对辖区内52家餐饮店开展燃气安全检查。", "52家", "baseline"),
        ("一是对2022年以来的38个工程项目开展专项审计。", "38个", "baseline"),
        ("一是对尚未完成整改的3个问题继续挂账督办。", "3个", "baseline"),
        ("一是对正在推进的3个问题实行挂图作战。", "3个", "result"),
        ("一是对履职不力的2名干部进行约谈。", "2名", "result"),
        ("一是对全村9辆校车全部加装监控。", "9辆", "result"),
        # the inspection's feedback runs on through its coordinated clauses
        ("一是县委巡察组反馈问题18个,提出意见建议5条,移交问题线索2件。", "5条", "baseline"),
        ("一是县委巡察组反馈问题18个,提出意见建议5条,移交问题线索2件。", "2件", "baseline"),
        ("一是镇纪委移交问题线索2件。", "2件", "result"),
        # members that all reached a level the clause names are the stock; without a level
        # named, the count of those that reached the standard is the result
        ("一是目前,6个村饮用水均已达标。", "6个", "result"),
        # a sum dealt with is no scope; a stock found by work is what the work found
        ("一是发现超标准接待3笔,涉及金额0.6万元已全部退回。", "0.6万元", "result"),
        ("一是复核农房900栋,新发现存在安全隐患的12栋。", "12栋", "result"),
        ("一是全镇农房中存在安全隐患的12栋。", "12栋", "baseline"),
        # a time cut to a level is the level reached, not a time limit
        ("一是审批时间压缩至3个工作日以内。", "3个工作日", "result"),
        ("一是群众来信须在7个工作日内答复。", "7个工作日", "rule"),
        # an area's set the clause counts within, the clause going on after 中
        ("一是全镇14个村党组织书记中大专以上学历的有11名。", "14个", "baseline"),
        ("一是全镇14个村党组织书记中大专以上学历的有11名。", "11名", "result"),
        # a part of what the work found, the total of its own pair
        ("一是共排查图斑900个,其中疑似撂荒图斑60个,已完成核查52个。", "60个", "baseline"),
        ("一是共排查图斑900个,其中疑似撂荒图斑60个,已完成核查52个。", "900个", "result"),
        # a set named by its year is the scope a check spans
        ("一是对2025年确定的8件民生实事逐项倒排工期。", "8件", "baseline"),
        # a quota for each member of a set is a rule
        ("一是逐一明确1名县级领导联系、1个县直部门结对帮扶。", "1名", "rule"),
        ("一是逐一明确1名县级领导联系、1个县直部门结对帮扶。", "1个", "rule"),
        ("一是逐一制定帮扶措施36条。", "36条", "result"),
        # a daily rate's level after 至 is no rule
        ("一是污水处理规模由每日600吨扩容至每日1500吨。", "1500吨", "result"),
        ("一是每日巡查不少于2次。", "2次", "rule"),
        # a breakdown of the feedback, listed item by item; a class cut by a threshold is not
        ("一是巡察组共指出问题20个,其中共性问题8个、个性问题12个。", "8个", "baseline"),
        ("一是巡察组共指出问题20个,其中共性问题8个、个性问题12个。", "12个", "baseline"),
        ("一是全镇6个村集体收入均超过8万元,其中超过15万元的村有2个。", "2个", "result"),
        # the units an inspection extends to
        ("一是县委巡察组对镇党委开展常规巡察,并延伸巡察所辖9个村党组织。", "9个", "baseline"),
        # a stock by name, a project's size; a stock cleared is work done
        ("一是梳理出存量违法建设58宗。", "58宗", "baseline"),
        ("一是消除历史存量违建近90宗。", "90宗", "result"),
        ("一是项目总投资860万元,已完成投资500万元。", "860万元", "baseline"),
        ("一是计划总投资860万元。", "860万元", "target"),
        ("一是引进农产品加工项目2个,总投资1.5亿元。", "1.5亿元", "result"),
        # a price level per unit is no rule; a standard rate given per unit is
        ("一是鱼塘租金仅为每亩每年300元。", "300元", "result"),
        ("一是物业费由每平方米每月1.5元调整为1.1元。", "1.1元", "result"),
        ("一是对70周岁以上老人每餐补贴2元。", "2元", "rule"),
        ("一是管护经费落实到每亩每年15元。", "15元", "rule"),
        # a before-time opening a later clause of the sentence governs the clauses after it
        ("一是全镇常住人口3.2万人,巡察时仅有卫生室3个,每万人拥有医生1.2名。", "1.2名", "baseline"),
        # the open set a next step takes up, however it is named
        ("一是镇党委将聚焦尚未完成的3个问题,逐一明确完成时限。", "3个", "baseline"),
        # an area's members summed
        ("一是全乡9个村集体经济收入总额达320万元。", "9个", "baseline"),
        # 确保 with a date ahead is a target
        ("一是确保2026年底前整改完成率达到100%。", "100%", "target"),
        ("一是确保泵站正常运行,全年巡查泵站30次。", "30次", "result"),
        # a plan before a remainder takes it up; a remainder counted with work done since the
        # plan, or with its own plan after it, is as before
        ("一是计划年底前完成剩余12处积水点改造。", "12处", "target"),
        ("一是确保剩余9项隐患10月底前整改到位,剩余3件积案年内化解。", "9项", "target"),
        ("一是确保剩余9项隐患10月底前整改到位,剩余3件积案年内化解。", "3件", "target"),
        ("一是计划改造小区8个,已完工6个,剩余2个正在施工。", "2个", "result"),
        ("一是已修复路灯30盏,剩余5盏已列入明年维修计划。", "5盏", "result"),
        # a set named by when it arose: sized right after its 的, or counted after its noun
        ("一是对2021年以来的36个工程项目开展专项审计。", "36个", "baseline"),
        ("一是对2021年以来实施的工程项目36个开展回头看。", "36个", "result"),
        # 争取 with a date ahead plans; 争取 money is money won
        ("一是争取年底前新建站点5个。", "5个", "target"),
        ("一是积极争取上级补助资金600万元。", "600万元", "result"),
        # 将完成 of the future plans; 将 taking its object (将完成整改的…纳入) does not
        ("一是2026年将完成改造小区4个。", "4个", "target"),
        ("一是将完成整改的9个问题纳入回头看。", "9个", "result"),
        # a duration marking out a class is a criterion
        ("一是对连续6个月未参加组织生活的党员进行提醒。", "6个月", "rule"),
        ("一是对超过15天未办结的工单实行督办。", "15天", "rule"),
        ("一是连续3个月开展夜间巡查。", "3个月", "result"),
        # a plan's verb governs the clauses after it, until work done since is said
        ("一是下一步,计划投入资金300万元,新建道路2公里。", "2公里", "target"),
        ("一是今年计划完成造林500亩,截至目前已完成320亩。", "320亩", "result"),
        ("一是其余6个正在按计划推进,完成率较上月提高5个百分点。", "5个百分点", "result"),
        ("一是目标到2026年,全镇集体经济收入全部达到20万元以上。", "20万元", "target"),
        ("一是下一步将投入资金200万元。", "200万元", "target"),
        # a stock that still exists, what the inspection found
        ("一是现存违建面积1.2万平方米。", "1.2万平方米", "baseline"),
        ("一是对巡察发现的12个问题建立台账。", "12个", "baseline"),
        # the whole as first stated is the pair's total; the act restating it is work done
        ("一是梳理信访积案18件,由班子成员包案18件,目前已化解15件。", "15件", "result"),
        # the year's scope named by its plan, counted in full
        ("一是2024年计划改造的农贸市场共5个,涉及商户300户。", "5个", "baseline"),
        # the notice's problems, taken up as a whole
        ("一是下设3个专项组,对25个具体问题逐一建立整改台账。", "25个", "baseline"),
        ("一是召开会议6次,将14项问题细化为整改任务40项。", "14项", "baseline"),
        # the other members of a set checked are no remainder
        ("一是举一反三,对辖区内其余5个社区的出租屋开展同类排查。", "5个", "baseline"),
        # a plan for the year's end governs the clauses after it
        ("一是计划年底前完成剩余8处改造,整治率达到100%。", "100%", "target"),
        # the measures drawn up for the feedback's problems: the rectification's scope
        ("一是对照巡察反馈的3个方面15个问题,逐条制定整改措施46条。", "46条", "baseline"),
        ("一是对巡察反馈的20个问题逐项认领,细化整改措施58条。", "58条", "baseline"),
        ("一是巡察组共反馈问题18个,镇党委将其细化为整改任务50项。", "50项", "baseline"),
        # …not measures of a meeting or of a plan
        ("一是召开专题会议6次,细化整改措施37条。", "37条", "result"),
        ("一是对照反馈问题制定整改方案,细化整改措施64条。", "64条", "result"),
        # a time limit cut to a level is the level reached; a limit in hours is a rule
        ("一是审批时限由7个工作日压缩至4个工作日。", "4个工作日", "result"),
        ("一是群众投诉做到12小时内响应。", "12小时", "rule"),
        # the set a next step keeps on, left at a stage
        ("一是镇党委将持续跟踪阶段性完成的3个问题,确保年底前销号。", "3个", "baseline"),
        ("一是对阶段性完成的5个问题挂账督办。", "5个", "baseline"),
        # the people a project spans; what the inspection found as it stood
        ("一是2024年度计划改造小区5个,涉及居民1800户,已完工3个。", "1800户", "baseline"),
        ("一是巡察指出镇区存在此类黑臭沟渠6条。", "6条", "baseline"),
        ("一是巡察反馈时,全镇闲置厂房12宗。", "12宗", "baseline"),
        # the size of a stock just counted is a baseline too; of work's total, not
        ("一是全镇废弃砖窑共15处、面积320亩。", "320亩", "baseline"),
        ("一是巡察指出镇区存在黑臭沟渠6条,总长4.2公里。", "4.2公里", "baseline"),
        ("一是清理往来款项40笔,金额共计120万元,已清理销号35笔。", "120万元", "result"),
        # the next member of a list of the feedback, named by a noun alone
        ("一是对巡察组反馈的镇级问题12个、村级问题30个建立清单。", "30个", "baseline"),
        ("一是发现问题20个、整改15个。", "15个", "result"),
        # a task done more than in full is the whole; the amount done is the result
        ("一是化解债务5.5亿元,完成年度化解任务5亿元的110%。", "5亿元", "baseline"),
        ("一是化解债务5.5亿元,完成年度化解任务5亿元的110%。", "5.5亿元", "result"),
    ],
)
def test_kind(body, raw, kind):
    assert _figures(body)[raw]["kind"] == kind


@pytest.mark.parametrize(
    ("body", "raw", "change"),
    [
        # an income gain per household or per year is the change of a level
        ("一是带动脱贫户户均增收约1500元。", "1500元", "up"),
        ("一是盘活闲置厂房,年增收租金约6万元。", "6万元", "up"),
        # a price cut stated as a share is a change
        ("一是集采药品平均降幅超过四成。", "四成", "down"),
        # a lump sum earned or cut is what was done
        ("一是通过公开招租实现增收80万元。", "80万元", None),
        ("一是开展工程审计,审减资金35万元。", "35万元", None),
        ("一是审减率达4.2%。", "4.2%", None),
        # a level reached has no change; an amount of change has
        ("一是自来水普及率提升至96%。", "96%", None),
        ("一是自来水普及率较巡察前提高5.5个百分点。", "5.5个百分点", "up"),
        ("一是信访件数同比下降三成。", "三成", "down"),
        # the clause after a 由A至B names the amount of the change
        ("一是干部平均年龄由51.2岁降至47.5岁,下降3.7岁。", "3.7岁", "down"),
        ("一是干部平均年龄由51.2岁降至47.5岁,下降3.7岁。", "47.5岁", None),
        ("一是日处理量由300吨提高到800吨,增加500吨。", "500吨", "up"),
        ("一是日处理量由300吨提高到800吨,新增管网5公里。", "5公里", None),
    ],
)
def test_change(body, raw, change):
    assert _figures(body)[raw]["change"] == change
