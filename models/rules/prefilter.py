"""Which characters a text must hold for a regex to match in it, read off the parsed pattern.

A check runs some 130 pattern rules over each draft; most of them cannot match most drafts (a
dateline needs 讯, 电 or 消息; a bank card needs digits), yet each scanned the whole text. The
text's set of characters is built once per field, and a rule whose required characters are
missing is skipped without running its regex.

The requirement is a conjunction of clauses, each a set of strings of which the text must hold
at least one (`required_chars`): single characters (tested against the set) and literal runs
of the pattern such as 记者 or 消息 (a substring search, for the rules whose characters are all
common). It is derived conservatively: anything it cannot read
(wide character ranges, classes such as \\d or \\s, negations, case-insensitive parts) requires
nothing, so a skipped rule could never have matched.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import reduce
from operator import itemgetter, or_

# the standard library's regex parser (sre_parse is its deprecated public alias)
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

import numpy as np
from ahocorasick_rs import AhoCorasick, Implementation

Clause = frozenset[str]

_WIDEST_RANGE = 64  # a class range wider than this requires nothing (e.g. [\u4e00-\u9fa5])
_BEST_PER_BRANCH = 2  # clauses kept from each alternative when combining them
_MAX_COMBINED = 64
# characters in nearly every draft: a clause holding one of them filters little
_COMMON = frozenset("0123456789年月日的是在和了有为一不人中，。、：；（）")


def required_chars(pattern: re.Pattern[str]) -> tuple[Clause, ...]:
    """Clauses (sets of characters or literal strings) such that a text in which the pattern
    finds a match holds at least one string of every clause. Empty: no requirement known."""
    if pattern.flags & re.IGNORECASE:
        return ()
    clauses = _sequence(P.parse(pattern.pattern, pattern.flags))
    return tuple(dict.fromkeys(sorted(clauses, key=_rank)))


def _rank(clause: Clause) -> tuple[bool, int, int, str]:
    """Best filters first: clauses without common characters, the longest strings, then the
    smallest (then by their text, so the choice does not depend on set order)."""
    common = any(len(s) == 1 and s in _COMMON for s in clause)
    return (common, -min(map(len, clause)), len(clause), "|".join(sorted(clause)))


def _sequence(items: Any) -> list[Clause]:
    clauses: list[Clause] = []
    run = ""  # consecutive literal characters: each is required, and so is the run
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av)
        else:
            if len(run) > 1:
                clauses.append(frozenset([run]))
            run = ""
        clauses.extend(_node(op, av))
    if len(run) > 1:
        clauses.append(frozenset([run]))
    return clauses


def _node(op: Any, av: Any) -> list[Clause]:
    if op is C.LITERAL:
        return [frozenset(chr(av))]
    if op is C.IN:
        return _char_class(av)
    if op is C.BRANCH:
        return _branch(av[1])
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return [] if add_flags & re.IGNORECASE else _sequence(inner)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = av
        return _sequence(inner) if low >= 1 else []
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is C.ASSERT:  # a positive lookahead or lookbehind matched text of the string too
        return _sequence(av[1])
    return []  # AT, ANY, NOT_LITERAL, ASSERT_NOT, CATEGORY, group references: no requirement


def _char_class(items: Any) -> list[Clause]:
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _WIDEST_RANGE:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY, a wide range
            return []
    return [frozenset(chars)] if chars else []


def _branch(branches: Any) -> list[Clause]:
    """One alternative must match: each combination of one clause per alternative, joined."""
    per_branch = []
    for branch in branches:
        clauses = sorted(set(_sequence(branch)), key=_rank)[:_BEST_PER_BRANCH]
        if not clauses:
            return []
        per_branch.append(clauses)
    combos = 1
    for clauses in per_branch:
        combos *= len(clauses)
    if combos > _MAX_COMBINED:
        per_branch = [clauses[:1] for clauses in per_branch]
    return [frozenset().union(*combo) for combo in itertools.product(*per_branch)]


# (the clause's single characters, its longer strings): the form `may_match` tests
Need = tuple[frozenset[str], tuple[str, ...]]
_KEPT = 8  # the best clauses kept per pattern: fewer tests, a weaker but still sound filter
_BMP_END = 0xFFFF  # code points from here on share one slot of the index (U+FFFF is no char)
_SHORT = 100  # characters: below this `lit_in` builds the set (titles)


def needs(pattern: re.Pattern[str]) -> tuple[Need, ...]:
    """The pattern's best required clauses, split for `may_match`."""
    return tuple(
        (frozenset(s for s in clause if len(s) == 1), tuple(s for s in clause if len(s) > 1))
        for clause in required_chars(pattern)[:_KEPT]
    )


def may_match(needed: tuple[Need, ...], chars: frozenset[str], text: str) -> bool:
    """Could `text` (whose characters are `chars`) hold a match? False only when it cannot."""
    for single, strings in needed:
        if single.isdisjoint(chars):
            for s in strings:
                if s in text:
                    break
            else:
                return False
    return True


