"""Case tables for drafts that used to get no headline (issue 10): invented places and people."""

from __future__ import annotations

import pytest

from models.headline.gate import reject_reason
from models.headlines import suggest_with_note
from models.text import Document


def texts(body: str, label: str | None, news: bool = False) -> list[str]:
    return [h.text for h in suggest_with_note(Document.from_text("", body), label, news=news)[0]]


# --- a leader's visit: post + name (+ 到 + place) + visit verb + object ------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "4月9日，县委副书记、县长柯望山带领县水利局、县农业农村局负责同志，深入青苇镇调研"
            "小型水库除险加固工作。在青苇镇东坝水库，柯望山察看了溢洪道改造进度。",
            "县长柯望山到青苇镇调研小型水库除险加固工作",
        ),
        (
            "3月2日，副市长闻启率市交通运输局负责同志到栖霞湾县检查春运安全工作。"
            "在县汽车站，闻启查看了车辆安检记录。",
            "副市长闻启到栖霞湾县检查春运安全工作",
        ),
        # two places named: the place is left out, never a 、 in a title
        (
            "5月6日，县长葛临川深入松亭乡、柳畈乡，调研高标准农田建后管护情况。"
            "在松亭乡，葛临川察看了灌溉渠系。",
            "县长葛临川调研高标准农田建后管护情况",
        ),
        # the visit after a scene-setting sentence
        (
            "“渠道什么时候能修好？”村民们围了上来。当天，县委书记庞远舟带领县交通运输局负责人"
            "到石垭镇开展下访接访，面对面听取群众诉求。",
            "县委书记庞远舟到石垭镇开展下访接访",
        ),
        # 对 + a list of sites closed by 等 + 进行检查: the sites after 等
        (
            "5月2日，副区长祁望带领区应急管理局负责同志，对青枫公园、临湖广场等4处人员密集场所"
            "节前消防安全进行检查。检查组查看了消防通道。",
            "副区长祁望检查4处人员密集场所节前消防安全",
        ),
        # a member visiting 我县: the draft's own place is left out, never 到我县
        (
            "6月3日，省政协委员柳青禾一行来我县调研山塘水库安全管理工作。县政协副主席陪同。",
            "省政协委员柳青禾调研山塘水库安全管理工作",
        ),
    ],
)
def test_a_leaders_visit_is_the_news(body: str, expected: str) -> None:
    assert texts(body, "dynamic", news=True) == [expected]


@pytest.mark.parametrize(
    "body",
    [
        # attending and speaking is no visit
        "6月3日，全县安全生产工作会议召开。县长柯望山出席会议并讲话。",
        # 开展 + a campaign is not what a leader's visit does
        "7月1日，县长柯望山到青苇镇开展环境卫生整治活动月。",
        # two leaders: the second one's name is not the visit's
        "8月5日，县委书记萧岭，县委副书记、县长柯望山带领各乡镇负责同志，对全县在建水利工程进行观摩。",
    ],
)
def test_no_visit_title_without_a_visit(body: str) -> None:
    assert not any(t.startswith("县长柯望山") for t in texts(body, "dynamic", news=True))


# --- a mass organisation acts for itself, never the place ---------------------------------
def test_a_county_trade_union_is_the_acting_unit() -> None:
    body = (
        "近日，柘塘县总工会启动夏季“送清凉”活动，工会干部分成3个小组，走访环卫站和建筑工地，"
        "为一线职工送去防暑物资。"
    )
    found = texts(body, "dynamic", news=True)
    assert "柘塘县总工会启动夏季“送清凉”活动" in found
    assert not any(t.startswith("柘塘县启动") for t in found)


# --- a clause that opens with a work verb or manner word jieba tags as a noun: same actor ----
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "今年以来，柘塘县信访局把群众建议收集作为一项基础工作，拓宽收集渠道，"
            "共收集群众建议208条，转交有关部门办理75条。",
            "柘塘县信访局收集群众建议208条",
        ),
    ],
)
def test_a_noun_tagged_work_verb_keeps_the_actor(body: str, expected: str) -> None:
    assert expected in texts(body, "dynamic")


