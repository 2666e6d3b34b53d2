"""Parts against their totals (RULES.md NUM-27).

Parts listed after 其中 must not exceed the total just before it; a list that says it is
complete (…其余30处) or names categories of one kind (种植类…、养殖类…) must add up; so must
a figure's breakdown in brackets (173家（省级21家、市级48家…）) and figures followed by
合计/共计. Lists that may be partial or overlapping (其中报送348期，被采用167期; 10亿元以上
项目6个、5亿元以上项目12个) are left alone. Shares of one whole: …其他占13% must make 100%.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from models.checks.numparse import (
    BOUNDARY,
    LOOK_BACK,
    Finding,
    Quantity,
    Sentence,
    finding,
    fmt,
    index_at,
    last_mark,
    overlaps,
    paren_depth,
    parse,
)

_SUM_MARK = "其中"
_PARTS_WITHIN = 150  # characters after 其中 where its parts are looked for
_TOTAL_WITHIN = 40  # characters between the total and 其中 (共走访农户400户，其中…)
_REST_LABEL = re.compile(r"^[，,、；;]?\s*(?:其余|其他|其它|剩余|余下|剩下|另有|另外)")
_OVERLAP_LABEL = re.compile(
    r"以上|以下|超过|不足|不到|高于|低于|含|其中|累计|新增|同比|比上年|分别"
)
_CHANGE_LABEL = re.compile(r"增加|减少|增长|下降|新增|净增|比|较|累计|达到|合计|共|[；;]")
_CHANGE_LEAD = ("增加", "减少", "增长", "下降", "提高", "降低", "净增", "新增", "扩大", "缩小")
_TIGHT_SEP = re.compile(r"^[、和及与]|^[^，,；;。]*[、和及与]")
_TOTAL_WORD = re.compile("合计|共计|总计|总共|一共")
_TOTAL_AFTER = re.compile(r"[，,]?\s*(?:合计|共计|总计|总共|一共)(?:为|达|达到)?$")
_MULTI_CHOICE = re.compile(r"多选|多项选择")
_SHARE_LEAD = ("占", "占比", "占到", "占比为", "占比达", "占比达到", "分别占", "分别为")


def _sum_agrees(parts: list[Quantity], total: Quantity) -> bool:
    return overlaps(sum(p.lo() for p in parts), sum(p.hi() for p in parts), total.lo(), total.hi())


def _values(total: Quantity, parts: list[Quantity]) -> dict[str, Any]:
    return {
        "total": fmt(total.value),
        "parts": fmt(sum(p.value for p in parts)),
        "unit": total.unit,
    }


def _labels(norm: str, parts: list[Quantity], first_from: int) -> list[str]:
    labels, prev = [], first_from
    for p in parts:
        labels.append(norm[prev : p.start])
        prev = p.end
    return labels


def _near_part(label: str) -> bool:
    """A part introduced by a short label of its own clause (…，被采用467期), not a change."""
    return (
        len(label) <= 24
        and label.count("，") + label.count(",") <= 1
        and not _CHANGE_LABEL.search(label)
    )


_SCALES = (1e4, 1e-4, 1e8, 1e-8)


def _magnitude_slip(total: Quantity, parts: list[Quantity]) -> Finding | None:
    """合计1.2亿元，其中8000元、4000万元: the parts add up once one figure's 万/亿 is moved."""
    if len(parts) < 2:
        return None
    lo, hi = sum(p.lo() for p in parts), sum(p.hi() for p in parts)
    for p in parts:
        for scale in _SCALES:
            moved_lo, moved_hi = lo + p.lo() * (scale - 1), hi + p.hi() * (scale - 1)
            if overlaps(moved_lo, moved_hi, total.lo(), total.hi()):
                return finding("magnitude", p.start, p.end, num=fmt(p.value), den=fmt(total.value))
    return None


def _nested(parts: list[Quantity]) -> bool:
    """其中重大隐患9项，已整改7项，其余2项: the last parts break down an earlier part."""
    return any(_sum_agrees(parts[k:], parts[j]) for k in range(1, len(parts)) for j in range(k))


