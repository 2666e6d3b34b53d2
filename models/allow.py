"""Allow-lists: silence a rule, or a rule for one exact text (per unit or globally)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.report import Flag


@dataclass(frozen=True)
class AllowList:
    rules: frozenset[str] = frozenset()  # every flag of these rules is silenced
    texts: frozenset[tuple[str, str]] = frozenset()  # (rule, flagged text); rule "*" = any

    @classmethod
    def of(cls, entries: Iterable[tuple[str, str | None]]) -> AllowList:
        entries = list(entries)
        return cls(
            rules=frozenset(r for r, t in entries if not t),
            texts=frozenset((r, t) for r, t in entries if t),
        )

    def filter(self, flags: list[Flag]) -> list[Flag]:
        if not self.rules and not self.texts:
            return flags
        return [
            f
            for f in flags
            if f.rule not in self.rules
            and (f.rule, f.text) not in self.texts
            and ("*", f.text) not in self.texts
        ]
