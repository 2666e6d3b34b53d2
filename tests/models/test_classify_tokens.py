"""The classifier tokens' folding (models.classify._content) against its plain formulation."""

from __future__ import annotations

import random

import pytest

import models.classify as cl
from models.text import Document
from training.dataset import read_corpus


def _plain_content(words: list[str]) -> list[str]:
    """The folding as first written: punctuation out, a word with a digit -> <num>."""
    out = []
    for w in words:
        if not w or w in cl._PUNCT:
            continue
        out.append("<num>" if any(c.isdigit() for c in w) else w)
    return out


@pytest.mark.parametrize("table_size", [1 << 16, 7])
def test_content_folds_as_the_plain_formulation(monkeypatch, table_size: int) -> None:
    """Seen words, new words and a table emptied midway (a small _FOLDED_MAX) give the same
    tokens as the plain loop: corpus drafts and random mixes of digits, letters, marks."""
    monkeypatch.setattr(cl, "_FOLDED", {})
    monkeypatch.setattr(cl, "_FOLDED_MAX", table_size)
    rng = random.Random(15)
    alphabet = list("县市推进12３²٣ⅫabＡ%.，。 、“”|") + ["", "<num>"]
    drafts = [Document.from_text(r.get("title") or "", r["body"]) for r in read_corpus()[::40]]
    texts = [d.body.words for d in drafts] + [d.title.words for d in drafts]
    for _ in range(300):
        texts.append(["".join(rng.choices(alphabet, k=rng.randint(0, 4))) for _ in range(30)])
    for words in texts * 2:  # the second round reads the words from the table
        assert cl._content(words) == _plain_content(words)
        assert cl._content(tuple(words)) == _plain_content(words)
