"""Fast, exact equivalents of the classifier's text features, for training on many drafts.

`models.classify` defines the features: `classifier_text` turns a draft's tokens into one
string, and a TfidfVectorizer over `models.tokenize.word_ngrams` counts its unigrams and
bigrams. scikit-learn counts them one Python dict operation at a time (60 s for 50,000 drafts
on this machine), so retraining computes the very same matrices with arrays instead:

- classifier strings are built once per draft (`classifier_text`, genre tokens included), tokens
  are numbered with pandas.factorize, a bigram is one int64, and counting, document frequencies
  and the min_df/max_df cut are numpy operations;
- the fitted vectorizer is an ordinary `CompactTfidfVectorizer` with the vocabulary and idf
  scikit-learn would have learnt, so serving uses scikit-learn's own `transform`;
- tests compare vocabulary, idf and matrices with scikit-learn's fit on the corpus.

What this module cannot reproduce exactly (another analyzer, max_features, binary counts)
goes to scikit-learn unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from models.classify import SEPARATOR, classifier_text
from models.tokenize import word_ngrams

TokenPair = tuple[Sequence[str], Sequence[str]]  # (title words, body words) as stored


class Docs:
    """A batch of drafts as feature codes: a unigram is its name's index i < N, a bigram of
    names a, b is N + a*N + b. `docs[k]` is the draft that feature occurrence k belongs to."""

    def __init__(self, names: list[str], codes: np.ndarray, docs: np.ndarray, n: int) -> None:
        self.names = names
        self.codes = codes
        self.docs = docs
        self.n_docs = n
        self.pairs: Sequence[TokenPair] | None = None
        self.texts: Sequence[str] | None = None

    @property
    def v(self) -> int:
        return len(self.names)

    def name(self, code: int) -> str:
        if code < self.v:
            return self.names[code]
        a, b = divmod(code - self.v, self.v)
        return f"{self.names[a]}_{self.names[b]}"

    def code(self, name: str, index: dict[str, int]) -> list[int]:
        """Every feature code whose name is `name` (a unigram, or a bigram split at a "_")."""
        out = [index[name]] if name in index else []
        for k, c in enumerate(name):
            if c == "_" and name[:k] in index and name[k + 1 :] in index:
                out.append(self.v + index[name[:k]] * self.v + index[name[k + 1 :]])
        return out

    def same_names(self, codes: np.ndarray) -> np.ndarray | None:
        """For distinct feature codes: position -> position of the first code with the same
        name (scikit-learn counts them as one feature), or None when no two names coincide.

        Only names with "_" can coincide. The candidates are the features that involve a
        name with "_" and the bigrams a_b whose name is such a unigram; names are built for
        those alone (building them for every feature cost 500 MiB on the corpus)."""
        under = np.flatnonzero(np.fromiter(("_" in t for t in self.names), bool, self.v))
        if len(under) == 0:
            return None
        v = self.v
        bigram = codes >= v
        first, second = np.divmod(np.where(bigram, codes - v, 0), v)
        involved = np.isin(codes, under) | (
            bigram & (np.isin(first, under) | np.isin(second, under))
        )
        index = {t: i for i, t in enumerate(self.names)}
        candidates = set(codes[involved].tolist())
        for i in under.tolist():
            candidates.update(self.code(self.names[i], index))
        position = pd.Index(codes)
        found = position.get_indexer(np.fromiter(candidates, np.int64, len(candidates)))
        merged = np.arange(len(codes))
        changed = False
        for p in sorted(int(p) for p in found if p >= 0):
            if merged[p] != p:
                continue
            same = position.get_indexer(np.array(self.code(self.name(int(codes[p])), index)))
            for q in same[same > p]:
                merged[q] = p
                changed = True
        return merged if changed else None

    def as_texts(self) -> Sequence[str]:
        if self.texts is None:
            assert self.pairs is not None
            self.texts = [classifier_text(t, b) for t, b in self.pairs]
        return self.texts

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> Docs:
        """Classifier strings (as word_ngrams reads them: split on single spaces).

        Tokens are numbered one draft at a time (in order of first appearance, as
        pandas.factorize numbers them): only one draft's token strings exist at once."""
        index: dict[str, int] = {}
        number = index.setdefault
        parts = [
            np.fromiter((number(w, len(index)) for w in t.split(" ")), dtype=np.int64)
            if t
            else np.empty(0, dtype=np.int64)
            for t in texts
        ]
        lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        ids = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
        del parts
        names = list(index)
        doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        sep = index.get(SEPARATOR, -1)
        keep = ids != sep
        pair = (doc[:-1] == doc[1:]) & keep[:-1] & keep[1:]
        v = len(names)
        out = cls(
            names,
            np.concatenate([ids[keep], v + ids[:-1][pair] * v + ids[1:][pair]]),
            np.concatenate([doc[keep], doc[:-1][pair]]),
            len(texts),
        )
        out.texts = texts
        return out

    @classmethod
    def from_tokens(cls, pairs: Sequence[TokenPair]) -> Docs:
        """Stored tokens to features, through `classifier_text` (one definition of the features:
        the genre tokens of models.genre are computed from the body's tokens)."""
        out = cls.from_texts([classifier_text(t, b) for t, b in pairs])
        out.pairs = pairs
        return out


