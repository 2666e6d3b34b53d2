"""Shares and rates against the counts they name; rates over 100%; rates that lost their %.

A rate is checked only when it clearly refers to counts in its own sentence:
  A，占B的C%                      C must be A/B (explicit: an error when it is not);
  …已整改896处，整改率97.7%        the count right before, whose clause repeats the rate's
                                   verb, over some larger figure of the sentence (or the
                                   sum of that figure and the count: 出租59.3万，空置26.7万，
                                   空置率31%);
  …其中公办园121所，占56.5%        a share after 其中, over some figure of the sentence;
  抽查212家，…的131家，占61.8%     a share of the figure right before it.
It is flagged only when no candidate whole gives the stated rate.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import attrgetter

from models.checks.numparse import (
    LOOK_BACK,
    Finding,
    Quantity,
    Sentence,
    clause_label,
    finding,
    fmt,
    last_mark,
    overlaps,
    parse,
)

_unit = attrgetter("unit")
_SLACK = 1.1  # a stated rate may have been rounded twice (90.949 -> 90.95 -> 91.0)
_WHOLE_WITHIN = 100  # characters between a whole and the count it is the whole of
_SHARE_OF = re.compile(r"占([^，,。；;]{0,24}?)的$")
_CLAUSE_THEN = re.compile(r"^[^，,；;。]{0,8}[，,]")
_SHARE_WORD = re.compile(r"^(?:仅|只|已)?(?:占|占比|占到|占比为|占比达)$")
_RATE_CLAUSE = re.compile(r"^([\u4e00-\u9fff]{1,8})率(?:为|达|达到|是|已达|已达到)?$")
_RATE_STOP = "的了已为达均是和与及"
_NOT_A_COUNT_RATIO = re.compile(
    r"(?:利|费|税|汇|收益|利润|增长|贡献|回报|折旧|容积|功|倍|^效|^频|^速|^比)$"
)
_SUBSET = re.compile(r"的|中|有")
_PARENS = re.compile(r"[（(][^（()）]*[）)]")
_SAME_COUNT = (frozenset({"人", "名"}), frozenset({"个", "家"}))


def same_unit(a: str, b: str) -> bool:
    """期 and 期次, 人 and 名 count the same things in a ratio (人 and 人次 do not)."""
    if a == b:
        return True
    if any(a in group and b in group for group in _SAME_COUNT):
        return True
    if not a or not b or "次" in (a, b) or "人" in (a[0], b[0]):
        return False
    return a.rstrip("次") == b.rstrip("次")


def ratio_interval(num: Quantity, den: Quantity) -> tuple[float, float]:
    """num/den in percent, as an interval that honours both figures' rounding."""
    return max(num.lo(), 0.0) / den.hi() * 100, num.hi() / max(den.lo(), 1e-9) * 100


def _agrees(lo: float, hi: float, rate: Quantity) -> bool:
    return overlaps(lo, hi, rate.value - rate.tol * _SLACK, rate.value + rate.tol * _SLACK)


def compare(num: Quantity, den: Quantity, rate: Quantity, tag: str) -> Finding | None:
    """None when num/den gives the stated rate; a `magnitude` finding when it only does with
    万/亿 moved; else a finding with the figures for the message."""
    lo, hi = ratio_interval(num, den)
    if _agrees(lo, hi, rate):
        return None
    for scale in (1e4, 1e-4, 1e8, 1e-8):
        if _agrees(lo * scale, hi * scale, rate):
            return finding("magnitude", num.start, num.end, num=fmt(num.value), den=fmt(den.value))
    actual = f"{num.value / den.value * 100:.2f}".rstrip("0").rstrip(".") if den.value else "0"
    values = {
        "num": fmt(num.value),
        "den": fmt(den.value),
        "actual": actual,
        "stated": fmt(rate.value),
    }
    return finding(tag, rate.start, rate.end, **values)


# --- A，占B的C% -----------------------------------------------------------------------------