# --- the standing committee of a people's congress is named whole, never 县人大常委 --------------
def test_the_standing_committee_is_named_whole() -> None:
    from models.headline.lead import read_lead
    from models.headline.subject import find_subject

    body = "9月上旬，县人大常委会组织部分代表视察全县乡村公路养护工作，实地察看路段12处。"
    assert find_subject(read_lead(Document.from_text("", body))).actor == "县人大常委会"


# --- a unit's work summary: unit + period + 工作总结 ---------------------------------------
_SUMMARY_BODY = (
    "一、主要工作完成情况\n（一）便民服务。一季度受理居民事项820件，办结率98.5%。\n"
    "（二）环境整治。清理背街小巷卫生死角64处。\n二、存在的问题\n"
    "志愿者队伍人手偏少，部分小区停车矛盾突出。\n三、下一步工作打算\n抓好汛前排查和停车位挖潜。"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "来源：桂园街道办事处　　发布时间：2025-04-03\n" + _SUMMARY_BODY,
            "桂园街道一季度工作总结",
        ),
        (
            "今年以来，市残联围绕助残惠残扎实开展工作，现将上半年工作总结如下。\n"
            "一、康复服务\n为残疾儿童提供康复训练312人，适配辅具460件。",
            "市残联上半年工作总结",
        ),
    ],
)
def test_a_work_summary_is_titled_by_unit_and_period(body: str, expected: str) -> None:
    assert texts(body, "dynamic") == [expected]


def test_a_summary_that_names_no_unit_gets_no_summary_title() -> None:
    assert not any(t.endswith("工作总结") for t in texts(_SUMMARY_BODY, "dynamic"))


# --- an event the place holds: place + 举行/举办 + event -------------------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "5月12日，2025年柘塘县森林火灾扑救综合应急演练在青苇镇林场举行。"
            "演练设置了火情报告、人员疏散、隔离带开设等6个科目。",
            "柘塘县举行森林火灾扑救综合应急演练",
        ),
        (
            "“这家企业离家近，工资也合适。”3月2日上午，在柘塘县春季农民工专场招聘会现场，"
            "求职者小周填好了登记表。共有48家企业参会，提供岗位1500余个。",
            "柘塘县举办春季农民工专场招聘会",
        ),
    ],
)
def test_an_event_the_place_holds_is_the_news(body: str, expected: str) -> None:
    assert expected in texts(body, "dynamic", news=True)


@pytest.mark.parametrize(
    "body",
    [
        "4月8日，柘塘县春季安全生产工作会议在县行政中心举行。副县长出席并讲话。",
        "4月8日，柘塘县新任村干部培训班在县委党校举行，86名村干部参加培训。",
    ],
)
def test_a_meeting_or_a_class_held_is_no_event(body: str) -> None:
    assert not any("举行" in t or "举办" in t for t in texts(body, "dynamic", news=True))


# --- a unit's survey or inspection by the team it sets up -------------------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "6月中旬，县政协组织驻青苇镇委员工作室的6名政协委员，围绕“林下经济发展”"
            "开展为期2天的专题调研。调研组走访基地9个，召开座谈会3场。",
            "县政协围绕“林下经济发展”开展专题调研",
        ),
        (
            "为摸清社区养老服务底数，5月至6月，市委政研室牵头，会同市民政局组成4个调研组，"
            "分赴7个区县开展“百社区走访”。调研组查阅台账，入户走访老人560户。",
            "市委政研室开展“百社区走访”",
        ),
        (
            "为推动民生实事落地，9月下旬，县政府督查室会同县财政局对18个乡镇民生实事项目推进情况"
            "进行了专项督查，共抽查项目52个。",
            "县政府督查室开展民生实事项目推进专项督查",
        ),
        # 就 + the topic + 情况: the topic before the work, scope and 情况 out
        (
            "10月上旬，县政协社会法制委员会会同县民政局，就全县农村养老服务情况开展专题调研。",
            "县政协社会法制委员会开展农村养老服务专题调研",
        ),
        (
            "4月上旬，县安委会抽调应急、住建等部门人员组成2个督查组，采取“四不两直”方式，"
            "对全县建筑工地开展高处作业安全暗访督查。",
            "县安委会开展高处作业安全暗访督查",
        ),
    ],
)
def test_a_units_team_survey_is_the_news(body: str, expected: str) -> None:
    assert texts(body, "dynamic") == [expected]


