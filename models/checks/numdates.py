"""Dates and times that cannot exist (2月30日, 13月, 25时) or lost a character (12月22市)."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from models.checks.numparse import Finding, finding

_DAY = re.compile(
    r"(?<![0-9.])(?:(?P<y>(?:19|20)[0-9]{2})年)?(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})[日号]"
)
_MONTH = re.compile(
    r"(?<=[年—～\-])(?P<m>0|1[3-9]|[2-9][0-9])月|(?<![0-9.])(?P<m2>0|1[3-9]|[2-9][0-9])月[0-9]{1,2}[日号]"
)
_HOUR = re.compile(
    r"(?:日|午|晚上?|凌晨|早上|晨)(?P<h>2[5-9]|[3-9][0-9])(?:时|点)(?![间期代刻候节段尚效许令速空区装钟])"
)
_MINUTE = re.compile(r"(?<![0-9.])(?:[01]?[0-9]|2[0-4])[时:：](?P<mi>[6-9][0-9])分")
_LOST_DAY = re.compile(
    r"(?<![0-9.])(?P<m>1[0-2]|0?[1-9])月(?P<d>[12][0-9]|3[01]|0?[1-9])(?=(?P<next>.)|$)", re.S
)
# After 12月22 a day must go on with 日/号, a range or a list; a measure word means 22 counts
# something else (1—6月20个乡镇), a space is left to judgement.
_DAY_GOES_ON = frozenset("日号至到和及与或、—～-–/.．0123456789 \t余多")
_MEASURE = re.compile(
    r"[个家人户件次名位项条元万亿千百吨亩米天年岁倍批所座处张套间宗份场期篇台辆架艘头只株棵支栋幢层床部类种起例笔%]"
)


def _bad_day(y: str | None, m: int, d: int) -> bool:
    if not 1 <= m <= 12:
        return False  # the month rule reports it
    if d < 1:
        return True
    year = int(y) if y else 2024  # without a year, 2月29日 may be right
    return d > calendar.monthrange(year, m)[1]


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    out: list[Finding] = []
    for m in _DAY.finditer(norm):
        if _bad_day(m["y"], int(m["m"]), int(m["d"])):
            out.append(finding("day", m.start("m"), m.end(), date=m.group(0)))
    for m in _MONTH.finditer(norm):
        g = "m" if m["m"] else "m2"
        out.append(finding("month", m.start(g), m.end(g) + 1, month=m[g]))
    for m in _HOUR.finditer(norm):
        out.append(finding("hour", m.start("h"), m.end(), hour=m["h"]))
    for m in _MINUTE.finditer(norm):
        out.append(finding("hour", m.start("mi"), m.end(), hour=m["mi"]))
    for m in _LOST_DAY.finditer(norm):
        nxt = m["next"] or ""
        if nxt in _DAY_GOES_ON or _MEASURE.match(nxt):
            continue
        out.append(finding("lost_day", m.start(), m.end(), date=m.group(0)))
    return tuple(out)