def _same_kind(labels: list[str]) -> bool:
    """种植类…、养殖类…、种养结合类…: labels naming categories of one kind (same last char)."""
    words = [lab.lstrip("、和及与，, ").rstrip("的") for lab in labels]
    return all(0 < len(w) <= 8 for w in words) and len({w[-1] for w in words}) == 1


def check_parts(
    norm: str, total: Quantity, parts: list[Quantity], first_from: int
) -> Finding | None:
    """Parts (after `first_from`) against their total; None when they may well be right."""
    if not parts or total.hedged or any(p.hedged for p in parts):
        return None
    if any(_sum_agrees(parts[:k], total) for k in range(1, len(parts) + 1)):
        return None
    slip = _magnitude_slip(total, parts)
    if slip:
        return slip
    labels = _labels(norm, parts, first_from)
    for part, label in zip(parts, labels, strict=True):
        if part.lo() > total.hi() and _near_part(label):  # a part beyond the whole
            return finding("sum", part.start, part.end, **_values(total, [part]))
    span = (parts[0].start, parts[-1].end)
    if len(parts) >= 2 and _REST_LABEL.search(labels[-1]):
        return None if _nested(parts) else finding("sum", *span, **_values(total, parts))
    tight = len(parts) >= 2 and all(_TIGHT_SEP.search(lab) for lab in labels[1:])
    if not tight or any(_OVERLAP_LABEL.search(lab) for lab in labels):
        return None
    if sum(p.lo() for p in parts) > total.hi():
        return finding("sum", *span, **_values(total, parts))
    if _same_kind(labels):
        return finding("sum_categories", *span, **_values(total, parts))
    return None


def _is_change(norm: str, q: Quantity) -> bool:
    """较年初增加76亿元: a change, not a stock that 其中 could break down."""
    lead = norm[max(0, q.start - 4) : q.start]
    return lead.removesuffix("了").endswith(_CHANGE_LEAD)


def _breakdowns(norm: str, sent: Sentence) -> list[Finding]:
    """其中 after a total: the parts listed must not exceed it, exhaustive lists must add up."""
    out = []
    qs = sent.quantities
    pos = norm.find(_SUM_MARK, sent.start, sent.end)
    while pos >= 0:
        after = pos + len(_SUM_MARK)
        nxt = norm.find(_SUM_MARK, after, sent.end)
        stop = min(nxt if nxt >= 0 else sent.end, after + _PARTS_WITHIN)
        hit = _one_breakdown(norm, sent, qs, pos, after, stop)
        if hit:
            out.append(hit)
        pos = nxt
    return out


def _one_breakdown(
    norm: str, sent: Sentence, qs: tuple[Quantity, ...], pos: int, after: int, stop: int
) -> Finding | None:
    k = index_at(sent, pos)
    before = qs[max(0, k - LOOK_BACK) : k]
    if not before or before[-1].is_percent:
        return None  # 整改率94.5%，其中…: the whole is not a figure right before 其中
    lo, hi = index_at(sent, after), index_at(sent, stop)
    first = next((q for q in qs[lo:hi] if not q.ordinal), None)
    unit = first.unit if first else before[-1].unit
    # 共18个，总投资…，其中…: the last figure in the unit of the parts that is not a change
    total = next((q for q in reversed(before) if q.unit == unit and not _is_change(norm, q)), None)
    if total is None or not total.amount or pos - total.end > _TOTAL_WITHIN:
        return None
    base = paren_depth(sent, norm, after)
    parts = [
        q
        for q, depth in zip(qs[lo:hi], sent.depths[lo:hi], strict=True)
        if q.unit == unit and not q.ordinal and depth <= base
    ]
    return check_parts(norm, total, parts, after)


