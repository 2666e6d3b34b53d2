"""Bench inputs: drafts of a given length built from the bootstrap corpus."""

from __future__ import annotations

from training.dataset import read_corpus


def draft_of(chars: int, offset: int = 0) -> str:
    rows = [r["body"] for r in read_corpus() if not r["news"]]
    out, i = "", offset
    while len(out) < chars:
        out += rows[i % len(rows)] + "\n"
        i += 1
    cut = out[:chars]
    return cut[: cut.rfind("。") + 1] or cut
