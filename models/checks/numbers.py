"""Number checks that need more than one analysis's tagged findings (see
models/rules/data/number.yml; the rest are `findings` rules naming an analysis there).

The analyses live beside this file and work on the normalized field text, each cached per
text, so the rules that share one analysis (sum, share, magnitude ...) parse a draft once:
  numparse   quantities with units, magnitudes, rounding and hedges; Chinese numerals
  numsums    parts vs totals (其中, brackets, 合计), shares of one whole adding to 100%
  numrates   shares and rates vs the counts they name, rates over 100%, rates that lost %
  numgrowth  由A增至B / 比上年的A / 比上年增加D against the change stated after them
  numlists   numbering gaps and repeats, announced counts (三方面) vs the items listed
  numdates   impossible dates and times, a date that lost its 日
  numforms   figures that lost part of their form (unit, %, separator, month ...)
  numshares  shares, breakdowns and pairs read from the figure model (numfigures)
Regex-only rules (placeholders, ranges, abbreviated years ...) are `pattern` rules in the
YAML file. Every flag covers the original text: offsets are the same in `norm` and `text`.
"""

from __future__ import annotations

import re

from models.checks import numlists, numrates, numshares, numsums
from models.checks.numparse import Finding, last_mark, next_mark
from models.report import Flag
from models.rules.findings import report_findings
from models.rules.schema import Rule
from models.text import Document

# --- text-level checks -------------------------------------------------------------------

_FULLWIDTH = re.compile(r"[0-9０-９]*[０-９][0-9０-９]*(?:[．.][0-9０-９]+)?|[0-9]．[0-9]+")
_WIDE = re.compile(r"[０-９．]")
_CN_PERCENT = re.compile(r"百分之[一二三四五六七八九十零〇点两]+")


def _fullwidth(text: str) -> list[Finding]:
    if not _WIDE.search(text):
        return []
    return [Finding("fullwidth", m.start(), m.end()) for m in _FULLWIDTH.finditer(text)]


def fullwidth_digit(doc: Document, rule: Rule) -> list[Flag]:
    """NUM-01: full-width digits (only visible in the original text, not in `norm`)."""
    flags = []
    for name in rule.fields():
        ft = doc.field(name)
        if ft.norm == ft.text:  # normalize maps every full-width digit and ．: none here
            continue
        for f in _fullwidth(ft.text):
            flags.append(rule.flag(name, f.start, f.end, ft.text, digits=ft.text[f.start : f.end]))
    return flags


def chinese_percents(norm: str) -> list[Finding]:
    """NUM-18: 百分之二十 in a sentence that already writes its figures in Arabic digits."""
    out = []
    for m in _CN_PERCENT.finditer(norm):
        s = last_mark(norm, "。；;\n！？", m.start())
        e = next_mark(norm, "。；;\n！？", m.end())
        e = len(norm) if e < 0 else e
        if re.search(r"[0-9]", norm[s + 1 : e]):
            out.append(Finding("cn_percent", m.start(), m.end()))
    return out


# --- checks that combine analyses or filter one --------------------------------------------


def magnitude_slip(doc: Document, rule: Rule) -> list[Flag]:
    """A share or a sum that only works out with 万/亿 moved: a magnitude slip in a figure."""
    slips = report_findings(doc, rule, numrates.findings, ["magnitude"])
    return slips + report_findings(doc, rule, numsums.findings, ["magnitude"])


def count_mismatch(doc: Document, rule: Rule) -> list[Flag]:
    """三方面问题 followed by four items; a title's 三举措 against the body's one list."""
    flags = report_findings(doc, rule, numlists.findings, ["count"])
    if "title" in rule.fields() and doc.title.text.strip():
        for f in numlists.title_findings(doc.title.norm, doc.body.norm):
            flags.append(rule.flag("title", f.start, f.end, doc.title.text, **dict(f.values)))
    return flags


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
