"""Number checks (code-backed rules of kind `number`; see models/rules/data/number.yml).

The analyses live beside this file and work on the normalized field text, each cached per
text, so the rules that share one analysis (sum, share, magnitude ...) parse a draft once:
  numparse   quantities with units, magnitudes, rounding and hedges; Chinese numerals
  numsums    parts vs totals (其中, brackets, 合计), shares of one whole adding to 100%
  numrates   shares and rates vs the counts they name, rates over 100%, rates that lost %
  numgrowth  由A增至B / 比上年的A / 比上年增加D against the change stated after them
  numlists   numbering gaps and repeats, announced counts (三方面) vs the items listed
  numdates   impossible dates and times, a date that lost its 日
Regex-only rules (placeholders, ranges, abbreviated years ...) are `pattern` rules in the
YAML file. Every flag covers the original text: offsets are the same in `norm` and `text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from models.checks import (
    numdates,
    numfigures,
    numforms,
    numgrowth,
    numlists,
    numrates,
    numshares,
    numsums,
)
from models.checks.numparse import Finding, last_mark, next_mark
from models.report import Flag
from models.rules.engine import checker
from models.rules.schema import Rule
from models.text import Document

Analysis = Callable[[str], Iterable[Finding]]


def _report(doc: Document, rule: Rule, analysis: Analysis, *tags: str) -> list[Flag]:
    flags = []
    for name in rule.fields():
        ft = doc.field(name)
        if not ft.text.strip():
            continue
        for f in analysis(ft.norm):
            if f.tag in tags:
                flags.append(rule.flag(name, f.start, f.end, ft.text, **dict(f.values)))
    return flags


# --- text-level checks -------------------------------------------------------------------

_FULLWIDTH = re.compile(r"[0-9０-９]*[０-９][0-9０-９]*(?:[．.][0-9０-９]+)?|[0-9]．[0-9]+")
_WIDE = re.compile(r"[０-９．]")
_CN_PERCENT = re.compile(r"百分之[一二三四五六七八九十零〇点两]+")


def _fullwidth(text: str) -> list[Finding]:
    if not _WIDE.search(text):
        return []
    return [Finding("fullwidth", m.start(), m.end()) for m in _FULLWIDTH.finditer(text)]


@checker("number.fullwidth_digit")
def fullwidth_digit(doc: Document, rule: Rule) -> list[Flag]:
    """NUM-01: full-width digits (only visible in the original text, not in `norm`)."""
    flags = []
    for name in rule.fields():
        ft = doc.field(name)
        for f in _fullwidth(ft.text):
            flags.append(rule.flag(name, f.start, f.end, ft.text, digits=ft.text[f.start : f.end]))
    return flags


def _chinese_percents(norm: str) -> list[Finding]:
    """NUM-18: 百分之二十 in a sentence that already writes its figures in Arabic digits."""
    out = []
    for m in _CN_PERCENT.finditer(norm):
        s = last_mark(norm, "。；;\n！？", m.start())
        e = next_mark(norm, "。；;\n！？", m.end())
        e = len(norm) if e < 0 else e
        if re.search(r"[0-9]", norm[s + 1 : e]):
            out.append(Finding("cn_percent", m.start(), m.end()))
    return out


@checker("number.chinese_percent")
def chinese_percent(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, _chinese_percents, "cn_percent")


# --- arithmetic ----------------------------------------------------------------------------


@checker("number.sum_mismatch")
def sum_mismatch(doc: Document, rule: Rule) -> list[Flag]:
    """NUM-27: parts that exceed their total, or an exhaustive list that does not add up."""
    return _report(doc, rule, numsums.findings, "sum")


@checker("number.sum_mismatch_categories")
def sum_mismatch_categories(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numsums.findings, "sum_categories")


@checker("number.percent_total")
def percent_total(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numsums.findings, "percent_total")


@checker("number.share_mismatch")
def share_mismatch(doc: Document, rule: Rule) -> list[Flag]:
    """A，占B的C%: C recomputed from A and B."""
    return _report(doc, rule, numrates.findings, "share")


@checker("number.rate_mismatch")
def rate_mismatch(doc: Document, rule: Rule) -> list[Flag]:
    """办结1158件，办结率98.97%: the rate recomputed from the counts it names."""
    return _report(doc, rule, numrates.findings, "rate")


@checker("number.magnitude_slip")
def magnitude_slip(doc: Document, rule: Rule) -> list[Flag]:
    """A share or a sum that only works out with 万/亿 moved: a magnitude slip in a figure."""
    slips = _report(doc, rule, numrates.findings, "magnitude")
    return slips + _report(doc, rule, numsums.findings, "magnitude")


@checker("number.rate_over_100")
def rate_over_100(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numrates.findings, "over_100")


@checker("number.missing_unit")
def missing_unit(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numrates.findings, "missing_rate")


@checker("number.missing_unit_growth")
def missing_unit_growth(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numrates.findings, "missing_growth")


# --- growth --------------------------------------------------------------------------------


@checker("number.growth_mismatch")
def growth_mismatch(doc: Document, rule: Rule) -> list[Flag]:
    """NUM-28: 增长C% recomputed from the two figures it compares."""
    return _report(doc, rule, numgrowth.findings, "growth")


@checker("number.growth_nominal")
def growth_nominal(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numgrowth.findings, "growth_nominal")


@checker("number.growth_absolute")
def growth_absolute(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numgrowth.findings, "absolute")


@checker("number.growth_points")
def growth_points(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numgrowth.findings, "pp")


@checker("number.growth_times")
def growth_times(doc: Document, rule: Rule) -> list[Flag]:
    """NUM-13: 增长N倍 is B = A×(N+1), 增长到N倍 is B = A×N, 翻一番 is ×2."""
    return _report(doc, rule, numgrowth.findings, "times")


@checker("number.growth_direction")
def growth_direction(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numgrowth.findings, "direction")


@checker("number.percent_point_misuse")
def percent_point_misuse(doc: Document, rule: Rule) -> list[Flag]:
    """NUM-14: the difference of two percentages written as % instead of 个百分点."""
    return _report(doc, rule, numgrowth.findings, "pp_misuse")


@checker("number.percent_point_absolute")
def percent_point_absolute(doc: Document, rule: Rule) -> list[Flag]:
    """NUM-15: 百分点 used for the change of an absolute amount."""
    return _report(doc, rule, numgrowth.findings, "pp_absolute")


# --- lists and dates -----------------------------------------------------------------------


@checker("number.numbering_gap")
def numbering_gap(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numlists.findings, "gap")


@checker("number.numbering_repeat")
def numbering_repeat(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numlists.findings, "repeat")


@checker("number.count_mismatch")
def count_mismatch(doc: Document, rule: Rule) -> list[Flag]:
    """三方面问题 followed by four items; a title's 三举措 against the body's one list."""
    flags = _report(doc, rule, numlists.findings, "count")
    if "title" in rule.fields() and doc.title.text.strip():
        for f in numlists.title_findings(doc.title.norm, doc.body.norm):
            flags.append(rule.flag("title", f.start, f.end, doc.title.text, **dict(f.values)))
    return flags


@checker("number.invalid_date")
def invalid_date(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numdates.findings, "day", "month")


@checker("number.invalid_time")
def invalid_time(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numdates.findings, "hour")


@checker("number.lost_day")
def lost_day(doc: Document, rule: Rule) -> list[Flag]:
    return _report(doc, rule, numdates.findings, "lost_day")


# --- figures that lost part of their form (numforms) -------------------------------------


def _forms(*tags: str) -> Callable[[Document, Rule], list[Flag]]:
    def check(doc: Document, rule: Rule) -> list[Flag]:
        return _report(doc, rule, numforms.findings, *tags)

    return check


for _name, _tags in {
    "number.missing_unit_count": ("missing_unit",),
    "number.missing_unit_percent": ("missing_percent",),
    "number.lost_separator": ("lost_separator",),
    "number.lost_month": ("lost_month",),
    "number.blank_number": ("blank_number",),
    "number.approx_garbled": ("approx_garbled",),
    "number.negative_growth": ("negative_growth",),
    "number.double_point": ("double_point",),
    "number.doc_number": ("doc_number",),
    "number.lost_marker": ("lost_marker",),
    "number.power_unit": ("power_unit",),
}.items():
    checker(_name)(_forms(*_tags))


# --- shares, breakdowns, pairs and scale read from the figure model -------------------------


@checker("number.share_near_miss")
def share_near_miss(doc: Document, rule: Rule) -> list[Flag]:
    """满意的396户，占比86% after 共有450户 (88%); rates numrates already reported are skipped."""
    flags = []
    for name in rule.fields():
        ft = doc.field(name)
        if not ft.text.strip():
            continue
        seen = {f.start for f in numrates.findings(ft.norm)}
        for f in numshares.findings(ft.norm):
            if f.tag == "near" and f.start not in seen:
                flags.append(rule.flag(name, f.start, f.end, ft.text, **dict(f.values)))
    return flags


for _name, _analysis, _tags in (
    ("number.share_grain", numshares.findings, ("grain",)),
    ("number.sum_pairs", numshares.findings, ("pairs",)),
    ("number.sum_kinds_over", numshares.findings, ("kinds_over",)),
    ("number.sum_kinds_short", numshares.findings, ("kinds_short",)),
    ("number.magnitude_scale", numfigures.findings, ("implausible",)),
):
    checker(_name)(lambda doc, rule, a=_analysis, t=_tags: _report(doc, rule, a, *t))