def test_a_team_of_another_actor_is_not_the_units() -> None:
    body = (
        "5月中旬，县政协召开常委会议，审议通过年度协商计划。市委调研组随后分赴5个乡镇开展专题调研。"
    )
    assert not any("开展专题调研" in t for t in texts(body, "dynamic"))


# --- a bulletin's period figure: period + what + verdict or figure ------------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "来源：柘塘市人力资源和社会保障局\n1-6月，全市失业保险基金运行总体平稳。"
            "基金收入3.2亿元，支出2.7亿元。",
            "1-6月柘塘市失业保险基金运行总体平稳",
        ),
        (
            "据县物价监测站监测，7月上旬县城大米、猪肉、鸡蛋等重点监测商品价格总体平稳。"
            "监测的28种商品中，上涨的6种。",
            "7月上旬县城重点监测商品价格总体平稳",
        ),
        (
            "10月份，市便民热线共受理群众来电23518件，同比上升4.1%。其中咨询类11020件。",
            "10月份市便民热线受理群众来电23518件",
        ),
    ],
)
def test_a_bulletins_period_figure_is_the_title(body: str, expected: str) -> None:
    assert texts(body, "dynamic") == [expected]


def test_a_period_change_without_its_topic_is_no_title() -> None:
    body = "1-6月，全市同比增长8.1%，高于全省平均水平。"
    assert not any(t.startswith("1-6月") for t in texts(body, "dynamic"))


# --- a new town or an industrial park that opens a clause is a place ---------------------------
@pytest.mark.parametrize(
    ("body", "subject"),
    [
        ("今年以来，枫桥新城在重点项目中推行“交地即发证”，已有6个项目当天领证。", "枫桥新城"),
        ("今年以来，柘塘工业园为入园企业招用员工920人，缓解了用工缺口。", "柘塘工业园"),
    ],
)
def test_a_new_town_or_a_park_is_a_place(body: str, subject: str) -> None:
    from models.headline.lead import read_lead
    from models.headline.subject import find_subject

    assert find_subject(read_lead(Document.from_text("", body))).place == subject


# --- the gate: an object cut off before 开展, a set-up with nothing done -----------------------
@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        ("县人大常委会水库运行管护情况开展专项视察", "broken_object"),
        ("县人大常委会对水库运行管护情况开展专项视察", None),
        ("县政协围绕“水库管护”开展专题调研", None),
        ("县人大常委会组织部分县人大代表", "dangling"),
        ("县人大常委会组织部分县人大代表见成效", "dangling"),
    ],
)
def test_gate_refuses_a_cut_object_or_a_bare_setup(candidate: str, reason: str | None) -> None:
    from models.headline.gate import reject_reason

    assert reject_reason(candidate, candidate, has_results=True, level_ok=True) == reason


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        # 服务 heads a result (服务覆盖…): not an action of the unit
        (
            "今年以来，柘塘县围绕茶叶、水产等产业，选派农技专家96名，服务覆盖全县11个乡镇。",
            "柘塘县服务覆盖全县11个乡镇",
        ),
        # a scene at an event (卫生院门前的义诊) is not an event's name
        (
            "“血压有点高，要少吃咸的。”5月8日，在青苇乡卫生院门前的义诊现场，专家为群众测量血压。",
            "青苇乡举办卫生院门前的义诊",
        ),
        # a known word after a post (副市长仔细察看…) is no person's name
        (
            "6月2日，副市长一行到柘塘经济开发区调研工业经济运行。副市长仔细察看新投用的生产线。",
            "副市长仔细察看新投用的生产线",
        ),
    ],
)
def test_no_title_from_a_misread_clause(body: str, bad: str) -> None:
    assert bad not in texts(body, "dynamic", news=True)


