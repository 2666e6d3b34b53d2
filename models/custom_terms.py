"""Admin dictionaries (custom_term): built once per dictionary version, scanned per draft."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.report import Flag
from models.rules.engine import TermIndex, _Entry
from models.rules.schema import Rule, Term
from models.text import Document

RULE_ID = "sensitive.custom_term"


@dataclass(frozen=True)
class CustomTerm:
    term: str
    use: str | None = None
    note: str | None = None
    severity: str = "warning"


def _rule(severity: str) -> Rule:
    return Rule.model_validate(
        {
            "id": RULE_ID,
            "kind": "sensitive",
            "code": "custom_term",
            "type": "terms",
            "severity": severity,
            "field": "any",
            "message": "管理员词表：“{term}”需核实",
            "terms": [{"term": "-"}],
            "ref": "本单位敏感词表",
            "examples": {"bad": ["-"], "good": ["."]},
        }
    )


class CustomTerms:
    """One Aho-Corasick automaton over every active admin term."""

    def __init__(self, terms: Iterable[CustomTerm]) -> None:
        rules = {s: _rule(s) for s in ("error", "warning", "info")}
        entries = [
            _Entry(
                rules.get(t.severity, rules["warning"]), Term(term=t.term, use=t.use, note=t.note)
            )
            for t in terms
            if t.term.strip()
        ]
        self.size = len(entries)
        self._index = TermIndex(entries)

    def scan(self, doc: Document) -> list[Flag]:
        return self._index.scan(doc)
