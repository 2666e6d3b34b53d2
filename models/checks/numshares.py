"""Shares, breakdowns and pairs that numrates/numsums leave alone, read from numfigures.

near      满意的396户，占比86% after 共有450户: no figure before gives 86%, but 396÷450 is
          88% — a near miss names the whole, so the arithmetic is shown (please verify);
          未办结1件，办结率99% after 共62件 is (62−1)÷62 = 98.4%.
grain     shares with two decimals over a sample of N (这215个样本中…): every share must be
          k÷N for a whole k (150÷215 = 69.77%, never 69.76%).
kinds     举报6546件，…，商品类举报5921件，服务类举报652件: categories of one total.
pairs     97户336人 … 64户221人 … 33户124人: households add up, persons must too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from models.checks.numfigures import Placed, is_share, placed
from models.checks.numparse import Finding, Quantity, finding, fmt
from models.checks.numrates import same_unit

_NEAR_SHARE = 0.025  # within 2.5% of the share (at least 1 point) but not equal: a near miss
_SHARE_LEAD = re.compile(r"(?:占比|占|率)(?:为|达|达到|是)?$|占[^，,。；;0-9]{1,14}的$")
_NEGATED = re.compile(r"未|没有|尚未|仍未|不")
_PAIR = re.compile(r"[0-9](?<![0-9.][0-9])[0-9]*(?P<a>户|家)(?P<n>[0-9]+)(?P<b>人)")
_SAMPLE = re.compile(
    r"[0-9](?<![0-9.][0-9])[0-9]*(?=(?:个|份|名|户|人)?(?:有效)?(?:样本|问卷|受访|调查对象))"
    r"|(?<=样本为)[0-9]+|(?<=样本)[0-9]+"
)
_KIND = re.compile(r"^[\u4e00-\u9fff]{0,4}类[\u4e00-\u9fff]{0,4}$")


def _agree(value: float, rate: Quantity) -> bool:
    return abs(value - rate.value) <= rate.tol * 1.1 + 1e-9


def _ratio(num: Quantity, den: Quantity) -> float:
    return num.value / den.value * 100 if den.value else 0.0


def _near_one(figs: list[Placed], i: int, norm: str) -> Finding | None:
    rate = figs[i].q
    part = figs[i - 1].q
    if part.is_percent or not part.amount or rate.start - part.end > 12:
        return None
    clause = norm[max(figs[i].sentence[0], part.start - 10) : part.start]
    negated = bool(_NEGATED.search(clause[-6:]))
    s = figs[i].sentence[0]
    dens = [
        f.q
        for f in figs[max(0, i - 12) : i - 1]
        if f.q.amount
        and not f.q.is_percent
        and same_unit(f.q.unit, part.unit)
        and f.q.value > part.value
        and f.sentence[0] >= s - 200
    ]
    if not dens:
        return None
    ratios = [(d, _ratio(part, d)) for d in dens]
    if negated:
        ratios += [(d, 100 - r) for d, r in ratios]
    if any(_agree(r, rate) for _, r in ratios):
        return None
    den, r = min(ratios, key=lambda dr: abs(dr[1] - rate.value))
    if abs(r - rate.value) > max(1.0, _NEAR_SHARE * rate.value):
        return None
    expr = (
        f"({fmt(den.value)}−{fmt(part.value)})÷{fmt(den.value)}"
        if r > _ratio(part, den) + 1e-9
        else f"{fmt(part.value)}÷{fmt(den.value)}"
    )
    return finding(
        "near", rate.start, rate.end, expr=expr, actual=f"{r:.1f}", stated=fmt(rate.value)
    )


def _near(norm: str, figs: tuple[Placed, ...]) -> list[Finding]:
    out = []
    fl = list(figs)
    for i in range(1, len(fl)):
        f = fl[i]
        if f.q.hedged or f.q.value > 100 or not is_share(norm, f):
            continue
        if not _SHARE_LEAD.search(norm, max(0, f.q.start - 16), f.q.start):
            continue
        hit = _near_one(fl, i, norm)
        if hit:
            out.append(hit)
    return out


def _reachable(p: float, n: int) -> bool:
    k = round(p * n / 100)
    return any(abs(round(j / n * 100 + 1e-9, 2) - p) < 1e-6 for j in (k - 1, k, k + 1) if j >= 0)


def _grains(norm: str, figs: tuple[Placed, ...]) -> list[Finding]:
    """Two-decimal shares over a sample size N named just before them."""
    out = []
    seen: set[int] = set()
    for m in _SAMPLE.finditer(norm):
        n = int(m.group())
        if not 20 <= n <= 2000:
            continue
        shares = [
            f.q
            for f in figs
            if f.q.is_percent
            and m.end() < f.q.start < m.end() + 300
            and f.q.value < 100
            and not f.q.hedged
            and len(norm[f.q.start : f.q.end].partition(".")[2]) == 3  # 'dd%'
        ]
        for q in shares:
            if q.start not in seen and not _reachable(q.value, n):
                seen.add(q.start)
                k = round(q.value * n / 100)
                out.append(
                    finding(
                        "grain",
                        q.start,
                        q.end,
                        n=n,
                        k=k,
                        actual=f"{k / n * 100:.2f}",
                        stated=fmt(q.value),
                    )
                )
    return out


def _pairs(norm: str) -> list[Finding]:
    out: list[Finding] = []
    # a sentence needs three pairs; no pair crosses a sentence end, so a text with fewer than
    # three in all has none to check (one pass instead of one per sentence)
    if sum(1 for _ in islice(_PAIR.finditer(norm), 3)) < 3:
        return out
    for s, e in ((m.start(), m.end()) for m in re.finditer(r"[^。！？\n]+", norm)):
        ps = list(_PAIR.finditer(norm, s, e))
        if len(ps) < 3:
            continue
        vals = [(int(m.group().split(m["a"])[0]), int(m["n"]), m) for m in ps]
        for i in range(len(vals) - 2):
            (h0, p0, _), (h1, p1, _), (h2, p2, m2) = vals[i : i + 3]
            if h0 == h1 + h2 and p0 != p1 + p2:
                values = {"h": f"{h0}={h1}+{h2}", "p": f"{p1}+{p2}={p1 + p2}", "total": p0}
                out.append(finding("pairs", m2.start("n"), m2.end("b"), **values))
    return out


def _kind_parts(norm: str, figs: tuple[Placed, ...], i: int) -> list[Quantity]:
    """The categories (商品类…) listed after the total figs[i], in its sentence."""
    f = figs[i]
    t = f.q
    parts: list[Quantity] = []
    prev = t.end
    for g in figs[i + 1 : i + 8]:
        between = norm[prev : g.q.start]
        if "；" in between or ";" in between or g.sentence != f.sentence or "其中" in between:
            break
        if g.q.is_percent:
            prev = g.q.end
            continue
        label = between.strip("，,、 和及")
        if g.q.unit != t.unit or not _KIND.match(label[-9:] if len(label) > 9 else label):
            break
        parts.append(g.q)
        prev = g.q.end
    return parts


def _kinds(norm: str, figs: tuple[Placed, ...]) -> list[Finding]:
    """A total, then (after its share, with no 其中) categories 商品类…、服务类… of it."""
    out = []
    for i, f in enumerate(figs):
        t = f.q
        if (
            not t.amount
            or t.is_percent
            or not t.unit
            or "类" in norm[max(0, t.start - 6) : t.start]
        ):
            continue
        if norm[t.end : t.end + 1] in ("、", "和", "及"):
            continue
        if norm.find("类", t.end, f.sentence[1]) < 0:
            continue  # each part's label holds 类 and lies in the sentence after the total
        parts = _kind_parts(norm, figs, i)
        if len(parts) < 2 or any(p.hedged for p in parts):
            continue
        lo, hi = sum(p.lo() for p in parts), sum(p.hi() for p in parts)
        if lo <= t.hi() and t.lo() <= hi:
            continue
        tag = "kinds_over" if lo > t.hi() else "kinds_short"
        values = {"parts": fmt(sum(p.value for p in parts)), "total": fmt(t.value), "unit": t.unit}
        out.append(finding(tag, parts[0].start, parts[-1].end, **values))
    return out


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    figs = placed(norm)
    out: list[Finding] = []
    if "%" in norm:
        out.extend(_near(norm, figs))
        if "样本" in norm or "问卷" in norm or "受访" in norm or "调查对象" in norm:
            out.extend(_grains(norm, figs))
    if "户" in norm or "家" in norm:
        out.extend(_pairs(norm))
    if "类" in norm:
        out.extend(_kinds(norm, figs))
    return tuple(out)
