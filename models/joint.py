"""The TF-IDF rows of one draft for both fitted models at once (category and news style).

Each model's `transform_one` looked every distinct gram up in its own vocabulary: two look-ups
per gram in dictionaries of 100,000–170,000 strings, a cache miss or three each, a third of the
check's time. Here the union of the vocabularies is a sorted array of keys, with each term's
column in each vocabulary: a draft's grams are keyed in numpy, counted with `np.unique` and
found by their top bits (a bucket's start in the sorted keys), no Python loop per gram and no scipy matrix per draft. The
values are the ones `transform_one` computes (raw counts, optional sublinear tf, idf, l2 norm).

Keys come from the draft's classifier tokens, never from gram strings: each token is hashed
once (in C), a unigram's key is its token's hash and a bigram's is mixed from its two tokens'
hashes in numpy (`gram_keys`), so the ~700 bigram strings of a draft are never built. A
token's hash is the process's string hash of the token paired with its length, since Python
hashes a string's internal bytes and 兑 (U+5151, two bytes 0x51 0x51) hashes as "QQ" does.

A vocabulary term is keyed the same way from the tokens that make it. A term holding "_" is
ambiguous ("a_b_c" is the bigram a + b_c, the bigram a_b + c, or one token "a_b_c"), so every
reading is registered with the term's columns; two readings of one term met in one draft add
up in its column, as scikit-learn counts them. Two different sequences of tokens share a key
with a probability of about 2^-64 per pair, some 1e-11 per draft against the whole
vocabulary. A vocabulary two of whose terms share a key is refused (`JointVocabulary.of`
returns None) and each model then uses its own path (`transform_one` over the gram strings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

SEPARATOR = "|"  # no gram spans it (models.tokenize.ngrams); it is no gram itself
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: a bigram's key is key(a) * _MIX + key(b)
_MAX_BITS = 22  # buckets of keys by their top bits: at most 4M (16 MiB of bucket starts)


@dataclass(frozen=True, slots=True)
class Row:
    """One draft's TF-IDF row: the nonzero columns (ascending) and their values, as a CSR row
    has them (`indices`, `data`)."""

    indices: np.ndarray
    data: np.ndarray


class JointVocabulary:
    """The terms of several fitted TfidfVectorizers by key (sorted), with the term's column in
    each (-1 where a vectorizer lacks the term): a term with a "_" has several keys."""

    def __init__(self, vectorizers: Sequence[Any], keys: np.ndarray, columns: np.ndarray):
        self.vectorizers = list(vectorizers)
        self.keys = keys
        self.columns = columns
        # each key's columns as one item (a row of `columns` read at once, one cache line)
        k = columns.shape[1] if columns.ndim == 2 else 0
        self._packed = np.ascontiguousarray(columns).view(np.dtype((np.void, 4 * k)))[:, 0]
        # where the keys of each bucket (their top `bits` bits) start in `keys`: a draft's
        # ~1,100 keys are found with a read or two each, where a binary search over 300,000
        # keys read some 18 scattered ones (half the time of `rows`)
        bits = min(_MAX_BITS, max(1, (2 * len(keys)).bit_length()))
        self._shift = np.uint64(64 - bits)
        bounds = np.arange(2**bits + 1, dtype=np.uint64) << self._shift
        self._starts = np.searchsorted(keys, bounds).astype(np.int32)
        self._starts[-1] = len(keys)  # (the last bound wrapped to 0)

    def _find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For sorted distinct `keys`: an index into self.keys for each, and whether the key
        is there at that index (as a binary search of self.keys)."""
        bucket = (keys >> self._shift).astype(np.intp)
        lo, hi = self._starts[bucket], self._starts[bucket + 1]
        at = np.minimum(lo, len(self.keys) - 1)
        hit = (self.keys[at] == keys) & (lo < hi)
        crowded = np.flatnonzero(~hit & (hi - lo > 1))  # not the bucket's first key
        if len(crowded):
            more = np.minimum(np.searchsorted(self.keys, keys[crowded]), len(self.keys) - 1)
            at[crowded] = more
            hit[crowded] = self.keys[more] == keys[crowded]
        return at, hit

    @classmethod
    def of(cls, vectorizers: Sequence[Any]) -> JointVocabulary | None:
        k = len(vectorizers)
        union: dict[str, list[int]] = {}
        for j, vectorizer in enumerate(vectorizers):
            for term, col in vectorizer.vocabulary_.items():
                union.setdefault(term, [-1] * k)[j] = col
        words = list(union)
        columns = np.array(list(union.values()), dtype=np.int32).reshape(len(union), k)
        # every reading of every term: the term as one token, and each cut at a "_"
        owners = [i for i, w in enumerate(words) if w != SEPARATOR]
        singles = [words[i] for i in owners]
        lefts: list[str] = []
        rights: list[str] = []
        for i, word in enumerate(words):
            cut = word.find("_")
            while cut >= 0:
                left, right = word[:cut], word[cut + 1 :]
                if SEPARATOR not in (left, right):
                    lefts.append(left)
                    rights.append(right)
                    owners.append(i)
                cut = word.find("_", cut + 1)
        keys = np.concatenate(
            [_token_keys(singles), _token_keys(lefts) * _MIX + _token_keys(rights)]
        )
        order = np.argsort(keys, kind="stable")
        keys, columns = keys[order], columns[np.array(owners, dtype=np.intp)[order]]
        if len(keys) > 1 and bool(np.any(keys[1:] == keys[:-1])):
            return None
        return cls(vectorizers, keys, columns)

    def rows(self, tokens: Sequence[str]) -> list[Row]:
        """Each vectorizer's row for one draft's classifier tokens (models.classify:
        `classifier_tokens`, the list the vectorizers' analyzer splits the text into)."""
        k = len(self.vectorizers)
        found = np.empty((0, k), dtype=np.int32)
        counts = np.empty(0, dtype=np.float64)
        if tokens and len(self.keys):
            keys, n = np.unique(gram_keys(tokens), return_counts=True)
            at, hit = self._find(keys)
            found = self._packed[at[hit]].view(np.int32).reshape(-1, k)
            counts = n[hit].astype(np.float64)
        out = []
        for j, vectorizer in enumerate(self.vectorizers):
            present = found[:, j] >= 0
            out.append(_row(vectorizer, found[present, j], counts[present]))
        return out


