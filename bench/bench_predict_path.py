"""Per-draft model cost: our hand-written path against stock scikit-learn (issue 16, point 7).

Both models of a check (category and news style) on one draft, CPU time per draft over many
repetitions of the corpus drafts:

- hand: `word_ngrams` once, then `transform_one` + `linear_proba` for each model (what
  models.analyze runs);
- stock, validation off: `vectorizer.transform([text])` + `model.predict_proba(x)` for each
  model inside `sklearn.config_context(assume_finite=True, skip_parameter_validation=True)`
  (the text is analyzed once per model, as a Pipeline would);
- stock: the same with scikit-learn's default checks.

The probabilities of the three are compared too (they must agree to 1e-6).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence

import numpy as np
import sklearn

from bench.corpus_text import draft_of
from models.classify import document_text
from models.text import Document
from models.tokenize import word_ngrams
from models.vectorizer import linear_proba, transform_one
from training.dataset import category_items, corpus_items
from training.train import fit_category, fit_news

DRAFTS = 200
ROUNDS = 5


def _per_draft_ms(fn: Callable[[str], object], texts: Sequence[str]) -> float:
    for text in texts[:20]:
        fn(text)  # warm-up
    best = float("inf")
    for _ in range(ROUNDS):  # the best round: the least disturbed by other work
        cpu = time.process_time()
        for text in texts:
            fn(text)
        best = min(best, (time.process_time() - cpu) * 1000 / len(texts))
    return round(best, 4)


def run() -> dict:
    category, news = (
        fit_category(list(category_items())),
        fit_news([i for i in corpus_items() if i.parent is None]),
    )
    models = [(p.named_steps["features"], p.named_steps["model"]) for p in (category, news)]

    def hand(text: str) -> list[np.ndarray]:
        grams = word_ngrams(text)
        return [linear_proba(m, transform_one(v, grams)) for v, m in models]

    def stock(text: str) -> list[np.ndarray]:
        return [m.predict_proba(v.transform([text]))[0] for v, m in models]

    def stock_unchecked(text: str) -> list[np.ndarray]:
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return stock(text)

    drafts = [(i.title, i.body) for i in corpus_items() if i.parent is None and i.body]
    sets = {
        "corpus": drafts[:DRAFTS],
        "1500_chars": [(t, draft_of(1500, offset=k)) for k, (t, _) in enumerate(drafts[:50])],
    }
    out: dict[str, object] = {"loadavg": [round(x, 2) for x in os.getloadavg()]}
    for name, pairs in sets.items():
        texts = [document_text(Document.from_text(t, b)) for t, b in pairs]
        for text in texts:
            for a, b in zip(hand(text), stock_unchecked(text), strict=True):
                np.testing.assert_allclose(a, b, atol=1e-6)
        row = {
            "drafts": len(texts),
            "mean_chars": round(float(np.mean([len(t) + len(b) for t, b in pairs]))),
            "hand_ms": _per_draft_ms(hand, texts),
            "stock_unchecked_ms": _per_draft_ms(stock_unchecked, texts),
            "stock_ms": _per_draft_ms(stock, texts),
        }
        out[name] = row
        print(
            f"   {name}: both models per draft ({row['mean_chars']} chars, CPU, best of "
            f"{ROUNDS} rounds): hand {row['hand_ms']} ms, stock validation off "
            f"{row['stock_unchecked_ms']} ms, stock {row['stock_ms']} ms"
        )
    print(f"   load {out['loadavg']}")
    return out
