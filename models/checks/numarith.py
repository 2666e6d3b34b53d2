"""Parts against their totals and shares against their counts (RULES.md NUM-27, NUM-28).

Only figures that clearly belong together are compared: parts listed after 其中 with the
unit of the total just before it, a share written right after its count (…896处，占97.7%),
a rate whose name repeats the count's verb (办结1158件，办结率98.97%). Rounding never
raises a flag: every figure counts as an interval of half a unit of its last digit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from models.checks.numparse import BOUNDARY, Finding, Quantity, clause_label, finding, fmt, parse

_EPS = 1e-9
_SUM_MARK = re.compile(r"其中")
_REST_LABEL = re.compile(r"^[，,、；;]?\s*(?:其余|其他|其它|剩余|余下|剩下|另有|另外)")
_OVERLAP_LABEL = re.compile(
    r"以上|以下|超过|不足|不到|高于|低于|含|其中|累计|新增|同比|比上年|分别"
)
_CHANGE_LABEL = re.compile(r"增加|减少|增长|下降|新增|净增|比|较|累计|达到|合计|共|[；;]")
_TIGHT_SEP = re.compile(r"^[、和及与]|^[^，,；;。]*[、和及与]")
_TOTAL_AFTER = re.compile(r"[，,]?\s*(?:合计|共计|总计|总共|一共)(?:为|达|达到)?$")
_MULTI_CHOICE = re.compile(r"多选|可多选|多项选择")


def overlaps(lo1: float, hi1: float, lo2: float, hi2: float) -> bool:
    scale = max(abs(lo1), abs(hi1), abs(lo2), abs(hi2), 1.0)
    return lo1 <= hi2 + _EPS * scale and lo2 <= hi1 + _EPS * scale


def ratio_interval(num: Quantity, den: Quantity) -> tuple[float, float]:
    """num/den in percent, as an interval that honours both figures' rounding."""
    den_lo = max(den.lo(), _EPS)
    return max(num.lo(), 0.0) / den.hi() * 100, num.hi() / den_lo * 100


def _sum_agrees(parts: list[Quantity], total: Quantity) -> bool:
    return overlaps(sum(p.lo() for p in parts), sum(p.hi() for p in parts), total.lo(), total.hi())


def _paren_depths(norm: str, start: int, end: int) -> dict[int, int]:
    depth, depths = 0, {}
    for i in range(start, end):
        c = norm[i]
        if c in "（(":
            depth += 1
        elif c in "）)":
            depth = max(0, depth - 1)
        depths[i] = depth
    return depths


# --- parts and totals ---------------------------------------------------------------------


def _parts_after(
    norm: str, qs: list[Quantity], total: Quantity, pos: int, stop: int
) -> list[Quantity]:
    s, e = qs[0].start, qs[-1].end
    depths = _paren_depths(norm, s, e)
    base = depths.get(pos, 0)
    parts = []
    for q in qs:
        if q.start < pos or q.start >= stop or depths.get(q.start, 0) > base:
            continue
        if q.unit == total.unit and not q.ordinal:
            parts.append(q)
    return parts


def _labels(norm: str, parts: list[Quantity], first_from: int) -> list[str]:
    labels, prev = [], first_from
    for p in parts:
        labels.append(norm[prev : p.start])
        prev = p.end
    return labels


def _check_parts(
    norm: str, total: Quantity, parts: list[Quantity], first_from: int
) -> Finding | None:
    if not parts or total.hedged or any(p.hedged for p in parts):
        return None
    for k in range(1, len(parts) + 1):
        if _sum_agrees(parts[:k], total):
            return None
    labels = _labels(norm, parts, first_from)
    for part, label in zip(parts, labels, strict=True):
        if part.lo() > total.hi() and not _CHANGE_LABEL.search(label):
            values = {"total": fmt(total.value), "parts": fmt(part.value), "unit": total.unit}
            return finding("sum", part.start, part.end, **values)  # a part larger than the whole
    span = (parts[0].start, parts[-1].end)
    values = {
        "total": fmt(total.value),
        "parts": fmt(sum(p.value for p in parts)),
        "unit": total.unit,
    }
    if len(parts) >= 2 and _REST_LABEL.search(labels[-1]):
        return None if _nested(parts) else finding("sum", *span, **values)
    tight = len(parts) >= 2 and all(_TIGHT_SEP.search(lab) for lab in labels[1:])
    if not tight or any(_OVERLAP_LABEL.search(lab) for lab in labels):
        return None
    if sum(p.lo() for p in parts) > total.hi():
        return finding("sum", *span, **values)
    if _same_kind_labels(labels):
        return finding("sum_categories", *span, **values)
    return None