def _explicit_shares(norm: str, sent: Sentence) -> list[Finding]:
    out = []
    qs = sent.quantities
    for i, c in enumerate(qs):
        if not c.is_percent or c.hedged:
            continue
        m = _SHARE_OF.search(norm, max(sent.start, c.start - 30), c.start)
        if not m:
            continue
        near = qs[max(0, i - LOOK_BACK) : i]
        whole = [q for q in near if m.start() < q.start < m.end() and q.amount]
        part = [q for q in near if q.end <= m.start() and m.start() - q.end <= 2 and q.amount]
        if len(whole) != 1 or not part or part[-1].unit != whole[0].unit:
            continue
        hit = compare(part[-1], whole[0], c, "share")
        if hit:
            out.append(hit)
    return out


# --- …，X率C% and …，占C% ---------------------------------------------------------------------


def _stem(name: str) -> str:
    for i in range(len(name) - 1, -1, -1):
        if name[i] in _RATE_STOP:
            return name[i + 1 :]
    return name[-6:]


def refers(stem: str, label: str) -> bool:
    """Does the count's clause repeat the rate's verb (按期办结率 <- 已办结1158件, 持证率 <-
    持有资格证的)? Only the two characters before 率 count: nouns (社区养老…) do not."""
    core = stem[-2:]
    return len(core) == 2 and (core in label or all(c in label for c in core))


def _plus(a: Quantity, b: Quantity) -> Quantity:
    """a + b as a derived whole (an empty span marks it as not written in the text)."""
    return Quantity(a.start, a.start, a.value + b.value, a.tol + b.tol, a.unit, False, False)


def _wholes_before(outside: tuple[Quantity, ...], k: int) -> list[Quantity]:
    return [q for q in outside[max(0, k - LOOK_BACK) : k] if q.amount and not q.is_percent]


def _share_wholes(norm: str, sent: Sentence, k: int) -> list[Quantity]:
    """Wholes for '…，占C%' after outside[k]: with 'whole，其中' before it in the sentence,
    every figure before; else only a figure right before whose next clause picks a subset of
    it. A sentence that starts with 其中 names its whole in the sentence before: skipped."""
    outside, num = sent.outside, sent.outside[k]
    chunk = max(last_mark(norm, "；;", num.start, sent.start), sent.start)
    pos = norm.find("其中", chunk, num.start)  # …，其中60岁以上的143人；从持证情况看…: a new topic
    if pos >= 0 and any(q.end <= pos for q in _wholes_before(outside, k)):
        return _wholes_before(outside, k)  # the whole is written before 其中 in this sentence
    if k == 0:
        return []
    prev = outside[k - 1]
    between = norm[prev.end : num.start]
    if prev.amount and not prev.is_percent and ";" not in between and "；" not in between:
        return [prev] if _SUBSET.search(between) else []
    return []


def _rate_wholes(norm: str, sent: Sentence, k: int, name: str) -> list[Quantity]:
    """Wholes for '…，X率C%' after outside[k], when the count repeats the rate's verb."""
    num = sent.outside[k]
    if _NOT_A_COUNT_RATIO.search(name) or not refers(
        _stem(name), clause_label(norm, num, sent.start)
    ):
        return []
    dens = _wholes_before(sent.outside, k)
    return dens + [_plus(q, num) for q in dens]


def _implicit_rates(norm: str, sent: Sentence) -> list[Finding]:
    out = []
    outside = sent.outside
    for i in range(1, len(outside)):
        c, num = outside[i], outside[i - 1]
        if not c.is_percent or c.hedged or not num.amount or num.is_percent:
            continue
        lead = _PARENS.sub("", norm[num.end : c.start])
        clause = _CLAUSE_THEN.match(lead)
        if not clause:
            continue
        after = lead[clause.end() :].strip()
        rate = _RATE_CLAUSE.match(after)
        if _SHARE_WORD.match(after):
            dens = _share_wholes(norm, sent, i - 1)
        elif rate:
            dens = _rate_wholes(norm, sent, i - 1, rate.group(1))
        else:
            continue
        dens = [
            d
            for d in dens
            if same_unit(d.unit, num.unit)
            and d.value >= num.value
            and num.start - d.start <= _WHOLE_WITHIN
        ]
        negated = _NEGATED.search(clause_label(norm, num, sent.start)) and rate
        hits = [_complement(num, d, c) if negated else compare(num, d, c, "rate") for d in dens]
        found = [h for h in hits if h is not None]
        if hits and len(found) == len(hits):
            written = [h for h, d in zip(found, dens, strict=True) if d.written]
            out.append((written or found)[-1])
    return out


