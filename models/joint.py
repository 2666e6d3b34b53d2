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

import mmap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

SEPARATOR = "|"  # no gram spans it (models.tokenize.ngrams); it is no gram itself
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd: a bigram's key is key(a) * _MIX + key(b)
_MAX_BITS = 22  # buckets of keys by their top bits: at most 4M (16 MiB of bucket starts)


@dataclass(frozen=True, slots=True)
class Row:
    """One draft's TF-IDF row: the nonzero columns (ascending) and their values, as a CSR row
    has them (`indices`, `data`); with `weights`, `model.coef_[:, indices]` read from the joint
    table along with the columns (`row_proba` uses them for that model only)."""

    indices: np.ndarray
    data: np.ndarray
    weights: np.ndarray | None = field(default=None, compare=False, repr=False)
    model: Any = field(default=None, compare=False, repr=False)


class JointVocabulary:
    """The terms of several fitted TfidfVectorizers by key (sorted), with the term's column in
    each (-1 where a vectorizer lacks the term): a term with a "_" has several keys.

    Everything a draft's term needs is in one record next to its key (`_records`): its column,
    idf and, given the fitted linear models, their coefficients in each vectorizer. A draft's
    ~1,100 keys land at random places of tables of millions of entries, and each read was a
    cache miss or a TLB miss (the rest of a check evicts them): reading the key, the columns,
    each idf and each model's coefficients from five arrays cost about three times what the
    same work costs with the tables cached. One record is one or two cache lines."""

    def __init__(
        self,
        vectorizers: Sequence[Any],
        keys: np.ndarray,
        columns: np.ndarray,
        models: Sequence[Any] | None = None,
    ):
        self.vectorizers = list(vectorizers)
        self.keys = keys  # for the binary search in crowded buckets (rarely read)
        k = columns.shape[1] if columns.ndim == 2 else 0
        idfs = [_idf(v) for v in self.vectorizers]
        coefs = [_coef(m, v) for m, v in zip(models or [None] * k, self.vectorizers, strict=False)]
        layout: list[tuple[str, Any, tuple[int, ...]]] = [
            ("key", np.uint64, ()),
            ("col", np.int32, (k,)),
        ]
        layout += [(f"idf{j}", idf.dtype, ()) for j, idf in enumerate(idfs) if idf is not None]
        layout += [
            (f"coef{j}", coef.dtype, (coef.shape[0],))
            for j, coef in enumerate(coefs)
            if coef is not None
        ]
        records = _huge_zeros(len(keys), np.dtype(layout))
        records["key"], records["col"] = keys, columns.reshape(len(keys), k)
        for j, (idf, coef) in enumerate(zip(idfs, coefs, strict=False)):
            col = columns[:, j] if k else np.empty(0, np.int32)
            there = col >= 0
            if idf is not None:
                records[f"idf{j}"][there] = idf[col[there]]
            if coef is not None:
                records[f"coef{j}"][there] = coef[:, col[there]].T
        self._records = records
        # gathered as raw bytes (a structured gather copies field by field, 5x slower)
        self._raw = records.view(np.dtype((np.void, records.dtype.itemsize)))
        self._record_keys = records["key"]
        self._idf = [idf is not None for idf in idfs]
        self._models = [
            None if coef is None else m
            for coef, m in zip(coefs, models or [None] * k, strict=False)
        ]
        # where the keys of each bucket (their top `bits` bits) start in `keys`: a draft's
        # ~1,100 keys are found with a read or two each, where a binary search over 300,000
        # keys read some 18 scattered ones (half the time of `rows`)
        bits = min(_MAX_BITS, max(1, (2 * len(keys)).bit_length()))
        self._shift = np.uint64(64 - bits)
        bounds = np.arange(2**bits + 1, dtype=np.uint64) << self._shift
        self._starts = _huge_zeros(len(bounds), np.dtype(np.int32))
        self._starts[:] = np.searchsorted(keys, bounds)
        self._starts[-1] = len(keys)  # (the last bound wrapped to 0)

    def _find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For sorted distinct `keys`: an index into self.keys for each, and whether the key
        is there at that index (as a binary search of self.keys). A bucket's first record is
        read for each key, its second for a key not yet found in a crowded bucket (adjacent:
        the same or the next cache line), a binary search only beyond."""
        bucket = (keys >> self._shift).astype(np.intp)
        lo, hi = self._starts[bucket], self._starts[bucket + 1]
        last = len(self.keys) - 1
        at = np.minimum(lo, last)
        got = self._record_keys[at]
        hit = (got == keys) & (lo < hi)
        crowded = np.flatnonzero(~hit & (hi - lo > 1) & (got < keys))  # a bucket's keys ascend
        if len(crowded):
            second = at[crowded] + 1
            found = self._record_keys[second] == keys[crowded]
            at[crowded[found]] = second[found]
            hit[crowded[found]] = True
            crowded = crowded[~found & (hi[crowded] - lo[crowded] > 2)]
        if len(crowded):
            more = np.minimum(np.searchsorted(self.keys, keys[crowded]), last)
            at[crowded] = more
            hit[crowded] = self.keys[more] == keys[crowded]
        return at, hit

    @classmethod
    def of(
        cls, vectorizers: Sequence[Any], models: Sequence[Any] | None = None
    ) -> JointVocabulary | None:
        """The joint table of `vectorizers` (with `models`, each one's fitted linear model on
        that vectorizer's features: its coefficients go in the records); None when two terms
        share a key."""
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
        return cls(vectorizers, keys, columns, models)

    def rows(self, tokens: Sequence[str]) -> list[Row]:
        """Each vectorizer's row for one draft's classifier tokens (models.classify:
        `classifier_tokens`, the list the vectorizers' analyzer splits the text into)."""
        found = self._records[:0]
        counts = np.empty(0, dtype=np.float64)
        if tokens and len(self.keys):
            keys, n = _counted(gram_keys(tokens))
            at, hit = self._find(keys)
            found = self._raw[at[hit]].view(self._records.dtype)
            counts = n[hit].astype(np.float64)
        out = []
        cols = found["col"]
        for j, vectorizer in enumerate(self.vectorizers):
            col = cols[:, j]
            present = np.flatnonzero(col >= 0)
            pick = present[np.argsort(col[present])]  # the row's terms by column
            model = self._models[j]
            out.append(
                _row(  # each field gathered on its own (a structured gather is 5x slower)
                    vectorizer,
                    col[pick],
                    counts[pick],
                    found[f"idf{j}"][pick] if self._idf[j] else None,
                    found[f"coef{j}"][pick] if model is not None else None,
                    model,
                )
            )
        return out


_HUGE_PAGE = 2 << 20


def _huge_zeros(count: int, dtype: np.dtype[Any]) -> np.ndarray:
    """np.zeros(count, dtype) on fresh memory the kernel is asked to back with 2 MiB pages.

    A draft's ~1,000 keys are read at random places of these tables: on 4 KiB pages each read
    was a TLB miss too (a page walk, dearer still in a virtual machine). numpy asks for huge
    pages for a large np.empty only, and memory the allocator hands back again keeps the pages
    it had: here an anonymous map of our own, advised before the first write."""
    size = count * dtype.itemsize
    advice = getattr(mmap, "MADV_HUGEPAGE", None)
    if size < _HUGE_PAGE or advice is None:
        return np.zeros(count, dtype)
    # private and anonymous: zero-filled, untouched (a shared map would be shmem, never huge)
    buffer = mmap.mmap(-1, size + _HUGE_PAGE, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    buffer.madvise(advice)
    start = np.frombuffer(buffer, dtype=np.uint8, count=1).ctypes.data
    offset = -start % _HUGE_PAGE  # from a huge page boundary
    return np.frombuffer(buffer, dtype=dtype, count=count, offset=offset)


def _idf(vectorizer: Any) -> np.ndarray | None:
    idf = getattr(vectorizer, "idf_", None) if getattr(vectorizer, "use_idf", False) else None
    return idf if isinstance(idf, np.ndarray) and idf.ndim == 1 else None


def _coef(model: Any, vectorizer: Any) -> np.ndarray | None:
    """The model's coefficients (classes x features), when they are a dense array over the
    vectorizer's columns."""
    coef = getattr(model, "coef_", None)
    n = len(getattr(vectorizer, "vocabulary_", ()))
    if not isinstance(coef, np.ndarray) or coef.ndim != 2 or coef.shape[1] != n:
        return None
    return coef


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


def _counted(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(keys, return_counts=True)` for a non-empty array, sorted in place: a few
    calls in C where np.unique goes through a dozen Python-level steps."""
    keys.sort()
    new = np.empty(len(keys), dtype=bool)
    new[0] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:])
    first = np.flatnonzero(new)
    ends = np.empty_like(first)
    ends[:-1] = first[1:]
    ends[-1] = len(keys)
    return keys[first], ends - first


def _row(
    vectorizer: Any,
    indices: np.ndarray,
    counts: np.ndarray,
    idf: np.ndarray | None = None,
    coef: np.ndarray | None = None,
    model: Any = None,
) -> Row:
    """The row from a draft's found columns (ascending) and their counts, with each column's
    idf and coefficients as read from the records (None: idf read from the vectorizer, no
    coefficients kept)."""
    values = counts
    if len(indices) > 1 and bool((indices[1:] == indices[:-1]).any()):
        # two readings of one term (a "_" in it): one count
        starts = np.flatnonzero(np.concatenate([[True], indices[1:] != indices[:-1]]))
        indices, values = indices[starts], np.add.reduceat(values, starts)
        idf = None if idf is None else idf[starts]
        coef = None if coef is None else coef[starts]
    if vectorizer.sublinear_tf:
        values = np.log(values) + 1.0
    if vectorizer.use_idf:
        values *= vectorizer.idf_[indices] if idf is None else idf
    if vectorizer.norm == "l2" and len(values):
        values /= np.sqrt(np.dot(values, values)) or 1.0
    weights = None
    if coef is not None:  # in the memory order `model.coef_[:, indices]` has: the matrix
        # product then sums in the same order, to the last bit (scikit-learn's is Fortran)
        fortran = model.coef_.flags.f_contiguous and not model.coef_.flags.c_contiguous
        weights = np.asfortranarray(coef.T) if fortran else np.ascontiguousarray(coef.T)
    return Row(indices.astype(np.int32), values.astype(vectorizer.dtype), weights, model)


def row_proba(model: Any, row: Row) -> np.ndarray:
    """predict_proba of a fitted LogisticRegression for one row (as `linear_proba`)."""
    if row.weights is not None and row.model is model:
        coef = row.weights  # model.coef_[:, row.indices], read with the columns
    else:
        coef = model.coef_[:, row.indices]
    scores = coef @ row.data + model.intercept_
    if scores.shape[0] == 1:  # binary: sigmoid of the one decision value
        p = 1.0 / (1.0 + np.exp(-scores[0]))
        return np.array([1.0 - p, p])
    scores = scores - scores.max()
    e = np.exp(scores)
    proba: np.ndarray = e / e.sum()
    return proba