def _as_docs(data: Docs | Sequence[str]) -> Docs:
    return data if isinstance(data, Docs) else Docs.from_texts(data)


# -- the vectorizer ------------------------------------------------------------------------------


def _supported(vectorizer: TfidfVectorizer) -> bool:
    return (
        vectorizer.analyzer is word_ngrams
        and vectorizer.max_features is None
        and not vectorizer.binary
        and vectorizer.vocabulary is None
    )


def _matrix(
    rows: np.ndarray, cols: np.ndarray, data: np.ndarray | None, shape: tuple[int, int]
) -> sp.csr_matrix:
    """A CSR matrix with duplicates summed and sorted indices (what CountVectorizer gives)."""
    values = np.ones(len(cols), dtype=np.float32) if data is None else data
    x = sp.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float32)
    x.sum_duplicates()
    x.sort_indices()
    return x


def _limits(vectorizer: TfidfVectorizer, n_docs: int) -> tuple[float, float]:
    max_df, min_df = vectorizer.max_df, vectorizer.min_df
    high = max_df if isinstance(max_df, Integral) else max_df * n_docs
    low = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    return high, low


def fit_transform(vectorizer: TfidfVectorizer, data: Docs | Sequence[str]) -> sp.csr_matrix:
    """Fit `vectorizer` exactly as vectorizer.fit_transform(texts) would and return X."""
    if not _supported(vectorizer):
        return vectorizer.fit_transform(data.as_texts() if isinstance(data, Docs) else data)
    vectorizer._check_params()
    batch = _as_docs(data)
    ids, unique_codes = pd.factorize(batch.codes)
    merged = batch.same_names(unique_codes)
    if merged is not None:  # features whose names coincide are one feature in sklearn
        ids, first = pd.factorize(merged[ids])
        unique_codes = unique_codes[first]
    n_features = len(unique_codes)
    x = _matrix(batch.docs, ids, None, (batch.n_docs, n_features))
    df = np.bincount(x.indices, minlength=n_features)
    high, low = _limits(vectorizer, batch.n_docs)
    kept = np.flatnonzero((df <= high) & (df >= low))
    if len(kept) == 0:
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    kept_names = [batch.name(int(c)) for c in unique_codes[kept]]
    order = sorted(range(len(kept)), key=kept_names.__getitem__)
    new_col = np.full(n_features, -1, dtype=np.int64)
    new_col[kept[order]] = np.arange(len(kept))
    coo = x.tocoo()
    cols = new_col[coo.col]
    keep = cols >= 0
    x = _matrix(coo.row[keep], cols[keep], coo.data[keep], (batch.n_docs, len(kept)))
    vectorizer.vocabulary_ = {kept_names[j]: i for i, j in enumerate(order)}
    vectorizer.fixed_vocabulary_ = False
    vectorizer._tfidf = TfidfTransformer(
        norm=vectorizer.norm,
        use_idf=vectorizer.use_idf,
        smooth_idf=vectorizer.smooth_idf,
        sublinear_tf=vectorizer.sublinear_tf,
    ).fit(x)
    return vectorizer._tfidf.transform(x, copy=False)


def transform(vectorizer: TfidfVectorizer, data: Docs | Sequence[str]) -> sp.csr_matrix:
    """vectorizer.transform(texts) for a fitted vectorizer, computed with arrays."""
    if vectorizer.analyzer is not word_ngrams or vectorizer.binary:
        return vectorizer.transform(data.as_texts() if isinstance(data, Docs) else data)
    batch = _as_docs(data)
    vocabulary = vectorizer.vocabulary_
    inverse, unique_codes = pd.factorize(batch.codes)
    cols = np.fromiter(
        (vocabulary.get(batch.name(int(c)), -1) for c in unique_codes),
        dtype=np.int64,
        count=len(unique_codes),
    )
    col = cols[inverse]
    keep = col >= 0
    x = _matrix(batch.docs[keep], col[keep], None, (batch.n_docs, len(vocabulary)))
    return vectorizer._tfidf.transform(x, copy=False)