def _nested(parts: list[Quantity]) -> bool:
    """其中重大隐患9项，已整改7项，其余2项: the last parts break down an earlier part."""
    for k in range(1, len(parts)):
        for j in range(k):
            if _sum_agrees(parts[k:], parts[j]):
                return True
    return False


def _same_kind_labels(labels: list[str]) -> bool:
    """种植类…、养殖类…、种养结合类…: labels naming categories of one kind (same last char)."""
    words = [lab.lstrip("、和及与，, ").rstrip("的") for lab in labels]
    if any(not w or len(w) > 8 for w in words):
        return False
    return len({w[-1] for w in words}) == 1


def _breakdowns(norm: str, qs: list[Quantity]) -> list[Finding]:
    """其中 after a total: the parts listed must not exceed it, exhaustive lists must add up."""
    out = []
    s, e = qs[0].start, qs[-1].end
    for m in _SUM_MARK.finditer(norm, max(0, s - 1), e):
        before = [q for q in qs if q.end <= m.start()]
        if not before or before[-1].is_percent:
            continue  # 整改率94.5%，其中…: the whole is not a figure right before 其中
        first = next((q for q in qs if q.start >= m.end() and not q.ordinal), None)
        unit = first.unit if first else before[-1].unit
        # 共18个，总投资…，其中…: the last figure in the unit of the parts that is not a change
        total = next((q for q in reversed(before) if q.unit == unit and not _is_change(norm, q)), None)
        if total is None or not total.amount:
            continue
        nxt = _SUM_MARK.search(norm, m.end(), e)
        stop = nxt.start() if nxt else e
        parts = _parts_after(norm, qs, total, m.end(), stop)
        hit = _check_parts(norm, total, parts, m.end())
        if hit:
            out.append(hit)
    return out


_CHANGE_LEAD = re.compile(r"(?:增加|减少|增长|下降|提高|降低|净增|新增|扩大|缩小)了?$")


def _is_change(norm: str, q: Quantity) -> bool:
    """较年初增加76亿元: a change, not a stock that 其中 could break down."""
    return bool(_CHANGE_LEAD.search(norm, max(0, q.start - 4), q.start))


def _paren_breakdowns(norm: str, qs: list[Quantity]) -> list[Finding]:
    """173家（省级21家、市级48家、县级104家）: a figure followed by its breakdown."""
    out = []
    for i, q in enumerate(qs):
        if not q.amount or q.is_percent or norm[q.end : q.end + 1] not in ("（", "("):
            continue
        close = min(
            (j for j in (norm.find("）", q.end), norm.find(")", q.end)) if j > 0), default=-1
        )
        if close < 0:
            continue
        inner = [p for p in qs[i + 1 :] if p.end <= close and p.unit == q.unit and not p.ordinal]
        if len(inner) >= 2:
            hit = _check_parts(norm, q, inner, q.end + 1)
            if hit and hit.tag == "sum_categories":
                hit = finding("sum", hit.start, hit.end, **dict(hit.values))
            if hit:
                out.append(hit)
    return out


def _listed_totals(norm: str, qs: list[Quantity]) -> list[Finding]:
    """A、B、C…，合计T: the figures listed just before 合计/共计/总计 must add up to it."""
    out = []
    for i, total in enumerate(qs):
        if not total.amount or not _TOTAL_AFTER.search(norm, max(0, total.start - 6), total.start):
            continue
        parts = []
        for p in reversed(qs[:i]):
            if p.unit != total.unit or p.ordinal:
                break
            parts.insert(0, p)
        if len(parts) < 2 or any(p.hedged for p in parts):
            continue
        if not any(_sum_agrees(parts[k:], total) for k in range(len(parts) - 1)):
            values = {
                "total": fmt(total.value),
                "parts": fmt(sum(p.value for p in parts)),
                "unit": total.unit,
            }
            out.append(finding("sum", parts[0].start, total.end, **values))
    return out


