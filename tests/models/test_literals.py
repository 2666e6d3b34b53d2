"""models.literals: a finite pattern's strings in the engine's order, and counts from one
Aho-Corasick pass that equal `len(pattern.findall(text))`."""

from __future__ import annotations

import random
import re

import pytest

from models.literals import LiteralCounter, expand

# finite patterns whose strings overlap and nest: the order the engine tries them matters
_FINITE = [
    "(存在的?(主要|突出)?问题|主要问题|问题(与|和)不足|困难和问题)",
    "[一二三]{1,2}[、，]",
    "[一二三]{1,2}?[、，]",
    "(ab|a)(bc|b)?c?",
    "a(?:b|bb){0,2}c?",
    "(?:a|ab)(?:c|bcd)",
    "(?:x|xy){1,3}?y",
    "说[：:，]|说道|说",
    "[-—]{2}",
]
_NOT_FINITE = [
    "a+b",
    r"\d年",
    "^一、",
    "a(?=b)",
    "[^a]b",
    "(?i)ab",
    "a*",
    "(a)\\1",
    "a|",
    "x{0,9}y",
]


@pytest.mark.parametrize("pattern", _FINITE)
def test_expand_lists_every_match(pattern: str) -> None:
    strings = expand(re.compile(pattern))
    assert strings is not None and len(set(strings)) == len(strings)
    rx = re.compile(pattern)
    # each string is a whole match, and the first of them present at a position is the match
    assert all(rx.fullmatch(s) for s in strings)
    rnd = random.Random(pattern)
    alphabet = sorted({c for s in strings for c in s}) + ["z"]
    for _ in range(3000):
        text = "".join(rnd.choices(alphabet, k=rnd.randint(1, 12)))
        m = rx.match(text)
        first = next((s for s in strings if text.startswith(s)), None)
        assert (m.group() if m else None) == first, text


@pytest.mark.parametrize("pattern", _NOT_FINITE)
def test_expand_refuses_what_is_not_a_finite_set(pattern: str) -> None:
    assert expand(re.compile(pattern)) is None


def test_expand_refuses_too_many_strings() -> None:
    assert expand(re.compile("[0-9]{4}"), limit=5000) is None
    assert expand(re.compile("[0-9]{3}"), limit=5000) is not None


def test_counter_equals_findall() -> None:
    patterns = {p: re.compile(p) for p in _FINITE}
    counter = LiteralCounter({p: expand(rx) or [] for p, rx in patterns.items()})
    alphabet = sorted({c for p in _FINITE for s in expand(re.compile(p)) or [] for c in s})
    rnd = random.Random(15)
    texts = [
        "".join(rnd.choices(alphabet + ["z", "\n"], k=rnd.randint(0, 40))) for _ in range(5000)
    ]
    for text in texts:
        want = [len(rx.findall(text)) for rx in patterns.values()]
        assert counter.counts(text) == want, text
    assert sum(sum(counter.counts(t)) for t in texts) > 10000