def _token_keys(tokens: Sequence[str]) -> np.ndarray:
    """hash((token, len(token))) of each token, computed in C, as unsigned 64-bit keys."""
    pairs = zip(tokens, map(len, tokens), strict=True)
    hashes = np.fromiter(map(hash, pairs), dtype=np.int64, count=len(tokens))
    return hashes.view(np.uint64)


def gram_keys(tokens: Sequence[str]) -> np.ndarray:
    """The key of each unigram and each bigram of `tokens` (uint64, wrapping arithmetic).

    Grams with the separator get keys too: no vocabulary term is read that way, so they are
    never found (`JointVocabulary.of` registers no reading with a separator)."""
    unigrams = _token_keys(tokens)
    return np.concatenate([unigrams, unigrams[:-1] * _MIX + unigrams[1:]])


def _row(vectorizer: Any, cols: np.ndarray, counts: np.ndarray) -> Row:
    order = np.argsort(cols)
    indices = cols[order]
    values = counts[order]
    if len(indices) > 1:
        fresh = np.flatnonzero(indices[1:] != indices[:-1]) + 1
        if len(fresh) < len(indices) - 1:  # two readings of one term (a "_" in it): one count
            starts = np.concatenate([[0], fresh])
            indices, values = indices[starts], np.add.reduceat(values, starts)
    if vectorizer.sublinear_tf:
        values = np.log(values) + 1.0
    if vectorizer.use_idf:
        values *= vectorizer.idf_[indices]
    if vectorizer.norm == "l2" and len(values):
        values /= np.sqrt(np.dot(values, values)) or 1.0
    return Row(indices.astype(np.int32), values.astype(vectorizer.dtype))


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
