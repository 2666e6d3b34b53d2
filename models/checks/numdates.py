"""Dates and times that cannot exist (2月30日, 13月, 25时) or lost a character (12月22市)."""

from __future__ import annotations

import calendar
import re
from functools import lru_cache

from models.checks.numparse import Finding, finding

# Every 'N月' once (a digit first keeps the scan cheap), then the checks in Python.
_MONTH = re.compile(r"[0-9](?<![0-9.][0-9])[0-9]{0,2}月(?P<d>[0-9]{1,3})?(?P<tail>[日号])?")
_YEAR_BEFORE = re.compile(r"(?:19|20)[0-9]{2}年$")
_HOUR = re.compile(r"[0-9](?<![0-9.][0-9])[0-9]?(?P<unit>[时点:：])(?P<mi>[0-9]{2}分)?")
_HOUR_LEAD = ("日", "午", "晚", "晚上", "凌晨", "早上", "晨")
_NOT_A_TIME = frozenset("间期代刻候节段尚效许令速空区装钟")
# After 12月22 a day must go on with 日/号, a range or a list; a measure word means 22 counts
# something else (1—6月20个乡镇); a space is left to judgement.
_DAY_GOES_ON = frozenset("日号至到和及与或、—～-–/.．0123456789 \t余多")
_MEASURE = frozenset(
    "个家人户件次名位项条元万亿千百吨亩米天年岁倍批所座处张套间宗份场期篇台辆架艘头只株棵支栋幢层床部类种起例笔%"
)


def _bad_day(year: str | None, month: int, day: int) -> bool:
    if day < 1:
        return True
    leap_if_unknown = 2024  # without a year, 2月29日 may be right
    return day > calendar.monthrange(int(year) if year else leap_if_unknown, month)[1]


def _months(norm: str) -> list[Finding]:
    out = []
    for m in _MONTH.finditer(norm):
        digits = m.group(0)[: m.group(0).index("月")]
        month, day = int(digits), m["d"]
        year = _YEAR_BEFORE.search(norm, max(0, m.start() - 5), m.start())
        dated = year or norm[m.start() - 1 : m.start()] in ("—", "～", "-")
        if not 1 <= month <= 12:
            if dated or (day and m["tail"]):
                out.append(finding("month", m.start(), m.start() + len(digits) + 1, month=digits))
            continue
        if day is None:
            continue
        if m["tail"]:
            if _bad_day(year.group(0)[:4] if year else None, month, int(day)):
                out.append(finding("day", m.start(), m.end(), date=m.group(0)))
            continue
        nxt = norm[m.end()] if m.end() < len(norm) else ""
        if (
            len(day) <= 2
            and 1 <= int(day) <= 31
            and nxt not in _DAY_GOES_ON
            and nxt not in _MEASURE
        ):
            out.append(finding("lost_day", m.start(), m.end(), date=m.group(0)))
    return out


def _times(norm: str) -> list[Finding]:
    out = []
    for m in _HOUR.finditer(norm):
        hour = int(m.group(0)[: m.start("unit") - m.start()])
        minute = int(m["mi"][:2]) if m["mi"] else 0
        if (
            m["unit"] in "时点"
            and hour > 24
            and norm.endswith(_HOUR_LEAD, max(0, m.start() - 2), m.start())
        ):
            if norm[m.end() : m.end() + 1] not in _NOT_A_TIME:
                out.append(finding("hour", m.start(), m.end(), hour=m.group(0)))
        elif m["mi"] and minute >= 60 and hour <= 24:
            out.append(finding("hour", m.start(), m.end(), hour=m.group(0)))
    return out


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    return tuple(_months(norm) + _times(norm))
