"""Rules of type `findings`: an analysis (a pure function of the normalized field text) lists
tagged findings, and a rule reports the findings with its tags.

The number analyses (models/checks/num*.py) each serve several rules; each caches its result
per text, so the rules that share one analysis parse a draft once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from models.report import Flag
from models.rules.schema import Rule
from models.text import Document


class Finding(Protocol):
    """What an analysis yields (models.checks.numparse.Finding)."""

    @property
    def tag(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def values(self) -> tuple[tuple[str, Any], ...]: ...


Analysis = Callable[[str], Iterable[Finding]]


def report_findings(
    doc: Document, rule: Rule, analysis: Analysis, tags: Sequence[str]
) -> list[Flag]:
    """The analysis's findings with one of `tags`, in each of the rule's non-blank fields."""
    flags = []
    for name in rule.fields():
        ft = doc.field(name)
        if not ft.text.strip():
            continue
        for f in analysis(ft.norm):
            if f.tag in tags:
                flags.append(rule.flag(name, f.start, f.end, ft.text, **dict(f.values)))
    return flags
