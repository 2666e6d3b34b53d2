"""Case tables for the phenomenon and theme forms (models/headline/phenomenon.py): our own
sentences, invented places."""

from __future__ import annotations

import pytest

from models.headline.lead import read_lead
from models.headline.phenomenon import proposal_theme, stated_phenomena
from models.headline.subject import find_subject
from models.headlines import gated
from models.text import Document


def _read(body: str) -> tuple:
    lead = read_lead(Document.from_text("", body))
    return lead, find_subject(lead)


def _gated(body: str, label: str) -> list[str]:
    return [c.text for c, _, _ in gated(Document.from_text("", body), label)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the clause that names its phenomenon with a salience cue (开始显现)
        (
            "近年来，青川县乡村民宿数量增长很快，目前已有186家。但在走访中发现，"
            "民宿“有证无客”的苗头开始显现，一些业主贷款装修后入住率不足两成。",
            [("民宿“有证无客”", "苗头")],
        ),
        # 「X成为…最集中的领域」: X and its own noun
        (
            "今年以来，柳港街道共受理居民诉求1860件。小区停车矛盾已成为辖区居民投诉最集中的领域，"
            "占全部诉求的三成以上，停车矛盾在老旧小区尤为明显。",
            [("小区停车", "矛盾")],
        ),
        # a judged phenomenon without a problem noun (不容忽视): 问题 is added
        (
            "据梅岭县应急管理局统计，农村自建房违规加层出租不容忽视，"
            "今年排查发现违规加层出租的自建房有46栋。",
            [("农村自建房违规加层出租", "问题")],
        ),
        # 「X仍是短板」 after the good news it turns from; one 的 between nouns dropped
        (
            "桃湾镇规模猪场污水处理设施已全部配套，但散养户的污水处理仍是短板。"
            "全镇散养户约260户，散养户大多没有污水池，散养户污水直接流入沟渠。",
            [("散养户污水处理", "问题")],
        ),
    ],
)
def test_stated_phenomenon(body: str, expected: list[tuple[str, str]]) -> None:
    lead, subject = _read(body)
    assert stated_phenomena(lead, subject) == expected


@pytest.mark.parametrize(
    "body",
    [
        # a listed item is one of several problems, not the point
        "走访中发现的问题主要有：一是人员流失问题较为突出，二是经费保障问题日益凸显。",
        # a person or a unit is never the phenomenon
        "部分代表反映的问题较为突出，县民政局的问题也值得关注。",
        # a coinage alone, with no place and nothing it is said of
        "“看得见、管不着”问题日益突出，群众意见较大。",
    ],
)
def test_no_phenomenon(body: str) -> None:
    lead, subject = _read(body)
    assert stated_phenomena(lead, subject) == []


def test_phenomenon_form_is_offered_for_a_problem_piece() -> None:
    body = (
        "近年来，青川县乡村民宿数量增长很快，目前已有186家。但在走访中发现，"
        "民宿“有证无客”的苗头开始显现，一些业主贷款装修后入住率不足两成。"
        "民宿“有证无客”主要原因：一是同质化严重，二是宣传推介不足。"
    )
    assert "青川县民宿“有证无客”苗头需警惕" in _gated(body, "problem")


PROPOSAL = (
    "提案人：县政协委员 某某\n"
    "我县城区60岁以上老人有3.2万人，目前已建成社区老年食堂14个。"
    "但社区老年食堂运营普遍困难，有的开了半年就停了。"
    "建议：一是多渠道筹措社区老年食堂运营经费；二是由民政部门牵头制定社区老年食堂服务规范。"
)


def test_proposal_theme_is_the_phrase_it_keeps_naming() -> None:
    lead, subject = _read(PROPOSAL)
    assert proposal_theme(lead, subject)[0] == "社区老年食堂"


def test_member_header_marks_a_proposal() -> None:
    body = (
        "建议人：县人大代表 某某\n"
        "为方便山区群众看病，建议：一、在乡镇卫生院设立巡回医疗点；"
        "二、巡回医疗点每周进村两次；三、县财政对巡回医疗点给予补助。"
    )
    assert "关于巡回医疗的建议" in _gated(body, "problem")


def test_a_bill_is_named_as_one() -> None:
    body = (
        "领衔代表：某某\n现就乡村公交站亭管护提出议案。"
        "全县乡村公交站亭共412座，其中乡村公交站亭破损的有96座，乡村公交站亭缺少管护主体。"
    )
    found = _gated(body, "problem")
    assert "关于乡村公交站亭的议案" in found
    assert "关于乡村公交站亭的建议" not in found


def test_theme_is_never_the_tail_of_a_longer_name() -> None:
    body = (
        "提案人：某某\n柳湾村至石桥村道路狭窄，柳湾村至石桥村道路雨天泥泞。"
        "建议：一、拓宽柳湾村至石桥村道路；二、增设错车道。"
    )
    lead, subject = _read(body)
    assert "石桥村道路" not in proposal_theme(lead, subject)