def _percent_groups(norm: str, qs: list[Quantity]) -> list[Finding]:
    """Shares of one whole that cannot add up: …占41%，…占27%，其他占13% (其他 makes the
    list exhaustive) or 分别占x%、y%、z% beyond 100%. Survey answers that may overlap
    (男性占86%，高中以下占72%) have no such marker and are left alone."""
    out = []
    for group in _share_groups(norm, qs):
        lo, hi = sum(q.lo() for q in group), sum(q.hi() for q in group)
        rest = any(_REST_LABEL.search(_lead(norm, q)) for q in group)
        listed = "分别占" in norm[max(0, group[0].start - 6) : group[0].start]
        if (rest and not overlaps(lo, hi, 100, 100)) or (listed and lo > 100 + _EPS):
            total = sum(q.value for q in group)
            out.append(finding("percent_total", group[0].start, group[-1].end, total=fmt(total)))
    return out


def _lead(norm: str, q: Quantity) -> str:
    """The words of a share's clause before its figure: '其他占' in '，其他占13%'."""
    s = q.start
    while s > 0 and norm[s - 1] not in BOUNDARY:
        s -= 1
    return norm[s : q.start]


def _share_groups(norm: str, qs: list[Quantity]) -> list[list[Quantity]]:
    start = max(norm.rfind(c, 0, qs[0].start) for c in "。！？!?\n") + 1
    if _MULTI_CHOICE.search(norm, start, qs[-1].end):
        return []
    groups: list[list[Quantity]] = []
    current: list[Quantity] = []
    for q in qs:
        if not q.is_percent or q.hedged:
            continue
        between = norm[current[-1].end : q.start] if current else ""
        listed = current and between in ("、", "和", "及", "与")
        if listed or (_is_bare_share(norm, q) and not re.search("[；;]", between)):
            current.append(q)
        elif _is_bare_share(norm, q):
            groups.append(current)
            current = [q]
    groups.append(current)
    return [g for g in groups if len(g) >= 2]


_SHARE_LEAD = re.compile(r"(?:占|占比|占到|占比为|占比达|占比达到|分别占|分别为)$")


def _is_bare_share(norm: str, q: Quantity) -> bool:
    """占41% with no named whole (not 占全县…的41%, not a 由…到 pair)."""
    if q.hedged:
        return False
    return bool(_SHARE_LEAD.search(norm, max(0, q.start - 5), q.start))


# --- shares and rates against their counts ---------------------------------------------

_SHARE_OF = re.compile(r"占([^，,。；;]{0,24}?)的$")
_RATE_NAME = re.compile(r"([\u4e00-\u9fff]{1,8})率(?:为|达|达到|是|已达|已达到)?$")
_RATE_STOP = "的了已为达均是和与及"
_NOT_A_COUNT_RATIO = re.compile(
    r"(?:利|费|税|汇|收益|利润|增长|贡献|回报|折旧|容积|功|倍|^效|^频|^速|^比)$"
)
_SLACK = 1.1  # a stated rate may have been rounded twice (90.949 -> 90.95 -> 91.0)


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


def _explicit_shares(norm: str, qs: list[Quantity]) -> list[Finding]:
    """A，占B的C%: C must be A/B."""
    out = []
    for i, c in enumerate(qs):
        if not c.is_percent or c.hedged:
            continue
        m = _SHARE_OF.search(norm, max(0, c.start - 30), c.start)
        if not m:
            continue
        whole = [q for q in qs[:i] if m.start() < q.start < m.end() and q.amount]
        part = [q for q in qs[:i] if q.end <= m.start() and m.start() - q.end <= 2 and q.amount]
        if len(whole) != 1 or not part or part[-1].unit != whole[0].unit:
            continue
        hit = _compare(part[-1], whole[0], c, "share")
        if hit:
            out.append(hit)
    return out


def _agrees(lo: float, hi: float, rate: Quantity) -> bool:
    return overlaps(lo, hi, rate.value - rate.tol * _SLACK, rate.value + rate.tol * _SLACK)


