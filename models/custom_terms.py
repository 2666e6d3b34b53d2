"""Admin dictionaries (custom_term): built once per dictionary version, scanned per draft.

The rule they raise, `sensitive.custom_term`, is data like every other rule
(models/rules/data/sensitive.yml, type `dictionary`): its message, reference and examples are
there; the terms and each term's severity come from the admin's dictionaries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.report import Flag
from models.rules.engine import TermEntry, TermIndex, default_rules
from models.rules.schema import Rule, Term
from models.text import Document

RULE_ID = "sensitive.custom_term"


@dataclass(frozen=True)
class CustomTerm:
    term: str
    use: str | None = None
    note: str | None = None
    severity: str = "warning"


class CustomTerms:
    """One Aho-Corasick automaton over every active admin term."""

    def __init__(self, terms: Iterable[CustomTerm], rule: Rule | None = None) -> None:
        rule = rule or default_rules().by_id[RULE_ID]
        rules = {s: rule.model_copy(update={"severity": s}) for s in ("error", "warning", "info")}
        entries = [
            TermEntry(
                rules.get(t.severity, rules[rule.severity]),
                Term(term=t.term, use=t.use, note=t.note),
            )
            for t in terms
            if t.term.strip()
        ]
        self.size = len(entries)
        self._index = TermIndex(entries)

    @classmethod
    def of_rule(cls, rule: Rule) -> CustomTerms:
        """The rule's example dictionary (for its examples)."""
        return cls(
            (CustomTerm(t.term, t.use, t.note, rule.severity) for t in rule.examples.dictionary),
            rule,
        )

    def scan(self, doc: Document) -> list[Flag]:
        return self._index.scan(doc)