class CombinedFilter:
    """Which of many patterns may match a text: `may_match` for each, from one scan.

    Each distinct clause of every pattern's needs is one bit. The text's characters (a set the
    field already holds) light the bits of the clauses they are in, in one set intersection;
    one Aho-Corasick scan (ahocorasick_rs, overlapping matches) finds which of the clauses'
    longer strings the text holds and lights theirs. A pattern may match when all its bits are
    lit. On a 1,500-character draft that replaced ~110 `may_match` calls (some 100 substring
    searches, ~0.3 ms) with ~0.05 ms; pyahocorasick alone needs ~0.1 ms to step through such
    a draft.
    """

    def __init__(
        self, needs_per_pattern: Sequence[tuple[Need, ...]], also: Sequence[str] = ()
    ) -> None:
        """`also`: more strings for the same automaton, found by `possible_and_hits` in the
        same scan (the term rules' terms: one Aho-Corasick pass a field for both)."""
        bit_of: dict[Need, int] = {}
        self.masks: list[int] = []
        char_bits: dict[str, int] = {}
        string_bits: dict[str, int] = {}
        for needed in needs_per_pattern:
            mask = 0
            for need in needed:
                bit = bit_of.setdefault(need, 1 << len(bit_of))
                mask |= bit
                for c in need[0]:
                    char_bits[c] = char_bits.get(c, 0) | bit
                for s in need[1]:
                    string_bits[s] = string_bits.get(s, 0) | bit
            self.masks.append(mask)
        self.char_bits = char_bits
        self.chars = frozenset(char_bits)
        # `lit_in`: each filter character's index by code point (the last index: none), so a
        # text's filter characters are read with numpy instead of a set of its characters
        # (a frozenset of 1,500 CJK characters costs ~0.06 ms: a str object per character)
        ordered = sorted(c for c in char_bits if ord(c) < _BMP_END)
        self._bits_at = [char_bits[c] for c in ordered]
        self._index = np.full(_BMP_END + 1, len(ordered), dtype=np.int32)
        self._index[[ord(c) for c in ordered]] = np.arange(len(ordered), dtype=np.int32)
        self._astral = [(c, b) for c, b in char_bits.items() if ord(c) >= _BMP_END]
        strings = list(string_bits) + [t for t in dict.fromkeys(also) if t not in string_bits]
        self.string_bits = [string_bits.get(t, 0) for t in strings]  # `also` strings light none
        self.index_of = {t: i for i, t in enumerate(strings)}
        self.automaton = (
            AhoCorasick(strings, implementation=Implementation.DFA) if strings else None
        )

    def lit(self, chars: frozenset[str], text: str) -> int:
        """The bits of the clauses that `text` (whose characters are `chars`) satisfies."""
        # reduce/map: the OR of ~130 characters' bits without a loop in Python bytecode
        lit: int = reduce(or_, map(self.char_bits.__getitem__, chars & self.chars), 0)
        if self.automaton is not None:
            hits = self.automaton.find_matches_as_indexes(text, overlapping=True)
            lit = reduce(or_, map(self.string_bits.__getitem__, map(itemgetter(0), hits)), lit)
        return lit

    def possible(self, chars: frozenset[str], text: str) -> list[bool]:
        """Per pattern (in the order given): may it match `text`? False only when it cannot."""
        lit = self.lit(chars, text)
        return [mask & lit == mask for mask in self.masks]

    def lit_in(self, text: str) -> int:
        """`lit(frozenset(text), text)`, without building the set of the text's characters
        (a short text's set is the cheaper of the two: numpy's calls cost ~5 us)."""
        return self._lit_and_hits(text)[0]

    def _lit_and_hits(self, text: str) -> tuple[int, list[tuple[int, int, int]]]:
        """`lit_in(text)`, and the automaton's (overlapping) matches it read: (index of the
        string in the automaton, start, end)."""
        hits: list[tuple[int, int, int]] = (
            self.automaton.find_matches_as_indexes(text, overlapping=True)
            if self.automaton is not None
            else []
        )
        found: int = reduce(or_, map(self.string_bits.__getitem__, map(itemgetter(0), hits)), 0)
        if len(text) < _SHORT:
            chars = frozenset(text) & self.chars
            return reduce(or_, map(self.char_bits.__getitem__, chars), found), hits
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        seen = np.zeros(len(self._bits_at) + 1, dtype=bool)
        seen[self._index[np.minimum(codes, _BMP_END)]] = True  # beyond the BMP: none
        present: list[int] = np.flatnonzero(seen[:-1]).tolist()
        lit: int = reduce(or_, map(self._bits_at.__getitem__, present), 0)
        for c, bit in self._astral:  # filter characters beyond the BMP (none so far)
            if c in text:
                lit |= bit
        return lit | found, hits

    def possible_in(self, text: str) -> list[bool]:
        """`possible(frozenset(text), text)`."""
        lit = self.lit_in(text)
        return [mask & lit == mask for mask in self.masks]

    def possible_and_hits(self, text: str) -> tuple[list[bool], list[tuple[int, int, int]]]:
        """`possible_in(text)`, and where the automaton's strings (those of `also` too) occur
        in `text`: what RuleSet.check reads for each field."""
        lit, hits = self._lit_and_hits(text)
        return [mask & lit == mask for mask in self.masks], hits


