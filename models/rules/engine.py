"""Load rule files and run them over a Document.

Rule types: `pattern` (a regex, with optional exceptions and counts), `terms` (a dictionary
matched with one Aho-Corasick automaton for all term rules), `findings` (the findings of a
named analysis that carry one of the rule's tags; models.rules.findings), `code` (a pure
function, found by the rule's id in the registry handed to RuleSet) and `dictionary` (terms
that come at run time from the admin dictionaries; models.custom_terms). The registry of the
shipped rules is models.checks.CHECKS and models.checks.ANALYSES: explicit dicts, no
registration by import.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from ahocorasick_rs import AhoCorasick, Implementation

from models.checks import ANALYSES, CHECKS
from models.report import Field, Flag
from models.rules.findings import Analysis, Finding, report_findings
from models.rules.prefilter import CombinedFilter, may_match, opener_groups
from models.rules.schema import Rule, Term
from models.text import Document, FieldText, Span, in_title

# the package directory, not __file__: a compiled module lives in build/mypyc (models/compiled.py)
DATA_DIR = Path(str(files("models.rules").joinpath("data")))

CodeCheck = Callable[[Document, Rule], list[Flag]]
_PATTERN, _FINDINGS, _CODE = "pattern", "findings", "code"
_Step = tuple[str, Rule, Any]  # (kind, rule, what it needs: see RuleSet.__init__)


def read_rules(paths: Iterable[Path]) -> list[Rule]:
    rules: list[Rule] = []
    for path in sorted(paths):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            try:
                rules.append(Rule.model_validate(raw))
            except Exception as exc:
                raise ValueError(f"{path.name}: rule {raw.get('id', '?')}: {exc}") from exc
    ids = [r.id for r in rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate rule ids: {sorted(dupes)}")
    return rules


def _sentence_of(sentences: list[Span], pos: int) -> Span | None:
    """The sentence holding `pos` (sentences are sorted and disjoint): bisection, not a scan."""
    i = bisect.bisect_right(sentences, (pos, float("inf"))) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return None


def _window(ft: FieldText, within: str) -> tuple[int, int] | None:
    if within == "all":
        return 0, len(ft.text)
    if within == "first_sentence":
        return ft.sentences[0] if ft.sentences else None
    if within == "first_paragraph":
        return ft.paragraphs[0] if ft.paragraphs else None
    return ft.paragraphs[-1] if ft.paragraphs else None


def run_pattern(rule: Rule, doc: Document, fields: Iterable[Field] | None = None) -> list[Flag]:
    """The pattern over `fields`: those where its needs are met (RuleSet.check reads them off
    one combined scan; by default, each field's own test)."""
    flags: list[Flag] = []
    if fields is None:
        needs = rule.needs
        fields = [
            name
            for name in rule.fields()
            if not needs or may_match(needs, doc.field(name).chars, doc.field(name).norm)
        ]  # a character every match holds is missing: no match possible
    for name in fields:
        ft = doc.field(name)
        window = _window(ft, rule.within)
        if window is None:
            continue
        found = []
        excused: dict[tuple[int, int], bool] = {}  # sentence -> an `unless` matches in it
        for m in _finditer(rule, ft.norm, *window):
            start, end = m.span(rule.group)
            if start == end or (rule.outside_titles and in_title(ft.norm, start)):
                continue
            if rule.unless_regexes:
                sent = _sentence_of(ft.sentences, start) or (0, len(ft.norm))
                if sent not in excused:  # once per sentence: a run of matches stays linear
                    context = ft.norm[sent[0] : sent[1]]
                    excused[sent] = any(u.search(context) for u in rule.unless_regexes)
                if excused[sent]:
                    continue
            found.append(rule.flag(name, start, end, ft.text))
        if len(found) >= rule.min_count:
            flags.extend(found)
    return flags


def _finditer(rule: Rule, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """rule.regex.finditer(text, start, end); for a rule with `anchors`, the regex is tried
    only where a match can start: at the window's start and up to each anchor's reach before
    its occurrences. The same matches, in the same order: a match never starts elsewhere, and
    no match is empty (the schema checks), so each one ends where the scan goes on."""
    if not rule.anchors:
        yield from rule.regex.finditer(text, start, end)
        return
    starts = {start}
    for anchor, reach in rule.anchors.items():
        at = text.find(anchor, start, end)
        while at >= 0:
            starts.update(range(max(start, at - reach), at + 1))
            at = text.find(anchor, at + 1, end)
    match, pos = rule.regex.match, start
    for p in sorted(starts):
        if p >= pos and (m := match(text, p, end)) is not None:
            yield m
            pos = m.end()


@dataclass(frozen=True)
class TermEntry:
    rule: Rule
    term: Term


class TermIndex:
    """All term rules in one Aho-Corasick automaton (ahocorasick_rs: ~8x pyahocorasick on
    Chinese text); one pass over each field."""

    def __init__(self, entries: list[TermEntry]) -> None:
        by_term: dict[str, list[TermEntry]] = {}
        for entry in entries:
            by_term.setdefault(entry.term.term, []).append(entry)
        self.terms = list(by_term.items())
        self.empty = not by_term
        self.automaton = (
            None if self.empty else AhoCorasick(list(by_term), implementation=Implementation.DFA)
        )

    def scan(
        self,
        doc: Document,
        found: Mapping[str, list[tuple[int, int, int]]] | None = None,
        term_of: Sequence[int] = (),
    ) -> list[Flag]:
        """Every term in the title and the body; `found`: each field's matches of another
        automaton that holds the terms too (RuleSet's prefilter), `term_of` the term index of
        each of its strings (-1: not a term), instead of a scan of this one."""
        if self.automaton is None:
            return []
        flags: list[Flag] = []
        for name in ("title", "body"):
            ft = doc.field(name)
            if found is None:
                hits = self.automaton.find_matches_as_indexes(ft.norm, overlapping=True)
            else:  # the same matches of the terms, renumbered
                hits = [(term_of[i], s, e) for i, s, e in found[name] if term_of[i] >= 0]
            # by where they end, the longest first: the order flags have always come in
            for i, start, end in sorted(hits, key=lambda h: (h[2], h[1])):
                term, items = self.terms[i]
                for entry in items:
                    if name not in entry.rule.fields() or _excepted(
                        ft.norm, start, end, entry.term
                    ):
                        continue
                    t = entry.term
                    flags.append(
                        entry.rule.flag(
                            name,
                            start,
                            end,
                            ft.text,
                            message=t.note or None,
                            suggestion=f"改为“{t.use}”" if t.use else None,
                            term=term,
                            use=t.use or "",
                        )
                    )
        return flags


def _excepted(text: str, start: int, end: int, term: Term) -> bool:
    """A term inside one of its allowed longer phrases (e.g. 商业秘密 for 秘密) is fine."""
    for phrase in term.except_in:
        offset = phrase.find(term.term)
        while offset != -1:
            s = start - offset
            if s >= 0 and text[s : s + len(phrase)] == phrase:
                return True
            offset = phrase.find(term.term, offset + 1)
    return False


class RuleSet:
    """Rules and the code they name: `checks` by rule id, `analyses` by name."""

    def __init__(
        self,
        rules: list[Rule],
        checks: Mapping[str, CodeCheck] | None = None,
        analyses: Mapping[str, Analysis] | None = None,
    ) -> None:
        checks, analyses = checks or {}, analyses or {}
        self.rules = rules
        self.by_id = {r.id: r for r in rules}
        self.terms = TermIndex(
            [TermEntry(r, t) for r in rules if r.type == "terms" for t in r.terms]
        )
        self.patterns = [r for r in rules if r.type == "pattern"]
        # one Aho-Corasick scan a field: the strings the patterns need and the terms
        term_strings = [term for term, _ in self.terms.terms]
        self.prefilter = CombinedFilter([r.needs for r in self.patterns], also=term_strings)
        # patterns that open on overlapping classes (the number-form rules' digits): one regex
        # a group, and a field where it finds nothing skips every member (prefilter.opener_groups)
        groups = opener_groups([r.regex for r in self.patterns])
        self.gates = [regex for regex, _ in groups]
        gate_of = {k: g for g, (_, members) in enumerate(groups) for k in members}
        self.term_of = [-1] * len(self.prefilter.index_of)
        for j, term in enumerate(term_strings):
            self.term_of[self.prefilter.index_of[term]] = j
        self.runs: dict[str, CodeCheck] = {}
        for r in rules:
            if r.type == "code":
                if r.id not in checks:
                    raise ValueError(f"code rule {r.id} has no check")
                self.runs[r.id] = checks[r.id]
            elif r.type == "findings":
                analysis = analyses.get(r.analysis or "")
                if analysis is None:
                    raise ValueError(f"rule {r.id} names an unknown analysis: {r.analysis}")
                self.runs[r.id] = partial(_run_findings, analysis=analysis)
        # what `check` does for each rule, in the rules' order, decided once here: a pattern's
        # index in the prefilter, a findings rule's analysis and tags, a code rule's check
        # (terms rules all run at once in `self.terms.scan`; dictionary rules get their terms
        # at run time, models.custom_terms)
        self.steps: list[_Step] = []
        k = 0
        for r in rules:
            if r.type == "pattern":
                self.steps.append((_PATTERN, r, (k, r.fields(), gate_of.get(k, -1))))
                k += 1
            elif r.type == "findings":
                analysis = analyses[r.analysis or ""]
                self.steps.append((_FINDINGS, r, (analysis, frozenset(r.tags), r.fields())))
            elif r.type == "code":
                self.steps.append((_CODE, r, self.runs[r.id]))

    def _opens(
        self, gate: int, name: Field, doc: Document, opened: dict[tuple[int, str], bool]
    ) -> bool:
        """Whether the gate's regex finds something in the field (once a check): when it
        does not, no member of its group can match there."""
        hit = opened.get((gate, name))
        if hit is None:
            hit = opened[gate, name] = self.gates[gate].search(doc.field(name).norm) is not None
        return hit

    def run(self, rule: Rule, doc: Document) -> list[Flag]:
        """One rule on the document; terms rules all run at once in `self.terms.scan`."""
        if rule.type == "pattern":
            return run_pattern(rule, doc)
        run = self.runs.get(rule.id)
        return run(doc, rule) if run is not None else []

    def check(self, doc: Document) -> list[Flag]:
        """Every rule on the document: the same flags, in the same order, as `run` rule by
        rule. Each analysis runs once per field and its findings are shared by the rules
        that name it (an analysis with no findings costs its rules one look-up each)."""
        flags: list[Flag] = []
        # per field, per pattern rule: may it match? and where the terms are (one scan a field)
        title_possible, title_hits = self.prefilter.possible_and_hits(doc.title.norm)
        body_possible, body_hits = self.prefilter.possible_and_hits(doc.body.norm)
        possible = {"title": title_possible, "body": body_possible}
        found: dict[tuple[Analysis, str], tuple[Finding, ...]] = {}
        opened: dict[tuple[int, str], bool] = {}  # (gate, field) -> its regex finds something
        for step, rule, arg in self.steps:
            if step is _PATTERN:
                k, names, gate = arg
                if len(names) == 1:
                    fields = names if possible[names[0]][k] else ()
                else:  # title and body: the fields that may match, without building a list
                    t, b = title_possible[k], body_possible[k]
                    fields = names if t and b else names[:1] if t else names[1:] if b else ()
                if fields and gate >= 0:
                    fields = tuple(n for n in fields if self._opens(gate, n, doc, opened))
                if fields:
                    flags.extend(run_pattern(rule, doc, fields))
            elif step is _FINDINGS:
                analysis, tags, names = arg
                for name in names:
                    hits = found.get((analysis, name))
                    if hits is None:
                        ft = doc.field(name)
                        hits = tuple(analysis(ft.norm)) if ft.text.strip() else ()
                        found[analysis, name] = hits
                    for f in hits:
                        if f.tag in tags:
                            text = doc.field(name).text
                            flags.append(rule.flag(name, f.start, f.end, text, **dict(f.values)))
            else:
                flags.extend(arg(doc, rule))
        flags.extend(self.terms.scan(doc, {"title": title_hits, "body": body_hits}, self.term_of))
        return flags


def _run_findings(doc: Document, rule: Rule, *, analysis: Analysis) -> list[Flag]:
    return report_findings(doc, rule, analysis, rule.tags)


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """The shipped rules (data/*.yml) with the shipped checks and analyses (models.checks)."""
    return RuleSet(read_rules(DATA_DIR.glob("*.yml")), CHECKS, ANALYSES)