def test_a_summary_unit_named_by_level_takes_the_publishers_place() -> None:
    body = (
        "来源：柘塘县水利局\n今年以来，县河长办统筹推进河湖管理保护工作，现将上半年工作总结如下。\n"
        "一、河长履职\n各级河长巡河3260人次。"
    )
    assert texts(body, "dynamic")[0] == "柘塘县河长办上半年工作总结"


# --- an inspection notice: 关于 + what was inspected + the inspection + 情况的通报 ---------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "各乡镇、县直有关单位：\n5月中旬，县政府督查室会同县住建局，对全县38个县级民生项目"
            "进行了实地督查。现将有关情况通报如下。\n一、总体情况\n多数项目按计划推进。",
            "关于全县民生项目督查情况的通报",
        ),
        (
            "各乡镇：\n9月下旬，县防火办组成3个督查组，对全县9个乡镇、41个村的秋冬防火工作"
            "进行了第三轮督查。现将有关情况通报如下。",
            "关于第三轮督查情况的通报",
        ),
    ],
)
def test_an_inspection_notice_is_titled_as_one(body: str, expected: str) -> None:
    assert texts(body, "dynamic")[0] == expected


def test_a_notice_without_its_object_or_round_gets_no_notice_title() -> None:
    body = "各乡镇：\n9月下旬，县防火办对全县9个乡镇、41个村进行了督查。现将有关情况通报如下。"
    assert not any(t.endswith("通报") for t in texts(body, "dynamic"))


# --- a research report gets its genre's form from its team's survey, never 「开展调研」 ------------
_TEAM_SURVEY = (
    "为摸清底数，6月中旬，县政协社会法制委员会会同县民政局，就全县农村养老服务情况开展专题调研。"
)


def test_a_research_report_from_its_teams_survey() -> None:
    assert texts(_TEAM_SURVEY, "special") == ["关于农村养老服务情况的调研报告"]
    assert texts(_TEAM_SURVEY, "dynamic") == ["县政协社会法制委员会开展农村养老服务专题调研"]


# --- a unit's team survey or inspection competes with the other dynamic forms (issue 10q) ------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "6月以来，青禾县政协围绕山区小水电站生态流量管理开展专题调研。调研组分3个小组深入"
            "9个乡镇，实地察看电站27座，召开座谈会5场，收集意见建议41条。",
            "青禾县政协开展山区小水电站生态流量管理专题调研",
        ),
        # the fieldwork's own figures (抽查…120份, 发现…9个) are not the point of the inspection
        (
            "4月中旬，柏溪区人大常委会组织视察组，对全区农贸市场食品安全快检工作开展专项视察。"
            "视察组先后到7个市场，抽查快检记录120份，发现台账不全等问题9个。",
            "柏溪区人大常委会开展农贸市场食品安全快检专项视察",
        ),
    ],
)
def test_a_units_team_survey_is_offered_first(body: str, expected: str) -> None:
    assert texts(body, "dynamic")[0] == expected


# --- a member's proposal named inline (带来了一份关于X的建议), not only as 《关于X的建议》 ----------
def test_a_members_inline_proposal_is_the_news() -> None:
    body = (
        "本报讯（记者 苏念）“山里的卫生室常常缺药，老人跑一趟乡里要半天。”在县十九届人大三次"
        "会议上，县人大代表、青枫镇卫生院院长闵秋禾带来了一份关于完善山区村卫生室药品配送的"
        "建议。闵秋禾说，她走访了9个村卫生室，发现常用药断供的情况时有发生。"
    )
    assert texts(body, "problem", news=True) == ["县人大代表建议完善山区村卫生室药品配送"]


