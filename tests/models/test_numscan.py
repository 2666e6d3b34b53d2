"""The number analyses read every figure in one pass over the text (numparse.scan) and the
figure model's periods and levels in one pass each (numfigures): the same as a pass per
sentence, which is what they did before and what the checks are written against."""

from __future__ import annotations

import re

from models.checks import numfigures
from models.checks.numparse import _QTY, _SENTENCE, _quantity, scan
from models.text import normalize
from training.dataset import read_corpus

# the level regex as it was, with a named group per level (the oracle for the flat one)
_GROUPED = re.compile(
    r"(?P<l1>行政村|社区|村集体|村级|村委会?|(?<![农乡城])村(?=[集里内民]))"
    r"|(?P<l2>乡镇|街道|卫生院|镇(?!压|静|守|痛)|(?<![城])乡(?![村土亲情愁]))"
    r"|(?P<l3>县|区(?![域间块别分]))|(?P<l4>市(?![场民值容政])|州)|(?P<l5>省|自治区)"
)

TRICKY = [
    "农村集体经济收入增长12%。村集体收入30万元！全县城乡居民1.2万户，城乡接合部3处。",
    "全市场监管系统12个，市民35人\n区域内5处，全区8个社区、3个行政村、村委会2个。",
    "1—6月，某镇卫生院接诊1200人次；上半年镇压降3%？2024年3月，自治区拨付2亿元",
]


def _texts() -> list[str]:
    rows = read_corpus()[::5]
    return TRICKY + [normalize(r["body"]) for r in rows] + [normalize(r["title"]) for r in rows]


def test_one_pass_finds_each_sentences_figures() -> None:
    figures = 0
    for norm in _texts():
        sc = scan(norm)
        spans = tuple(m.span() for m in _SENTENCE.finditer(norm))
        assert sc.spans == spans
        for (s, e), qs, measures in zip(spans, sc.quantities, sc.measures, strict=True):
            ms = list(_QTY.finditer(norm, s, e))
            assert qs == tuple(_quantity(m, norm) for m in ms)
            assert measures == tuple(m["unit"] or "" for m in ms)
            figures += len(qs)
    assert figures > 1000


def test_levels_and_periods_as_a_pass_per_sentence() -> None:
    checked = 0
    for norm in _texts():
        for s, e in scan(norm).spans:
            old = [
                (m.end(), int(m.lastgroup[1]) if m.lastgroup else 0)
                for m in _GROUPED.finditer(norm, s, e)
            ]
            new = [
                (m.end(), numfigures._LEVEL_OF[m.group()])
                for m in numfigures._SUBJECT.finditer(norm)
                if s <= m.start() < e
            ]
            assert new == old, norm[s:e]
            periods = [m.span() for m in numfigures._PERIOD.finditer(norm, s, e)]
            assert periods == [
                m.span() for m in numfigures._PERIOD.finditer(norm) if s <= m.start() < e
            ]
            checked += len(old)
    assert checked > 100
    amounts = [f for f in numfigures.figures(TRICKY[2]) if f.q.unit in ("人次", "元")]
    assert [(f.q.value, f.period, f.subject) for f in amounts] == [
        (1200, "1—6月", 2),  # 镇 of 某镇卫生院 (and 卫生院): a township's
        (2e8, "2024年3月", 5),  # 自治区, not its 区
    ]


def test_placed_figures_are_the_models_figures() -> None:
    """numshares reads `placed` and `is_share` instead of the whole model: the same figures,
    the same sentences, and a share exactly where the model's role says so."""
    shares = 0
    for norm in _texts():
        model = numfigures.figures(norm)
        light = numfigures.placed(norm)
        assert [(f.q, f.sentence) for f in model] == [(p.q, p.sentence) for p in light]
        for f, p in zip(model, light, strict=True):
            assert numfigures.is_share(norm, p) == (f.role == "share")
            shares += f.role == "share"
    assert shares > 50
