"""Case tables for genre routing and template filling (our own sentences; invented places)."""

from __future__ import annotations

import pytest

from models.headline.genre import is_meeting, is_proposal, own_title, suggests, template_topic_ok
from models.headline.lead import read_lead
from models.headline.subject import find_subject
from models.headlines import NEWS_ONLY, suggest_with_note
from models.text import Document

BODY = (
    "近年来，枫林县农村饮水安全问题较为突出。调研发现，农村饮水安全设施老化，"
    "部分村的农村饮水安全管护责任不清。枫林县便民服务中心已受理相关反映。"
)


@pytest.mark.parametrize(
    ("phrase", "ok"),
    [
        ("农村饮水安全", True),  # a recurring noun phrase
        ("方便村民取水", False),  # a purpose / positive statement
        ("管护责任有效落实", False),  # a positive statement
        ("检查饮水设施", False),  # a verb phrase
        ("便民服务中心", False),  # a unit name
        ("枫林县水利研究会", False),  # an organiser
        ("饮水安全调查问卷", False),  # a questionnaire
        ("山区水窖维修", False),  # does not recur in the body
    ],
)
def test_template_topic(phrase: str, ok: bool) -> None:
    assert template_topic_ok(phrase, BODY) is ok


@pytest.mark.parametrize(
    ("body", "title"),
    [
        (
            "关于枫林县农村饮水安全情况的调研报告\n今年5月，县政协组织委员开展调研，走访12个村。",
            "关于枫林县农村饮水安全情况的调研报告",
        ),
        ("枫林县茶叶产业调研报告为摸清底数，县农业农村局走访茶企20家。", "枫林县茶叶产业调研报告"),
        (
            "建议标题：《关于修缮桐溪村便桥的建议》\n建议内容：桐溪村便桥年久失修。",
            "关于修缮桐溪村便桥的建议",
        ),
        ("今年以来，枫林县新建村级养老服务站6个，服务老人900人次。", ""),  # no title line
        ("本次调研报告显示，枫林县茶企用工缺口较大。", ""),  # a sentence, not a title
    ],
)
def test_own_title(body: str, title: str) -> None:
    assert own_title(body) == title


def test_own_title_is_offered_first() -> None:
    body = "枫林县茶叶产业调研报告为摸清底数，县农业农村局于5月开展专题调研，走访茶企20家。"
    got = suggest_with_note(Document.from_text("", body), "special")[0]
    assert got and got[0].text == "枫林县茶叶产业调研报告"


def test_proposal_gets_only_the_proposal_form() -> None:
    body = (
        "提案者：张某\n桐溪村至河口村道路狭窄，雨天泥泞，村民出行困难，存在安全隐患。"
        "建议：尽快硬化桐溪村至河口村道路，拓宽路面。"
    )
    assert is_proposal(body)
    got = [h.text for h in suggest_with_note(Document.from_text("", body), "problem")[0]]
    assert all(t.startswith("关于") and t.endswith("的建议") for t in got)


def test_meeting_report_gets_the_note_not_a_problem_title() -> None:
    body = (
        "5月8日，枫林县政协召开社情民意座谈会，委员们围绕停车难问题发言。"
        "县政协主席出席会议并讲话。与会人员表示，停车难问题需多方协调。"
    )
    assert is_meeting(body.split("。")[0], body)
    got, note = suggest_with_note(Document.from_text("", body), "problem", news=True)
    assert not any(t.text.endswith(("需关注", "值得关注")) for t in got)
    assert got or note == NEWS_ONLY


@pytest.mark.parametrize(
    ("body", "place"),
    [
        # the place of a speaker's post is not the acting unit
        ("全国政协委员、河口市副市长王某建议，加大对留守儿童的关爱投入。", ""),
        # the body speaks of 我县: a province named in passing is not the unit
        ("今年云岭省出台用工新政。我县工业园区企业招工难，我县劳动力外流严重。", ""),
        # an adjective before a word and a suffix is no place name
        ("近日，区人大常委会扎实评议区人民政府营商环境工作。", ""),
    ],
)
def test_place_is_the_acting_unit(body: str, place: str) -> None:
    assert find_subject(read_lead(Document.from_text("", body))).place == place


@pytest.mark.parametrize("lead", ["为此建议：", "对此建议：", "现建议：", "据此建议如下："])
def test_a_problem_piece_closing_on_its_own_suggestions_gets_the_proposal_form(lead: str) -> None:
    body = (
        "榆关镇共有小型灌溉泵站27座，其中运行超过25年的有16座，机组老化、渠道渗漏问题突出，"
        "去年夏灌期间有5座灌溉泵站停机，影响农田灌溉。镇人大代表认为，灌溉泵站关系全镇夏粮"
        f"生产，必须及早更新。{lead}\n1.由县水利局对全镇灌溉泵站进行一次全面鉴定；"
        "\n2.将老旧灌溉泵站分年度列入改造计划。"
    )
    assert suggests(body)
    got = [h.text for h in suggest_with_note(Document.from_text("", body), "problem")[0]]
    assert any(t.startswith("关于") and t.endswith("的建议") for t in got), got
