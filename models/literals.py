"""Patterns that are finite sets of strings, counted together in one Aho-Corasick pass.

Python's regex engine scans a whole text once per pattern, and a pattern whose alternatives
open on different characters tests a character class at every position (the dearest part of a
check: issue 15). Many counted patterns (推进|开展|组织…, （[一二…]{1,2}）) match only a finite
set of strings. `expand` lists those strings in the order the regex engine tries them; a
`LiteralCounter` finds every occurrence of every pattern's strings in one scan (ahocorasick_rs,
overlapping matches) and then counts each pattern's matches as `len(pattern.findall(text))`
would: the leftmost start not inside the previous match, and at that start the string the
engine tries first (tests/models/test_literals.py checks this against `findall`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# the standard library's regex parser (sre_parse is its deprecated public alias)
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation

_LIMIT = 5000  # strings per pattern: beyond this the pattern stays a regex
_WIDEST_RANGE = 64


class _TooMany(Exception):
    pass


def expand(pattern: re.Pattern[str], limit: int = _LIMIT) -> list[str] | None:
    """Every string the pattern matches, in the order the regex engine tries them at one
    position (so the first of them found at a position is the match there); None when the
    pattern is not such a set: classes like \\d, negations, anchors, look-arounds, unbounded
    repeats, flags, an empty match, or more than `limit` strings."""
    if pattern.flags & ~re.UNICODE:
        return None
    try:
        strings = _sequence(P.parse(pattern.pattern, pattern.flags), limit)
    except _TooMany:
        return None
    if strings is None or "" in strings:
        return None
    return list(dict.fromkeys(strings))  # the first of equal strings is the one tried first


def _product(heads: list[str], tails: list[str], limit: int) -> list[str]:
    if len(heads) * len(tails) > limit:
        raise _TooMany
    return [h + t for h in heads for t in tails]


def _sequence(items: Any, limit: int) -> list[str] | None:
    out = [""]
    for op, av in items:
        alts = _node(op, av, limit)
        if alts is None:
            return None
        out = _product(out, alts, limit)
    return out


def _node(op: Any, av: Any, limit: int) -> list[str] | None:
    if op is C.LITERAL:
        return [chr(av)]
    if op is C.IN:
        return _char_class(av)
    if op is C.BRANCH:
        out: list[str] = []
        for branch in av[1]:
            alts = _sequence(branch, limit)
            if alts is None:
                return None
            out.extend(alts)
            if len(out) > limit:
                raise _TooMany
        return out
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        return None if add_flags or del_flags else _sequence(inner, limit)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, inner = av
        if high is C.MAXREPEAT or high > 8:
            return None
        alts = _sequence(inner, limit)
        return None if alts is None else _repeat(alts, low, high, op is C.MAX_REPEAT, limit)
    return None  # AT, ANY, NOT_LITERAL, ASSERT, ASSERT_NOT, CATEGORY, group references


def _char_class(items: Any) -> list[str] | None:
    chars: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _WIDEST_RANGE:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return None
    return chars


def _repeat(alts: list[str], low: int, high: int, greedy: bool, limit: int) -> list[str]:
    """X{low,high} in the engine's order: depth first, each choice of X extended as far as
    it goes before the shorter forms (greedy), or the shorter forms first (lazy)."""
    if high == 0:
        return [""]
    longer = [a + r for a in alts for r in _repeat(alts, max(low - 1, 0), high - 1, greedy, limit)]
    if len(longer) > limit:
        raise _TooMany
    if low > 0:
        return longer
    return longer + [""] if greedy else [""] + longer


class LiteralCounter:
    """`len(pattern.findall(text))` for many finite-set patterns from one scan of the text."""

    def __init__(self, patterns: Mapping[str, list[str]]) -> None:
        self.names = list(patterns)
        owners: dict[str, list[tuple[int, int]]] = {}  # string -> (pattern, its rank there)
        for slot, strings in enumerate(patterns.values()):
            for rank, s in enumerate(strings):
                owners.setdefault(s, []).append((slot, rank))
        self.strings = list(owners)
        self.owners = list(owners.values())
        self.automaton = AhoCorasick(self.strings, implementation=Implementation.DFA)

    def counts(self, text: str) -> list[int]:
        """Per pattern (in the order given): its non-overlapping matches in `text`."""
        hits = self.automaton.find_matches_as_indexes(text, overlapping=True)
        found = sorted(
            (start, rank, slot, end) for i, start, end in hits for slot, rank in self.owners[i]
        )  # by start, then the string the engine tries first there
        n = len(self.names)
        counts, reach = [0] * n, [0] * n
        for start, _rank, slot, end in found:
            if start >= reach[slot]:  # the leftmost match after the previous one
                counts[slot] += 1
                reach[slot] = end
        return counts
