"""Figures that lost part of their form: a unit, a separator, the number itself, a sign.

Each shape is one compiled regex over the normalized text plus a little Python; every regex
starts with a literal or a class (so the engine skips ahead) and never nests quantifiers
over digit runs. Findings are tagged; the rules in number.yml pick a tag each.

  missing_unit    收回问卷215，  城乡建设类51占总量  占总量的13.4（no %）  走访30多典型户
  lost_separator  46.2%35岁  今年19月份  712-16日  110日
  blank_number    共受理咨询件  已回复件  …个行政村 with no number before 个
  approx_garbled  60 人余次 (60余人次)
  negative_growth 增长-8.7% (write 下降8.7%)
  double_point    14..3%
  doc_number      某统字(2005)5号  〔2012]〕
  lost_marker     一是…，是… with 二是 missing
  power_unit      用电负荷…10000千伏 (千伏 is a voltage)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from models.checks.numparse import Finding, finding, last_mark, next_mark

_CJK = "\u4e00-\u9fff"
_UNIT_CHARS = frozenset(
    "个件人户家处项条份所座张套间宗批次名位元米克台辆架艘头只株棵场期篇册本天年月日时号岁倍度"
    "支栋幢层床部门类种起例笔箱袋盒瓶斤升周分单块片根道班趟轮届段亩吨万亿千百十余多%公平立"
    "节餐盏组小幅里封首副把枚颗匹口眼桩杆卷页遍番季代桶罐包车船对双群伙摊堆粒滴秒微毫厘"
)


def _found(rx: re.Pattern[str], norm: str, *needs: str) -> Iterator[re.Match[str]]:
    """rx.finditer(norm), not run when the text holds none of `needs` (strings every match
    of rx holds one of): most drafts have no 余, 占 or 号, and a scan costs ~10 us each."""
    for s in needs:
        if s in norm:
            return rx.finditer(norm)
    return iter(())


# --- missing unit ---------------------------------------------------------------------------

# a counting verb, a few words, then a bare figure that ends the clause
_BARE = re.compile(
    r"(?:共计|合计|总计|累计|共|收回|回收|发放|受理|接待|排查出|排查|查处|办结|走访|培训|出动|收到|"
    r"达到|达)([" + _CJK + r"]{0,8}?)(?P<v>[0-9](?<![0-9A-Za-z.:：/][0-9])[0-9]*(?:\.[0-9]+)?万?)"
    r"(?![0-9]|,[0-9])(?=[，,。；;\n]|$)"
)
_NOT_COUNTS = re.compile(
    r"指数|系数|得分|分值|评分|比例|比值|倍数|密度|容积率|率|度|温|气温|水位|排名|名次|第"
)
_BEFORE_SHARE = re.compile(r"[0-9](?<![0-9A-Za-z.%][0-9])[0-9]*(?:\.[0-9]+)?(?=占)")
_NO_PERCENT = re.compile(
    r"占[" + _CJK + r"“”]{1,14}的(?P<v>[0-9]{1,2}(?:\.[0-9]+)?)(?=[，,。；;\n]|$)"
)
_ROUGH = re.compile(r"[0-9](?<![0-9A-Za-z.][0-9])[0-9]*[多余](?=[" + _CJK + r"])")
_HANDLED = re.compile(r"[0-9](?<=[" + _CJK + r"][0-9])[0-9]{0,3}(?=[劝罚拆责约扣抓])")


def _missing_units(norm: str) -> list[Finding]:
    out = []
    for m in _BARE.finditer(norm):
        clause_start = last_mark(norm, "，,。；;\n", m.start()) + 1
        clause = norm[clause_start : m.start("v")]
        v = m["v"]
        if _NOT_COUNTS.search(clause) or (len(v) == 4 and v[:2] in ("19", "20")):
            continue
        out.append(finding("missing_unit", m.start("v"), m.end("v"), value=v))
    for m in _found(_BEFORE_SHARE, norm, "占"):
        if m.start() > 0 and "\u4e00" <= norm[m.start() - 1] <= "\u9fff":
            out.append(finding("missing_unit", m.start(), m.end(), value=m.group()))
    for m in _NO_PERCENT.finditer(norm):
        out.append(finding("missing_percent", m.start("v"), m.end("v"), value=m["v"]))
    for m in _found(_ROUGH, norm, "多", "余"):
        if norm[m.end()] not in _UNIT_CHARS and not norm.startswith(
            ("平方", "公里", "公顷"), m.end()
        ):
            out.append(finding("missing_unit", m.start(), m.end(), value=m.group()))
    for m in _found(_HANDLED, norm, *"劝罚拆责约扣抓"):
        out.append(finding("missing_unit", m.start(), m.end(), value=m.group()))
    return out


# --- lost separators ------------------------------------------------------------------------

_RUN_ON = re.compile(r"%(?:\s?)[0-9]")
_MONTHS = re.compile(r"[0-9](?<![0-9.\-—～][0-9])[0-9]{1,2}(?=月)")
_DAYS = re.compile(r"[0-9](?<![0-9.月\-—～][0-9])[0-9]{2}(?=(?:[\-—～至][0-9]{1,2})?日)")
_YEAR_BEFORE = re.compile(r"(?:19|20)[0-9]{2}年$")
_DAY_LEAD = frozenset("，,。；;\n：:（(于至自从到")


def _split_month(digits: str) -> str | None:
    """19 -> '1—9', 112 -> '1—12': two months that lost their dash, first before second."""
    for i in range(1, len(digits)):
        a, b = digits[:i], digits[i:]
        if b[0] != "0" and 1 <= int(a) < int(b) <= 12:
            return f"{a}—{b}"
    return None


def _split_day(digits: str) -> str | None:
    """712 -> '7月12', 110 -> '1月10': a month and a day that lost 月."""
    for i in (1, 2):
        a, b = digits[:i], digits[i:]
        if b and b[0] != "0" and 1 <= int(a) <= 12 and 1 <= int(b) <= 31 and len(b) <= 2:
            return f"{a}月{b}"
    return None


def _lost_separators(norm: str) -> list[Finding]:
    out = []
    for m in _RUN_ON.finditer(norm):
        out.append(finding("lost_separator", m.start(), m.end(), what="两个数之间的标点"))
    for m in _MONTHS.finditer(norm):
        if int(m.group()) <= 12 or _YEAR_BEFORE.search(norm, max(0, m.start() - 5), m.start()):
            continue
        fix = _split_month(m.group())
        if fix:
            out.append(finding("lost_month", m.start(), m.end() + 1, fix=fix + "月"))
    for m in _DAYS.finditer(norm):
        before = norm[m.start() - 1] if m.start() else "\n"
        fix = _split_day(m.group()) if int(m.group()) > 31 else None
        if fix and before in _DAY_LEAD:
            out.append(finding("lost_month", m.start(), m.end(), fix=fix + "日"))
    return out


# --- blank numbers, garbled approximations, signs, points ------------------------------------

_BLANK_JIAN = re.compile(
    r"(?:共计|累计|共|已)["
    + _CJK
    + r"]{1,6}?(?<![0-9案事文条证邮软部稿信物零硬配附函要构组元批机密来工快])"
    r"件(?=[，,。；;、：:\s）)]|$)"
)
_BLANK_GE = re.compile(
    r"个(?<=["
    + _CJK
    + r"”]个)(?<![各每这那哪整某半几两一二三四五六七八九十百千万亿多余数个真干]个)"
    r"(?=行政村|社区|乡镇|街道|村委)"
)
_GARBLED = re.compile(r"[0-9]\s*[人户家个件名]余[次人户家个件名]?")
_NEGATIVE = re.compile(r"(?:增长|增加|上升|提高|增幅为?|增速为?)(?P<v>-[0-9]+(?:\.[0-9]+)?%?)")
_DOUBLE_POINT = re.compile(r"[0-9]\.{2,}[0-9]+%?")


def _blanks(norm: str) -> list[Finding]:
    out = []
    for m in _found(_BLANK_JIAN, norm, "件"):
        out.append(finding("blank_number", m.start(), m.end()))
    for m in _BLANK_GE.finditer(norm):
        out.append(finding("blank_number", m.start(), m.end()))
    for m in _found(_GARBLED, norm, "余"):
        out.append(finding("approx_garbled", m.start(), m.end()))
    for m in _found(_NEGATIVE, norm, "-"):
        out.append(finding("negative_growth", m.start(), m.end(), value=m["v"].lstrip("-")))
    for m in _found(_DOUBLE_POINT, norm, ".."):
        out.append(finding("double_point", m.start(), m.end()))
    return out


# --- document numbers, list markers, units -----------------------------------------------------

_DOC_NUMBER = re.compile(
    r"[" + _CJK + r"](?P<open>[\[(（【［〔])(?:19|20)[0-9]{2}(?P<close>[\]）)】］〕]{1,2})"
    r"(?:第)?[0-9]{1,4}号"
)
_BARE_IS = re.compile(r"[，,。；;]是(?![否指因由为从以不对非的])")
_POWER = re.compile(
    r"(?:用电|负荷|需求|装机|容量|功率|供电能力)[^，,。；;]{0,10}?(?P<v>[0-9]+(?:\.[0-9]+)?万?千伏)(?!安)"
)


def _doc_numbers(norm: str) -> list[Finding]:
    out = []
    for m in _found(_DOC_NUMBER, norm, "号"):
        if m["open"] == "〔" and m["close"] == "〕":
            continue
        out.append(finding("doc_number", m.start() + 1, m.end()))
    return out


def _where(norm: str, word: str) -> list[int]:
    """Where `word` occurs (no overlaps): str.find skips in C to a literal, where a regex
    opening on a class ([二两]是) steps through every character (~7 us a draft)."""
    out = []
    at = norm.find(word)
    while at >= 0:
        out.append(at)
        at = norm.find(word, at + len(word))
    return out


def _lost_markers(norm: str) -> list[Finding]:
    out = []
    ones = _where(norm, "一是")
    twos = sorted(_where(norm, "二是") + _where(norm, "两是"))
    for k, start in enumerate(ones):
        if start and norm[start - 1] in "统唯之第其同专单归划合逐如初这每":
            continue
        after = start + 2
        end = next_mark(norm, "\n", after)
        end = len(norm) if end < 0 else end
        one = ones[k + 1] if k + 1 < len(ones) else -1
        if one >= 0:
            end = min(end, one)
        j = bisect_left(twos, after)
        two = twos[j] if j < len(twos) else -1
        if two >= 0 and (one < 0 or two < one):
            continue  # this list has its 二是
        bare = _BARE_IS.search(norm, after + 6, min(end, after + 600))
        if bare:
            out.append(finding("lost_marker", bare.start() + 1, bare.end()))
    return out


def _power_units(norm: str) -> list[Finding]:
    return [finding("power_unit", m.start("v"), m.end("v")) for m in _found(_POWER, norm, "千伏")]


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    return tuple(
        _missing_units(norm)
        + _lost_separators(norm)
        + _blanks(norm)
        + _doc_numbers(norm)
        + _lost_markers(norm)
        + _power_units(norm)
    )