# --- a research report is titled from what its study set out to learn (为摸清X的真实情况) -------
# the purpose clause sits in the paragraph that closes with 现将…报告如下 (a line the lead drops)
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "近年来，乡村客栈数量逐年增加。为摸清蓝溪镇乡村客栈经营的真实情况，镇党政办于5月开展"
            "专题调研，走访全镇16家客栈，召开座谈会3场，现将有关情况报告如下。\n一、基本情况\n"
            "蓝溪镇下辖11个行政村，共有乡村客栈16家，床位320张。从走访看，多数客栈经营平稳。\n"
            "二、存在的问题\n（一）证照不全。有5家客栈未取得消防合格意见。",
            "关于蓝溪镇乡村客栈经营情况的调研报告",
        ),
        # the scope (全县) and the 的 between two nouns go; a second object after 和 is left out
        (
            "随着外出务工人员增多，农村空巢家庭数量上升。为全面掌握全县农村空巢老人的照料状况和"
            "实际需求，7月，县统计局会同县民政局在5个乡镇抽取240户家庭开展入户调查。现将调查"
            "情况报告如下。\n一、基本情况\n240户家庭中共有60岁以上老人402人，其中独居的占23.1%。"
            "多数老人依靠基础养老金和土地流转租金生活。",
            "关于农村空巢老人照料状况的调研报告",
        ),
    ],
)
def test_a_report_is_titled_from_its_studys_purpose(body: str, expected: str) -> None:
    assert texts(body, "special")[0] == expected


# --- a unit's study told as news: unit + 开展 + what the study set out to learn + 调研 -----------
def test_a_units_study_told_as_news_is_titled_from_its_purpose() -> None:
    body = (
        "为掌握全县秸秆综合利用工作推进情况，10月下旬，县农业农村局组成3个调研组，先后到7个"
        "乡镇、14个村，实地察看秸秆收储点11处，走访农机合作社和养殖场25家，召开座谈会3场，"
        "听取意见建议31条。调研组还就秸秆还田补贴发放等群众关心的问题开展了问卷调查。"
    )
    assert "县农业农村局开展秸秆综合利用调研" in texts(body, "dynamic")


def test_a_study_with_two_purposes_names_no_topic() -> None:
    body = (
        "为摸清底数和了解秸秆收储的实际情况，10月下旬，县农业农村局组成3个调研组，先后到7个"
        "乡镇实地察看秸秆收储点11处，走访农机合作社25家，召开座谈会3场。"
    )
    assert not any("底数" in t for t in texts(body, "dynamic"))


# --- 全年/年内 is a time word before the action: the figure stays with its action ---------------
def test_a_whole_year_figure_keeps_its_number() -> None:
    body = (
        "柏岭区现有失能老年人2300余人，家庭照护负担重。2024年，柏岭区将机构养老服务延伸到老人"
        "家中，全年建成家庭养老床位520张，服务对象满意度达到94.1%。"
    )
    assert texts(body, "dynamic") == ["柏岭区建成家庭养老床位520张"]


# --- a period's analysis report: period + scope + aggregate + 运行情况分析 ------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "上半年，面对原材料价格上涨等多重压力，全县经济运行总体保持平稳，但回升基础仍不牢固。\n"
            "一、主要指标\n全县实现地区生产总值88.4亿元，同比增长5.2%；规模以上工业增加值增长6.7%；"
            "固定资产投资下降3.1%。\n二、需要关注的问题\n（一）投资增长乏力。",
            "上半年全县经济运行情况分析",
        ),
        (
            "一季度，全市工业经济总体保持平稳运行，但下行压力不容忽视。\n一、运行基本情况\n"
            "全市规上工业增加值增长4.4%，其中装备制造业增长9.1%。",
            "一季度全市工业经济运行情况分析",
        ),
    ],
)
def test_a_period_analysis_report_is_titled_as_one(body: str, expected: str) -> None:
    assert texts(body, "special")[0] == expected


