"""Case tables for the topic of a problem piece (our own sentences; invented places and people)."""

from __future__ import annotations

import pytest

from models.headline.lead import read_lead
from models.headline.problem_topic import problem_topics, spans
from models.headline.subject import find_subject
from models.headlines import suggest_with_note
from models.text import Document

PROPOSAL = (
    "提案人：县政协委员 某某\n"
    "案由：近年来，我县农村客运班线客流下滑。全县农村客运班线共43条，其中日均载客不足10人的"
    "有17条。农村客运班线经营亏损，部分线路已停运，山区群众出行困难。"
)
# the background figures open the piece; the problem is what it returns to
FIRE = (
    "松岭县森林覆盖率达72%，林地面积18.3万亩。每年春季野外用火增多，森林火险等级较高。"
    "今年以来，全县发生林地边缘火情6起。但基层扑火队伍老化问题突出，扑火队员平均年龄53岁。"
    "基层扑火队伍装备不足，部分队员未经专业培训。"
)
ROOMS = (
    "桐溪县现有村级文化活动室28个（例如东坪村、西坪村的活动室）。今年走访发现，村级文化活动室"
    "利用率偏低，有11个长期锁门，设备闲置。村级文化活动室缺少管理人员，活动经费不足，"
    "站长王建华表示群众参与意愿不高。建议改造闲置活动室。"
)


def texts(body: str, label: str | None, news: bool = False) -> list[str]:
    return [h.text for h in suggest_with_note(Document.from_text("", body), label, news=news)[0]]


def topic_texts(body: str) -> list[str]:
    lead = read_lead(Document.from_text("", body))
    return [t.text for t in problem_topics(lead, find_subject(lead))]


def candidates(body: str) -> set[str]:
    lead = read_lead(Document.from_text("", body))
    return set(spans(lead, find_subject(lead)))


def test_proposal_that_states_no_action_gets_its_topic() -> None:
    assert texts(PROPOSAL, "problem") == ["关于农村客运班线的提案"]


def test_news_piece_gets_no_topic_form() -> None:
    assert "关于农村客运班线的提案" not in texts(PROPOSAL, "problem", news=True)


def test_a_verb_between_two_nouns_stays_inside_the_topic() -> None:
    assert any(t.startswith("基层扑火队伍") for t in topic_texts(FIRE))
    assert any(t.startswith("松岭县基层扑火队伍") for t in texts(FIRE, "problem")[:2])


def test_the_phrase_the_piece_returns_to_is_the_topic_not_its_prefix() -> None:
    assert topic_texts(ROOMS)[0] == "村级文化活动室"


@pytest.mark.parametrize(
    "never",
    [
        "东坪村",  # an example in brackets
        "西坪村",
        "站长王建华",  # a person
        "王建华",
        "建议改造闲置活动室",  # what a proposal says, not its topic
        "闲置活动室",  # named in the suggestion only
    ],
)
def test_never_a_topic(never: str) -> None:
    assert never not in topic_texts(ROOMS)
    assert not any(never in t for t in candidates(ROOMS))


LINKED = (
    "青河镇把村级养老服务站作为民生重点，但村级养老服务站收费项目如护理费偏高，"
    "村级养老服务站入住老人减少，部分站点运营困难。"
)


@pytest.mark.parametrize("link", ["作为", "如"])
def test_a_linking_verb_never_sits_inside_a_topic(link: str) -> None:
    found = candidates(LINKED)
    assert any(t.startswith("村级养老服务站") for t in found)
    assert not any(link in t for t in found)


# a problem piece (by the classifier) that names its problem once, in other words than 问题
DOCTORS = (
    "枫林县现有在岗乡村医生214人，其中60岁以上的93人。枫林县中心卫生院建立乡村医生退出机制，"
    "但乡村医生补充渠道不畅，乡村医生队伍后继乏人。"
)


def test_a_problem_piece_with_one_cue_gets_its_topic_not_the_note() -> None:
    assert texts(DOCTORS, "problem") == ["枫林县乡村医生问题需关注"]


def test_a_news_piece_with_one_cue_keeps_the_note() -> None:
    assert texts(DOCTORS, "problem", news=True) == []


@pytest.mark.parametrize(
    "never",
    [
        "岗乡村医生",  # one character left of the word before (在岗)
        "卫生院建立乡村医生",  # unit + work verb + object: a clause, not a name
    ],
)
def test_no_clause_or_leftover_character_is_a_topic(never: str) -> None:
    assert not any(never in t for t in candidates(DOCTORS))


# a party committee reports the problem: the problem is the place's, never the committee's
REPORTED = (
    "民盟桐溪市委会近期调研发现，乡村小规模学校校舍老化问题突出。全市乡村小规模学校校舍使用年限"
    "超过30年的占四成，乡村小规模学校校舍维修资金短缺，部分校舍存在安全隐患。"
)


def test_a_problem_form_never_starts_with_the_unit_that_reports_it() -> None:
    found = texts(REPORTED, "problem")
    assert "乡村小规模学校校舍问题需关注" in found
    assert not any(t.startswith("民盟") for t in found)


def test_topic_forms_only_for_the_classifiers_problem_pieces() -> None:
    # the extractor costs about a millisecond per draft: a special piece that names a problem
    # keeps the older problem forms, not the topic forms
    assert "松岭县基层扑火队伍问题需关注" in texts(FIRE, "problem")
    assert "松岭县基层扑火队伍问题需关注" not in texts(FIRE, "special")
    assert "桐溪县村级文化活动室问题值得关注" not in texts(ROOMS, "special")
