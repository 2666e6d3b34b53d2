"""A period's analysis report titled as one: 「<period><scope><aggregate>运行情况分析」.

An analysis report (label special) opens on the period and its verdict: 「上半年，(面对…，)全县
经济运行总体保持平稳」, 「一季度，全市工业经济总体保持平稳运行」. Its title names the period, the
scope (the draft's place when it names one, else 全县/全市 as written) and the aggregate analysed
(经济, 工业经济, 民营经济, 文旅消费, 医保基金…), closed by 运行情况分析. Only aggregates that
"run" are read: a tally (信访总量, 事故起数) is not one.
"""

from __future__ import annotations

import re

from models.headline.lead import Lead
from models.headline.period import PERIOD
from models.headline.subject import Subject

_OPEN = re.compile(rf"^(?P<period>{PERIOD}|今年以来)[，,]")
_AGGREGATE = r"(?:[\u4e00-\u9fa5]{0,4}?(?:经济|消费|工业|外贸|投资|基金|市场))"
_VERDICT = re.compile(
    r"(?P<scope>全[省市县区镇乡]|[我本该][省市县区镇乡]|街道|新区|园区)?(?P<what>"
    + _AGGREGATE
    + r")(?:运行)?(?:总体|延续|保持|稳中|平稳|持续)"
)
_NOT_WHAT = re.compile(r"^(?:面对|在|受|随着|部分|一些|主要)")


def period_analysis(lead: Lead, subject: Subject, sentences: int = 2) -> str:
    """「period + scope + aggregate + 运行情况分析」 from the report's opening, or ""."""
    for sentence in lead.sentences[:sentences]:
        opening = _OPEN.match(sentence)
        if not opening:
            continue
        for clause in re.split(r"[，,；;]", sentence[opening.end() :])[:4]:
            m = _VERDICT.match(clause)
            if not m or _NOT_WHAT.match(m.group("what")):
                continue
            scope = m.group("scope") or ""
            if scope and subject.place and not scope.startswith("全"):
                scope = subject.place  # 街道经济… in a draft about 某街道: the place
            elif scope.startswith(("我", "本", "该")):
                scope = "全" + scope[1]
            period = opening.group("period")
            period = "" if period == "今年以来" else period
            return f"{period}{scope}{m.group('what')}运行情况分析"
        return ""
    return ""