def test_a_tally_is_not_an_aggregate_that_runs() -> None:
    body = (
        "上半年，全县信访总量总体平稳，但重复信访有所增加。\n一、主要特点\n"
        "全县受理信访事项416件次，同比下降5.1%。"
    )
    assert not any(t.endswith("运行情况分析") for t in texts(body, "special"))


# --- a name cut out of a longer word of the draft is a broken subject --------------------------
_SURVEYED = (
    "调查覆盖全县410家小微企业，回收有效样本396份。受访的410家小微企业中，回款周期延长的占四成。"
)
_RIDERS = "民盟岭江市委会对岭江市外卖骑手开展问卷调查。调研组在岭江市走访了5家平台企业。"
_TOWNSHIP = "近年来青川县松溪乡民宿发展较快。青川县松溪乡现有民宿42家。"


@pytest.mark.parametrize(
    ("candidate", "body", "reason"),
    [
        ("家小微企业回款问题需关注", _SURVEYED, "broken_subject"),  # 410|家小微企业
        ("关于江市平台企业情况的调研报告", _RIDERS, "broken_subject"),  # 岭|江市
        ("关于岭江市平台企业情况的调研报告", _RIDERS, None),
        ("松溪乡民宿发展问题需关注", _TOWNSHIP, None),  # 青川县|松溪乡: a parent place
    ],
)
def test_a_cut_name_is_a_broken_subject(candidate: str, body: str, reason: str | None) -> None:
    assert reject_reason(candidate, body, has_results=False) == reason


# --- the task a unit sets itself (把X作为/列为…) is the point of a dynamic piece ------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a nominal task closed by an activity: 推进 + it
        (
            "今年以来，柏川县把集贸市场改造提升列为民生实事，投入资金3200万元，完成改造9个。"
            "改造后的市场统一设置了农残快检室。",
            "柏川县推进集贸市场改造提升",
        ),
        # a problem's cleanup reads 整治 + the problem
        (
            "入汛前，青溪县把侵占河道行洪问题整治作为河湖管理的头等任务。县河长办组织乡镇逐段"
            "排查，共排查出问题38处，已整改31处。",
            "青溪县河长办整治侵占河道行洪问题",
        ),
    ],
)
def test_a_units_own_task_is_offered_first(body: str, expected: str) -> None:
    assert texts(body, "dynamic")[0] == expected


def test_an_advisory_bodys_priority_is_not_work_it_does() -> None:
    body = "今年以来，白石县政协把社区养老服务提质列为年度协商重点，组织委员开展调研。"
    assert "白石县政协推进社区养老服务提质" not in texts(body, "dynamic")


@pytest.mark.parametrize(
    "candidate",
    ["石泉县联合县应急管理局", "石泉县联合县应急管理局 登记在册队员126人"],
)
def test_a_partner_with_nothing_done_is_dangling(candidate: str) -> None:
    body = "石泉县联合县应急管理局组建退役军人应急救援队，登记在册队员126人。"
    assert reject_reason(candidate, body, has_results=True) == "dangling"


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        ("同比增长问题需关注", "not_a_problem"),
        ("柏川县经济运行总体问题需关注", "not_a_problem"),
        ("主要指标好于预期问题需关注", "not_a_problem"),
        ("柏川县民宿数量快速增长问题需关注", None),  # the growth itself is the trouble
    ],
)
def test_a_trend_or_verdict_is_not_a_problem(candidate: str, reason: str | None) -> None:
    body = (
        "上半年，柏川县经济运行总体平稳，主要指标好于预期，同比增长5.1%。"
        "柏川县民宿数量快速增长，无证经营问题突出。"
    )
    assert reject_reason(candidate, body, has_results=True) == reason
