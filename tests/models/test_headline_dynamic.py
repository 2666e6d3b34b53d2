"""Case tables for the dynamic and news-style forms (our own sentences; invented places)."""

from __future__ import annotations

import pytest

from models.headline.campaign import campaign_actions
from models.headline.ceremony import ceremony_news, quoted_opening
from models.headline.gate import reject_reason
from models.headline.lead import read_lead
from models.headline.measures import measures_goal
from models.headline.phrases import count_measures
from models.headline.rank import features
from models.headlines import suggest_with_note
from models.text import Document


def texts(body: str, label: str | None, news: bool = False) -> list[str]:
    return [h.text for h in suggest_with_note(Document.from_text("", body), label, news=news)[0]]


# --- a campaign on a named object: the object stays, its frame goes -------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "上月,柘川区城管局针对夜市,商圈周边占道经营反弹问题开展为期二十天的集中整治,"
            "劝离流动摊点310余个。",
            ["集中整治占道经营问题"],
        ),
        (
            "5月中旬，葛岭镇对辖区23家农资门店和4家种子站开展专项检查，发现问题11处。",
            ["开展农资门店专项检查"],
        ),
        (
            "近期，苇塘县委督查室对全县9个乡镇夏季河道采砂管理工作开展专项督查。",
            ["开展夏季河道采砂管理工作专项督查"],
        ),
        # a place is where a campaign runs, never its object
        ("本月，苇塘县应急局对全县9个乡镇开展检查，发现隐患40处。", []),
        # no campaign verb: nothing
        ("今年以来，苇塘县对城区老旧管网进行摸底，共摸清管网86公里。", []),
    ],
)
def test_campaign_object(body: str, expected: list[str]) -> None:
    assert campaign_actions(read_lead(Document.from_text("", body))) == expected


def test_campaign_is_a_suggestion() -> None:
    body = (
        "近期，柘川区城管局针对学校周边占道经营问题开展集中整治，劝离流动摊点310余个，"
        "清理占道堆物160处。\n同时在两条主干道增设临时疏导点3处，划定摊位60个。"
    )
    assert "柘川区城管局集中整治占道经营问题" in texts(body, "dynamic")


# --- a byline alone on its line is furniture, not the lead ----------------------------------
@pytest.mark.parametrize("byline", ["记者 林晓 通讯员 陈果", "本报见习记者 宋雨桐", "记者：韦青"])
def test_byline_line_is_not_the_lead(byline: str) -> None:
    body = f"{byline}\n苇塘县今年新建村级养老服务站6个，服务老人900人次。"
    assert read_lead(Document.from_text("", body)).sentences[0].startswith("苇塘县")


# --- a ceremony lead: what was founded, named or opened, never the ceremony -----------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "3月2日上午，苇塘县青年企业家协会成立大会暨第一次会员大会在县会展中心举行。",
            "苇塘县青年企业家协会成立",
        ),
        ("5月9日，柘川市非遗传承实践基地授牌仪式在石桥镇举行。", "柘川市非遗传承实践基地授牌"),
        (
            "6月3日上午，全县村级财务人员业务提升培训班在县委党校开班。",
            "全县村级财务人员业务提升培训班开班",
        ),
        # a meeting stays a meeting; a signing is two parties, not one body
        ("4月8日，苇塘县防汛工作会议在县政府召开。", ""),
        ("4月8日，苇塘县医院与柘川市医院合作签约仪式在县医院举行。", ""),
        # only a class opens (开班)
        ("9月1日，苇塘县青少年宫在城南新区开班。", ""),
    ],
)
def test_ceremony_news(body: str, expected: str) -> None:
    assert ceremony_news(read_lead(Document.from_text("", body))) == expected


def test_class_opening_passes_the_gate_a_meeting_does_not() -> None:
    text = "全县村级财务人员业务提升培训班在县委党校开班。"
    assert reject_reason("全县村级财务人员业务提升培训班开班", text, has_results=False) is None
    assert reject_reason("苇塘县召开村级财务人员培训班", text, has_results=False) == "meeting_style"