def _paren_breakdowns(norm: str, sent: Sentence) -> list[Finding]:
    """173家（省级21家、市级48家、县级104家）: a figure followed by its breakdown."""
    out = []
    qs = sent.quantities
    for i, q in enumerate(qs):
        if not q.amount or q.is_percent or norm[q.end : q.end + 1] not in ("（", "("):
            continue
        until = min(sent.end, q.end + _PARTS_WITHIN)
        closes = [j for j in (norm.find("）", q.end, until), norm.find(")", q.end, until)) if j > 0]
        if not closes:
            continue
        inside = qs[i + 1 : index_at(sent, min(closes))]
        inner = [p for p in inside if p.unit == q.unit and not p.ordinal]
        hit = check_parts(norm, q, inner, q.end + 1) if len(inner) >= 2 else None
        if hit:
            out.append(finding("sum", hit.start, hit.end, **dict(hit.values)))
    return out


def _listed_totals(norm: str, sent: Sentence) -> list[Finding]:
    """A、B、C…，合计T: the figures listed just before 合计/共计/总计 must add up to it."""
    out = []
    qs = sent.quantities
    for i, total in enumerate(qs):
        if not total.amount or not _TOTAL_AFTER.search(norm, max(0, total.start - 6), total.start):
            continue
        j = i
        while (
            j > 0 and qs[j - 1].unit == total.unit and not qs[j - 1].ordinal and i - j < LOOK_BACK
        ):
            j -= 1
        parts = list(qs[j:i])
        if len(parts) < 2 or any(p.hedged for p in parts):
            continue
        if not any(_sum_agrees(parts[k:], total) for k in range(len(parts) - 1)):
            out.append(finding("sum", parts[0].start, total.end, **_values(total, parts)))
    return out


# --- shares of one whole ------------------------------------------------------------------


def is_bare_share(norm: str, q: Quantity) -> bool:
    """占41% with no named whole (not 占全县…的41%, not a 由…到 pair)."""
    return not q.hedged and norm.endswith(_SHARE_LEAD, max(0, q.start - 5), q.start)


def _lead(norm: str, q: Quantity) -> str:
    """The words of a share's clause before its figure: '其他占' in '，其他占13%'."""
    return norm[last_mark(norm, BOUNDARY, q.start) + 1 : q.start]


def _share_groups(norm: str, sent: Sentence) -> list[list[Quantity]]:
    groups: list[list[Quantity]] = []
    current: list[Quantity] = []
    for q in sent.quantities:
        if not q.is_percent or q.hedged:
            continue
        between = norm[current[-1].end : q.start] if current else ""
        if current and between in ("、", "和", "及", "与"):
            current.append(q)
        elif is_bare_share(norm, q):
            if ";" in between or "；" in between or _SUM_MARK in between:
                groups.append(current)
                current = []
            current.append(q)
    groups.append(current)
    return [g for g in groups if len(g) >= 2]


def _percent_groups(norm: str, sent: Sentence) -> list[Finding]:
    """Shares of one whole that cannot add up: …占41%，…占27%，其他占13% (其他 makes the
    list complete) or 分别占x%、y%、z% beyond 100%. Survey answers that may overlap
    (男性占86%，高中以下占72%) have no such marker and are left alone."""
    if _MULTI_CHOICE.search(norm, sent.start, sent.end):
        return []
    out = []
    for group in _share_groups(norm, sent):
        lo, hi = sum(q.lo() for q in group), sum(q.hi() for q in group)
        rest = any(_REST_LABEL.search(_lead(norm, q)) for q in group)
        listed = "分别占" in norm[max(0, group[0].start - 6) : group[0].start]
        if (rest and not overlaps(lo, hi, 100, 100)) or (listed and lo > 100 + 1e-9):
            total = sum(q.value for q in group)
            out.append(finding("percent_total", group[0].start, group[-1].end, total=fmt(total)))
    return out


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    out: list[Finding] = []
    for sent in parse(norm).sentences:
        qs = sent.quantities
        if len(qs) < 2:
            continue
        text = norm[sent.start : sent.end]
        if _SUM_MARK in text:
            out.extend(_breakdowns(norm, sent))
        if "（" in text or "(" in text:
            out.extend(_paren_breakdowns(norm, sent))
        if _TOTAL_WORD.search(text):
            out.extend(_listed_totals(norm, sent))
        if "占" in text and sum(q.is_percent for q in qs) >= 2:
            out.extend(_percent_groups(norm, sent))
    return tuple(out)