_NEGATED = re.compile(r"未|尚未|没有|仍未")


def _complement(num: Quantity, den: Quantity, rate: Quantity) -> Finding | None:
    """共62件，未办结1件，办结率99%: the rate is (62−1)÷62, and the message says so."""
    rest = Quantity(
        num.start, num.end, den.value - num.value, den.tol + num.tol, num.unit, False, False
    )
    hit = compare(rest, den, rate, "rate")
    if hit is None or hit.tag != "rate":
        return hit
    values = dict(hit.values)
    values["num"] = f"({fmt(den.value)}−{fmt(num.value)})"
    return finding(hit.tag, hit.start, hit.end, **values)


# --- rates that cannot pass 100%, rates that lost their % --------------------------------

_CAPPED = re.compile(
    r"(?:覆盖率|合格率|办结率|结案率|满意度|满意率|入学率|入园率|参保率|占比|普及率|达标率|就业率|化解率|"
    r"整改率|签约率|知晓率|到位率|通过率|成功率|接种率|参与率|留用率|销号率|完好率|治理率|上线率|"
    r"联网率|开工率|完工率|出勤率|及格率|优良率|正确率|准确率|入住率|出租率|使用率|利用率|清运率|"
    r"处理率|回收率|受理率|按时率|建档率|持证率|认证率|注册率|公开率|响应率|回访率|执行率|兑现率|"
    r"收缴率|交付率|复工率|复耕率|运行率|配备率|安装率|分出率|合规率|登记率|比重|占)"
    r"(?:[为达到是已均由从约近超过保持稳定在]{0,5})$"
)
_CAPPED_EXEMPT = re.compile(r"计划|任务|目标|预算|上年|去年|同期|基期")


def _over_100(norm: str, sent: Sentence) -> list[Finding]:
    out = []
    for q in sent.quantities:
        if not q.is_percent or q.value <= 100 + q.tol or q.ordinal:
            continue
        if not _CAPPED.search(norm, max(0, q.start - 12), q.start):
            share = _SHARE_OF.search(norm, max(0, q.start - 30), q.start)
            if not share or _CAPPED_EXEMPT.search(share.group(1)):
                continue
        out.append(finding("over_100", q.start, q.end, value=fmt(q.value)))
    return out


_RATE_NO_UNIT = re.compile(
    r"[率度比重](?:(?<=率)|(?<=满意度)|(?<=占比)|(?<=比重))(?:[均为达到是了约近超过保持稳定在]{0,5})"
    r"(?<![0-9])(?P<v>[0-9]{1,3}(?:\.[0-9]+)?)(?=[，,。；;、）)\s]|以上|左右|$)"
)
_GROWTH_NO_UNIT = re.compile(
    r"[比速幅率](?:(?<=[同环]比)(?:增长|下降|增加|减少|提高|降低|上升)了?(?P<a>[0-9]{1,3}(?:\.[0-9]+)?)"
    r"|(?:(?<=增速)|(?<=增幅)|(?<=降幅)|(?<=增长率))(?:为|达|达到|是)?(?P<b>[0-9]{1,3}(?:\.[0-9]+)?))"
    r"(?=[，,。；;、）)]|$)"
)
_PLAIN_RATIOS = re.compile(r"容积率|汇率|倍率|功率|频率|速率|效率|增长率|折旧率|系数")


def _missing_units(norm: str) -> list[Finding]:
    out = []
    for m in _RATE_NO_UNIT.finditer(norm):
        name = norm[max(0, m.start() - 2) : m.start() + 1]
        if float(m["v"]) <= 100 and not _PLAIN_RATIOS.search(name):
            out.append(finding("missing_rate", m.start("v"), m.end("v"), value=m["v"]))
    for m in _GROWTH_NO_UNIT.finditer(norm):
        g = "a" if m["a"] else "b"
        out.append(finding("missing_growth", m.start(g), m.end(g), value=m[g]))
    return out


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    out: list[Finding] = []
    for sent in parse(norm).sentences:
        if "%" not in map(_unit, sent.quantities):  # no share in it
            continue
        if "占" in norm[sent.start : sent.end]:
            out.extend(_explicit_shares(norm, sent))
        out.extend(_implicit_rates(norm, sent))
        out.extend(_over_100(norm, sent))
    out.extend(_missing_units(norm))
    return tuple(out)
