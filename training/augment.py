"""Excerpts of long corpus drafts, added to the category model's training data (issue 9).

Real drafts reach the tool as excerpts: the opening of a 调研报告 without its suggestions, the
problems section alone, a piece that starts at 二是. Our corpus holds whole texts, so length
and "has every section" decided too much (a 650-character 专报 excerpt looked like a problem
piece). For each long draft we add its opening and a window that starts after a sentence end in
the middle, cut on token boundaries (stored drafts keep tokens, so nothing is re-tokenized).
Excerpts keep their parent's label and writer, never enter an evaluation fold their parent is
not in, and are not used for the news-style model (an excerpt may lose its dateline).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

MIN_CHARS = 700  # only drafts longer than this get excerpts
SPAN = (400, 800)  # characters in an excerpt, before running on to the sentence end
_ENDS = {"。", "；", "！", "？", ";", "!", "?"}


def _rng(key: str) -> random.Random:
    return random.Random(int(hashlib.sha1(key.encode()).hexdigest()[:12], 16))


def _window(words: Sequence[str], start: int, chars: int) -> list[str]:
    acc, end = 0, start
    while end < len(words) and acc < chars:
        acc += len(words[end])
        end += 1
    limit = min(len(words), end + 40)
    while end < limit and words[end - 1] not in _ENDS:
        end += 1
    return list(words[start:end])


def excerpts(key: str, body_words: Sequence[str]) -> list[list[str]]:
    """The opening and a mid-document window of a long draft (deterministic per `key`)."""
    if sum(len(w) for w in body_words) < MIN_CHARS:
        return []
    rng = _rng(key)
    out = [_window(body_words, 0, rng.randint(*SPAN))]
    n = len(body_words)
    starts = [i + 1 for i, w in enumerate(body_words) if w in _ENDS and 0.25 * n < i < 0.7 * n]
    if starts:
        out.append(_window(body_words, rng.choice(starts), rng.randint(*SPAN)))
    return [e for e in out if len(e) < n]


def keeps_title(key: str, k: int) -> bool:
    """Half the excerpts keep the title: pasted excerpts often come without one."""
    return _rng(f"{key}#{k}").random() < 0.5