# --- a means is not what was done -------------------------------------------------------------
@pytest.mark.parametrize(
    "candidate", ["苇塘县调研采取座谈与入户相结合的方式", "苇塘县医保局运用智能审核系统"]
)
def test_means_only_is_refused(candidate: str) -> None:
    assert reject_reason(candidate, candidate, has_results=False) == "means_only"


# --- a measures-structured piece by its goal: 多措并举, never a guessed count ----------------
MEASURED = (
    "今年以来，苇塘县人社局稳妥推进零工市场建设，新建零工驿站12个。\n"
    "一是建好站点。在城区和5个中心镇设立零工驿站。\n二是用好平台。上线零工小程序。"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (MEASURED, ["苇塘县多措并举推进零工市场建设", "苇塘县人社局多措并举推进零工市场建设"]),
        # the same goal with no listed measures: no 多措并举
        ("今年以来，苇塘县人社局稳妥推进零工市场建设，新建零工驿站12个。", []),
        # a task the unit sets itself (把X作为…) is the goal
        (
            "柘川区把稳住护林员队伍作为一项重点任务，从待遇、培训、考核三个方面发力。",
            ["柘川区多措并举稳住护林员队伍"],
        ),
    ],
)
def test_measures_goal(body: str, expected: list[str]) -> None:
    lead = read_lead(Document.from_text("", body))
    names = [n for n in ("苇塘县", "苇塘县人社局", "柘川区") if n in body]
    assert measures_goal(lead, names, count_measures(lead.text)) == expected


def test_a_name_that_holds_a_preposition_starts_no_suggestion() -> None:
    body = (
        "春节后，柘川县针对返乡未外出人员增多的情况，开展留乡就业专项行动，"
        "帮助返乡人员在县内就业1200人。"
    )
    assert not any(t.startswith("柘川县针对") for t in texts(body, "dynamic"))


# --- a news piece that opens with someone's words: the lead comes after the quote -----------
QUOTED = (
    "“快来尝尝我做的米糕！”\n“今天的菜都是街坊们自己带来的。”\n"
    "6月8日，苇塘县青柳街道第二届“百家宴”邻里节在石桥社区开幕，三百余名居民参加。"
)


def test_quoted_opening_is_skipped_for_the_event() -> None:
    lead = read_lead(Document.from_text("", QUOTED))
    assert quoted_opening(lead) == 2
    assert "苇塘县青柳街道第二届“百家宴”邻里节开幕" in texts(QUOTED, None, news=True)


def test_a_quote_over_two_sentences_counts_whole() -> None:
    body = "“最近身体怎么样？\n药按时吃了吗？”\n5月6日，苇塘县开展助老走访。"
    assert quoted_opening(read_lead(Document.from_text("", body))) == 2


# --- the ranker reads what a dynamic title reports: a result, not a means -------------------
def test_rank_features_mark_a_result_and_a_means() -> None:
    result = features("figure", "苇塘县追回医保基金86万元", 2, "dynamic", False, "苇塘县", "")
    means = features("statement", "苇塘县采取入户走访的方式", 0, "dynamic", False, "苇塘县", "")
    rate = features("figure", "苇塘县治理率由上年的50%提高到60%", 1, "dynamic", False, "苇塘县", "")
    assert "result|family=dynamic" in result and "means|family=dynamic" not in result
    assert "means|family=dynamic" in means and "result|family=dynamic" not in means
    assert "means|family=dynamic" not in rate


# --- who told the reporter is not the lead ------------------------------------------------------
@pytest.mark.parametrize(
    "opening",
    ["据柘川电视台消息 ", "记者6月3日从苇塘县民政局获悉，", "柘川日报北京3月5日电 "],
)
def test_source_before_the_lead_is_dropped(opening: str) -> None:
    body = f"{opening}苇塘县今年新建村级养老服务站6个，服务老人900人次。"
    assert read_lead(Document.from_text("", body)).sentences[0].startswith("苇塘县")