# --- one regex for many patterns that open on overlapping character classes -----------------

_CLASS_TOKEN = re.compile(r"\[(?:\\.|[^\]\\])+\]")
_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_][A-Za-z_0-9]*>")


def _opener(pattern: re.Pattern[str]) -> tuple[str, str, frozenset[str]] | None:
    """(the class the pattern opens on as written, the rest of the pattern, the class's
    characters) for a pattern `[...]rest` with no top-level alternation, no flags and no
    back-references; None for any other."""
    if pattern.flags & ~re.UNICODE:
        return None
    parsed = P.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & ~re.UNICODE or not parsed.data or parsed.data[0][0] is not C.IN:
        return None
    token = _CLASS_TOKEN.match(pattern.pattern)
    if token is None or P.parse(token.group()).data != [parsed.data[0]]:
        return None
    if _refers_back(parsed.data):
        return None
    chars = _char_class(parsed.data[0][1])  # [] for NEGATE, CATEGORY, a wide range
    if not chars:
        return None
    rest = pattern.pattern[token.end() :]
    if len(_NAMED_GROUP.findall(rest)) != len(pattern.groupindex):
        return None
    return token.group(), _NAMED_GROUP.sub("(?:", rest), chars[0]


def _refers_back(items: Any) -> bool:
    """Whether a parsed pattern holds a group reference (it would change meaning in a union)."""
    for op, av in items:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return True
        for sub in av if isinstance(av, (list, tuple)) else ():
            if isinstance(sub, P.SubPattern) and _refers_back(sub.data):
                return True
            if isinstance(sub, list) and any(
                isinstance(x, P.SubPattern) and _refers_back(x.data) for x in sub
            ):
                return True
    return False


def plain_optionals(pattern: str) -> str:
    """`pattern` with every greedy optional non-capturing group `(?:X)?` written `(?:X|)`: the
    same matches tried in the same order (X first, then nothing), but the engine runs an
    alternation with a quick test of its first character where a repeat of a group keeps a
    repeat context. In the number rules' union (`(?:\\.[0-9]+)?` after every figure) that is 8%
    fewer instructions (callgrind, 120 distinct 1,500-character drafts: 1.30M -> 1.19M). Lazy
    `??` and possessive `?+` groups, capturing groups and character classes are left alone."""
    out: list[str] = []
    plain: list[bool] = []  # for each open group: is it (?:
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            out.append(c)
            i += 1
            for special in "^]":  # a leading ^ negates; a ] right after [ or [^ is a member
                if i < n and pattern[i] == special:
                    out.append(special)
                    i += 1
            continue
        elif c == "(":
            plain.append(pattern.startswith("(?:", i))
        elif c == ")" and plain.pop():
            greedy = pattern[i + 1 : i + 2] == "?" and pattern[i + 2 : i + 3] not in ("?", "+")
            if greedy:
                out.append("|)")
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def opener_groups(patterns: Sequence[re.Pattern[str]]) -> list[tuple[re.Pattern[str], list[int]]]:
    """Patterns that open on overlapping character classes (the number rules' [0-9], [0-29],
    [12] …), each group as one regex that opens on the union of the classes, every member a
    branch behind a look-behind on its own class (one for the members that share a class):
    (that regex, the members' indexes).

    The union matches at every position where a member matches (and perhaps elsewhere), so a
    text where it finds nothing holds no match of any member: one scan instead of one per
    member (most drafts hold no match of any number-form rule). Groups of one are left out."""
    openers = {i: o for i, p in enumerate(patterns) if (o := _opener(p)) is not None}
    groups: list[tuple[set[str], list[int]]] = []
    for i, (_token, _rest, chars) in openers.items():
        joined = [g for g in groups if g[0] & chars]
        merged: tuple[set[str], list[int]] = (set(chars), [i])
        for g in joined:
            merged[0].update(g[0])
            merged[1].extend(g[1])
            groups.remove(g)
        groups.append(merged)
    out = []
    for union_chars, members in groups:
        if len(members) < 2:
            continue
        members.sort()
        union = "[" + "".join(re.escape(c) for c in sorted(union_chars)) + "]"
        by_token: dict[str, list[str]] = {}  # one look-behind for the members that share it
        for i in members:
            token, rest, own = openers[i]
            by_token.setdefault("" if own == union_chars else token, []).append(f"(?:{rest})")
        branches = [
            (f"(?<={token})" if token else "") + "(?:" + "|".join(rests) + ")"
            for token, rests in by_token.items()
        ]
        union_text = plain_optionals(union + "(?:" + "|".join(branches) + ")")
        out.append((re.compile(union_text), members))
    return out
