"""A unit's periodic work summary: 「<unit><period>工作总结」.

A draft is a work summary when it says so (现将上半年工作总结如下) or when it has the summary's
three parts as headings: what was done (一、主要工作完成情况), the problems (存在的问题/不足/
困难) and the next period's plan (下一步工作打算, 二季度工作安排). The unit is the publisher a
furniture line names (来源：某街道办事处 → 某街道) or the unit that opens the first sentence
(市妇联在…); the period is the first one the opening names (一季度, 上半年, 前三季度). Without a
unit or a period there is no title: a summary is never titled by guess.

An inspection notice (…对X进行了专项督查。现将有关情况通报如下) is titled 「关于X专项督查情况的
通报」: the counts are taken out of X, and X is left out when it is a list (the inspection alone,
only when it names its round: 关于第二轮督查情况的通报).
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.opening import split_unit

_SAYS_SUMMARY = re.compile(r"现将[^。\n]{0,12}?(?:工作|有关情况|情况)总结如下")
_DONE = re.compile(r"(?:^|\n)\s*[一二三四五]、[^\n]{0,10}?工作(?:完成|推进|开展|进展)?情况")
_PROBLEMS = re.compile(r"(?:^|\n)\s*[一二三四五六]、[^\n]{0,4}?存在的?(?:主要)?(?:问题|不足|困难)")
_PLAN = re.compile(
    r"(?:^|\n)\s*[二三四五六七]、[^\n]{0,6}?(?:下一步|下步|[一二三四]季度|下半年|明年|今后)"
    r"[^\n]{0,4}?(?:工作)?(?:打算|安排|重点|计划|思路)"
)
_PERIOD = re.compile(r"(前三季度|第?[一二三四]季度|上半年|下半年|1[—\-][0-9]{1,2}月)")
# the office that publishes for a township or a government, not the unit itself
_OFFICE = re.compile(r"(?<=街道)办事处$|(?<=[镇乡])人民政府$|(?<=[镇乡])政府$")
_UNIT_END = re.compile(r"(街道|[镇乡]|局|委|办|政协|人大常委会|妇联|总工会|团委|残联|科协|中心)$")


def is_work_summary(text: str) -> bool:
    """The draft says it is a summary, or it has the summary's three parts as headings."""
    if _SAYS_SUMMARY.search(text[:400]):
        return True
    # the problems' heading holds 存在: without it the three regexes (each tried at every
    # position of the text, ~0.27M instructions a 1,500-character text for _DONE) cannot all match
    if "存在" not in text:
        return False
    return bool(_DONE.search(text) and _PROBLEMS.search(text) and _PLAN.search(text))


def work_summary(lead: Lead) -> str:
    """「unit + period + 工作总结」 for a work summary, or ""."""
    if not is_work_summary(lead.text):
        return ""
    period = _PERIOD.search(lead.text[:400])
    unit = _unit_named(_opening_unit(lead), _publisher(lead)) or _publisher(lead)
    if not period or not unit:
        return ""
    return f"{unit}{period.group(1)}工作总结"


def _publisher(lead: Lead) -> str:
    unit = _OFFICE.sub("", lead.source)
    return unit if _UNIT_END.search(unit) else ""


def _opening_unit(lead: Lead) -> str:
    """The unit that opens the first sentence's first clauses (市妇联在…), or ""."""
    for clause in lead.clauses[:3]:
        if clause.sentence > 0:
            break
        unit, _ = split_unit(clause, lead)
        if unit and _UNIT_END.search(unit):
            return unit
    return ""


_PLACE_OF = re.compile(r"^([\u4e00-\u9fa5]{2,4}?[省市县区旗])")


def _unit_named(unit: str, publisher: str) -> str:
    """The opening's unit (县河长办), named with the publisher's place of the same level when it
    names only its level (来源：某县水利局 → 某县河长办); "" when there is no opening unit."""
    if not unit or unit[0] not in "省市县区旗":
        return unit
    m = _PLACE_OF.match(publisher)
    return m.group(1) + unit[1:] if m and m.group(1).endswith(unit[0]) else unit


# a notice of an inspection's findings (通报): 「…对X进行了专项督查。现将有关情况通报如下」 →
# 关于X专项督查情况的通报 (counts out of X: 对全县56个县级重点项目 → 全县重点项目)
_NOTICE = re.compile(r"现将[^。\n]{0,8}?情况通报如下")
_INSPECTED = re.compile(
    r"对(?P<obj>[^，。；\n]{2,60}?)(?:开展|进行)了?(?P<act>[\u4e00-\u9fa5]{0,6}?(?:督查|检查|督导|暗访))[，,。.]"
)
_COUNT = re.compile(
    r"[0-9]+(?:个|所|家|条|项|处)(?:县市区|县（区）|县\(区\)|乡镇|行政村|村|社区|县级|区级|市级)?"
)
_ACT_MANNER = re.compile(r"^(?:实地|全覆盖|集中)")
_ORDINAL = re.compile(r"^(?:第?[一二三四]季度|第[一二三四五六七八九十]轮)")


def notice(lead: Lead) -> str:
    """「关于 + what was inspected + the inspection + 情况的通报」 for an inspection notice, or ""."""
    text = lead.text[:800]
    said = _NOTICE.search(text)
    found = _INSPECTED.search(text[: said.start() + 1]) if said else None
    if not found:
        return ""
    obj = _COUNT.sub("", found.group("obj")).lstrip("的")
    obj = re.sub(r"(?<=[\u4e00-\u9fa5])的(?=[\u4e00-\u9fa5]{2})", "", obj, count=1)
    obj = re.sub(r"情况$", "", obj)
    act = _ACT_MANNER.sub("", found.group("act"))
    ordinal = _ORDINAL.match(act)
    if re.search(r"[、和及与“”\"]", obj) or len(obj) < 4:
        obj = ""  # a list of what was inspected: the inspection alone
    if not obj and not ordinal:
        return ""  # 关于督查情况的通报 says nothing
    return f"关于{obj}{act}情况的通报"