def _compare(num: Quantity, den: Quantity, rate: Quantity, tag: str) -> Finding | None:
    lo, hi = ratio_interval(num, den)
    if _agrees(lo, hi, rate):
        return None
    actual = num.value / den.value * 100 if den.value else 0.0
    for scale in (1e4, 1e-4, 1e8, 1e-8):
        if _agrees(lo * scale, hi * scale, rate):
            return finding("magnitude", num.start, num.end, num=fmt(num.value), den=fmt(den.value))
    return finding(
        tag,
        rate.start,
        rate.end,
        num=fmt(num.value),
        den=fmt(den.value),
        actual=f"{actual:.2f}".rstrip("0").rstrip("."),
        stated=fmt(rate.value),
    )


_PARENS = re.compile(r"[（(][^（()）]*[）)]")


def _drop_parens(text: str) -> str:
    return _PARENS.sub("", text)


_SAME_COUNT = ({"人", "名"}, {"个", "家"})


def same_unit(a: str, b: str) -> bool:
    """期 and 期次, 人 and 名 count the same things in a ratio (人 and 人次 do not)."""
    if a == b:
        return True
    if any(a in group and b in group for group in _SAME_COUNT):
        return True
    return bool(a and b) and a.rstrip("次") == b.rstrip("次") and "人" not in (a[0], b[0]) and "次" not in (a, b)


def _plus(a: Quantity, b: Quantity) -> Quantity:
    """a + b as a derived whole (an empty span marks it as not written in the text)."""
    return Quantity(a.start, a.start, a.value + b.value, a.tol + b.tol, a.unit, False, False, a.sentence)


def _sentence_totals(norm: str, qs: list[Quantity], before: int) -> list[Quantity]:
    """Figures the sentence itself presents as a whole: the one right before 其中."""
    out = []
    for i, q in enumerate(qs):
        if q.start >= before or not q.amount or q.is_percent:
            continue
        nxt = qs[i + 1].start if i + 1 < len(qs) else before
        if "其中" in norm[q.end : min(nxt, before)]:
            out.append(q)
    return out


_CLAUSE_THEN = re.compile(r"^[^，,；;。]{0,8}[，,]")
_SHARE_WORD = re.compile(r"^(?:仅|只|已)?(?:占|占比|占到|占比为|占比达)$")
_RATE_CLAUSE = re.compile(r"^([\u4e00-\u9fff]{1,8})率(?:为|达|达到|是|已达|已达到)?$")
_SUBSET = re.compile(r"的|中|有")


def _share_wholes(norm: str, outside: list[Quantity], k: int) -> list[Quantity]:
    """Wholes for '…，占C%' after outside[k]: with 其中 in the sentence, every figure before
    (…1.86万亩，但其中…1.52万亩，占81.7%); else only a whole right before whose next clause
    picks a subset of it (抽查212家…，…的131家，占61.8%)."""
    num = outside[k]
    if _sentence_totals(norm, outside, num.start):
        return [q for q in outside[:k] if q.amount and not q.is_percent]
    if k == 0:
        return []
    prev = outside[k - 1]
    between = norm[prev.end : num.start]
    if prev.amount and not prev.is_percent and not re.search("[；;]", between) and _SUBSET.search(between):
        return [prev]
    return []


def _rate_wholes(norm: str, outside: list[Quantity], k: int, name: str) -> list[Quantity]:
    """Wholes for '…，X率C%' after outside[k], when the count repeats the rate's verb."""
    num = outside[k]
    if _NOT_A_COUNT_RATIO.search(name) or not refers(_stem(name), clause_label(norm, num, outside[0].start)):
        return []
    dens = [q for q in outside[:k] if q.amount and not q.is_percent]
    return dens + [_plus(q, num) for q in dens]  # 出租59.3万，空置26.7万，空置率31%


