"""The TF-IDF rows of one draft for both fitted models at once (category and news style).

Each model's `transform_one` looked every distinct gram up in its own vocabulary: two look-ups
per gram in dictionaries of 100,000–170,000 strings, a cache miss or three each, a third of the
check's time. Here the union of the vocabularies is an array of the terms' hashes, sorted, with
each term's column in each vocabulary: a draft's grams are hashed (in C), counted with
`np.unique` and found with one `np.searchsorted`, no Python loop per gram and no scipy matrix per
draft. The values are the ones `transform_one` computes (raw counts, optional sublinear tf, idf,
l2 norm).

Terms are matched by a 64-bit hash (`_hashes`): the process's string hash of the term paired
with its length, since Python hashes a string's internal bytes and 兑 (U+5151, two bytes 0x51
0x51) hashes as "QQ" does. Two different strings then share a hash with a probability of about
2^-64 per pair, some 1e-11 per draft against the whole vocabulary. A vocabulary whose own terms
collide is refused (`JointVocabulary.of` returns None) and each model then uses its own path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True, slots=True)
class Row:
    """One draft's TF-IDF row: the nonzero columns (ascending) and their values, as a CSR row
    has them (`indices`, `data`)."""

    indices: np.ndarray
    data: np.ndarray


class JointVocabulary:
    """The terms of several fitted TfidfVectorizers by hash, with their column in each (-1 where
    a vectorizer lacks the term)."""

    def __init__(self, vectorizers: Sequence[Any], hashes: np.ndarray, columns: np.ndarray):
        self.vectorizers = list(vectorizers)
        self.hashes = hashes
        self.columns = columns

    @classmethod
    def of(cls, vectorizers: Sequence[Any]) -> JointVocabulary | None:
        k = len(vectorizers)
        union: dict[str, list[int]] = {}
        for j, vectorizer in enumerate(vectorizers):
            for term, col in vectorizer.vocabulary_.items():
                union.setdefault(term, [-1] * k)[j] = col
        hashes = _hashes(list(union))
        columns = np.array(list(union.values()), dtype=np.int64).reshape(len(union), k)
        order = np.argsort(hashes, kind="stable")
        hashes, columns = hashes[order], columns[order]
        if len(hashes) > 1 and bool(np.any(hashes[1:] == hashes[:-1])):
            return None
        return cls(vectorizers, hashes, columns)

    def rows(self, grams: Sequence[str]) -> list[Row]:
        """Each vectorizer's row for one analyzed draft."""
        k = len(self.vectorizers)
        found = np.empty((0, k), dtype=np.int64)
        counts = np.empty(0, dtype=np.float64)
        if grams and len(self.hashes):
            keys, n = np.unique(_hashes(grams), return_counts=True)
            at = np.minimum(np.searchsorted(self.hashes, keys), len(self.hashes) - 1)
            hit = self.hashes[at] == keys
            found, counts = self.columns[at[hit]], n[hit].astype(np.float64)
        out = []
        for j, vectorizer in enumerate(self.vectorizers):
            present = found[:, j] >= 0
            out.append(_row(vectorizer, found[present, j], counts[present]))
        return out


def _hashes(terms: Sequence[str]) -> np.ndarray:
    """hash((term, len(term))) of each term, computed in C."""
    pairs = zip(terms, map(len, terms), strict=True)
    return np.fromiter(map(hash, pairs), dtype=np.int64, count=len(terms))


def _row(vectorizer: Any, cols: np.ndarray, counts: np.ndarray) -> Row:
    order = np.argsort(cols)  # columns are distinct: CSR order
    indices = cols[order].astype(np.int32)
    values = counts[order]
    if vectorizer.sublinear_tf:
        values = np.log(values) + 1.0
    if vectorizer.use_idf:
        values *= vectorizer.idf_[indices]
    if vectorizer.norm == "l2" and len(values):
        values /= np.sqrt(np.dot(values, values)) or 1.0
    return Row(indices, values.astype(vectorizer.dtype))


def row_proba(model: Any, row: Row) -> np.ndarray:
    """predict_proba of a fitted LogisticRegression for one row (as `linear_proba`)."""
    coef = model.coef_
    scores = coef[:, row.indices] @ row.data + model.intercept_
    if scores.shape[0] == 1:  # binary: sigmoid of the one decision value
        p = 1.0 / (1.0 + np.exp(-scores[0]))
        return np.array([1.0 - p, p])
    scores = scores - scores.max()
    e = np.exp(scores)
    proba: np.ndarray = e / e.sum()
    return proba
