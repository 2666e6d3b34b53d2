"""Regexes rewritten to open on one character class (so the engine skips ahead in C) find
exactly what their earlier forms found: the earlier forms are kept here as oracles."""

from __future__ import annotations

import random
import re

import pytest

from models.checks import numfigures, numlists, wording
from models.text import normalize
from training.dataset import read_corpus

_CJK = "\u4e00-\u9fff"
_CN = "一二三四五六七八九十"
EARLIER = {
    "half-width marks": (
        re.compile(
            rf"(?<=[{_CJK}])[,;:?!](?=[{_CJK}“《])|\((?=[{_CJK}][^()\n]{{0,30}}\))|(?<=[{_CJK}])\)"
        ),
        wording._HALF,
    ),
    "list markers": (
        re.compile(
            rf"[{_CN}](?:(?<=[{_CN}])[{_CN}]{{0,2}}(?:(?P<l1>、)|(?P<l5>是|要(?![素件点求领]))(?!一[，,])))"
            rf"|[（(](?:(?P<n2>[{_CN}]{{1,3}})|(?P<n4>[0-9]{{1,2}}))[）)]"
            r"|[0-9](?:(?<=[0-9])[0-9]?(?P<l3>[.、])(?![0-9]))"
            rf"|第(?P<n6>[{_CN}]{{1,3}})[，,、：:]"
        ),
        numlists._MARKERS,
    ),
    "periods": (
        re.compile(
            r"(?:19|20)[0-9]{2}年(?:[0-9]{1,2}(?:[—～\-至][0-9]{1,2})?月)?"
            r"|[0-9]{1,2}(?:[—～\-至][0-9]{1,2})?月"
            r"|[一二三四1-4]季度|上半年|下半年|全年|今年|去年|上年"
        ),
        numfigures._PERIOD,
    ),
}
_ALPHABET = (
    "一二三四五六七八九十（()）0123456789第、是要素，,.:;?!\n中文“《》上下全今去年半季度月—～-至"
)


def _texts() -> list[str]:
    rows = read_corpus()[::3]
    rng = random.Random(15)
    noise = ["".join(rng.choices(_ALPHABET, k=rng.randint(1, 30))) for _ in range(5000)]
    return [normalize(r["body"]) for r in rows] + [normalize(r["title"]) for r in rows] + noise


@pytest.mark.parametrize("name", list(EARLIER))
def test_same_matches_as_the_earlier_form(name: str) -> None:
    earlier, now = EARLIER[name]
    found = 0
    for text in _texts():
        before = [(m.span(), m.groupdict()) for m in earlier.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in now.finditer(text)] == before, text[:60]
        start, end = len(text) // 3, len(text) - 1  # the checks pass windows too
        window = [m.span() for m in earlier.finditer(text, start, end)]
        assert [m.span() for m in now.finditer(text, start, end)] == window, text[:60]
        found += len(before)
    assert found > 1000