def _implicit_rates(norm: str, qs: list[Quantity]) -> list[Finding]:
    """…896处，整改率97.7% and 其中…121所，占56.5%: the count just before, over a whole.
    Flag only when no whole the sentence offers gives the rate."""
    out = []
    depths = _paren_depths(norm, qs[0].start, qs[-1].end)
    outside = [q for q in qs if depths.get(q.start, 0) == 0]
    for i, c in enumerate(outside):
        if not c.is_percent or c.hedged or i == 0:
            continue
        num = outside[i - 1]
        lead = _drop_parens(norm[num.end : c.start])
        clause = _CLAUSE_THEN.match(lead)
        if not num.amount or num.is_percent or not clause:
            continue
        after = lead[clause.end() :].strip()
        rate = _RATE_CLAUSE.match(after)
        if _SHARE_WORD.match(after):
            dens = _share_wholes(norm, outside, i - 1)
        elif rate:
            dens = _rate_wholes(norm, outside, i - 1, rate.group(1))
        else:
            continue
        dens = [d for d in dens if same_unit(d.unit, num.unit) and d.value >= num.value]
        hits = [_compare(num, d, c, "rate") for d in dens]
        if hits and all(hits):
            out.append(hits[_nearest_real(dens)])  # type: ignore[arg-type]
    return out


def _nearest_real(dens: list[Quantity]) -> int:
    """The whole to quote in the message: the closest figure actually written (not a sum)."""
    real = [i for i, d in enumerate(dens) if d.end > d.start]
    return real[-1] if real else len(dens) - 1


def _is_sum(d: Quantity, dens: list[Quantity]) -> bool:
    return sum(1 for e in dens if e.start == d.start) > 1 and dens.index(d) >= len(dens) // 2


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


def _over_100(norm: str, qs: list[Quantity]) -> list[Finding]:
    out = []
    for q in qs:
        if not q.is_percent or q.value <= 100 + q.tol or q.ordinal:
            continue
        m = _CAPPED.search(norm, max(0, q.start - 12), q.start)
        if not m:
            share = _SHARE_OF.search(norm, max(0, q.start - 30), q.start)
            if not share or _CAPPED_EXEMPT.search(share.group(1)):
                continue
        out.append(finding("over_100", q.start, q.end, value=fmt(q.value)))
    return out


_RATE_NO_UNIT = re.compile(
    r"(?:率|满意度|占比|比重)(?:[均为达到是了约近超过保持稳定在]{0,5})"
    r"(?<![0-9])(?P<v>[0-9]{1,3}(?:\.[0-9]+)?)(?=[，,。；;、）)\s]|以上|左右|$)"
)
_GROWTH_NO_UNIT = re.compile(
    r"(?:同比|环比|比上年|较上年|比去年|较去年)(?:增长|下降|增加|减少|提高|降低|上升)了?"
    r"([0-9]{1,3}(?:\.[0-9]+)?)(?=[，,。；;、）)]|$)"
    r"|(?:增速|增幅|降幅|增长率)(?:为|达|达到|是)?([0-9]{1,3}(?:\.[0-9]+)?)(?=[，,。；;、）)]|$)"
)


_PLAIN_RATIOS = re.compile(r"容积率|汇率|倍率|功率|频率|速率|效率|增长率|折旧率|系数")


def _missing_units(norm: str) -> list[Finding]:
    out = []
    for m in _RATE_NO_UNIT.finditer(norm):
        name = norm[max(0, m.start() - 2) : m.start() + 1]
        if float(m["v"]) <= 100 and not _PLAIN_RATIOS.search(name):
            out.append(finding("missing_rate", m.start("v"), m.end("v"), value=m["v"]))
    for m in _GROWTH_NO_UNIT.finditer(norm):
        g = 1 if m.group(1) else 2
        out.append(finding("missing_growth", m.start(g), m.end(g), value=m.group(g)))
    return out


# --- one pass per draft ---------------------------------------------------------------------


@lru_cache(maxsize=16)
def findings(norm: str) -> tuple[Finding, ...]:
    p = parse(norm)
    out: list[Finding] = []
    by_sentence: dict[int, list[Quantity]] = {}
    for q in p.quantities:
        by_sentence.setdefault(q.sentence, []).append(q)
    for qs in by_sentence.values():
        for analyse in (
            _breakdowns,
            _paren_breakdowns,
            _listed_totals,
            _percent_groups,
            _explicit_shares,
            _implicit_rates,
            _over_100,
        ):
            out.extend(analyse(norm, qs))
    out.extend(_missing_units(norm))
    return tuple(out)
