"""Bench inputs: drafts of a given length built from the bootstrap corpus."""

from __future__ import annotations

from functools import lru_cache

from training.dataset import read_corpus


@lru_cache(maxsize=1)
def _bodies() -> tuple[str, ...]:
    return tuple(r["body"] for r in read_corpus() if not r["news"])


def draft_of(chars: int, offset: int = 0) -> str:
    rows = _bodies()
    out, i = "", offset
    while len(out) < chars:
        out += rows[i % len(rows)] + "\n"
        i += 1
    cut = out[:chars]
    return cut[: cut.rfind("。") + 1] or cut
