"""Wording checks that need more than a pattern (see models/rules/data/wording.yml)."""

from __future__ import annotations

import re
from operator import itemgetter

from models.report import Flag
from models.rules.schema import Rule
from models.text import Document, in_title
from models.tokenize import Token

_CJK = "\u4e00-\u9fff"
# A half-width mark counts only between Chinese characters (a comma before a digit, or in
# 1,234, is not in Chinese running text); parentheses count when they hold Chinese.
# One class first (each alternative re-reads the mark in a look-behind), so the regex engine
# skips in C to the rare half-width marks instead of trying three look-behinds everywhere.
_HALF = re.compile(
    rf"[,;:?!()](?:(?<=[{_CJK}][,;:?!])(?=[{_CJK}“《])|(?<=\()(?=[{_CJK}][^()\n]{{0,30}}\))"
    rf"|(?<=[{_CJK}]\)))"
)
_FULL_OF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CLASS = {",": ",", ";": ";", ":": ":", "?": "?", "!": "!", "(": "(", ")": "("}


def mixed_punct_width(doc: Document, rule: Rule) -> list[Flag]:
    """Half-width marks in Chinese text that also uses the full-width ones.

    A slip (the half-width form is the minority of its class) is flagged at each place; a
    text that uses the half-width form throughout gets one flag, at the first place.
    """
    flags: list[Flag] = []
    for name in rule.fields():
        ft = doc.field(name)
        text = ft.norm
        if not text or not any(c in text for c in ",;:?!()"):
            continue
        by_class: dict[str, list[re.Match[str]]] = {}
        for m in _HALF.finditer(text):
            if not in_title(text, m.start()):
                by_class.setdefault(_CLASS[m.group()], []).append(m)
        for cls, found in by_class.items():
            full = text.count(_FULL_OF[cls])
            if full == 0:
                continue
            chosen = found if len(found) <= full else found[:1]
            for m in chosen:
                mark = m.group()
                flags.append(
                    rule.flag(name, m.start(), m.end(), ft.text, mark=mark, use=_FULL_OF[mark])
                )
    return flags


_CJK_WORD = re.compile(rf"[{_CJK}]+")
# a repeated unit with these is a figure of speech (交着交着, 老了老了, 说说), not a slip
_SPOKEN = frozenset("着了过啊呀吧")


def _repeat_at(tokens: list[Token], i: int) -> int:
    """Length in tokens of a unit that starts at token i and is repeated right after it."""
    for n in (1, 2):
        if i + 2 * n > len(tokens) or tokens[i][0] != tokens[i + n][0]:
            continue
        if n == 2 and tokens[i + 1][0] != tokens[i + 3][0]:
            continue
        if tokens[i + n][1] != tokens[i + n - 1][2]:  # a line break or a space between them
            continue
        word = "".join(t[0] for t in tokens[i : i + n])
        if word.startswith("一") and len(word) == 2:  # 一户一户, 一件一件: one by one
            continue
        if len(word) >= 2 and _CJK_WORD.fullmatch(word) and not _SPOKEN & set(word):
            return n
    return 0


def _places(words: list[str]) -> list[int]:
    """Where a word equals the next one or the one after it, in order: a repeat needs the
    same word one or two tokens on, so only these places are examined (left to right, as a
    scan token by token would; a flagged repeat is skipped whole). A plain loop: compiled
    (models/compiled.py) it compares ~800 words of a 1,500-char draft in ~17 us, where
    map(eq)/compress over the list took ~65 us (each element a call through operator.eq);
    in plain Python it is a little faster too."""
    places: list[int] = []
    last = -1
    for i in range(1, len(words)):
        w = words[i]
        if i >= 2 and w == words[i - 2] and last != i - 2:
            places.append(i - 2)
            last = i - 2
        if w == words[i - 1]:
            places.append(i - 1)
            last = i - 1
    return places


def repeated_word(doc: Document, rule: Rule) -> list[Flag]:
    """A word (or two) typed twice: 进一步进一步, 完成完成. Token-aligned, so 大队大队长 and
    每户每月 are not repeats."""
    flags: list[Flag] = []
    for name in rule.fields():
        ft = doc.field(name)
        tokens = ft.tokens
        i = 0
        for at in _places(list(map(itemgetter(0), tokens))):
            if at < i:
                continue
            n = _repeat_at(tokens, at)
            if n and not in_title(ft.norm, tokens[at][1]):
                start, end = tokens[at][1], tokens[at + 2 * n - 1][2]
                flags.append(rule.flag(name, start, end, ft.text))
                i = at + 2 * n
    return flags
